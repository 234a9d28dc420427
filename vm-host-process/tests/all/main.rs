//! The out-of-process VM against the in-process one, and its fault handling.

mod faults;
mod harness;
mod scenarios;

//! Integration tests of the Wasmer executor, one module per area.

mod cache;
mod gas;
mod hooks;
mod limits;
mod memory;
mod support;
mod timeout;
mod traps;
mod validation;

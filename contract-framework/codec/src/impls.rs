//! The codec's implementations for Rust's own types.

mod num;
mod seq;
mod tuple;
mod wrappers;

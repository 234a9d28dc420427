//! Test doubles for driving the VM and its hooks without a real chain or engine.

mod instance;

pub use instance::MemoryInstance;

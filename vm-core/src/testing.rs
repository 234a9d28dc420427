//! Test doubles for driving the VM and its hooks without a real chain or engine.

mod chain;
mod instance;

pub use chain::{MockAccount, MockChain};
pub use instance::MemoryInstance;

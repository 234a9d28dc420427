//! The contract's view of the VM: blockchain information, call value, events, transfers and
//! calls. Free functions, grouped by module; `#[contract]` traits reach them through
//! `self.blockchain()`-style accessors too.

pub mod blockchain;
pub mod call_value;
pub mod crypto;
pub mod events;
pub mod send;

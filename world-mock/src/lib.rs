//! Strata's in-memory blockchain and scenario JSON runner.
//!
//! [`World`] implements [`BlockchainHooks`](blockchain_hooks::BlockchainHooks) with accounts,
//! ESDT, blocks, new addresses, shards and the protocol's builtin functions, and hands each
//! contract execution to the [`VmHandler`](vm_handler::VmHandler) registered for the VM type
//! of the contract address. [`ScenarioRunner`] runs `*.scen.json` files on it; it assembles a
//! VM per gas schedule through a [`VmFactory`] the caller supplies.
//!
//! ```
//! use strata_world_mock::{ScenarioRunner, ValueContext};
//!
//! // The value interpreter of the scenario format.
//! let ctx = ValueContext::default();
//! assert_eq!(ctx.interpret("u16:5|str:ab").unwrap(), vec![0, 5, b'a', b'b']);
//!
//! // A scenario with no contract runs without any VM.
//! let text = r#"{"steps": [
//!     {"step": "setState", "accounts": {"address:alice": {"balance": "100"}}},
//!     {"step": "transfer", "tx": {"from": "address:alice", "to": "address:bob", "egldValue": "30"}},
//!     {"step": "checkState", "accounts": {
//!         "address:alice": {"nonce": "1", "balance": "70"},
//!         "address:bob": {"balance": "30"}
//!     }}
//! ]}"#;
//! let runner = ScenarioRunner::without_vm();
//! runner.run_str(text, "inline.scen.json".as_ref()).unwrap();
//! ```

mod builtins;
mod error;
mod scenario;
pub mod testing;
mod world;

pub use builtins::{
    BUILTIN_FUNCTIONS, UNSUPPORTED_BUILTIN_FUNCTIONS, is_builtin, messages as builtin_messages,
};
pub use error::WorldError;
pub use scenario::{
    DEFAULT_CODE_METADATA, FileOutcome, RunOptions, ScenarioRunner, StepFailure, StepTrace,
    TraceSink, TxTrace, UNIMPLEMENTED_HOOKS_CAUSE, ValueContext, VmFactory, bech32, display_value,
    esdt_builtin_args, interpret_value, readable, split_unimplemented,
};
pub use world::{Account, TokenHolding, World, reserved_keys};

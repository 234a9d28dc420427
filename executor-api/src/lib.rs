//! The VM ↔ engine interface of Strata.
//!
//! An [`Executor`] compiles contract code into a [`Module`] (cached by [`CodeHash`]); a module
//! makes [`Instance`]s; an instance runs an exported function and serves the contract's
//! imports with a [`VMHooks`] value, the 277 hooks of the MultiversX Environment Interface.
//! A hook stops execution by returning an [`EarlyExit`]. Executors meter opcodes with the
//! [`OpcodeCost`] section of the [`GasSchedule`] (both re-exported from the blockchain-hooks crate).
//!
//! This crate holds traits, plain data and error enums only.
//!
//! ```
//! use strata_executor_api::{GasSchedule, HOOKS, ReturnCode, hook_info};
//!
//! assert_eq!(HOOKS.len(), 277);
//! let hook = hook_info("getSCAddress").unwrap();
//! assert_eq!(hook.wasm_signature(), "(i32) -> ()");
//! assert_eq!(ReturnCode::OutOfGas.to_string(), "out of gas");
//! assert_eq!(GasSchedule::v4().base_ops_api_cost.get_sc_address, 100);
//! ```

mod early_exit;
mod error;
mod executor;
mod hooks;
pub mod native;

pub use blockchain_hooks::{GasSchedule, OpcodeCost, ReturnCode};
pub use early_exit::{EarlyExit, messages};
pub use error::ExecutorError;
pub use executor::{CodeHash, Executor, Instance, InstanceAccess, InstanceOptions, Module};
pub use hooks::{HOOKS, HookInfo, VMHooks, WasmType, hook_info};
pub use native::{NATIVE_PANIC_MESSAGE, NativeContract, NativeEndpoint};

/// A pointer into the contract's memory: a wasm offset for compiled contracts, a real address
/// for native contracts run by the debugger executor, hence pointer-wide.
pub type MemPtr = isize;

/// A length of a memory range, pointer-wide like [`MemPtr`].
pub type MemLength = isize;

//! Strata's executor for contracts compiled natively, for step debugging.
//!
//! A contract framework builds a contract twice from the same source: to wasm, and natively
//! into the host as an [`executor_api::NativeContract`] (its endpoints as Rust functions
//! taking the VM's hooks). [`DebuggerExecutor`] implements the same
//! [`Executor`](executor_api::Executor)/[`Module`](executor_api::Module)/[`Instance`](executor_api::Instance)
//! traits as the Wasmer executor: it runs the native build wherever an account holds the
//! wasm it was registered for, so the VM, the world and the scenario files stay the same
//! and a debugger (gdb, lldb, an IDE) can stop inside the contract's Rust code.
//!
//! What differs from Wasmer, by nature:
//! - **Gas**: hooks charge as on Wasmer; opcodes are not metered (native code has no wasm
//!   operators), so a native run uses less gas, and a gas limit stops the contract only at
//!   its next hook.
//! - **Memory**: pointers given to hooks are real addresses of the contract's memory; the
//!   executor refuses null and negative pointers, negative lengths and accesses over
//!   [`MAX_ACCESS`] bytes with Wasmer's messages and trusts the rest (native contract code
//!   is trusted host code).
//! - **Stops**: a hook's [`EarlyExit`](executor_api::EarlyExit) unwinds the endpoint and is
//!   returned unchanged; any other panic is return code 4,
//!   [`NATIVE_PANIC_MESSAGE`](executor_api::NATIVE_PANIC_MESSAGE), never a host crash; a
//!   missing endpoint is return code 1. Time limits are not enforced.
//!
//! ```
//! use std::sync::Arc;
//! use executor_api::{CodeHash, Executor, InstanceAccess, InstanceOptions, NativeContract,
//!     ReturnCode, VMHooks};
//! use strata_executor_debugger::DebuggerExecutor;
//!
//! fn fails(_: &mut dyn VMHooks, _: &mut dyn InstanceAccess) {
//!     panic!("a bug in the contract");
//! }
//! const CONTRACT: NativeContract = NativeContract { name: "buggy", endpoints: &[("run", fails)] };
//!
//! let mut executor = DebuggerExecutor::new();
//! executor.register(b"buggy.wasm".to_vec(), CONTRACT);
//! let module = executor.compile(CodeHash([1; 32]), b"buggy.wasm")?;
//! let mut instance = module.instantiate(&InstanceOptions::with_gas_limit(100))?;
//! # let hook = std::panic::take_hook();
//! # std::panic::set_hook(Box::new(|_| {}));
//! let mut hooks = executor_wasmer::testing::RecordingHooks::new();
//! let stop = instance.call("run", &mut hooks).unwrap_err();
//! # std::panic::set_hook(hook);
//! assert_eq!((stop.code, stop.message.as_str()), (ReturnCode::UserError, "panic occurred"));
//! let missing = instance.call("nothing", &mut hooks).unwrap_err();
//! assert_eq!(missing.code, ReturnCode::FunctionNotFound);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod executor;
mod instance;
mod memory;
mod module;

pub use executor::DebuggerExecutor;
pub use instance::NativeInstance;
pub use memory::MAX_ACCESS;
pub use module::NativeModule;

use std::path::PathBuf;

/// What can go wrong setting up the debugger executor.
#[derive(Debug, thiserror::Error)]
pub enum DebuggerError {
    /// A contract's wasm file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

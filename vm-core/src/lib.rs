//! The high-level Strata VM.
//!
//! [`VmHost`] implements [`VmHandler`](vm_handler::VmHandler) over any
//! [`Executor`](executor_api::Executor) and any [`BlockchainHooks`](blockchain_hooks::BlockchainHooks):
//! it charges the code-loading gas, compiles (once per code hash), runs the contract with a
//! per-transaction [`Context`] that gives every hook its meaning, and answers with a
//! [`VmOutput`](blockchain_hooks::VmOutput) holding all changes. Nothing is written to the
//! chain; a failed execution's output carries no change.
//!
//! ```ignore
//! use std::sync::Arc;
//! use strata_vm_core::{VmConfig, VmHost};
//!
//! let schedule = blockchain_hooks::GasSchedule::v4();
//! let executor = executor_wasmer::WasmerExecutor::new(/* … */)?;
//! let vm = VmHost::new(Arc::new(executor), schedule, VmConfig::default());
//! let output = vm.run_smart_contract_call(&input, &chain)?;
//! ```

mod abi;
mod config;
mod context;
mod convert;
pub mod errors;
mod hooks;
mod host;
mod managed;
mod output;
mod storage;
pub mod testing;

pub use config::VmConfig;
pub use context::{Context, Frame};
pub use hooks::{is_refused, refused_hooks};
pub use host::VmHost;
pub use managed::{HandleTable, ManagedTypes};
pub use output::{Checkpoint, OutputJournal};

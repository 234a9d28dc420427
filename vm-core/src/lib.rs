//! The high-level Strata VM.
//!
//! [`VmHost`] implements [`VmHandler`](vm_handler::VmHandler) over any
//! [`Executor`](executor_api::Executor) and any [`BlockchainHooks`](blockchain_hooks::BlockchainHooks):
//! it charges the code-loading gas, compiles (once per code hash), runs the contract with a
//! per-transaction [`Context`] that gives every hook its meaning, and answers with a
//! [`VmOutput`](blockchain_hooks::VmOutput) holding all changes. Nothing is written to the
//! chain; a failed execution's output carries no change.
//!
//! ```
//! use std::sync::Arc;
//!
//! use blockchain_hooks::{Address, CodeMetadata, ContractCallInput, GasSchedule, VmInput};
//! use executor_wasmer::{WasmerConfig, WasmerExecutor};
//! use strata_vm_core::{VmConfig, VmHost, testing::MockChain};
//! use vm_handler::VmHandler;
//!
//! let schedule = GasSchedule::v4();
//! let executor = WasmerExecutor::new(WasmerConfig::new(schedule.wasm_opcode_cost.clone()))?;
//! let vm = VmHost::new(Arc::new(executor), schedule, VmConfig::default());
//!
//! let code = wat::parse_str(r#"
//!     (module
//!       (import "env" "getArgument" (func $arg (param i32 i32) (result i32)))
//!       (import "env" "finish" (func $finish (param i32 i32)))
//!       (memory (export "memory") 1)
//!       (func (export "echo")
//!         (call $finish (i32.const 0) (call $arg (i32.const 0) (i32.const 0)))))
//! "#)?;
//! let (owner, contract) = (Address([1; 32]), Address([0; 32]));
//! let chain = MockChain::new()
//!     .with_user(owner, 0, 1)
//!     .with_contract(contract, code, CodeMetadata([5, 6]), owner);
//! let input = ContractCallInput {
//!     vm_input: VmInput {
//!         caller: owner,
//!         arguments: vec![b"hello".to_vec()],
//!         gas_provided: 5_000_000,
//!         ..VmInput::default()
//!     },
//!     recipient: contract,
//!     function: "echo".into(),
//!     allow_init: false,
//! };
//! let output = vm.run_smart_contract_call(&input, &chain)?;
//! assert!(output.return_code.is_ok());
//! assert_eq!(output.return_data, vec![b"hello".to_vec()]);
//! assert!(output.gas_remaining < 5_000_000);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod abi;
mod asynchronous;
mod config;
mod context;
mod convert;
pub mod errors;
mod go_rand;
mod hooks;
mod host;
mod lifecycle;
mod managed;
mod nested;
mod output;
mod overlay;
mod storage;
pub mod testing;

pub use config::{BARNARD_OPCODES_HOOKS, CRYPTO_OPCODES_V2_HOOKS, Features, VmConfig};
pub use context::{BackTransfers, Context, Frame};
pub use hooks::{is_refused, refused_hooks};
pub use host::VmHost;
pub use managed::{
    ENTRY_OVERHEAD, HandleTable, MANAGED_MEMORY_EXCEEDED, MAX_BIG_INT_WORK,
    MAX_MANAGED_BYTES_PER_TRANSACTION, ManagedSize, ManagedTypes,
};
pub use output::{Checkpoint, OutputJournal};

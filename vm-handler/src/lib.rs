//! The protocol ↔ VM interface of Strata.
//!
//! A protocol (a node, or the world mock of the scenario runner) hands a VM a
//! [`ContractCreateInput`] or a [`ContractCallInput`] and the chain as [`BlockchainHooks`];
//! the VM answers with a [`VmOutput`] that the protocol applies only on success. The plain
//! data is shared with the blockchain-hooks crate and re-exported here.
//!
//! ```
//! use strata_vm_handler::{ReturnCode, VmOutput};
//!
//! let failed = VmOutput::failure(ReturnCode::OutOfGas, "not enough gas");
//! assert!(failed.output_accounts.is_empty());
//! assert_eq!(failed.return_code.to_string(), "out of gas");
//! ```

mod error;
mod handler;

pub use blockchain_hooks::{
    Address, BlockchainHooks, CallType, CodeMetadata, ContractCallInput, ContractCreateInput,
    EsdtTransfer, GasSchedule, LogEntry, OutputAccount, OutputTransfer, ReturnCode, VmInput,
    VmOutput,
};
pub use error::VmError;
pub use handler::VmHandler;

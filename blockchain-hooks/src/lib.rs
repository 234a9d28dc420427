//! The read-only view of the chain that Strata's VM works through, and the plain data both
//! sides of the VM share.
//!
//! [`BlockchainHooks`] is how a VM reads accounts, storage, ESDT holdings and blocks, derives
//! new addresses and runs the protocol's builtin functions. Nothing in it writes: a VM answers
//! with a [`VmOutput`] that the caller applies. The shared vocabulary lives here too: the
//! [`ReturnCode`]s, the inputs and outputs, and the [`GasSchedule`].
//!
//! This crate holds traits, plain data and error enums only.
//!
//! ```
//! use strata_blockchain_hooks::{Address, CodeMetadata, GasSchedule, ReturnCode};
//!
//! let mut bytes = [0u8; 32];
//! bytes[8..10].copy_from_slice(&[5, 0]);
//! let contract = Address(bytes);
//! assert!(contract.is_smart_contract());
//! assert!(CodeMetadata::from_bytes(&[0x05, 0x06]).is_payable());
//! assert_eq!(ReturnCode::UserError.to_string(), "user error");
//! assert_eq!(GasSchedule::v3().base_operation_cost.get_code, 1_000_000);
//! ```

mod account;
mod address;
mod block;
mod error;
mod esdt;
mod gas;
mod hooks;
mod io;
mod return_code;

pub use account::CodeMetadata;
pub use address::{Address, WASM_VM_TYPE};
pub use block::BlockInfo;
pub use error::{BlockchainError, GasScheduleError};
pub use esdt::{EsdtKey, EsdtMetadata, EsdtTokenData, EsdtTokenType};
pub use gas::*;
pub use hooks::{BlockchainHooks, StorageRead};
pub use io::{
    CallType, ContractCallInput, ContractCreateInput, EsdtTransfer, LogEntry, OutputAccount,
    OutputTransfer, VmInput, VmOutput,
};
pub use num_bigint;
pub use return_code::ReturnCode;

//! The plain data a VM takes and gives: what to run ([`ContractCallInput`],
//! [`ContractCreateInput`]) and what it did ([`VmOutput`]). Builtin functions answer with
//! the same [`VmOutput`].

use std::collections::BTreeMap;

use num_bigint::{BigInt, BigUint};

use crate::{Address, CodeMetadata, EsdtKey, EsdtTokenData, ReturnCode};

/// How a contract is being called.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum CallType {
    /// A transaction or a synchronous call.
    #[default]
    DirectCall,
    /// The destination half of an asynchronous call.
    AsynchronousCall,
    /// The callback of an asynchronous call, back on the caller.
    AsynchronousCallBack,
    /// A call that arrives with an ESDT transfer.
    EsdtTransferAndExecute,
    /// Executed on the destination on behalf of the caller.
    ExecOnDestByCaller,
}

/// One ESDT payment of a call.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EsdtTransfer {
    /// The token identifier.
    pub token: Vec<u8>,
    /// The nonce (0 for fungible).
    pub nonce: u64,
    /// The amount.
    pub value: BigUint,
}

/// What every execution takes, deploy or call.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct VmInput {
    /// Who calls.
    pub caller: Address,
    /// The arguments, as raw bytes.
    pub arguments: Vec<Vec<u8>>,
    /// The EGLD value moved with the call.
    pub egld_value: BigUint,
    /// The ESDT payments moved with the call.
    pub esdt_transfers: Vec<EsdtTransfer>,
    /// How the contract is called.
    pub call_type: CallType,
    /// Gas price.
    pub gas_price: u64,
    /// Gas the execution may use.
    pub gas_provided: u64,
    /// Gas locked for an asynchronous callback.
    pub gas_locked: u64,
    /// Hash of the transaction that started it all.
    pub original_tx_hash: Vec<u8>,
    /// Hash of the current transaction.
    pub current_tx_hash: Vec<u8>,
    /// Hash of the previous transaction in an asynchronous chain.
    pub prev_tx_hash: Vec<u8>,
    /// The first caller of the chain of calls (the transaction's sender).
    pub original_caller: Address,
    /// The relayer of a relayed transaction.
    pub relayer: Option<Address>,
    /// Asynchronous call data carried to a callback.
    pub async_data: Vec<u8>,
    /// The call follows a failed asynchronous call (callback of an error).
    pub return_call_after_error: bool,
}

/// Run a function of an existing contract.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ContractCallInput {
    /// The common input.
    pub vm_input: VmInput,
    /// The contract.
    pub recipient: Address,
    /// The function.
    pub function: String,
    /// Allow calling `init` (only the protocol's upgrade path does).
    pub allow_init: bool,
}

/// Deploy a new contract and run its `init`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ContractCreateInput {
    /// The common input.
    pub vm_input: VmInput,
    /// The wasm code.
    pub code: Vec<u8>,
    /// The code metadata.
    pub code_metadata: CodeMetadata,
}

/// A transfer (with or without a call) the execution sends out of an account.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OutputTransfer {
    /// Who sends.
    pub sender: Address,
    /// EGLD value.
    pub value: BigUint,
    /// Gas forwarded with the transfer.
    pub gas_limit: u64,
    /// Gas locked for the callback.
    pub gas_locked: u64,
    /// The call data (`function@arg@…`, or a builtin function call).
    pub data: Vec<u8>,
    /// Asynchronous call data.
    pub async_data: Vec<u8>,
    /// How the destination is called.
    pub call_type: CallType,
    /// Position among all the transfers of the output, for ordering.
    pub index: u32,
}

/// Everything an execution changes in one account; applied only if the execution succeeds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OutputAccount {
    /// The account.
    pub address: Address,
    /// The new nonce, if it changes.
    pub nonce: Option<u64>,
    /// The change of the EGLD balance.
    pub balance_delta: BigInt,
    /// Storage writes: key → new value (empty = deleted).
    pub storage_updates: BTreeMap<Vec<u8>, Vec<u8>>,
    /// ESDT holdings that change: their new state (a zero value = none held).
    pub esdt_updates: BTreeMap<EsdtKey, EsdtTokenData>,
    /// New code (deploy or upgrade).
    pub code: Option<Vec<u8>>,
    /// New code metadata.
    pub code_metadata: Option<CodeMetadata>,
    /// Who deployed or upgraded the code.
    pub code_deployer: Option<Address>,
    /// Transfers sent from this account.
    pub output_transfers: Vec<OutputTransfer>,
    /// Gas the account's code used.
    pub gas_used: u64,
}

/// An event the execution emitted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LogEntry {
    /// Who emitted it.
    pub address: Address,
    /// The event identifier: an endpoint name or one of the VM's own (`transferValueOnly`,
    /// `ESDTTransfer`, `signalError`, `writeLog`, …).
    pub identifier: Vec<u8>,
    /// Topics.
    pub topics: Vec<Vec<u8>>,
    /// Data fields.
    pub data: Vec<Vec<u8>>,
}

/// What an execution did. A failed execution (return code not [`ReturnCode::Ok`]) carries no
/// account change: only the gas it consumed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct VmOutput {
    /// The outcome.
    pub return_code: ReturnCode,
    /// The message (the contract's own for a user error).
    pub return_message: String,
    /// What the contract finished with.
    pub return_data: Vec<Vec<u8>>,
    /// Gas left of the gas provided.
    pub gas_remaining: u64,
    /// Gas refunded.
    pub gas_refund: u64,
    /// Account changes, by address.
    pub output_accounts: BTreeMap<Address, OutputAccount>,
    /// Accounts deleted.
    pub deleted_accounts: Vec<Address>,
    /// Accounts touched.
    pub touched_accounts: Vec<Address>,
    /// Events, in emission order.
    pub logs: Vec<LogEntry>,
}

impl VmOutput {
    /// A failed output: `code`, `message`, no change, no gas left.
    pub fn failure(code: ReturnCode, message: impl Into<String>) -> Self {
        Self {
            return_code: code,
            return_message: message.into(),
            ..Self::default()
        }
    }

    /// The output account of `address`, created empty if absent.
    pub fn account_mut(&mut self, address: Address) -> &mut OutputAccount {
        self.output_accounts
            .entry(address)
            .or_insert_with(|| OutputAccount {
                address,
                ..OutputAccount::default()
            })
    }
}

//! Nested executions: a contract calling another contract (or a library on its own context)
//! synchronously, inside the same transaction, as the production VM's
//! `hostCore/execution.go` does (`ExecuteOnDestContext`, `ExecuteOnSameContext`).
//!
//! Each nested call gets a new instance on the stack (at most [`VmConfig::max_instances`]
//! alive), a frame with empty managed types, and a checkpoint of the output journal:
//!
//! - the whole gas given to the child is charged to the parent's instance before it starts,
//!   and what the child leaves is given back when it succeeds;
//! - the child sees no return data, logs or gas refund of its parent; on success its return
//!   data and logs are appended to the parent's, its refund replaces the parent's, and its
//!   changes stay; on failure everything since the checkpoint is undone and its gas is lost;
//! - a call to a builtin function runs the chain's builtin (and the contract call it carries),
//!   a call to a contract of another VM goes to the chain's other-VM path.
//!
//! The error a failed child hands its parent is the production VM's error text: "error
//! signalled by smartcontract" for `signalError`, "not enough gas" (out of gas) and so on.
//!
//! [`VmConfig::max_instances`]: crate::VmConfig::max_instances

mod builtin;
mod child;

use blockchain_hooks::{
    Address, BlockchainHooks as _, ContractCallInput, EsdtTransfer, LogEntry, VmOutput,
};
use executor_api::{EarlyExit, InstanceAccess};
use num_bigint::{BigInt, BigUint};

use crate::Context;
use crate::errors::failed;

pub(crate) use builtin::{EsdtTransferRequest, call_data};
pub(crate) use builtin::{esdt_transfer, merge_builtin_output, parse_call_data};
pub(crate) use child::{ChildMode, restore_gas, run_child, run_code};

/// The 11th instance of a transaction.
pub const MAX_INSTANCES_REACHED: &str = "execution failed (max instances reached)";
/// The error text of a child that called `signalError`.
pub const SIGNAL_ERROR: &str = "error signalled by smartcontract";
/// A called function the code does not export.
pub const FUNCTION_NOT_FOUND: &str = "invalid function (not found)";
/// A value transfer beyond the sender's balance.
pub const INSUFFICIENT_FUNDS: &str = "failed transfer (insufficient funds)";
/// A negative value transfer.
pub const NEGATIVE_VALUE: &str = "failed transfer (negative value)";
/// A value transfer, builtin or deploy in read-only mode.
pub const READ_ONLY: &str = "operation not permitted in read only mode";
/// A synchronous call to a contract of another shard.
pub const NOT_SAME_SHARD: &str = "sync execution request is not in the same shard";
/// A builtin function called through `executeOnSameContext` or `executeReadOnly`.
pub const INVALID_BUILTIN_CALL: &str = "invalid built in function call";
/// A value transfer to a contract that does not accept it.
pub const NOT_PAYABLE: &str = "sending value to non payable contract";
/// The event of a value transfer.
pub const TRANSFER_VALUE_ONLY: &str = "transferValueOnly";
/// The identifiers of the transfer events whose first data field names the call type.
pub const TRANSFER_LOG_IDENTIFIERS: &[&str] = &[
    TRANSFER_VALUE_ONLY,
    "ESDTTransfer",
    "ESDTNFTTransfer",
    "MultiESDTNFTTransfer",
];

/// What a nested call left its parent: its own return data and the gas it gave back.
#[derive(Debug, Default)]
pub(crate) struct ChildResult {
    /// The return data the child added.
    pub return_data: Vec<Vec<u8>>,
    /// The gas the child left.
    pub gas_remaining: u64,
}

/// `value` as the minimal big-endian bytes events carry (empty for 0).
pub(crate) fn value_bytes(value: &BigUint) -> Vec<u8> {
    if value.bits() == 0 {
        Vec::new()
    } else {
        value.to_bytes_be()
    }
}

/// The data fields of a call event: `[call type, function, args…]` (`FormatLogDataForCall`).
pub(crate) fn call_log_data(label: &str, function: &str, args: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let mut data = Vec::with_capacity(args.len() + 2);
    data.push(label.as_bytes().to_vec());
    data.push(function.as_bytes().to_vec());
    data.extend(args.iter().cloned());
    data
}

/// Names the call type in the transfer events from `from` on that do not name one yet
/// (`CompleteLogEntriesWithCallType`).
pub(crate) fn complete_logs(logs: &mut [LogEntry], label: &str) {
    for log in logs {
        let is_transfer = TRANSFER_LOG_IDENTIFIERS
            .iter()
            .any(|id| id.as_bytes() == log.identifier.as_slice());
        if is_transfer && log.data.first().is_some_and(Vec::is_empty) {
            log.data[0] = label.as_bytes().to_vec();
        }
    }
}

/// The balance of `address` for a transfer check (`GetBalanceBigInt`): the chain's balance
/// plus the changes so far, 0 for an account the chain does not have.
pub(crate) fn spendable(ctx: &mut Context<'_>, address: Address) -> BigInt {
    let pending = ctx.output.account_mut(address);
    let deployed = pending.code.is_some();
    let delta = pending.balance_delta.clone();
    if !ctx.chain.account_exists(&address) && !deployed {
        return BigInt::default();
    }
    BigInt::from(ctx.chain.balance(&address)) + delta
}

/// Moves `value` from `sender` to `dest` in the output (`TransferValueOnly`).
///
/// # Errors
/// "failed transfer (insufficient funds)"; "sending value to non payable contract" when
/// `check_payable` and the destination refuses; "operation not permitted in read only mode"
/// for a positive value in read-only mode.
pub(crate) fn transfer_value_only(
    ctx: &mut Context<'_>,
    dest: Address,
    sender: Address,
    value: &BigUint,
    check_payable: bool,
) -> Result<(), EarlyExit> {
    let amount = BigInt::from(value.clone());
    if spendable(ctx, sender) < amount {
        return Err(failed(INSUFFICIENT_FUNDS));
    }
    let has_value = value.bits() > 0;
    let in_async = ctx.input().call_type == blockchain_hooks::CallType::AsynchronousCall;
    if check_payable && has_value && !in_async && !ctx.state().is_payable(&sender, &dest) {
        return Err(failed(NOT_PAYABLE));
    }
    ctx.output.account_mut(sender).balance_delta -= &amount;
    ctx.output.account_mut(dest).balance_delta += &amount;
    if has_value && ctx.read_only() {
        return Err(failed(READ_ONLY));
    }
    Ok(())
}

/// The error a failed child gives its parent, as the parent fails with it
/// (`handleBreakpointIfAny`): a stop inside the child's code reaches the parent as "execution
/// failed", whatever the hook or trap said (the child's own output keeps that message), as
/// "error signalled by smartcontract" or as out of gas; a failure before the code ran (a
/// missing function, `init` called directly, invalid code) keeps its own text.
pub(crate) fn parent_error(child: &EarlyExit, in_code: bool) -> EarlyExit {
    use blockchain_hooks::ReturnCode;
    match child.code {
        ReturnCode::OutOfGas => EarlyExit::out_of_gas(),
        ReturnCode::UserError if child.message == crate::errors::INIT_CALLED_DIRECTLY => {
            failed(child.message.clone())
        }
        ReturnCode::UserError => failed(SIGNAL_ERROR),
        _ if in_code && child.message != executor_api::messages::EXECUTION_TIMEOUT => {
            failed(crate::errors::EXECUTION_FAILED)
        }
        _ => failed(child.message.clone()),
    }
}

/// Whether `address` holds a contract of another VM (bytes 8–9 not `05 00`).
pub(crate) fn on_other_vm(ctx: &Context<'_>, address: &Address) -> bool {
    address.is_smart_contract()
        && address.vm_type() != blockchain_hooks::WASM_VM_TYPE
        && ctx.state().is_smart_contract(address)
}

/// Runs `input` on the destination's context (`ExecuteOnDestContext`): a builtin function,
/// a contract of another VM, or a contract of this VM on a new instance. On failure every
/// change since the call is undone and the error is the one the parent fails with.
///
/// # Errors
/// The child's error (see [`parent_error`]).
pub(crate) fn execute_on_dest(
    ctx: &mut Context<'_>,
    parent: &mut dyn InstanceAccess,
    input: ContractCallInput,
    mode: ChildMode,
) -> Result<ChildResult, EarlyExit> {
    let checkpoint = ctx.output.checkpoint();
    let mut builtin_logs = 0..0;
    let result = dest_inner(ctx, parent, input, mode, &mut builtin_logs);
    match result {
        Ok(result) => {
            ctx.output.commit(checkpoint);
            Ok(result)
        }
        Err(exit) => {
            // A builtin that ran before the failed execution keeps its events; its changes
            // are undone with the rest (the production VM's builtin writes its log to the
            // caller's output, and the state snapshot undoes the balances).
            let kept = ctx
                .output
                .output()
                .logs
                .get(builtin_logs)
                .map(<[_]>::to_vec);
            ctx.output.revert(checkpoint);
            ctx.output
                .output_mut()
                .logs
                .extend(kept.unwrap_or_default());
            Err(exit)
        }
    }
}

fn dest_inner(
    ctx: &mut Context<'_>,
    parent: &mut dyn InstanceAccess,
    mut input: ContractCallInput,
    mode: ChildMode,
    builtin_logs: &mut std::ops::Range<usize>,
) -> Result<ChildResult, EarlyExit> {
    let mut builtin_data = Vec::new();
    if ctx.chain.is_builtin_function(&input.function) {
        let logs_before = ctx.output.output().logs.len();
        let (next, data) = builtin::call_builtin(ctx, parent, &input).inspect_err(|e| {
            ctx.record_error(&e.message, &input.function);
        })?;
        *builtin_logs = logs_before..ctx.output.output().logs.len();
        builtin_data = data;
        match next {
            Some(next) => input = next,
            None => {
                return Ok(ChildResult {
                    return_data: builtin_data,
                    gas_remaining: 0,
                });
            }
        }
    }
    if on_other_vm(ctx, &input.recipient) {
        return builtin::call_other_vm(ctx, parent, &input);
    }
    let mut result = run_child(ctx, parent, input, mode)?;
    builtin_data.append(&mut result.return_data);
    result.return_data = builtin_data;
    Ok(result)
}

/// Records the back transfers a successful child (`child`) sent its parent (`parent`):
/// EGLD without data and ESDT transfers without a call, each output transfer once
/// (`addNewBackTransfersFromVMOutput`).
pub(crate) fn add_back_transfers(ctx: &mut Context<'_>, parent: Address, child: Address) {
    let Some(account) = ctx.output.output().output_accounts.get(&parent) else {
        return;
    };
    let mut found: Vec<(u32, BigUint, Vec<EsdtTransfer>)> = Vec::new();
    for transfer in &account.output_transfers {
        if transfer.sender != child
            || transfer.call_type == blockchain_hooks::CallType::AsynchronousCallBack
        {
            continue;
        }
        if transfer.value.bits() > 0 {
            if transfer.data.is_empty() {
                found.push((transfer.index, transfer.value.clone(), Vec::new()));
            }
            continue;
        }
        if let Some(esdt) = builtin::esdt_without_call(&transfer.data, child, parent) {
            found.push((transfer.index, BigUint::default(), esdt));
        }
    }
    let back = &mut ctx.frame_mut().back_transfers;
    for (index, egld, mut esdt) in found {
        if index <= back.last_index {
            continue;
        }
        back.last_index = index;
        back.egld += BigInt::from(egld);
        back.esdt.append(&mut esdt);
    }
}

/// The output so far, as a state view over the chain.
impl Context<'_> {
    /// The chain with this transaction's pending changes.
    pub(crate) fn state(&self) -> crate::overlay::Overlay<'_> {
        crate::overlay::Overlay {
            chain: self.chain,
            pending: self.output.output(),
            journal: &self.output,
        }
    }

    /// The next output transfer index.
    pub(crate) fn next_transfer_index(&mut self) -> u32 {
        let index = self.next_transfer_index;
        self.next_transfer_index = index.saturating_add(1);
        index
    }
}

/// Records an output transfer to `dest` (`Transfer` / `AppendOutputTransfers`).
pub(crate) fn push_output_transfer(
    ctx: &mut Context<'_>,
    dest: Address,
    mut transfer: blockchain_hooks::OutputTransfer,
) {
    transfer.index = ctx.next_transfer_index();
    ctx.output.account_mut(dest).output_transfers.push(transfer);
}

/// Merges `output` of an out-of-VM execution into the journal: balances, ESDT, storage,
/// code, transfers, logs and return data.
pub(crate) fn merge_output(ctx: &mut Context<'_>, output: VmOutput) {
    merge_builtin_output(ctx, output, true);
}

/// The call type a value transfer's event names.
fn transfer_label(call_type: blockchain_hooks::CallType, back: bool) -> &'static str {
    use blockchain_hooks::CallType;
    if back {
        return "BackTransfer";
    }
    match call_type {
        CallType::DirectCall | CallType::EsdtTransferAndExecute => "TransferAndExecute",
        CallType::AsynchronousCall => "AsyncCall",
        CallType::AsynchronousCallBack => "AsyncCallback",
        CallType::ExecOnDestByCaller => "DirectCall",
    }
}

/// A value transfer that leaves the VM (`O:Transfer`): moves `value` from `sender` to
/// `dest`, records the output transfer and its `transferValueOnly` event.
///
/// # Errors
/// As [`transfer_value_only`]; the payable check applies to a transfer with gas (not a
/// callback) or one that does not return value to the running execution's caller.
pub(crate) fn transfer(
    ctx: &mut Context<'_>,
    dest: Address,
    transfer: blockchain_hooks::OutputTransfer,
) -> Result<(), EarlyExit> {
    use blockchain_hooks::CallType;
    let sender = transfer.sender;
    let with_gas = transfer.gas_limit > 0 && transfer.call_type != CallType::AsynchronousCallBack;
    let back = transfer.data.is_empty() && builtin::is_back_transfer(ctx, sender, dest);
    transfer_value_only(ctx, dest, sender, &transfer.value, with_gas || !back)?;
    let parsed = parse_call_data(&transfer.data);
    let simple = parsed.is_none() || !dest.is_smart_contract() || transfer.gas_limit == 0;
    let topics = vec![value_bytes(&transfer.value), dest.0.to_vec()];
    let data = if !back && simple {
        vec![b"DirectCall".to_vec(), transfer.data.clone()]
    } else {
        let (function, args) = parsed.unwrap_or_default();
        call_log_data(transfer_label(transfer.call_type, back), &function, &args)
    };
    child::push_event(ctx, sender, TRANSFER_VALUE_ONLY, topics, data);
    push_output_transfer(ctx, dest, transfer);
    Ok(())
}

/// The ESDT transfers of a transfer builtin call from `sender` to `receiver` that carries no
/// call.
pub(crate) fn parse_transfers_for(
    sender: Address,
    receiver: Address,
    function: &str,
    args: &[Vec<u8>],
) -> Option<Vec<EsdtTransfer>> {
    let parsed = builtin::parse_transfers(sender, receiver, function, args)?;
    parsed.function.is_empty().then_some(parsed.transfers)
}

/// The receiver a transfer builtin call from `sender` to `receiver` names.
pub(crate) fn parse_receiver(
    sender: Address,
    receiver: Address,
    function: &str,
    args: &[Vec<u8>],
) -> Option<Address> {
    builtin::parse_transfers(sender, receiver, function, args).map(|p| p.receiver)
}

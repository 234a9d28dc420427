//! Asynchronous calls: legacy `asyncCall` and promises (`createAsyncCall`), registered while
//! a function runs and executed when it returns (`A:Execute`), as the production VM's
//! `contexts/async.go` and `asyncLocal.go` do.
//!
//! - Registering consumes the gas locked for the callback and the call's gas limit.
//! - A call to a contract of the same shard runs at once (`AsynchronousCall`), its callback
//!   right after (`AsynchronousCallBack`) with `[0x00, return data…]` or
//!   `[return code, message]`, the callee's gas left plus the locked gas minus
//!   `AsyncCallStep + DataCopyPerByte × callback data length`; a failing callee is undone
//!   and its callback still runs.
//! - A call to another shard leaves in the output as an `AsynchronousCall` transfer with its
//!   gas, locked gas and asynchronous data; its context (callbacks, closure, locked gas) is
//!   stored under `ELRONDVM@ASYNC` + its call identifier for the callback that comes back.

use blockchain_hooks::{
    Address, BlockchainHooks as _, CallType, ContractCallInput, OutputTransfer, ReturnCode, VmInput,
};
use executor_api::{EarlyExit, InstanceAccess};
use num_bigint::BigUint;
use sha2::{Digest, Sha256};

use crate::Context;
use crate::errors::failed;
use crate::nested::{self, ChildMode, call_data, parse_call_data};

/// Async calls from `init` or `upgrade`.
pub const ASYNC_NOT_ALLOWED: &str = "async call is not allowed at this location";
/// A legacy async call after another async call, or in a callback.
pub const LEGACY_ASYNC_INVALID: &str = "legacy async call invalid";
/// An async call from a call that is itself asynchronous.
pub const NO_MULTI_LEVEL: &str = "multi-level async calls are not allowed yet";
/// A callback named after a builtin function.
pub const BUILTIN_AS_CALLBACK: &str = "cannot use built-in function as callback";
/// A callback name that is not a valid function name.
pub const INVALID_CALLBACK_NAME: &str = "invalid function (invalid name)";
/// `setAsyncContextCallback`, disabled in the production VM.
pub const CONTEXT_CALLBACK_DISABLED: &str = "context callback disabled";
/// `managedGetCallbackClosure` outside a callback.
pub const NO_CALLBACK_FOR_CLOSURE: &str = "no callback for closure, cannot call callback directly";
/// Not enough gas left for the callback.
pub const NO_CALLBACK_OUTPUT: &str = "callback VMOutput should not be nil";
/// The storage prefix of stored async contexts.
pub const ASYNC_STORAGE_PREFIX: &[u8] = b"ELRONDVM@ASYNC";

/// One asynchronous call a function registered.
#[derive(Clone, Debug, Default)]
pub struct AsyncCall {
    /// The destination.
    pub dest: Address,
    /// The EGLD value.
    pub value: BigUint,
    /// `function@hex(arg)@…`.
    pub data: Vec<u8>,
    /// The gas the call gets.
    pub gas_limit: u64,
    /// The gas kept for the callback.
    pub gas_locked: u64,
    /// The callback on success ("" = none).
    pub success: String,
    /// The callback on error ("" = none).
    pub error: String,
    /// The closure the callback reads.
    pub closure: Vec<u8>,
}

/// Whether the running call, or one below it, is asynchronous.
fn async_on_stack(ctx: &Context<'_>) -> bool {
    ctx.frames.iter().any(|f| {
        matches!(
            f.input.call_type,
            CallType::AsynchronousCall | CallType::AsynchronousCallBack
        )
    })
}

/// Checks a callback name (`ValidateCallbackName`).
///
/// # Errors
/// An invalid name, `init`, a builtin function, a function the code does not export.
pub(crate) fn validate_callback(ctx: &Context<'_>, name: &str) -> Result<(), EarlyExit> {
    let valid = !name.is_empty()
        && name.len() < 256
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !name.as_bytes()[0].is_ascii_digit();
    if !valid || name == "init" {
        return Err(failed(INVALID_CALLBACK_NAME));
    }
    if ctx.chain.is_builtin_function(name) {
        return Err(failed(BUILTIN_AS_CALLBACK));
    }
    if !ctx.frame().exports.iter().any(|e| e == name) {
        return Err(failed(nested::FUNCTION_NOT_FOUND));
    }
    Ok(())
}

/// The extra gas locked for a callback (`ComputeExtraGasLockedForAsync`).
pub(crate) fn extra_gas_locked(ctx: &Context<'_>) -> u64 {
    let costs = ctx.schedule;
    crate::abi::times(
        costs.base_operation_cost.aot_prepare_per_byte,
        ctx.frame().code_size,
    )
    .saturating_add(costs.base_ops_api_cost.async_call_step)
    .saturating_add(costs.base_ops_api_cost.async_callback_gas_lock)
}

/// Registers `call` on the running frame (`addAsyncCall`): consumes its locked gas and gas
/// limit.
///
/// # Errors
/// From `init`/`upgrade`; out of gas; an async call from an async call.
pub(crate) fn add(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    call: AsyncCall,
) -> Result<(), EarlyExit> {
    let function = ctx.input_function();
    if function.is_empty() || ["init", "upgrade", "upgradeContract"].contains(&function.as_str()) {
        return Err(failed(ASYNC_NOT_ALLOWED));
    }
    instance.use_gas(call.gas_locked)?;
    instance.use_gas(call.gas_limit)?;
    if async_on_stack(ctx) {
        return Err(failed(NO_MULTI_LEVEL));
    }
    ctx.frame_mut().async_calls.push(call);
    Ok(())
}

/// Registers a legacy async call to `dest` with `data` (`RegisterLegacyAsyncCall`): all the
/// gas left but the callback's goes with it, and the caller stops.
///
/// # Errors
/// After another async call or in a callback; out of gas; as [`add`]. `Ok` stops the caller
/// (an exit with return code Ok).
pub(crate) fn register_legacy(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest: Address,
    data: Vec<u8>,
    value: BigUint,
) -> Result<(), EarlyExit> {
    let frame = ctx.frame();
    if !frame.async_calls.is_empty()
        || frame.legacy_async
        || frame.input.call_type == CallType::AsynchronousCallBack
    {
        return Err(failed(LEGACY_ASYNC_INVALID));
    }
    instance.use_gas(ctx.schedule.base_ops_api_cost.async_call_step)?;
    let has_callback = frame.exports.iter().any(|e| e == "callBack");
    let gas_locked = if has_callback {
        extra_gas_locked(ctx)
    } else {
        0
    };
    let gas_limit = instance.gas_left().saturating_sub(gas_locked);
    let callback = if has_callback { "callBack" } else { "" };
    let call = AsyncCall {
        dest,
        value,
        data,
        gas_limit,
        gas_locked,
        success: callback.to_owned(),
        error: callback.to_owned(),
        closure: Vec::new(),
    };
    add(ctx, instance, call)?;
    ctx.frame_mut().legacy_async = true;
    Err(EarlyExit::new(ReturnCode::Ok, "legacy async call"))
}

impl Context<'_> {
    /// The running execution's function as its input names it.
    fn input_function(&self) -> String {
        self.frame().function.clone()
    }
}

/// Runs the asynchronous calls the running frame registered, when its function returned
/// (`A:Execute`): the same-shard ones at once with their callbacks, in order, then the others
/// leave in the output.
///
/// # Errors
/// A local call with no more gas than `AsyncCallStep`; too little gas for a callback; a
/// refused cross-shard transfer.
pub(crate) fn execute(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
) -> Result<(), EarlyExit> {
    let calls = std::mem::take(&mut ctx.frame_mut().async_calls);
    if calls.is_empty() {
        return Ok(());
    }
    let contract = ctx.contract();
    let (local, remote): (Vec<_>, Vec<_>) =
        calls.into_iter().partition(|c| is_local(ctx, contract, c));
    for call in local {
        execute_local(ctx, instance, call)?;
    }
    for call in remote {
        send_cross_shard(ctx, call)?;
    }
    Ok(())
}

/// A call to a contract of the same shard with parsable data (`determineExecutionMode`).
fn is_local(ctx: &Context<'_>, contract: Address, call: &AsyncCall) -> bool {
    let Some((function, _)) = parse_call_data(&call.data) else {
        return false;
    };
    let same_shard = ctx.chain.shard_of(&contract) == ctx.chain.shard_of(&call.dest);
    if !same_shard {
        return false;
    }
    ctx.chain.is_builtin_function(&function)
        || ctx.state().code(&call.dest).is_some_and(|c| !c.is_empty())
}

/// The input of the destination half of `call`.
fn destination_input(ctx: &Context<'_>, call: &AsyncCall) -> Option<ContractCallInput> {
    let (function, arguments) = parse_call_data(&call.data)?;
    let current = ctx.input();
    Some(ContractCallInput {
        vm_input: VmInput {
            caller: ctx.contract(),
            arguments,
            egld_value: call.value.clone(),
            call_type: CallType::AsynchronousCall,
            gas_price: current.gas_price,
            gas_provided: call.gas_limit,
            gas_locked: call.gas_locked,
            original_tx_hash: current.original_tx_hash.clone(),
            current_tx_hash: current.current_tx_hash.clone(),
            prev_tx_hash: current.prev_tx_hash.clone(),
            original_caller: current.original_caller,
            relayer: current.relayer,
            ..VmInput::default()
        },
        recipient: call.dest,
        function,
        allow_init: false,
    })
}

/// The outcome of a destination half, as the callback sees it.
pub(crate) struct Outcome {
    pub code: ReturnCode,
    pub message: String,
    pub return_data: Vec<Vec<u8>>,
    pub gas_remaining: u64,
}

/// Runs a same-shard async call and its callback (`executeAsyncLocalCall`).
fn execute_local(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    call: AsyncCall,
) -> Result<(), EarlyExit> {
    if call.gas_limit <= ctx.schedule.base_ops_api_cost.async_call_step {
        return Err(EarlyExit::out_of_gas());
    }
    let Some(input) = destination_input(ctx, &call) else {
        return Ok(());
    };
    crate::nested::restore_gas(instance, call.gas_limit);
    let label = if input.function == "upgradeContract" {
        "UpgradeFromSource"
    } else {
        "AsyncCall"
    };
    let mode = ChildMode::Dest {
        read_only: false,
        label: Some(label),
    };
    ctx.last_child_exit = None;
    let outcome = match nested::execute_on_dest(ctx, instance, input, mode) {
        Ok(result) => Outcome {
            code: ReturnCode::Ok,
            message: String::new(),
            return_data: result.return_data,
            gas_remaining: result.gas_remaining,
        },
        Err(error) => {
            let raw = ctx.last_child_exit.take().unwrap_or(error);
            Outcome {
                code: raw.code,
                message: raw.message,
                return_data: Vec::new(),
                gas_remaining: 0,
            }
        }
    };
    let initiator = callback_initiator(ctx, &call);
    run_callback(ctx, instance, &call, initiator, outcome)
}

/// Who calls the callback back (`determineDestinationForAsyncCall`): the destination, or for
/// a transfer builtin the receiver it names.
fn callback_initiator(ctx: &Context<'_>, call: &AsyncCall) -> Address {
    parse_call_data(&call.data)
        .filter(|(function, _)| ctx.chain.is_builtin_function(function))
        .and_then(|(function, args)| {
            nested::parse_receiver(ctx.contract(), call.dest, &function, &args)
        })
        .unwrap_or(call.dest)
}

/// The arguments of a callback (`getArgumentsForCallback`).
pub(crate) fn callback_arguments(outcome: &Outcome) -> Vec<Vec<u8>> {
    if outcome.code.is_ok() {
        let mut args = vec![vec![0]];
        args.extend(outcome.return_data.iter().cloned());
        args
    } else {
        let code = BigUint::from(outcome.code as u32).to_bytes_be();
        vec![code, outcome.message.as_bytes().to_vec()]
    }
}

/// The value and tokens of the callee's last transfer to the caller, when the callee
/// returned no data (`extractLastTransferWithoutData`).
fn last_transfer(
    ctx: &Context<'_>,
    caller: Address,
    outcome: &Outcome,
) -> (BigUint, Vec<blockchain_hooks::EsdtTransfer>) {
    let none = (BigUint::default(), Vec::new());
    if !outcome.return_data.is_empty() || !outcome.code.is_ok() {
        return none;
    }
    let Some(last) = ctx
        .output
        .output()
        .output_accounts
        .get(&caller)
        .and_then(|a| a.output_transfers.last())
    else {
        return none;
    };
    let value = last.value.clone();
    let esdt = parse_call_data(&last.data)
        .filter(|(f, _)| ctx.chain.is_builtin_function(f))
        .and_then(|(f, args)| nested::parse_transfers_for(last.sender, caller, &f, &args))
        .unwrap_or_default();
    (value, esdt)
}

/// Runs the callback of `call` on the running contract after its destination half.
fn run_callback(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    call: &AsyncCall,
    initiator: Address,
    outcome: Outcome,
) -> Result<(), EarlyExit> {
    let name = if outcome.code.is_ok() {
        &call.success
    } else {
        &call.error
    };
    if name.is_empty() {
        return Ok(());
    }
    let args = callback_arguments(&outcome);
    let data_len = call_data(name, &args).len();
    let costs = ctx.schedule;
    let gas = outcome.gas_remaining.saturating_add(call.gas_locked);
    let step = costs
        .base_ops_api_cost
        .async_call_step
        .saturating_add(crate::abi::times(
            costs.base_operation_cost.data_copy_per_byte,
            data_len,
        ));
    if gas <= step {
        return Err(failed(NO_CALLBACK_OUTPUT));
    }
    let contract = ctx.contract();
    let (value, esdt) = last_transfer(ctx, contract, &outcome);
    let current = ctx.input();
    let input = ContractCallInput {
        vm_input: VmInput {
            caller: initiator,
            arguments: args,
            egld_value: value,
            esdt_transfers: esdt,
            call_type: CallType::AsynchronousCallBack,
            gas_price: current.gas_price,
            gas_provided: gas - step,
            original_tx_hash: current.original_tx_hash.clone(),
            current_tx_hash: current.current_tx_hash.clone(),
            prev_tx_hash: current.prev_tx_hash.clone(),
            original_caller: current.original_caller,
            return_call_after_error: !outcome.code.is_ok(),
            ..VmInput::default()
        },
        recipient: contract,
        function: name.clone(),
        allow_init: false,
    };
    crate::nested::restore_gas(instance, call.gas_locked);
    ctx.next_closure = Some(call.closure.clone());
    let mode = ChildMode::Dest {
        read_only: false,
        label: Some("AsyncCallback"),
    };
    let _ = nested::execute_on_dest(ctx, instance, input, mode);
    ctx.next_closure = None;
    Ok(())
}

/// A new asynchronous call identifier: sha256 of the transaction's and a counter.
fn new_call_id(ctx: &mut Context<'_>) -> Vec<u8> {
    ctx.async_counter = ctx.async_counter.saturating_add(1);
    let mut hasher = Sha256::new();
    hasher.update(&ctx.input().current_tx_hash);
    hasher.update(ctx.async_counter.to_be_bytes());
    hasher.finalize().to_vec()
}

/// The stored form of an async context: the callbacks, the locked gas and the closure.
pub(crate) fn encode_context(call: &AsyncCall) -> Vec<u8> {
    let mut out = Vec::new();
    for part in [
        call.success.as_bytes(),
        call.error.as_bytes(),
        &call.closure,
    ] {
        out.extend(u32::try_from(part.len()).unwrap_or(u32::MAX).to_be_bytes());
        out.extend_from_slice(part);
    }
    out.extend(call.gas_locked.to_be_bytes());
    out
}

/// Sends `call` to its destination's shard as an `AsynchronousCall` output transfer, and
/// stores its context for the callback.
fn send_cross_shard(ctx: &mut Context<'_>, call: AsyncCall) -> Result<(), EarlyExit> {
    if parse_call_data(&call.data).is_none_or(|(function, _)| function.is_empty()) {
        return Err(crate::errors::failed(TOKENIZE_FAILED));
    }
    let call_id = new_call_id(ctx);
    let parent_id = ctx.input().current_tx_hash.clone();
    let async_data = call_data("", &[call_id.clone(), parent_id]);
    let contract = ctx.contract();
    let mut key = ASYNC_STORAGE_PREFIX.to_vec();
    key.extend_from_slice(&call_id);
    ctx.output
        .write_storage(contract, key, encode_context(&call));
    let transfer = OutputTransfer {
        sender: contract,
        value: call.value.clone(),
        gas_limit: call.gas_limit,
        gas_locked: call.gas_locked,
        data: call.data.clone(),
        async_data,
        call_type: CallType::AsynchronousCall,
        index: 0,
    };
    nested::transfer(ctx, call.dest, transfer)
}

/// Call data that does not parse as `function@hex@…` (empty, no function, an argument not
/// in hex), when the call leaves for another shard (the production VM's `ParseData`).
pub const TOKENIZE_FAILED: &str = "tokenize failed";

/// A stored async context, found for a callback that comes back from another shard.
pub(crate) struct StoredCallback {
    /// Its storage key, deleted by the callback.
    pub key: Vec<u8>,
    /// The callback to run: the success or error one, by the first argument.
    pub function: String,
    /// The closure.
    pub closure: Vec<u8>,
}

/// Reads back [`encode_context`].
fn decode_context(bytes: &[u8]) -> Option<(String, String, Vec<u8>)> {
    let mut rest = bytes;
    let mut parts = Vec::with_capacity(3);
    for _ in 0..3 {
        let (len, tail) = rest.split_first_chunk::<4>()?;
        let len = usize::try_from(u32::from_be_bytes(*len)).ok()?;
        if tail.len() < len {
            return None;
        }
        parts.push(tail[..len].to_vec());
        rest = &tail[len..];
    }
    let closure = parts.pop()?;
    let error = String::from_utf8(parts.pop()?).ok()?;
    let success = String::from_utf8(parts.pop()?).ok()?;
    Some((success, error, closure))
}

/// The stored context of the callback `input` brings to `contract`: its call identifier is
/// the first field of the asynchronous data (`@hex(callID)@hex(parentCallID)`).
pub(crate) fn stored_callback(
    chain: &dyn blockchain_hooks::BlockchainHooks,
    contract: Address,
    input: &VmInput,
) -> Option<StoredCallback> {
    let (_, fields) = parse_call_data(&input.async_data)?;
    let call_id = fields.first()?;
    let mut key = ASYNC_STORAGE_PREFIX.to_vec();
    key.extend_from_slice(call_id);
    let stored = chain.storage(&contract, &key).value;
    let (success, error, closure) = decode_context(&stored)?;
    let ok = input
        .arguments
        .first()
        .is_some_and(|code| code.as_slice() == [0]);
    let function = if ok { success } else { error };
    Some(StoredCallback {
        key,
        function,
        closure,
    })
}

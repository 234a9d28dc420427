//! One nested instance: its frame, its value transfer and event, its code, its gas, and the
//! merge or rollback of what it did.

use blockchain_hooks::{
    Address, BlockchainHooks as _, CallType, ContractCallInput, LogEntry, ReturnCode,
};
use executor_api::{CodeHash, EarlyExit, InstanceAccess, InstanceOptions, messages};
use num_bigint::BigUint;

use super::{
    ChildResult, MAX_INSTANCES_REACHED, TRANSFER_VALUE_ONLY, call_log_data, complete_logs,
    parent_error, transfer_value_only, value_bytes,
};
use crate::abi::{charge_unbounded, times};
use crate::context::Frame;
use crate::errors::{self, failed};
use crate::{Context, hooks};

/// The asynchronous callback, tolerated when missing.
const CALLBACK: &str = "callBack";
/// The constructor, callable only when the input allows it.
const INIT: &str = "init";
/// The call type the events of a same-context call name.
const SAME_CONTEXT_LABEL: &str = "ExecuteOnSameContext";

/// How a nested instance relates to its parent.
#[derive(Clone, Copy, Debug)]
pub(crate) enum ChildMode {
    /// On the destination's context (`ExecuteOnDestContext`); `read_only` forces read-only
    /// mode (`executeReadOnly`); `label` names the call type in the child's transfer events.
    Dest {
        read_only: bool,
        label: Option<&'static str>,
    },
    /// On the caller's context with the destination's code (`ExecuteOnSameContext`).
    Same,
}

/// What the child hides from its parent's output while it runs (`CensorVMOutput`).
struct Censored {
    return_data: Vec<Vec<u8>>,
    logs: Vec<LogEntry>,
}

fn censor(ctx: &mut Context<'_>) -> Censored {
    let output = ctx.output.output_mut();
    output.gas_refund = 0;
    Censored {
        return_data: std::mem::take(&mut output.return_data),
        logs: std::mem::take(&mut output.logs),
    }
}

/// Copies the running execution's transaction hashes into a direct call's input.
fn copy_tx_hashes(ctx: &Context<'_>, input: &mut ContractCallInput) {
    if input.vm_input.call_type != CallType::DirectCall {
        return;
    }
    let current = ctx.input();
    for (to, from) in [
        (
            &mut input.vm_input.original_tx_hash,
            &current.original_tx_hash,
        ),
        (
            &mut input.vm_input.current_tx_hash,
            &current.current_tx_hash,
        ),
        (&mut input.vm_input.prev_tx_hash, &current.prev_tx_hash),
    ] {
        if !from.is_empty() {
            to.clone_from(from);
        }
    }
}

/// Runs `input` on a new instance (see the module doc of [`super`]).
///
/// # Errors
/// The error the parent fails with.
pub(crate) fn run_child(
    ctx: &mut Context<'_>,
    parent: &mut dyn InstanceAccess,
    mut input: ContractCallInput,
    mode: ChildMode,
) -> Result<ChildResult, EarlyExit> {
    let same = matches!(mode, ChildMode::Same);
    let code_address = input.recipient;
    if same {
        input.recipient = input.vm_input.caller;
    }
    copy_tx_hashes(ctx, &mut input);
    let checkpoint = ctx.output.checkpoint();
    let censored = (!same).then(|| censor(ctx));
    let data_before = ctx.output.output().return_data.len();
    let mut frame = Frame::new(
        input.recipient,
        input.function.clone(),
        input.vm_input.clone(),
    );
    frame.code_address = code_address;
    frame.code_metadata = ctx.state().code_metadata(&input.recipient);
    frame.read_only = ctx.read_only()
        || matches!(
            mode,
            ChildMode::Dest {
                read_only: true,
                ..
            }
        );
    if input.vm_input.call_type == CallType::AsynchronousCallBack {
        frame.callback_closure = ctx.next_closure.take();
    }
    ctx.frames.push(frame);
    let saved_exit = ctx.hook_exit.take();
    let outcome = body(ctx, parent, &input, code_address, same);
    ctx.hook_exit = saved_exit;
    ctx.frames.pop();
    let gas_remaining = match outcome {
        Ok(gas) => gas,
        Err(exit) => {
            ctx.output.revert(checkpoint);
            let in_code = std::mem::take(&mut ctx.child_stopped_in_code);
            let error = parent_error(&exit, in_code);
            ctx.record_error(&error.message, &input.function);
            ctx.last_child_exit = Some(exit);
            return Err(error);
        }
    };
    ctx.output.commit(checkpoint);
    let own_data = match censored {
        Some(censored) => {
            let output = ctx.output.output_mut();
            let own = output.return_data.clone();
            let mut logs = censored.logs;
            let first_child_log = logs.len();
            logs.append(&mut output.logs);
            if let ChildMode::Dest {
                label: Some(label), ..
            } = mode
            {
                complete_logs(&mut logs[first_child_log..], label);
            }
            output.logs = logs;
            let mut data = censored.return_data;
            data.extend(own.iter().cloned());
            output.return_data = data;
            own
        }
        None => ctx.output.output().return_data[data_before..].to_vec(),
    };
    restore_gas(parent, gas_remaining);
    if !same {
        super::add_back_transfers(ctx, input.vm_input.caller, input.recipient);
    }
    Ok(ChildResult {
        return_data: own_data,
        gas_remaining,
    })
}

/// Gives the parent back the gas the child did not use (`RestoreGas`).
pub(crate) fn restore_gas(parent: &mut dyn InstanceAccess, gas: u64) {
    let used = parent.gas_used();
    if gas <= used {
        parent.set_gas_used(used - gas);
    }
}

/// The child's value transfer and its event.
fn move_value(
    ctx: &mut Context<'_>,
    input: &ContractCallInput,
    same: bool,
) -> Result<(), EarlyExit> {
    let vm = &input.vm_input;
    let value = &vm.egld_value;
    let callback_value = vm.call_type == CallType::AsynchronousCallBack && value.bits() > 0;
    if same || (vm.esdt_transfers.is_empty() && !callback_value) {
        transfer_value_only(ctx, input.recipient, vm.caller, value, false)?;
    }
    if !same && !vm.esdt_transfers.is_empty() {
        return Ok(());
    }
    let shown = if callback_value {
        BigUint::default()
    } else {
        value.clone()
    };
    let label = if same { SAME_CONTEXT_LABEL } else { "" };
    let topics = vec![value_bytes(&shown), input.recipient.0.to_vec()];
    let data = call_log_data(label, &input.function, &vm.arguments);
    push_event(ctx, vm.caller, TRANSFER_VALUE_ONLY, topics, data);
    Ok(())
}

/// Adds an event with an explicit address and identifier; dropped in read-only mode.
pub(crate) fn push_event(
    ctx: &mut Context<'_>,
    address: Address,
    identifier: &str,
    topics: Vec<Vec<u8>>,
    data: Vec<Vec<u8>>,
) {
    if ctx.read_only() {
        return;
    }
    ctx.output.push_log(LogEntry {
        address,
        identifier: identifier.as_bytes().to_vec(),
        topics,
        data,
    });
}

/// Transfers the value, charges the gas, starts the instance and calls the function;
/// answers the gas the child leaves.
fn body(
    ctx: &mut Context<'_>,
    parent: &mut dyn InstanceAccess,
    input: &ContractCallInput,
    code_address: Address,
    same: bool,
) -> Result<u64, EarlyExit> {
    move_value(ctx, input, same)?;
    if input.function == INIT && !input.allow_init {
        return Err(EarlyExit::user_error(errors::INIT_CALLED_DIRECTLY));
    }
    let gas = input.vm_input.gas_provided;
    charge_unbounded(parent, gas);
    if let Some(diverted) = crate::lifecycle::divert(ctx, input)? {
        return Ok(diverted);
    }
    let state = ctx.state();
    let Some(code) = state.code(&code_address).filter(|c| !c.is_empty()) else {
        return Err(EarlyExit::new(
            ReturnCode::ContractNotFound,
            errors::CONTRACT_NOT_FOUND,
        ));
    };
    let hash = blockchain_hooks::BlockchainHooks::code_hash(&state, &code_address)
        .map_or_else(|| crate::host::code_hash(ctx.chain, &code), CodeHash);
    let costs = &ctx.schedule.base_operation_cost;
    let initial = costs
        .get_code
        .saturating_add(times(costs.aot_prepare_per_byte, code.len()));
    let Some(gas_limit) = gas.checked_sub(initial) else {
        return Err(EarlyExit::out_of_gas());
    };
    run_code(ctx, &code, hash, &input.function, gas_limit, false)
}

/// Starts an instance of `code` with `gas_limit` and calls `function` on the running frame;
/// answers the gas left. A missing `callBack` is no error.
///
/// # Errors
/// "max instances reached", invalid code, a missing function, or the instance's stop.
pub(crate) fn run_code(
    ctx: &mut Context<'_>,
    code: &[u8],
    hash: CodeHash,
    function: &str,
    gas_limit: u64,
    new_code: bool,
) -> Result<u64, EarlyExit> {
    if ctx.frames.len() > ctx.config.max_instances {
        return Err(failed(MAX_INSTANCES_REACHED));
    }
    let module = ctx
        .executor
        .compile(hash, code)
        .map_err(|_| EarlyExit::new(ReturnCode::ContractInvalid, errors::INVALID_CONTRACT_CODE))?;
    let refused = module.imported_hooks().iter().any(|h| hooks::is_refused(h));
    if refused || (new_code && !module.nonvoid_functions().is_empty()) {
        return Err(EarlyExit::new(
            ReturnCode::ContractInvalid,
            errors::INVALID_CONTRACT_CODE,
        ));
    }
    if !module.has_function(function) {
        if function == CALLBACK {
            return Ok(gas_limit);
        }
        return Err(failed(super::FUNCTION_NOT_FOUND));
    }
    let frame = ctx.frame_mut();
    frame.exports = module.exported_functions();
    frame.code_size = code.len();
    let options = InstanceOptions {
        gas_limit,
        time_limit: ctx.config.time_limit,
    };
    let mut instance = module.instantiate(&options).map_err(|e| match e {
        executor_api::ExecutorError::InvalidContract(_) => {
            EarlyExit::new(ReturnCode::ContractInvalid, errors::INVALID_CONTRACT_CODE)
        }
        other => failed(other.to_string()),
    })?;
    let result = instance.call(function, ctx);
    if let Err(exit) = result
        && !exit.code.is_ok()
    {
        ctx.child_stopped_in_code = true;
        return Err(normalize(exit, ctx.hook_exit.as_ref()));
    }
    if instance.gas_used() > instance.gas_limit() {
        return Err(EarlyExit::out_of_gas());
    }
    crate::asynchronous::execute(ctx, instance.as_mut())?;
    if instance.gas_used() > instance.gas_limit() {
        return Err(EarlyExit::out_of_gas());
    }
    Ok(instance.gas_left())
}

/// A child's stop as the production VM reports it (see `host::run`).
fn normalize(exit: EarlyExit, hook_exit: Option<&EarlyExit>) -> EarlyExit {
    let from_hook = hook_exit.is_some_and(|h| *h == exit);
    if from_hook || exit.code != ReturnCode::ExecutionFailed {
        return exit;
    }
    if exit.message == messages::EXECUTION_TIMEOUT {
        return exit;
    }
    failed(errors::EXECUTION_FAILED)
}

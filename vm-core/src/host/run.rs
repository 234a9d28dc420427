//! Running one prepared execution: code-loading gas, compilation, the call, and the output.

use blockchain_hooks::{Address, BlockchainHooks, GasSchedule, ReturnCode, VmOutput};
use executor_api::{
    CodeHash, EarlyExit, Executor, ExecutorError, Instance, InstanceOptions, Module, messages,
};
use vm_handler::VmError;

use crate::context::{Context, Frame, error_text};
use crate::output::OutputJournal;
use crate::{VmConfig, errors, hooks};

/// An execution ready to run: what to call, on which code, with how much gas.
pub(super) struct Execution<'c> {
    /// The contract whose code runs (and whose account gets the gas used).
    pub contract: Address,
    /// The code.
    pub code: &'c [u8],
    /// Its cache key.
    pub hash: CodeHash,
    /// The exported function to call (`init`, `upgrade`, or the endpoint).
    pub export: &'c str,
    /// The frame the hooks see.
    pub frame: Frame,
    /// All the gas the execution has (for a callback, with the locked gas).
    pub gas_provided: u64,
    /// The code-loading cost charged before the instance starts.
    pub initial_cost: u64,
    /// A refusal decided before the call, reported once the code is known to be valid (the
    /// production VM checks the function name after starting the instance).
    pub refusal: Option<EarlyExit>,
    /// The changes made before the call (the call value).
    pub journal: OutputJournal,
    /// The code is being deployed or upgraded, so it is verified as new code (exported
    /// functions take no parameters and return nothing); code already on chain is not.
    pub new_code: bool,
}

/// The long-lived parts an execution uses.
pub(super) struct Engine<'h> {
    pub executor: &'h dyn Executor,
    pub schedule: &'h GasSchedule,
    pub config: &'h VmConfig,
}

/// The output of a failed execution: its code and message, no change, no gas left.
pub(super) fn failure(exit: EarlyExit) -> VmOutput {
    VmOutput::failure(exit.code, exit.message)
}

/// The out-of-gas output.
pub(super) fn out_of_gas() -> VmOutput {
    failure(EarlyExit::out_of_gas())
}

impl Engine<'_> {
    /// Runs `exec`; contract failures are `Ok` outputs, only engine faults are errors.
    pub(super) fn run(
        &self,
        chain: &dyn BlockchainHooks,
        exec: Execution<'_>,
    ) -> Result<VmOutput, VmError> {
        let Some(gas_limit) = exec.gas_provided.checked_sub(exec.initial_cost) else {
            return Ok(out_of_gas());
        };
        let module = match self.executor.compile(exec.hash, exec.code) {
            Ok(module) => module,
            Err(ExecutorError::InvalidContract(_)) => {
                return Ok(VmOutput::failure(
                    ReturnCode::ContractInvalid,
                    errors::INVALID_CONTRACT_CODE,
                ));
            }
            Err(e) => return Err(VmError::Executor(e.to_string())),
        };
        if let Some(refusal) = refused_import(module.as_ref()) {
            return Ok(refusal);
        }
        if exec.new_code && !self.verifies_as_new_code(module.as_ref()) {
            return Ok(VmOutput::failure(
                ReturnCode::ContractInvalid,
                errors::INVALID_CONTRACT_CODE,
            ));
        }
        if let Some(refusal) = exec.refusal {
            return Ok(failure(refusal));
        }
        if !module.has_function(exec.export) {
            return Ok(failure(EarlyExit::function_not_found()));
        }
        let options = InstanceOptions {
            gas_limit,
            time_limit: self.config.time_limit,
        };
        let mut instance = match module.instantiate(&options) {
            Ok(instance) => instance,
            // Segments outside the memory: the production VM's "invalid contract code".
            Err(ExecutorError::InvalidContract(_)) => {
                return Ok(VmOutput::failure(
                    ReturnCode::ContractInvalid,
                    errors::INVALID_CONTRACT_CODE,
                ));
            }
            Err(e) => return Err(VmError::Executor(e.to_string())),
        };
        let mut ctx = Context::new(chain, self.schedule, self.executor, self.config);
        ctx.output = exec.journal;
        let mut frame = exec.frame;
        frame.exports = module.exported_functions();
        frame.code_size = exec.code.len();
        ctx.frames.push(frame);
        let result = instance.call(exec.export, &mut ctx);
        if let Err(exit) = result.filter_ok() {
            let exit = normalize(exit, ctx.hook_exit.as_ref());
            return Ok(failed_run(&mut ctx, exit));
        }
        if instance.gas_used() > instance.gas_limit() {
            return Ok(failed_run(&mut ctx, EarlyExit::out_of_gas()));
        }
        if let Err(exit) = crate::asynchronous::execute(&mut ctx, instance.as_mut()) {
            return Ok(failed_run(&mut ctx, exit));
        }
        Ok(success(
            ctx,
            instance.as_ref(),
            exec.contract,
            exec.initial_cost,
        ))
    }
}

impl Engine<'_> {
    /// Whether code being deployed or upgraded passes the checks the production VM makes of
    /// new code only: exported functions without parameters or results, and no hook of a
    /// feature that is off.
    fn verifies_as_new_code(&self, module: &dyn Module) -> bool {
        let features = &self.config.features;
        module.nonvoid_functions().is_empty()
            && !module.imported_hooks().iter().any(|h| features.disables(h))
    }
}

/// `Err` for a stop that is a failure; a stop with return code Ok is a success.
trait FilterOk {
    fn filter_ok(self) -> Result<(), EarlyExit>;
}

impl FilterOk for Result<(), EarlyExit> {
    fn filter_ok(self) -> Result<(), EarlyExit> {
        match self {
            Err(exit) if exit.code.is_ok() => Ok(()),
            other => other,
        }
    }
}

/// The output of a call that returned: out of gas if hooks charged past the limit (the
/// production VM's final gas check), else every change, the gas left and the refund.
fn success(
    mut ctx: Context<'_>,
    instance: &dyn Instance,
    contract: Address,
    initial_cost: u64,
) -> VmOutput {
    if instance.gas_used() > instance.gas_limit() {
        return failed_run(&mut ctx, EarlyExit::out_of_gas());
    }
    let errors_log = errors_log(&ctx);
    let mut output = ctx.output.into_output();
    output.logs.extend(errors_log);
    output.gas_remaining = instance.gas_left();
    output.account_mut(contract).gas_used = initial_cost.saturating_add(instance.gas_used());
    output
}

/// The output of an execution that failed once its instance ran: the failure, with the event
/// that reports every error of the transaction, the nested calls' and its own.
fn failed_run(ctx: &mut Context<'_>, exit: EarlyExit) -> VmOutput {
    let function = top_call(ctx).map_or_else(|| INIT_LABEL.to_owned(), |(_, _, f)| f);
    ctx.record_error(&exit.message, &function);
    let mut output = failure(exit);
    output.logs.extend(errors_log(ctx));
    output
}

/// Adds the event that reports a failed transaction's error (`createLogEntryFromErrors`, which
/// the production VM runs whatever the return code) to an output that failed before its
/// instance ran: from the caller, topics `receiver` and `function`.
pub(crate) fn with_errors_log(
    mut output: VmOutput,
    caller: Address,
    receiver: Address,
    function: &str,
) -> VmOutput {
    let reported = output
        .logs
        .iter()
        .any(|log| log.identifier == INTERNAL_VM_ERRORS);
    if output.return_code.is_ok() || reported {
        return output;
    }
    let data = error_text(&output.return_message, function);
    output
        .logs
        .push(errors_event(caller, receiver, function, data));
    output
}

/// The function a deploy's errors name.
pub(crate) const INIT_LABEL: &str = "_init";
/// The identifier of the event that reports a transaction's errors.
const INTERNAL_VM_ERRORS: &[u8] = b"internalVMErrors";

/// Who the transaction's errors event names: the caller, the contract (the caller for a
/// deploy) and the function (`_init` for a deploy).
fn top_call(ctx: &Context<'_>) -> Option<(Address, Address, String)> {
    let top = ctx.frames.first()?;
    let caller = top.input.caller;
    Some(if top.function.is_empty() {
        (caller, caller, INIT_LABEL.to_owned())
    } else {
        (caller, top.contract, top.function.clone())
    })
}

/// The event that reports a transaction's errors: from `caller`, topics `receiver` and
/// `function`, data the errors.
fn errors_event(
    caller: Address,
    receiver: Address,
    function: &str,
    errors: String,
) -> blockchain_hooks::LogEntry {
    blockchain_hooks::LogEntry {
        address: caller,
        identifier: INTERNAL_VM_ERRORS.to_vec(),
        topics: vec![receiver.0.to_vec(), function.as_bytes().to_vec()],
        data: vec![errors.into_bytes()],
    }
}

/// The event that reports the errors the transaction recorded, nested calls' first
/// (`createLogEntryFromErrors`); none when it recorded none.
fn errors_log(ctx: &Context<'_>) -> Option<blockchain_hooks::LogEntry> {
    if ctx.recorded_errors.is_empty() {
        return None;
    }
    let (caller, receiver, function) = top_call(ctx)?;
    let errors = ctx.recorded_errors.join(" ");
    Some(errors_event(caller, receiver, &function, errors))
}

/// The message of a failure as the production VM reports it: a hook's own message, the
/// engine's for out of gas and timeouts, and "execution failed" for traps and the memory
/// limit.
fn normalize(exit: EarlyExit, hook_exit: Option<&EarlyExit>) -> EarlyExit {
    let from_hook = hook_exit.is_some_and(|h| *h == exit);
    if from_hook || exit.code != ReturnCode::ExecutionFailed {
        return exit;
    }
    if exit.message == messages::EXECUTION_TIMEOUT {
        return exit;
    }
    EarlyExit::execution_failed(errors::EXECUTION_FAILED)
}

/// The refusal of a module importing a hook this VM does not implement, if it does.
fn refused_import(module: &dyn Module) -> Option<VmOutput> {
    let refused: Vec<String> = module
        .imported_hooks()
        .into_iter()
        .filter(|h| hooks::is_refused(h))
        .collect();
    (!refused.is_empty()).then(|| {
        VmOutput::failure(
            ReturnCode::ContractInvalid,
            format!(
                "{}: the contract imports VM hooks this VM does not implement: {}",
                errors::INVALID_CONTRACT_CODE,
                refused.join(", ")
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_traps_read_as_execution_failed() {
        let trap = EarlyExit::execution_failed("unreachable");
        assert_eq!(normalize(trap.clone(), None).message, "execution failed");
        assert_eq!(normalize(trap.clone(), Some(&trap)).message, "unreachable");
        let memory = EarlyExit::execution_failed(messages::MEMORY_LIMIT);
        assert_eq!(normalize(memory, None).message, "execution failed");
        let timeout = EarlyExit::execution_failed(messages::EXECUTION_TIMEOUT);
        assert_eq!(
            normalize(timeout, None).message,
            messages::EXECUTION_TIMEOUT
        );
        let gas = EarlyExit::out_of_gas();
        assert_eq!(normalize(gas, None).message, "not enough gas");
        let ok: Result<(), EarlyExit> = Err(EarlyExit::new(ReturnCode::Ok, "legacy async"));
        assert!(ok.filter_ok().is_ok());
    }
}

//! The VM as the protocol drives it: deploys, calls, upgrades and queries, from input to
//! output.
//!
//! The flows follow the production VM (`hostCore/execution.go`):
//!
//! - **Deploy**: the new address comes from the creator and its nonce; the call value is
//!   credited to it; `CreateContract + CompilePerByte × code length` is charged (out of gas if
//!   more than provided); the code is validated and compiled (return code 9 if invalid); it
//!   must export `init` (return code 1 otherwise), which runs with the arguments; on success
//!   the output holds the code, its metadata and its deployer.
//! - **Call**: at least `GetCode` gas is needed before the contract is looked up (out of gas),
//!   then code must exist (return code 3), then `GetCode + AoTPreparePerByte × code length`
//!   is charged; `init`, `upgrade` and (outside callbacks) `callBack` may not be called
//!   (return code 4); a missing function is return code 1.
//! - **Upgrade** (`upgradeContract` routed to the VM): only the owner of an upgradeable
//!   contract (return code 10 otherwise); the first two arguments are the code and its
//!   metadata (return code 11 without them); charged as a deploy; the new code's `upgrade`
//!   runs with the remaining arguments.
//! - **Query** ([`VmHost::run_query`]): a call in read-only mode.
//!
//! A failed execution answers its return code and message with no account change, no event
//! and no gas left; a successful one every change, the gas left and the storage refund.

mod flows;
pub(crate) use flows::code_hash;
mod run;

use std::sync::{Arc, RwLock};

use blockchain_hooks::{
    BlockchainHooks, ContractCallInput, ContractCreateInput, GasSchedule, VmOutput,
};
use executor_api::Executor;
use vm_handler::{VmError, VmHandler};

use crate::VmConfig;
use run::Engine;

/// The long-lived half of the VM: configuration, gas schedule and executor (with its module
/// cache), built once and shared by every transaction. Cheap to share across threads.
pub struct VmHost {
    executor: Arc<dyn Executor>,
    schedule: RwLock<Arc<GasSchedule>>,
    config: VmConfig,
}

impl std::fmt::Debug for VmHost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VmHost")
            .field("executor", &self.executor.name())
            .field("config", &self.config)
            .finish()
    }
}

/// Gas above this is refused as input, as the production VM does (`validateVMInput`).
const MAX_GAS_PROVIDED: u64 = i64::MAX.unsigned_abs();

fn check_gas(gas_provided: u64) -> Result<(), VmError> {
    if gas_provided > MAX_GAS_PROVIDED {
        return Err(VmError::Config("invalid gas provided".into()));
    }
    Ok(())
}

impl VmHost {
    /// A VM running contracts on `executor` with `schedule`. The executor's opcode costs are
    /// set from the schedule.
    pub fn new(executor: Arc<dyn Executor>, schedule: GasSchedule, config: VmConfig) -> Self {
        executor.set_opcode_cost(&schedule.wasm_opcode_cost);
        Self {
            executor,
            schedule: RwLock::new(Arc::new(schedule)),
            config,
        }
    }

    /// The gas schedule in force.
    pub fn schedule(&self) -> Arc<GasSchedule> {
        match self.schedule.read() {
            Ok(guard) => Arc::clone(&guard),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// The VM's limits.
    pub fn config(&self) -> &VmConfig {
        &self.config
    }

    /// The executor.
    pub fn executor(&self) -> &Arc<dyn Executor> {
        &self.executor
    }

    /// Runs `input.function` in read-only mode, for a view query: storage writes fail the
    /// execution with "cannot write on read only mode" (return code 10) and events are
    /// dropped. The output is the caller's to read; it is never applied to the chain.
    ///
    /// # Errors
    /// [`VmError`] only for infrastructure failures, as [`VmHandler::run_smart_contract_call`].
    pub fn run_query(
        &self,
        input: &ContractCallInput,
        chain: &dyn BlockchainHooks,
    ) -> Result<VmOutput, VmError> {
        check_gas(input.vm_input.gas_provided)?;
        let schedule = self.schedule();
        let output = flows::call(&self.engine(&schedule), input, chain, true)?;
        Ok(call_errors_log(output, input))
    }

    fn engine<'h>(&'h self, schedule: &'h GasSchedule) -> Engine<'h> {
        Engine {
            executor: self.executor.as_ref(),
            schedule,
            config: &self.config,
        }
    }
}

/// A failed call's output with the event that reports its error (see [`run::with_errors_log`]).
fn call_errors_log(output: VmOutput, input: &ContractCallInput) -> VmOutput {
    let caller = input.vm_input.caller;
    run::with_errors_log(output, caller, input.recipient, &input.function)
}

impl VmHandler for VmHost {
    fn run_smart_contract_create(
        &self,
        input: &ContractCreateInput,
        chain: &dyn BlockchainHooks,
    ) -> Result<VmOutput, VmError> {
        check_gas(input.vm_input.gas_provided)?;
        let schedule = self.schedule();
        let output = flows::create(&self.engine(&schedule), input, chain)?;
        let caller = input.vm_input.caller;
        Ok(run::with_errors_log(
            output,
            caller,
            caller,
            run::INIT_LABEL,
        ))
    }

    fn run_smart_contract_call(
        &self,
        input: &ContractCallInput,
        chain: &dyn BlockchainHooks,
    ) -> Result<VmOutput, VmError> {
        check_gas(input.vm_input.gas_provided)?;
        let schedule = self.schedule();
        let engine = self.engine(&schedule);
        let output = if input.function == flows::UPGRADE_CONTRACT {
            flows::upgrade(&engine, input, chain)?
        } else {
            flows::call(&engine, input, chain, false)?
        };
        Ok(call_errors_log(output, input))
    }

    fn gas_schedule_change(&self, schedule: GasSchedule) -> Result<(), VmError> {
        self.executor.set_opcode_cost(&schedule.wasm_opcode_cost);
        let mut guard = self
            .schedule
            .write()
            .map_err(|_| VmError::Config("gas schedule lock poisoned".into()))?;
        *guard = Arc::new(schedule);
        Ok(())
    }
}

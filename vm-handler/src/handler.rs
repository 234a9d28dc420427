use crate::{
    BlockchainHooks, ContractCallInput, ContractCreateInput, GasSchedule, VmError, VmOutput,
};

/// A VM as the protocol drives it. Stateless: every change of an execution is in the
/// returned output, and the chain is only read, through `chain`.
///
/// Implementations are deterministic: the same input and chain give a byte-identical output.
pub trait VmHandler: Send + Sync {
    /// Deploys `input.code` at a new address (derived through `chain`) and runs its `init`.
    ///
    /// # Errors
    /// [`VmError`] only for infrastructure failures; every contract failure (invalid code,
    /// out of gas, a failing `init`) is an `Ok` output with its return code.
    fn run_smart_contract_create(
        &self,
        input: &ContractCreateInput,
        chain: &dyn BlockchainHooks,
    ) -> Result<VmOutput, VmError>;

    /// Runs `input.function` of the contract at `input.recipient`. `upgradeContract` routed
    /// here by the protocol upgrades the code and runs `upgrade` (or `init`).
    ///
    /// # Errors
    /// As [`VmHandler::run_smart_contract_create`].
    fn run_smart_contract_call(
        &self,
        input: &ContractCallInput,
        chain: &dyn BlockchainHooks,
    ) -> Result<VmOutput, VmError>;

    /// Replaces the gas schedule for the executions that follow (nodes change it at epochs).
    ///
    /// # Errors
    /// [`VmError::Config`] when the VM cannot use the schedule.
    fn gas_schedule_change(&self, schedule: GasSchedule) -> Result<(), VmError>;
}

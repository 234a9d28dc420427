//! The VM as the protocol drives it: deploys and calls, from input to output.

use std::sync::{Arc, RwLock};

use blockchain_hooks::{
    Address, BlockchainHooks, ContractCallInput, ContractCreateInput, GasSchedule, ReturnCode,
    VmInput, VmOutput, WASM_VM_TYPE,
};
use executor_api::{
    CodeHash, EarlyExit, Executor, ExecutorError, InstanceOptions, Module, messages,
};
use num_bigint::BigInt;
use sha2::{Digest, Sha256};
use vm_handler::{VmError, VmHandler};

use crate::context::{Context, Frame};
use crate::{VmConfig, errors, hooks};

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

/// Where an execution starts: the contract, its code and the gas the code costs to load.
struct Entry {
    contract: Address,
    code: Vec<u8>,
    hash: CodeHash,
    function: String,
    load_cost: u64,
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

    /// Runs `entry.function` in a fresh context and turns the result into an output.
    fn execute(
        &self,
        chain: &dyn BlockchainHooks,
        input: &VmInput,
        entry: Entry,
        prepare: impl FnOnce(&mut Context<'_>),
    ) -> Result<VmOutput, VmError> {
        let schedule = self.schedule();
        let Some(gas_left) = input.gas_provided.checked_sub(entry.load_cost) else {
            return Ok(VmOutput::failure(
                ReturnCode::OutOfGas,
                messages::NOT_ENOUGH_GAS,
            ));
        };
        let module = match self.executor.compile(entry.hash, &entry.code) {
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
        let options = InstanceOptions {
            gas_limit: gas_left,
            time_limit: self.config.time_limit,
        };
        let mut instance = module
            .instantiate(&options)
            .map_err(|e| VmError::Executor(e.to_string()))?;

        let mut ctx = Context::new(chain, &schedule, self.executor.as_ref(), &self.config);
        prepare(&mut ctx);
        ctx.frames.push(Frame::new(
            entry.contract,
            entry.function.clone(),
            input.clone(),
        ));
        let result = if instance.has_function(&entry.function) || entry.function != "init" {
            instance.call(&entry.function, &mut ctx)
        } else {
            Ok(())
        };
        ctx.frames.pop();
        Ok(match result {
            Ok(()) => {
                let mut output = ctx.output.into_output();
                output.gas_remaining = instance.gas_left();
                output
            }
            Err(exit) => failure_output(exit),
        })
    }
}

/// The output of a failed execution: its code and message, no change, no gas left.
fn failure_output(exit: EarlyExit) -> VmOutput {
    VmOutput::failure(exit.code, exit.message)
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

/// The cache key of `code`.
fn code_hash(code: &[u8]) -> CodeHash {
    CodeHash(Sha256::digest(code).into())
}

impl VmHandler for VmHost {
    fn run_smart_contract_create(
        &self,
        input: &ContractCreateInput,
        chain: &dyn BlockchainHooks,
    ) -> Result<VmOutput, VmError> {
        let schedule = self.schedule();
        let caller = input.vm_input.caller;
        let creator_nonce = chain
            .nonce(&caller)
            .saturating_sub(u64::from(!caller.is_smart_contract()));
        let contract = chain.new_address(&caller, creator_nonce, WASM_VM_TYPE)?;
        let load_cost = schedule.base_ops_api_cost.create_contract.saturating_add(
            schedule
                .base_operation_cost
                .compile_per_byte
                .saturating_mul(input.code.len() as u64),
        );
        let entry = Entry {
            contract,
            code: input.code.clone(),
            hash: code_hash(&input.code),
            function: "init".into(),
            load_cost,
        };
        let value = BigInt::from(input.vm_input.egld_value.clone());
        self.execute(chain, &input.vm_input, entry, |ctx| {
            let account = ctx.output.output_mut().account_mut(contract);
            account.code = Some(input.code.clone());
            account.code_metadata = Some(input.code_metadata);
            account.code_deployer = Some(caller);
            account.balance_delta += value;
        })
    }

    fn run_smart_contract_call(
        &self,
        input: &ContractCallInput,
        chain: &dyn BlockchainHooks,
    ) -> Result<VmOutput, VmError> {
        let schedule = self.schedule();
        let function = input.function.as_str();
        if (function == "init" && !input.allow_init) || function == "callBack" {
            return Ok(VmOutput::failure(
                ReturnCode::UserError,
                errors::INVALID_FUNCTION,
            ));
        }
        let contract = input.recipient;
        let Some(code) = chain.code(&contract) else {
            return Ok(VmOutput::failure(
                ReturnCode::ContractNotFound,
                errors::CONTRACT_NOT_FOUND,
            ));
        };
        let load_cost = schedule.base_operation_cost.get_code.saturating_add(
            schedule
                .base_operation_cost
                .aot_prepare_per_byte
                .saturating_mul(code.len() as u64),
        );
        let hash = chain
            .code_hash(&contract)
            .map_or_else(|| code_hash(&code), CodeHash);
        let entry = Entry {
            contract,
            code,
            hash,
            function: input.function.clone(),
            load_cost,
        };
        let value = BigInt::from(input.vm_input.egld_value.clone());
        self.execute(chain, &input.vm_input, entry, |ctx| {
            ctx.output.output_mut().account_mut(contract).balance_delta += value;
        })
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

//! The per-transaction context: what the hooks see while contracts run.

use std::collections::HashMap;

use blockchain_hooks::{Address, BlockchainHooks, CodeMetadata, GasSchedule, VmInput};
use executor_api::{EarlyExit, Executor, InstanceAccess};

use crate::VmConfig;
use crate::managed::ManagedTypes;
use crate::output::OutputJournal;

/// One contract execution on the stack of a transaction: the top frame is the running one.
#[derive(Debug)]
pub struct Frame {
    /// The running contract.
    pub contract: Address,
    /// The function being run.
    pub function: String,
    /// Caller, arguments, values and gas of the execution.
    pub input: VmInput,
    /// The contract's code metadata.
    pub code_metadata: CodeMetadata,
    /// The execution's managed values.
    pub managed: ManagedTypes,
    /// No storage writes, transfers or deploys allowed (queries, read-only calls).
    pub read_only: bool,
}

impl Frame {
    /// A frame for running `function` of `contract` with `input`.
    pub fn new(contract: Address, function: impl Into<String>, input: VmInput) -> Self {
        Self {
            contract,
            function: function.into(),
            input,
            code_metadata: CodeMetadata::default(),
            managed: ManagedTypes::default(),
            read_only: false,
        }
    }
}

/// Everything one transaction's executions share. It implements
/// [`VMHooks`](executor_api::VMHooks): the executor calls it for every hook.
pub struct Context<'a> {
    /// The chain, read-only.
    pub chain: &'a dyn BlockchainHooks,
    /// The gas schedule.
    pub schedule: &'a GasSchedule,
    /// The executor, for nested executions.
    pub executor: &'a dyn Executor,
    /// The VM's limits.
    pub config: &'a VmConfig,
    /// The changes so far.
    pub output: OutputJournal,
    /// Values read from the chain's storage in this transaction, by account and key.
    pub storage_cache: HashMap<(Address, Vec<u8>), Vec<u8>>,
    /// The executions under way, innermost last.
    pub frames: Vec<Frame>,
}

impl<'a> Context<'a> {
    /// A context with no execution under way.
    pub fn new(
        chain: &'a dyn BlockchainHooks,
        schedule: &'a GasSchedule,
        executor: &'a dyn Executor,
        config: &'a VmConfig,
    ) -> Self {
        Self {
            chain,
            schedule,
            executor,
            config,
            output: OutputJournal::default(),
            storage_cache: HashMap::new(),
            frames: Vec::new(),
        }
    }

    /// The running execution.
    ///
    /// # Panics
    /// Never while a hook runs: the VM pushes a frame before calling a contract.
    pub fn frame(&self) -> &Frame {
        self.frames.last().expect("a hook runs inside a frame")
    }

    /// The running execution, to change.
    pub fn frame_mut(&mut self) -> &mut Frame {
        self.frames.last_mut().expect("a hook runs inside a frame")
    }

    /// The running execution's managed values.
    pub fn managed(&mut self) -> &mut ManagedTypes {
        &mut self.frame_mut().managed
    }

    /// Charges `amount` gas on the running instance.
    ///
    /// # Errors
    /// Out of gas.
    pub fn use_gas(&self, instance: &mut dyn InstanceAccess, amount: u64) -> Result<(), EarlyExit> {
        instance.use_gas(amount)
    }

    /// Charges `base` plus `per_byte` for each of `bytes` bytes (saturating).
    ///
    /// # Errors
    /// Out of gas.
    pub fn use_gas_per_byte(
        &self,
        instance: &mut dyn InstanceAccess,
        base: u64,
        per_byte: u64,
        bytes: usize,
    ) -> Result<(), EarlyExit> {
        let bytes = u64::try_from(bytes).unwrap_or(u64::MAX);
        instance.use_gas(base.saturating_add(per_byte.saturating_mul(bytes)))
    }
}

impl std::fmt::Debug for Context<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("frames", &self.frames)
            .field("output", &self.output)
            .finish()
    }
}

//! The per-transaction context: what the hooks see while contracts run.

use blockchain_hooks::{Address, BlockchainHooks, CodeMetadata, GasSchedule, LogEntry, VmInput};
use executor_api::{EarlyExit, Executor, InstanceAccess};
use num_bigint::BigInt;

use crate::VmConfig;
use crate::go_rand::SeedRandReader;
use crate::managed::ManagedTypes;
use crate::output::OutputJournal;

/// One contract execution on the stack of a transaction: the top frame is the running one.
#[derive(Debug)]
pub struct Frame {
    /// The running contract.
    pub contract: Address,
    /// The function being run, as the contract sees it (`getFunction`, log identifiers):
    /// `init` for a deploy, `upgradeContract` for an upgrade, else the called endpoint.
    pub function: String,
    /// Caller, arguments, values and gas of the execution.
    pub input: VmInput,
    /// The contract's code metadata.
    pub code_metadata: CodeMetadata,
    /// The execution's managed values.
    pub managed: ManagedTypes,
    /// No storage writes, transfers or deploys allowed (queries, read-only calls); logs are
    /// dropped.
    pub read_only: bool,
    /// What nested calls sent back to this execution without calling it
    /// (`managedGetBackTransfers`).
    pub back_transfers: BackTransfers,
    /// The address whose code runs: the contract itself, or the library of a same-context
    /// call.
    pub code_address: Address,
    /// The functions the running code exports.
    pub exports: Vec<String>,
    /// The length of the running code.
    pub code_size: usize,
    /// The asynchronous calls registered, run when the function returns.
    pub async_calls: Vec<crate::asynchronous::AsyncCall>,
    /// A legacy asynchronous call was registered.
    pub legacy_async: bool,
    /// For a callback, the closure its promise carries (`managedGetCallbackClosure`).
    pub callback_closure: Option<Vec<u8>>,
}

/// Value and tokens nested calls sent back to their caller without calling it.
#[derive(Clone, Debug, Default)]
pub struct BackTransfers {
    /// EGLD received back.
    pub egld: BigInt,
    /// ESDT received back, in order.
    pub esdt: Vec<blockchain_hooks::EsdtTransfer>,
    /// The highest output transfer index counted: a transfer at or below it is not counted
    /// again.
    pub last_index: u32,
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
            back_transfers: BackTransfers::default(),
            code_address: contract,
            exports: Vec::new(),
            code_size: 0,
            async_calls: Vec::new(),
            legacy_async: false,
            callback_closure: None,
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
    /// The changes so far, with the storage values read from the chain in this transaction.
    pub output: OutputJournal,
    /// The executions under way, innermost last.
    pub frames: Vec<Frame>,
    /// The last early exit a hook returned: the VM keeps a hook's message, and replaces the
    /// engine's own trap messages with the production VM's "execution failed".
    pub(crate) hook_exit: Option<EarlyExit>,
    /// The transaction's random generator, made at its first use (`mBufferSetRandom`).
    random: Option<SeedRandReader>,
    /// The index the next output transfer gets (`NextOutputTransferIndex`).
    pub(crate) next_transfer_index: u32,
    /// The raw stop of the last nested call that failed (its own code and message).
    pub(crate) last_child_exit: Option<EarlyExit>,
    /// Whether the nested call failing now stopped inside its code (a hook's failure, a trap)
    /// rather than before it ran: set by `run_code`, taken by `run_child`.
    pub(crate) child_stopped_in_code: bool,
    /// The closure the next callback frame gets.
    pub(crate) next_closure: Option<Vec<u8>>,
    /// How many asynchronous call identifiers the transaction made.
    pub(crate) async_counter: u64,
    /// The errors of nested calls, for the `internalVMErrors` event (`AddError`).
    pub(crate) recorded_errors: Vec<String>,
}

/// How the `internalVMErrors` event writes one error: its message and the function it stopped.
pub(crate) fn error_text(message: &str, function: &str) -> String {
    format!("{message} [{function}]")
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
            frames: Vec::new(),
            hook_exit: None,
            random: None,
            next_transfer_index: 1,
            last_child_exit: None,
            child_stopped_in_code: false,
            next_closure: None,
            async_counter: 0,
            recorded_errors: Vec::new(),
        }
    }

    /// The transaction's random generator, seeded as the production VM seeds it from the
    /// previous and current blocks' random seeds (48 bytes each) and the transaction hash of
    /// the first execution that asks for it.
    pub(crate) fn random_reader(&mut self) -> &mut SeedRandReader {
        let (chain, frames) = (self.chain, &self.frames);
        self.random.get_or_insert_with(|| {
            let previous = crate::convert::random_seed(chain.previous_block());
            let current = crate::convert::random_seed(chain.current_block());
            let tx_hash = frames
                .last()
                .map(|f| f.input.current_tx_hash.as_slice())
                .unwrap_or_default();
            SeedRandReader::for_transaction(&previous, &current, tx_hash)
        })
    }

    /// Records the error `message` of a call of `function` for the transaction's
    /// `internalVMErrors` event (`AddError`).
    pub(crate) fn record_error(&mut self, message: &str, function: &str) {
        self.recorded_errors.push(error_text(message, function));
    }

    /// Remembers the early exit a hook returned (the dispatcher calls it).
    pub(crate) fn record_hook_exit(&mut self, exit: &EarlyExit) {
        self.hook_exit = Some(exit.clone());
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

    /// The running contract.
    pub fn contract(&self) -> Address {
        self.frame().contract
    }

    /// The running execution's input.
    pub fn input(&self) -> &VmInput {
        &self.frame().input
    }

    /// Whether the running execution may not change state.
    pub fn read_only(&self) -> bool {
        self.frame().read_only
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

    /// Emits an event of the running contract, identified by the running function. Dropped in
    /// read-only mode, as the production VM does.
    pub fn write_log(&mut self, topics: Vec<Vec<u8>>, data: Vec<Vec<u8>>) {
        if self.read_only() {
            return;
        }
        let frame = self.frame();
        let log = LogEntry {
            address: frame.contract,
            identifier: frame.function.clone().into_bytes(),
            topics,
            data,
        };
        self.output.push_log(log);
    }

    /// The EGLD balance of `address` as this transaction sees it: the chain's balance plus
    /// the changes so far. Like the production VM, looking creates the output account.
    pub fn balance_of(&mut self, address: Address) -> BigInt {
        let chain_balance = BigInt::from(self.chain.balance(&address));
        let account = self.output.account_mut(address);
        chain_balance + &account.balance_delta
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

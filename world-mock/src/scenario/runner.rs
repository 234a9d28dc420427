//! The scenario runner: loads files, assembles a VM per gas schedule, runs steps in order
//! on a fresh [`World`] per file, and reports the first expectation that fails.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use blockchain_hooks::{Address, EsdtTransfer, GasSchedule, ScheduleName, VmOutput, WASM_VM_TYPE};
use num_bigint::BigUint;
use vm_handler::{VmError, VmHandler};

use super::model::{Scenario, StepKind, TxKind, TxStep};
use super::{checks, parse, state, steps};
use crate::{StepFailure, World, WorldError};

/// Assembles the VM that runs contracts under a gas schedule (the CLI supplies one for
/// vm-core on Wasmer).
pub type VmFactory = dyn Fn(&GasSchedule) -> Result<Arc<dyn VmHandler>, VmError> + Send + Sync;

/// What one step did, for `strata run --trace`.
#[derive(Clone, Debug)]
pub struct StepTrace {
    /// The file the step is in.
    pub file: PathBuf,
    /// 0-based index of the step in its file.
    pub index: usize,
    /// The step's id.
    pub id: Option<String>,
    /// The step type.
    pub kind: &'static str,
    /// The transaction's output, for transaction steps.
    pub output: Option<VmOutput>,
    /// Gas the transaction used (gas limit − gas remaining).
    pub gas_used: Option<u64>,
    /// A printable dump of the world, for `dumpState`.
    pub dump: Option<String>,
    /// The transaction, for transaction steps.
    pub tx: Option<TxTrace>,
}

/// The transaction of a step, as the step gave it.
#[derive(Clone, Debug)]
pub struct TxTrace {
    /// The sender.
    pub from: Address,
    /// The receiver (the zero address for a deploy).
    pub to: Address,
    /// The function called (empty for a deploy or a transfer).
    pub function: String,
    /// The arguments.
    pub arguments: Vec<Vec<u8>>,
    /// The EGLD value.
    pub egld_value: BigUint,
    /// The ESDT payments.
    pub esdt: Vec<EsdtTransfer>,
    /// The gas the transaction may use: the step's gas limit, or for a query (and a transfer
    /// step naming none) the unbounded gas the runner gives it.
    pub gas_limit: u64,
    /// The size of the code, for a deploy.
    pub code_size: Option<usize>,
    /// For a deploy, the address of the new contract when it succeeded.
    pub deployed: Option<Address>,
}

/// The gas the runner gives a query, and a transfer step that names no gas limit.
const UNBOUNDED_GAS: u64 = i64::MAX as u64;

impl TxTrace {
    fn new(step: &TxStep, output: &VmOutput) -> Self {
        let tx = &step.tx;
        let unbounded = step.kind == TxKind::Query
            || (step.kind == TxKind::Transfer && tx.gas_limit == 0 && !tx.esdt.is_empty());
        let deploy = step.kind == TxKind::Deploy;
        let deployed = output
            .output_accounts
            .values()
            .find(|a| deploy && a.code.is_some())
            .map(|a| a.address);
        Self {
            from: tx.from,
            to: tx.to,
            function: tx.function.clone(),
            arguments: tx.arguments.clone(),
            egld_value: tx.egld_value.clone(),
            esdt: tx.esdt.clone(),
            gas_limit: if unbounded {
                UNBOUNDED_GAS
            } else {
                tx.gas_limit
            },
            code_size: deploy.then_some(tx.code.len()),
            deployed,
        }
    }
}

/// Receives a [`StepTrace`] after each step.
pub trait TraceSink {
    /// Called after each step that ran.
    fn step(&mut self, trace: &StepTrace);
}

impl<F: FnMut(&StepTrace)> TraceSink for F {
    fn step(&mut self, trace: &StepTrace) {
        self(trace);
    }
}

/// The outcome of one file.
#[derive(Clone, Debug)]
pub struct FileOutcome {
    /// The file.
    pub file: PathBuf,
    /// Whether every step ran and every expectation held.
    pub passed: bool,
    /// How long it took.
    pub time: Duration,
    /// Why it failed.
    pub error: Option<String>,
}

/// Options of a run.
#[derive(Clone, Copy, Debug, Default)]
pub struct RunOptions {
    /// Check `expect.gas` even where the scenario says `"checkGas": false`.
    pub force_check_gas: bool,
    /// After each transaction, run the asynchronous calls it sent to contracts of other
    /// shards, each in its shard as its own transaction, then their callbacks back in the
    /// caller's shard ([`World::run_cross_shard_calls`]). The production runner runs nothing
    /// cross-shard: off by default.
    pub cross_shard: bool,
}

/// Runs scenario files. Cheap to share between threads: the VMs it assembles (one per gas
/// schedule) are cached and reused.
pub struct ScenarioRunner {
    factory: Option<Arc<VmFactory>>,
    cache: Mutex<HashMap<ScheduleName, Arc<dyn VmHandler>>>,
    options: RunOptions,
}

impl fmt::Debug for ScenarioRunner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScenarioRunner")
            .field("has_vm_factory", &self.factory.is_some())
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

const MAX_EXTERNAL_DEPTH: usize = 32;

impl ScenarioRunner {
    /// A runner that assembles its VMs with `factory`, once per gas schedule.
    pub fn new(
        factory: impl Fn(&GasSchedule) -> Result<Arc<dyn VmHandler>, VmError> + Send + Sync + 'static,
    ) -> Self {
        Self {
            factory: Some(Arc::new(factory)),
            cache: Mutex::new(HashMap::new()),
            options: RunOptions::default(),
        }
    }

    /// A runner that uses `vm` for every gas schedule.
    pub fn with_vm(vm: Arc<dyn VmHandler>) -> Self {
        Self::new(move |_| Ok(vm.clone()))
    }

    /// A runner without VM: scenarios that run no contract (transfers, state checks) work;
    /// a contract execution fails with [`WorldError::UnknownVmType`].
    pub fn without_vm() -> Self {
        Self {
            factory: None,
            cache: Mutex::new(HashMap::new()),
            options: RunOptions::default(),
        }
    }

    /// Sets the run options.
    pub fn with_options(mut self, options: RunOptions) -> Self {
        self.options = options;
        self
    }

    fn vm(&self, name: ScheduleName, schedule: &GasSchedule) -> Option<Arc<dyn VmHandler>> {
        let factory = self.factory.as_ref()?;
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(vm) = cache.get(&name) {
            return Some(vm.clone());
        }
        // A VM that cannot be assembled fails the first contract execution, naming its
        // step; scenarios that run no contract still run.
        let vm = factory(schedule).unwrap_or_else(|e| Arc::new(UnavailableVm(e)));
        cache.insert(name, vm.clone());
        Some(vm)
    }

    /// Runs the scenario file at `path`.
    ///
    /// # Errors
    /// [`WorldError::Check`] for the first expectation that fails; any other variant for a
    /// file that cannot be read, parsed or run.
    pub fn run_file(&self, path: &Path) -> Result<(), WorldError> {
        self.run_file_traced(path, &mut |_: &StepTrace| {})
    }

    /// Runs the file at `path`, calling `trace` after each step.
    ///
    /// # Errors
    /// As [`ScenarioRunner::run_file`].
    pub fn run_file_traced(
        &self,
        path: &Path,
        trace: &mut dyn TraceSink,
    ) -> Result<(), WorldError> {
        let scenario = parse::load(path)?;
        self.run_scenario(&scenario, path, trace)
    }

    /// Runs the scenario file at `path` and answers the world it leaves.
    ///
    /// # Errors
    /// As [`ScenarioRunner::run_file`].
    pub fn run_file_world(&self, path: &Path) -> Result<World, WorldError> {
        let scenario = parse::load(path)?;
        let mut sink = |_: &StepTrace| {};
        let mut exec = self.execution(&scenario, &mut sink)?;
        exec.run(&scenario, path, 0, true)?;
        Ok(exec.world)
    }

    /// Runs scenario `text` as if read from `file`.
    ///
    /// # Errors
    /// As [`ScenarioRunner::run_file`].
    pub fn run_str(&self, text: &str, file: &Path) -> Result<(), WorldError> {
        let scenario = parse::parse_str(text, file)?;
        self.run_scenario(&scenario, file, &mut |_: &StepTrace| {})
    }

    /// Runs the file at `path` and tells how it went, never failing itself.
    pub fn run_file_outcome(&self, path: &Path) -> FileOutcome {
        let start = Instant::now();
        let result = self.run_file(path);
        FileOutcome {
            file: path.to_path_buf(),
            passed: result.is_ok(),
            time: start.elapsed(),
            error: result.err().map(|e| e.to_string()),
        }
    }

    fn run_scenario(
        &self,
        scenario: &Scenario,
        file: &Path,
        trace: &mut dyn TraceSink,
    ) -> Result<(), WorldError> {
        self.execution(scenario, trace)?
            .run(scenario, file, 0, true)
    }

    fn execution<'t>(
        &self,
        scenario: &Scenario,
        trace: &'t mut dyn TraceSink,
    ) -> Result<Execution<'t>, WorldError> {
        let name = scenario.gas_schedule.unwrap_or(ScheduleName::V4);
        let schedule = GasSchedule::named(name);
        let mut world = World::new();
        if let Some(vm) = self.vm(name, &schedule) {
            world.register_vm(WASM_VM_TYPE, vm);
        }
        world.set_gas_schedule(Arc::new(schedule));
        Ok(Execution {
            world,
            trace,
            force_check_gas: self.options.force_check_gas,
            cross_shard: self.options.cross_shard,
        })
    }
}

struct Execution<'t> {
    world: World,
    trace: &'t mut dyn TraceSink,
    force_check_gas: bool,
    cross_shard: bool,
}

impl Execution<'_> {
    /// Runs the steps of `scenario`; `outer_check_gas` is false inside the external steps of
    /// a scenario that does not check gas.
    fn run(
        &mut self,
        scenario: &Scenario,
        file: &Path,
        depth: usize,
        outer_check_gas: bool,
    ) -> Result<(), WorldError> {
        let own = scenario.check_gas && outer_check_gas;
        let check_gas = own || self.force_check_gas;
        for (index, step) in scenario.steps.iter().enumerate() {
            let step_err = |message: String| WorldError::Step {
                file: file.to_path_buf(),
                index,
                id: step.id.clone(),
                message,
            };
            let mut trace = StepTrace {
                file: file.to_path_buf(),
                index,
                id: step.id.clone(),
                kind: step.kind.name(),
                output: None,
                gas_used: None,
                dump: None,
                tx: None,
            };
            let failure = |m: super::report::Mismatch| {
                WorldError::Check(Box::new(StepFailure {
                    file: file.to_path_buf(),
                    step_index: index,
                    step_id: step.id.clone(),
                    step_kind: step.kind.name().to_owned(),
                    field: m.field,
                    expected: m.expected,
                    actual: m.actual,
                }))
            };
            match &step.kind {
                StepKind::External(path) => {
                    if depth >= MAX_EXTERNAL_DEPTH {
                        return Err(step_err(format!(
                            "externalSteps nested deeper than {MAX_EXTERNAL_DEPTH} (a cycle?)"
                        )));
                    }
                    let inner = parse::load(path)?;
                    self.trace.step(&trace);
                    self.run(&inner, path, depth + 1, own)?;
                    continue;
                }
                StepKind::SetState(set) => state::apply_set_state(&mut self.world, set),
                StepKind::CheckState(checks) => {
                    super::check_state::check_state(&self.world, checks).map_err(failure)?;
                }
                StepKind::DumpState => trace.dump = Some(state::dump(&self.world)),
                StepKind::Tx(tx_step) => {
                    let id = step.id.clone().unwrap_or_default();
                    let output =
                        steps::run_tx(&mut self.world, tx_step, &id).map_err(|e| match e {
                            WorldError::State(m) => step_err(m),
                            other => other,
                        })?;
                    let tx = TxTrace::new(tx_step, &output);
                    trace.gas_used = Some(tx.gas_limit.saturating_sub(output.gas_remaining));
                    trace.tx = Some(tx);
                    trace.output = Some(output.clone());
                    self.trace.step(&trace);
                    if let Some(expect) = &tx_step.expect {
                        checks::check_tx(expect, &output, check_gas).map_err(failure)?;
                    }
                    if self.cross_shard {
                        let hash = steps::tx_hash(&id);
                        self.world.run_cross_shard_calls(&output, &hash)?;
                    }
                    continue;
                }
            }
            self.trace.step(&trace);
        }
        Ok(())
    }
}

/// Stands in for a VM the factory could not assemble: every execution fails with its error.
struct UnavailableVm(VmError);

impl VmHandler for UnavailableVm {
    fn run_smart_contract_create(
        &self,
        _input: &blockchain_hooks::ContractCreateInput,
        _chain: &dyn blockchain_hooks::BlockchainHooks,
    ) -> Result<VmOutput, VmError> {
        Err(self.0.clone())
    }

    fn run_smart_contract_call(
        &self,
        _input: &blockchain_hooks::ContractCallInput,
        _chain: &dyn blockchain_hooks::BlockchainHooks,
    ) -> Result<VmOutput, VmError> {
        Err(self.0.clone())
    }

    fn gas_schedule_change(&self, _schedule: GasSchedule) -> Result<(), VmError> {
        Err(self.0.clone())
    }
}

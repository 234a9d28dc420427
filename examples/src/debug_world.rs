//! [`DebugWorld`]: scenarios on native contract builds, from Rust tests.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use blockchain_hooks::GasSchedule;
use executor_api::{Executor, NativeContract};
use executor_debugger::DebuggerExecutor;
use executor_wasmer::{WasmerConfig, WasmerExecutor};
use vm_core::{VmConfig, VmHost};
use vm_handler::{VmError, VmHandler};
use world_mock::{RunOptions, ScenarioRunner, World};

fn wasmer(schedule: &GasSchedule) -> Result<WasmerExecutor, VmError> {
    WasmerExecutor::new(WasmerConfig::new(schedule.wasm_opcode_cost.clone()))
        .map_err(|e| VmError::Executor(e.to_string()))
}

/// A scenario runner whose VM is vm-core on Wasmer: the production-like assembly.
pub fn wasmer_runner() -> ScenarioRunner {
    ScenarioRunner::new(|schedule: &GasSchedule| {
        let executor = Arc::new(wasmer(schedule)?);
        let vm = VmHost::new(executor, schedule.clone(), VmConfig::default());
        Ok(Arc::new(vm) as Arc<dyn VmHandler>)
    })
}

/// Runs scenarios with native contract builds: vm-core on a
/// [`DebuggerExecutor`] in the world mock.
///
/// Each contract is registered under the wasm file the scenarios load (`file:…` or the code
/// of an `mxsc:` file): where an account's code is that wasm, the contract's native build
/// runs instead, so a breakpoint in its Rust code stops the scenario there. Code that no
/// registration matches runs on Wasmer. Relative paths are resolved against
/// [`DebugWorld::root`] (the current directory by default, which `cargo test` sets to the
/// package being tested).
///
/// Gas differs from the wasm run (opcodes are not metered natively): scenarios that check
/// exact gas can run with `"checkGas": false`, or in [`differential`](crate::differential)
/// comparisons, which ignore gas.
#[derive(Debug, Default)]
pub struct DebugWorld {
    root: Option<PathBuf>,
    contracts: Vec<(PathBuf, NativeContract)>,
    embedded: Vec<(Vec<u8>, NativeContract)>,
    options: RunOptions,
}

impl DebugWorld {
    /// A world with no native contract registered.
    pub fn new() -> Self {
        Self::default()
    }

    /// Resolves relative paths (contracts and scenarios) against `root`.
    pub fn root(mut self, root: impl Into<PathBuf>) -> Self {
        self.root = Some(root.into());
        self
    }

    /// Runs `contract` wherever an account's code is the wasm in the file at `wasm_path`.
    /// The file is read when a runner is built.
    pub fn register_contract(
        mut self,
        wasm_path: impl AsRef<Path>,
        contract: NativeContract,
    ) -> Self {
        self.contracts
            .push((wasm_path.as_ref().to_path_buf(), contract));
        self
    }

    /// Runs `contract` wherever an account's code is `code`.
    pub fn register_code(mut self, code: impl Into<Vec<u8>>, contract: NativeContract) -> Self {
        self.embedded.push((code.into(), contract));
        self
    }

    /// Registers every bundled example contract that has a native build
    /// ([`bundled_native_contracts`](crate::bundled_native_contracts)).
    pub fn bundled(mut self) -> Self {
        for (code, contract) in crate::bundled_native_contracts() {
            self = self.register_code(code, contract);
        }
        self
    }

    /// Sets the runner's options (`force_check_gas`, `cross_shard`).
    pub fn options(mut self, options: RunOptions) -> Self {
        self.options = options;
        self
    }

    fn resolve(&self, path: &Path) -> PathBuf {
        match &self.root {
            Some(root) if path.is_relative() => root.join(path),
            _ => path.to_path_buf(),
        }
    }

    /// The registered contracts with their code, read from their files.
    ///
    /// # Errors
    /// A wasm file that cannot be read.
    pub fn registrations(&self) -> Result<Vec<(Vec<u8>, NativeContract)>> {
        let from_files = self
            .contracts
            .iter()
            .map(|(path, contract)| {
                let path = self.resolve(path);
                let code = std::fs::read(&path).with_context(|| {
                    format!("reading {} for contract {}", path.display(), contract.name)
                })?;
                Ok((code, *contract))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(self.embedded.iter().cloned().chain(from_files).collect())
    }

    /// A scenario runner on the debugger executor with the registered contracts and a
    /// Wasmer fallback, one VM per gas schedule.
    ///
    /// # Errors
    /// A wasm file that cannot be read.
    pub fn runner(&self) -> Result<ScenarioRunner> {
        let registrations = self.registrations()?;
        let runner = ScenarioRunner::new(move |schedule: &GasSchedule| {
            let fallback: Arc<dyn Executor> = Arc::new(wasmer(schedule)?);
            let mut executor = DebuggerExecutor::new().with_fallback(fallback);
            for (code, contract) in &registrations {
                executor.register(code.clone(), *contract);
            }
            let vm = VmHost::new(Arc::new(executor), schedule.clone(), VmConfig::default());
            Ok(Arc::new(vm) as Arc<dyn VmHandler>)
        });
        Ok(runner.with_options(self.options))
    }

    /// Runs the scenario file at `path`.
    ///
    /// # Errors
    /// A contract file that cannot be read, or the scenario's first failure (an
    /// expectation that does not hold, a file that cannot be read or parsed).
    pub fn run(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = self.resolve(path.as_ref());
        self.runner()?
            .run_file(&path)
            .with_context(|| format!("{} on the debugger executor", path.display()))
    }

    /// Runs the scenario file at `path` and answers the world it leaves.
    ///
    /// # Errors
    /// As [`DebugWorld::run`].
    pub fn run_world(&self, path: impl AsRef<Path>) -> Result<World> {
        let path = self.resolve(path.as_ref());
        self.runner()?
            .run_file_world(&path)
            .with_context(|| format!("{} on the debugger executor", path.display()))
    }
}

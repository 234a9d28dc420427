//! The executor: native contracts registered by their wasm code, and an optional fallback
//! executor for every other code.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use executor_api::{CodeHash, Executor, ExecutorError, Module, NativeContract, OpcodeCost};

use crate::DebuggerError;
use crate::module::NativeModule;

/// How many code hashes the executor remembers (native or not); past it the memory starts
/// over (modules of native contracts cost nothing to make again).
const MAX_CACHED_HASHES: usize = 4096;

/// Strata's [`Executor`] for contracts compiled into the host process.
///
/// A native contract is registered under the wasm code it stands for (the bytes an account
/// holds, e.g. the contract's `output/<name>.wasm`): when the VM compiles that code, the
/// executor answers a module whose instances call the contract's Rust functions directly,
/// so a debugger can stop in them. Any other code goes to the fallback executor (Wasmer in
/// practice), so contracts without a native build run in the same world; without a
/// fallback it is [`ExecutorError::InvalidContract`].
///
/// Gas: hooks charge the instance's counter exactly as on Wasmer, but opcodes cannot be
/// metered natively, so a native contract uses less gas than its wasm build, and a gas limit
/// stops it only at its next hook. Time limits are not enforced on native contracts.
///
/// ```
/// use std::panic::resume_unwind;
/// use executor_api::{CodeHash, Executor, InstanceAccess, InstanceOptions, NativeContract,
///     VMHooks};
/// use strata_executor_debugger::DebuggerExecutor;
///
/// fn answer(hooks: &mut dyn VMHooks, instance: &mut dyn InstanceAccess) {
///     if let Err(exit) = hooks.int64finish(instance, 42) {
///         resume_unwind(Box::new(exit));
///     }
/// }
/// const CONTRACT: NativeContract = NativeContract { name: "answer", endpoints: &[("get", answer)] };
///
/// let mut executor = DebuggerExecutor::new();
/// executor.register(b"answer.wasm bytes".to_vec(), CONTRACT);
/// let module = executor.compile(CodeHash([7; 32]), b"answer.wasm bytes")?;
/// assert_eq!(module.exported_functions(), ["get"]);
/// assert!(module.imported_hooks().is_empty());
/// let instance = module.instantiate(&InstanceOptions::with_gas_limit(1_000))?;
/// assert_eq!(instance.gas_left(), 1_000);
/// assert!(executor.compile(CodeHash([8; 32]), b"other code").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct DebuggerExecutor {
    contracts: HashMap<Vec<u8>, NativeContract>,
    /// What each code hash met so far is: a native module, or `None` for code of no
    /// registered contract (so its bytes are not looked up again on every call).
    modules: Mutex<HashMap<CodeHash, Option<Arc<NativeModule>>>>,
    fallback: Option<Arc<dyn Executor>>,
}

impl std::fmt::Debug for DebuggerExecutor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut names: Vec<&str> = self.contracts.values().map(|c| c.name).collect();
        names.sort_unstable();
        f.debug_struct("DebuggerExecutor")
            .field("contracts", &names)
            .field("fallback", &self.fallback.as_ref().map(|e| e.name()))
            .finish_non_exhaustive()
    }
}

impl Default for DebuggerExecutor {
    fn default() -> Self {
        Self::new()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl DebuggerExecutor {
    /// An executor with no contract registered and no fallback.
    pub fn new() -> Self {
        Self {
            contracts: HashMap::new(),
            modules: Mutex::new(HashMap::new()),
            fallback: None,
        }
    }

    /// Sends the code of no registered contract to `fallback`.
    pub fn with_fallback(mut self, fallback: Arc<dyn Executor>) -> Self {
        self.fallback = Some(fallback);
        self
    }

    /// Runs `contract` wherever an account's code is exactly `code` (replacing a contract
    /// registered before for the same code).
    pub fn register(&mut self, code: Vec<u8>, contract: NativeContract) -> &mut Self {
        self.contracts.insert(code, contract);
        lock(&self.modules).clear();
        self
    }

    /// Registers `contract` for the code in the file at `path` (its built `.wasm`).
    ///
    /// # Errors
    /// [`DebuggerError::Read`] when the file cannot be read.
    pub fn register_file(
        &mut self,
        path: impl AsRef<Path>,
        contract: NativeContract,
    ) -> Result<&mut Self, DebuggerError> {
        let path = path.as_ref();
        let code = std::fs::read(path).map_err(|source| DebuggerError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(self.register(code, contract))
    }

    /// The contract registered for `code`, if any.
    pub fn contract_for(&self, code: &[u8]) -> Option<&NativeContract> {
        self.contracts.get(code)
    }

    /// The names of the registered contracts, sorted.
    pub fn contract_names(&self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = self.contracts.values().map(|c| c.name).collect();
        names.sort_unstable();
        names
    }

    fn unregistered(code: &[u8]) -> ExecutorError {
        ExecutorError::InvalidContract(format!(
            "no native contract is registered for this code ({} bytes) and the debugger \
             executor has no fallback: register the contract's native build for its wasm \
             (DebuggerExecutor::register or register_file) or give a fallback executor \
             (DebuggerExecutor::with_fallback)",
            code.len()
        ))
    }
}

impl Executor for DebuggerExecutor {
    fn compile(&self, hash: CodeHash, code: &[u8]) -> Result<Arc<dyn Module>, ExecutorError> {
        let known = lock(&self.modules).get(&hash).cloned();
        let native = match known {
            Some(native) => native,
            None => {
                let native = self
                    .contracts
                    .get(code)
                    .map(|contract| Arc::new(NativeModule::new(*contract)));
                let mut modules = lock(&self.modules);
                if modules.len() >= MAX_CACHED_HASHES {
                    modules.clear();
                }
                modules.insert(hash, native.clone());
                native
            }
        };
        match (native, &self.fallback) {
            (Some(module), _) => Ok(module),
            (None, Some(fallback)) => fallback.compile(hash, code),
            (None, None) => Err(Self::unregistered(code)),
        }
    }

    fn cached(&self, hash: CodeHash) -> Option<Arc<dyn Module>> {
        if let Some(Some(module)) = lock(&self.modules).get(&hash) {
            return Some(Arc::clone(module) as Arc<dyn Module>);
        }
        self.fallback.as_ref()?.cached(hash)
    }

    /// Opcodes of native contracts are not metered, so their costs mean nothing here; they
    /// go to the fallback executor.
    fn set_opcode_cost(&self, cost: &OpcodeCost) {
        if let Some(fallback) = &self.fallback {
            fallback.set_opcode_cost(cost);
        }
    }

    fn name(&self) -> &'static str {
        "debugger"
    }
}

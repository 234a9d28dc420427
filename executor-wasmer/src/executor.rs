//! The executor: validation, singlepass compilation with metering, and the module caches.

use std::collections::HashMap;
use std::num::NonZero;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};

use executor_api::{CodeHash, Executor, ExecutorError, Module, OpcodeCost};
use wasmer::sys::{EngineBuilder, Features, Singlepass};
use wasmer::{CompileError, Engine};

use crate::cache::{DiskCache, Rejected};
use crate::config::{Limits, WasmerConfig, artifact_key};
use crate::metering::Metering;
use crate::module::WasmerModule;
use crate::module_cache::ModuleCache;
use crate::operators::CostTable;
use crate::tunables::ContractTunables;
use crate::validation::{analyze, facts_of};

/// Counters of where modules came from, for tests and monitoring.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Modules served from the in-memory cache.
    pub memory_hits: u64,
    /// Modules loaded from the disk cache.
    pub disk_hits: u64,
    /// Disk cache files refused as corrupted or foreign (then compiled again).
    pub disk_rejected: u64,
    /// Modules compiled.
    pub compiled: u64,
}

#[derive(Default)]
struct Counters {
    memory_hits: AtomicU64,
    disk_hits: AtomicU64,
    disk_rejected: AtomicU64,
    compiled: AtomicU64,
}

/// What modules are compiled with; replaced as a whole by `set_opcode_cost`.
struct Costs {
    table: Arc<CostTable>,
    limits: Limits,
    key: [u8; 32],
    generation: u64,
}

impl Costs {
    fn new(cost: &OpcodeCost, generation: u64) -> Arc<Self> {
        Arc::new(Self {
            table: Arc::new(CostTable::new(cost)),
            limits: Limits::from_opcode_cost(cost),
            key: artifact_key(cost),
            generation,
        })
    }
}

/// Strata's [`Executor`] on Wasmer singlepass.
///
/// Compiles each contract once per code hash, with the opcode costs, the stop threshold and
/// the `memory.grow` limits compiled in, and keeps the modules in memory (and, with a cache
/// directory, on disk). Cheap to share: wrap it in an `Arc`.
pub struct WasmerExecutor {
    costs: RwLock<Arc<Costs>>,
    modules: Mutex<ModuleCache>,
    disk: Option<DiskCache>,
    loader: Engine,
    counters: Counters,
    compile_threads: NonZero<usize>,
    /// One lock per code hash being compiled, so that threads meeting the same new contract
    /// at once compile it once: the others wait and take it from the cache.
    in_flight: Mutex<HashMap<CodeHash, Arc<Mutex<()>>>>,
}

impl std::fmt::Debug for WasmerExecutor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WasmerExecutor")
            .field("disk", &self.disk)
            .field("stats", &self.cache_stats())
            .finish_non_exhaustive()
    }
}

/// The wasm features the engine compiles: what validation lets through, and nothing more.
fn engine_features() -> Features {
    let mut features = Features::new();
    features
        .threads(false)
        .simd(false)
        .relaxed_simd(false)
        .multi_memory(false)
        .tail_call(false)
        .exceptions(false)
        .extended_const(false)
        .wide_arithmetic(false)
        .reference_types(true)
        .bulk_memory(true)
        .multi_value(true);
    features
}

fn engine(metering: Option<Metering>, threads: NonZero<usize>) -> Engine {
    let mut compiler = Singlepass::new();
    compiler.num_threads = threads;
    if let Some(metering) = metering {
        use wasmer::sys::CompilerConfig;
        compiler.push_middleware(Arc::new(metering));
    }
    let mut engine = EngineBuilder::new(compiler)
        .set_features(Some(engine_features()))
        .engine();
    engine.set_tunables(ContractTunables);
    engine.into()
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl WasmerExecutor {
    /// An executor with `config`'s opcode costs and cache directory.
    ///
    /// # Errors
    /// [`ExecutorError::Cache`] when the cache directory cannot be created.
    pub fn new(config: WasmerConfig) -> Result<Self, ExecutorError> {
        let disk = match &config.cache_dir {
            Some(dir) => Some(
                DiskCache::new(dir)
                    .map_err(|e| ExecutorError::Cache(format!("{}: {e}", dir.display())))?,
            ),
            None => None,
        };
        Ok(Self {
            costs: RwLock::new(Costs::new(&config.opcode_cost, 0)),
            modules: Mutex::new(ModuleCache::new(config.max_cached_modules)),
            disk,
            loader: engine(None, NonZero::<usize>::MIN),
            counters: Counters::default(),
            compile_threads: NonZero::new(config.compile_threads).unwrap_or(NonZero::<usize>::MIN),
            in_flight: Mutex::new(HashMap::new()),
        })
    }

    /// Where the modules served so far came from.
    pub fn cache_stats(&self) -> CacheStats {
        let get = |c: &AtomicU64| c.load(Ordering::Relaxed);
        CacheStats {
            memory_hits: get(&self.counters.memory_hits),
            disk_hits: get(&self.counters.disk_hits),
            disk_rejected: get(&self.counters.disk_rejected),
            compiled: get(&self.counters.compiled),
        }
    }

    /// [`Executor::compile`], returning the concrete module type.
    ///
    /// # Errors
    /// As [`Executor::compile`].
    pub fn compile_wasmer(
        &self,
        hash: CodeHash,
        code: &[u8],
    ) -> Result<Arc<WasmerModule>, ExecutorError> {
        if let Some(module) = self.memory_hit(hash) {
            return Ok(module);
        }
        let gate = Arc::clone(lock(&self.in_flight).entry(hash).or_default());
        let result = {
            let _compiling = lock(&gate);
            match self.memory_hit(hash) {
                Some(module) => Ok(module),
                None => self.load_or_compile(hash, code),
            }
        };
        let mut in_flight = lock(&self.in_flight);
        // Two holders: the map and `gate`; nobody else waits on this hash.
        if Arc::strong_count(&gate) == 2 {
            in_flight.remove(&hash);
        }
        result
    }

    fn memory_hit(&self, hash: CodeHash) -> Option<Arc<WasmerModule>> {
        let module = Arc::clone(lock(&self.modules).get(&hash)?);
        self.counters.memory_hits.fetch_add(1, Ordering::Relaxed);
        Some(module)
    }

    fn load_or_compile(
        &self,
        hash: CodeHash,
        code: &[u8],
    ) -> Result<Arc<WasmerModule>, ExecutorError> {
        let costs = Arc::clone(&self.costs.read().unwrap_or_else(PoisonError::into_inner));
        let (engine, module, facts) = match self.load_from_disk(hash, &costs) {
            // Stored only after `analyze` accepted the code under the same key: its sections
            // are read for the facts, its function bodies are not validated again.
            Some((engine, module)) => match facts_of(code, &costs.limits) {
                Some(facts) => (engine, module, facts),
                None => (engine, module, analyze(code, &costs.limits)?),
            },
            None => {
                let facts = analyze(code, &costs.limits)?;
                let (engine, module) = self.compile_fresh(hash, code, &costs)?;
                (engine, module, facts)
            }
        };
        let module = Arc::new(WasmerModule::new(engine, module, facts));
        let current = self.costs.read().unwrap_or_else(PoisonError::into_inner);
        if current.generation == costs.generation {
            lock(&self.modules).insert(hash, Arc::clone(&module));
        }
        Ok(module)
    }

    fn load_from_disk(&self, hash: CodeHash, costs: &Costs) -> Option<(Engine, wasmer::Module)> {
        let disk = self.disk.as_ref()?;
        let payload = match disk.load(hash, &costs.key) {
            Ok(payload) => payload,
            Err(Rejected::Missing) => return None,
            Err(Rejected::Invalid(_) | Rejected::Io(_)) => {
                self.counters.disk_rejected.fetch_add(1, Ordering::Relaxed);
                return None;
            }
        };
        // SAFETY: Wasmer requires the bytes to come from `Module::serialize` of a compatible
        // engine. These are: the file's key covers this crate's and Wasmer's versions, the
        // target and the opcode costs, and its BLAKE3 checksum matches the payload, so it is the
        // exact output of `serialize` written by `compile_fresh` under the same key, not a
        // corrupted or foreign file. The cache directory is trusted (see `WasmerConfig`).
        match unsafe { wasmer::Module::deserialize(&self.loader, payload) } {
            Ok(module) => {
                self.counters.disk_hits.fetch_add(1, Ordering::Relaxed);
                Some((self.loader.clone(), module))
            }
            Err(_) => {
                self.counters.disk_rejected.fetch_add(1, Ordering::Relaxed);
                None
            }
        }
    }

    fn compile_fresh(
        &self,
        hash: CodeHash,
        code: &[u8],
        costs: &Costs,
    ) -> Result<(Engine, wasmer::Module), ExecutorError> {
        let metering = Metering::new(Arc::clone(&costs.table), &costs.limits);
        let engine = engine(Some(metering), self.compile_threads);
        // The exported functions go into a table (see `metering::with_function_table`).
        let with_table = crate::metering::with_function_table(code);
        let code = with_table.as_deref().unwrap_or(code);
        let module = wasmer::Module::new(&engine, code).map_err(|e| match e {
            CompileError::Validate(message)
            | CompileError::Wasm(wasmer::WasmError::InvalidWebAssembly { message, .. }) => {
                ExecutorError::InvalidContract(message)
            }
            other => ExecutorError::Compilation(other.to_string()),
        })?;
        self.counters.compiled.fetch_add(1, Ordering::Relaxed);
        if let Some(disk) = &self.disk {
            // A cache that cannot be written only costs a compilation next time.
            if let Ok(bytes) = module.serialize() {
                let _ = disk.store(hash, &costs.key, &bytes);
            }
        }
        Ok((engine, module))
    }
}

impl Executor for WasmerExecutor {
    fn compile(&self, hash: CodeHash, code: &[u8]) -> Result<Arc<dyn Module>, ExecutorError> {
        Ok(self.compile_wasmer(hash, code)?)
    }

    fn cached(&self, hash: CodeHash) -> Option<Arc<dyn Module>> {
        let module = Arc::clone(lock(&self.modules).get(&hash)?);
        Some(module)
    }

    fn set_opcode_cost(&self, cost: &OpcodeCost) {
        let mut costs = self.costs.write().unwrap_or_else(PoisonError::into_inner);
        *costs = Costs::new(cost, costs.generation + 1);
        lock(&self.modules).clear();
    }

    fn name(&self) -> &'static str {
        "wasmer"
    }
}

//! What the executor is built with: the opcode costs, the VM's limits and the disk cache.

use std::path::PathBuf;

use executor_api::OpcodeCost;
use sha2::{Digest, Sha256};

/// The most pages (64 KiB each) a contract's memory may declare: its maximum, or its minimum
/// when it declares no maximum.
pub const MAX_MEMORY_PAGES: u64 = 20;

/// The most locals one function may declare (parameters not counted).
pub const MAX_LOCALS_PER_FUNCTION: u64 = 4_000;

/// The most `memory.grow` instructions a module may contain.
pub const MAX_MEMORY_GROW_INSTRUCTIONS: u64 = 100;

/// The most elements the contract's table may have: declared, and grown to at run time
/// (`table.grow` past it fails with -1, as past a declared maximum). A contract has at most
/// one table. Without this bound, one `table.grow` could ask the host for gigabytes.
pub const MAX_TABLE_ELEMENTS: u32 = 1 << 16;

/// The largest module accepted, in bytes (4 MiB: ten times the largest contracts built with
/// the MultiversX framework). The production VM has no such limit of its own (the protocol's
/// transaction size bounds deploys); this one bounds what compiling may cost the host.
pub const MAX_CODE_BYTES: usize = 4 << 20;

/// The most functions (imported and defined) a module may have. Compiling costs the engine
/// a few kilobytes per function: 200,000 tiny functions in 1.6 MB of code took 400–800 MB.
pub const MAX_FUNCTIONS: u64 = 20_000;

/// The most globals a module may declare.
pub const MAX_GLOBALS: u64 = 4_096;

/// The most targets all the `br_table` instructions of a module may list together.
pub const MAX_BR_TABLE_TARGETS: u64 = 1 << 20;

/// The deepest nesting of blocks, loops and ifs in one function.
pub const MAX_NESTING_DEPTH: u64 = 10_000;

/// The version of Wasmer this crate compiles with; part of the disk cache key.
pub const WASMER_VERSION: &str = "7.4.2";

/// How a [`WasmerExecutor`](crate::WasmerExecutor) is built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WasmerConfig {
    /// The `[WASMOpcodeCost]` section of the gas schedule: the cost of each operator, and
    /// `LocalAllocate`, `LocalsUnmetered`, `MaxMemoryGrow`, `MaxMemoryGrowDelta`.
    pub opcode_cost: OpcodeCost,
    /// A directory for compiled artifacts, keyed by code hash, engine version and opcode
    /// costs. `None`: modules are cached in memory only. The directory must be private to
    /// the node: artifacts found there are checked for corruption, not for forgery.
    pub cache_dir: Option<PathBuf>,
    /// The most compiled modules kept in memory; beyond it the oldest is dropped (and
    /// compiled again, or loaded from the disk cache, when it is met again).
    pub max_cached_modules: usize,
    /// Threads one compilation uses (Singlepass compiles functions in parallel). 1 by
    /// default: callers that run several contracts at once, such as the scenario runner's
    /// jobs, already keep the cores busy, and a compilation that spreads over other threads
    /// would nest pools inside theirs.
    pub compile_threads: usize,
}

/// The default number of compiled modules kept in memory.
pub const DEFAULT_MAX_CACHED_MODULES: usize = 1024;

impl WasmerConfig {
    /// A configuration with `opcode_cost` and no disk cache.
    pub fn new(opcode_cost: OpcodeCost) -> Self {
        Self {
            opcode_cost,
            cache_dir: None,
            max_cached_modules: DEFAULT_MAX_CACHED_MODULES,
            compile_threads: 1,
        }
    }

    /// The same configuration compiling each module on `threads` threads (at least 1).
    pub fn with_compile_threads(mut self, threads: usize) -> Self {
        self.compile_threads = threads.max(1);
        self
    }

    /// The same configuration keeping at most `max` compiled modules in memory.
    pub fn with_max_cached_modules(mut self, max: usize) -> Self {
        self.max_cached_modules = max;
        self
    }

    /// The same configuration with compiled artifacts kept in `dir`.
    pub fn with_cache_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cache_dir = Some(dir.into());
        self
    }
}

/// The structural limits [`validate`](crate::validate) checks, and the run-time
/// `memory.grow` limits compiled into modules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// See [`MAX_MEMORY_PAGES`].
    pub max_memory_pages: u64,
    /// See [`MAX_LOCALS_PER_FUNCTION`].
    pub max_locals_per_function: u64,
    /// See [`MAX_MEMORY_GROW_INSTRUCTIONS`].
    pub max_memory_grow_instructions: u64,
    /// `MaxMemoryGrow`: how many `memory.grow` executions one instance may make.
    pub max_memory_grow: u64,
    /// `MaxMemoryGrowDelta`: the most pages one `memory.grow` may ask for.
    pub max_memory_grow_delta: u64,
}

impl Limits {
    /// The production VM's limits, with the `memory.grow` limits of `cost`.
    pub fn from_opcode_cost(cost: &OpcodeCost) -> Self {
        Self {
            max_memory_grow: cost.max_memory_grow,
            max_memory_grow_delta: cost.max_memory_grow_delta,
            ..Self::default()
        }
    }
}

impl Default for Limits {
    /// The production VM's structural limits; the `memory.grow` limits of gas schedule V4.
    fn default() -> Self {
        Self {
            max_memory_pages: MAX_MEMORY_PAGES,
            max_locals_per_function: MAX_LOCALS_PER_FUNCTION,
            max_memory_grow_instructions: MAX_MEMORY_GROW_INSTRUCTIONS,
            max_memory_grow: 100,
            max_memory_grow_delta: 1,
        }
    }
}

/// A hash of everything compiled into an artifact besides the code: this crate's and
/// Wasmer's versions, the target, and every opcode cost. Artifacts made under another key
/// are never loaded.
pub(crate) fn artifact_key(cost: &OpcodeCost) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(b"strata-executor-wasmer\0");
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    hasher.update(b"\0wasmer\0");
    hasher.update(WASMER_VERSION.as_bytes());
    hasher.update(b"\0");
    hasher.update(std::env::consts::ARCH.as_bytes());
    hasher.update(b"\0");
    hasher.update(std::env::consts::OS.as_bytes());
    hasher.update(b"\0");
    hasher.update(crate::tunables::PROFILE.as_bytes());
    hasher.update(b"\0");
    hasher.update(crate::metering::LAYOUT.as_bytes());
    hasher.update(b"\0");
    // Every change to this crate's sources (build.rs): no artifact of another build loads.
    hasher.update(env!("STRATA_EXECUTOR_SOURCE_HASH").as_bytes());
    for key in OpcodeCost::KEYS {
        hasher.update(b"\0");
        hasher.update(key.as_bytes());
        hasher.update(cost.get(key).unwrap_or(0).to_le_bytes());
    }
    hasher.finalize().into()
}

#[cfg(test)]
mod tests {
    use executor_api::GasSchedule;

    use super::*;

    #[test]
    fn artifact_key_changes_with_any_cost() {
        let v4 = GasSchedule::v4().wasm_opcode_cost;
        let mut changed = v4.clone();
        changed.i32_add += 1;
        assert_eq!(artifact_key(&v4), artifact_key(&v4.clone()));
        assert_ne!(artifact_key(&v4), artifact_key(&changed));
    }

    #[test]
    fn limits_take_the_grow_limits_of_the_schedule() {
        let dummy = GasSchedule::dummy().wasm_opcode_cost;
        let limits = Limits::from_opcode_cost(&dummy);
        assert_eq!(limits.max_memory_grow, 8);
        assert_eq!(limits.max_memory_grow_delta, 10);
        assert_eq!(limits.max_memory_pages, 20);
    }
}

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::{
    EarlyExit, ExecutorError, MemLength, MemPtr, OpcodeCost, ReturnCode, VMHooks, messages,
};

/// The cache key of a compiled module: a 32-byte hash of the contract code, computed by the
/// caller (the VM uses the account's code hash), so that executors never hash code themselves.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CodeHash(pub [u8; 32]);

impl fmt::Debug for CodeHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CodeHash(")?;
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        write!(f, ")")
    }
}

/// What an instance is created with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstanceOptions {
    /// Gas points the instance may use (opcodes and hooks together).
    pub gas_limit: u64,
    /// Wall-clock limit of one [`Instance::call`]; past it the executor stops the contract
    /// preemptively with return code 10, [`messages::EXECUTION_TIMEOUT`]. `None`: no limit.
    pub time_limit: Option<Duration>,
}

impl InstanceOptions {
    /// Options with `gas_limit` and no time limit.
    pub fn with_gas_limit(gas_limit: u64) -> Self {
        Self {
            gas_limit,
            time_limit: None,
        }
    }
}

/// Compiles contract code into reusable modules: the long-lived half of an engine, built
/// once per VM with its opcode costs and limits, shared across threads.
///
/// Compiling the same code twice must give the same module; implementations cache modules
/// by [`CodeHash`], so compile once, instantiate many.
pub trait Executor: Send + Sync {
    /// Validates and compiles `code`, or returns the cached module for `hash`.
    ///
    /// # Errors
    /// [`ExecutorError::InvalidContract`] when the code breaks a rule of the VM (the caller
    /// answers return code 9); [`ExecutorError::Compilation`] for an engine failure.
    fn compile(&self, hash: CodeHash, code: &[u8]) -> Result<Arc<dyn Module>, ExecutorError>;

    /// The module cached for `hash`, if any; never compiles.
    fn cached(&self, hash: CodeHash) -> Option<Arc<dyn Module>>;

    /// Replaces the opcode costs (nodes change schedules at epoch starts). Costs are compiled
    /// into modules, so modules compiled before are dropped from the cache.
    fn set_opcode_cost(&self, cost: &OpcodeCost);

    /// A short name of the executor, for logs and the CLI (`"wasmer"`, `"debugger"`).
    fn name(&self) -> &'static str;
}

/// A compiled contract, ready to be instantiated any number of times.
pub trait Module: Send + Sync {
    /// Creates a fresh instance: new memory, new globals, the gas counter at 0 used.
    ///
    /// # Errors
    /// [`ExecutorError::Instantiation`] when the engine cannot create it.
    fn instantiate(&self, options: &InstanceOptions) -> Result<Box<dyn Instance>, ExecutorError>;

    /// Whether the module exports a function named `name`.
    fn has_function(&self, name: &str) -> bool;

    /// The names of the exported functions, sorted.
    fn exported_functions(&self) -> Vec<String>;

    /// The exported functions that take parameters or return results, sorted. The VM refuses
    /// such a contract when it is deployed or upgraded (the production VM's
    /// `ValidateFunctionArities`); code already on chain still runs, and calling such a
    /// function answers return code 2.
    fn nonvoid_functions(&self) -> Vec<String>;

    /// The names of the hooks the module imports, sorted; the VM refuses at deploy time a
    /// contract importing a hook it cannot serve.
    fn imported_hooks(&self) -> Vec<String>;
}

/// Memory and gas of an instance, as the hooks see them.
///
/// During [`Instance::call`] the executor passes one of these to every hook; outside calls
/// the [`Instance`] itself gives the same access. Offsets are checked: an access outside the
/// linear memory is an error, never a host fault.
pub trait InstanceAccess {
    /// Reads `length` bytes at `offset`.
    ///
    /// # Errors
    /// Return code 10, [`messages::MEM_LOAD_BAD_BOUNDS`], when the range is not inside the
    /// memory or `length` is negative.
    fn memory_load(&self, offset: MemPtr, length: MemLength) -> Result<Vec<u8>, EarlyExit>;

    /// Writes `data` at `offset`.
    ///
    /// # Errors
    /// Return code 10, [`messages::MEM_STORE_BAD_BOUNDS`], when the range is not inside the
    /// memory.
    fn memory_store(&mut self, offset: MemPtr, data: &[u8]) -> Result<(), EarlyExit>;

    /// Gas points used so far by opcodes and hooks.
    fn gas_used(&self) -> u64;

    /// Sets the gas points used; the next metering check stops the contract when the value
    /// exceeds the limit.
    fn set_gas_used(&mut self, used: u64);

    /// The gas limit of the instance.
    fn gas_limit(&self) -> u64;

    /// Gas points left (`limit - used`, never negative).
    fn gas_left(&self) -> u64 {
        self.gas_limit().saturating_sub(self.gas_used())
    }

    /// Charges `amount` points.
    ///
    /// # Errors
    /// Out of gas (return code 5, "not enough gas") when fewer than `amount` points are left;
    /// the counter is then left at the limit, so nothing more can run.
    fn use_gas(&mut self, amount: u64) -> Result<(), EarlyExit> {
        let used = self.gas_used().saturating_add(amount);
        if used > self.gas_limit() {
            let limit = self.gas_limit();
            self.set_gas_used(limit);
            return Err(EarlyExit::out_of_gas());
        }
        self.set_gas_used(used);
        Ok(())
    }
}

/// A running contract: the short-lived half, one per execution.
pub trait Instance: InstanceAccess {
    /// Calls the exported function `name` (no parameters, no results), serving its imports
    /// with `hooks`.
    ///
    /// # Errors
    /// The [`EarlyExit`] that stopped it: the one a hook returned, unchanged; return code 1
    /// for a missing function ([`messages::FUNCTION_NOT_FOUND`]), 2 for a function with
    /// parameters or results, 5 when opcodes ran out of gas, 10 for traps, the memory limit
    /// ([`messages::MEMORY_LIMIT`]) and the time limit ([`messages::EXECUTION_TIMEOUT`]).
    fn call(&mut self, name: &str, hooks: &mut dyn VMHooks) -> Result<(), EarlyExit>;

    /// Whether the instance exports a function named `name`.
    fn has_function(&self, name: &str) -> bool;

    /// The names of the exported functions, sorted.
    fn exported_functions(&self) -> Vec<String>;

    /// Sets the gas limit (and keeps the gas used).
    fn set_gas_limit(&mut self, limit: u64);

    /// The early exit that ended the last call, if it did not return normally.
    fn early_exit(&self) -> Option<&EarlyExit>;
}

impl EarlyExit {
    /// The stop for a call of a function the module does not export.
    pub fn function_not_found() -> Self {
        Self::new(ReturnCode::FunctionNotFound, messages::FUNCTION_NOT_FOUND)
    }
}

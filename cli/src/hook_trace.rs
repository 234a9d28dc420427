//! `strata run --trace=hooks`: an [`Executor`] wrapper whose instances hand contracts a
//! [`VMHooks`] that records every hook call (name, arguments, gas, result) before passing it
//! on. Only the runner of a `--trace=hooks` run is built with it, so other runs pay nothing.

use std::sync::{Arc, Mutex};

use blockchain_hooks::GasSchedule;
use executor_api::{
    CodeHash, EarlyExit, Executor, ExecutorError, Instance, InstanceAccess, InstanceOptions,
    MemLength, MemPtr, Module, OpcodeCost, VMHooks,
};
use executor_wasmer::{WasmerConfig, WasmerExecutor};
use vm_core::{VmConfig, VmHost};
use vm_handler::{VmError, VmHandler};
use world_mock::ScenarioRunner;

/// One hook call.
#[derive(Clone, Debug)]
pub struct HookCall {
    /// How deeply nested the call is (0 for the transaction's contract's hooks).
    pub depth: usize,
    /// The hook's wasm name.
    pub name: &'static str,
    /// The arguments, widened to `i64`.
    pub args: Vec<i64>,
    /// The gas the hook charged.
    pub gas: u64,
    /// What it answered: its value, or the early exit that stopped the contract.
    pub result: String,
}

/// The hook calls recorded since the last [`HookLog::take`].
#[derive(Clone, Debug, Default)]
pub struct HookLog {
    inner: Arc<Mutex<LogState>>,
}

#[derive(Debug, Default)]
struct LogState {
    calls: Vec<HookCall>,
    depth: usize,
}

impl HookLog {
    fn lock(&self) -> std::sync::MutexGuard<'_, LogState> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Opens a call; answers its index.
    fn begin(&self, name: &'static str, args: Vec<i64>) -> usize {
        let mut state = self.lock();
        let depth = state.depth;
        state.depth += 1;
        state.calls.push(HookCall {
            depth,
            name,
            args,
            gas: 0,
            result: String::new(),
        });
        state.calls.len() - 1
    }

    /// Closes call `index`.
    fn end(&self, index: usize, gas: u64, result: String) {
        let mut state = self.lock();
        state.depth = state.depth.saturating_sub(1);
        if let Some(call) = state.calls.get_mut(index) {
            call.gas = gas;
            call.result = result;
        }
    }

    /// The calls recorded so far, emptying the log.
    pub fn take(&self) -> Vec<HookCall> {
        std::mem::take(&mut self.lock().calls)
    }
}

/// A runner whose VM is vm-core on Wasmer, with every hook call recorded in `log`.
pub fn runner(log: HookLog) -> ScenarioRunner {
    ScenarioRunner::new(move |schedule: &GasSchedule| build(schedule, log.clone()))
}

fn build(schedule: &GasSchedule, log: HookLog) -> Result<Arc<dyn VmHandler>, VmError> {
    let config = WasmerConfig::new(schedule.wasm_opcode_cost.clone());
    let wasmer = WasmerExecutor::new(config).map_err(|e| VmError::Executor(e.to_string()))?;
    let executor = TracingExecutor {
        inner: Arc::new(wasmer),
        log,
    };
    let vm = VmHost::new(Arc::new(executor), schedule.clone(), VmConfig::default());
    Ok(Arc::new(vm))
}

struct TracingExecutor {
    inner: Arc<dyn Executor>,
    log: HookLog,
}

impl TracingExecutor {
    fn wrap(&self, module: Arc<dyn Module>) -> Arc<dyn Module> {
        Arc::new(TracingModule {
            inner: module,
            log: self.log.clone(),
        })
    }
}

impl Executor for TracingExecutor {
    fn compile(&self, hash: CodeHash, code: &[u8]) -> Result<Arc<dyn Module>, ExecutorError> {
        self.inner.compile(hash, code).map(|m| self.wrap(m))
    }

    fn cached(&self, hash: CodeHash) -> Option<Arc<dyn Module>> {
        self.inner.cached(hash).map(|m| self.wrap(m))
    }

    fn set_opcode_cost(&self, cost: &OpcodeCost) {
        self.inner.set_opcode_cost(cost);
    }

    fn name(&self) -> &'static str {
        self.inner.name()
    }
}

struct TracingModule {
    inner: Arc<dyn Module>,
    log: HookLog,
}

impl Module for TracingModule {
    fn instantiate(&self, options: &InstanceOptions) -> Result<Box<dyn Instance>, ExecutorError> {
        let inner = self.inner.instantiate(options)?;
        Ok(Box::new(TracingInstance {
            inner,
            log: self.log.clone(),
        }))
    }

    fn has_function(&self, name: &str) -> bool {
        self.inner.has_function(name)
    }

    fn exported_functions(&self) -> Vec<String> {
        self.inner.exported_functions()
    }

    fn nonvoid_functions(&self) -> Vec<String> {
        self.inner.nonvoid_functions()
    }

    fn imported_hooks(&self) -> Vec<String> {
        self.inner.imported_hooks()
    }
}

struct TracingInstance {
    inner: Box<dyn Instance>,
    log: HookLog,
}

impl InstanceAccess for TracingInstance {
    fn memory_load(&self, offset: MemPtr, length: MemLength) -> Result<Vec<u8>, EarlyExit> {
        self.inner.memory_load(offset, length)
    }

    fn memory_store(&mut self, offset: MemPtr, data: &[u8]) -> Result<(), EarlyExit> {
        self.inner.memory_store(offset, data)
    }

    fn gas_used(&self) -> u64 {
        self.inner.gas_used()
    }

    fn set_gas_used(&mut self, used: u64) {
        self.inner.set_gas_used(used);
    }

    fn gas_limit(&self) -> u64 {
        self.inner.gas_limit()
    }

    fn gas_left(&self) -> u64 {
        self.inner.gas_left()
    }

    fn use_gas(&mut self, amount: u64) -> Result<(), EarlyExit> {
        self.inner.use_gas(amount)
    }
}

impl Instance for TracingInstance {
    fn call(&mut self, name: &str, hooks: &mut dyn VMHooks) -> Result<(), EarlyExit> {
        let mut tracing = TracingHooks {
            inner: hooks,
            log: &self.log,
        };
        self.inner.call(name, &mut tracing)
    }

    fn has_function(&self, name: &str) -> bool {
        self.inner.has_function(name)
    }

    fn exported_functions(&self) -> Vec<String> {
        self.inner.exported_functions()
    }

    fn set_gas_limit(&mut self, limit: u64) {
        self.inner.set_gas_limit(limit);
    }

    fn early_exit(&self) -> Option<&EarlyExit> {
        self.inner.early_exit()
    }
}

struct TracingHooks<'a> {
    inner: &'a mut dyn VMHooks,
    log: &'a HookLog,
}

/// Widens an argument of any parameter type of the table to `i64`.
trait Widen {
    fn widen(self) -> i64;
}

impl Widen for i32 {
    fn widen(self) -> i64 {
        i64::from(self)
    }
}

impl Widen for i64 {
    fn widen(self) -> i64 {
        self
    }
}

impl Widen for isize {
    fn widen(self) -> i64 {
        i64::try_from(self).unwrap_or(i64::MAX)
    }
}

fn result_text<T: std::fmt::Debug>(result: &Result<T, EarlyExit>) -> String {
    match result {
        Ok(value) => format!("{value:?}"),
        Err(exit) => format!("stop: {exit}"),
    }
}

macro_rules! tracing_hooks {
    ($(
        $(#[$doc:meta])*
        $wasm:ident [$group:ident $category:literal $gas:literal]
        fn $method:ident($($arg:ident: $ty:ident),*) $(-> $ret:ident)?;
    )*) => {
        impl VMHooks for TracingHooks<'_> {
            $(
                fn $method(
                    &mut self,
                    instance: &mut dyn InstanceAccess,
                    $($arg: $ty),*
                ) -> Result<executor_api::hook_return_type!($($ret)?), EarlyExit> {
                    let index = self.log.begin(stringify!($wasm), vec![$(Widen::widen($arg)),*]);
                    let before = instance.gas_used();
                    let result = self.inner.$method(instance, $($arg),*);
                    let gas = instance.gas_used().saturating_sub(before);
                    self.log.end(index, gas, result_text(&result));
                    result
                }
            )*
        }
    };
}

executor_api::for_each_vm_hook!(tracing_hooks);

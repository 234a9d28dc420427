//! A running contract: one Wasmer store and instance, its gas and its stops.

use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::Arc;
use std::time::Duration;

use executor_api::{
    EarlyExit, ExecutorError, Instance, InstanceAccess, InstanceOptions, MemLength, MemPtr,
    ReturnCode, VMHooks, messages,
};
use wasmer::{FunctionEnv, RuntimeError, Store, TypedFunction};

use crate::globals::{self, Slots};
use crate::imports::{self, Env, HooksPtr, InstanceState};
use crate::metering;
use crate::module::WasmerModule;
use crate::watchdog::Deadline;

/// The message of a call of an exported function that takes parameters or returns results.
pub const WRONG_SIGNATURE: &str = "wrong signature for function";

/// An instance of a [`WasmerModule`]; see [`Instance`].
pub struct WasmerInstance {
    store: Store,
    env: FunctionEnv<Env>,
    instance: wasmer::Instance,
    state: InstanceState,
    exported_functions: Arc<[String]>,
    /// The exported functions in the order of `exported_functions` (see
    /// `metering::FUNCTIONS`); `None` if the module exports them by name.
    functions: Option<wasmer::Table>,
    /// The functions taken from `functions` so far, by position: each `Table::get` of a
    /// function adds an object to the store, so each is taken once.
    called: Vec<(usize, wasmer::Function)>,
    time_limit: Option<Duration>,
    early_exit: Option<EarlyExit>,
}

impl std::fmt::Debug for WasmerInstance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WasmerInstance")
            .field("gas_limit", &self.state.gas_limit)
            .field("gas_used", &self.state.gas_used())
            .field("time_limit", &self.time_limit)
            .field("early_exit", &self.early_exit)
            .finish_non_exhaustive()
    }
}

fn instantiation(message: impl Into<String>) -> ExecutorError {
    ExecutorError::Instantiation(message.into())
}

/// An instantiation error as the contract's fault or the engine's: an active data or element
/// segment outside its memory or table (a trap while the segments are applied) or an import
/// that does not link is the contract's code ([`ExecutorError::InvalidContract`], return
/// code 9 as in the production VM); anything else is the engine's.
fn instantiation_error(error: wasmer::InstantiationError) -> ExecutorError {
    match error {
        wasmer::InstantiationError::Start(trap) => {
            ExecutorError::InvalidContract(format!("instantiation trapped: {trap}"))
        }
        wasmer::InstantiationError::Link(link) => {
            ExecutorError::InvalidContract(format!("instantiation failed: {link}"))
        }
        other => instantiation(other.to_string()),
    }
}

impl WasmerInstance {
    pub(crate) fn new(
        module: &WasmerModule,
        options: &InstanceOptions,
    ) -> Result<Self, ExecutorError> {
        let mut store = Store::new(module.engine().clone());
        let env = FunctionEnv::new(&mut store, Env::default());
        let imports = imports::build_imports(&mut store, &env, module.import_order());
        if imports.len() != module.wasmer_module().imports().len() {
            return Err(instantiation("the module imports more than hooks"));
        }
        let instance = wasmer::Instance::new_by_index(&mut store, module.wasmer_module(), &imports)
            .map_err(instantiation_error)?;
        // Validation requires exactly one memory, exported.
        let memory = instance
            .exports
            .iter()
            .find_map(|(_, export)| match export {
                wasmer::Extern::Memory(memory) => Some(memory.clone()),
                _ => None,
            })
            .ok_or_else(|| instantiation("the module exports no memory"))?;
        let exported_functions = module.exported_function_names();
        let functions = instance
            .exports
            .get_table(metering::FUNCTIONS)
            .ok()
            .cloned();
        if let Some(table) = &functions
            && u32::try_from(exported_functions.len()).ok() != Some(table.size(&store))
        {
            return Err(instantiation(
                "the table of exported functions does not match",
            ));
        }
        let slots = Slots::locate(&mut store, &instance)
            .ok_or_else(|| instantiation("the module was not compiled by this executor"))?;
        let state = InstanceState {
            memory,
            slots,
            gas_limit: options.gas_limit,
        };
        state.set_gas_used(0);
        env.as_mut(&mut store).state = Some(state.clone());
        Ok(Self {
            store,
            env,
            instance,
            state,
            exported_functions,
            functions,
            called: Vec::new(),
            time_limit: options.time_limit,
            early_exit: None,
        })
    }

    /// Runs `function` with `hooks` serving the imports; the wasm error if it trapped, and
    /// whether the deadline fired.
    fn run(
        &mut self,
        function: &TypedFunction<(), ()>,
        hooks: &mut dyn VMHooks,
    ) -> Result<(Result<(), RuntimeError>, bool), EarlyExit> {
        let slots = self.state.slots;
        slots.stop_threshold.set_i64(0);
        slots.stop_reason.set_i32(globals::REASON_NONE);
        // Points exhausted before the first metering point (a limit of 0) are as a hook
        // leaving them so: a trap before that point is the trap (found by the differential
        // fuzz target: the production VM checks nothing before it).
        let exhausted = slots.gas_remaining.get_i64() <= 0;
        let env = self.env.as_mut(&mut self.store);
        env.hook_left_no_gas = exhausted;
        let deadline = match self.time_limit {
            Some(limit) => Some(
                Deadline::arm(slots.stop_threshold, limit).map_err(EarlyExit::execution_failed)?,
            ),
            None => None,
        };
        env.hooks = Some(HooksPtr::new(hooks));
        let outcome = catch_unwind(AssertUnwindSafe(|| function.call(&mut self.store)));
        // Cleared on every path, before the borrow of `hooks` ends (see `HooksPtr`).
        self.env.as_mut(&mut self.store).hooks = None;
        let timed_out = deadline.is_some_and(Deadline::disarm);
        match outcome {
            Ok(result) => Ok((result, timed_out)),
            Err(panic) => resume_unwind(panic),
        }
    }

    /// The stop that a trap of the contract means.
    fn classify(&mut self, error: RuntimeError, timed_out: bool) -> EarlyExit {
        let error = match error.downcast::<EarlyExit>() {
            Ok(exit) => return exit,
            Err(error) => error,
        };
        if timed_out {
            return EarlyExit::execution_failed(messages::EXECUTION_TIMEOUT);
        }
        // Not every metering point checks the limit (see `metering`): a trap after the points
        // ran out in wasm code is where the production VM stopped as out of gas, unless a
        // hook left them exhausted and the trap came before the next (checking) point.
        let ran_out = self.state.slots.gas_remaining.get_i64() <= 0
            && !self.env.as_ref(&self.store).hook_left_no_gas;
        match self.state.slots.stop_reason.get_i32() {
            globals::REASON_OUT_OF_GAS => self.out_of_gas(),
            _ if ran_out => self.out_of_gas(),
            globals::REASON_MEMORY_LIMIT => EarlyExit::execution_failed(messages::MEMORY_LIMIT),
            _ => match error.clone().to_trap() {
                Some(trap) => EarlyExit::execution_failed(trap.message()),
                None => EarlyExit::execution_failed(error.message()),
            },
        }
    }

    /// Out of gas: all the gas is used.
    fn out_of_gas(&mut self) -> EarlyExit {
        self.state.set_gas_used(self.state.gas_limit);
        EarlyExit::out_of_gas()
    }

    /// The exported function `name`.
    fn function(&mut self, name: &str) -> Option<wasmer::Function> {
        if name.starts_with(globals::RESERVED_PREFIX) {
            return None;
        }
        let Some(table) = &self.functions else {
            return self.instance.exports.get_function(name).ok().cloned();
        };
        let position = self
            .exported_functions
            .binary_search_by(|f| f.as_str().cmp(name))
            .ok()?;
        if let Some((_, function)) = self.called.iter().find(|(at, _)| *at == position) {
            return Some(function.clone());
        }
        let wasmer::Value::FuncRef(Some(function)) =
            table.get(&mut self.store, u32::try_from(position).ok()?)?
        else {
            return None;
        };
        self.called.push((position, function.clone()));
        Some(function)
    }

    fn call_function(&mut self, name: &str, hooks: &mut dyn VMHooks) -> Result<(), EarlyExit> {
        let function = self
            .function(name)
            .ok_or_else(EarlyExit::function_not_found)?;
        let typed = function
            .typed::<(), ()>(&self.store)
            .map_err(|_| EarlyExit::new(ReturnCode::FunctionWrongSignature, WRONG_SIGNATURE))?;
        match self.run(&typed, hooks)? {
            (Ok(()), _) => Ok(()),
            (Err(error), timed_out) => Err(self.classify(error, timed_out)),
        }
    }
}

impl InstanceAccess for WasmerInstance {
    fn memory_load(&self, offset: MemPtr, length: MemLength) -> Result<Vec<u8>, EarlyExit> {
        self.state.load(&self.store, offset, length)
    }

    fn memory_store(&mut self, offset: MemPtr, data: &[u8]) -> Result<(), EarlyExit> {
        self.state.store(&self.store, offset, data)
    }

    fn gas_used(&self) -> u64 {
        self.state.gas_used()
    }

    fn set_gas_used(&mut self, used: u64) {
        self.state.set_gas_used(used);
    }

    fn gas_limit(&self) -> u64 {
        self.state.gas_limit
    }
}

impl Instance for WasmerInstance {
    fn call(&mut self, name: &str, hooks: &mut dyn VMHooks) -> Result<(), EarlyExit> {
        self.early_exit = None;
        let result = self.call_function(name, hooks);
        if let Err(exit) = &result {
            self.early_exit = Some(exit.clone());
        }
        result
    }

    fn has_function(&self, name: &str) -> bool {
        self.exported_functions
            .binary_search_by(|f| f.as_str().cmp(name))
            .is_ok()
    }

    fn exported_functions(&self) -> Vec<String> {
        self.exported_functions.to_vec()
    }

    fn set_gas_limit(&mut self, limit: u64) {
        self.state.set_gas_limit(limit);
        if let Some(state) = imports::state_of_mut(&self.env, &mut self.store) {
            state.gas_limit = limit;
        }
    }

    fn early_exit(&self) -> Option<&EarlyExit> {
        self.early_exit.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use executor_api::{CodeHash, GasSchedule, Instance, InstanceAccess, InstanceOptions};

    use crate::testing::RecordingHooks;
    use crate::{WasmerConfig, WasmerExecutor};

    #[test]
    fn exported_functions_are_found_in_the_table_by_position() {
        // Exports out of name order, a function exported twice, and the contract's own
        // table, used by `call_indirect`.
        let code = wat::parse_str(
            r#"(module
              (type $void (func))
              (memory (export "memory") 1)
              (table 2 funcref)
              (elem (i32.const 0) $c $a)
              (func $c (export "c") (i32.store (i32.const 0) (i32.const 3)))
              (func $a (export "a") (export "alias") (i32.store (i32.const 0) (i32.const 1)))
              (func $b (export "b") (i32.store (i32.const 0) (i32.const 2)))
              (func (export "indirect") (call_indirect (type $void) (i32.const 0))))"#,
        )
        .unwrap();
        let executor =
            WasmerExecutor::new(WasmerConfig::new(GasSchedule::v4().wasm_opcode_cost)).unwrap();
        let module = executor.compile_wasmer(CodeHash([9; 32]), &code).unwrap();
        let mut instance = module
            .instantiate_wasmer(&InstanceOptions::with_gas_limit(1_000_000))
            .unwrap();
        let table = instance.functions.as_ref().expect("the function table");
        assert_eq!(table.size(&instance.store), 5);
        assert_eq!(instance.instance.exports.iter().count(), 3);
        let mut hooks = RecordingHooks::new();
        for (function, stored) in [("a", 1), ("alias", 1), ("b", 2), ("c", 3), ("indirect", 3)] {
            instance.memory_store(0, &[0; 4]).unwrap();
            instance.call(function, &mut hooks).unwrap();
            assert_eq!(
                instance.memory_load(0, 4).unwrap(),
                [stored, 0, 0, 0],
                "{function}"
            );
        }
        assert!(instance.call("d", &mut hooks).is_err());
        assert!(instance.call("strata:functions", &mut hooks).is_err());
    }
}

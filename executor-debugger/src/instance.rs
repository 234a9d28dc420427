//! A running native contract: its gas counter and the calls of its endpoints.

use std::panic::{AssertUnwindSafe, catch_unwind};

use executor_api::{
    EarlyExit, Instance, InstanceAccess, MemLength, MemPtr, NATIVE_PANIC_MESSAGE, NativeContract,
    NativeEndpoint, VMHooks,
};

use crate::memory;

/// The memory and gas of a native instance, as its hooks see them: the value handed to the
/// endpoint as its [`InstanceAccess`].
#[derive(Debug)]
struct NativeState {
    gas_used: u64,
    gas_limit: u64,
}

impl InstanceAccess for NativeState {
    fn memory_load(&self, offset: MemPtr, length: MemLength) -> Result<Vec<u8>, EarlyExit> {
        memory::load(offset, length)
    }

    fn memory_store(&mut self, offset: MemPtr, data: &[u8]) -> Result<(), EarlyExit> {
        memory::store(offset, data)
    }

    fn gas_used(&self) -> u64 {
        self.gas_used
    }

    fn set_gas_used(&mut self, used: u64) {
        self.gas_used = used;
    }

    fn gas_limit(&self) -> u64 {
        self.gas_limit
    }
}

/// An instance of a native contract; see [`Instance`].
///
/// Each instance has its own gas counter and nothing else: the contract's memory is the
/// host's, and the state it keeps between hook calls lives on the stack of the endpoint. A
/// call holds no lock, so an endpoint may re-enter the executor through a hook (a nested
/// call instantiates and calls another contract on the same thread).
#[derive(Debug)]
pub struct NativeInstance {
    contract: NativeContract,
    state: NativeState,
    early_exit: Option<EarlyExit>,
}

impl NativeInstance {
    pub(crate) fn new(contract: NativeContract, gas_limit: u64) -> Self {
        Self {
            contract,
            state: NativeState {
                gas_used: 0,
                gas_limit,
            },
            early_exit: None,
        }
    }

    /// The contract this instance runs.
    pub fn contract(&self) -> &NativeContract {
        &self.contract
    }
}

/// Runs `endpoint`, turning its unwinds into stops: an [`EarlyExit`] payload (a hook stopped
/// the contract) is that stop, unchanged; any other panic is the contract's own failure,
/// return code 4 with [`NATIVE_PANIC_MESSAGE`].
fn run_endpoint(
    endpoint: NativeEndpoint,
    hooks: &mut dyn VMHooks,
    state: &mut NativeState,
) -> Result<(), EarlyExit> {
    // Unwind safety: after a stop the VM discards the instance's effects (its output is
    // rolled back to a checkpoint) and the instance only keeps its gas counter, which is
    // always a valid number.
    match catch_unwind(AssertUnwindSafe(|| endpoint(hooks, state))) {
        Ok(()) => Ok(()),
        Err(payload) => match payload.downcast::<EarlyExit>() {
            Ok(exit) => Err(*exit),
            Err(_) => Err(EarlyExit::user_error(NATIVE_PANIC_MESSAGE)),
        },
    }
}

impl InstanceAccess for NativeInstance {
    fn memory_load(&self, offset: MemPtr, length: MemLength) -> Result<Vec<u8>, EarlyExit> {
        self.state.memory_load(offset, length)
    }

    fn memory_store(&mut self, offset: MemPtr, data: &[u8]) -> Result<(), EarlyExit> {
        self.state.memory_store(offset, data)
    }

    fn gas_used(&self) -> u64 {
        self.state.gas_used
    }

    fn set_gas_used(&mut self, used: u64) {
        self.state.gas_used = used;
    }

    fn gas_limit(&self) -> u64 {
        self.state.gas_limit
    }
}

impl Instance for NativeInstance {
    fn call(&mut self, name: &str, hooks: &mut dyn VMHooks) -> Result<(), EarlyExit> {
        self.early_exit = None;
        let result = match self.contract.endpoint(name) {
            Some(endpoint) => run_endpoint(endpoint, hooks, &mut self.state),
            None => Err(EarlyExit::function_not_found()),
        };
        if let Err(exit) = &result {
            self.early_exit = Some(exit.clone());
        }
        result
    }

    fn has_function(&self, name: &str) -> bool {
        self.contract.endpoint(name).is_some()
    }

    fn exported_functions(&self) -> Vec<String> {
        self.contract.exported_functions()
    }

    fn set_gas_limit(&mut self, limit: u64) {
        self.state.gas_limit = limit;
    }

    fn early_exit(&self) -> Option<&EarlyExit> {
        self.early_exit.as_ref()
    }
}

//! A registered native contract, as a [`Module`].

use executor_api::{ExecutorError, Instance, InstanceOptions, Module, NativeContract};

use crate::instance::NativeInstance;

/// A native contract ready to be instantiated; see [`Module`].
///
/// It imports nothing (its hooks are ordinary function calls) and its exports are its
/// endpoints, which take no parameters and return nothing, so the VM's deploy checks of
/// imports and arities always pass.
#[derive(Clone, Copy, Debug)]
pub struct NativeModule {
    contract: NativeContract,
}

impl NativeModule {
    /// The module of `contract`.
    pub fn new(contract: NativeContract) -> Self {
        Self { contract }
    }

    /// The contract this module runs.
    pub fn contract(&self) -> &NativeContract {
        &self.contract
    }
}

impl Module for NativeModule {
    /// A fresh instance with `options.gas_limit`. The time limit is not enforced: a native
    /// contract cannot be stopped preemptively, and a developer paused at a breakpoint must
    /// not see the contract time out.
    fn instantiate(&self, options: &InstanceOptions) -> Result<Box<dyn Instance>, ExecutorError> {
        Ok(Box::new(NativeInstance::new(
            self.contract,
            options.gas_limit,
        )))
    }

    fn has_function(&self, name: &str) -> bool {
        self.contract.endpoint(name).is_some()
    }

    fn exported_functions(&self) -> Vec<String> {
        self.contract.exported_functions()
    }

    fn nonvoid_functions(&self) -> Vec<String> {
        Vec::new()
    }

    fn imported_hooks(&self) -> Vec<String> {
        Vec::new()
    }
}

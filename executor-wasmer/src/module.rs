//! A compiled contract: the Wasmer module, its engine, and what validation learned.

use std::sync::Arc;

use executor_api::{ExecutorError, Instance, InstanceOptions, Module};
use wasmer::Engine;

use crate::instance::WasmerInstance;
use crate::validation::ModuleFacts;

/// A validated, compiled contract; see [`Module`].
pub struct WasmerModule {
    engine: Engine,
    module: wasmer::Module,
    exported_functions: Arc<[String]>,
    imported_hooks: Vec<(String, usize)>,
    /// The position in [`executor_api::HOOKS`] of each import, in the module's order.
    import_order: Vec<usize>,
    nonvoid_functions: Vec<String>,
}

impl std::fmt::Debug for WasmerModule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WasmerModule")
            .field("exported_functions", &self.exported_functions)
            .field("imported_hooks", &self.imported_hooks.len())
            .finish_non_exhaustive()
    }
}

impl WasmerModule {
    pub(crate) fn new(engine: Engine, module: wasmer::Module, facts: ModuleFacts) -> Self {
        // Validation allows only hook imports: each is in `imported_hooks` (sorted by name).
        let import_order = module
            .imports()
            .filter_map(|import| {
                let found = facts
                    .imported_hooks
                    .binary_search_by(|(name, _)| name.as_str().cmp(import.name()));
                found.ok().map(|at| facts.imported_hooks[at].1)
            })
            .collect();
        Self {
            engine,
            module,
            exported_functions: facts.exported_functions.into(),
            imported_hooks: facts.imported_hooks,
            import_order,
            nonvoid_functions: facts.nonvoid_functions,
        }
    }

    pub(crate) fn engine(&self) -> &Engine {
        &self.engine
    }

    pub(crate) fn wasmer_module(&self) -> &wasmer::Module {
        &self.module
    }

    /// The position in [`executor_api::HOOKS`] of each import, in the module's order.
    pub(crate) fn import_order(&self) -> &[usize] {
        &self.import_order
    }

    pub(crate) fn exported_function_names(&self) -> Arc<[String]> {
        Arc::clone(&self.exported_functions)
    }

    /// Creates an instance, as [`Module::instantiate`] does, with its concrete type.
    ///
    /// # Errors
    /// [`ExecutorError::Instantiation`] when Wasmer cannot create it (for example a data
    /// segment outside the memory).
    pub fn instantiate_wasmer(
        &self,
        options: &InstanceOptions,
    ) -> Result<WasmerInstance, ExecutorError> {
        WasmerInstance::new(self, options)
    }
}

impl Module for WasmerModule {
    fn instantiate(&self, options: &InstanceOptions) -> Result<Box<dyn Instance>, ExecutorError> {
        Ok(Box::new(self.instantiate_wasmer(options)?))
    }

    fn has_function(&self, name: &str) -> bool {
        self.exported_functions
            .binary_search_by(|f| f.as_str().cmp(name))
            .is_ok()
    }

    fn exported_functions(&self) -> Vec<String> {
        self.exported_functions.to_vec()
    }

    fn nonvoid_functions(&self) -> Vec<String> {
        self.nonvoid_functions.clone()
    }

    fn imported_hooks(&self) -> Vec<String> {
        self.imported_hooks
            .iter()
            .map(|(name, _)| name.clone())
            .collect()
    }
}

//! Assembles the VM the scenario runner uses, per gas schedule: vm-core on an executor.

use std::sync::Arc;

use blockchain_hooks::GasSchedule;
use executor_wasmer::{WasmerConfig, WasmerExecutor};
use vm_core::{VmConfig, VmHost};
use vm_handler::{VmError, VmHandler};
use world_mock::ScenarioRunner;

use crate::Executor;

/// A runner whose VM is vm-core on `executor`.
pub fn runner(executor: Executor) -> ScenarioRunner {
    ScenarioRunner::new(move |schedule: &GasSchedule| build(executor, schedule))
}

fn build(executor: Executor, schedule: &GasSchedule) -> Result<Arc<dyn VmHandler>, VmError> {
    match executor {
        Executor::Wasmer => {
            let config = WasmerConfig::new(schedule.wasm_opcode_cost.clone());
            let executor =
                WasmerExecutor::new(config).map_err(|e| VmError::Executor(e.to_string()))?;
            let vm = VmHost::new(Arc::new(executor), schedule.clone(), VmConfig::default());
            Ok(Arc::new(vm))
        }
    }
}

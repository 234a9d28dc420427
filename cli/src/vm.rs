//! Assembles the VM the scenario runner uses, per gas schedule.

use std::sync::Arc;

use blockchain_hooks::GasSchedule;
use vm_handler::{VmError, VmHandler};
use world_mock::ScenarioRunner;

use crate::Executor;

/// A runner whose VM is vm-core on `executor`.
pub fn runner(executor: Executor) -> ScenarioRunner {
    ScenarioRunner::new(move |schedule: &GasSchedule| build(executor, schedule))
}

fn build(executor: Executor, _schedule: &GasSchedule) -> Result<Arc<dyn VmHandler>, VmError> {
    match executor {
        Executor::Wasmer => Err(VmError::Config(
            "the Wasmer executor and vm-core are not wired in yet".to_owned(),
        )),
    }
}

//! Assembles the VM the scenario runner uses, per gas schedule: vm-core on an executor, in
//! this process or (`--out-of-process`) in VM-host processes (`strata vm-host`).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use blockchain_hooks::GasSchedule;
use executor_wasmer::{WasmerConfig, WasmerExecutor};
use vm_core::{VmConfig, VmHost};
use vm_handler::{VmError, VmHandler};
use vm_host_process::{HostCommand, OutOfProcessVm};
use world_mock::ScenarioRunner;

use crate::Executor;

/// Whether the VMs run out of process (`--out-of-process`).
static OUT_OF_PROCESS: AtomicBool = AtomicBool::new(false);

/// Makes the runners built afterwards run their VMs in VM-host processes.
pub fn set_out_of_process(on: bool) {
    OUT_OF_PROCESS.store(on, Ordering::Relaxed);
}

/// A runner whose VM is vm-core on `executor`.
pub fn runner(executor: Executor) -> ScenarioRunner {
    let out_of_process = OUT_OF_PROCESS.load(Ordering::Relaxed);
    ScenarioRunner::new(move |schedule: &GasSchedule| {
        if out_of_process {
            return out_of_process_vm(executor, schedule);
        }
        build(executor, schedule)
    })
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

/// The VM in VM-host processes: this executable, as `strata vm-host`.
fn out_of_process_vm(
    executor: Executor,
    schedule: &GasSchedule,
) -> Result<Arc<dyn VmHandler>, VmError> {
    let Executor::Wasmer = executor;
    let strata = std::env::current_exe()
        .map_err(|e| VmError::Config(format!("cannot find the strata executable: {e}")))?;
    let command = HostCommand::new(strata).arg("vm-host");
    Ok(Arc::new(OutOfProcessVm::new(
        command,
        schedule,
        &VmConfig::default(),
    )))
}

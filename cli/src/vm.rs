//! Assembles the VM the scenario runner uses, per gas schedule: vm-core on an executor, in
//! this process or (`--out-of-process`) in VM-host processes (`strata vm-host`).
//!
//! `--executor debugger` runs vm-core on the debugger executor with the native builds of the
//! bundled example contracts registered under their committed wasm (embedded into this
//! binary when it is built: `strata_examples::bundled_native_contracts`), and Wasmer for
//! every other contract. It runs in this process only, so a debugger attached to `strata`
//! stops in the contracts' Rust code.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use blockchain_hooks::GasSchedule;
use executor_debugger::DebuggerExecutor;
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

/// Whether compiled contracts are kept in the cache folder (`--no-cache` turns it off).
static DISK_CACHE: AtomicBool = AtomicBool::new(true);

/// Makes the runners built afterwards keep (or not) compiled contracts on disk.
pub fn set_disk_cache(on: bool) {
    DISK_CACHE.store(on, Ordering::Relaxed);
}

/// The folder of compiled contracts: `$STRATA_CACHE_DIR`, else `$XDG_CACHE_HOME/strata`,
/// else `$HOME/.cache/strata`; `None` when none is set.
pub fn cache_dir() -> Option<std::path::PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(dir) = var("STRATA_CACHE_DIR") {
        return Some(dir.into());
    }
    if let Some(dir) = var("XDG_CACHE_HOME") {
        return Some(std::path::PathBuf::from(dir).join("strata"));
    }
    var("HOME").map(|home| std::path::PathBuf::from(home).join(".cache/strata"))
}

/// The Wasmer configuration of a schedule: its opcode costs, and the disk cache unless
/// turned off. A cache folder that cannot be created only costs compilations: the runner
/// goes on without it.
fn wasmer_executor(schedule: &GasSchedule) -> Result<WasmerExecutor, VmError> {
    let config = WasmerConfig::new(schedule.wasm_opcode_cost.clone());
    let dir = DISK_CACHE.load(Ordering::Relaxed).then(cache_dir).flatten();
    if let Some(dir) = dir
        && let Ok(executor) = WasmerExecutor::new(config.clone().with_cache_dir(dir))
    {
        return Ok(executor);
    }
    WasmerExecutor::new(config).map_err(|e| VmError::Executor(e.to_string()))
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
            let executor = wasmer_executor(schedule)?;
            let vm = VmHost::new(Arc::new(executor), schedule.clone(), VmConfig::default());
            Ok(Arc::new(vm))
        }
        Executor::Debugger => {
            let fallback: Arc<dyn executor_api::Executor> = Arc::new(wasmer_executor(schedule)?);
            let mut executor = DebuggerExecutor::new().with_fallback(fallback);
            for (code, contract) in strata_examples::bundled_native_contracts() {
                executor.register(code.to_vec(), contract);
            }
            let vm = VmHost::new(Arc::new(executor), schedule.clone(), VmConfig::default());
            Ok(Arc::new(vm))
        }
    }
}

/// Refuses what the debugger executor cannot do: it runs native code in this process, never
/// in VM-host processes, and `--trace=hooks` records hook calls on Wasmer only.
///
/// # Errors
/// `--executor debugger` with `--out-of-process` or with `--trace=hooks`.
pub fn check_executor(executor: Executor, hook_trace: bool) -> anyhow::Result<()> {
    if executor != Executor::Debugger {
        return Ok(());
    }
    if OUT_OF_PROCESS.load(Ordering::Relaxed) {
        anyhow::bail!(
            "--executor debugger runs contracts natively in this process and cannot run \
             --out-of-process: drop one of the two options"
        );
    }
    if hook_trace {
        anyhow::bail!(
            "--trace=hooks records hook calls on the Wasmer executor only: use --trace with \
             --executor debugger, or --trace=hooks without it"
        );
    }
    Ok(())
}

/// The VM in VM-host processes: this executable, as `strata vm-host`.
fn out_of_process_vm(
    executor: Executor,
    schedule: &GasSchedule,
) -> Result<Arc<dyn VmHandler>, VmError> {
    if executor == Executor::Debugger {
        return Err(VmError::Config(
            "the debugger executor cannot run out of process".into(),
        ));
    }
    let strata = std::env::current_exe()
        .map_err(|e| VmError::Config(format!("cannot find the strata executable: {e}")))?;
    let command = HostCommand::new(strata).arg("vm-host");
    Ok(Arc::new(OutOfProcessVm::new(
        command,
        schedule,
        &VmConfig::default(),
    )))
}

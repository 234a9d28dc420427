//! A whole scenario from the start: parse, deploy and calls on vm-core with Wasmer (the VM
//! assembled once, as `strata test` does).

use std::path::Path;
use std::sync::Arc;

use blockchain_hooks::GasSchedule;
use criterion::{Criterion, criterion_group, criterion_main};
use executor_wasmer::{WasmerConfig, WasmerExecutor};
use vm_core::{VmConfig, VmHost};
use world_mock::ScenarioRunner;

fn runner() -> ScenarioRunner {
    ScenarioRunner::new(|schedule: &GasSchedule| {
        let config = WasmerConfig::new(schedule.wasm_opcode_cost.clone());
        let executor = WasmerExecutor::new(config)
            .map_err(|e| vm_handler::VmError::Executor(e.to_string()))?;
        let vm = VmHost::new(Arc::new(executor), schedule.clone(), VmConfig::default());
        Ok(Arc::new(vm) as Arc<dyn vm_handler::VmHandler>)
    })
}

fn scenario(c: &mut Criterion) {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/scenarios");
    let runner = runner();
    for file in [
        "adder/adder-add.scen.json",
        "transfers/egld-transfer.scen.json",
    ] {
        let path = examples.join(file);
        c.bench_function(file, |b| {
            b.iter(|| runner.run_file(&path).expect("the example passes"));
        });
    }
}

criterion_group!(benches, scenario);
criterion_main!(benches);

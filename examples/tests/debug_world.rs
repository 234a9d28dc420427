//! The WAT adder's scenarios on its hand-written native twin (vm-core on the debugger
//! executor), compared with the wasm run step by step.

use std::path::{Path, PathBuf};

use strata_examples::{DebugWorld, differential, hand_written, wasmer_runner};

fn adder_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/adder")
}

fn adder_scenarios() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(adder_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".scen.json"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "the adder has its scenarios");
    files
}

fn native_adder() -> DebugWorld {
    DebugWorld::new()
        .root(adder_dir())
        .register_contract("adder.wasm", hand_written::ADDER)
}

#[test]
fn the_adder_scenarios_pass_on_the_native_twin_and_match_the_wasm_run() {
    let world = native_adder();
    let native = world.runner().unwrap();
    let wasm = wasmer_runner();
    for file in adder_scenarios() {
        let diffs = differential::compare(&wasm, &native, &file).unwrap();
        assert!(
            diffs.is_empty(),
            "{}:\n{}",
            file.display(),
            diffs.join("\n")
        );
    }
}

#[test]
fn the_native_run_really_is_native() {
    // The same deploy-and-add scenario: natively no opcode is metered, so less gas is used;
    // the comparison above ignores gas, this sees it.
    let file = adder_dir().join("adder-add.scen.json");
    let native = differential::record(&native_adder().runner().unwrap(), &file).unwrap();
    let wasm = differential::record(&wasmer_runner(), &file).unwrap();
    let gas_left = |r: &differential::Recording| -> u64 {
        r.steps
            .iter()
            .filter_map(|(_, _, out)| out.as_ref().map(|o| o.gas_remaining))
            .sum()
    };
    assert!(gas_left(&native) > gas_left(&wasm));
}

#[test]
fn differences_are_reported_field_by_field() {
    let file = adder_dir().join("adder-add.scen.json");
    let native = differential::record(&native_adder().runner().unwrap(), &file).unwrap();
    let mut changed = native.clone();
    let (_, _, output) = changed
        .steps
        .iter_mut()
        .rev()
        .find(|(_, _, out)| out.is_some())
        .unwrap();
    let output = output.as_mut().unwrap();
    output.return_data = vec![b"25".to_vec()];
    output.gas_remaining += 1;
    let contract = *changed
        .world
        .accounts()
        .keys()
        .find(|a| a.0[..8] == [0; 8])
        .unwrap();
    changed
        .world
        .account_mut(contract)
        .storage
        .insert(b"sum".to_vec(), vec![25]);
    let diffs = differential::differences(&native, &changed);
    assert_eq!(diffs.len(), 2, "{diffs:#?}");
    assert!(
        diffs[0].starts_with("step 3 (getSum): return data"),
        "{}",
        diffs[0]
    );
    assert!(diffs[1].contains(": storage: "), "{}", diffs[1]);
    assert!(differential::differences(&native, &native).is_empty());
}

#[test]
fn a_missing_contract_file_is_named() {
    let error = DebugWorld::new()
        .register_contract("no/such/adder.wasm", hand_written::ADDER)
        .run(adder_dir().join("adder-add.scen.json"))
        .unwrap_err();
    assert!(
        format!("{error:#}").contains("no/such/adder.wasm"),
        "{error:#}"
    );
}

#[test]
fn the_framework_adder_runs_natively_from_a_rust_test() {
    let world = DebugWorld::new()
        .root(env!("CARGO_MANIFEST_DIR"))
        .register_contract("contracts/adder/output/adder.wasm", adder::native());
    world
        .run("contracts/adder/scenarios/adder.scen.json")
        .unwrap();
    let file =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("contracts/adder/scenarios/adder.scen.json");
    let native = differential::record(&world.runner().unwrap(), &file).unwrap();
    let wasm = differential::record(&wasmer_runner(), &file).unwrap();
    assert!(differential::differences(&wasm, &native).is_empty());
    let gas = |r: &differential::Recording| -> Vec<u64> {
        r.steps
            .iter()
            .filter_map(|(_, _, o)| o.as_ref().map(|o| o.gas_remaining))
            .collect()
    };
    // Every transaction left more gas natively: the native build ran, not the wasm.
    let (native_gas, wasm_gas) = (gas(&native), gas(&wasm));
    assert!(!native_gas.is_empty());
    for (n, w) in native_gas.iter().zip(&wasm_gas) {
        assert!(n > w || *n == 0, "{native_gas:?} vs {wasm_gas:?}");
    }
}

//! `--executor debugger`: the bundled examples pass with the native builds registered, and
//! every example contract with a native build gives, scenario by scenario, the same outputs
//! on both executors except gas.

use std::path::{Path, PathBuf};
use std::process::Command;

use strata_examples::{DebugWorld, differential, wasmer_runner};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn strata(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_strata"))
        .args(args)
        .current_dir(repo())
        .env("NO_COLOR", "1")
        .env("STRATA_CACHE_DIR", repo().join("target/strata-test-cache"))
        .output()
        .unwrap()
}

fn scenarios_in(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            scenarios_in(&path, out);
        } else if path.to_string_lossy().ends_with(".scen.json") {
            out.push(path);
        }
    }
}

/// The scenarios of the example contracts that have a native build: the framework
/// contracts bundled (`examples/contracts/<name>`) and the WAT adder (its hand-written twin).
fn native_scenarios() -> Vec<PathBuf> {
    let normal = |name: &str| name.replace('-', "_");
    let mut names: Vec<String> = strata_examples::bundled_native_contracts()
        .iter()
        .map(|(_, contract)| normal(contract.name))
        .collect();
    names.sort();
    names.dedup();
    let mut files = Vec::new();
    let mut found = Vec::new();
    for entry in std::fs::read_dir(repo().join("examples/contracts")).unwrap() {
        let dir = entry.unwrap().path();
        let name = normal(&dir.file_name().unwrap().to_string_lossy());
        if names.contains(&name) {
            scenarios_in(&dir, &mut files);
            found.push(name);
        }
    }
    found.sort();
    assert_eq!(
        found, names,
        "every bundled contract has its folder of scenarios"
    );
    files.sort();
    let framework = files.len();
    assert!(framework >= 6, "{files:?}");
    scenarios_in(&repo().join("examples/scenarios/adder"), &mut files);
    assert!(files.len() >= framework + 6, "{files:?}");
    files
}

#[test]
fn every_bundled_example_passes_on_the_debugger_executor() {
    let out = strata(&["test", "--executor", "debugger", "examples"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    let last = stdout.lines().last().unwrap_or_default();
    let passed: usize = last.split(' ').next().unwrap().parse().unwrap();
    assert!(passed >= 30, "{last}");
    assert!(last.contains(" 0 failed"), "{last}");
}

#[test]
fn both_executors_give_the_same_outputs_but_gas() {
    let native = DebugWorld::new().bundled().runner().unwrap();
    let wasm = wasmer_runner();
    for file in native_scenarios() {
        let diffs = differential::compare(&wasm, &native, &file).unwrap();
        assert!(
            diffs.is_empty(),
            "{}:\n{}",
            file.display(),
            diffs.join("\n")
        );
        // The native build did run: without opcode metering a successful transaction
        // leaves more gas (a failed one leaves none on either executor).
        let left = |runner| {
            let recording = differential::record(runner, &file).unwrap();
            let outputs: Vec<_> = recording
                .steps
                .into_iter()
                .filter_map(|(_, _, o)| o)
                .collect();
            let succeeded = outputs.iter().any(|o| o.return_code.is_ok());
            let left: u128 = outputs.iter().map(|o| u128::from(o.gas_remaining)).sum();
            (left, succeeded)
        };
        let ((native_left, succeeded), (wasm_left, _)) = (left(&native), left(&wasm));
        assert!(native_left >= wasm_left, "{}", file.display());
        assert!(!succeeded || native_left > wasm_left, "{}", file.display());
    }
}

/// `strata run --trace` without its gas lines.
fn trace_without_gas(executor: &str, file: &Path) -> String {
    let file = file.to_str().unwrap();
    let out = strata(&["run", "--executor", executor, "--trace", file]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|line| !line.contains("gas used"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_traces_of_both_executors_differ_only_in_gas() {
    for file in native_scenarios() {
        let wasm = trace_without_gas("wasmer", &file);
        let native = trace_without_gas("debugger", &file);
        assert!(wasm.contains("status"), "{wasm}");
        assert_eq!(native, wasm, "{}", file.display());
    }
}

#[test]
fn the_debugger_refuses_to_run_out_of_process() {
    let file = "examples/scenarios/adder/adder-add.scen.json";
    let out = strata(&["--out-of-process", "run", "--executor", "debugger", file]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--out-of-process"), "{stderr}");
    assert!(stderr.contains("natively"), "{stderr}");
}

#[test]
fn the_debugger_refuses_to_record_hooks() {
    let file = "examples/contracts/adder/scenarios/adder.scen.json";
    let out = strata(&["run", "--executor", "debugger", "--trace=hooks", file]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--trace=hooks"), "{stderr}");
    let out = strata(&["run", "--executor", "debugger", "--trace", file]);
    assert!(out.status.success());
}

//! The `strata` command end to end, on scenarios that need no contract execution.

use std::path::Path;
use std::process::Command;

fn strata() -> Command {
    Command::new(env!("CARGO_BIN_EXE_strata"))
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

const PASSING: &str = r#"{"steps": [
    {"step": "setState", "accounts": {"address:a": {"balance": "10"}}},
    {"step": "transfer", "tx": {"from": "address:a", "to": "address:b", "egldValue": "4"}},
    {"step": "checkState", "accounts": {"address:a": {"nonce": "1", "balance": "6"}, "address:b": {"balance": "4"}}}
]}"#;

const FAILING: &str = r#"{"steps": [
    {"step": "setState", "accounts": {"address:a": {"balance": "10"}}},
    {"step": "checkState", "id": "wrong", "accounts": {"address:a": {"balance": "11"}}}
]}"#;

#[test]
fn version() {
    let out = strata().arg("--version").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("strata "));
}

#[test]
fn test_reports_failures_summary_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    write(dir.path(), "pass.scen.json", PASSING);
    write(&sub, "fail.scen.json", FAILING);
    write(&sub, "ignored.json", "not a scenario");
    let json = dir.path().join("out.json");
    let out = strata()
        .args(["test", "--jobs", "2", "--json"])
        .arg(&json)
        .arg(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert_eq!(
        stdout.lines().last(),
        Some("1 passed, 1 failed"),
        "{stdout}"
    );
    assert!(
        stdout.contains("fail.scen.json: step 1 (id \"wrong\") checkState"),
        "{stdout}"
    );
    assert!(stdout.contains("- expected: \"11\""), "{stdout}");
    assert!(stdout.contains("+ actual:   10"), "{stdout}");
    assert!(!stdout.contains('\x1b'), "no colors off a terminal");
    let results: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), 2);
    for r in results {
        assert!(r["file"].is_string() && r["passed"].is_boolean() && r["time_ms"].is_number());
    }
    let failed: Vec<_> = results.iter().filter(|r| r["passed"] == false).collect();
    assert!(failed[0]["error"].as_str().unwrap().contains("balance"));
}

#[test]
fn test_exit_zero_when_all_pass() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pass.scen.json", PASSING);
    let out = strata()
        .arg("test")
        .arg(dir.path().join("pass.scen.json"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().last(),
        Some("1 passed, 0 failed")
    );
}

#[test]
fn missing_path_is_an_error() {
    let out = strata().args(["test", "no/such/dir"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file or directory"));
}

#[test]
fn only_wasmer_is_offered() {
    let out = strata()
        .args(["test", "--executor", "debugger", "x"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("wasmer"));
}

#[test]
fn run_with_trace_prints_steps() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pass.scen.json", PASSING);
    let out = strata()
        .args(["run", "--trace"])
        .arg(dir.path().join("pass.scen.json"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("step 1 transfer: status 0 (ok)"),
        "{stdout}"
    );
    assert!(stdout.contains("gas used: 0"), "{stdout}");
}

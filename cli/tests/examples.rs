//! `strata test` on the bundled example scenarios (vm-core on Wasmer).
//!
//! Every example must pass (scenarios waiting for VM hooks are named `*.awaiting.json`, which
//! the runner counts as skipped in directories); one that names an awaiting scenario runs it.

use std::path::Path;
use std::process::Command;

#[test]
fn bundled_examples_pass() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let json = tempfile::NamedTempFile::new().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_strata"))
        .arg("test")
        .arg("--json")
        .arg(json.path())
        .arg(&examples)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let results: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(json.path()).unwrap()).unwrap();
    let skipped = results["summary"]["skipped"].as_u64().unwrap();
    let results: Vec<_> = results["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] != "skipped")
        .collect();
    assert!(results.len() >= 20, "{} example scenarios", results.len());
    for r in &results {
        assert_eq!(r["passed"], true, "{} failed:\n{stdout}", r["file"]);
    }
    let mut last = format!("{} passed, 0 failed", results.len());
    if skipped > 0 {
        last.push_str(&format!(", {skipped} skipped"));
    }
    assert_eq!(stdout.lines().last(), Some(last.as_str()));
    assert!(out.status.success());
}

#[test]
fn an_awaiting_scenario_named_on_the_command_line_runs() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/scenarios/forwarder/forwarder.awaiting.json");
    let out = Command::new(env!("CARGO_BIN_EXE_strata"))
        .arg("test")
        .arg(&file)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.lines().last().unwrap_or_default();
    assert!(
        last == "1 passed, 0 failed" || last == "0 passed, 1 failed",
        "ran, not skipped:\n{stdout}"
    );
    assert_eq!(out.status.success(), last == "1 passed, 0 failed");
}

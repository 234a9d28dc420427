//! `strata test` on the bundled example scenarios (vm-core on Wasmer).
//!
//! Every example must pass (scenarios waiting for VM hooks are named `*.awaiting.json`, which
//! the runner does not collect from directories); one that names an awaiting scenario is
//! refused with the hooks it lacks.

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
    let results = results.as_array().unwrap();
    assert!(results.len() >= 20, "{} example scenarios", results.len());
    for r in results {
        assert_eq!(r["passed"], true, "{} failed:\n{stdout}", r["file"]);
    }
    assert_eq!(
        stdout.lines().last(),
        Some(format!("{} passed, 0 failed", results.len()).as_str())
    );
    assert!(out.status.success());
}

#[test]
fn awaiting_scenarios_are_refused_naming_the_hooks_they_lack() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/scenarios/forwarder/forwarder.awaiting.json");
    let out = Command::new(env!("CARGO_BIN_EXE_strata"))
        .arg("test")
        .arg(&file)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success());
    assert!(stdout.contains("managedExecuteOnDestContext"), "{stdout}");
    assert_eq!(stdout.lines().last(), Some("0 passed, 1 failed"));
}

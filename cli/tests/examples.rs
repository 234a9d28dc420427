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
fn an_awaiting_scenario_is_skipped_in_a_folder_and_runs_when_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("later.awaiting.json");
    std::fs::write(
        &file,
        r#"{"steps": [
            {"step": "setState", "accounts": {"address:a": {"balance": "10"}}},
            {"step": "checkState", "accounts": {"address:a": {"balance": "10"}}}
        ]}"#,
    )
    .unwrap();
    let run = |path: &Path, extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_strata"))
            .arg("test")
            .args(extra)
            .arg(path)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        (out.status.code(), stdout)
    };
    let (code, stdout) = run(dir.path(), &["--allow-empty"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert_eq!(stdout.lines().last(), Some("0 passed, 0 failed, 1 skipped"));
    let (code, stdout) = run(&file, &[]);
    assert_eq!(code, Some(0), "{stdout}");
    assert_eq!(stdout.lines().last(), Some("1 passed, 0 failed"));
}

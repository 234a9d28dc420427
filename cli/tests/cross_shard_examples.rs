//! The cross-shard example pair (`examples/contracts/xshard-caller` and `xshard-callee`): the
//! same asynchronous calls (`calls.steps.json`) with the callee in the caller's shard and in
//! another one pass with `strata test --cross-shard`, on Wasmer and on the debugger executor,
//! and leave the same final state (the `dumpState` the steps end with, printed by `--trace`).

use std::path::{Path, PathBuf};
use std::process::Command;

fn scenarios() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/contracts/xshard-caller/scenarios")
}

/// Both placements: both contracts in shard 0, and the callee in shard 1.
fn placements() -> [PathBuf; 2] {
    [
        scenarios().join("xshard-one-shard.scen.json"),
        scenarios().join("xshard-two-shards.cross-shard.json"),
    ]
}

fn strata(args: &[&str], file: &Path) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_strata"))
        .args(args)
        .arg(file)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    (out.status.code(), stdout)
}

/// The world as the final `dumpState` prints it: every account's balance, code and storage.
fn final_state(executor: &str, file: &Path) -> String {
    let args = ["run", "--cross-shard", "--trace", "--executor", executor];
    let (code, stdout) = strata(&args, file);
    assert_eq!(code, Some(0), "{}:\n{stdout}", file.display());
    let start = stdout
        .find("dumpState\n")
        .unwrap_or_else(|| panic!("no dumpState in {}:\n{stdout}", file.display()));
    let dump = &stdout[start..];
    let end = dump.rfind("1 passed, 0 failed").unwrap_or(dump.len());
    dump[..end].to_owned()
}

#[test]
fn both_placements_pass_with_cross_shard_on_both_executors() {
    for executor in ["wasmer", "debugger"] {
        for file in placements() {
            let args = ["test", "--cross-shard", "--executor", executor];
            let (code, stdout) = strata(&args, &file);
            assert_eq!(code, Some(0), "{executor} {}:\n{stdout}", file.display());
            assert_eq!(stdout.lines().last(), Some("1 passed, 0 failed"));
        }
    }
}

#[test]
fn both_placements_leave_the_same_final_state() {
    for executor in ["wasmer", "debugger"] {
        let [one, two] = placements().map(|file| final_state(executor, &file));
        assert_eq!(one, two, "{executor}: final states differ");
        // The state is the calls' outcome: the callee kept 100, the refused 50 came back.
        for expected in [
            "nonce: 0, balance: 100",
            "nonce: 0, balance: 50",
            "(\"recorded\") = 0x15 (21)",
            "(\"result\") = 0x2a",
            "(\"error\") = 0x746f6f206c6172676520746f207265636f7264 (\"too large to record\")",
            "nonce: 2, balance: 850",
        ] {
            assert!(
                one.contains(expected),
                "{executor}: {expected} not in\n{one}"
            );
        }
    }
}

#[test]
fn without_cross_shard_the_callee_in_another_shard_never_runs() {
    let [_, two] = placements();
    let (code, stdout) = strata(&["test"], &two);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(stdout.contains("storage str:asked mismatch"), "{stdout}");
}

#[test]
fn a_folder_run_skips_the_two_shard_placement() {
    // `strata test examples` (no --cross-shard) walks `*.scen.json` only.
    let (code, stdout) = strata(&["test"], &scenarios());
    assert_eq!(code, Some(0), "{stdout}");
    assert!(!stdout.contains("two-shards"), "{stdout}");
    assert_eq!(stdout.lines().last(), Some("2 passed, 0 failed"));
}

//! Step debugging: gdb, in batch mode, stops inside a native contract's Rust endpoint while
//! `strata run --executor debugger` runs a scenario, and the backtrace names the function.
//! Skipped, saying so, where gdb is not installed (`scripts/setup.sh` installs it).

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn gdb_available() -> bool {
    let found = Command::new("gdb")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        eprintln!("SKIPPED: gdb is not installed (scripts/setup.sh installs it)");
    }
    found
}

/// gdb's batch transcript of: break at `function`, run `strata run --executor debugger
/// scenario`, backtrace, locals, three steps over, locals again.
fn debug_session(function: &str, scenario: &str) -> String {
    let out = Command::new("gdb")
        .current_dir(repo())
        .env("NO_COLOR", "1")
        .env("STRATA_CACHE_DIR", repo().join("target/strata-test-cache"))
        .args(["-nx", "-q", "-batch"])
        .args(["-iex", "set debuginfod enabled off"])
        .args(["-ex", "set breakpoint pending on"])
        .args(["-ex", &format!("break {function}")])
        .args(["-ex", "run"])
        .args(["-ex", "bt 4"])
        .args(["-ex", "info args"])
        .args(["-ex", "info locals"])
        .args(["-ex", "next 3"])
        .args(["-ex", "info locals"])
        .args(["-ex", "kill"])
        .arg("--args")
        .arg(env!("CARGO_BIN_EXE_strata"))
        .args(["run", "--executor", "debugger", scenario])
        .output()
        .unwrap();
    let transcript = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{transcript}");
    transcript
}

#[test]
fn gdb_stops_in_the_native_adders_endpoint() {
    if !gdb_available() {
        return;
    }
    let function = "strata_examples::hand_written::adder_add";
    let t = debug_session(function, "examples/scenarios/adder/adder-add.scen.json");
    assert!(t.contains(&format!("Breakpoint 1, {function} (")), "{t}");
    assert!(t.contains("at examples/src/hand_written.rs:"), "{t}");
    // The backtrace: the endpoint, called by the debugger executor.
    let frame0 = t.lines().find(|l| l.starts_with("#0 ")).unwrap_or_default();
    assert!(frame0.contains(function), "{t}");
    let frame1 = t.lines().find(|l| l.starts_with("#1 ")).unwrap_or_default();
    assert!(
        frame1.contains("strata_executor_debugger::instance::run_endpoint"),
        "{t}"
    );
    // After three lines of the endpoint its locals hold the two big-int handles.
    assert!(t.contains("sum = "), "{t}");
    assert!(t.contains("value = "), "{t}");
}

#[test]
fn gdb_stops_in_the_framework_adders_add() {
    if !gdb_available() {
        return;
    }
    // The contract's own method (a trait method, instantiated for the contract object).
    let function = "adder::Adder::add<adder::ContractObj>";
    let t = debug_session(
        function,
        "examples/contracts/adder/scenarios/adder.scen.json",
    );
    assert!(t.contains(&format!("Breakpoint 1, {function} (")), "{t}");
    assert!(
        t.contains("at examples/contracts/adder/src/adder.rs:"),
        "{t}"
    );
    let frames: Vec<&str> = t.lines().filter(|l| l.starts_with('#')).collect();
    assert!(frames[0].contains(function), "{t}");
    // Called by the generated endpoint wrapper, in the native table the executor runs.
    assert!(
        frames
            .iter()
            .any(|f| f.contains("adder::__endpoints::endpoint_add")),
        "{t}"
    );
    assert!(
        frames
            .iter()
            .any(|f| f.contains("adder::native::__native_add")),
        "{t}"
    );
    // Its argument: the value to add, a big integer held by the VM.
    assert!(
        t.contains("value = strata_contract_framework::types::big_uint::BigUint {handle: "),
        "{t}"
    );
}

#[test]
fn gdb_prints_the_locals_of_the_framework_tokens_transfer_from() {
    if !gdb_available() {
        return;
    }
    let function = "token::Token::transfer_from<token::ContractObj>";
    let t = debug_session(
        function,
        "examples/contracts/token/scenarios/token-allowance.scen.json",
    );
    assert!(t.contains(&format!("Breakpoint 1, {function} (")), "{t}");
    assert!(
        t.contains("at examples/contracts/token/src/token.rs:"),
        "{t}"
    );
    assert!(
        t.contains("token::__endpoints::endpoint_transferFrom"),
        "{t}"
    );
    // Three lines in: the caller, the allowance mapper and its value are locals.
    for local in ["spender = ", "allowance = ", "allowed = "] {
        assert!(t.contains(local), "{local} in\n{t}");
    }
    assert!(
        t.contains("amount = strata_contract_framework::types::big_uint::BigUint"),
        "{t}"
    );
}

//! `strata test --cross-shard`: the same scenario with the callee in the caller's shard and in
//! another one reaches the same final state (real wasm contracts, compiled from WAT).

use std::path::Path;
use std::process::Command;

/// Calls `echo@6869` ("hi") on the child with a promise; both callbacks store the result code
/// under `c` and the result under `r`.
const PARENT: &str = r#"(module
  (import "env" "createAsyncCall" (func $promise (param i32 i32 i32 i32 i32 i32 i32 i32 i64 i64) (result i32)))
  (import "env" "getArgument" (func $arg (param i32 i32) (result i32)))
  (import "env" "storageStore" (func $store (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 8) "\05\00")
  (data (i32.const 31) "\02")
  (data (i32.const 64) "echo@6869")
  (data (i32.const 90) "onOk")
  (data (i32.const 100) "onErr")
  (data (i32.const 110) "rc")
  (func $keep
    (drop (call $store (i32.const 111) (i32.const 1) (i32.const 200) (call $arg (i32.const 0) (i32.const 200))))
    (drop (call $store (i32.const 110) (i32.const 1) (i32.const 300) (call $arg (i32.const 1) (i32.const 300)))))
  (func (export "promise")
    (drop (call $promise (i32.const 0) (i32.const 32) (i32.const 64) (i32.const 9)
      (i32.const 90) (i32.const 4) (i32.const 100) (i32.const 5) (i64.const 5000000) (i64.const 1000000))))
  (func (export "onOk") (call $keep))
  (func (export "onErr") (call $keep)))"#;

/// `echo` stores its argument under `e` and finishes it.
const CHILD: &str = r#"(module
  (import "env" "getArgument" (func $arg (param i32 i32) (result i32)))
  (import "env" "storageStore" (func $store (param i32 i32 i32 i32) (result i32)))
  (import "env" "finish" (func $finish (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "e")
  (func (export "echo") (local $len i32)
    (local.set $len (call $arg (i32.const 0) (i32.const 100)))
    (drop (call $store (i32.const 0) (i32.const 1) (i32.const 100) (local.get $len)))
    (call $finish (i32.const 100) (local.get $len))))"#;

const PARENT_ADDRESS: &str = "0x0000000000000000050000000000000000000000000000000000000000000001";
const CHILD_ADDRESS: &str = "0x0000000000000000050000000000000000000000000000000000000000000002";

fn scenario(child_shard: u32) -> String {
    format!(
        r#"{{"steps": [
        {{"step": "setState", "accounts": {{
            "address:user": {{"nonce": "0", "balance": "0"}},
            "{PARENT_ADDRESS}": {{"code": "file:parent.wat"}},
            "{CHILD_ADDRESS}": {{"code": "file:child.wat", "shard": "{child_shard}"}}
        }}}},
        {{"step": "scCall", "id": "promise", "tx": {{"from": "address:user", "to": "{PARENT_ADDRESS}",
            "function": "promise", "arguments": [], "gasLimit": "50,000,000", "gasPrice": "0"}},
         "expect": {{"status": "0", "out": "*", "logs": "*", "gas": "*", "refund": "*"}}}},
        {{"step": "checkState", "accounts": {{
            "address:user": {{"nonce": "1", "balance": "0"}},
            "{PARENT_ADDRESS}": {{"code": "file:parent.wat", "storage": {{"str:c": "0x00", "str:r": "str:hi"}}}},
            "{CHILD_ADDRESS}": {{"code": "file:child.wat", "storage": {{"str:e": "str:hi"}}}}
        }}}}
    ]}}"#
    )
}

fn run(dir: &Path, extra: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_strata"))
        .arg("test")
        .args(extra)
        .arg(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn same_shard_and_cross_shard_reach_the_same_final_state() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("parent.wat"), PARENT).unwrap();
    std::fs::write(dir.path().join("child.wat"), CHILD).unwrap();
    std::fs::write(dir.path().join("same-shard.scen.json"), scenario(0)).unwrap();
    std::fs::write(dir.path().join("cross-shard.scen.json"), scenario(1)).unwrap();
    let (code, stdout) = run(dir.path(), &["--cross-shard"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert_eq!(stdout.lines().last(), Some("2 passed, 0 failed"));

    // Without --cross-shard the call only leaves the caller's shard, as with the
    // production runner: the callee and the callback never run.
    let (code, stdout) = run(dir.path(), &[]);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(stdout.contains("cross-shard.scen.json: step 2"), "{stdout}");
    assert_eq!(stdout.lines().last(), Some("1 passed, 1 failed"));
}

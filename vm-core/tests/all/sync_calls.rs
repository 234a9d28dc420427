//! Contracts calling contracts synchronously: `executeOnDestContext`, `executeOnSameContext`,
//! `executeReadOnly` and `managedExecuteOnDestContextWithErrorReturn`, with a parent
//! (`sc(1)`) and a child (`sc(2)`) in WAT.

use std::sync::Arc;

use blockchain_hooks::ReturnCode;
use executor_wasmer::{WasmerConfig, WasmerExecutor};
use num_bigint::BigInt;
use strata_vm_core::{VmConfig, VmHost};

use crate::harness::*;

/// The imports and data both contracts use. Memory: 0 the child's address, 32 a zero value,
/// 64.. function names, 100 one argument length (2), 104 "hi", 120 "after", 128 "k".
const COMMON: &str = r#"
  (import "env" "executeOnDestContext" (func $dest (param i64 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "executeOnSameContext" (func $same (param i64 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "executeReadOnly" (func $ro (param i64 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "managedExecuteOnDestContextWithErrorReturn" (func $destErr (param i64 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "mBufferNew" (func $mbNew (result i32)))
  (import "env" "mBufferSetBytes" (func $mbSet (param i32 i32 i32) (result i32)))
  (import "env" "bigIntNew" (func $biNew (param i64) (result i32)))
  (import "env" "finish" (func $finish (param i32 i32)))
  (import "env" "int64finish" (func $i64finish (param i64)))
  (import "env" "signalError" (func $signal (param i32 i32)))
  (import "env" "getArgument" (func $arg (param i32 i32) (result i32)))
  (import "env" "storageStore" (func $store (param i32 i32 i32 i32) (result i32)))
  (import "env" "getGasLeft" (func $gasLeft (result i64)))
  (import "env" "getNumReturnData" (func $numRet (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 8) "\05\00")
  (data (i32.const 31) "\02")
  (data (i32.const 64) "echostorefailburnrecurse")
  (data (i32.const 100) "\02\00\00\00")
  (data (i32.const 104) "hi")
  (data (i32.const 120) "after")
  (data (i32.const 128) "k")
  (data (i32.const 140) "child failed")
"#;

/// The child: `echo` finishes its argument, `store` writes it under "k", `fail` signals an
/// error, `burn` spends gas forever, `recurse` calls itself.
fn child() -> String {
    format!(
        r#"(module {COMMON}
  (func (export "echo")
    (call $finish (i32.const 200) (call $arg (i32.const 0) (i32.const 200))))
  (func (export "store")
    (drop (call $store (i32.const 128) (i32.const 1) (i32.const 200)
      (call $arg (i32.const 0) (i32.const 200))))
    (call $finish (i32.const 120) (i32.const 5)))
  (func (export "fail")
    (drop (call $store (i32.const 128) (i32.const 1) (i32.const 104) (i32.const 2)))
    (call $signal (i32.const 140) (i32.const 12)))
  (func (export "burn")
    (loop $l (drop (call $gasLeft)) (br $l)))
  (func (export "recurse")
    (drop (call $dest (i64.const -1) (i32.const 0) (i32.const 32) (i32.const 81) (i32.const 7)
      (i32.const 0) (i32.const 100) (i32.const 104)))))"#
    )
}

/// Calls `name` (at 64 + `offset`, `len` bytes) of the child with "hi".
fn call(hook: &str, offset: u32, len: u32) -> String {
    let f = 64 + offset;
    match hook {
        "dest" | "same" => format!(
            "(drop (call ${hook} (i64.const 10000000) (i32.const 0) (i32.const 32) (i32.const {f}) \
             (i32.const {len}) (i32.const 1) (i32.const 100) (i32.const 104)))"
        ),
        _ => format!(
            "(drop (call $ro (i64.const 10000000) (i32.const 0) (i32.const {f}) \
             (i32.const {len}) (i32.const 1) (i32.const 100) (i32.const 104)))"
        ),
    }
}

/// The parent: one endpoint per call kind.
fn parent() -> String {
    format!(
        r#"(module {COMMON}
  (func (export "noCall")
    (call $finish (i32.const 120) (i32.const 5)))
  (func (export "callEcho")
    {echo}
    (call $finish (i32.const 120) (i32.const 5)))
  (func (export "callStore") {store})
  (func (export "callFail") {fail})
  (func (export "callBurn") {burn})
  (func (export "callMissing") {missing})
  (func (export "readOnlyStore") {ro_store})
  (func (export "readOnlyEcho") {ro_echo} (call $i64finish (i64.extend_i32_u (call $numRet))))
  (func (export "sameStore") {same_store})
  (func (export "recurse") (drop (call $dest (i64.const -1) (i32.const 0) (i32.const 32)
      (i32.const 81) (i32.const 7) (i32.const 0) (i32.const 100) (i32.const 104))))
  (func (export "failWithReturn") (local $addr i32) (local $fn i32) (local $args i32)
    (local.set $addr (call $mbNew))
    (drop (call $mbSet (local.get $addr) (i32.const 0) (i32.const 32)))
    (local.set $fn (call $mbNew))
    (drop (call $mbSet (local.get $fn) (i32.const 72) (i32.const 4)))
    (local.set $args (call $mbNew))
    (call $i64finish (i64.extend_i32_s (call $destErr (i64.const 10000000) (local.get $addr)
      (call $biNew (i64.const 0)) (local.get $fn) (local.get $args) (call $mbNew))))))"#,
        echo = call("dest", 0, 4),
        store = call("dest", 4, 5),
        fail = call("dest", 9, 4),
        burn = call("dest", 13, 4),
        missing = call("dest", 56, 5),
        ro_store = call("ro", 4, 5),
        ro_echo = call("ro", 0, 4),
        same_store = call("same", 4, 5),
    )
}

fn world() -> World {
    World::free().contract(1, &parent()).contract(2, &child())
}

#[test]
fn child_return_data_follows_the_parents_and_gas_comes_back() {
    let world = world();
    let out = world.call(1, "callEcho", &[]);
    assert_ok(&out);
    assert_eq!(out.return_data, vec![b"hi".to_vec(), b"after".to_vec()]);
    let alone = world.call(1, "noCall", &[]);
    let child_alone = world.call(2, "echo", &[b"hi"]);
    let costs = &world.schedule;
    let expected = used(&alone)
        + costs.base_ops_api_cost.execute_on_dest_context
        + 2 * costs.base_operation_cost.data_copy_per_byte
        + used(&child_alone);
    assert_eq!(used(&out), expected);
    let log = &out.logs[0];
    assert_eq!(log.identifier, b"transferValueOnly");
    assert_eq!(log.address, sc(1));
    assert_eq!(log.topics, vec![Vec::new(), sc(2).0.to_vec()]);
    assert_eq!(
        log.data,
        vec![
            b"ExecuteOnDestContext".to_vec(),
            b"echo".to_vec(),
            b"hi".to_vec()
        ]
    );
}

#[test]
fn child_writes_its_own_storage() {
    let out = world().call(1, "callStore", &[]);
    assert_ok(&out);
    assert_eq!(
        out.output_accounts[&sc(2)].storage_updates[&b"k".to_vec()],
        b"hi"
    );
    assert_eq!(out.return_data, vec![b"after".to_vec()]);
}

#[test]
fn failing_child_fails_the_parent_with_the_error_text() {
    let out = world().call(1, "callFail", &[]);
    assert_failed(
        &out,
        ReturnCode::ExecutionFailed,
        "error signalled by smartcontract",
    );
}

#[test]
fn failing_child_with_error_return_is_rolled_back_and_answers_one() {
    let out = world().call(1, "failWithReturn", &[]);
    assert_ok(&out);
    assert_eq!(out.return_data, vec![vec![1]]);
    let child_storage = out
        .output_accounts
        .get(&sc(2))
        .map(|a| a.storage_updates.len())
        .unwrap_or(0);
    assert_eq!(child_storage, 0);
    // The child's gas (10 000 000) is lost.
    assert!(used(&out) > 10_000_000);
}

#[test]
fn a_failure_before_the_childs_code_runs_keeps_its_text() {
    let out = world().call(1, "callMissing", &[]);
    assert_failed(
        &out,
        ReturnCode::ExecutionFailed,
        "invalid function (not found)",
    );
}

#[test]
fn child_out_of_gas_fails_the_parent_out_of_gas() {
    let out = world().call(1, "callBurn", &[]);
    assert_failed(&out, ReturnCode::OutOfGas, "not enough gas");
}

#[test]
fn recursion_stops_at_the_instance_limit() {
    // The instance that cannot start fails its caller with "execution failed (max instances
    // reached)"; that caller fails inside its code, so every caller above it, up to the
    // transaction, reads "execution failed".
    let out = world().call(1, "recurse", &[]);
    assert_failed(&out, ReturnCode::ExecutionFailed, "execution failed");
    // With room for one instance, the transaction's own call is the one refused.
    let mut one = world();
    let executor = WasmerExecutor::new(WasmerConfig::new(one.schedule.wasm_opcode_cost.clone()))
        .expect("executor");
    let config = VmConfig {
        max_instances: 1,
        ..VmConfig::default()
    };
    one.vm = VmHost::new(Arc::new(executor), one.schedule.clone(), config);
    assert_failed(
        &one.call(1, "callEcho", &[]),
        ReturnCode::ExecutionFailed,
        "execution failed (max instances reached)",
    );
}

#[test]
fn read_only_child_cannot_write() {
    let world = world();
    // The child's `storageStore` fails inside its code: the parent only learns that the
    // child's execution failed (`handleBreakpointIfAny`), not the hook's own text.
    let out = world.call(1, "readOnlyStore", &[]);
    assert_failed(&out, ReturnCode::ExecutionFailed, "execution failed");
    let out = world.call(1, "readOnlyEcho", &[]);
    assert_ok(&out);
    assert_eq!(out.return_data, vec![b"hi".to_vec(), vec![1]]);
    assert!(out.logs.is_empty(), "read-only calls drop their events");
}

#[test]
fn same_context_runs_the_library_on_the_callers_storage() {
    let out = world().call(1, "sameStore", &[]);
    assert_ok(&out);
    assert_eq!(
        out.output_accounts[&sc(1)].storage_updates[&b"k".to_vec()],
        b"hi"
    );
    assert!(
        out.output_accounts
            .get(&sc(2))
            .is_none_or(|a| a.storage_updates.is_empty())
    );
    assert_eq!(out.return_data, vec![b"after".to_vec()]);
    assert_eq!(
        out.logs[0].data[0],
        b"ExecuteOnSameContext".to_vec(),
        "same-context events name their call type"
    );
    assert_eq!(out.logs[0].topics[1], sc(1).0.to_vec());
    assert_eq!(out.output_accounts[&sc(1)].balance_delta, BigInt::default());
}

//! Contracts deploying contracts: `createContract` and `deployFromSourceContract`.

use blockchain_hooks::{ReturnCode, WASM_VM_TYPE};
use strata_vm_core::testing::MockChain;

use crate::harness::*;

/// The deployed code: `init` stores its argument under "k" (or fails on "no").
const CHILD: &str = r#"(module
  (import "env" "getArgument" (func $arg (param i32 i32) (result i32)))
  (import "env" "storageStore" (func $store (param i32 i32 i32 i32) (result i32)))
  (import "env" "signalError" (func $signal (param i32 i32)))
  (import "env" "finish" (func $finish (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "kno")
  (func (export "init") (local $len i32)
    (local.set $len (call $arg (i32.const 0) (i32.const 100)))
    (if (i32.eq (i32.load16_u (i32.const 100)) (i32.load16_u (i32.const 1)))
      (then (call $signal (i32.const 1) (i32.const 2))))
    (drop (call $store (i32.const 0) (i32.const 1) (i32.const 100) (local.get $len)))
    (call $finish (i32.const 100) (local.get $len))))"#;

/// The deployer: `deploy` copies its own argument 0 (the code) and deploys it with
/// argument 1; `fromSource` deploys the code of `sc(2)`.
const DEPLOYER: &str = r#"(module
  (import "env" "createContract" (func $create (param i64 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "deployFromSourceContract" (func $fromSource (param i64 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "getArgument" (func $arg (param i32 i32) (result i32)))
  (import "env" "getArgumentLength" (func $argLen (param i32) (result i32)))
  (import "env" "finish" (func $finish (param i32 i32)))
  (memory (export "memory") 2)
  (data (i32.const 32) "\05\06")
  (data (i32.const 48) "\02\00\00\00")
  (data (i32.const 72) "\05\00")
  (data (i32.const 95) "\02")
  (func (export "deploy") (local $codeLen i32)
    (local.set $codeLen (call $arg (i32.const 0) (i32.const 1024)))
    (i32.store (i32.const 48) (call $arg (i32.const 1) (i32.const 52)))
    (drop (call $create (i64.const 20000000) (i32.const 0) (i32.const 1024) (i32.const 32)
      (local.get $codeLen) (i32.const 200) (i32.const 1) (i32.const 48) (i32.const 52)))
    (call $finish (i32.const 200) (i32.const 32)))
  (func (export "fromSource")
    (drop (call $fromSource (i64.const 20000000) (i32.const 0) (i32.const 64) (i32.const 32)
      (i32.const 200) (i32.const 1) (i32.const 48) (i32.const 56)))
    (call $finish (i32.const 200) (i32.const 32))))"#;

fn world() -> World {
    World::free().contract(1, DEPLOYER).contract(2, CHILD)
}

#[test]
fn a_contract_deploys_at_the_address_of_its_nonce_and_runs_init() {
    let mut world = world();
    world.chain.account_mut(sc(1)).nonce = 4;
    let code = wasm(CHILD);
    let out = world.call(1, "deploy", &[&code, b"hi"]);
    assert_ok(&out);
    let expected = MockChain::derive_address(&sc(1), 4, WASM_VM_TYPE);
    assert_eq!(out.return_data, vec![b"hi".to_vec(), expected.0.to_vec()]);
    let created = &out.output_accounts[&expected];
    assert_eq!(created.code.as_deref(), Some(code.as_slice()));
    assert_eq!(created.code_deployer, Some(sc(1)));
    assert_eq!(created.storage_updates[&b"k".to_vec()], b"hi");
    assert_eq!(out.output_accounts[&sc(1)].nonce, Some(5));
}

#[test]
fn a_failing_init_fails_the_deployer() {
    let code = wasm(CHILD);
    let out = world().call(1, "deploy", &[&code, b"no"]);
    assert_failed(
        &out,
        ReturnCode::ExecutionFailed,
        "error signalled by smartcontract",
    );
}

#[test]
fn deploy_from_source_copies_the_code() {
    let world = world();
    let out = world.call(1, "fromSource", &[]);
    assert_ok(&out);
    let expected = MockChain::derive_address(&sc(1), 0, WASM_VM_TYPE);
    assert_eq!(
        out.output_accounts[&expected].code.as_deref(),
        Some(wasm(CHILD).as_slice())
    );
}

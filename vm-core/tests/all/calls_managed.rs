//! The managed and remaining variants of the call hooks: managed sync calls with their
//! result vectors, managed transfers, ESDT transfers (refused by the mock chain's builtins),
//! managed async calls with a closure, legacy upgrade/delete, and the disabled or misplaced
//! hooks.

use blockchain_hooks::{CodeMetadata, ReturnCode};
use num_bigint::{BigInt, BigUint};

use crate::harness::*;

/// Handles: 1 the child's address, 2 "echo", 3 the arguments (one: "hi"), 4 results,
/// 5 value 0, 6 a token, 7 the transfers vector, 8 value 7, 9 code metadata, 10 "onOk",
/// 11 the closure "clo". Memory: 0 the child's address, 64 "echo", 72 "hi", 80 "onOk",
/// 90 "TOK-123456", 120 "k", 200.. scratch.
const PARENT: &str = r#"(module
  (import "env" "managedExecuteOnDestContext" (func $dest (param i64 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "managedExecuteOnSameContext" (func $same (param i64 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "managedExecuteReadOnly" (func $ro (param i64 i32 i32 i32 i32) (result i32)))
  (import "env" "managedTransferValueExecute" (func $tve (param i32 i32 i64 i32 i32) (result i32)))
  (import "env" "managedMultiTransferESDTNFTExecute" (func $multi (param i32 i32 i64 i32 i32) (result i32)))
  (import "env" "managedMultiTransferESDTNFTExecuteWithReturn" (func $multiRet (param i32 i32 i64 i32 i32) (result i32)))
  (import "env" "managedMultiTransferESDTNFTExecuteByUser" (func $byUser (param i32 i32 i32 i64 i32 i32) (result i32)))
  (import "env" "transferESDTExecute" (func $esdt (param i32 i32 i32 i32 i64 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "transferESDTNFTExecute" (func $nft (param i32 i32 i32 i32 i64 i64 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "multiTransferESDTNFTExecute" (func $multiMem (param i32 i32 i32 i32 i64 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "setAsyncContextCallback" (func $ctxCb (param i32 i32 i32 i32 i64) (result i32)))
  (import "env" "managedGetCallbackClosure" (func $closure (param i32)))
  (import "env" "managedAsyncCall" (func $legacy (param i32 i32 i32 i32)))
  (import "env" "managedCreateAsyncCall" (func $promise (param i32 i32 i32 i32 i32 i32 i32 i32 i64 i64 i32) (result i32)))
  (import "env" "managedCreateContract" (func $create (param i64 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "managedDeployFromSourceContract" (func $fromSource (param i64 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "managedUpgradeContract" (func $upgrade (param i32 i64 i32 i32 i32 i32 i32)))
  (import "env" "managedUpgradeFromSourceContract" (func $upgradeSrc (param i32 i64 i32 i32 i32 i32 i32)))
  (import "env" "managedDeleteContract" (func $delete (param i32 i64 i32)))
  (import "env" "upgradeContract" (func $upgradeMem (param i32 i64 i32 i32 i32 i32 i32 i32 i32)))
  (import "env" "upgradeFromSourceContract" (func $upgradeSrcMem (param i32 i64 i32 i32 i32 i32 i32 i32)))
  (import "env" "deleteContract" (func $deleteMem (param i32 i64 i32 i32 i32)))
  (import "env" "mBufferNew" (func $mbNew (result i32)))
  (import "env" "mBufferSetBytes" (func $mbSet (param i32 i32 i32) (result i32)))
  (import "env" "mBufferGetLength" (func $mbLen (param i32) (result i32)))
  (import "env" "mBufferGetBytes" (func $mbGet (param i32 i32) (result i32)))
  (import "env" "mBufferFinish" (func $mbFinish (param i32) (result i32)))
  (import "env" "bigIntSetInt64" (func $biSet (param i32 i64)))
  (import "env" "int64finish" (func $i64finish (param i64)))
  (import "env" "getArgument" (func $arg (param i32 i32) (result i32)))
  (import "env" "storageStore" (func $store (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 8) "\05\00")
  (data (i32.const 31) "\02")
  (data (i32.const 64) "echo")
  (data (i32.const 72) "hi")
  (data (i32.const 80) "onOk")
  (data (i32.const 90) "TOK-123456")
  (data (i32.const 120) "kclo")
  (data (i32.const 128) "\05\06")
  (func $setup (local $h i32)
    (drop (call $mbSet (i32.const 1) (i32.const 0) (i32.const 32)))
    (drop (call $mbSet (i32.const 2) (i32.const 64) (i32.const 4)))
    (drop (call $mbSet (i32.const 12) (i32.const 72) (i32.const 2)))
    (i32.store (i32.const 200) (i32.const 0x0c000000))
    (drop (call $mbSet (i32.const 3) (i32.const 200) (i32.const 4)))
    (call $biSet (i32.const 5) (i64.const 0))
    (call $biSet (i32.const 8) (i64.const 7))
    (drop (call $mbSet (i32.const 6) (i32.const 90) (i32.const 10)))
    (i64.store (i32.const 208) (i64.const 0))
    (i32.store (i32.const 204) (i32.const 0x06000000))
    (i32.store (i32.const 216) (i32.const 0x08000000))
    (drop (call $mbSet (i32.const 7) (i32.const 204) (i32.const 16)))
    (drop (call $mbSet (i32.const 9) (i32.const 128) (i32.const 2)))
    (drop (call $mbSet (i32.const 10) (i32.const 80) (i32.const 4)))
    (drop (call $mbSet (i32.const 11) (i32.const 121) (i32.const 3))))
  (func (export "syncs")
    (call $setup)
    (call $i64finish (i64.extend_i32_s (call $dest (i64.const 5000000) (i32.const 1) (i32.const 5) (i32.const 2) (i32.const 3) (i32.const 4))))
    (call $i64finish (i64.extend_i32_s (call $mbLen (i32.const 4))))
    (call $i64finish (i64.extend_i32_s (call $same (i64.const 5000000) (i32.const 1) (i32.const 5) (i32.const 2) (i32.const 3) (i32.const 4))))
    (call $i64finish (i64.extend_i32_s (call $ro (i64.const 5000000) (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4))))
    (call $i64finish (i64.extend_i32_s (call $mbLen (i32.const 4)))))
  (func (export "payUser")
    (call $setup)
    (drop (call $mbSet (i32.const 1) (i32.const 300) (i32.const 32)))
    (drop (call $mbSet (i32.const 13) (i32.const 300) (i32.const 0)))
    (drop (call $tve (i32.const 1) (i32.const 8) (i64.const 0) (i32.const 13) (i32.const 13))))
  (func (export "esdtWithReturn")
    (call $setup)
    (call $i64finish (i64.extend_i32_s (call $multiRet (i32.const 1) (i32.const 7) (i64.const 1000000) (i32.const 2) (i32.const 3)))))
  (func (export "esdt") (call $setup)
    (drop (call $multi (i32.const 1) (i32.const 7) (i64.const 1000000) (i32.const 2) (i32.const 3))))
  (func (export "esdtMem") (call $setup)
    (i32.store (i32.const 240) (i32.const 1))
    (i32.store8 (i32.const 244) (i32.const 7))
    (drop (call $esdt (i32.const 0) (i32.const 90) (i32.const 10) (i32.const 212) (i64.const 1000000)
      (i32.const 64) (i32.const 4) (i32.const 0) (i32.const 0) (i32.const 0))))
  (func (export "nftMem") (call $setup)
    (drop (call $nft (i32.const 0) (i32.const 90) (i32.const 10) (i32.const 212) (i64.const 1) (i64.const 1000000)
      (i32.const 64) (i32.const 4) (i32.const 0) (i32.const 0) (i32.const 0))))
  (func (export "multiMem") (call $setup)
    (i32.store (i32.const 240) (i32.const 10))
    (i32.store (i32.const 244) (i32.const 0))
    (i32.store (i32.const 248) (i32.const 1))
    (i32.store8 (i32.const 212) (i32.const 7))
    (drop (call $multiMem (i32.const 0) (i32.const 1) (i32.const 240) (i32.const 90) (i64.const 1000000)
      (i32.const 64) (i32.const 4) (i32.const 0) (i32.const 0) (i32.const 0))))
  (func (export "byUser") (call $setup)
    (drop (call $byUser (i32.const 1) (i32.const 1) (i32.const 7) (i64.const 1000000) (i32.const 2) (i32.const 3))))
  (func (export "contextCallback")
    (drop (call $ctxCb (i32.const 80) (i32.const 4) (i32.const 0) (i32.const 0) (i64.const 0))))
  (func (export "closureOutside") (call $closure (i32.const 4)))
  (func (export "promise") (call $setup)
    (drop (call $promise (i32.const 1) (i32.const 5) (i32.const 2) (i32.const 3) (i32.const 80) (i32.const 4)
      (i32.const 80) (i32.const 4) (i64.const 5000000) (i64.const 1000000) (i32.const 11))))
  (func (export "onOk")
    (call $closure (i32.const 14))
    (drop (call $mbGet (i32.const 14) (i32.const 400)))
    (drop (call $store (i32.const 120) (i32.const 1) (i32.const 400) (call $mbLen (i32.const 14)))))
  (func (export "legacy") (call $setup)
    (call $legacy (i32.const 1) (i32.const 5) (i32.const 2) (i32.const 3)))
  (func (export "callBack")
    (drop (call $store (i32.const 120) (i32.const 1) (i32.const 72) (i32.const 2))))
  (func (export "deploys") (call $setup)
    (drop (call $mbSet (i32.const 15) (i32.const 0) (i32.const 0)))
    (drop (call $fromSource (i64.const 5000000) (i32.const 5) (i32.const 1) (i32.const 9) (i32.const 15) (i32.const 16) (i32.const 17)))
    (drop (call $mbFinish (i32.const 16))))
  (func (export "deployCode") (call $setup)
    (drop (call $arg (i32.const 0) (i32.const 1024)))
    (drop (call $mbSet (i32.const 15) (i32.const 1024) (call $arg (i32.const 0) (i32.const 1024))))
    (drop (call $create (i64.const 5000000) (i32.const 5) (i32.const 15) (i32.const 9) (i32.const 3) (i32.const 16) (i32.const 17)))
    (drop (call $mbFinish (i32.const 16))))
  (func (export "upgradeChild") (call $setup)
    (drop (call $mbSet (i32.const 15) (i32.const 1024) (call $arg (i32.const 0) (i32.const 1024))))
    (call $upgrade (i32.const 1) (i64.const 10000000) (i32.const 5) (i32.const 15) (i32.const 9) (i32.const 3) (i32.const 16)))
  (func (export "upgradeSmall") (call $setup)
    (call $upgradeMem (i32.const 0) (i64.const 5) (i32.const 212) (i32.const 0) (i32.const 128) (i32.const 0)
      (i32.const 0) (i32.const 0) (i32.const 0)))
  (func (export "upgradeSrcSmall") (call $setup)
    (call $upgradeSrcMem (i32.const 0) (i64.const 5) (i32.const 212) (i32.const 0) (i32.const 128)
      (i32.const 0) (i32.const 0) (i32.const 0)))
  (func (export "upgradeSrcManagedSmall") (call $setup)
    (call $upgradeSrc (i32.const 1) (i64.const 5) (i32.const 5) (i32.const 1) (i32.const 9) (i32.const 3) (i32.const 16)))
  (func (export "deleteSmall") (call $setup)
    (call $deleteMem (i32.const 0) (i64.const 5) (i32.const 0) (i32.const 0) (i32.const 0)))
  (func (export "deleteChild") (call $setup)
    (call $delete (i32.const 1) (i64.const 10000000) (i32.const 3))))"#;

/// `echo` finishes its argument; `init` and `upgrade` do nothing.
const CHILD: &str = r#"(module
  (import "env" "getArgument" (func $arg (param i32 i32) (result i32)))
  (import "env" "finish" (func $finish (param i32 i32)))
  (memory (export "memory") 1)
  (func (export "init"))
  (func (export "upgrade"))
  (func (export "echo")
    (call $finish (i32.const 100) (call $arg (i32.const 0) (i32.const 100)))))"#;

/// `upgrade` finishes "new".
const NEW_CHILD: &str = r#"(module
  (import "env" "finish" (func $finish (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "new")
  (func (export "upgrade") (call $finish (i32.const 0) (i32.const 3))))"#;

fn world() -> World {
    let mut world = World::free().contract(1, PARENT).contract(2, CHILD);
    world.chain.account_mut(sc(1)).balance = BigUint::from(100u32);
    world.chain.account_mut(sc(2)).owner = Some(sc(1));
    world
}

#[test]
fn managed_sync_calls_write_the_new_return_data() {
    let out = world().call(1, "syncs", &[]);
    assert_ok(&out);
    let hi = b"hi".to_vec();
    assert_eq!(
        out.return_data,
        vec![
            hi.clone(),
            Vec::new(),
            vec![4],
            hi.clone(),
            Vec::new(),
            hi,
            Vec::new(),
            vec![4]
        ]
    );
}

#[test]
fn managed_transfer_value_without_function_leaves_as_a_transfer() {
    let out = world().call(1, "payUser", &[]);
    assert_ok(&out);
    assert_eq!(out.output_accounts[&sc(1)].balance_delta, BigInt::from(-7));
}

#[test]
fn esdt_transfers_go_through_the_chains_builtins() {
    let world = world();
    let out = world.call(1, "esdtWithReturn", &[]);
    assert_ok(&out);
    assert_eq!(out.return_data, vec![vec![1]]);
    for function in ["esdt", "esdtMem", "nftMem", "multiMem"] {
        let out = world.call(1, function, &[]);
        assert_eq!(out.return_code, ReturnCode::ExecutionFailed, "{function}");
        assert!(
            out.return_message.contains("MockChain"),
            "{function}: {}",
            out.return_message
        );
    }
    let out = world.call(1, "byUser", &[]);
    assert_failed(&out, ReturnCode::ExecutionFailed, "opcode is not allowed");
}

#[test]
fn disabled_and_misplaced_async_hooks_fail() {
    let world = world();
    let out = world.call(1, "contextCallback", &[]);
    assert_failed(
        &out,
        ReturnCode::ExecutionFailed,
        "context callback disabled",
    );
    let out = world.call(1, "closureOutside", &[]);
    assert_failed(
        &out,
        ReturnCode::ExecutionFailed,
        "no callback for closure, cannot call callback directly",
    );
}

#[test]
fn managed_promise_callback_reads_its_closure() {
    let mut world = world();
    let out = world.call(1, "promise", &[]);
    assert_ok(&out);
    assert_eq!(
        out.output_accounts[&sc(1)].storage_updates[&b"k".to_vec()],
        b"clo"
    );
    let out = world.call(1, "legacy", &[]);
    assert_ok(&out);
    world.commit(&out);
    assert_eq!(world.chain.storage_value(&sc(1), b"k"), b"hi");
}

#[test]
fn managed_deploys_answer_the_new_address() {
    let world = world();
    let out = world.call(1, "deploys", &[]);
    assert_ok(&out);
    let address = strata_vm_core::testing::MockChain::derive_address(&sc(1), 0, [5, 0]);
    assert_eq!(out.return_data, vec![address.0.to_vec()]);
    let out = world.call(1, "deployCode", &[&wasm(CHILD)]);
    assert_ok(&out);
    assert_eq!(
        out.output_accounts[&address].code_metadata,
        Some(CodeMetadata([5, 6]))
    );
}

#[test]
fn upgrade_and_delete_from_a_contract_are_legacy_async_calls() {
    let world = world();
    let out = world.call(1, "upgradeChild", &[&wasm(NEW_CHILD)]);
    assert_ok(&out);
    assert_eq!(out.return_data, vec![b"new".to_vec()]);
    assert_eq!(
        out.output_accounts[&sc(2)].code.as_deref(),
        Some(wasm(NEW_CHILD).as_slice())
    );
    for function in [
        "upgradeSmall",
        "upgradeSrcSmall",
        "upgradeSrcManagedSmall",
        "deleteSmall",
    ] {
        let out = world.call(1, function, &[]);
        assert_failed(&out, ReturnCode::OutOfGas, "not enough gas");
    }
    let out = world.call(1, "deleteChild", &[]);
    assert_ok(&out);
    assert_eq!(out.deleted_accounts, vec![sc(2)]);
}

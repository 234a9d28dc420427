//! EGLD transfers from contracts: `transferValue`, `transferValueExecute` to a contract of
//! the same shard (run at once), and back transfers read with `managedGetBackTransfers`.

use blockchain_hooks::{CallType, ReturnCode};
use num_bigint::{BigInt, BigUint};

use crate::harness::*;

/// Memory: 0 the child's address, 32 a 32-byte value of 10, 64 a value of 5, 96 a huge value,
/// 128 "echo", 140 one argument length (2), 144 "hi", 160 `user(3)`, 200.. scratch.
const COMMON: &str = r#"
  (import "env" "transferValue" (func $pay (param i32 i32 i32 i32) (result i32)))
  (import "env" "transferValueExecute" (func $payExec (param i32 i32 i64 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "executeOnDestContext" (func $dest (param i64 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "managedGetBackTransfers" (func $back (param i32 i32)))
  (import "env" "bigIntGetInt64" (func $biGet (param i32) (result i64)))
  (import "env" "mBufferGetLength" (func $mbLen (param i32) (result i32)))
  (import "env" "int64finish" (func $i64finish (param i64)))
  (import "env" "getCaller" (func $caller (param i32)))
  (import "env" "getArgument" (func $arg (param i32 i32) (result i32)))
  (import "env" "finish" (func $finish (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 8) "\05\00")
  (data (i32.const 31) "\02")
  (data (i32.const 63) "\0a")
  (data (i32.const 95) "\05")
  (data (i32.const 96) "\ff\ff\ff\ff")
  (data (i32.const 128) "echogiveBack")
  (data (i32.const 140) "\02\00\00\00")
  (data (i32.const 144) "hi")
  (data (i32.const 160) "\03")
  (data (i32.const 191) "\03")
"#;

fn child() -> String {
    format!(
        r#"(module {COMMON}
  (func (export "echo")
    (call $finish (i32.const 200) (call $arg (i32.const 0) (i32.const 200))))
  (func (export "giveBack")
    (call $caller (i32.const 300))
    (drop (call $pay (i32.const 300) (i32.const 32) (i32.const 0) (i32.const 0)))))"#
    )
}

fn parent() -> String {
    format!(
        r#"(module {COMMON}
  (func (export "pay")
    (drop (call $pay (i32.const 160) (i32.const 32) (i32.const 0) (i32.const 0))))
  (func (export "payTooMuch")
    (drop (call $pay (i32.const 160) (i32.const 96) (i32.const 0) (i32.const 0))))
  (func (export "payExecute")
    (drop (call $payExec (i32.const 0) (i32.const 64) (i64.const 5000000) (i32.const 128)
      (i32.const 4) (i32.const 1) (i32.const 140) (i32.const 144))))
  (func (export "askBack")
    (drop (call $dest (i64.const 5000000) (i32.const 0) (i32.const 300) (i32.const 132)
      (i32.const 8) (i32.const 0) (i32.const 0) (i32.const 0)))
    (call $back (i32.const 1) (i32.const 2))
    (call $i64finish (call $biGet (i32.const 2)))
    (call $i64finish (i64.extend_i32_s (call $mbLen (i32.const 1))))
    (call $back (i32.const 1) (i32.const 2))
    (call $i64finish (call $biGet (i32.const 2)))))"#
    )
}

fn world() -> World {
    let mut world = World::free().contract(1, &parent()).contract(2, &child());
    world.chain.account_mut(sc(1)).balance = BigUint::from(1000u32);
    world.chain.account_mut(sc(2)).balance = BigUint::from(100u32);
    world
}

#[test]
fn transfer_value_moves_value_and_records_the_transfer() {
    let out = world().call(1, "pay", &[]);
    assert_ok(&out);
    assert_eq!(out.output_accounts[&sc(1)].balance_delta, BigInt::from(-10));
    let receiver = &out.output_accounts[&user(3)];
    assert_eq!(receiver.balance_delta, BigInt::from(10));
    let transfer = &receiver.output_transfers[0];
    assert_eq!(
        (transfer.sender, transfer.value.clone(), transfer.gas_limit),
        (sc(1), BigUint::from(10u32), 0)
    );
    assert_eq!(transfer.call_type, CallType::DirectCall);
    let log = &out.logs[0];
    assert_eq!(log.identifier, b"transferValueOnly");
    assert_eq!(log.topics, vec![vec![10], user(3).0.to_vec()]);
    assert_eq!(log.data, vec![b"DirectCall".to_vec(), Vec::new()]);
}

#[test]
fn transfer_beyond_the_balance_fails() {
    let out = world().call(1, "payTooMuch", &[]);
    assert_failed(
        &out,
        ReturnCode::ExecutionFailed,
        "failed transfer (insufficient funds)",
    );
}

#[test]
fn transfer_value_execute_runs_a_same_shard_contract_at_once() {
    let out = world().call(1, "payExecute", &[]);
    assert_ok(&out);
    assert_eq!(out.return_data, vec![b"hi".to_vec()]);
    assert_eq!(out.output_accounts[&sc(2)].balance_delta, BigInt::from(5));
    assert_eq!(out.output_accounts[&sc(1)].balance_delta, BigInt::from(-5));
    assert_eq!(
        out.logs[0].data,
        vec![
            b"TransferAndExecute".to_vec(),
            b"echo".to_vec(),
            b"hi".to_vec()
        ]
    );
}

#[test]
fn back_transfers_are_read_once() {
    let out = world().call(1, "askBack", &[]);
    assert_ok(&out);
    assert_eq!(out.return_data, vec![vec![10], Vec::new(), Vec::new()]);
    assert_eq!(out.output_accounts[&sc(1)].balance_delta, BigInt::from(10));
    let back = out.logs.iter().find(|l| l.address == sc(2)).expect("event");
    assert_eq!(back.data, vec![b"BackTransfer".to_vec(), Vec::new()]);
}

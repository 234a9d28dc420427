//! The EGLD and ESDT value of the call, and `checkNoPayment`.

use blockchain_hooks::ReturnCode;

use crate::harness::*;

const CALL_VALUE: &str = r#"
(module
  (import "env" "finish" (func $finish (param i32 i32)))
  (import "env" "int64finish" (func $i64_finish (param i64)))
  (import "env" "checkNoPayment" (func $no_payment))
  (import "env" "getCallValue" (func $value (param i32) (result i32)))
  (import "env" "getNumESDTTransfers" (func $num (result i32)))
  (import "env" "getESDTValue" (func $esdt_value (param i32) (result i32)))
  (import "env" "getESDTTokenName" (func $esdt_name (param i32) (result i32)))
  (import "env" "getESDTTokenNonce" (func $esdt_nonce (result i64)))
  (import "env" "getESDTTokenType" (func $esdt_type (result i32)))
  (import "env" "getESDTValueByIndex" (func $value_at (param i32 i32) (result i32)))
  (import "env" "getESDTTokenNameByIndex" (func $name_at (param i32 i32) (result i32)))
  (import "env" "getESDTTokenNonceByIndex" (func $nonce_at (param i32) (result i64)))
  (import "env" "getESDTTokenTypeByIndex" (func $type_at (param i32) (result i32)))
  (import "env" "getCallValueTokenName" (func $value_name (param i32 i32) (result i32)))
  (import "env" "getCallValueTokenNameByIndex" (func $value_name_at (param i32 i32 i32) (result i32)))
  (import "env" "bigIntGetCallValue" (func $big_value (param i32)))
  (import "env" "bigIntGetESDTCallValue" (func $big_esdt (param i32)))
  (import "env" "bigIntGetESDTCallValueByIndex" (func $big_esdt_at (param i32 i32)))
  (import "env" "bigIntFinishUnsigned" (func $big_finish (param i32)))
  (import "env" "managedGetMultiESDTCallValue" (func $multi (param i32)))
  (import "env" "managedGetAllTransfersCallValue" (func $all (param i32)))
  (import "env" "managedGetBackTransfers" (func $back (param i32 i32)))
  (import "env" "mBufferFinish" (func $mb_finish (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "notPayable") (call $no_payment))
  (func (export "egld")
    (call $finish (i32.const 0) (call $value (i32.const 0)))
    (call $big_value (i32.const 1)) (call $big_finish (i32.const 1)))
  (func (export "single")
    (call $i64_finish (i64.extend_i32_s (call $num)))
    (call $finish (i32.const 0) (call $esdt_value (i32.const 0)))
    (call $finish (i32.const 100) (call $esdt_name (i32.const 100)))
    (call $i64_finish (call $esdt_nonce))
    (call $i64_finish (i64.extend_i32_s (call $esdt_type)))
    (call $big_esdt (i32.const 1)) (call $big_finish (i32.const 1)))
  (func (export "second")
    (call $finish (i32.const 0) (call $value_at (i32.const 0) (i32.const 1)))
    (call $finish (i32.const 100) (call $name_at (i32.const 100) (i32.const 1)))
    (call $i64_finish (call $nonce_at (i32.const 1)))
    (call $i64_finish (i64.extend_i32_s (call $type_at (i32.const 1))))
    (call $finish (i32.const 200) (call $value_name_at (i32.const 300) (i32.const 200) (i32.const 1)))
    (call $finish (i32.const 300) (i32.const 32))
    (call $big_esdt_at (i32.const 1) (i32.const 1)) (call $big_finish (i32.const 1)))
  (func (export "valueAndName")
    (call $finish (i32.const 200) (call $value_name (i32.const 300) (i32.const 200)))
    (call $finish (i32.const 300) (i32.const 32)))
  (func (export "third")
    (drop (call $value_at (i32.const 0) (i32.const 2))))
  (func (export "managed")
    (call $multi (i32.const 10)) (drop (call $mb_finish (i32.const 10)))
    (call $all (i32.const 11)) (drop (call $mb_finish (i32.const 11)))
    (call $back (i32.const 12) (i32.const 13)) (drop (call $mb_finish (i32.const 12)))
    (call $big_finish (i32.const 13))))
"#;

fn world() -> World {
    World::free().contract(1, CALL_VALUE)
}

fn padded(value: u64) -> Vec<u8> {
    let mut bytes = vec![0; 24];
    bytes.extend(value.to_be_bytes());
    bytes
}

#[test]
fn check_no_payment_refuses_egld_then_esdt() {
    let w = world();
    assert_ok(&w.call(1, "notPayable", &[]));
    let egld = with_value(call_input(sc(1), "notPayable", &[]), 1);
    assert_failed(
        &w.run(&egld),
        ReturnCode::ExecutionFailed,
        "function does not accept EGLD payment",
    );
    let esdt = with_esdt(
        call_input(sc(1), "notPayable", &[]),
        &[("TOK-123456", 0, 5)],
    );
    assert_failed(
        &w.run(&esdt),
        ReturnCode::ExecutionFailed,
        "function does not accept ESDT payment",
    );
}

#[test]
fn the_egld_value_is_padded_to_32_bytes() {
    let w = world();
    let out = w.run(&with_value(call_input(sc(1), "egld", &[]), 1000));
    assert_ok(&out);
    assert_eq!(out.return_data, vec![padded(1000), be(1000)]);
    let c = &w.schedule.base_ops_api_cost;
    let per_byte = &w.schedule.base_operation_cost;
    let hooks = c.get_call_value
        + c.finish
        + 32 * per_byte.persist_per_byte
        + w.schedule.big_int_api_cost.big_int_get_call_value
        + w.schedule.big_int_api_cost.big_int_finish_unsigned
        + 2 * per_byte.persist_per_byte;
    assert_eq!(used(&out), w.call_cost(sc(1)) + hooks);
    // The value reaches the contract's account in the output.
    assert_eq!(
        out.output_accounts[&sc(1)].balance_delta,
        num_bigint::BigInt::from(1000)
    );
}

#[test]
fn one_esdt_transfer() {
    let w = world();
    let out = w.run(&with_esdt(
        call_input(sc(1), "single", &[]),
        &[("NFT-abcdef", 3, 1)],
    ));
    assert_ok(&out);
    assert_eq!(
        out.return_data,
        vec![
            vec![1],
            padded(1),
            b"NFT-abcdef".to_vec(),
            vec![3],
            vec![1],
            vec![1]
        ]
    );
}

#[test]
fn transfers_by_index_and_the_single_transfer_guard() {
    let w = world();
    let two = [("AAA-000000", 0, 7), ("NFT-abcdef", 9, 2)];
    let out = w.run(&with_esdt(call_input(sc(1), "second", &[]), &two));
    assert_ok(&out);
    assert_eq!(
        out.return_data,
        vec![
            padded(2),
            b"NFT-abcdef".to_vec(),
            vec![9],
            vec![1],
            b"NFT-abcdef".to_vec(),
            padded(2),
            vec![2],
        ]
    );
    assert_failed(
        &w.run(&with_esdt(call_input(sc(1), "single", &[]), &two)),
        ReturnCode::ExecutionFailed,
        "too many ESDT transfers",
    );
    assert_failed(
        &w.run(&with_esdt(call_input(sc(1), "third", &[]), &two)),
        ReturnCode::ExecutionFailed,
        "invalid token index",
    );
    let out = w.run(&with_value(call_input(sc(1), "valueAndName", &[]), 5));
    assert_failed(&out, ReturnCode::ExecutionFailed, "invalid token index");
}

#[test]
fn managed_transfer_lists_hold_new_handles() {
    let w = world();
    let input = with_esdt(call_input(sc(1), "managed", &[]), &[("AAA-000000", 4, 7)]);
    let out = w.run(&input);
    assert_ok(&out);
    // New handles are the table's size, or the next free one: the first list's token takes
    // buffer 0 and its value big integer 0; with buffers {0, 10} taken, the second list's
    // token takes buffer 2, its value big integer 1.
    let entry = |token: i32, nonce: u64, value: i32| {
        let mut bytes = token.to_be_bytes().to_vec();
        bytes.extend(nonce.to_be_bytes());
        bytes.extend(value.to_be_bytes());
        bytes
    };
    assert_eq!(out.return_data[0], entry(0, 4, 0));
    assert_eq!(out.return_data[1], entry(2, 4, 1));
    assert_eq!(out.return_data[2], Vec::<u8>::new());
    assert_eq!(out.return_data[3], Vec::<u8>::new());
    let out = w.run(&with_value(call_input(sc(1), "managed", &[]), 9));
    assert_eq!(out.return_data[0], Vec::<u8>::new());
    assert_eq!(out.return_data[1], entry(1, 0, 0));
}

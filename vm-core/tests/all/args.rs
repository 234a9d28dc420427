//! Arguments, finish and return data.

use blockchain_hooks::ReturnCode;

use crate::harness::*;

const ARGS: &str = r#"
(module
  (import "env" "getNumArguments" (func $num (result i32)))
  (import "env" "getArgument" (func $arg (param i32 i32) (result i32)))
  (import "env" "getArgumentLength" (func $arg_len (param i32) (result i32)))
  (import "env" "getFunction" (func $function (param i32) (result i32)))
  (import "env" "finish" (func $finish (param i32 i32)))
  (import "env" "int64getArgument" (func $i64_arg (param i32) (result i64)))
  (import "env" "int64finish" (func $i64_finish (param i64)))
  (import "env" "smallIntGetUnsignedArgument" (func $u64_arg (param i32) (result i64)))
  (import "env" "smallIntFinishUnsigned" (func $u64_finish (param i64)))
  (import "env" "bigIntGetUnsignedArgument" (func $big_arg (param i32 i32)))
  (import "env" "bigIntGetSignedArgument" (func $big_signed_arg (param i32 i32)))
  (import "env" "bigIntFinishSigned" (func $big_finish_signed (param i32)))
  (import "env" "bigIntFinishUnsigned" (func $big_finish (param i32)))
  (import "env" "mBufferGetArgument" (func $mb_arg (param i32 i32) (result i32)))
  (import "env" "mBufferFinish" (func $mb_finish (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "echo")
    (call $finish (i32.const 0) (call $arg (i32.const 0) (i32.const 0))))
  (func (export "count")
    (call $i64_finish (i64.extend_i32_u (call $num))))
  (func (export "length")
    (call $i64_finish (i64.extend_i32_s (call $arg_len (i32.const 0)))))
  (func (export "name")
    (call $finish (i32.const 0) (call $function (i32.const 0))))
  (func (export "argAtTheEndOfMemory")
    (drop (call $arg (i32.const 0) (i32.const 65534))))
  (func (export "int64")
    (call $i64_finish (call $i64_arg (i32.const 0))))
  (func (export "uint64")
    (call $u64_finish (call $u64_arg (i32.const 0))))
  (func (export "big")
    (call $big_arg (i32.const 0) (i32.const 5))
    (call $big_finish_signed (i32.const 5))
    (call $big_signed_arg (i32.const 0) (i32.const 6))
    (call $big_finish (i32.const 6)))
  (func (export "buffer")
    (drop (call $mb_arg (i32.const 1) (i32.const 7)))
    (drop (call $mb_finish (i32.const 7))))
  (func (export "missingBuffer")
    (drop (call $mb_finish (i32.const 99))))
  (func (export "bufferArgOutOfRange")
    (drop (call $mb_arg (i32.const 5) (i32.const 7)))))
"#;

#[test]
fn echo_returns_the_argument_and_charges_exactly() {
    let w = World::free().contract(1, ARGS);
    let out = w.call(1, "echo", &[b"hello"]);
    assert_ok(&out);
    assert_eq!(out.return_data, vec![b"hello".to_vec()]);
    // GetArgument 100 + Finish 1 + PersistPerByte 1000 × 5, after loading the code.
    assert_eq!(used(&out), w.call_cost(sc(1)) + 100 + 1 + 5_000);
    let account = &out.output_accounts[&sc(1)];
    assert_eq!(account.gas_used, used(&out));
    assert!(account.storage_updates.is_empty());
}

#[test]
fn counts_and_measures_arguments() {
    let w = World::free().contract(1, ARGS);
    let out = w.call(1, "count", &[b"a", b"bc", b""]);
    assert_ok(&out);
    assert_eq!(out.return_data, vec![vec![3]]);
    let costs = &w.schedule.base_ops_api_cost;
    assert_eq!(
        used(&out),
        w.call_cost(sc(1)) + costs.get_num_arguments + costs.int64_finish
    );
    let out = w.call(1, "length", &[b"abcd"]);
    assert_eq!(out.return_data, vec![vec![4]]);
    let out = w.call(1, "count", &[]);
    assert_eq!(out.return_data, vec![Vec::<u8>::new()]);
}

#[test]
fn get_function_names_the_endpoint() {
    let w = World::free().contract(1, ARGS);
    assert_eq!(w.call(1, "name", &[]).return_data, vec![b"name".to_vec()]);
}

#[test]
fn an_argument_index_out_of_range_fails_execution() {
    let w = World::free().contract(1, ARGS);
    assert_failed(
        &w.call(1, "echo", &[]),
        ReturnCode::ExecutionFailed,
        "invalid argument",
    );
    assert_failed(
        &w.call(1, "bufferArgOutOfRange", &[b"a"]),
        ReturnCode::ExecutionFailed,
        "argument out of range",
    );
    assert_failed(
        &w.call(1, "uint64", &[]),
        ReturnCode::ExecutionFailed,
        "argument index out of range",
    );
}

#[test]
fn a_bad_pointer_fails_execution() {
    let w = World::free().contract(1, ARGS);
    assert_failed(
        &w.call(1, "argAtTheEndOfMemory", &[b"hello"]),
        ReturnCode::ExecutionFailed,
        "mem store: bad bounds",
    );
}

#[test]
fn small_ints_round_trip_in_twos_complement() {
    let w = World::free().contract(1, ARGS);
    let out = w.call(1, "int64", &[&[0xff]]);
    assert_eq!(out.return_data, vec![vec![0xff]]);
    let out = w.call(1, "int64", &[&[0x00, 0x80]]);
    assert_eq!(out.return_data, vec![vec![0x00, 0x80]]);
    let costs = &w.schedule.base_ops_api_cost;
    assert_eq!(
        used(&out),
        w.call_cost(sc(1)) + costs.int64_get_argument + costs.int64_finish
    );
    let out = w.call(1, "uint64", &[&[0xff; 8]]);
    assert_eq!(out.return_data, vec![vec![0xff; 8]]);
    assert_failed(
        &w.call(1, "uint64", &[&[1; 9]]),
        ReturnCode::ExecutionFailed,
        "argument out of range",
    );
    assert_failed(
        &w.call(1, "int64", &[&[0x00, 0x80, 0, 0, 0, 0, 0, 0, 0]]),
        ReturnCode::ExecutionFailed,
        "argument out of range",
    );
}

#[test]
fn big_int_arguments_and_results() {
    let w = World::free().contract(1, ARGS);
    let out = w.call(1, "big", &[&[0xff]]);
    assert_ok(&out);
    // 255 unsigned finished signed: 00 ff; 0xff signed (-1) finished unsigned: 01.
    assert_eq!(out.return_data, vec![vec![0x00, 0xff], vec![0x01]]);
    let big = &w.schedule.big_int_api_cost;
    let per_byte = &w.schedule.base_operation_cost;
    let expected = big.big_int_get_unsigned_argument
        + big.big_int_finish_signed
        + 2 * per_byte.persist_per_byte
        + big.big_int_get_signed_argument
        + per_byte.data_copy_per_byte
        + big.big_int_finish_unsigned
        + per_byte.persist_per_byte;
    assert_eq!(used(&out), w.call_cost(sc(1)) + expected);
}

#[test]
fn managed_buffer_arguments_and_results() {
    let w = World::free().contract(1, ARGS);
    let out = w.call(1, "buffer", &[b"x", b"payload"]);
    assert_ok(&out);
    assert_eq!(out.return_data, vec![b"payload".to_vec()]);
    let mb = &w.schedule.managed_buffer_api_cost;
    let expected = mb.m_buffer_get_argument
        + mb.m_buffer_finish
        + 7 * w.schedule.base_operation_cost.persist_per_byte;
    assert_eq!(used(&out), w.call_cost(sc(1)) + expected);
    assert_failed(
        &w.call(1, "missingBuffer", &[]),
        ReturnCode::ExecutionFailed,
        "no managed buffer under the given handle",
    );
}

const RETURN_DATA: &str = r#"
(module
  (import "env" "finish" (func $finish (param i32 i32)))
  (import "env" "getNumReturnData" (func $num (result i32)))
  (import "env" "getReturnDataSize" (func $size (param i32) (result i32)))
  (import "env" "getReturnData" (func $get (param i32 i32) (result i32)))
  (import "env" "deleteFromReturnData" (func $delete (param i32)))
  (import "env" "cleanReturnData" (func $clean))
  (import "env" "managedGetReturnData" (func $managed_get (param i32 i32)))
  (import "env" "mBufferFinish" (func $mb_finish (param i32) (result i32)))
  (import "env" "int64finish" (func $i64_finish (param i64)))
  (memory (export "memory") 1)
  (data (i32.const 0) "ab")
  (func (export "juggle")
    (call $finish (i32.const 0) (i32.const 1))
    (call $finish (i32.const 1) (i32.const 1))
    (call $i64_finish (i64.extend_i32_u (call $num)))
    (call $delete (i32.const 0))
    (call $delete (i32.const 9))
    (call $managed_get (i32.const 0) (i32.const 3))
    (drop (call $mb_finish (i32.const 3)))
    (call $i64_finish (i64.extend_i32_u (call $size (i32.const 0))))
    (drop (call $get (i32.const 0) (i32.const 100)))
    (call $finish (i32.const 100) (i32.const 1)))
  (func (export "clean")
    (call $finish (i32.const 0) (i32.const 2))
    (call $clean))
  (func (export "outOfRange")
    (drop (call $size (i32.const 0))))
  (func (export "managedOutOfRange")
    (call $managed_get (i32.const 0) (i32.const 3))))
"#;

#[test]
fn return_data_can_be_read_and_edited() {
    let w = World::free().contract(1, RETURN_DATA);
    let out = w.call(1, "juggle", &[]);
    assert_ok(&out);
    assert_eq!(
        out.return_data,
        vec![
            b"b".to_vec(),
            vec![2],
            b"b".to_vec(),
            vec![1],
            b"b".to_vec()
        ]
    );
    let out = w.call(1, "clean", &[]);
    assert_ok(&out);
    assert!(out.return_data.is_empty());
    assert_failed(
        &w.call(1, "outOfRange", &[]),
        ReturnCode::ExecutionFailed,
        "invalid argument",
    );
    assert_failed(
        &w.call(1, "managedOutOfRange", &[]),
        ReturnCode::ExecutionFailed,
        "argument out of range",
    );
}

#[test]
fn the_contracts_are_valid() {
    assert_eq!(why_invalid(ARGS), None);
    assert_eq!(why_invalid(RETURN_DATA), None);
}

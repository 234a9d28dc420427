//! Big-integer hooks: arithmetic, division semantics, conversions, failures and gas.

use blockchain_hooks::ReturnCode;

use crate::harness::*;

const BIG_INT: &str = r#"
(module
  (import "env" "bigIntNew" (func $new (param i64) (result i32)))
  (import "env" "bigIntAdd" (func $add (param i32 i32 i32)))
  (import "env" "bigIntMul" (func $mul (param i32 i32 i32)))
  (import "env" "bigIntTDiv" (func $tdiv (param i32 i32 i32)))
  (import "env" "bigIntEMod" (func $emod (param i32 i32 i32)))
  (import "env" "bigIntPow" (func $pow (param i32 i32 i32)))
  (import "env" "bigIntSqrt" (func $sqrt (param i32 i32)))
  (import "env" "bigIntAnd" (func $and (param i32 i32 i32)))
  (import "env" "bigIntShl" (func $shl (param i32 i32 i32)))
  (import "env" "bigIntCmp" (func $cmp (param i32 i32) (result i32)))
  (import "env" "bigIntGetInt64" (func $get_i64 (param i32) (result i64)))
  (import "env" "bigIntSetUnsignedBytes" (func $set_unsigned (param i32 i32 i32)))
  (import "env" "bigIntSetSignedBytes" (func $set_signed (param i32 i32 i32)))
  (import "env" "bigIntGetUnsignedBytes" (func $get_unsigned (param i32 i32) (result i32)))
  (import "env" "bigIntToString" (func $to_string (param i32 i32)))
  (import "env" "bigIntFinishSigned" (func $finish_signed (param i32)))
  (import "env" "mBufferFinish" (func $mb_finish (param i32) (result i32)))
  (import "env" "finish" (func $finish (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "\ff\7f")
  (data (i32.const 32) "\01")
  (func (export "divisions")
    (drop (call $new (i64.const -7)))
    (drop (call $new (i64.const 2)))
    (call $tdiv (i32.const 2) (i32.const 0) (i32.const 1))
    (call $emod (i32.const 3) (i32.const 0) (i32.const 1))
    (call $pow (i32.const 4) (i32.const 1) (i32.const 1))
    (call $finish_signed (i32.const 2))
    (call $finish_signed (i32.const 3))
    (call $finish_signed (i32.const 4)))
  (func (export "bytes")
    (call $set_signed (i32.const 9) (i32.const 0) (i32.const 2))
    (call $finish (i32.const 16) (call $get_unsigned (i32.const 9) (i32.const 16))))
  (func (export "toString")
    (drop (call $new (i64.const -1234567890123)))
    (call $to_string (i32.const 0) (i32.const 0))
    (drop (call $mb_finish (i32.const 0))))
  (func (export "bigProduct")
    (drop (call $new (i64.const 0x7fffffffffffffff)))
    (call $mul (i32.const 1) (i32.const 0) (i32.const 0))
    (call $mul (i32.const 1) (i32.const 1) (i32.const 1))
    (call $mul (i32.const 1) (i32.const 1) (i32.const 1))
    (call $finish_signed (i32.const 1)))
  (func (export "bigCopy")
    (call $set_unsigned (i32.const 0) (i32.const 32) (i32.const 40))
    (call $add (i32.const 1) (i32.const 0) (i32.const 0))
    (call $finish_signed (i32.const 1)))
  (func (export "divByZero")
    (drop (call $new (i64.const 1)))
    (drop (call $new (i64.const 0)))
    (call $tdiv (i32.const 2) (i32.const 0) (i32.const 1)))
  (func (export "missingOperand")
    (call $add (i32.const 0) (i32.const 5) (i32.const 6)))
  (func (export "negativeSqrt")
    (drop (call $new (i64.const -4)))
    (call $sqrt (i32.const 1) (i32.const 0)))
  (func (export "negativeAnd")
    (drop (call $new (i64.const -4)))
    (call $and (i32.const 1) (i32.const 0) (i32.const 0)))
  (func (export "negativeShift")
    (drop (call $new (i64.const 4)))
    (call $shl (i32.const 1) (i32.const 0) (i32.const -1)))
  (func (export "notInt64")
    (drop (call $new (i64.const 0x7fffffffffffffff)))
    (call $add (i32.const 0) (i32.const 0) (i32.const 0))
    (drop (call $get_i64 (i32.const 0))))
  (func (export "hugePow")
    (drop (call $new (i64.const 3)))
    (drop (call $new (i64.const 0x10000000000)))
    (call $pow (i32.const 2) (i32.const 0) (i32.const 1)))
  (func (export "hugeShift")
    (drop (call $new (i64.const 1)))
    (call $shl (i32.const 1) (i32.const 0) (i32.const 0x7fffffff)))
  (func (export "compare")
    (drop (call $new (i64.const 1)))
    (drop (call $new (i64.const 2)))
    (if (i32.ne (call $cmp (i32.const 0) (i32.const 1)) (i32.const -1)) (then unreachable))))
"#;

#[test]
fn truncated_and_euclidean_division_and_pow() {
    let w = World::free().contract(1, BIG_INT);
    let out = w.call(1, "divisions", &[]);
    assert_ok(&out);
    // -7 tdiv 2 = -3, -7 emod 2 = 1, 2^2 = 4.
    assert_eq!(out.return_data, vec![vec![0xfd], vec![0x01], vec![0x04]]);
    // bigIntNew 2000 × 2, TDiv 6000, EMod 6000, Pow 6000 (result ⌊2 × 2 / 8⌋ = 0 bytes),
    // then 3 × (BigIntFinishSigned 1000 + PersistPerByte 1000 × 1 byte).
    assert_eq!(used(&out), w.call_cost(sc(1)) + 4000 + 18_000 + 3 * 2000);
}

#[test]
fn signed_bytes_in_unsigned_bytes_out() {
    let w = World::free().contract(1, BIG_INT);
    let out = w.call(1, "bytes", &[]);
    assert_ok(&out);
    // 0xff7f in two's complement is -129, whose magnitude is 0x81.
    assert_eq!(out.return_data, vec![vec![0x81]]);
    let finish = w.schedule.base_ops_api_cost.finish;
    // SetSignedBytes 2000 + 2 × 100, GetUnsignedBytes 2000 + 1 × 100, finish + 1000 × 1.
    assert_eq!(used(&out), w.call_cost(sc(1)) + 2200 + 2100 + finish + 1000);
}

#[test]
fn to_string_is_decimal() {
    let w = World::free().contract(1, BIG_INT);
    let out = w.call(1, "toString", &[]);
    assert_ok(&out);
    assert_eq!(out.return_data, vec![b"-1234567890123".to_vec()]);
    // bigIntNew 2000, bigIntToString 1000 + 100 × 14, mBufferFinish 1000 + 1000 × 14.
    assert_eq!(used(&out), w.call_cost(sc(1)) + 2000 + 2400 + 15_000);
}

#[test]
fn large_products_pay_copy_gas() {
    let w = World::free().contract(1, BIG_INT);
    let out = w.call(1, "bigProduct", &[]);
    assert_ok(&out);
    // (2^63 - 1)^8 has 504 bits: its top bit is set, so two's complement takes 64 bytes.
    let expected = num_bigint::BigInt::from(i64::MAX).pow(8);
    assert_eq!(out.return_data, vec![expected.to_signed_bytes_be()]);
    assert_eq!(out.return_data[0].len(), 64);
    // Mul 6000 × 3; the operands have 63, 126 and 252 bits (at most 31 whole bytes: no
    // copy gas); the result costs BigIntFinishSigned 1000 + PersistPerByte 1000 × 64.
    assert_eq!(
        used(&out),
        w.call_cost(sc(1)) + 2000 + 18_000 + 1000 + 64_000
    );
}

#[test]
fn operands_above_32_bytes_pay_copy_gas() {
    let w = World::free().contract(1, BIG_INT);
    let out = w.call(1, "bigCopy", &[]);
    assert_ok(&out);
    // 2^312 + 2^312 = 2^313: 314 bits, 40 bytes in two's complement.
    let mut expected = vec![0u8; 40];
    expected[0] = 0x02;
    assert_eq!(out.return_data, vec![expected]);
    // SetUnsignedBytes 2000 + 100 × 40; Add 2000 + CopyPerByteForTooBig 1000 × 39 whole
    // bytes (313 bits) for each operand (the new destination is free);
    // BigIntFinishSigned 1000 + PersistPerByte 1000 × 40.
    assert_eq!(
        used(&out),
        w.call_cost(sc(1)) + 6000 + 2000 + 78_000 + 41_000
    );
}

#[test]
fn comparisons_answer_minus_one_zero_or_one() {
    let w = World::free().contract(1, BIG_INT);
    assert_ok(&w.call(1, "compare", &[]));
}

#[test]
fn failures_stop_execution_with_the_production_messages() {
    let w = World::free().contract(1, BIG_INT);
    let cases = [
        ("divByZero", "division by 0"),
        ("missingOperand", "no bigInt under the given handle"),
        ("negativeSqrt", "bad bounds (lower)"),
        (
            "negativeAnd",
            "bitwise operations only allowed on positive integers",
        ),
        (
            "negativeShift",
            "bitwise shift operations only allowed on positive integers and by a positive amount",
        ),
        ("notInt64", "big int cannot be represented as int64"),
    ];
    for (function, message) in cases {
        let out = w.call(1, function, &[]);
        assert_failed(&out, ReturnCode::ExecutionFailed, message);
    }
}

#[test]
fn huge_results_are_charged_before_they_are_computed() {
    let w = World::free().contract(1, BIG_INT);
    for function in ["hugePow", "hugeShift"] {
        let out = w.call(1, function, &[]);
        assert_failed(&out, ReturnCode::OutOfGas, "not enough gas");
    }
}

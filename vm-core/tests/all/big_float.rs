//! Big-float hooks from a contract: iterated powers, Go's `Pow10`, the floor/ceil rule,
//! encodings in and out of managed buffers, failures, and exact gas under schedule v4.

use blockchain_hooks::ReturnCode;

use crate::harness::*;

const BIG_FLOAT: &str = r#"
(module
  (import "env" "bigFloatNewFromFrac" (func $frac (param i64 i64) (result i32)))
  (import "env" "bigFloatNewFromParts" (func $parts (param i32 i32 i32) (result i32)))
  (import "env" "bigFloatNewFromSci" (func $sci (param i64 i64) (result i32)))
  (import "env" "bigFloatAdd" (func $add (param i32 i32 i32)))
  (import "env" "bigFloatSub" (func $sub (param i32 i32 i32)))
  (import "env" "bigFloatDiv" (func $div (param i32 i32 i32)))
  (import "env" "bigFloatNeg" (func $neg (param i32 i32)))
  (import "env" "bigFloatPow" (func $pow (param i32 i32 i32)))
  (import "env" "bigFloatFloor" (func $floor (param i32 i32)))
  (import "env" "bigFloatCeil" (func $ceil (param i32 i32)))
  (import "env" "bigFloatSetInt64" (func $set_i64 (param i32 i64)))
  (import "env" "mBufferFromBigFloat" (func $to_buf (param i32 i32) (result i32)))
  (import "env" "mBufferToBigFloat" (func $from_buf (param i32 i32) (result i32)))
  (import "env" "mBufferNewFromBytes" (func $mb_new (param i32 i32) (result i32)))
  (import "env" "mBufferFinish" (func $mb_finish (param i32) (result i32)))
  (import "env" "bigIntFinishSigned" (func $finish_signed (param i32)))
  (memory (export "memory") 1)
  ;; -3853625, encoded.
  (data (i32.const 0) "\01\0b\00\00\00\35\00\00\00\16\eb\34\e4\00\00\00\00\00")
  (func $finish_float (param $handle i32)
    (drop (call $to_buf (i32.const 100) (local.get $handle)))
    (drop (call $mb_finish (i32.const 100))))
  (func (export "powEleven")
    (drop (call $frac (i64.const 11) (i64.const 10)))
    (call $pow (i32.const 1) (i32.const 0) (i32.const 10))
    (call $finish_float (i32.const 1)))
  (func (export "sciQuirk")
    (call $finish_float (call $sci (i64.const 1) (i64.const -23))))
  (func (export "floorCeil")
    (call $floor (i32.const 0) (call $frac (i64.const -1) (i64.const 2)))
    (call $ceil (i32.const 1) (call $frac (i64.const 1) (i64.const 2)))
    (call $floor (i32.const 2) (call $frac (i64.const -3) (i64.const 2)))
    (call $finish_signed (i32.const 0))
    (call $finish_signed (i32.const 1))
    (call $finish_signed (i32.const 2)))
  (func (export "roundTrip")
    (drop (call $from_buf (call $mb_new (i32.const 0) (i32.const 18)) (i32.const 7)))
    (call $add (i32.const 8) (i32.const 7) (i32.const 7))
    (call $finish_float (i32.const 8)))
  (func (export "subtract")
    (call $sub (i32.const 9) (call $frac (i64.const 1) (i64.const 2)) (call $frac (i64.const 3) (i64.const 4)))
    (call $finish_float (i32.const 9)))
  (func (export "negativeZero")
    (call $neg (i32.const 3) (call $parts (i32.const 0) (i32.const 0) (i32.const -3)))
    (call $finish_float (i32.const 3)))
  (func (export "divByZero")
    (call $div (i32.const 2) (call $frac (i64.const 1) (i64.const 1)) (call $frac (i64.const 0) (i64.const 1))))
  (func (export "zeroByZero")
    (call $div (i32.const 2) (call $frac (i64.const 0) (i64.const 1)) (call $frac (i64.const 0) (i64.const 1))))
  (func (export "inexactRefused")
    (call $set_i64 (i32.const 0) (i64.const 0x20000000000001))
    (drop (call $to_buf (i32.const 1) (i32.const 0)))
    (drop (call $from_buf (i32.const 1) (i32.const 2))))
  (func (export "positiveExponent")
    (drop (call $parts (i32.const 1) (i32.const 1) (i32.const 1))))
  (func (export "missing")
    (call $neg (i32.const 0) (i32.const 5)))
  (func (export "powOverflow")
    ;; 10^18 has 60 bits: its 1200th power would need about 72000.
    (drop (call $frac (i64.const 1000000000000000000) (i64.const 1)))
    (call $pow (i32.const 1) (i32.const 0) (i32.const 1200))))
"#;

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

/// `mBufferFromBigFloat` 2000 + 100 × bytes, `mBufferFinish` 1000 + 1000 × bytes.
fn finish_float_gas(bytes: u64) -> u64 {
    2000 + 100 * bytes + 1000 + 1000 * bytes
}

#[test]
fn iterated_power_and_its_gas() {
    let w = World::free().contract(1, BIG_FLOAT);
    let out = w.call(1, "powEleven", &[]);
    assert_ok(&out);
    // 1.1^10 by ten rounded products: 2.5937424601000023 (0x4004BFFC0C03023E).
    let expected = unhex("010a0000003500000002a5ffe0601811f000");
    assert_eq!(out.return_data, vec![expected]);
    // NewFromFrac 3000; Pow 10000 + 10 × 10000 + 1000 × ⌊10 × bitlen(1 + 1) / 8⌋ = 2 bytes.
    let pow = 10_000 + 100_000 + 2000;
    assert_eq!(
        used(&out),
        w.call_cost(sc(1)) + 3000 + pow + finish_float_gas(18)
    );
}

#[test]
fn new_from_sci_uses_go_pow10() {
    let w = World::free().contract(1, BIG_FLOAT);
    let out = w.call(1, "sciQuirk", &[]);
    assert_ok(&out);
    // 1 / 1e23 in doubles (0x3B282DB34012B252), not the double nearest 1e-23 (…B251).
    let expected = unhex("010a00000035ffffffb4c16d9a0095929000");
    assert_eq!(out.return_data, vec![expected]);
    assert_eq!(used(&out), w.call_cost(sc(1)) + 3000 + finish_float_gas(18));
}

#[test]
fn floor_and_ceil_keep_the_production_rule() {
    let w = World::free().contract(1, BIG_FLOAT);
    let out = w.call(1, "floorCeil", &[]);
    assert_ok(&out);
    // floor(-0.5) = 0 and ceil(0.5) = 0 (the adjustment needs a nonzero truncation);
    // floor(-1.5) = -2.
    assert_eq!(out.return_data, vec![vec![], vec![], vec![0xfe]]);
    // 3 × (NewFromFrac 3000 + Floor/Ceil 5000), BigIntFinishSigned 1000 + 1000 per byte.
    assert_eq!(used(&out), w.call_cost(sc(1)) + 24_000 + 3000 + 1000);
}

#[test]
fn buffers_round_trip() {
    let w = World::free().contract(1, BIG_FLOAT);
    let out = w.call(1, "roundTrip", &[]);
    assert_ok(&out);
    // -3853625 × 2: the same mantissa, exponent 23.
    let expected = unhex("010b0000003500000017eb34e40000000000");
    assert_eq!(out.return_data, vec![expected]);
    // MBufferNewFromBytes 2000, MBufferToBigFloat 2000 + 100 × 18, Add 7000.
    let gas = 2000 + 3800 + 7000 + finish_float_gas(18);
    assert_eq!(used(&out), w.call_cost(sc(1)) + gas);
    // -(+0) is -0, which encodes (but never decodes) as flags 0x09.
    let out = w.call(1, "negativeZero", &[]);
    assert_ok(&out);
    assert_eq!(out.return_data, vec![unhex("010900000035")]);
    // NewFromParts 3000, Neg 5000, a 6-byte encoding.
    assert_eq!(used(&out), w.call_cost(sc(1)) + 8000 + finish_float_gas(6));
}

#[test]
fn failures_use_all_gas_with_the_production_messages() {
    let w = World::free().contract(1, BIG_FLOAT);
    let failed = ReturnCode::ExecutionFailed;
    let cases = [
        ("divByZero", "infinity operations are not allowed"),
        ("zeroByZero", "all operands are equal to 0"),
        ("inexactRefused", "precision of the big float must be 53"),
        ("positiveExponent", "exponent must be negative"),
        ("missing", "no bigFloat under the given handle"),
        ("powOverflow", "exponent is either too small or too big"),
    ];
    for (function, message) in cases {
        assert_failed(&w.call(1, function, &[]), failed, message);
    }
}

#[test]
fn subtraction_is_exact_and_signed() {
    let w = World::new(free_opcodes()).contract(1, BIG_FLOAT);
    let out = w.call(1, "subtract", &[]);
    assert_ok(&out);
    // 1/2 − 3/4 = −0.25 = −0.5 × 2^−1: negative and finite, exponent −1, mantissa 1000….
    assert_eq!(
        out.return_data,
        vec![unhex("010b00000035ffffffff8000000000000000")]
    );
}

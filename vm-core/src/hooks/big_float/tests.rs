//! The big-float hooks on a [`Context`] over a
//! [`MemoryInstance`](crate::testing::MemoryInstance), gas schedule v4 (`BigFloatAdd` 7000,
//! `BigFloatNewFromParts` 3000, `BigFloatPow` 10000 + 10000 per iteration,
//! `CopyPerByteForTooBig` 1000, `DataCopyPerByte` 100, …).

use executor_api::{EarlyExit, ReturnCode};
use num_bigint::BigInt;

use super::*;
use crate::errors;
use crate::managed::test_env::{TestEnv, big, instance};
use crate::testing::MemoryInstance;

fn assert_failed(result: Result<impl std::fmt::Debug, EarlyExit>, message: &str) {
    let err = result.expect_err("the hook should stop execution");
    assert_eq!(err.code, ReturnCode::ExecutionFailed, "{err}");
    assert_eq!(err.message, message);
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Vec<u8> {
    let text: String = text.split_whitespace().collect();
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

/// The encoding of the big float under `handle`, through `mBufferFromBigFloat`.
fn encoded(ctx: &mut Context<'_>, inst: &mut MemoryInstance, handle: i32) -> String {
    mbuffer_from_big_float(ctx, inst, 1000, handle).unwrap();
    hex(ctx.managed().buffer(1000).unwrap())
}

/// Decodes `text` into the big float under `handle`, through `mBufferToBigFloat`.
fn decode(
    ctx: &mut Context<'_>,
    inst: &mut MemoryInstance,
    text: &str,
    handle: i32,
) -> Result<i32, EarlyExit> {
    ctx.managed().set_buffer(1001, unhex(text));
    mbuffer_to_big_float(ctx, inst, 1001, handle)
}

/// The gas `f` uses.
fn gas_of<T>(inst: &mut MemoryInstance, f: impl FnOnce(&mut MemoryInstance) -> T) -> (T, u64) {
    let before = inst.gas_used;
    let out = f(inst);
    (out, inst.gas_used - before)
}

#[test]
fn new_from_parts_frac_and_sci() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(10_000_000);
    let (h, gas) = gas_of(&mut inst, |i| {
        big_float_new_from_parts(&mut ctx, i, 1, 5, -1)
    });
    assert_eq!((h.unwrap(), gas), (0, 3000));
    // 1.5 = 0.75 × 2^1; -1.5; -0.5 from a negative fraction; -1 - (-0.5) = -0.5.
    assert_eq!(
        encoded(&mut ctx, &mut inst, 0),
        "010a0000003500000001c000000000000000"
    );
    let h = big_float_new_from_parts(&mut ctx, &mut inst, -1, 5, -1).unwrap();
    assert_eq!(
        encoded(&mut ctx, &mut inst, h),
        "010b0000003500000001c000000000000000"
    );
    let h = big_float_new_from_parts(&mut ctx, &mut inst, 0, -5, -1).unwrap();
    assert_eq!(
        encoded(&mut ctx, &mut inst, h),
        "010b00000035000000008000000000000000"
    );
    let h = big_float_new_from_parts(&mut ctx, &mut inst, -1, -5, -1).unwrap();
    assert_eq!(
        encoded(&mut ctx, &mut inst, h),
        "010b00000035000000008000000000000000"
    );
    // Below -322 the fraction is dropped; 0 and 0 give +0.
    let h = big_float_new_from_parts(&mut ctx, &mut inst, 7, 5, -323).unwrap();
    assert_eq!(
        encoded(&mut ctx, &mut inst, h),
        "010a0000003500000003e000000000000000"
    );
    let h = big_float_new_from_parts(&mut ctx, &mut inst, 0, 0, -5).unwrap();
    assert_eq!(encoded(&mut ctx, &mut inst, h), "010800000035");
    let positive = big_float_new_from_parts(&mut ctx, &mut inst, 1, 1, 1);
    assert_failed(positive, EXPONENT_MUST_BE_NEGATIVE);

    // 0 / -1 is -0; 1 / 3; a zero denominator.
    let (h, gas) = gas_of(&mut inst, |i| big_float_new_from_frac(&mut ctx, i, 0, -1));
    assert_eq!(gas, 3000);
    assert_eq!(encoded(&mut ctx, &mut inst, h.unwrap()), "010900000035");
    let h = big_float_new_from_frac(&mut ctx, &mut inst, 1, 3).unwrap();
    assert_eq!(
        encoded(&mut ctx, &mut inst, h),
        "010a00000035ffffffffaaaaaaaaaaaaa800"
    );
    assert_failed(
        big_float_new_from_frac(&mut ctx, &mut inst, 1, 0),
        errors::DIVISION_BY_ZERO,
    );

    // -3853625 × 10^0; 5 × 10^-400 is +0; a positive exponent.
    let (h, gas) = gas_of(&mut inst, |i| {
        big_float_new_from_sci(&mut ctx, i, -3_853_625, 0)
    });
    assert_eq!(gas, 3000);
    let h = h.unwrap();
    assert_eq!(
        encoded(&mut ctx, &mut inst, h),
        "010b0000003500000016eb34e40000000000"
    );
    let h = big_float_new_from_sci(&mut ctx, &mut inst, 5, -400).unwrap();
    assert_eq!(encoded(&mut ctx, &mut inst, h), "010800000035");
    assert_failed(
        big_float_new_from_sci(&mut ctx, &mut inst, 5, 2),
        EXPONENT_MUST_BE_NEGATIVE,
    );
}

#[test]
fn pow10_quirk_shows_in_new_from_sci() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(10_000_000);
    // Go's Pow10(-23) is 1 / 1e23 in doubles (1e23 itself inexact): 0x3B282DB34012B252, one
    // unit above the double nearest 1e-23 (…B251).
    let h = big_float_new_from_sci(&mut ctx, &mut inst, 1, -23).unwrap();
    assert_eq!(
        encoded(&mut ctx, &mut inst, h),
        "010a00000035ffffffb4c16d9a0095929000"
    );
    // 1e-22 = 1 / 1e22 exactly rounded: the nearest double, 0x3B5E392010175EE6.
    let h = big_float_new_from_sci(&mut ctx, &mut inst, 1, -22).unwrap();
    assert_eq!(
        encoded(&mut ctx, &mut inst, h),
        "010a00000035ffffffb7f1c90080baf73000"
    );
}

#[test]
fn arithmetic_gas_results_and_failures() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(10_000_000);
    let seven = big_float_new_from_frac(&mut ctx, &mut inst, 7, 1).unwrap();
    let two = big_float_new_from_frac(&mut ctx, &mut inst, 2, 1).unwrap();
    type Binary =
        fn(&mut Context<'_>, &mut dyn InstanceAccess, i32, i32, i32) -> Result<(), EarlyExit>;
    // 9 = 0.5625 × 2^4, 5 = 0.625 × 2^3, 14 = 0.875 × 2^4, 3.5 = 0.875 × 2^2.
    let cases: [(Binary, &str); 4] = [
        (big_float_add, "010a00000035000000049000000000000000"),
        (big_float_sub, "010a0000003500000003a000000000000000"),
        (big_float_mul, "010a0000003500000004e000000000000000"),
        (big_float_div, "010a0000003500000002e000000000000000"),
    ];
    for (hook, expected) in cases {
        let (result, gas) = gas_of(&mut inst, |i| hook(&mut ctx, i, 10, seven, two));
        result.unwrap();
        assert_eq!(gas, 7000);
        assert_eq!(encoded(&mut ctx, &mut inst, 10), expected);
    }
    let zero = big_float_new_from_frac(&mut ctx, &mut inst, 0, 1).unwrap();
    assert_failed(
        big_float_div(&mut ctx, &mut inst, 10, zero, zero),
        ALL_OPERANDS_ZERO,
    );
    assert_failed(
        big_float_div(&mut ctx, &mut inst, 10, seven, zero),
        INFINITY_OPERATIONS,
    );
    assert_failed(
        big_float_add(&mut ctx, &mut inst, 10, seven, 99),
        NO_BIG_FLOAT_UNDER_HANDLE,
    );
    assert_failed(
        big_float_cmp(&mut ctx, &mut inst, 99, seven),
        NO_BIG_FLOAT_UNDER_HANDLE,
    );
    // Comparison, sign (charged as bigFloatAbs), integer test.
    let (cmp, gas) = gas_of(&mut inst, |i| big_float_cmp(&mut ctx, i, two, seven));
    assert_eq!((cmp.unwrap(), gas), (-1, 4000));
    let minus_zero = big_float_new_from_frac(&mut ctx, &mut inst, 0, -1).unwrap();
    assert_eq!(
        big_float_cmp(&mut ctx, &mut inst, minus_zero, zero).unwrap(),
        0
    );
    let (sign, gas) = gas_of(&mut inst, |i| big_float_sign(&mut ctx, i, minus_zero));
    assert_eq!((sign.unwrap(), gas), (0, 5000));
    let (is_int, gas) = gas_of(&mut inst, |i| big_float_is_int(&mut ctx, i, seven));
    assert_eq!((is_int.unwrap(), gas), (1, 3000));
    big_float_div(&mut ctx, &mut inst, 11, seven, two).unwrap();
    assert_eq!(big_float_is_int(&mut ctx, &mut inst, 11).unwrap(), 0);
}

#[test]
fn neg_abs_clone_sqrt_and_constants() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(10_000_000);
    let zero = big_float_new_from_frac(&mut ctx, &mut inst, 0, 1).unwrap();
    let (r, gas) = gas_of(&mut inst, |i| big_float_neg(&mut ctx, i, 20, zero));
    r.unwrap();
    assert_eq!(gas, 5000);
    assert_eq!(encoded(&mut ctx, &mut inst, 20), "010900000035");
    big_float_abs(&mut ctx, &mut inst, 21, 20).unwrap();
    assert_eq!(encoded(&mut ctx, &mut inst, 21), "010800000035");
    // The destination is created before the operand is looked up.
    assert_failed(
        big_float_neg(&mut ctx, &mut inst, 22, 99),
        NO_BIG_FLOAT_UNDER_HANDLE,
    );
    assert!(ctx.managed().big_floats.contains(22));
    // √2 = 0x3FF6A09E667F3BCD; √-0 = -0; a negative operand.
    let two = big_float_new_from_frac(&mut ctx, &mut inst, 2, 1).unwrap();
    let (r, gas) = gas_of(&mut inst, |i| big_float_sqrt(&mut ctx, i, 23, two));
    r.unwrap();
    assert_eq!(gas, 7000);
    assert_eq!(
        encoded(&mut ctx, &mut inst, 23),
        "010a0000003500000001b504f333f9de6800"
    );
    big_float_sqrt(&mut ctx, &mut inst, 24, 20).unwrap();
    assert_eq!(encoded(&mut ctx, &mut inst, 24), "010900000035");
    let minus = big_float_new_from_frac(&mut ctx, &mut inst, -2, 1).unwrap();
    assert_failed(
        big_float_sqrt(&mut ctx, &mut inst, 25, minus),
        errors::BAD_BOUNDS_LOWER,
    );
    // π and e, 1000 each.
    let (r, gas) = gas_of(&mut inst, |i| big_float_get_const_pi(&mut ctx, i, 26));
    r.unwrap();
    assert_eq!(gas, 1000);
    assert_eq!(
        encoded(&mut ctx, &mut inst, 26),
        "010a0000003500000002c90fdaa22168c000"
    );
    big_float_get_const_e(&mut ctx, &mut inst, 27).unwrap();
    assert_eq!(
        encoded(&mut ctx, &mut inst, 27),
        "010a0000003500000002adf85458a2bb4800"
    );
}

#[test]
fn set_int64_keeps_its_accuracy_which_decoding_refuses() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(10_000_000);
    let (r, gas) = gas_of(&mut inst, |i| {
        big_float_set_int64(&mut ctx, i, 1, (1 << 53) + 1)
    });
    r.unwrap();
    assert_eq!(gas, 1000);
    let below = encoded(&mut ctx, &mut inst, 1);
    assert_eq!(below, "010200000035000000368000000000000000");
    // Clone keeps it, Neg does not.
    big_float_clone(&mut ctx, &mut inst, 2, 1).unwrap();
    assert_eq!(encoded(&mut ctx, &mut inst, 2), below);
    big_float_neg(&mut ctx, &mut inst, 3, 1).unwrap();
    assert_eq!(
        encoded(&mut ctx, &mut inst, 3),
        "010b00000035000000368000000000000000"
    );
    assert_failed(decode(&mut ctx, &mut inst, &below, 4), WRONG_PRECISION);
    big_float_set_int64(&mut ctx, &mut inst, 5, -3_853_625).unwrap();
    assert_eq!(
        encoded(&mut ctx, &mut inst, 5),
        "010b0000003500000016eb34e40000000000"
    );
}

#[test]
fn buffer_conversions_gas_and_refusals() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(10_000_000);
    let text = "010b0000003500000016eb34e40000000000";
    let (r, gas) = gas_of(&mut inst, |i| decode(&mut ctx, i, text, 7));
    assert_eq!((r.unwrap(), gas), (0, 2000 + 18 * 100));
    let (r, gas) = gas_of(&mut inst, |i| mbuffer_from_big_float(&mut ctx, i, 8, 7));
    assert_eq!((r.unwrap(), gas), (0, 2000 + 18 * 100));
    assert_eq!(hex(ctx.managed().buffer(8).unwrap()), text);
    let (r, gas) = gas_of(&mut inst, |i| decode(&mut ctx, i, "010800000035", 9));
    assert_eq!((r.unwrap(), gas), (0, 2000 + 6 * 100));

    for refused in [
        "",
        "010900000035",
        "0108000000350000",
        "010a00000034 00000001 80",
    ] {
        assert_failed(decode(&mut ctx, &mut inst, refused, 9), WRONG_PRECISION);
    }
    for malformed in [
        "010a00000035 000000",
        "010a00000035 00000001 001f1c1a96fe0e2d",
    ] {
        assert_failed(decode(&mut ctx, &mut inst, malformed, 9), DECODE_ERROR);
    }
    // An out-of-range exponent is stored, and refused when read.
    decode(
        &mut ctx,
        &mut inst,
        "010a00000035 00010013 8000000000000000",
        10,
    )
    .unwrap();
    let read_back = mbuffer_from_big_float(&mut ctx, &mut inst, 8, 10);
    assert_failed(read_back, EXPONENT_TOO_BIG_OR_TOO_SMALL);
    // … also as a destination, before the new bytes are decoded.
    assert_failed(
        decode(&mut ctx, &mut inst, "010a00000035 00", 10),
        EXPONENT_TOO_BIG_OR_TOO_SMALL,
    );
    assert_failed(
        big_float_set_int64(&mut ctx, &mut inst, 10, 1),
        EXPONENT_TOO_BIG_OR_TOO_SMALL,
    );
    assert_failed(
        mbuffer_to_big_float(&mut ctx, &mut inst, 77, 9),
        errors::NO_MANAGED_BUFFER_UNDER_HANDLE,
    );
    assert_failed(
        mbuffer_from_big_float(&mut ctx, &mut inst, 8, 77),
        NO_BIG_FLOAT_UNDER_HANDLE,
    );
}

#[test]
fn exponent_limits() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(100_000_000);
    // 2^65024 (exponent 65025) is the largest power of two; 2^65025 is refused.
    ctx.managed().big_ints.set(1, BigInt::from(1) << 65024u32);
    big_float_set_big_int(&mut ctx, &mut inst, 2, 1).unwrap();
    assert_eq!(ctx.managed().big_floats.get(2).unwrap().exponent(), 65025);
    ctx.managed().big_ints.set(3, BigInt::from(1) << 65025u32);
    let before = inst.gas_used;
    let too_big = big_float_set_big_int(&mut ctx, &mut inst, 4, 3);
    assert_failed(too_big, EXPONENT_TOO_BIG_OR_TOO_SMALL);
    // BigFloatSetBigInt + CopyPerByteForTooBig × 8128 bytes.
    assert_eq!(inst.gas_used - before, 3000 + 8128 * 1000);
    // 2^65024 × 2 overflows, 2^65024 / 2 does not; tiny values underflow the same way.
    let two = big_float_new_from_frac(&mut ctx, &mut inst, 2, 1).unwrap();
    assert_failed(
        big_float_mul(&mut ctx, &mut inst, 5, 2, two),
        EXPONENT_TOO_BIG_OR_TOO_SMALL,
    );
    big_float_div(&mut ctx, &mut inst, 5, 2, two).unwrap();
    decode(
        &mut ctx,
        &mut inst,
        "010a00000035 ffff01ff 8000000000000000",
        6,
    )
    .unwrap();
    assert_failed(
        big_float_div(&mut ctx, &mut inst, 7, 6, two),
        EXPONENT_TOO_BIG_OR_TOO_SMALL,
    );
    big_float_mul(&mut ctx, &mut inst, 7, 6, two).unwrap();
    assert!(!ctx.managed().big_floats.contains(100));
}

#[test]
fn floor_ceil_truncate_follow_the_production_quirk() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(10_000_000);
    let mut value =
        |num: i64, den: i64| big_float_new_from_frac(&mut ctx, &mut inst, num, den).unwrap();
    let cases = [
        (value(-1, 2), 0, 0, 0),
        (value(1, 2), 0, 0, 0),
        (value(-3, 2), -2, -1, -1),
        (value(3, 2), 1, 2, 1),
        (value(-4, 1), -4, -4, -4),
    ];
    for (handle, floor, ceil, trunc) in cases {
        let (r, gas) = gas_of(&mut inst, |i| big_float_floor(&mut ctx, i, 1, handle));
        r.unwrap();
        assert_eq!(gas, 5000);
        big_float_ceil(&mut ctx, &mut inst, 2, handle).unwrap();
        big_float_truncate(&mut ctx, &mut inst, 3, handle).unwrap();
        let ints = &ctx.managed().big_ints;
        assert_eq!(ints.get(1), Some(&big(floor)));
        assert_eq!(ints.get(2), Some(&big(ceil)));
        assert_eq!(ints.get(3), Some(&big(trunc)));
    }
    // Copy gas on the destination's old value beyond 32 bytes.
    ctx.managed().big_ints.set(4, BigInt::from(1) << 400u32);
    let (r, gas) = gas_of(&mut inst, |i| {
        big_float_truncate(&mut ctx, i, 4, cases[3].0)
    });
    r.unwrap();
    assert_eq!(gas, 5000 + 50 * 1000);
}

#[test]
fn pow_gas_and_results() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(100_000_000);
    let eleven_tenths = big_float_new_from_frac(&mut ctx, &mut inst, 11, 10).unwrap();
    // trunc(1.1) + 1 = 2: 2 bits; 10 × 2 / 8 = 2 bytes.
    let (r, gas) = gas_of(&mut inst, |i| {
        big_float_pow(&mut ctx, i, 1, eleven_tenths, 10)
    });
    r.unwrap();
    assert_eq!(gas, 10_000 + 10 * 10_000 + 2 * 1000);
    // 2.5937424601000023 = 0x4004BFFC0C03023E.
    assert_eq!(
        encoded(&mut ctx, &mut inst, 1),
        "010a0000003500000002a5ffe0601811f000"
    );
    // A negative exponent: 10000 + MaxUint64 wraps to 9999; ⌊-2/8⌋ = -1 byte charged as 1.
    let (r, gas) = gas_of(&mut inst, |i| {
        big_float_pow(&mut ctx, i, 2, eleven_tenths, -1)
    });
    r.unwrap();
    assert_eq!(gas, 9999 + 1000);
    assert_eq!(
        encoded(&mut ctx, &mut inst, 2),
        "010a00000035000000018000000000000000"
    );
    let big = big_float_new_from_frac(&mut ctx, &mut inst, 1_000_000, 1).unwrap();
    let overflow = big_float_pow(&mut ctx, &mut inst, 3, big, 4000);
    assert_failed(overflow, EXPONENT_TOO_BIG_OR_TOO_SMALL);
    let missing = big_float_pow(&mut ctx, &mut inst, 3, 99, 2);
    assert_failed(missing, NO_BIG_FLOAT_UNDER_HANDLE);
}

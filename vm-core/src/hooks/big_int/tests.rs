//! The big-integer hooks run on a [`Context`] over a [`MemoryInstance`](crate::testing::MemoryInstance),
//! with gas schedule v4 (`BigIntAdd` 2000, `BigIntMul` 6000, `CopyPerByteForTooBig` 1000,
//! `DataCopyPerByte` 100, …).

use executor_api::{EarlyExit, InstanceAccess, ReturnCode};
use num_bigint::BigInt;
use num_traits::One;

use super::*;
use crate::errors;
use crate::managed::test_env::{TestEnv, big, instance};

fn assert_failed(result: Result<impl std::fmt::Debug, EarlyExit>, message: &str) {
    let err = result.expect_err("the hook should stop execution");
    assert_eq!(err.code, ReturnCode::ExecutionFailed, "{err}");
    assert_eq!(err.message, message);
}

fn assert_out_of_gas(result: Result<impl std::fmt::Debug, EarlyExit>) {
    let err = result.expect_err("the hook should run out of gas");
    assert_eq!(err.code, ReturnCode::OutOfGas, "{err}");
}

/// `2^exponent`.
fn two_to(exponent: u32) -> BigInt {
    BigInt::one() << exponent
}

#[test]
fn add_sub_mul_charge_their_base_cost_for_small_values() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(1_000_000);
    ctx.managed().set_big_int(1, big(7));
    ctx.managed().set_big_int(2, big(-3));
    big_int_add(&mut ctx, &mut inst, 3, 1, 2).unwrap();
    assert_eq!(ctx.managed().big_int(3).unwrap(), &big(4));
    assert_eq!(inst.gas_used, 2000);
    big_int_sub(&mut ctx, &mut inst, 3, 1, 2).unwrap();
    assert_eq!(ctx.managed().big_int(3).unwrap(), &big(10));
    big_int_mul(&mut ctx, &mut inst, 3, 3, 2).unwrap();
    assert_eq!(ctx.managed().big_int(3).unwrap(), &big(-30));
    assert_eq!(inst.gas_used, 2000 + 2000 + 6000);
}

#[test]
fn destinations_are_created_before_operands_are_read() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(1_000_000);
    ctx.managed().set_big_int(7, big(5));
    // Handle 4 does not exist: as destination it is created as 0, then read as operand.
    big_int_add(&mut ctx, &mut inst, 4, 4, 7).unwrap();
    assert_eq!(ctx.managed().big_int(4).unwrap(), &big(5));
}

#[test]
fn missing_operands_stop_execution_after_the_base_cost() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(1_000_000);
    ctx.managed().set_big_int(1, big(1));
    let no_big_int = errors::NO_BIG_INT_UNDER_HANDLE;
    assert_failed(big_int_add(&mut ctx, &mut inst, 3, 1, 99), no_big_int);
    assert_eq!(inst.gas_used, 2000);
    assert_failed(big_int_sqrt(&mut ctx, &mut inst, 3, 99), no_big_int);
    assert_failed(big_int_cmp(&mut ctx, &mut inst, 99, 1), no_big_int);
    assert_failed(big_int_sign(&mut ctx, &mut inst, 99), no_big_int);
    assert_failed(big_int_log2(&mut ctx, &mut inst, 99), no_big_int);
    assert_failed(big_int_shl(&mut ctx, &mut inst, 3, 99, 1), no_big_int);
    assert_failed(big_int_and(&mut ctx, &mut inst, 3, 1, 99), no_big_int);
    assert_failed(big_int_is_int64(&mut ctx, &mut inst, 99), no_big_int);
    assert_failed(big_int_to_string(&mut ctx, &mut inst, 99, 1), no_big_int);
    assert_failed(
        big_int_unsigned_byte_length(&mut ctx, &mut inst, 99),
        no_big_int,
    );
}

#[test]
fn truncated_and_euclidean_division() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(10_000_000);
    // (a, b, t-quotient, t-remainder, e-quotient, e-remainder)
    let cases = [
        (7, 2, 3, 1, 3, 1),
        (-7, 2, -3, -1, -4, 1),
        (7, -2, -3, 1, -3, 1),
        (-7, -2, 3, -1, 4, 1),
    ];
    for (a, b, tq, tr, eq, er) in cases {
        ctx.managed().set_big_int(1, big(a));
        ctx.managed().set_big_int(2, big(b));
        big_int_t_div(&mut ctx, &mut inst, 3, 1, 2).unwrap();
        big_int_t_mod(&mut ctx, &mut inst, 4, 1, 2).unwrap();
        big_int_e_div(&mut ctx, &mut inst, 5, 1, 2).unwrap();
        big_int_e_mod(&mut ctx, &mut inst, 6, 1, 2).unwrap();
        let got: Vec<BigInt> = (3..=6)
            .map(|h| ctx.managed().big_int(h).unwrap().clone())
            .collect();
        assert_eq!(got, vec![big(tq), big(tr), big(eq), big(er)], "{a} / {b}");
    }
    ctx.managed().set_big_int(2, big(0));
    let by_zero = errors::DIVISION_BY_ZERO;
    assert_failed(big_int_t_div(&mut ctx, &mut inst, 3, 1, 2), by_zero);
    assert_failed(big_int_t_mod(&mut ctx, &mut inst, 3, 1, 2), by_zero);
    assert_failed(big_int_e_div(&mut ctx, &mut inst, 3, 1, 2), by_zero);
    assert_failed(big_int_e_mod(&mut ctx, &mut inst, 3, 1, 2), by_zero);
}

#[test]
fn sqrt_log2_abs_neg_sign_cmp() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(10_000_000);
    ctx.managed().set_big_int(1, big(99));
    big_int_sqrt(&mut ctx, &mut inst, 2, 1).unwrap();
    assert_eq!(ctx.managed().big_int(2).unwrap(), &big(9));
    assert_eq!(big_int_log2(&mut ctx, &mut inst, 1).unwrap(), 6);
    ctx.managed().set_big_int(1, big(0));
    assert_eq!(big_int_log2(&mut ctx, &mut inst, 1).unwrap(), -1);
    assert_eq!(big_int_sign(&mut ctx, &mut inst, 1).unwrap(), 0);
    ctx.managed().set_big_int(1, big(-16));
    assert_failed(
        big_int_sqrt(&mut ctx, &mut inst, 2, 1),
        errors::BAD_BOUNDS_LOWER,
    );
    assert_failed(
        big_int_log2(&mut ctx, &mut inst, 1),
        errors::BAD_BOUNDS_LOWER,
    );
    assert_eq!(big_int_sign(&mut ctx, &mut inst, 1).unwrap(), -1);
    big_int_abs(&mut ctx, &mut inst, 2, 1).unwrap();
    assert_eq!(ctx.managed().big_int(2).unwrap(), &big(16));
    big_int_neg(&mut ctx, &mut inst, 2, 2).unwrap();
    assert_eq!(ctx.managed().big_int(2).unwrap(), &big(-16));
    ctx.managed().set_big_int(3, big(5));
    assert_eq!(big_int_cmp(&mut ctx, &mut inst, 1, 3).unwrap(), -1);
    assert_eq!(big_int_cmp(&mut ctx, &mut inst, 3, 1).unwrap(), 1);
    assert_eq!(big_int_cmp(&mut ctx, &mut inst, 1, 2).unwrap(), 0);
    assert_eq!(big_int_sign(&mut ctx, &mut inst, 3).unwrap(), 1);
}

#[test]
fn pow_charges_the_estimated_result_size_first() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(10_000_000);
    ctx.managed().set_big_int(1, big(2));
    ctx.managed().set_big_int(2, big(100));
    big_int_pow(&mut ctx, &mut inst, 3, 1, 2).unwrap();
    assert_eq!(ctx.managed().big_int(3).unwrap(), &two_to(100));
    // BigIntPow 6000 + CopyPerByteForTooBig × ⌊100 × bitlen(2) / 8⌋ = 25 bytes.
    assert_eq!(inst.gas_used, 6000 + 25 * 1000);

    let cases = [
        (-2, 3, -8),
        (-1, 7, -1),
        (-1, 8, 1),
        (0, 0, 1),
        (0, 5, 0),
        (1, 9, 1),
        (7, 0, 1),
    ];
    for (a, b, expected) in cases {
        ctx.managed().set_big_int(1, big(a));
        ctx.managed().set_big_int(2, big(b));
        big_int_pow(&mut ctx, &mut inst, 3, 1, 2).unwrap();
        assert_eq!(ctx.managed().big_int(3).unwrap(), &big(expected), "{a}^{b}");
    }
    ctx.managed().set_big_int(1, big(3));
    ctx.managed().set_big_int(2, big(-1));
    assert_failed(
        big_int_pow(&mut ctx, &mut inst, 3, 1, 2),
        errors::BAD_BOUNDS_LOWER,
    );
}

#[test]
fn huge_powers_run_out_of_gas_or_hit_the_size_limit() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    ctx.managed().set_big_int(1, big(3));
    ctx.managed().set_big_int(2, two_to(40));
    let mut inst = instance(1_000_000_000);
    assert_out_of_gas(big_int_pow(&mut ctx, &mut inst, 3, 1, 2));
    assert_eq!(inst.gas_left(), 0);
    // With (absurdly) enough gas, this VM refuses to build a value of terabytes.
    let mut inst = instance(u64::MAX);
    assert_failed(
        big_int_pow(&mut ctx, &mut inst, 3, 1, 2),
        errors::BIG_INT_TOO_LARGE,
    );
    // A huge negative exponent: the production VM charges the size's magnitude first.
    ctx.managed().set_big_int(2, -two_to(60));
    let mut inst = instance(1_000_000_000);
    assert_out_of_gas(big_int_pow(&mut ctx, &mut inst, 3, 1, 2));
    ctx.managed().set_big_int(2, big(-8));
    let mut inst = instance(1_000_000_000);
    assert_failed(
        big_int_pow(&mut ctx, &mut inst, 3, 1, 2),
        errors::BAD_BOUNDS_LOWER,
    );
    assert_eq!(inst.gas_used, 6000 + 2 * 1000);
}

#[test]
fn copy_gas_counts_whole_bytes_above_32() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(10_000_000);
    ctx.managed().set_big_int(1, two_to(256)); // 257 bits: 32 whole bytes, free
    ctx.managed().set_big_int(2, big(1));
    big_int_add(&mut ctx, &mut inst, 3, 1, 2).unwrap();
    assert_eq!(inst.gas_used, 2000);
    ctx.managed().set_big_int(1, two_to(263)); // 264 bits: 33 bytes
    big_int_add(&mut ctx, &mut inst, 4, 1, 2).unwrap();
    assert_eq!(inst.gas_used, 2000 + 2000 + 33_000);
    // Now the destination is big too, and is charged for its value before the operation.
    big_int_add(&mut ctx, &mut inst, 4, 1, 2).unwrap();
    assert_eq!(inst.gas_used, 4000 + 33_000 + 2000 + 2 * 33_000);
}

#[test]
fn bitwise_operations_refuse_negative_operands() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(10_000_000);
    ctx.managed().set_big_int(1, big(0b1100));
    ctx.managed().set_big_int(2, big(0b1010));
    big_int_and(&mut ctx, &mut inst, 3, 1, 2).unwrap();
    big_int_or(&mut ctx, &mut inst, 4, 1, 2).unwrap();
    big_int_xor(&mut ctx, &mut inst, 5, 1, 2).unwrap();
    big_int_not(&mut ctx, &mut inst, 6, 1).unwrap();
    let got: Vec<BigInt> = (3..=6)
        .map(|h| ctx.managed().big_int(h).unwrap().clone())
        .collect();
    assert_eq!(got, vec![big(0b1000), big(0b1110), big(0b0110), big(-13)]);
    ctx.managed().set_big_int(2, big(-1));
    let negative = errors::BITWISE_NEGATIVE;
    assert_failed(big_int_and(&mut ctx, &mut inst, 3, 1, 2), negative);
    assert_failed(big_int_or(&mut ctx, &mut inst, 3, 2, 1), negative);
    assert_failed(big_int_xor(&mut ctx, &mut inst, 3, 2, 2), negative);
    assert_failed(big_int_not(&mut ctx, &mut inst, 3, 2), negative);
}

#[test]
fn shifts() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(10_000_000);
    ctx.managed().set_big_int(1, big(1));
    big_int_shl(&mut ctx, &mut inst, 2, 1, 8).unwrap();
    assert_eq!(ctx.managed().big_int(2).unwrap(), &big(256));
    // BigIntShl 2000 + CopyPerByteForTooBig × ⌊(2 × 1 + 8) / 8⌋.
    assert_eq!(inst.gas_used, 2000 + 1000);
    big_int_shr(&mut ctx, &mut inst, 3, 2, 4).unwrap();
    assert_eq!(ctx.managed().big_int(3).unwrap(), &big(16));
    big_int_shr(&mut ctx, &mut inst, 3, 2, i32::MAX).unwrap();
    assert_eq!(ctx.managed().big_int(3).unwrap(), &big(0));
    let negative = errors::SHIFT_NEGATIVE;
    assert_failed(big_int_shl(&mut ctx, &mut inst, 3, 1, -1), negative);
    assert_failed(big_int_shr(&mut ctx, &mut inst, 3, 1, -1), negative);
    ctx.managed().set_big_int(4, big(-4));
    assert_failed(big_int_shl(&mut ctx, &mut inst, 3, 4, 1), negative);
    assert_failed(big_int_shr(&mut ctx, &mut inst, 3, 4, 1), negative);
}

#[test]
fn huge_shifts_are_paid_first_and_bounded() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    ctx.managed().set_big_int(1, big(1));
    let mut inst = instance(1_000_000_000);
    assert_out_of_gas(big_int_shl(&mut ctx, &mut inst, 2, 1, i32::MAX));
    let mut inst = instance(u64::MAX);
    assert_failed(
        big_int_shl(&mut ctx, &mut inst, 2, 1, i32::MAX),
        errors::BIG_INT_TOO_LARGE,
    );
    // Zero shifted stays zero, whatever the amount (still paid for).
    ctx.managed().set_big_int(1, big(0));
    let mut inst = instance(u64::MAX);
    big_int_shl(&mut ctx, &mut inst, 2, 1, i32::MAX).unwrap();
    assert_eq!(ctx.managed().big_int(2).unwrap(), &big(0));
    assert_eq!(inst.gas_used, 2000 + (i32::MAX as u64 / 8) * 1000);
}

#[test]
fn bytes_in_and_out_of_memory() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(10_000_000);
    inst.memory[10..12].copy_from_slice(&[0xff, 0x7f]);
    big_int_set_signed_bytes(&mut ctx, &mut inst, 1, 10, 2).unwrap();
    assert_eq!(ctx.managed().big_int(1).unwrap(), &big(-129));
    assert_eq!(inst.gas_used, 2000 + 2 * 100);
    big_int_set_unsigned_bytes(&mut ctx, &mut inst, 2, 10, 2).unwrap();
    assert_eq!(ctx.managed().big_int(2).unwrap(), &big(0xff7f));
    assert_eq!(
        big_int_signed_byte_length(&mut ctx, &mut inst, 1).unwrap(),
        2
    );
    assert_eq!(
        big_int_unsigned_byte_length(&mut ctx, &mut inst, 1).unwrap(),
        1
    );
    assert_eq!(
        big_int_signed_byte_length(&mut ctx, &mut inst, 2).unwrap(),
        3
    );

    let before = inst.gas_used;
    assert_eq!(
        big_int_get_signed_bytes(&mut ctx, &mut inst, 2, 100).unwrap(),
        3
    );
    assert_eq!(&inst.memory[100..103], &[0x00, 0xff, 0x7f]);
    assert_eq!(inst.gas_used - before, 2000 + 3 * 100);
    assert_eq!(
        big_int_get_unsigned_bytes(&mut ctx, &mut inst, 1, 200).unwrap(),
        1
    );
    assert_eq!(inst.memory[200], 0x81);

    let store = big_int_get_signed_bytes(&mut ctx, &mut inst, 2, 1023);
    assert_failed(store, executor_api::messages::MEM_STORE_BAD_BOUNDS);
    let load = big_int_set_unsigned_bytes(&mut ctx, &mut inst, 2, 1020, 8);
    assert_failed(load, executor_api::messages::MEM_LOAD_BAD_BOUNDS);
    assert!(big_int_set_unsigned_bytes(&mut ctx, &mut inst, 2, 0, -1).is_err());
}

#[test]
fn int64_conversions() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(10_000_000);
    let handle = big_int_new(&mut ctx, &mut inst, -42).unwrap();
    assert_eq!(big_int_get_int64(&mut ctx, &mut inst, handle).unwrap(), -42);
    assert_eq!(big_int_is_int64(&mut ctx, &mut inst, handle).unwrap(), 1);
    // A missing handle reads 0 (and is created), as in the production VM.
    assert_eq!(big_int_get_int64(&mut ctx, &mut inst, 77).unwrap(), 0);
    assert_eq!(ctx.managed().big_int(77).unwrap(), &big(0));
    big_int_set_int64(&mut ctx, &mut inst, 78, i64::MIN).unwrap();
    assert_eq!(
        big_int_get_int64(&mut ctx, &mut inst, 78).unwrap(),
        i64::MIN
    );
    ctx.managed().set_big_int(79, BigInt::from(i64::MAX) + 1);
    assert_eq!(big_int_is_int64(&mut ctx, &mut inst, 79).unwrap(), 0);
    assert_failed(
        big_int_get_int64(&mut ctx, &mut inst, 79),
        errors::BIG_INT_NOT_INT64,
    );
    assert_eq!(big_int_new(&mut ctx, &mut inst, 1).unwrap(), handle + 4);
}

#[test]
fn to_string_writes_decimal_text_into_a_buffer() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(10_000_000);
    ctx.managed().set_big_int(1, big(-12345));
    big_int_to_string(&mut ctx, &mut inst, 1, 5).unwrap();
    assert_eq!(ctx.managed().buffer(5).unwrap(), b"-12345");
    // BigIntFinishSigned 1000 + DataCopyPerByte × 6 characters.
    assert_eq!(inst.gas_used, 1000 + 6 * 100);
    ctx.managed().set_big_int(1, big(0));
    big_int_to_string(&mut ctx, &mut inst, 1, 5).unwrap();
    assert_eq!(ctx.managed().buffer(5).unwrap(), b"0");

    ctx.managed().set_big_int(1, two_to(100_000));
    let mut inst = instance(1_000_000);
    assert_out_of_gas(big_int_to_string(&mut ctx, &mut inst, 1, 5));

    ctx.managed().set_big_int(1, two_to(8 * (5 << 19)));
    let mut inst = instance(u64::MAX);
    let too_large = big_int_to_string(&mut ctx, &mut inst, 1, 5);
    assert_failed(too_large, errors::BIG_INT_TOO_LARGE);
}

#[test]
fn sqrt_refuses_operands_beyond_any_transaction_gas() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    ctx.managed().set_big_int(1, two_to(8 << 20));
    let mut inst = instance(u64::MAX);
    assert_failed(
        big_int_sqrt(&mut ctx, &mut inst, 2, 1),
        errors::BIG_INT_TOO_LARGE,
    );
    // BigIntSqrt 6000 + the operand's copy gas, 1000 × 2^20 whole bytes; the new
    // destination is free.
    assert_eq!(inst.gas_used, 6000 + 1000 * (1 << 20));
}

//! Arithmetic and comparison of big integers (the production VM's `bigIntOps.go`).
//!
//! Every hook charges its `BigIntAPICost` first; a destination handle is created (as zero)
//! before the operands are looked up, so `bigIntAdd(h, h, x)` with a missing `h` reads `h`
//! as zero, as in the production VM.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, Zero};

use super::gas::{charge_big_int_bytes, charge_big_int_copy};
use crate::errors::{self, failed};
use crate::hooks::prelude::*;
use crate::managed::{check_big_int_bits, check_div_work, check_mul_work, euclid_div_rem, isqrt};

/// The largest operand `bigIntSqrt` takes, in bytes (64 KiB, a few full-size divisions of
/// about [`crate::managed::MAX_BIG_INT_WORK`] each): its copy gas alone, 1000 per byte in
/// schedules v3 and v4, is 65 million, so only an absurd gas limit reaches it; beyond it the
/// hook fails with "big int too large".
const MAX_SQRT_OPERAND_BYTES: u64 = 64 << 10;

/// The largest result `bigIntPow` computes, in bits (128 KiB: its last squaring is a
/// multiplication of [`crate::managed::MAX_BIG_INT_WORK`]); beyond it the hook fails with
/// "big int too large".
const MAX_POW_RESULT_BITS: u64 = 8 << 17;

/// A binary operation's result, or why there is none.
type BinaryOp = fn(&BigInt, &BigInt) -> Result<BigInt, EarlyExit>;

/// A unary operation's result, or why there is none.
type UnaryOp = fn(&BigInt) -> Result<BigInt, EarlyExit>;

/// `dest = op(op1, op2)`: charges `gas`, creates `dest`, reads both operands, charges the
/// copy gas of `dest` (its value before the operation), `op1` and `op2`, then computes.
fn binary(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    gas: u64,
    [dest, op1, op2]: [i32; 3],
    op: BinaryOp,
) -> Result<(), EarlyExit> {
    ctx.use_gas(instance, gas)?;
    let managed = ctx.managed();
    let dest_bits = managed.big_int_or_create(dest).bits();
    let (a, b) = managed.two_big_ints(op1, op2)?;
    let bits = [dest_bits, a.bits(), b.bits()];
    charge_big_int_copy(ctx, instance, &bits)?;
    let managed = ctx.managed();
    let (a, b) = managed.two_big_ints(op1, op2)?;
    let result = op(a, b)?;
    check_big_int_bits(result.bits())?;
    managed.set_big_int(dest, result);
    Ok(())
}

/// `dest = op(operand)`: charges `gas`, creates `dest`, reads the operand, charges the copy
/// gas of `dest` (before) and the operand, then computes.
pub(super) fn unary(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    gas: u64,
    [dest, operand]: [i32; 2],
    op: UnaryOp,
) -> Result<(), EarlyExit> {
    ctx.use_gas(instance, gas)?;
    let managed = ctx.managed();
    let dest_bits = managed.big_int_or_create(dest).bits();
    let bits = [dest_bits, managed.big_int(operand)?.bits()];
    charge_big_int_copy(ctx, instance, &bits)?;
    let managed = ctx.managed();
    let result = op(managed.big_int(operand)?)?;
    managed.set_big_int(dest, result);
    Ok(())
}

fn non_zero(divisor: &BigInt) -> Result<(), EarlyExit> {
    if divisor.is_zero() {
        return Err(failed(errors::DIVISION_BY_ZERO));
    }
    Ok(())
}

/// `bigIntAdd`: `dest = op1 + op2`.
///
/// # Gas
/// `BigIntAdd`, then the copy gas of `dest`, `op1`, `op2`.
///
/// # Errors
/// Execution failed for a missing operand.
pub(crate) fn big_int_add(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest: i32,
    op1: i32,
    op2: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_int_api_cost.big_int_add;
    binary(ctx, instance, gas, [dest, op1, op2], |a, b| Ok(a + b))
}

/// `bigIntSub`: `dest = op1 - op2`.
///
/// # Gas
/// `BigIntSub`, then the copy gas of `dest`, `op1`, `op2`.
///
/// # Errors
/// Execution failed for a missing operand.
pub(crate) fn big_int_sub(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest: i32,
    op1: i32,
    op2: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_int_api_cost.big_int_sub;
    binary(ctx, instance, gas, [dest, op1, op2], |a, b| Ok(a - b))
}

/// `bigIntMul`: `dest = op1 * op2`.
///
/// # Gas
/// `BigIntMul`, then the copy gas of `dest`, `op1`, `op2`.
///
/// # Errors
/// Execution failed for a missing operand, or a product beyond this VM's size limit.
pub(crate) fn big_int_mul(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest: i32,
    op1: i32,
    op2: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_int_api_cost.big_int_mul;
    binary(ctx, instance, gas, [dest, op1, op2], |a, b| {
        check_big_int_bits(a.bits().saturating_add(b.bits()))?;
        check_mul_work(a.bits(), b.bits())?;
        Ok(a * b)
    })
}

/// `bigIntTDiv`: `dest = op1 / op2`, truncated toward zero.
///
/// # Gas
/// `BigIntTDiv`, then the copy gas of `dest`, `op1`, `op2`.
///
/// # Errors
/// Execution failed for a missing operand; "division by 0".
pub(crate) fn big_int_t_div(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest: i32,
    op1: i32,
    op2: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_int_api_cost.big_int_t_div;
    binary(ctx, instance, gas, [dest, op1, op2], |a, b| {
        non_zero(b)?;
        check_div_work(a.bits(), b.bits())?;
        Ok(a / b)
    })
}

/// `bigIntTMod`: `dest = op1 % op2`, with the sign of `op1` (truncated division).
///
/// # Gas
/// `BigIntTMod`, then the copy gas of `dest`, `op1`, `op2`.
///
/// # Errors
/// Execution failed for a missing operand; "division by 0".
pub(crate) fn big_int_t_mod(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest: i32,
    op1: i32,
    op2: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_int_api_cost.big_int_t_mod;
    binary(ctx, instance, gas, [dest, op1, op2], |a, b| {
        non_zero(b)?;
        check_div_work(a.bits(), b.bits())?;
        Ok(a % b)
    })
}

/// `bigIntEDiv`: the Euclidean quotient of `op1` by `op2` (the remainder is never negative).
///
/// # Gas
/// `BigIntEDiv`, then the copy gas of `dest`, `op1`, `op2`.
///
/// # Errors
/// Execution failed for a missing operand; "division by 0".
pub(crate) fn big_int_e_div(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest: i32,
    op1: i32,
    op2: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_int_api_cost.big_int_e_div;
    binary(ctx, instance, gas, [dest, op1, op2], |a, b| {
        non_zero(b)?;
        check_div_work(a.bits(), b.bits())?;
        Ok(euclid_div_rem(a, b).0)
    })
}

/// `bigIntEMod`: the Euclidean remainder of `op1` by `op2`, in `0..|op2|`.
///
/// # Gas
/// `BigIntEMod`, then the copy gas of `dest`, `op1`, `op2`.
///
/// # Errors
/// Execution failed for a missing operand; "division by 0".
pub(crate) fn big_int_e_mod(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest: i32,
    op1: i32,
    op2: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_int_api_cost.big_int_e_mod;
    binary(ctx, instance, gas, [dest, op1, op2], |a, b| {
        non_zero(b)?;
        check_div_work(a.bits(), b.bits())?;
        Ok(euclid_div_rem(a, b).1)
    })
}

/// `bigIntSqrt`: `dest = ⌊√op⌋`.
///
/// # Gas
/// `BigIntSqrt`, then the copy gas of `dest` and `op`.
///
/// # Errors
/// Execution failed for a missing operand; "bad bounds (lower)" for a negative one; an
/// operand above 1 MiB (this VM's limit, beyond any transaction's gas).
pub(crate) fn big_int_sqrt(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest: i32,
    op: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_int_api_cost.big_int_sqrt;
    unary(ctx, instance, gas, [dest, op], |a| {
        if a.is_negative() {
            return Err(failed(errors::BAD_BOUNDS_LOWER));
        }
        if a.bits() > 8 * MAX_SQRT_OPERAND_BYTES {
            return Err(failed(errors::BIG_INT_TOO_LARGE));
        }
        Ok(BigInt::from(isqrt(a.magnitude())))
    })
}

/// `bigIntPow`: `dest = op1 ^ op2`.
///
/// # Gas
/// `BigIntPow`; then `CopyPerByteForTooBig` for each byte of the result's estimated size,
/// `⌊op2 × bitlen(op1) / 8⌋` (charged even when small, before the result is computed); then
/// the copy gas of `op1` and `op2`.
///
/// # Errors
/// Execution failed for a missing operand; "bad bounds (lower)" for a negative exponent; a
/// result beyond this VM's size limit.
pub(crate) fn big_int_pow(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest: i32,
    op1: i32,
    op2: i32,
) -> Result<(), EarlyExit> {
    ctx.use_gas(instance, ctx.schedule.big_int_api_cost.big_int_pow)?;
    let managed = ctx.managed();
    managed.big_int_or_create(dest);
    let (a, b) = managed.two_big_ints(op1, op2)?;
    let result_bytes = (b * a.bits()).div_floor(&BigInt::from(8));
    let bits = [a.bits(), b.bits()];
    charge_big_int_bytes(ctx, instance, &result_bytes)?;
    charge_big_int_copy(ctx, instance, &bits)?;
    let managed = ctx.managed();
    let (a, b) = managed.two_big_ints(op1, op2)?;
    if b.is_negative() {
        return Err(failed(errors::BAD_BOUNDS_LOWER));
    }
    let result = pow(a, b)?;
    managed.set_big_int(dest, result);
    Ok(())
}

/// `base ^ exponent` for a non-negative exponent, refusing results beyond the size limit
/// before computing them.
fn pow(base: &BigInt, exponent: &BigInt) -> Result<BigInt, EarlyExit> {
    if exponent.is_zero() {
        return Ok(BigInt::one());
    }
    if base.is_zero() || base.is_one() {
        return Ok(base.clone());
    }
    if base.magnitude().is_one() {
        // -1
        return Ok(if exponent.is_even() {
            BigInt::one()
        } else {
            -BigInt::one()
        });
    }
    let estimated_bits = exponent * base.bits();
    let too_large = || failed(errors::BIG_INT_TOO_LARGE);
    let estimated_bits = u64::try_from(estimated_bits).map_err(|_| too_large())?;
    check_big_int_bits(estimated_bits)?;
    if estimated_bits > MAX_POW_RESULT_BITS {
        return Err(too_large());
    }
    let exponent = u32::try_from(exponent).map_err(|_| too_large())?;
    Ok(base.pow(exponent))
}

/// `bigIntLog2`: `bitlen(op) - 1`, the floor of the base-2 logarithm (-1 for zero).
///
/// # Gas
/// `BigIntLog`, then the copy gas of `op`.
///
/// # Errors
/// Execution failed for a missing operand; "bad bounds (lower)" for a negative one.
pub(crate) fn big_int_log2(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    op: i32,
) -> Result<i32, EarlyExit> {
    ctx.use_gas(instance, ctx.schedule.big_int_api_cost.big_int_log)?;
    let a = ctx.managed().big_int(op)?;
    let (bits, negative) = (a.bits(), a.is_negative());
    charge_big_int_copy(ctx, instance, &[bits])?;
    if negative {
        return Err(failed(errors::BAD_BOUNDS_LOWER));
    }
    Ok(i32::try_from(bits).map_or(i32::MAX, |bits| bits - 1))
}

/// `bigIntAbs`: `dest = |op|`.
///
/// # Gas
/// `BigIntAbs`, then the copy gas of `dest` and `op`.
///
/// # Errors
/// Execution failed for a missing operand.
pub(crate) fn big_int_abs(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest: i32,
    op: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_int_api_cost.big_int_abs;
    unary(ctx, instance, gas, [dest, op], |a| Ok(a.abs()))
}

/// `bigIntNeg`: `dest = -op`.
///
/// # Gas
/// `BigIntNeg`, then the copy gas of `dest` and `op`.
///
/// # Errors
/// Execution failed for a missing operand.
pub(crate) fn big_int_neg(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest: i32,
    op: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_int_api_cost.big_int_neg;
    unary(ctx, instance, gas, [dest, op], |a| Ok(-a))
}

/// `bigIntSign`: -1, 0 or 1.
///
/// # Gas
/// `BigIntSign`, then the copy gas of `op`.
///
/// # Errors
/// Execution failed for a missing operand.
pub(crate) fn big_int_sign(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    op: i32,
) -> Result<i32, EarlyExit> {
    ctx.use_gas(instance, ctx.schedule.big_int_api_cost.big_int_sign)?;
    let a = ctx.managed().big_int(op)?;
    let (bits, sign) = (a.bits(), signum(a));
    charge_big_int_copy(ctx, instance, &[bits])?;
    Ok(sign)
}

/// `bigIntCmp`: -1, 0 or 1 as `op1` is less than, equal to or greater than `op2`.
///
/// # Gas
/// `BigIntCmp`, then the copy gas of `op1` and `op2`.
///
/// # Errors
/// Execution failed for a missing operand.
pub(crate) fn big_int_cmp(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    op1: i32,
    op2: i32,
) -> Result<i32, EarlyExit> {
    ctx.use_gas(instance, ctx.schedule.big_int_api_cost.big_int_cmp)?;
    let (a, b) = ctx.managed().two_big_ints(op1, op2)?;
    let (bits, order) = ([a.bits(), b.bits()], a.cmp(b) as i32);
    charge_big_int_copy(ctx, instance, &bits)?;
    Ok(order)
}

fn signum(value: &BigInt) -> i32 {
    if value.is_negative() {
        -1
    } else {
        i32::from(value.is_positive())
    }
}

//! Big-float arithmetic, comparison and conversion to big integers (`bigFloatOps.go`).

use num_bigint::BigInt;
use num_traits::{One, Signed};

use super::{ALL_OPERANDS_ZERO, destination, read, read_two, set_result, store_exact};
use crate::errors::{self, failed};
use crate::hooks::big_int::gas::{charge_big_int_bytes, charge_big_int_copy};
use crate::hooks::prelude::*;
use crate::managed::big_float::BigFloat;

/// `dest = op(op1, op2)`: charges `gas`, reads both operands, computes, stores the result.
fn binary(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    gas: u64,
    [dest, op1, op2]: [i32; 3],
    op: fn(&BigFloat, &BigFloat) -> Result<BigFloat, EarlyExit>,
) -> Result<(), EarlyExit> {
    ctx.use_gas(instance, gas)?;
    let (x, y) = read_two(ctx, op1, op2)?;
    let result = op(&x, &y)?;
    set_result(ctx, dest, result)
}

/// `bigFloatAdd`: `dest = op1 + op2`, rounded to 53 bits.
///
/// # Gas
/// `BigFloatAdd`.
///
/// # Errors
/// Execution failed: a missing or invalid operand, a result exponent beyond ±65025, an
/// invalid destination.
pub(crate) fn big_float_add(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    destination_handle: i32,
    op1_handle: i32,
    op2_handle: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_float_api_cost.big_float_add;
    let handles = [destination_handle, op1_handle, op2_handle];
    binary(ctx, instance, gas, handles, |x, y| Ok(x.add(y)))
}

/// `bigFloatSub`: `dest = op1 - op2`, rounded to 53 bits.
///
/// # Gas
/// `BigFloatSub`.
///
/// # Errors
/// As [`big_float_add`].
pub(crate) fn big_float_sub(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    destination_handle: i32,
    op1_handle: i32,
    op2_handle: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_float_api_cost.big_float_sub;
    let handles = [destination_handle, op1_handle, op2_handle];
    binary(ctx, instance, gas, handles, |x, y| Ok(x.sub(y)))
}

/// `bigFloatMul`: `dest = op1 × op2`, rounded to 53 bits.
///
/// # Gas
/// `BigFloatMul`.
///
/// # Errors
/// As [`big_float_add`].
pub(crate) fn big_float_mul(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    destination_handle: i32,
    op1_handle: i32,
    op2_handle: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_float_api_cost.big_float_mul;
    let handles = [destination_handle, op1_handle, op2_handle];
    binary(ctx, instance, gas, handles, |x, y| Ok(x.mul(y)))
}

/// `bigFloatDiv`: `dest = op1 / op2`, rounded to 53 bits.
///
/// # Gas
/// `BigFloatDiv`.
///
/// # Errors
/// As [`big_float_add`]; "all operands are equal to 0" for `0 / 0`; "infinity operations
/// are not allowed" for a nonzero value divided by zero.
pub(crate) fn big_float_div(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    destination_handle: i32,
    op1_handle: i32,
    op2_handle: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_float_api_cost.big_float_div;
    let handles = [destination_handle, op1_handle, op2_handle];
    binary(ctx, instance, gas, handles, |x, y| {
        if x.is_zero() && y.is_zero() {
            return Err(failed(ALL_OPERANDS_ZERO));
        }
        Ok(x.quo(y))
    })
}

/// `dest = op(operand)` for the exact unary operations: charges `gas`, creates and checks
/// the destination, reads the operand, stores the result (no exponent check: it is the
/// operand's).
fn unary(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    gas: u64,
    [dest, operand]: [i32; 2],
    op: fn(&BigFloat) -> BigFloat,
) -> Result<(), EarlyExit> {
    ctx.use_gas(instance, gas)?;
    destination(ctx, dest)?;
    let value = read(ctx, operand)?;
    ctx.managed().big_floats.set(dest, op(&value));
    Ok(())
}

/// `bigFloatNeg`: `dest = -op` (-0 for +0).
///
/// # Gas
/// `BigFloatNeg`.
///
/// # Errors
/// Execution failed: an invalid destination (checked first), a missing or invalid operand.
pub(crate) fn big_float_neg(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    destination_handle: i32,
    op_handle: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_float_api_cost.big_float_neg;
    unary(
        ctx,
        instance,
        gas,
        [destination_handle, op_handle],
        BigFloat::neg,
    )
}

/// `bigFloatAbs`: `dest = |op|`.
///
/// # Gas
/// `BigFloatAbs`.
///
/// # Errors
/// As [`big_float_neg`].
pub(crate) fn big_float_abs(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    destination_handle: i32,
    op_handle: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_float_api_cost.big_float_abs;
    unary(
        ctx,
        instance,
        gas,
        [destination_handle, op_handle],
        BigFloat::abs,
    )
}

/// `bigFloatClone`: `dest = op`, accuracy included (Go's `Copy`).
///
/// # Gas
/// `BigFloatClone`.
///
/// # Errors
/// As [`big_float_neg`].
pub(crate) fn big_float_clone(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    destination_handle: i32,
    op_handle: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_float_api_cost.big_float_clone;
    unary(
        ctx,
        instance,
        gas,
        [destination_handle, op_handle],
        BigFloat::clone,
    )
}

/// `bigFloatCmp`: -1, 0 or 1 as `op1` is below, equal to or above `op2` (-0 equals +0).
///
/// # Gas
/// `BigFloatCmp`.
///
/// # Errors
/// Execution failed: a missing or invalid operand.
pub(crate) fn big_float_cmp(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    op1_handle: i32,
    op2_handle: i32,
) -> Result<i32, EarlyExit> {
    let gas = ctx.schedule.big_float_api_cost.big_float_cmp;
    ctx.use_gas(instance, gas)?;
    let (x, y) = read_two(ctx, op1_handle, op2_handle)?;
    Ok(x.compare(&y) as i32)
}

/// `bigFloatSign`: -1, 0 or 1 (0 for -0).
///
/// # Gas
/// `BigFloatAbs` (the production VM charges the cost of `bigFloatAbs`).
///
/// # Errors
/// Execution failed: a missing or invalid operand.
pub(crate) fn big_float_sign(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    op_handle: i32,
) -> Result<i32, EarlyExit> {
    let gas = ctx.schedule.big_float_api_cost.big_float_abs;
    ctx.use_gas(instance, gas)?;
    Ok(read(ctx, op_handle)?.sign())
}

/// `bigFloatSqrt`: `dest = √op` as Go computes it (-0 for -0).
///
/// # Gas
/// `BigFloatSqrt`.
///
/// # Errors
/// Execution failed: an invalid destination (checked first), a missing or invalid operand;
/// "bad bounds (lower)" for a negative operand.
pub(crate) fn big_float_sqrt(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    destination_handle: i32,
    op_handle: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_float_api_cost.big_float_sqrt;
    ctx.use_gas(instance, gas)?;
    destination(ctx, destination_handle)?;
    let value = read(ctx, op_handle)?;
    if value.sign() < 0 {
        return Err(failed(errors::BAD_BOUNDS_LOWER));
    }
    store_exact(ctx, destination_handle, value.sqrt());
    Ok(())
}

/// `bigFloatPow`: `dest = op^exponent` as `exponent` successive products, each rounded to
/// 53 bits and checked against the exponent limits (1 for `exponent ≤ 0`).
///
/// # Gas
/// `BigFloatPow` + `BigFloatPowPerIteration × exponent` (the exponent taken as Go's
/// `uint64(int32)`, the product saturating, the sum wrapping: a negative exponent costs
/// `BigFloatPow - 1` in schedules v3 and v4), then `CopyPerByteForTooBig × ⌊exponent ×
/// bitlen(t) / 8⌋` where `t` is `op` truncated, plus one when positive (a negative size
/// charges its magnitude).
///
/// # Errors
/// Execution failed: a missing or invalid operand, a product whose exponent leaves ±65025,
/// an invalid destination.
pub(crate) fn big_float_pow(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    destination_handle: i32,
    op_handle: i32,
    exponent: i32,
) -> Result<(), EarlyExit> {
    let costs = &ctx.schedule.big_float_api_cost;
    let per_iteration = costs
        .big_float_pow_per_iteration
        .saturating_mul(i64::from(exponent) as u64);
    ctx.use_gas(instance, costs.big_float_pow.wrapping_add(per_iteration))?;
    let value = read(ctx, op_handle)?;
    let mut truncated = value.trunc();
    if truncated.is_positive() {
        truncated += BigInt::one();
    }
    let size = BigInt::from(exponent) * BigInt::from(truncated.bits());
    let bytes = num_integer::Integer::div_floor(&size, &BigInt::from(8));
    charge_big_int_bytes(ctx, instance, &bytes)?;
    let result = value
        .pow(exponent)
        .ok_or_else(|| failed(super::EXPONENT_TOO_BIG_OR_TOO_SMALL))?;
    set_result(ctx, destination_handle, result)
}

/// How `bigFloatFloor` and `bigFloatCeil` adjust a truncated non-integer.
#[derive(Clone, Copy)]
enum Adjust {
    None,
    Floor,
    Ceil,
}

/// Sets the big integer `dest` to `op` truncated toward zero, then, for a value that is not
/// an integer, one less when the truncation is negative (floor) or one more when it is
/// positive (ceil): so floor(-0.5) and ceil(0.5) are 0, as in the production VM.
fn to_big_int(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    gas: u64,
    [dest, op]: [i32; 2],
    adjust: Adjust,
) -> Result<(), EarlyExit> {
    ctx.use_gas(instance, gas)?;
    let value = read(ctx, op)?;
    let old_bits = ctx.managed().big_int_or_create(dest).bits();
    charge_big_int_copy(ctx, instance, &[old_bits])?;
    let mut result = value.trunc();
    if !value.is_int() {
        match adjust {
            Adjust::Floor if result.is_negative() => result -= 1,
            Adjust::Ceil if result.is_positive() => result += 1,
            _ => {}
        }
    }
    ctx.managed().set_big_int(dest, result);
    Ok(())
}

/// `bigFloatFloor`: the big integer `dest` = `op` rounded down, except that a value
/// between -1 and 0 gives 0 (the production VM's rule; see `to_big_int`).
///
/// # Gas
/// `BigFloatFloor`, then `CopyPerByteForTooBig` per byte of `dest`'s old value beyond 32.
///
/// # Errors
/// Execution failed: a missing or invalid operand.
pub(crate) fn big_float_floor(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest_big_int_handle: i32,
    op_handle: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_float_api_cost.big_float_floor;
    let handles = [dest_big_int_handle, op_handle];
    to_big_int(ctx, instance, gas, handles, Adjust::Floor)
}

/// `bigFloatCeil`: the big integer `dest` = `op` rounded up, except that a value between 0
/// and 1 gives 0 (the production VM's rule; see `to_big_int`).
///
/// # Gas
/// `BigFloatCeil`, then `CopyPerByteForTooBig` per byte of `dest`'s old value beyond 32.
///
/// # Errors
/// Execution failed: a missing or invalid operand.
pub(crate) fn big_float_ceil(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest_big_int_handle: i32,
    op_handle: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_float_api_cost.big_float_ceil;
    let handles = [dest_big_int_handle, op_handle];
    to_big_int(ctx, instance, gas, handles, Adjust::Ceil)
}

/// `bigFloatTruncate`: the big integer `dest` = `op` truncated toward zero.
///
/// # Gas
/// `BigFloatTruncate`, then `CopyPerByteForTooBig` per byte of `dest`'s old value beyond 32.
///
/// # Errors
/// Execution failed: a missing or invalid operand.
pub(crate) fn big_float_truncate(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest_big_int_handle: i32,
    op_handle: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_float_api_cost.big_float_truncate;
    let handles = [dest_big_int_handle, op_handle];
    to_big_int(ctx, instance, gas, handles, Adjust::None)
}

/// `bigFloatIsInt`: 1 when `op` is an integer (Go's `IsInt` at precision 53), else 0.
///
/// # Gas
/// `BigFloatIsInt`.
///
/// # Errors
/// Execution failed: a missing or invalid operand.
pub(crate) fn big_float_is_int(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    op_handle: i32,
) -> Result<i32, EarlyExit> {
    let gas = ctx.schedule.big_float_api_cost.big_float_is_int;
    ctx.use_gas(instance, gas)?;
    Ok(i32::from(read(ctx, op_handle)?.is_int()))
}

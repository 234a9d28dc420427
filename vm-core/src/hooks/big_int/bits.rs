//! Bitwise operations and shifts of big integers, on non-negative values only (the
//! production VM's `bigIntOps.go`).

use num_bigint::BigInt;
use num_traits::{Signed, Zero};

use super::arith::unary;
use super::gas::{charge_big_int_bytes, charge_big_int_copy};
use crate::errors::{self, failed};
use crate::hooks::prelude::*;
use crate::managed::check_big_int_bits;

/// `dest = op(op1, op2)` for non-negative operands: charges `gas`, creates `dest`, reads
/// both operands, charges their copy gas (not `dest`'s), refuses negative operands.
fn bitwise(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    gas: u64,
    [dest, op1, op2]: [i32; 3],
    op: fn(&BigInt, &BigInt) -> BigInt,
) -> Result<(), EarlyExit> {
    ctx.use_gas(instance, gas)?;
    let managed = ctx.managed();
    managed.big_int_or_create(dest);
    let (a, b) = managed.two_big_ints(op1, op2)?;
    let bits = [a.bits(), b.bits()];
    charge_big_int_copy(ctx, instance, &bits)?;
    let managed = ctx.managed();
    let (a, b) = managed.two_big_ints(op1, op2)?;
    if a.is_negative() || b.is_negative() {
        return Err(failed(errors::BITWISE_NEGATIVE));
    }
    let result = op(a, b);
    managed.set_big_int(dest, result);
    Ok(())
}

/// `bigIntNot`: `dest = -op - 1` (Go's `big.Int.Not`), for a non-negative `op`.
///
/// # Gas
/// `BigIntNot`, then the copy gas of `dest` and `op`.
///
/// # Errors
/// Execution failed for a missing operand; "bitwise operations only allowed on positive
/// integers" for a negative one.
pub(crate) fn big_int_not(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest: i32,
    op: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_int_api_cost.big_int_not;
    unary(ctx, instance, gas, [dest, op], |a| {
        if a.is_negative() {
            return Err(failed(errors::BITWISE_NEGATIVE));
        }
        Ok(-a - 1u32)
    })
}

/// `bigIntAnd`: `dest = op1 & op2`.
///
/// # Gas
/// `BigIntAnd`, then the copy gas of `op1` and `op2`.
///
/// # Errors
/// Execution failed for a missing operand; "bitwise operations only allowed on positive
/// integers" for a negative one.
pub(crate) fn big_int_and(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest: i32,
    op1: i32,
    op2: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_int_api_cost.big_int_and;
    bitwise(ctx, instance, gas, [dest, op1, op2], |a, b| a & b)
}

/// `bigIntOr`: `dest = op1 | op2`.
///
/// # Gas
/// `BigIntOr`, then the copy gas of `op1` and `op2`.
///
/// # Errors
/// Execution failed for a missing operand; "bitwise operations only allowed on positive
/// integers" for a negative one.
pub(crate) fn big_int_or(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest: i32,
    op1: i32,
    op2: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_int_api_cost.big_int_or;
    bitwise(ctx, instance, gas, [dest, op1, op2], |a, b| a | b)
}

/// `bigIntXor`: `dest = op1 ^ op2`.
///
/// # Gas
/// `BigIntXor`, then the copy gas of `op1` and `op2`.
///
/// # Errors
/// Execution failed for a missing operand; "bitwise operations only allowed on positive
/// integers" for a negative one.
pub(crate) fn big_int_xor(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest: i32,
    op1: i32,
    op2: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_int_api_cost.big_int_xor;
    bitwise(ctx, instance, gas, [dest, op1, op2], |a, b| a ^ b)
}

/// Charges a shift's base gas, creates `dest`, reads `op`, charges its copy gas and refuses
/// negative values and amounts; answers `op`'s bit length and the amount.
fn shift_operand(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    gas: u64,
    [dest, op]: [i32; 2],
    bits: i32,
) -> Result<(u64, usize), EarlyExit> {
    ctx.use_gas(instance, gas)?;
    let managed = ctx.managed();
    managed.big_int_or_create(dest);
    let a = managed.big_int(op)?;
    let (a_bits, negative) = (a.bits(), a.is_negative());
    charge_big_int_copy(ctx, instance, &[a_bits])?;
    let amount = usize::try_from(bits).map_err(|_| failed(errors::SHIFT_NEGATIVE))?;
    if negative {
        return Err(failed(errors::SHIFT_NEGATIVE));
    }
    Ok((a_bits, amount))
}

/// `bigIntShr`: `dest = op >> bits`.
///
/// # Gas
/// `BigIntShr`, the copy gas of `op`, then the copy gas of the result.
///
/// # Errors
/// Execution failed for a missing operand; "bitwise shift operations only allowed on
/// positive integers and by a positive amount" for a negative value or amount.
pub(crate) fn big_int_shr(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest: i32,
    op: i32,
    bits: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_int_api_cost.big_int_shr;
    let (_, amount) = shift_operand(ctx, instance, gas, [dest, op], bits)?;
    let managed = ctx.managed();
    let result = managed.big_int(op)? >> amount;
    let result_bits = result.bits();
    managed.set_big_int(dest, result);
    charge_big_int_copy(ctx, instance, &[result_bits])
}

/// `bigIntShl`: `dest = op << bits`.
///
/// # Gas
/// `BigIntShl`, the copy gas of `op`, then `CopyPerByteForTooBig` for each of
/// `⌊(2 × bitlen(op) + bits) / 8⌋` bytes, before the shift (the production VM's rule since
/// the Barnard release).
///
/// # Errors
/// Execution failed for a missing operand; "bitwise shift operations only allowed on
/// positive integers and by a positive amount" for a negative value or amount; a result
/// beyond this VM's size limit.
pub(crate) fn big_int_shl(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest: i32,
    op: i32,
    bits: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_int_api_cost.big_int_shl;
    let (a_bits, amount) = shift_operand(ctx, instance, gas, [dest, op], bits)?;
    let result_bits = u64::try_from(amount)
        .unwrap_or(u64::MAX)
        .saturating_add(a_bits);
    let result_bytes = BigInt::from(result_bits.saturating_add(a_bits) / 8);
    charge_big_int_bytes(ctx, instance, &result_bytes)?;
    let managed = ctx.managed();
    let a = managed.big_int(op)?;
    let result = if a.is_zero() {
        BigInt::zero()
    } else {
        check_big_int_bits(result_bits)?;
        a << amount
    };
    managed.set_big_int(dest, result);
    Ok(())
}

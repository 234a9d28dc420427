//! Making big floats: from parts, fractions, scientific notation, integers, big integers,
//! constants and encoded buffers; and encoding them (`bigFloatOps.go`, `manBufOps.go`).
//!
//! The `bigFloatNewFrom*` hooks compute as the production VM does, with IEEE doubles
//! (emulated exactly, see [`pow10`] and [`float64_of_i64`]) turned into big floats and
//! combined with big-float arithmetic.

use super::{
    DECODE_ERROR, EXPONENT_MUST_BE_NEGATIVE, EXPONENT_TOO_BIG_OR_TOO_SMALL, WRONG_PRECISION,
    destination, read, set_result, store_exact,
};
use crate::errors::{self, failed};
use crate::hooks::big_int::gas::{charge_big_int_copy, charge_data_copy};
use crate::hooks::prelude::*;
use crate::managed::big_float::{BigFloat, float64_of_i64, pow10};

/// Exponents below this make the fractional part 0 (`bigFloatNewFromParts`, `…FromSci`).
const MIN_DECIMAL_EXPONENT: i64 = -322;

/// Stores `value` under a new handle (`PutBigFloat`).
///
/// # Errors
/// Execution failed: an exponent beyond ±65025 (unreachable from these hooks' inputs).
fn put_new(ctx: &mut Context<'_>, value: BigFloat) -> Result<i32, EarlyExit> {
    if !value.exponent_in_range() {
        return Err(failed(EXPONENT_TOO_BIG_OR_TOO_SMALL));
    }
    Ok(ctx.managed().big_floats.insert_new(value.exact()))
}

/// `significand × 10^exponent` as the production VM computes it: the double of
/// `significand` times the double Go's `math.Pow10(exponent)` returns, rounded to 53 bits;
/// +0 for an exponent below -322.
fn scientific(significand: i64, exponent: i64) -> BigFloat {
    if exponent < MIN_DECIMAL_EXPONENT {
        return BigFloat::zero(false);
    }
    let power = pow10(u32::try_from(exponent.unsigned_abs()).unwrap_or(u32::MAX));
    float64_of_i64(significand).mul(&power)
}

/// `bigFloatNewFromParts`: a new big float `integral ± fractional × 10^exponent`: the
/// fractional term is added when `integral ≥ 0` and subtracted otherwise (so `(-1, 5, -1)`
/// is -1.5 and `(0, -5, -1)` is -0.5); each step rounded to 53 bits.
///
/// # Gas
/// `BigFloatNewFromParts`.
///
/// # Errors
/// Execution failed, "exponent must be negative", for `exponent > 0`.
pub(crate) fn big_float_new_from_parts(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    integral_part: i32,
    fractional_part: i32,
    exponent: i32,
) -> Result<i32, EarlyExit> {
    let gas = ctx.schedule.big_float_api_cost.big_float_new_from_parts;
    ctx.use_gas(instance, gas)?;
    if exponent > 0 {
        return Err(failed(EXPONENT_MUST_BE_NEGATIVE));
    }
    let fraction = scientific(i64::from(fractional_part), i64::from(exponent));
    let integral = float64_of_i64(i64::from(integral_part));
    let value = if integral_part >= 0 {
        integral.add(&fraction)
    } else {
        integral.sub(&fraction)
    };
    put_new(ctx, value)
}

/// `bigFloatNewFromFrac`: a new big float `numerator / denominator`, both first rounded to
/// doubles (53 bits); `0 / -1` is -0.
///
/// # Gas
/// `BigFloatNewFromParts` (the production VM charges that cost).
///
/// # Errors
/// Execution failed, "division by 0", for a zero denominator.
pub(crate) fn big_float_new_from_frac(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    numerator: i64,
    denominator: i64,
) -> Result<i32, EarlyExit> {
    let gas = ctx.schedule.big_float_api_cost.big_float_new_from_parts;
    ctx.use_gas(instance, gas)?;
    if denominator == 0 {
        return Err(failed(errors::DIVISION_BY_ZERO));
    }
    let value = float64_of_i64(numerator).quo(&float64_of_i64(denominator));
    put_new(ctx, value)
}

/// `bigFloatNewFromSci`: a new big float `significand × 10^exponent` (the double of the
/// significand times Go's `math.Pow10`, which is not always the double nearest the power);
/// +0 for an exponent below -322.
///
/// # Gas
/// `BigFloatNewFromParts` (the production VM charges that cost).
///
/// # Errors
/// Execution failed, "exponent must be negative", for `exponent > 0`.
pub(crate) fn big_float_new_from_sci(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    significand: i64,
    exponent: i64,
) -> Result<i32, EarlyExit> {
    let gas = ctx.schedule.big_float_api_cost.big_float_new_from_parts;
    ctx.use_gas(instance, gas)?;
    if exponent > 0 {
        return Err(failed(EXPONENT_MUST_BE_NEGATIVE));
    }
    put_new(ctx, scientific(significand, exponent))
}

/// `bigFloatSetInt64`: sets (or creates) `dest` to `value` rounded to 53 bits; the
/// accuracy of the rounding is kept (beyond 2^53 it shows in the encoding).
///
/// # Gas
/// `BigFloatSetInt64`.
///
/// # Errors
/// Execution failed: an invalid destination.
pub(crate) fn big_float_set_int64(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    destination_handle: i32,
    value: i64,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_float_api_cost.big_float_set_int64;
    ctx.use_gas(instance, gas)?;
    destination(ctx, destination_handle)?;
    let value = BigFloat::from_i64(value);
    ctx.managed().big_floats.set(destination_handle, value);
    Ok(())
}

/// `bigFloatSetBigInt`: sets (or creates) `dest` to the big integer rounded to 53 bits.
///
/// # Gas
/// `BigFloatSetBigInt`, then `CopyPerByteForTooBig` per byte of the big integer beyond 32.
///
/// # Errors
/// Execution failed: a missing big integer, one of more than 65025 bits ("exponent is
/// either too small or too big"), an invalid destination.
pub(crate) fn big_float_set_big_int(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    destination_handle: i32,
    big_int_handle: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_float_api_cost.big_float_set_big_int;
    ctx.use_gas(instance, gas)?;
    let bits = ctx.managed().big_int(big_int_handle)?.bits();
    charge_big_int_copy(ctx, instance, &[bits])?;
    let value = BigFloat::from_big_int(ctx.managed().big_int(big_int_handle)?);
    set_result(ctx, destination_handle, value)
}

/// Sets (or creates) `dest` to a constant.
fn set_constant(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest: i32,
    value: BigFloat,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_float_api_cost.big_float_get_const;
    ctx.use_gas(instance, gas)?;
    destination(ctx, dest)?;
    store_exact(ctx, dest, value);
    Ok(())
}

/// `bigFloatGetConstPi`: sets (or creates) `dest` to the double nearest π.
///
/// # Gas
/// `BigFloatGetConst`.
///
/// # Errors
/// Execution failed: an invalid destination.
pub(crate) fn big_float_get_const_pi(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    destination_handle: i32,
) -> Result<(), EarlyExit> {
    set_constant(ctx, instance, destination_handle, BigFloat::pi())
}

/// `bigFloatGetConstE`: sets (or creates) `dest` to the double nearest e.
///
/// # Gas
/// `BigFloatGetConst`.
///
/// # Errors
/// Execution failed: an invalid destination.
pub(crate) fn big_float_get_const_e(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    destination_handle: i32,
) -> Result<(), EarlyExit> {
    set_constant(ctx, instance, destination_handle, BigFloat::e())
}

/// `mBufferToBigFloat`: sets (or creates) the big float from its gob encoding (see
/// [`BigFloat::encoding_accepted`] and [`BigFloat::gob_decode`]); answers 0. The decoded
/// exponent is not checked until the value is next read.
///
/// # Gas
/// `MBufferToBigFloat`, then `DataCopyPerByte` per byte of the buffer.
///
/// # Errors
/// Execution failed: a missing buffer; "precision of the big float must be 53" for bytes
/// that are not +0's 6 bytes nor longer bytes starting as an exact finite value of
/// precision 53; an invalid destination; "big float decode error" for a finite value
/// shorter than 10 bytes or a malformed mantissa.
pub(crate) fn mbuffer_to_big_float(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    m_buffer_handle: i32,
    big_float_handle: i32,
) -> Result<i32, EarlyExit> {
    let gas = ctx.schedule.managed_buffer_api_cost.m_buffer_to_big_float;
    ctx.use_gas(instance, gas)?;
    let len = ctx.managed().buffer(m_buffer_handle)?.len();
    charge_data_copy(ctx, instance, len)?;
    let managed = ctx.managed();
    if !BigFloat::encoding_accepted(managed.buffer(m_buffer_handle)?) {
        return Err(failed(WRONG_PRECISION));
    }
    destination(ctx, big_float_handle)?;
    let managed = ctx.managed();
    let value = BigFloat::gob_decode(managed.buffer(m_buffer_handle)?)
        .ok_or_else(|| failed(DECODE_ERROR))?;
    managed.big_floats.set(big_float_handle, value);
    Ok(0)
}

/// `mBufferFromBigFloat`: sets (or creates) the buffer to the big float's gob encoding
/// (see [`BigFloat::gob_encode`]; 6 bytes for a zero, 18 otherwise); answers 0.
///
/// # Gas
/// `MBufferFromBigFloat`, then `DataCopyPerByte` per byte of the encoding.
///
/// # Errors
/// Execution failed: a missing or invalid big float.
pub(crate) fn mbuffer_from_big_float(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    m_buffer_handle: i32,
    big_float_handle: i32,
) -> Result<i32, EarlyExit> {
    let gas = ctx.schedule.managed_buffer_api_cost.m_buffer_from_big_float;
    ctx.use_gas(instance, gas)?;
    let value = read(ctx, big_float_handle)?;
    let bytes = value.gob_encode();
    charge_data_copy(ctx, instance, bytes.len())?;
    ctx.managed().set_buffer(m_buffer_handle, bytes);
    Ok(0)
}

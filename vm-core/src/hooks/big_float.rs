//! Big floats, and their conversions to and from managed buffers, with the production VM's
//! semantics, messages and gas (`vmhost/vmhooks/bigFloatOps.go`, the big-float parts of
//! `manBufOps.go` and `vmhost/contexts/managedType.go`).
//!
//! The values are Go `big.Float`s of precision 53 rounding to nearest even
//! ([`BigFloat`], computed with integers only). The rules the hooks add:
//!
//! - Reading an operand fails for a missing handle ("no bigFloat under the given handle"),
//!   an infinite value, or an exponent beyond ±65025 (a decoded buffer may hold one; it is
//!   refused when next read). Two operands are looked up both before either is checked.
//! - A destination is created as +0 when missing, and its old value is checked like an
//!   operand; hooks that compute a result check it first (an infinite result, i.e. a
//!   division by zero, fails with "infinity operations are not allowed", an exponent beyond
//!   ±65025 with "exponent is either too small or too big"), then the destination.
//! - Stored values have the accuracy `Exact`, except after `bigFloatSetInt64` (which keeps
//!   the accuracy of its rounding) and `bigFloatClone` of such a value: the gob encoding
//!   shows it, and decoding refuses it.
//! - New handles are the table's size, or the next free one above it.
//!
//! Every failure stops execution (return code 10) with all gas used.

mod create;
mod ops;
#[cfg(test)]
mod tests;

pub(crate) use create::{
    big_float_get_const_e, big_float_get_const_pi, big_float_new_from_frac,
    big_float_new_from_parts, big_float_new_from_sci, big_float_set_big_int, big_float_set_int64,
    mbuffer_from_big_float, mbuffer_to_big_float,
};
pub(crate) use ops::{
    big_float_abs, big_float_add, big_float_ceil, big_float_clone, big_float_cmp, big_float_div,
    big_float_floor, big_float_is_int, big_float_mul, big_float_neg, big_float_pow, big_float_sign,
    big_float_sqrt, big_float_sub, big_float_truncate,
};

use super::prelude::*;
use crate::errors::failed;
use crate::managed::big_float::BigFloat;

/// The hooks of this domain that the VM refuses: none.
pub(crate) const REFUSED: &[&str] = &[];

/// A big-float handle that holds nothing.
pub const NO_BIG_FLOAT_UNDER_HANDLE: &str = "no bigFloat under the given handle";
/// An infinite operand or result (a nonzero value divided by zero).
pub const INFINITY_OPERATIONS: &str = "infinity operations are not allowed";
/// An operand or result whose exponent is beyond ±65025.
pub const EXPONENT_TOO_BIG_OR_TOO_SMALL: &str = "exponent is either too small or too big";
/// `bigFloatNewFromParts` / `bigFloatNewFromSci` with a positive exponent.
pub const EXPONENT_MUST_BE_NEGATIVE: &str = "exponent must be negative";
/// `bigFloatDiv` of zero by zero.
pub const ALL_OPERANDS_ZERO: &str = "all operands are equal to 0";
/// `mBufferToBigFloat` of bytes that are not an exact value of precision 53.
pub const WRONG_PRECISION: &str = "precision of the big float must be 53";
/// `mBufferToBigFloat` of a malformed finite value (masked Go decoding error).
pub const DECODE_ERROR: &str = "big float decode error";

/// Checks a value as the production VM does whenever it reads one.
fn check(value: &BigFloat) -> Result<(), EarlyExit> {
    if value.is_inf() {
        return Err(failed(INFINITY_OPERATIONS));
    }
    if !value.exponent_in_range() {
        return Err(failed(EXPONENT_TOO_BIG_OR_TOO_SMALL));
    }
    Ok(())
}

/// The big float under `handle` (`GetBigFloat`).
///
/// # Errors
/// Execution failed: missing, infinite, or exponent out of range.
fn read(ctx: &mut Context<'_>, handle: i32) -> Result<BigFloat, EarlyExit> {
    let value = ctx
        .managed()
        .big_floats
        .get(handle)
        .ok_or_else(|| failed(NO_BIG_FLOAT_UNDER_HANDLE))?;
    check(value)?;
    Ok(value.clone())
}

/// The big floats under two handles (`GetTwoBigFloats`): both looked up, then both checked.
///
/// # Errors
/// As [`read`].
fn read_two(ctx: &mut Context<'_>, a: i32, b: i32) -> Result<(BigFloat, BigFloat), EarlyExit> {
    let table = &ctx.managed().big_floats;
    let missing = || failed(NO_BIG_FLOAT_UNDER_HANDLE);
    let (x, y) = (
        table.get(a).ok_or_else(missing)?,
        table.get(b).ok_or_else(missing)?,
    );
    if x.is_inf() || y.is_inf() {
        return Err(failed(INFINITY_OPERATIONS));
    }
    check(x)?;
    check(y)?;
    Ok((x.clone(), y.clone()))
}

/// Creates the destination as +0 when missing and checks its value (`GetBigFloatOrCreate`).
///
/// # Errors
/// Execution failed: the value held is infinite or its exponent out of range.
fn destination(ctx: &mut Context<'_>, handle: i32) -> Result<(), EarlyExit> {
    let value = ctx
        .managed()
        .big_floats
        .get_or_insert_with(handle, BigFloat::default);
    check(value)
}

/// Stores `value` under `handle`, with accuracy `Exact` (Go's `Set`).
fn store_exact(ctx: &mut Context<'_>, handle: i32, value: BigFloat) {
    ctx.managed().big_floats.set(handle, value.exact());
}

/// Checks a computed result, then the destination, and stores the result
/// (`setResultIfNotInfinity`).
///
/// # Errors
/// Execution failed: an infinite result, an exponent out of range, a bad destination.
fn set_result(ctx: &mut Context<'_>, dest: i32, result: BigFloat) -> Result<(), EarlyExit> {
    check(&result)?;
    destination(ctx, dest)?;
    store_exact(ctx, dest, result);
    Ok(())
}

//! Point arithmetic hooks: `addEC`, `doubleEC`, `isOnCurveEC` and the scalar
//! multiplications (`cryptoei.go`).

use super::{
    Multiplier, NEGATIVE_LENGTH, POINT_NOT_ON_CURVE, charge_copy, charged_curve, curve, on_curve,
    pair, pair_bits, set_point,
};
use crate::abi::{buffer, load};
use crate::errors::failed;
use crate::hooks::prelude::*;

/// `addEC`: `(x_result, y_result) = (x1, y1) + (x2, y2)` on the curve `ec_handle`; a point
/// plus its opposite gives `(0, 0)`, without failing.
///
/// # Gas
/// `AddECC` × the curve's multiplier (1, 1.35, 2, 2.5) / 100, then the copy gas of the
/// destinations' current values, the curve's parameters and the four coordinates.
///
/// # Errors
/// Execution failed: "no elliptic curve under the given handle", "no bigInt under the given
/// handle" (destinations included), "point is not on curve" for either point; out of gas.
pub(crate) fn add_ec(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    x_result_handle: i32,
    y_result_handle: i32,
    ec_handle: i32,
    fst_point_x_handle: i32,
    fst_point_y_handle: i32,
    snd_point_x_handle: i32,
    snd_point_y_handle: i32,
) -> Result<(), EarlyExit> {
    let base = ctx.schedule.crypto_api_cost.add_ecc;
    let curve = charged_curve(ctx, instance, ec_handle, base, Multiplier::Basic)?;
    let [xr_bits, yr_bits] = pair_bits(ctx, x_result_handle, y_result_handle)?;
    let (x1, y1) = pair(ctx, fst_point_x_handle, fst_point_y_handle)?;
    let (x2, y2) = pair(ctx, snd_point_x_handle, snd_point_y_handle)?;
    let first = on_curve(curve, &x1, &y1)?;
    let second = on_curve(curve, &x2, &y2)?;
    let bits = [xr_bits, yr_bits, x1.bits(), y1.bits(), x2.bits(), y2.bits()];
    charge_copy(ctx, instance, curve, &bits)?;
    let sum = curve.add(&first, &second);
    set_point(ctx, [x_result_handle, y_result_handle], sum);
    Ok(())
}

/// `doubleEC`: `(x_result, y_result) = 2 · (x, y)` on the curve `ec_handle`.
///
/// # Gas
/// `DoubleECC` × the curve's multiplier / 100, then the copy gas of the destinations' current
/// values, the curve's parameters and the point.
///
/// # Errors
/// Execution failed: no curve, no big integer (destinations included), "point is not on
/// curve"; out of gas.
pub(crate) fn double_ec(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    x_result_handle: i32,
    y_result_handle: i32,
    ec_handle: i32,
    point_x_handle: i32,
    point_y_handle: i32,
) -> Result<(), EarlyExit> {
    let base = ctx.schedule.crypto_api_cost.double_ecc;
    let curve = charged_curve(ctx, instance, ec_handle, base, Multiplier::Basic)?;
    let [xr_bits, yr_bits] = pair_bits(ctx, x_result_handle, y_result_handle)?;
    let (x, y) = pair(ctx, point_x_handle, point_y_handle)?;
    let point = on_curve(curve, &x, &y)?;
    charge_copy(
        ctx,
        instance,
        curve,
        &[xr_bits, yr_bits, x.bits(), y.bits()],
    )?;
    let doubled = curve.double(&point);
    set_point(ctx, [x_result_handle, y_result_handle], doubled);
    Ok(())
}

/// `isOnCurveEC`: 1 when `(x, y)` is on the curve `ec_handle`, else 0 (`(0, 0)`, negative
/// coordinates and coordinates not below the field's prime are not).
///
/// # Gas
/// `IsOnCurveECC` × the curve's multiplier / 100, then the copy gas of the curve's parameters
/// and of `x` and `y` (whatever their size).
///
/// # Errors
/// Execution failed: no curve, no big integer; out of gas.
pub(crate) fn is_on_curve_ec(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    ec_handle: i32,
    point_x_handle: i32,
    point_y_handle: i32,
) -> Result<i32, EarlyExit> {
    let base = ctx.schedule.crypto_api_cost.is_on_curve_ecc;
    let curve = charged_curve(ctx, instance, ec_handle, base, Multiplier::Basic)?;
    let (x, y) = pair(ctx, point_x_handle, point_y_handle)?;
    charge_copy(ctx, instance, curve, &[x.bits(), y.bits()])?;
    Ok(i32::from(curve.is_on_curve(&x, &y)))
}

/// `ScalarMultECC` × the curve's scalar multiplier (1, 1.1, 1.5, 1.9) / 100 = `c`, charged
/// `c × (1 + scalar_len)`.
///
/// # Errors
/// Execution failed, no curve; out of gas.
fn charge_scalar(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    ec_handle: i32,
    scalar_len: u64,
) -> Result<(), EarlyExit> {
    let curve = curve(ctx, ec_handle)?;
    let base = ctx.schedule.crypto_api_cost.scalar_mult_ecc;
    let per_byte = Multiplier::ScalarMult.cost(base, curve.bit_size);
    ctx.use_gas(
        instance,
        per_byte.saturating_add(per_byte.saturating_mul(scalar_len)),
    )
}

/// The curve lookup, then the scalar's length check, gas and bytes of the memory forms.
///
/// # Errors
/// Execution failed: "negative length", no curve, a read outside memory; out of gas.
fn memory_scalar(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    ec_handle: i32,
    offset: MemPtr,
    length: MemLength,
) -> Result<Vec<u8>, EarlyExit> {
    let len = u64::try_from(length).map_err(|_| failed(NEGATIVE_LENGTH))?;
    charge_scalar(ctx, instance, ec_handle, len)?;
    load(instance, offset, length)
}

/// The scalar's bytes and gas of the managed forms.
///
/// # Errors
/// Execution failed: no curve, no managed buffer; out of gas.
fn managed_scalar(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    ec_handle: i32,
    data_handle: i32,
) -> Result<Vec<u8>, EarlyExit> {
    curve(ctx, ec_handle)?;
    let scalar = buffer(ctx, data_handle)?;
    let len = u64::try_from(scalar.len()).unwrap_or(u64::MAX);
    charge_scalar(ctx, instance, ec_handle, len)?;
    Ok(scalar)
}

/// `k · G` into the destinations, after their copy gas (`commonScalarBaseMultEC`).
fn base_mult(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    [x_result_handle, y_result_handle]: [i32; 2],
    ec_handle: i32,
    scalar: &[u8],
) -> Result<i32, EarlyExit> {
    let curve = curve(ctx, ec_handle)?;
    let bits = pair_bits(ctx, x_result_handle, y_result_handle)?;
    charge_copy(ctx, instance, curve, &bits)?;
    let product = curve.scalar_base_mult(scalar);
    if product.is_infinity() {
        return Err(failed(POINT_NOT_ON_CURVE));
    }
    set_point(ctx, [x_result_handle, y_result_handle], product);
    Ok(0)
}

/// `k · (x, y)` into the destinations, after their copy gas (`commonScalarMultEC`).
fn point_mult(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    [x_result_handle, y_result_handle]: [i32; 2],
    ec_handle: i32,
    [point_x_handle, point_y_handle]: [i32; 2],
    scalar: &[u8],
) -> Result<i32, EarlyExit> {
    let curve = curve(ctx, ec_handle)?;
    let [xr_bits, yr_bits] = pair_bits(ctx, x_result_handle, y_result_handle)?;
    let (x, y) = pair(ctx, point_x_handle, point_y_handle)?;
    let point = on_curve(curve, &x, &y)?;
    charge_copy(
        ctx,
        instance,
        curve,
        &[xr_bits, yr_bits, x.bits(), y.bits()],
    )?;
    let product = curve.scalar_mult(&point, scalar);
    if product.is_infinity() {
        return Err(failed(POINT_NOT_ON_CURVE));
    }
    set_point(ctx, [x_result_handle, y_result_handle], product);
    Ok(0)
}

/// `scalarBaseMultEC`: `(x_result, y_result) = k · G`, `k` the `length` big-endian bytes at
/// `data_offset` (any length, leading zeros allowed); answers 0.
///
/// # Gas
/// `c × (1 + length)` with `c = ScalarMultECC` × the curve's scalar multiplier / 100, then
/// the copy gas of the curve's parameters and the destinations' current values.
///
/// # Errors
/// Execution failed: "negative length", no curve, a read outside memory, no big integer
/// (destinations), "point is not on curve" when `k` is a multiple of the order; out of gas.
pub(crate) fn scalar_base_mult_ec(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    x_result_handle: i32,
    y_result_handle: i32,
    ec_handle: i32,
    data_offset: MemPtr,
    length: MemLength,
) -> Result<i32, EarlyExit> {
    let scalar = memory_scalar(ctx, instance, ec_handle, data_offset, length)?;
    let results = [x_result_handle, y_result_handle];
    base_mult(ctx, instance, results, ec_handle, &scalar)
}

/// `managedScalarBaseMultEC`: [`scalar_base_mult_ec`] with `k` in the managed buffer
/// `data_handle`.
///
/// # Gas
/// As [`scalar_base_mult_ec`], with the buffer's length.
///
/// # Errors
/// As [`scalar_base_mult_ec`]; "no managed buffer under the given handle" instead of memory
/// errors.
pub(crate) fn managed_scalar_base_mult_ec(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    x_result_handle: i32,
    y_result_handle: i32,
    ec_handle: i32,
    data_handle: i32,
) -> Result<i32, EarlyExit> {
    let scalar = managed_scalar(ctx, instance, ec_handle, data_handle)?;
    let results = [x_result_handle, y_result_handle];
    base_mult(ctx, instance, results, ec_handle, &scalar)
}

/// `scalarMultEC`: `(x_result, y_result) = k · (x, y)`, `k` the `length` big-endian bytes at
/// `data_offset`; answers 0.
///
/// # Gas
/// As [`scalar_base_mult_ec`], plus the copy gas of the point.
///
/// # Errors
/// As [`scalar_base_mult_ec`], and "point is not on curve" for an input point off the curve.
pub(crate) fn scalar_mult_ec(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    x_result_handle: i32,
    y_result_handle: i32,
    ec_handle: i32,
    point_x_handle: i32,
    point_y_handle: i32,
    data_offset: MemPtr,
    length: MemLength,
) -> Result<i32, EarlyExit> {
    let scalar = memory_scalar(ctx, instance, ec_handle, data_offset, length)?;
    let results = [x_result_handle, y_result_handle];
    let point = [point_x_handle, point_y_handle];
    point_mult(ctx, instance, results, ec_handle, point, &scalar)
}

/// `managedScalarMultEC`: [`scalar_mult_ec`] with `k` in the managed buffer `data_handle`.
///
/// # Gas
/// As [`scalar_mult_ec`], with the buffer's length.
///
/// # Errors
/// As [`scalar_mult_ec`]; "no managed buffer under the given handle" instead of memory
/// errors.
pub(crate) fn managed_scalar_mult_ec(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    x_result_handle: i32,
    y_result_handle: i32,
    ec_handle: i32,
    point_x_handle: i32,
    point_y_handle: i32,
    data_handle: i32,
) -> Result<i32, EarlyExit> {
    let scalar = managed_scalar(ctx, instance, ec_handle, data_handle)?;
    let results = [x_result_handle, y_result_handle];
    let point = [point_x_handle, point_y_handle];
    point_mult(ctx, instance, results, ec_handle, point, &scalar)
}

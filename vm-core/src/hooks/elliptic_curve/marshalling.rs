//! Point encoding hooks: `marshalEC`, `marshalCompressedEC`, `unmarshalEC`,
//! `unmarshalCompressedEC` and their managed forms (`cryptoei.go`, Go's `elliptic.Marshal`
//! family over the generic `CurveParams`).

use super::encoding::{marshal, marshal_compressed, unmarshal, unmarshal_compressed};
use super::{
    LENGTH_OF_BUFFER_NOT_CORRECT, Multiplier, POINT_NOT_ON_CURVE, charge_copy, charged_curve,
    curve, on_curve, pair, pair_bits, set_point,
};
use crate::abi::{len_i32, load, set_buffer, store};
use crate::errors::failed;
use crate::hooks::prelude::*;

/// Which encoding a hook writes or reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    /// `04 ‖ x ‖ y`.
    Uncompressed,
    /// `(02 | y mod 2) ‖ x`.
    Compressed,
}

/// The encoding of the point `(x, y)` (`commonMarshalEC`, `commonMarshalCompressedEC`).
///
/// # Errors
/// Execution failed: no curve, no big integer, "point is not on curve"; out of gas.
fn encode(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    [x_handle, y_handle]: [i32; 2],
    ec_handle: i32,
    form: Form,
) -> Result<Vec<u8>, EarlyExit> {
    let costs = &ctx.schedule.crypto_api_cost;
    let base = match form {
        Form::Uncompressed => costs.marshal_ecc,
        Form::Compressed => costs.marshal_compressed_ecc,
    };
    let curve = charged_curve(ctx, instance, ec_handle, base, Multiplier::Basic)?;
    let (x, y) = pair(ctx, x_handle, y_handle)?;
    // On the curve, both coordinates are below the prime, so they fit in `BitSize` bits: the
    // production VM's "length of buffer is not correct" check that follows never fails.
    let point = on_curve(curve, &x, &y)?;
    charge_copy(ctx, instance, curve, &[x.bits(), y.bits()])?;
    Ok(match form {
        Form::Uncompressed => marshal(curve, &point),
        Form::Compressed => marshal_compressed(curve, &point),
    })
}

/// The point `data` encodes into the destinations (`commonUnmarshalEC`,
/// `commonUnmarshalCompressedEC`); answers 0.
///
/// # Errors
/// Execution failed: no curve, "length of buffer is not correct", no big integer
/// (destinations), "point is not on curve"; out of gas.
fn decode(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    results: [i32; 2],
    ec_handle: i32,
    data: &[u8],
    form: Form,
) -> Result<i32, EarlyExit> {
    let curve = curve(ctx, ec_handle)?;
    let expected_len = match form {
        Form::Uncompressed => 1 + 2 * curve.byte_len(),
        Form::Compressed => 1 + curve.byte_len(),
    };
    if data.len() != expected_len {
        return Err(failed(LENGTH_OF_BUFFER_NOT_CORRECT));
    }
    let bits = pair_bits(ctx, results[0], results[1])?;
    charge_copy(ctx, instance, curve, &bits)?;
    let point = match form {
        Form::Uncompressed => unmarshal(curve, data),
        Form::Compressed => unmarshal_compressed(curve, data),
    };
    let point = point.ok_or_else(|| failed(POINT_NOT_ON_CURVE))?;
    set_point(ctx, results, point);
    Ok(0)
}

/// `UnmarshalECC` or `UnmarshalCompressedECC` × the form's multiplier / 100.
fn charge_decode(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    ec_handle: i32,
    form: Form,
) -> Result<(), EarlyExit> {
    let costs = &ctx.schedule.crypto_api_cost;
    let (base, multiplier) = match form {
        Form::Uncompressed => (costs.unmarshal_ecc, Multiplier::Basic),
        Form::Compressed => (
            costs.unmarshal_compressed_ecc,
            Multiplier::UnmarshalCompressed,
        ),
    };
    charged_curve(ctx, instance, ec_handle, base, multiplier).map(|_| ())
}

/// `marshalEC`: writes `04 ‖ x ‖ y` (coordinates zero-padded to `⌈BitSize / 8⌉` bytes:
/// 57, 65, 97 or 133 bytes in all) at `result_offset`; answers its length.
///
/// # Gas
/// `MarshalECC` × the curve's multiplier (1, 1.35, 2, 2.5) / 100, then the copy gas of the
/// curve's parameters and the point.
///
/// # Errors
/// Execution failed: no curve, no big integer, "point is not on curve" (`(0, 0)` included),
/// a write outside memory; out of gas.
pub(crate) fn marshal_ec(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    x_pair_handle: i32,
    y_pair_handle: i32,
    ec_handle: i32,
    result_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    let point = [x_pair_handle, y_pair_handle];
    let encoded = encode(ctx, instance, point, ec_handle, Form::Uncompressed)?;
    store(instance, result_offset, &encoded)?;
    Ok(len_i32(encoded.len()))
}

/// `managedMarshalEC`: [`marshal_ec`] into the managed buffer `result_handle` (created if
/// missing).
///
/// # Gas
/// As [`marshal_ec`].
///
/// # Errors
/// As [`marshal_ec`], without memory errors.
pub(crate) fn managed_marshal_ec(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    x_pair_handle: i32,
    y_pair_handle: i32,
    ec_handle: i32,
    result_handle: i32,
) -> Result<i32, EarlyExit> {
    let point = [x_pair_handle, y_pair_handle];
    let encoded = encode(ctx, instance, point, ec_handle, Form::Uncompressed)?;
    let len = len_i32(encoded.len());
    set_buffer(ctx, result_handle, encoded);
    Ok(len)
}

/// `marshalCompressedEC`: writes `(02 | y mod 2) ‖ x` (29, 33, 49 or 67 bytes) at
/// `result_offset`; answers its length.
///
/// # Gas
/// `MarshalCompressedECC` × the curve's multiplier / 100, then the copy gas of the curve's
/// parameters and the point.
///
/// # Errors
/// As [`marshal_ec`].
pub(crate) fn marshal_compressed_ec(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    x_pair_handle: i32,
    y_pair_handle: i32,
    ec_handle: i32,
    result_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    let point = [x_pair_handle, y_pair_handle];
    let encoded = encode(ctx, instance, point, ec_handle, Form::Compressed)?;
    store(instance, result_offset, &encoded)?;
    Ok(len_i32(encoded.len()))
}

/// `managedMarshalCompressedEC`: [`marshal_compressed_ec`] into the managed buffer
/// `result_handle` (created if missing).
///
/// # Gas
/// As [`marshal_compressed_ec`].
///
/// # Errors
/// As [`marshal_compressed_ec`], without memory errors.
pub(crate) fn managed_marshal_compressed_ec(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    x_pair_handle: i32,
    y_pair_handle: i32,
    ec_handle: i32,
    result_handle: i32,
) -> Result<i32, EarlyExit> {
    let point = [x_pair_handle, y_pair_handle];
    let encoded = encode(ctx, instance, point, ec_handle, Form::Compressed)?;
    let len = len_i32(encoded.len());
    set_buffer(ctx, result_handle, encoded);
    Ok(len)
}

/// `unmarshalEC`: reads the point `04 ‖ x ‖ y` from the `length` bytes at `data_offset` into
/// the destinations; answers 0.
///
/// # Gas
/// `UnmarshalECC` × the curve's multiplier / 100, then the copy gas of the curve's parameters
/// and the destinations' current values.
///
/// # Errors
/// Execution failed: no curve, a read outside memory, "length of buffer is not correct" (any
/// length but `1 + 2 × ⌈BitSize / 8⌉`), no big integer (destinations), "point is not on
/// curve" (wrong prefix, a coordinate not below the prime, a point off the curve); out of gas.
pub(crate) fn unmarshal_ec(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    x_result_handle: i32,
    y_result_handle: i32,
    ec_handle: i32,
    data_offset: MemPtr,
    length: MemLength,
) -> Result<i32, EarlyExit> {
    charge_decode(ctx, instance, ec_handle, Form::Uncompressed)?;
    let data = load(instance, data_offset, length)?;
    let results = [x_result_handle, y_result_handle];
    decode(ctx, instance, results, ec_handle, &data, Form::Uncompressed)
}

/// `managedUnmarshalEC`: [`unmarshal_ec`] from the managed buffer `data_handle`. A missing
/// buffer answers 1 and execution goes on, as in the production VM.
///
/// # Gas
/// As [`unmarshal_ec`].
///
/// # Errors
/// As [`unmarshal_ec`], without memory errors.
pub(crate) fn managed_unmarshal_ec(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    x_result_handle: i32,
    y_result_handle: i32,
    ec_handle: i32,
    data_handle: i32,
) -> Result<i32, EarlyExit> {
    charge_decode(ctx, instance, ec_handle, Form::Uncompressed)?;
    let Some(data) = ctx.managed().buffers.get(data_handle).cloned() else {
        return Ok(1);
    };
    let results = [x_result_handle, y_result_handle];
    decode(ctx, instance, results, ec_handle, &data, Form::Uncompressed)
}

/// `unmarshalCompressedEC`: reads the point `(02 | y mod 2) ‖ x` from the `length` bytes at
/// `data_offset` into the destinations (`y` from a square root modulo the prime); answers 0.
///
/// # Gas
/// `UnmarshalCompressedECC` × 20, 1, 2 or 4 for P-224, P-256, P-384, P-521, then the copy gas
/// of the curve's parameters and the destinations' current values.
///
/// # Errors
/// As [`unmarshal_ec`], the right length being `1 + ⌈BitSize / 8⌉`; "point is not on curve"
/// also for an `x` with no point.
pub(crate) fn unmarshal_compressed_ec(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    x_result_handle: i32,
    y_result_handle: i32,
    ec_handle: i32,
    data_offset: MemPtr,
    length: MemLength,
) -> Result<i32, EarlyExit> {
    charge_decode(ctx, instance, ec_handle, Form::Compressed)?;
    let data = load(instance, data_offset, length)?;
    let results = [x_result_handle, y_result_handle];
    decode(ctx, instance, results, ec_handle, &data, Form::Compressed)
}

/// `managedUnmarshalCompressedEC`: [`unmarshal_compressed_ec`] from the managed buffer
/// `data_handle`.
///
/// # Gas
/// As [`unmarshal_compressed_ec`].
///
/// # Errors
/// As [`unmarshal_compressed_ec`]; "no managed buffer under the given handle" instead of
/// memory errors.
pub(crate) fn managed_unmarshal_compressed_ec(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    x_result_handle: i32,
    y_result_handle: i32,
    ec_handle: i32,
    data_handle: i32,
) -> Result<i32, EarlyExit> {
    charge_decode(ctx, instance, ec_handle, Form::Compressed)?;
    let data = ctx.managed().buffer(data_handle)?.to_vec();
    let results = [x_result_handle, y_result_handle];
    decode(ctx, instance, results, ec_handle, &data, Form::Compressed)
}

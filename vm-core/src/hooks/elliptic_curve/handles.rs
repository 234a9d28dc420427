//! Curve handles and keys: `createEC`, `managedCreateEC`, `getCurveLengthEC`,
//! `getPrivKeyByteLengthEC`, `ellipticCurveGetValues`, `generateKeyEC` and
//! `managedGenerateKeyEC` (`cryptoei.go`).

use num_bigint::BigInt;

use super::curve::{CurveParams, bit_size_of_name};
use super::encoding::generate_key;
use super::{BAD_BOUNDS, Multiplier, charge_copy, charged_curve, curve, pair_bits, set_point};
use crate::abi::{buffer, len_i32, load, set_buffer, store};
use crate::errors::failed;
use crate::hooks::prelude::*;

/// The length of a curve name (`p224`, …).
const CURVE_NAME_LEN: MemLength = 4;

/// A new handle for the curve of `bit_size` bits.
fn new_curve(ctx: &mut Context<'_>, bit_size: u16) -> i32 {
    ctx.managed().curves.insert_new(bit_size)
}

/// `createEC`: a new curve handle for the 4-byte name at `data_offset` (`p224`, `p256`,
/// `p384` or `p521`); answers the handle, or −1 for another name, without failing.
///
/// # Gas
/// `EllipticCurveNew`.
///
/// # Errors
/// Execution failed: "bad bounds" for a length other than 4, a read outside memory; out of
/// gas.
pub(crate) fn create_ec(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    data_offset: MemPtr,
    data_length: MemLength,
) -> Result<i32, EarlyExit> {
    ctx.use_gas(instance, ctx.schedule.crypto_api_cost.elliptic_curve_new)?;
    if data_length != CURVE_NAME_LEN {
        return Err(failed(BAD_BOUNDS));
    }
    let name = load(instance, data_offset, data_length)?;
    Ok(match bit_size_of_name(&name) {
        Some(bit_size) => new_curve(ctx, bit_size),
        None => -1,
    })
}

/// `managedCreateEC`: [`create_ec`] with the name in the managed buffer `data_handle`.
///
/// # Gas
/// `EllipticCurveNew`.
///
/// # Errors
/// Execution failed: "no managed buffer under the given handle", "bad bounds" for a name
/// other than the four; out of gas.
pub(crate) fn managed_create_ec(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    data_handle: i32,
) -> Result<i32, EarlyExit> {
    ctx.use_gas(instance, ctx.schedule.crypto_api_cost.elliptic_curve_new)?;
    let name = buffer(ctx, data_handle)?;
    let bit_size = bit_size_of_name(&name).ok_or_else(|| failed(BAD_BOUNDS))?;
    Ok(new_curve(ctx, bit_size))
}

/// The curve under `ec_handle`, after charging `BigIntGetInt64` × `times`.
fn charged_lookup(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    ec_handle: i32,
    times: u64,
) -> Result<&'static CurveParams, EarlyExit> {
    let gas = ctx.schedule.big_int_api_cost.big_int_get_int64;
    ctx.use_gas(instance, gas.wrapping_mul(times))?;
    curve(ctx, ec_handle)
}

/// `getCurveLengthEC`: the field size in bits of the curve `ec_handle` (224, 256, 384, 521).
///
/// # Gas
/// `BigIntGetInt64`.
///
/// # Errors
/// Execution failed, "no elliptic curve under the given handle"; out of gas.
pub(crate) fn get_curve_length_ec(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    ec_handle: i32,
) -> Result<i32, EarlyExit> {
    let curve = charged_lookup(ctx, instance, ec_handle, 1)?;
    Ok(i32::from(curve.bit_size))
}

/// `getPrivKeyByteLengthEC`: the length of the curve's private keys, `⌈bits(N) / 8⌉` bytes
/// (28, 32, 48, 66).
///
/// # Gas
/// `BigIntGetInt64`.
///
/// # Errors
/// Execution failed, "no elliptic curve under the given handle"; out of gas.
pub(crate) fn get_priv_key_byte_length_ec(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    ec_handle: i32,
) -> Result<i32, EarlyExit> {
    let curve = charged_lookup(ctx, instance, ec_handle, 1)?;
    Ok(len_i32(curve.private_key_len()))
}

/// `ellipticCurveGetValues`: sets the existing big integers to the curve's field prime `P`,
/// base point order `N`, constant `B` and base point `(Gx, Gy)`; answers `ec_handle`.
///
/// # Gas
/// `BigIntGetInt64` × 5.
///
/// # Errors
/// Execution failed: "no elliptic curve under the given handle", "no bigInt under the given
/// handle" for any of the five; out of gas.
pub(crate) fn elliptic_curve_get_values(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    ec_handle: i32,
    field_order_handle: i32,
    base_point_order_handle: i32,
    eq_constant_handle: i32,
    x_base_point_handle: i32,
    y_base_point_handle: i32,
) -> Result<i32, EarlyExit> {
    let curve = charged_lookup(ctx, instance, ec_handle, 5)?;
    let managed = ctx.managed();
    managed.two_big_ints(field_order_handle, base_point_order_handle)?;
    managed.big_int(eq_constant_handle)?;
    managed.two_big_ints(x_base_point_handle, y_base_point_handle)?;
    let values = [
        (field_order_handle, &curve.p),
        (base_point_order_handle, &curve.n),
        (eq_constant_handle, &curve.b),
        (x_base_point_handle, &curve.gx),
        (y_base_point_handle, &curve.gy),
    ];
    for (handle, value) in values {
        managed.set_big_int(handle, BigInt::from(value.clone()));
    }
    Ok(ec_handle)
}

/// A new key pair from the transaction's random generator, the public key in the
/// destinations (`commonGenerateEC`); answers the private key's bytes.
///
/// # Errors
/// Execution failed: no curve, no big integer (destinations); out of gas.
fn generate(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    [x_handle, y_handle]: [i32; 2],
    ec_handle: i32,
) -> Result<Vec<u8>, EarlyExit> {
    let base = ctx.schedule.crypto_api_cost.generate_key_ecc;
    let curve = charged_curve(ctx, instance, ec_handle, base, Multiplier::GenerateKey)?;
    let bits = pair_bits(ctx, x_handle, y_handle)?;
    charge_copy(ctx, instance, curve, &bits)?;
    let reader = ctx.random_reader();
    let (private, public) = generate_key(curve, |bytes| reader.read(bytes));
    set_point(ctx, [x_handle, y_handle], public);
    Ok(private)
}

/// `generateKeyEC`: a key pair drawn from the transaction's random generator (the one
/// `mBufferSetRandom` reads, as Go's `elliptic.GenerateKey` reads it): the public key into
/// the existing big integers, the private key (`getPrivKeyByteLengthEC` bytes) at
/// `result_offset`; answers 0.
///
/// # Gas
/// `GenerateKeyECC` × 1, 1.35, 2 or 5 for P-224, P-256, P-384, P-521, then the copy gas of
/// the curve's parameters and the destinations' current values.
///
/// # Errors
/// Execution failed: no curve, no big integer (destinations), a write outside memory; out of
/// gas.
pub(crate) fn generate_key_ec(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    x_pub_key_handle: i32,
    y_pub_key_handle: i32,
    ec_handle: i32,
    result_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    let public = [x_pub_key_handle, y_pub_key_handle];
    let private = generate(ctx, instance, public, ec_handle)?;
    store(instance, result_offset, &private)?;
    Ok(0)
}

/// `managedGenerateKeyEC`: [`generate_key_ec`] with the private key into the managed buffer
/// `result_handle` (created if missing).
///
/// # Gas
/// As [`generate_key_ec`].
///
/// # Errors
/// As [`generate_key_ec`], without memory errors.
pub(crate) fn managed_generate_key_ec(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    x_pub_key_handle: i32,
    y_pub_key_handle: i32,
    ec_handle: i32,
    result_handle: i32,
) -> Result<i32, EarlyExit> {
    let public = [x_pub_key_handle, y_pub_key_handle];
    let private = generate(ctx, instance, public, ec_handle)?;
    set_buffer(ctx, result_handle, private);
    Ok(0)
}

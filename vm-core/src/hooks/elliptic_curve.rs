//! Elliptic curves P-224, P-256, P-384 and P-521: curve handles, points as big integers,
//! marshalling and key generation, with the production VM's semantics, messages and gas
//! (`vmhost/vmhooks/cryptoei.go`, the curve rules of `vmhost/contexts/managedType.go`).
//!
//! A curve handle holds the parameters of one of the four NIST curves (the production VM
//! stores a copy of Go's `elliptic.CurveParams`, so Go's generic big-integer code runs, never
//! the constant-time specific curves); [`ManagedTypes::curves`](crate::ManagedTypes) keeps them
//! by field size, which names the curve. Points are pairs of big-integer handles; `(0, 0)` is
//! the point at infinity, which is not on the curve: an input point must be on the curve
//! (`point is not on curve` otherwise), `addEC` of a point and its opposite answers `(0, 0)`
//! without failing, and a scalar multiplication whose result is `(0, 0)` fails.
//!
//! Gas: each hook's `CryptoAPICost` × the curve's multiplier / 100 (integer division), then
//! the big-integer copy gas of the curve's parameters and of the points and destinations
//! involved (`CopyPerByteForTooBig` per byte of each value above 32 bytes, so only on P-384
//! and P-521, or for large values left in destinations). Every failure uses up all gas left.

mod curve;
mod encoding;
mod handles;
mod marshalling;
mod points;
#[cfg(test)]
mod tests;

pub(crate) use handles::{
    create_ec, elliptic_curve_get_values, generate_key_ec, get_curve_length_ec,
    get_priv_key_byte_length_ec, managed_create_ec, managed_generate_key_ec,
};
pub(crate) use marshalling::{
    managed_marshal_compressed_ec, managed_marshal_ec, managed_unmarshal_compressed_ec,
    managed_unmarshal_ec, marshal_compressed_ec, marshal_ec, unmarshal_compressed_ec, unmarshal_ec,
};
pub(crate) use points::{
    add_ec, double_ec, is_on_curve_ec, managed_scalar_base_mult_ec, managed_scalar_mult_ec,
    scalar_base_mult_ec, scalar_mult_ec,
};

use curve::CurveParams;
use num_bigint::BigInt;

use super::big_int::gas::charge_big_int_copy;
use super::prelude::*;
use crate::errors::failed;

/// The hooks of this domain that the VM refuses: none.
pub(crate) const REFUSED: &[&str] = &[];

/// A curve handle that holds nothing (the production VM's
/// `ErrNoEllipticCurveUnderThisHandle`).
pub(crate) const NO_ELLIPTIC_CURVE_UNDER_HANDLE: &str = "no elliptic curve under the given handle";
/// A point off the curve (or the point at infinity) as input or as a scalar product, or
/// bytes that encode no point (`ErrPointNotOnCurve`).
pub(crate) const POINT_NOT_ON_CURVE: &str = "point is not on curve";
/// `createEC` with a name not 4 bytes long, `managedCreateEC` with an unknown name
/// (`ErrBadBounds`).
pub(crate) const BAD_BOUNDS: &str = "bad bounds";
/// A negative scalar length in memory (`ErrNegativeLength`).
pub(crate) const NEGATIVE_LENGTH: &str = "negative length";
/// Encoded bytes of the wrong length for the curve (`ErrLengthOfBufferNotCorrect`).
pub(crate) const LENGTH_OF_BUFFER_NOT_CORRECT: &str = crate::errors::LENGTH_OF_BUFFER_NOT_CORRECT;

/// Which of the production VM's per-curve gas multipliers (× 100) a hook applies.
#[derive(Clone, Copy, Debug)]
enum Multiplier {
    /// Most hooks: 100, 135, 200, 250 for P-224, P-256, P-384, P-521.
    Basic,
    /// `scalarMultEC`, `scalarBaseMultEC`: 100, 110, 150, 190.
    ScalarMult,
    /// `unmarshalCompressedEC`: 2000, 100, 200, 400 (a square root modulo P-224's prime is
    /// the slow Tonelli–Shanks case).
    UnmarshalCompressed,
    /// `generateKeyEC`: the basic ones, with 500 for P-521.
    GenerateKey,
}

impl Multiplier {
    /// The multiplier × 100 for the curve of `bit_size` bits.
    fn percent(self, bit_size: u16) -> u64 {
        let table: [u64; 4] = match self {
            Self::Basic => [100, 135, 200, 250],
            Self::ScalarMult => [100, 110, 150, 190],
            Self::UnmarshalCompressed => [2000, 100, 200, 400],
            Self::GenerateKey => [100, 135, 200, 500],
        };
        let index = match bit_size {
            224 => 0,
            256 => 1,
            384 => 2,
            _ => 3,
        };
        table[index]
    }

    /// `base × multiplier / 100` for the curve of `bit_size` bits (Go's `uint64` arithmetic).
    fn cost(self, base: u64, bit_size: u16) -> u64 {
        base.wrapping_mul(self.percent(bit_size)) / 100
    }
}

/// The curve under `handle`.
///
/// # Errors
/// Execution failed, [`NO_ELLIPTIC_CURVE_UNDER_HANDLE`].
fn curve(ctx: &mut Context<'_>, handle: i32) -> Result<&'static CurveParams, EarlyExit> {
    ctx.managed()
        .curves
        .get(handle)
        .and_then(|&bits| curve::by_bit_size(bits))
        .ok_or_else(|| failed(NO_ELLIPTIC_CURVE_UNDER_HANDLE))
}

/// The curve under `handle`, after charging `base` × its `multiplier` / 100.
///
/// # Errors
/// Execution failed, [`NO_ELLIPTIC_CURVE_UNDER_HANDLE`]; out of gas.
fn charged_curve(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    handle: i32,
    base: u64,
    multiplier: Multiplier,
) -> Result<&'static CurveParams, EarlyExit> {
    let curve = curve(ctx, handle)?;
    ctx.use_gas(instance, multiplier.cost(base, curve.bit_size))?;
    Ok(curve)
}

/// The big integers under `x` and `y`.
///
/// # Errors
/// Execution failed, "no bigInt under the given handle".
fn pair(ctx: &mut Context<'_>, x: i32, y: i32) -> Result<(BigInt, BigInt), EarlyExit> {
    let (x, y) = ctx.managed().two_big_ints(x, y)?;
    Ok((x.clone(), y.clone()))
}

/// The bit lengths of the big integers under `x` and `y` (destinations, which must exist).
///
/// # Errors
/// Execution failed, "no bigInt under the given handle".
fn pair_bits(ctx: &mut Context<'_>, x: i32, y: i32) -> Result<[u64; 2], EarlyExit> {
    let (x, y) = ctx.managed().two_big_ints(x, y)?;
    Ok([x.bits(), y.bits()])
}

/// `ConsumeGasForBigIntCopy` of the curve's `P`, `N`, `B`, `Gx`, `Gy` and of the values of
/// bit lengths `others`.
///
/// # Errors
/// Out of gas.
fn charge_copy(
    ctx: &Context<'_>,
    instance: &mut dyn InstanceAccess,
    curve: &CurveParams,
    others: &[u64],
) -> Result<(), EarlyExit> {
    let mut bits = vec![
        curve.p.bits(),
        curve.n.bits(),
        curve.b.bits(),
        curve.gx.bits(),
        curve.gy.bits(),
    ];
    bits.extend_from_slice(others);
    charge_big_int_copy(ctx, instance, &bits)
}

/// Sets the destinations `x` and `y` to `point` (`y` last, so it wins when both handles are
/// the same).
fn set_point(ctx: &mut Context<'_>, [x, y]: [i32; 2], point: curve::Point) {
    let managed = ctx.managed();
    managed.set_big_int(x, BigInt::from(point.x));
    managed.set_big_int(y, BigInt::from(point.y));
}

/// The point `(x, y)` as unsigned coordinates, if it is on `curve`.
///
/// # Errors
/// Execution failed, [`POINT_NOT_ON_CURVE`].
fn on_curve(curve: &CurveParams, x: &BigInt, y: &BigInt) -> Result<curve::Point, EarlyExit> {
    if !curve.is_on_curve(x, y) {
        return Err(failed(POINT_NOT_ON_CURVE));
    }
    match (x.to_biguint(), y.to_biguint()) {
        (Some(x), Some(y)) => Ok(curve::Point::new(x, y)),
        _ => Err(failed(POINT_NOT_ON_CURVE)),
    }
}

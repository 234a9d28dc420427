//! mcl's (non-ETH) serialization of BLS12-381 points, as the production chain's keys and
//! signatures use it.
//!
//! A point is its x coordinate, little-endian (a G2 x is `c0 ‖ c1`, 48 bytes each), with the
//! parity of y (of `y.c0` for G2) in the most significant bit of the last byte. All zero
//! bytes are the point at infinity. A coordinate must be below p, the length exact, and the
//! point in the prime-order subgroup.
//!
//! `bls12_381` reads the ZCash form (big-endian, `c1` first, flags in the top bits of the
//! first byte, y chosen by lexicographic order), so a point is rebuilt in that form with y
//! left to the crate, then negated when its parity differs from the flag.
//!
//! One case cannot be told apart this way: a G2 point whose `y.c0` is 0 has two roots of
//! the same parity, and mcl keeps whichever its square root gives. Such keys would have to
//! be searched for among ~2³⁸¹ candidates; here the crate's root is kept.

use bls12_381::{G1Affine, G2Affine};

/// The length of an encoded G1 point (a signature).
pub(crate) const G1_LEN: usize = 48;
/// The length of an encoded G2 point (a public key).
pub(crate) const G2_LEN: usize = 96;
/// The length of one coordinate of Fp.
const FP_LEN: usize = 48;

/// The parity flag, in the last byte.
const Y_ODD: u8 = 0x80;
/// The ZCash flags in the first big-endian byte: compressed, infinity, larger y.
const ZCASH_FLAGS: u8 = 0xe0;
/// The ZCash compression flag.
const ZCASH_COMPRESSED: u8 = 0x80;

/// Why bytes are not a point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct NotAPoint;

/// Decodes a G1 point (a signature): exactly 48 bytes.
///
/// # Errors
/// [`NotAPoint`] for another length, x ≥ p, an x with no point, or a point outside the
/// subgroup.
pub(crate) fn decode_g1(bytes: &[u8]) -> Result<G1Affine, NotAPoint> {
    let bytes: &[u8; G1_LEN] = bytes.try_into().map_err(|_| NotAPoint)?;
    if bytes.iter().all(|&b| b == 0) {
        return Ok(G1Affine::identity());
    }
    let y_odd = bytes[G1_LEN - 1] & Y_ODD != 0;
    let zcash = zcash_coordinate(&bytes[..])?;
    let point = Option::<G1Affine>::from(G1Affine::from_compressed(&zcash)).ok_or(NotAPoint)?;
    let uncompressed = point.to_uncompressed();
    let crate_y_odd = uncompressed[2 * FP_LEN - 1] & 1 != 0;
    Ok(if crate_y_odd == y_odd { point } else { -point })
}

/// Decodes a G2 point (a public key): exactly 96 bytes.
///
/// # Errors
/// [`NotAPoint`] for another length, a coordinate ≥ p, an x with no point, or a point
/// outside the subgroup.
pub(crate) fn decode_g2(bytes: &[u8]) -> Result<G2Affine, NotAPoint> {
    let bytes: &[u8; G2_LEN] = bytes.try_into().map_err(|_| NotAPoint)?;
    if bytes.iter().all(|&b| b == 0) {
        return Ok(G2Affine::identity());
    }
    let y_odd = bytes[G2_LEN - 1] & Y_ODD != 0;
    let c1 = zcash_coordinate(&bytes[FP_LEN..])?;
    let mut zcash = [0u8; G2_LEN];
    zcash[..FP_LEN].copy_from_slice(&c1);
    zcash[FP_LEN..].copy_from_slice(&bytes[..FP_LEN]);
    zcash[FP_LEN..].reverse();
    let point = Option::<G2Affine>::from(G2Affine::from_compressed(&zcash)).ok_or(NotAPoint)?;
    // The uncompressed form is x.c1 ‖ x.c0 ‖ y.c1 ‖ y.c0, big-endian.
    let uncompressed = point.to_uncompressed();
    let crate_y_odd = uncompressed[4 * FP_LEN - 1] & 1 != 0;
    Ok(if crate_y_odd == y_odd { point } else { -point })
}

/// The 48 little-endian bytes of the coordinate that carries mcl's parity flag, as a ZCash
/// compressed coordinate (big-endian, compression flag set, y to be sorted by the caller).
///
/// # Errors
/// [`NotAPoint`] when the value does not fit in the 381 bits below the ZCash flags (it is
/// then ≥ p); `bls12_381` checks the rest of the range.
fn zcash_coordinate(little_endian: &[u8]) -> Result<[u8; FP_LEN], NotAPoint> {
    let mut big_endian = [0u8; FP_LEN];
    big_endian.copy_from_slice(little_endian.get(..FP_LEN).ok_or(NotAPoint)?);
    big_endian.reverse();
    big_endian[0] &= !Y_ODD;
    if big_endian[0] & ZCASH_FLAGS != 0 {
        return Err(NotAPoint);
    }
    big_endian[0] |= ZCASH_COMPRESSED;
    Ok(big_endian)
}

/// Encodes a G1 point as mcl does (the inverse of [`decode_g1`]; for tests and the
/// hash's checks).
#[cfg(test)]
pub(crate) fn encode_g1(point: &G1Affine) -> [u8; G1_LEN] {
    let mut out = [0u8; G1_LEN];
    if bool::from(point.is_identity()) {
        return out;
    }
    let uncompressed = point.to_uncompressed();
    out.copy_from_slice(&uncompressed[..FP_LEN]);
    out.reverse();
    if uncompressed[2 * FP_LEN - 1] & 1 != 0 {
        out[G1_LEN - 1] |= Y_ODD;
    }
    out
}

/// Encodes a G2 point as mcl does (the inverse of [`decode_g2`]; for tests).
#[cfg(test)]
pub(crate) fn encode_g2(point: &G2Affine) -> [u8; G2_LEN] {
    let mut out = [0u8; G2_LEN];
    if bool::from(point.is_identity()) {
        return out;
    }
    let uncompressed = point.to_uncompressed();
    out[..FP_LEN].copy_from_slice(&uncompressed[FP_LEN..2 * FP_LEN]);
    out[..FP_LEN].reverse();
    out[FP_LEN..].copy_from_slice(&uncompressed[..FP_LEN]);
    out[FP_LEN..].reverse();
    if uncompressed[4 * FP_LEN - 1] & 1 != 0 {
        out[G2_LEN - 1] |= Y_ODD;
    }
    out
}

#[cfg(test)]
mod tests {
    use bls12_381::{G1Affine, G1Projective, G2Affine, G2Projective, Scalar};

    use super::*;

    fn g1(n: u64) -> G1Affine {
        G1Affine::from(G1Projective::generator() * Scalar::from(n))
    }

    fn g2(n: u64) -> G2Affine {
        G2Affine::from(G2Projective::generator() * Scalar::from(n))
    }

    #[test]
    fn points_round_trip_with_either_parity() {
        let mut parities = [false; 2];
        for n in 1..12 {
            let p = g1(n);
            let bytes = encode_g1(&p);
            parities[usize::from(bytes[47] >> 7)] = true;
            assert_eq!(decode_g1(&bytes), Ok(p));
            assert_eq!(decode_g1(&encode_g1(&-p)), Ok(-p));
            let q = g2(n);
            assert_eq!(decode_g2(&encode_g2(&q)), Ok(q));
            assert_eq!(decode_g2(&encode_g2(&-q)), Ok(-q));
        }
        assert_eq!(parities, [true, true]);
    }

    #[test]
    fn flipping_the_parity_flag_negates() {
        let p = g1(5);
        let mut bytes = encode_g1(&p);
        bytes[47] ^= 0x80;
        assert_eq!(decode_g1(&bytes), Ok(-p));
        let q = g2(5);
        let mut bytes = encode_g2(&q);
        bytes[95] ^= 0x80;
        assert_eq!(decode_g2(&bytes), Ok(-q));
    }

    #[test]
    fn zero_bytes_are_infinity_and_lengths_are_exact() {
        assert_eq!(decode_g1(&[0; 48]), Ok(G1Affine::identity()));
        assert_eq!(decode_g2(&[0; 96]), Ok(G2Affine::identity()));
        let p = encode_g1(&g1(3));
        assert_eq!(decode_g1(&p[..47]), Err(NotAPoint));
        assert_eq!(decode_g1(&[&p[..], &[0]].concat()), Err(NotAPoint));
        assert_eq!(decode_g2(&[0; 95]), Err(NotAPoint));
        assert_eq!(decode_g2(&[]), Err(NotAPoint));
    }

    #[test]
    fn coordinates_at_or_above_p_are_refused() {
        // p, little-endian: not below p; with 2^381 set: beyond the flags.
        let p_be = hex_be(
            "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab",
        );
        let mut p_le = p_be;
        p_le.reverse();
        assert_eq!(decode_g1(&p_le), Err(NotAPoint));
        let mut big = [0u8; 48];
        big[47] = 0x20;
        big[0] = 1;
        assert_eq!(decode_g1(&big), Err(NotAPoint));
        let mut key = encode_g2(&g2(7));
        key[..48].copy_from_slice(&p_le);
        assert_eq!(decode_g2(&key), Err(NotAPoint));
        let mut key = encode_g2(&g2(7));
        key[95] |= 0x40;
        assert_eq!(decode_g2(&key), Err(NotAPoint));
    }

    #[test]
    fn points_outside_the_subgroup_are_refused() {
        // x = 0, y = ±2 is on y² = x³ + 4 but has order 3.
        let mut bytes = [0u8; 48];
        bytes[47] = 0x80;
        assert_eq!(decode_g1(&bytes), Err(NotAPoint));
        // Small x with a point: on the curve, almost surely outside the subgroup.
        let mut tried = 0;
        for x in 1u8..40 {
            let mut zcash = [0u8; 48];
            zcash[0] = 0x80;
            zcash[47] = x;
            let on_curve = G1Affine::from_compressed_unchecked(&zcash);
            if bool::from(on_curve.is_some()) {
                let mut mcl = [0u8; 48];
                mcl[0] = x;
                assert_eq!(decode_g1(&mcl), Err(NotAPoint), "x = {x}");
                tried += 1;
            }
            let mut zcash2 = [0u8; 96];
            zcash2[0] = 0x80;
            zcash2[95] = x;
            let on_curve = G2Affine::from_compressed_unchecked(&zcash2);
            if bool::from(on_curve.is_some()) {
                let mut mcl = [0u8; 96];
                mcl[0] = x;
                assert_eq!(decode_g2(&mcl), Err(NotAPoint), "x = {x}");
                tried += 1;
            }
        }
        assert!(tried > 4);
    }

    fn hex_be(text: &str) -> [u8; 48] {
        let mut out = [0u8; 48];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).expect("hex");
        }
        out
    }
}

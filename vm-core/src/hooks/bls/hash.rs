//! mcl's original hash to G1 (`MCL_MAP_TO_MODE_ORIGINAL`, not the IETF hash-to-curve), as
//! the production chain's non-ETH signer uses it.
//!
//! 1. t = the first 48 bytes of SHA-512(m), little-endian, cut to 381 bits; when that is
//!    still ≥ p, cut to 380 bits (`Fp::setHashOf`).
//! 2. Fouque–Tibouchi's map on y² = x³ + 4: w = c1·t / (t² + 5) with c1 = √−3 (mcl's root),
//!    then x = c2 − t·w (c2 = (c1 − 1)/2), else −1 − x, else 1 + 1/w², the first whose
//!    x³ + 4 is a square; y = (x³ + 4)^((p+1)/4), negated when t is not a square.
//! 3. The point times the full G1 cofactor h₁ = (z − 1)²/3 (not `bls12_381`'s
//!    `clear_cofactor`, which multiplies by 1 − z).
//!
//! The field arithmetic is plain big-integer arithmetic; `bls12_381` does the curve part.

use std::sync::OnceLock;

use bls12_381::{G1Affine, G1Projective, Scalar};
use num_bigint::BigUint;
use num_traits::{One, Zero};
use sha2::{Digest, Sha512};

/// The field modulus p.
const P_HEX: &str = "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab";
/// mcl's √−3 mod p.
const C1_HEX: &str =
    "be32ce5fbeed9ca374d38c0ed41eefd5bb675277cdf12d11bc2fb026c41400045c03fffffffdfffd";
/// The G1 cofactor h₁ = 0x396c8c005555e1568c00aaab0000aaab, as `Scalar` limbs (h₁ < r).
const H1_LIMBS: [u64; 4] = [0x8c00_aaab_0000_aaab, 0x396c_8c00_5555_e156, 0, 0];
/// The bit size of p.
const P_BITS: u64 = 381;
/// The curve's b.
const B: u32 = 4;
/// The length of an Fp element.
const FP_LEN: usize = 48;

/// The constants of the map, computed once.
#[derive(Debug)]
struct Field {
    p: BigUint,
    c1: BigUint,
    c2: BigUint,
    /// (p + 1) / 4, the square-root exponent (p ≡ 3 mod 4).
    sqrt_exp: BigUint,
    /// (p − 1) / 2, the Legendre exponent.
    legendre_exp: BigUint,
    /// p − 2, the inversion exponent.
    inv_exp: BigUint,
}

fn field() -> &'static Field {
    static FIELD: OnceLock<Field> = OnceLock::new();
    FIELD.get_or_init(|| {
        let p = from_hex(P_HEX);
        let c1 = from_hex(C1_HEX);
        let two_inv = (&p + 1u32) >> 1;
        let c2 = ((&c1 + &p - 1u32) * two_inv) % &p;
        Field {
            sqrt_exp: (&p + 1u32) >> 2,
            legendre_exp: (&p - 1u32) >> 1,
            inv_exp: &p - 2u32,
            c1,
            c2,
            p,
        }
    })
}

/// A hex constant (a test checks each one parses to what it should).
fn from_hex(hex: &str) -> BigUint {
    BigUint::parse_bytes(hex.as_bytes(), 16).unwrap_or_default()
}

/// H(m) in G1; `None` only for the values the map is undefined at (t = 0, t² + 5 = 0, or no
/// candidate x), which SHA-512 cannot be made to give.
pub(crate) fn hash_to_g1(message: &[u8]) -> Option<G1Affine> {
    let t = field_element_of(message);
    let (x, y) = map_to_curve(&t)?;
    let mut uncompressed = [0u8; 2 * FP_LEN];
    uncompressed[..FP_LEN].copy_from_slice(&be_bytes(&x)?);
    uncompressed[FP_LEN..].copy_from_slice(&be_bytes(&y)?);
    let point = Option::<G1Affine>::from(G1Affine::from_uncompressed_unchecked(&uncompressed))?;
    if !bool::from(point.is_on_curve()) {
        return None;
    }
    let cleared = G1Projective::from(point) * Scalar::from_raw(H1_LIMBS);
    Some(G1Affine::from(cleared))
}

/// Step 1: the field element of the message (`Fp::setHashOf`).
fn field_element_of(message: &[u8]) -> BigUint {
    let digest = Sha512::digest(message);
    let mut t = BigUint::from_bytes_le(&digest[..FP_LEN]);
    keep_low_bits(&mut t, P_BITS);
    if t >= field().p {
        keep_low_bits(&mut t, P_BITS - 1);
    }
    t
}

fn keep_low_bits(value: &mut BigUint, bits: u64) {
    let mask = (BigUint::one() << bits) - 1u32;
    *value &= mask;
}

/// Step 2: Fouque–Tibouchi (mcl's `calcBN`), as affine (x, y).
fn map_to_curve(t: &BigUint) -> Option<(BigUint, BigUint)> {
    let f = field();
    let p = &f.p;
    if t.is_zero() {
        return None;
    }
    let negative = t.modpow(&f.legendre_exp, p) != BigUint::one();
    let denominator = (t * t + 1u32 + B) % p;
    if denominator.is_zero() {
        return None;
    }
    let w = (&f.c1 * t % p) * inverse(&denominator) % p;
    let x1 = (&f.c2 + p - (t * &w % p)) % p;
    let x2 = (p + p - 1u32 - &x1) % p;
    let x3 = (inverse(&(&w * &w % p)) + 1u32) % p;
    for x in [x1, x2, x3] {
        let rhs = (&x * &x % p * &x + B) % p;
        let y = rhs.modpow(&f.sqrt_exp, p);
        if &y * &y % p == rhs {
            let y = if negative { (p - &y) % p } else { y };
            return Some((x, y));
        }
    }
    None
}

/// 1/a mod p (a ≠ 0).
fn inverse(a: &BigUint) -> BigUint {
    let f = field();
    a.modpow(&f.inv_exp, &f.p)
}

/// A value below p as 48 big-endian bytes.
fn be_bytes(value: &BigUint) -> Option<[u8; FP_LEN]> {
    let bytes = value.to_bytes_be();
    let start = FP_LEN.checked_sub(bytes.len())?;
    let mut out = [0u8; FP_LEN];
    out[start..].copy_from_slice(&bytes);
    Some(out)
}

#[cfg(test)]
mod tests {
    use bls12_381::G1Projective;

    use super::*;

    #[test]
    fn constants_are_what_they_claim() {
        let f = field();
        assert_eq!(f.p.bits(), 381);
        assert_eq!(&f.p % 4u32, BigUint::from(3u32));
        // c1² = −3 and 2·c2 = c1 − 1.
        assert_eq!(&f.c1 * &f.c1 % &f.p, &f.p - 3u32);
        assert_eq!((&f.c2 * 2u32 + 1u32) % &f.p, f.c1);
        // h₁ = (z − 1)² / 3 with z = −0xd201000000010000.
        let z_minus_1 = BigUint::from(0xd201_0000_0001_0001u64);
        let h1 = &z_minus_1 * &z_minus_1 / 3u32;
        let limbs = h1.to_u64_digits();
        assert_eq!(limbs, H1_LIMBS[..2].to_vec());
    }

    #[test]
    fn the_field_element_is_cut_to_381_bits_then_380_when_not_below_p() {
        let f = field();
        let mut ge_p = 0;
        for i in 0u32..64 {
            let message = i.to_le_bytes();
            let t = field_element_of(&message);
            assert!(t < f.p);
            let digest = Sha512::digest(message);
            let mut raw = BigUint::from_bytes_le(&digest[..48]);
            keep_low_bits(&mut raw, 381);
            if raw >= f.p {
                ge_p += 1;
                assert!(t.bits() <= 380);
                assert_eq!(t, raw - (BigUint::one() << 380u32));
            } else {
                assert_eq!(t, raw);
            }
        }
        assert!(ge_p > 0);
    }

    #[test]
    fn hashes_are_in_the_subgroup_and_differ() {
        let a = hash_to_g1(b"message to be signed").expect("maps");
        let b = hash_to_g1(b"message to be signed.").expect("maps");
        for point in [a, b] {
            assert!(bool::from(point.is_torsion_free()));
            assert!(bool::from(point.is_on_curve()));
            assert!(!bool::from(point.is_identity()));
        }
        assert_ne!(a, b);
        // Not bls12_381's own cofactor clearing: h₁ and 1 − z give different multiples.
        let t = field_element_of(b"message to be signed");
        let (x, y) = map_to_curve(&t).expect("maps");
        let mut raw = [0u8; 96];
        raw[..48].copy_from_slice(&be_bytes(&x).expect("fits"));
        raw[48..].copy_from_slice(&be_bytes(&y).expect("fits"));
        let point = G1Affine::from_uncompressed_unchecked(&raw).expect("point");
        assert_ne!(
            G1Affine::from(G1Projective::from(point).clear_cofactor()),
            a
        );
    }

    #[test]
    fn the_map_lands_on_the_curve_with_y_signed_by_t() {
        let f = field();
        for i in 1u32..40 {
            let t = BigUint::from(i);
            let (x, y) = map_to_curve(&t).expect("defined");
            assert_eq!((&y * &y) % &f.p, (&x * &x * &x + 4u32) % &f.p);
            let t_square = t.modpow(&f.legendre_exp, &f.p) == BigUint::one();
            // The root mcl takes is (x³ + 4)^((p+1)/4); its negation for non-square t.
            let root = ((&x * &x * &x + 4u32) % &f.p).modpow(&f.sqrt_exp, &f.p);
            assert_eq!(y == root, t_square || root.is_zero());
        }
        assert_eq!(map_to_curve(&BigUint::zero()), None);
    }
}

//! Point encodings (SEC 1 §2.3.3–2.3.4, as Go's `elliptic.Marshal`, `MarshalCompressed`,
//! `Unmarshal` and `UnmarshalCompressed` over a generic `CurveParams`) and key generation (Go's
//! `elliptic.GenerateKey`), as pure functions.

use num_bigint::BigUint;
use num_traits::{One, Zero};

use super::curve::{CurveParams, Point};

/// The prefix of an uncompressed point.
const UNCOMPRESSED: u8 = 4;
/// The prefix of a compressed point with an even `y` (odd: one more).
const COMPRESSED_EVEN: u8 = 2;

/// `value` big-endian, left-padded with zeros to `len` bytes (`len` ≥ its length).
fn fill_bytes(out: &mut Vec<u8>, value: &BigUint, len: usize) {
    let bytes = if value.is_zero() {
        Vec::new()
    } else {
        value.to_bytes_be()
    };
    out.resize(out.len() + len.saturating_sub(bytes.len()), 0);
    out.extend_from_slice(&bytes);
}

/// `04 ‖ x ‖ y`, each coordinate on `⌈bit_size / 8⌉` bytes; the point's coordinates fit.
pub(crate) fn marshal(curve: &CurveParams, point: &Point) -> Vec<u8> {
    let len = curve.byte_len();
    let mut out = Vec::with_capacity(1 + 2 * len);
    out.push(UNCOMPRESSED);
    fill_bytes(&mut out, &point.x, len);
    fill_bytes(&mut out, &point.y, len);
    out
}

/// `(02 | y mod 2) ‖ x`, `x` on `⌈bit_size / 8⌉` bytes.
pub(crate) fn marshal_compressed(curve: &CurveParams, point: &Point) -> Vec<u8> {
    let len = curve.byte_len();
    let mut out = Vec::with_capacity(1 + len);
    out.push(COMPRESSED_EVEN | u8::from(point.y.bit(0)));
    fill_bytes(&mut out, &point.x, len);
    out
}

/// The point `04 ‖ x ‖ y` encodes: `None` for a wrong length or prefix, a coordinate not
/// below `p`, or a point off the curve.
pub(crate) fn unmarshal(curve: &CurveParams, data: &[u8]) -> Option<Point> {
    let len = curve.byte_len();
    if data.len() != 1 + 2 * len || data[0] != UNCOMPRESSED {
        return None;
    }
    let x = BigUint::from_bytes_be(&data[1..=len]);
    let y = BigUint::from_bytes_be(&data[1 + len..]);
    on_curve(curve, Point::new(x, y))
}

/// The point `(02 | parity) ‖ x` encodes: `None` for a wrong length or prefix, `x` not below
/// `p`, or an `x` with no point on the curve.
pub(crate) fn unmarshal_compressed(curve: &CurveParams, data: &[u8]) -> Option<Point> {
    let len = curve.byte_len();
    if data.len() != 1 + len || (data[0] != COMPRESSED_EVEN && data[0] != COMPRESSED_EVEN + 1) {
        return None;
    }
    let x = BigUint::from_bytes_be(&data[1..]);
    if x >= curve.p {
        return None;
    }
    let mut y = mod_sqrt(&curve.polynomial(&x), &curve.p)?;
    if y.bit(0) != (data[0] & 1 == 1) {
        y = (&curve.p - y) % &curve.p;
    }
    on_curve(curve, Point::new(x, y))
}

fn on_curve(curve: &CurveParams, point: Point) -> Option<Point> {
    let on = point.x < curve.p
        && point.y < curve.p
        && (&point.y * &point.y) % &curve.p == curve.polynomial(&point.x);
    on.then_some(point)
}

/// A square root of `a` modulo the odd prime `p` (`a < p`), `None` when `a` is not a square
/// (Tonelli–Shanks; a single exponentiation when `p ≡ 3 mod 4`).
pub(crate) fn mod_sqrt(a: &BigUint, p: &BigUint) -> Option<BigUint> {
    if a.is_zero() {
        return Some(BigUint::zero());
    }
    let one = BigUint::one();
    let p_minus_1 = p - &one;
    let legendre_exp = &p_minus_1 >> 1u32;
    if a.modpow(&legendre_exp, p) != one {
        return None;
    }
    if p.bit(0) && p.bit(1) {
        return Some(a.modpow(&((p + &one) >> 2u32), p));
    }
    // p − 1 = q · 2^s with q odd.
    let s = p_minus_1.trailing_zeros().unwrap_or(0);
    let q = &p_minus_1 >> s;
    let mut z = BigUint::from(2u32);
    while z.modpow(&legendre_exp, p) != p_minus_1 {
        z += 1u32;
    }
    let mut m = s;
    let mut c = z.modpow(&q, p);
    let mut t = a.modpow(&q, p);
    let mut r = a.modpow(&((&q + &one) >> 1u32), p);
    while t != one {
        // The least i with t^(2^i) = 1; 0 < i < m since a is a square.
        let mut i = 0;
        let mut t2i = t.clone();
        while t2i != one {
            t2i = (&t2i * &t2i) % p;
            i += 1;
            if i == m {
                return None;
            }
        }
        let mut b = c;
        for _ in 0..(m - i - 1) {
            b = (&b * &b) % p;
        }
        m = i;
        c = (&b * &b) % p;
        t = (t * &c) % p;
        r = (r * b) % p;
    }
    Some(r)
}

/// Go's `elliptic.GenerateKey`: reads `⌈bits(n) / 8⌉` bytes from `read`, keeps the low
/// `bits(n) mod 8` bits of the first byte (all 8 when 0), flips bits of the second with
/// `0x42`, draws again while the scalar is not below `n`; answers the private key bytes and
/// the public point `priv · G`.
pub(crate) fn generate_key(
    curve: &CurveParams,
    mut read: impl FnMut(&mut [u8]),
) -> (Vec<u8>, Point) {
    const MASK: [u8; 8] = [0xff, 0x1, 0x3, 0x7, 0xf, 0x1f, 0x3f, 0x7f];
    let bits = curve.n.bits();
    let mut private = vec![0u8; curve.private_key_len()];
    loop {
        read(&mut private);
        private[0] &= MASK[usize::try_from(bits % 8).unwrap_or(0)];
        private[1] ^= 0x42;
        if BigUint::from_bytes_be(&private) < curve.n {
            let public = curve.scalar_base_mult(&private);
            return (private, public);
        }
    }
}

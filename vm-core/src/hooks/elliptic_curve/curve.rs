//! The NIST curves P-224, P-256, P-384 and P-521 (FIPS 186-4, D.1.2) and their group law, as
//! pure functions on big integers.
//!
//! Every curve is `y² = x³ − 3x + b` over the prime field of `p`, with a base point `G` of
//! prime order `n` and cofactor 1. Points are affine `(x, y)` with `0 ≤ x, y < p`; the point at
//! infinity is `(0, 0)`, which is not on the curve (Go's `elliptic.CurveParams` convention,
//! which the production VM's hooks use). The group law is generic over the parameters, as Go's
//! `CurveParams` is: Jacobian coordinates inside, affine results outside.

use std::sync::LazyLock;

use num_bigint::{BigInt, BigUint};
use num_traits::{One, Zero};

/// A curve's parameters (Go's `elliptic.CurveParams`, with `a = −3`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CurveParams {
    /// The field's prime.
    pub p: BigUint,
    /// The order of the base point.
    pub n: BigUint,
    /// The constant `b` of the equation.
    pub b: BigUint,
    /// The base point's `x`.
    pub gx: BigUint,
    /// The base point's `y`.
    pub gy: BigUint,
    /// The field's size in bits.
    pub bit_size: u16,
}

/// An affine point; `(0, 0)` is the point at infinity.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Point {
    /// The `x` coordinate.
    pub x: BigUint,
    /// The `y` coordinate.
    pub y: BigUint,
}

impl Point {
    /// The point `(x, y)`.
    pub fn new(x: BigUint, y: BigUint) -> Self {
        Self { x, y }
    }

    /// Whether this is the point at infinity, `(0, 0)`.
    pub fn is_infinity(&self) -> bool {
        self.x.is_zero() && self.y.is_zero()
    }
}

/// A point in Jacobian coordinates `(X, Y, Z)` for `(X/Z², Y/Z³)`; `Z = 0` is infinity.
#[derive(Debug, Clone)]
struct Jacobian {
    x: BigUint,
    y: BigUint,
    z: BigUint,
}

fn hex(digits: &str) -> BigUint {
    BigUint::parse_bytes(digits.as_bytes(), 16).unwrap_or_default()
}

fn params(bit_size: u16, [p, n, b, gx, gy]: [&str; 5]) -> CurveParams {
    CurveParams {
        p: hex(p),
        n: hex(n),
        b: hex(b),
        gx: hex(gx),
        gy: hex(gy),
        bit_size,
    }
}

static P224: LazyLock<CurveParams> = LazyLock::new(|| {
    params(
        224,
        [
            "ffffffffffffffffffffffffffffffff000000000000000000000001",
            "ffffffffffffffffffffffffffff16a2e0b8f03e13dd29455c5c2a3d",
            "b4050a850c04b3abf54132565044b0b7d7bfd8ba270b39432355ffb4",
            "b70e0cbd6bb4bf7f321390b94a03c1d356c21122343280d6115c1d21",
            "bd376388b5f723fb4c22dfe6cd4375a05a07476444d5819985007e34",
        ],
    )
});

static P256: LazyLock<CurveParams> = LazyLock::new(|| {
    params(
        256,
        [
            "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
            "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
            "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b",
            "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296",
            "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5",
        ],
    )
});

static P384: LazyLock<CurveParams> = LazyLock::new(|| {
    params(
        384,
        [
            "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe\
             ffffffff0000000000000000ffffffff",
            "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf\
             581a0db248b0a77aecec196accc52973",
            "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875a\
             c656398d8a2ed19d2a85c8edd3ec2aef",
            "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a38\
             5502f25dbf55296c3a545e3872760ab7",
            "3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c0\
             0a60b1ce1d7e819d7a431d7c90ea0e5f",
        ],
    )
});

static P521: LazyLock<CurveParams> = LazyLock::new(|| {
    params(
        521,
        [
            "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\
             ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
            "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\
             fffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409",
            "0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef1\
             09e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00",
            "00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d\
             3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66",
            "011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e\
             662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650",
        ],
    )
});

/// The curve a `createEC` name (`p224`, `p256`, `p384`, `p521`) designates, by field size.
pub(crate) fn bit_size_of_name(name: &[u8]) -> Option<u16> {
    match name {
        b"p224" => Some(224),
        b"p256" => Some(256),
        b"p384" => Some(384),
        b"p521" => Some(521),
        _ => None,
    }
}

/// The NIST curve whose field has `bit_size` bits.
pub(crate) fn by_bit_size(bit_size: u16) -> Option<&'static CurveParams> {
    match bit_size {
        224 => Some(&P224),
        256 => Some(&P256),
        384 => Some(&P384),
        521 => Some(&P521),
        _ => None,
    }
}

impl CurveParams {
    /// The length of a coordinate in bytes, `⌈bit_size / 8⌉`.
    pub fn byte_len(&self) -> usize {
        usize::from(self.bit_size).div_ceil(8)
    }

    /// The length of a private key in bytes, `⌈bits(n) / 8⌉`.
    pub fn private_key_len(&self) -> usize {
        usize::try_from(self.n.bits().div_ceil(8)).unwrap_or(usize::MAX)
    }

    /// The base point.
    pub fn generator(&self) -> Point {
        Point::new(self.gx.clone(), self.gy.clone())
    }

    /// `x³ − 3x + b mod p`, the square of `y` for a point of abscissa `x` (`x < p`).
    pub fn polynomial(&self, x: &BigUint) -> BigUint {
        let p = &self.p;
        let x3 = x * x * x;
        let three_x = (x * 3u32) % p;
        (x3 + p - three_x + &self.b) % p
    }

    /// Whether `(x, y)` is on the curve: both in `[0, p)` and `y² = x³ − 3x + b`. The point
    /// at infinity `(0, 0)` is not.
    pub fn is_on_curve(&self, x: &BigInt, y: &BigInt) -> bool {
        match (x.to_biguint(), y.to_biguint()) {
            (Some(x), Some(y)) if x < self.p && y < self.p => {
                (&y * &y) % &self.p == self.polynomial(&x)
            }
            _ => false,
        }
    }

    /// `a + b` in the group (either may be infinity); `P + (−P)` is infinity.
    pub fn add(&self, a: &Point, b: &Point) -> Point {
        let sum = self.add_jacobian(&self.to_jacobian(a), &self.to_jacobian(b));
        self.to_affine(&sum)
    }

    /// `2a` in the group.
    pub fn double(&self, a: &Point) -> Point {
        let doubled = self.double_jacobian(&self.to_jacobian(a));
        self.to_affine(&doubled)
    }

    /// `k · a`, for `k` a big-endian unsigned integer of any length. `a` must be on the curve
    /// (or infinity): its order divides `n`, so `k` is reduced modulo `n` first, which bounds
    /// the work whatever the length of `k` and gives the same point as Go's bit-by-bit loop.
    pub fn scalar_mult(&self, a: &Point, k: &[u8]) -> Point {
        let k = BigUint::from_bytes_be(k) % &self.n;
        let base = self.to_jacobian(a);
        let mut acc = Jacobian::infinity();
        for bit in (0..k.bits()).rev() {
            acc = self.double_jacobian(&acc);
            if k.bit(bit) {
                acc = self.add_jacobian(&acc, &base);
            }
        }
        self.to_affine(&acc)
    }

    /// `k · G`.
    pub fn scalar_base_mult(&self, k: &[u8]) -> Point {
        self.scalar_mult(&self.generator(), k)
    }

    fn to_jacobian(&self, a: &Point) -> Jacobian {
        if a.is_infinity() {
            return Jacobian::infinity();
        }
        Jacobian {
            x: a.x.clone(),
            y: a.y.clone(),
            z: BigUint::one(),
        }
    }

    fn to_affine(&self, a: &Jacobian) -> Point {
        if a.z.is_zero() {
            return Point::default();
        }
        let p = &self.p;
        // p is prime: z^(p−2) is z's inverse.
        let z_inv = a.z.modpow(&(p - 2u32), p);
        let z_inv2 = (&z_inv * &z_inv) % p;
        let x = (&a.x * &z_inv2) % p;
        let y = (&a.y * z_inv2 % p * z_inv) % p;
        Point::new(x, y)
    }

    /// `a − b mod p`, for `a, b < p`.
    fn sub(&self, a: &BigUint, b: &BigUint) -> BigUint {
        (a + &self.p - b) % &self.p
    }

    /// Doubling with `a = −3` ("dbl-2001-b").
    fn double_jacobian(&self, a: &Jacobian) -> Jacobian {
        if a.z.is_zero() || a.y.is_zero() {
            return Jacobian::infinity();
        }
        let p = &self.p;
        let delta = (&a.z * &a.z) % p;
        let gamma = (&a.y * &a.y) % p;
        let beta = (&a.x * &gamma) % p;
        let alpha = (self.sub(&a.x, &delta) * ((&a.x + &delta) % p) * 3u32) % p;
        let eight_beta = (&beta * 8u32) % p;
        let x3 = self.sub(&((&alpha * &alpha) % p), &eight_beta);
        let z3 = self.sub(
            &self.sub(&(((&a.y + &a.z) * (&a.y + &a.z)) % p), &gamma),
            &delta,
        );
        let four_beta = (&beta * 4u32) % p;
        let eight_gamma2 = (&gamma * &gamma * 8u32) % p;
        let y3 = self.sub(&((alpha * self.sub(&four_beta, &x3)) % p), &eight_gamma2);
        Jacobian {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    /// General addition ("add-2007-bl"), doubling when both points are equal.
    fn add_jacobian(&self, a: &Jacobian, b: &Jacobian) -> Jacobian {
        if a.z.is_zero() {
            return b.clone();
        }
        if b.z.is_zero() {
            return a.clone();
        }
        let p = &self.p;
        let z1z1 = (&a.z * &a.z) % p;
        let z2z2 = (&b.z * &b.z) % p;
        let u1 = (&a.x * &z2z2) % p;
        let u2 = (&b.x * &z1z1) % p;
        let s1 = (&a.y * &b.z % p * &z2z2) % p;
        let s2 = (&b.y * &a.z % p * &z1z1) % p;
        let h = self.sub(&u2, &u1);
        let r = (self.sub(&s2, &s1) * 2u32) % p;
        if h.is_zero() {
            return if r.is_zero() {
                self.double_jacobian(a)
            } else {
                Jacobian::infinity()
            };
        }
        let i = (&h * &h * 4u32) % p;
        let j = (&h * &i) % p;
        let v = (&u1 * &i) % p;
        let x3 = self.sub(&self.sub(&((&r * &r) % p), &j), &((&v * 2u32) % p));
        let y3 = self.sub(&((r * self.sub(&v, &x3)) % p), &((s1 * j * 2u32) % p));
        let z_sum = (&a.z + &b.z) % p;
        let z3 = (self.sub(&self.sub(&((&z_sum * &z_sum) % p), &z1z1), &z2z2) * h) % p;
        Jacobian {
            x: x3,
            y: y3,
            z: z3,
        }
    }
}

impl Jacobian {
    fn infinity() -> Self {
        Self {
            x: BigUint::one(),
            y: BigUint::one(),
            z: BigUint::zero(),
        }
    }
}

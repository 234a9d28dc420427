//! Big floats: the values of the production VM's big-float hooks, which are Go `big.Float`s
//! of precision 53 rounding to nearest even.
//!
//! A [`BigFloat`] is a sign, a form (zero, finite, infinite), Go's exponent and the
//! significant bits, plus the accuracy of the operation that produced it, which the gob
//! encoding shows. Go's exponent `e` puts the value at `0.m × 2^e` with `0.5 ≤ 0.m < 1`, so
//! 1 has exponent 1 (one more than IEEE's).
//!
//! Everything is exact integer arithmetic on [`BigUint`] significands followed by one
//! rounding ([`round`]); no host floating point is used. Results of operations have at most
//! 53 significant bits, but a value decoded from a buffer keeps all the bits of its encoded
//! mantissa, unrounded, as Go's `GobDecode` and `Set` keep them; the operations take such
//! values exactly as they are. Zero carries a sign (`-0`), as in Go.
//!
//! The arithmetic ([`BigFloat::add`], [`BigFloat::sqrt`], [`pow10`], …) is in `arith.rs`;
//! the hooks' own rules (exponent limits, infinities, messages) are in
//! `hooks/big_float.rs`.

mod arith;
#[cfg(test)]
mod tests;

use std::cmp::Ordering;

use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{ToPrimitive, Zero};

pub use arith::{float64_of_i64, pow10};

/// The precision of every big float of the VM, in bits.
pub const PRECISION: u32 = 53;

/// The largest exponent (Go's) a big float may have when a hook reads or produces it; the
/// smallest is its opposite.
pub const MAX_EXPONENT: i32 = 65025;

/// The first six bytes of every encoding: version 1, flags, precision 53 (big-endian u32).
const GOB_VERSION: u8 = 1;

/// The encoding of +0, the only 6-byte encoding a buffer may hold.
const ENCODED_ZERO: [u8; 6] = [1, 0x08, 0, 0, 0, 53];

/// What a value is besides its sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// ±0.
    Zero,
    /// A nonzero finite value.
    Finite,
    /// ±∞ (only as the result of a division by zero; never stored).
    Inf,
}

/// How the value compares with the exact result of the operation that produced it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accuracy {
    /// Rounded down.
    Below,
    /// Exact.
    Exact,
    /// Rounded up.
    Above,
}

/// A Go `big.Float` of precision 53, rounding to nearest even (see the module doc).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BigFloat {
    neg: bool,
    form: Form,
    /// Go's exponent (finite values; 0 otherwise).
    exp: i32,
    /// The significant bits, trailing zeros removed (odd; 0 unless finite).
    sig: BigUint,
    acc: Accuracy,
}

impl Default for BigFloat {
    fn default() -> Self {
        Self::zero(false)
    }
}

/// An unrounded value: `±sig × 2^e2`, plus `sticky` when a nonzero part below `2^e2` was
/// dropped (the exact value then lies strictly between `sig` and `sig + 1` units).
#[derive(Debug, Clone)]
pub(crate) struct Unrounded {
    pub(crate) neg: bool,
    pub(crate) sig: BigUint,
    pub(crate) e2: i64,
    pub(crate) sticky: bool,
}

/// Rounds `x` to `prec` bits, to nearest even, with the last kept bit no lower than
/// `2^min_lsb` (IEEE doubles' subnormals: `-1074`; `i64::MIN` for big floats), and records
/// the accuracy. A zero `sig` without `sticky` gives a zero of `x`'s sign.
pub(crate) fn round(x: Unrounded, prec: u32, min_lsb: i64) -> BigFloat {
    let Unrounded {
        neg,
        mut sig,
        mut e2,
        sticky,
    } = x;
    if sig.is_zero() && !sticky {
        return BigFloat::zero(neg);
    }
    // Room below the rounding bit, so that the sticky part lies under it.
    let room = u64::from(prec) + 2;
    if sticky && sig.bits() < room {
        let shift = room - sig.bits();
        sig <<= shift;
        e2 -= to_i64(shift);
    }
    let top = e2 + to_i64(sig.bits());
    let lsb = (top - i64::from(prec)).max(min_lsb);
    if lsb <= e2 {
        return BigFloat::finite(neg, sig, e2, Accuracy::Exact);
    }
    let drop = u64::try_from(lsb - e2).unwrap_or(u64::MAX);
    let (kept, rem_vs_half, inexact) = if drop > sig.bits() + 1 {
        // Far below half a unit of the last kept bit.
        (BigUint::zero(), Ordering::Less, true)
    } else {
        let kept = &sig >> drop;
        let rem = &sig - (&kept << drop);
        let half = BigUint::from(1u8) << (drop - 1);
        let order = rem.cmp(&half).then(if sticky {
            Ordering::Greater
        } else {
            Ordering::Equal
        });
        (kept, order, sticky || !rem.is_zero())
    };
    let up = match rem_vs_half {
        Ordering::Greater => true,
        Ordering::Equal => kept.bit(0),
        Ordering::Less => false,
    };
    let kept = if up { kept + 1u8 } else { kept };
    let acc = if !inexact {
        Accuracy::Exact
    } else if up != neg {
        Accuracy::Above
    } else {
        Accuracy::Below
    };
    if kept.is_zero() {
        let mut zero = BigFloat::zero(neg);
        zero.acc = acc;
        return zero;
    }
    BigFloat::finite(neg, kept, lsb, acc)
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Go's exponent as stored: values beyond `i32` (unreachable from bounded operands) clamp,
/// and fail the hooks' exponent check like any exponent beyond the limits.
fn clamp_exp(exp: i64) -> i32 {
    i32::try_from(exp).unwrap_or(if exp < 0 { i32::MIN } else { i32::MAX })
}

impl BigFloat {
    /// ±0.
    pub fn zero(neg: bool) -> Self {
        Self {
            neg,
            form: Form::Zero,
            exp: 0,
            sig: BigUint::zero(),
            acc: Accuracy::Exact,
        }
    }

    /// ±∞.
    pub(crate) fn inf(neg: bool) -> Self {
        Self {
            form: Form::Inf,
            ..Self::zero(neg)
        }
    }

    /// `±sig × 2^e2`, exactly (`sig` nonzero).
    fn finite(neg: bool, sig: BigUint, e2: i64, acc: Accuracy) -> Self {
        let zeros = sig.trailing_zeros().unwrap_or(0);
        let sig = sig >> zeros;
        let exp = e2 + to_i64(zeros) + to_i64(sig.bits());
        Self {
            neg,
            form: Form::Finite,
            exp: clamp_exp(exp),
            sig,
            acc,
        }
    }

    /// `±sig × 2^e2` rounded to 53 bits.
    pub(crate) fn rounded(neg: bool, sig: BigUint, e2: i64) -> Self {
        round(
            Unrounded {
                neg,
                sig,
                e2,
                sticky: false,
            },
            PRECISION,
            i64::MIN,
        )
    }

    /// Go's `SetInt64`: `value` rounded to 53 bits, keeping the accuracy of the rounding
    /// (`Below` or `Above` for integers beyond 2^53 that need it).
    pub fn from_i64(value: i64) -> Self {
        Self::rounded(value < 0, BigUint::from(value.unsigned_abs()), 0)
    }

    /// Go's `SetInt`: `value` rounded to 53 bits (zero is +0).
    pub fn from_big_int(value: &BigInt) -> Self {
        Self::rounded(value.sign() == Sign::Minus, value.magnitude().clone(), 0)
    }

    /// Go's `math.Pi` (the double nearest π), exactly.
    pub fn pi() -> Self {
        Self::finite(
            false,
            BigUint::from(0x0019_21FB_5444_2D18_u64),
            -51,
            Accuracy::Exact,
        )
    }

    /// Go's `math.E` (the double nearest e), exactly.
    pub fn e() -> Self {
        Self::finite(
            false,
            BigUint::from(0x0015_BF0A_8B14_5769_u64),
            -51,
            Accuracy::Exact,
        )
    }

    /// The same value with accuracy `Exact`, as Go's `Set` leaves it.
    pub fn exact(mut self) -> Self {
        self.acc = Accuracy::Exact;
        self
    }

    /// `-self` (`-0` for +0), exact.
    pub fn neg(&self) -> Self {
        let mut out = self.clone().exact();
        out.neg = !out.neg;
        out
    }

    /// `|self|`, exact.
    pub fn abs(&self) -> Self {
        let mut out = self.clone().exact();
        out.neg = false;
        out
    }

    /// Whether the sign bit is set (also for -0).
    pub fn is_negative(&self) -> bool {
        self.neg
    }

    /// The form: zero, finite or infinite.
    pub fn form(&self) -> Form {
        self.form
    }

    /// The accuracy of the operation that produced the value.
    pub fn accuracy(&self) -> Accuracy {
        self.acc
    }

    /// -1, 0 or 1 (0 for both zeros).
    pub fn sign(&self) -> i32 {
        match (self.form, self.neg) {
            (Form::Zero, _) => 0,
            (_, true) => -1,
            (_, false) => 1,
        }
    }

    /// Whether the value is ±∞.
    pub fn is_inf(&self) -> bool {
        self.form == Form::Inf
    }

    /// Whether the value is ±0.
    pub fn is_zero(&self) -> bool {
        self.form == Form::Zero
    }

    /// Go's exponent (`MantExp`): 0 unless finite.
    pub fn exponent(&self) -> i32 {
        self.exp
    }

    /// Whether the exponent is within ±[`MAX_EXPONENT`].
    pub fn exponent_in_range(&self) -> bool {
        (-MAX_EXPONENT..=MAX_EXPONENT).contains(&self.exp)
    }

    /// The significant bits (odd; zero unless finite) and the power of two of the last one.
    pub(crate) fn parts(&self) -> (&BigUint, i64) {
        let e2 = i64::from(self.exp) - to_i64(self.sig.bits());
        (&self.sig, e2)
    }

    /// The value, unrounded.
    pub(crate) fn unrounded(&self) -> Unrounded {
        let (sig, e2) = self.parts();
        Unrounded {
            neg: self.neg,
            sig: sig.clone(),
            e2,
            sticky: false,
        }
    }

    /// Go's `IsInt` at precision 53: zero, or a finite value whose exponent is at least 53
    /// or covers every significant bit. (A decoded value with more than 53 significant bits
    /// and an exponent of 53 or more counts as an integer although it has a fraction.)
    pub fn is_int(&self) -> bool {
        match self.form {
            Form::Zero => true,
            Form::Inf => false,
            Form::Finite => {
                self.exp > 0
                    && (self.exp.unsigned_abs() >= PRECISION
                        || self.sig.bits() <= u64::from(self.exp.unsigned_abs()))
            }
        }
    }

    /// Go's `Int`: the value truncated toward zero (0 for ±∞, which the hooks never hold).
    pub fn trunc(&self) -> BigInt {
        if self.form != Form::Finite || self.exp <= 0 {
            return BigInt::zero();
        }
        let (sig, e2) = self.parts();
        let magnitude = if e2 >= 0 {
            sig << u64::try_from(e2).unwrap_or(0)
        } else {
            sig >> e2.unsigned_abs()
        };
        let sign = if self.neg { Sign::Minus } else { Sign::Plus };
        BigInt::from_biguint(sign, magnitude)
    }

    /// Go's `Cmp`: -0 equals +0.
    pub fn compare(&self, other: &Self) -> Ordering {
        let (a, b) = (self.order(), other.order());
        if a != b || a == 0 || a.abs() == 2 {
            return a.cmp(&b);
        }
        let magnitudes = self.cmp_magnitude(other);
        if a < 0 {
            magnitudes.reverse()
        } else {
            magnitudes
        }
    }

    /// -2, -1, 0, 1, 2 for -∞, negative, zero, positive, +∞.
    fn order(&self) -> i8 {
        let m = match self.form {
            Form::Zero => return 0,
            Form::Finite => 1,
            Form::Inf => 2,
        };
        if self.neg { -m } else { m }
    }

    /// Compares the magnitudes of two finite values.
    pub(crate) fn cmp_magnitude(&self, other: &Self) -> Ordering {
        self.exp.cmp(&other.exp).then_with(|| {
            let (a, b) = (self.sig.bits(), other.sig.bits());
            let width = a.max(b);
            (&self.sig << (width - a)).cmp(&(&other.sig << (width - b)))
        })
    }

    /// The top 64 bits of the significand, left-aligned (the mantissa word of the encoding).
    fn top_word(&self) -> u64 {
        let bits = self.sig.bits();
        let word = if bits <= 64 {
            &self.sig << (64 - bits)
        } else {
            &self.sig >> (bits - 64)
        };
        word.to_u64().unwrap_or(u64::MAX)
    }

    /// Go's `GobEncode`: version 1; flags `(accuracy + 1) << 3 | form << 1 | sign` (rounding
    /// mode 0, to nearest even); precision 53 as a big-endian u32; for finite values the
    /// exponent (big-endian i32) and the top 64 bits of the mantissa (big-endian).
    pub fn gob_encode(&self) -> Vec<u8> {
        let acc: u8 = match self.acc {
            Accuracy::Below => 0,
            Accuracy::Exact => 1,
            Accuracy::Above => 2,
        };
        let form: u8 = match self.form {
            Form::Zero => 0,
            Form::Finite => 1,
            Form::Inf => 2,
        };
        let mut out = Vec::with_capacity(18);
        out.push(GOB_VERSION);
        out.push(acc << 3 | form << 1 | u8::from(self.neg));
        out.extend_from_slice(&PRECISION.to_be_bytes());
        if self.form == Form::Finite {
            out.extend_from_slice(&self.exp.to_be_bytes());
            out.extend_from_slice(&self.top_word().to_be_bytes());
        }
        out
    }

    /// Whether `bytes` may be decoded (the production VM's check before decoding): exactly
    /// the encoding of +0, or more than 6 bytes starting as an exact positive or negative
    /// finite value of precision 53.
    pub fn encoding_accepted(bytes: &[u8]) -> bool {
        match bytes.len() {
            0..6 => false,
            6 => bytes == ENCODED_ZERO,
            _ => {
                let flags_ok = bytes[1] == 0x0a || bytes[1] == 0x0b;
                bytes[0] == GOB_VERSION && flags_ok && bytes[2..6] == PRECISION.to_be_bytes()
            }
        }
    }

    /// Go's `GobDecode` (with the validation of Go 1.21+) of bytes that
    /// [`encoding_accepted`](Self::encoding_accepted): `None` for a finite value shorter
    /// than 10 bytes or whose mantissa (every byte from the 11th, big-endian) is zero or
    /// does not fill whole 64-bit words with the top bit set. The mantissa is kept whole,
    /// unrounded; the exponent is not checked here.
    pub fn gob_decode(bytes: &[u8]) -> Option<Self> {
        if bytes.len() == 6 {
            return Some(Self::zero(bytes[1] & 1 == 1));
        }
        let exp = i32::from_be_bytes(bytes.get(6..10)?.try_into().ok()?);
        let mantissa = BigUint::from_bytes_be(bytes.get(10..)?);
        let bits = mantissa.bits();
        if bits == 0 || !bits.is_multiple_of(64) {
            return None;
        }
        let e2 = i64::from(exp) - to_i64(bits);
        Some(Self::finite(
            bytes[1] & 1 == 1,
            mantissa,
            e2,
            Accuracy::Exact,
        ))
    }
}

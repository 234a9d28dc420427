//! Big-float arithmetic as Go's `big.Float` computes it at precision 53, to nearest even.
//!
//! Addition, subtraction, multiplication and division are computed exactly on integers and
//! rounded once, which is what Go does (its results are correctly rounded). The square root
//! follows Go's own algorithm step by step (an IEEE double estimate `1/√x`, one Newton step
//! at 106 bits, a final product rounded to 53 bits), each step an exact operation rounded
//! like Go's, so that its result is Go's even where that would differ from the correctly
//! rounded root. Go's `math.Pow10` table arithmetic and the IEEE double operations it and
//! the square root use are emulated the same way, with IEEE rounding (subnormals
//! included): no host floating point is used, so every result is the same on every machine.
//!
//! The operands are finite or zero (the hooks refuse infinities before computing); an
//! infinite operand gives an infinite result.

use num_bigint::BigUint;
use num_traits::{One, Zero};

use super::{Accuracy, BigFloat, Form, MAX_EXPONENT, PRECISION, Unrounded, round, to_i64};
use crate::managed::isqrt;

/// The lowest bit an IEEE double may have (its smallest subnormal is `2^-1074`).
const DOUBLE_MIN_LSB: i64 = -1074;

/// No lower limit on the last bit (big floats have no subnormals).
const NO_MIN_LSB: i64 = i64::MIN;

/// The precision of the Newton step of Go's square root (twice 53, the first doubling that
/// reaches 53 + 32).
const SQRT_NEWTON_PRECISION: u32 = 2 * PRECISION;

impl BigFloat {
    /// Go's `Add`: `self + other`, rounded to 53 bits. Adding ±0 gives the other operand
    /// unchanged; `-0 + -0` is -0; `x + (-x)` is +0.
    pub fn add(&self, other: &Self) -> Self {
        add_to(self, other, other.neg, PRECISION)
    }

    /// Go's `Sub`: `self - other`, rounded to 53 bits. `-0 - +0` is -0; `x - x` is +0.
    pub fn sub(&self, other: &Self) -> Self {
        add_to(self, other, !other.neg, PRECISION)
    }

    /// Go's `Mul`: `self × other`, rounded to 53 bits (a zero operand gives a zero whose
    /// sign is the product of the signs).
    pub fn mul(&self, other: &Self) -> Self {
        mul_to(self, other, PRECISION)
    }

    /// Go's `Quo`: `self / other`, rounded to 53 bits; a nonzero value divided by zero is
    /// ±∞. `0 / 0` has no value (Go panics; the hooks refuse it before): it gives +0.
    pub fn quo(&self, other: &Self) -> Self {
        quo_to(self, other, PRECISION, NO_MIN_LSB)
    }

    /// Go's `Sqrt` of a value that is not negative (±0 gives itself; the hooks refuse
    /// negative values, for which Go panics: this computes the root of the magnitude).
    pub fn sqrt(&self) -> Self {
        if self.form != Form::Finite {
            return self.clone().exact();
        }
        // x = z × 2^(2h) with 0.25 ≤ z < 2.
        let b = self.exp;
        let mut z = self.abs();
        z.exp = b % 2;
        let z_double = round(z.unrounded(), PRECISION, DOUBLE_MIN_LSB);
        let root = sqrt_to(&z_double, PRECISION);
        let one = BigFloat::from_i64(1);
        let t = quo_to(&one, &root, PRECISION, DOUBLE_MIN_LSB);
        // One Newton step for 1/√z: t ← t(3 - z t²) / 2.
        let p = SQRT_NEWTON_PRECISION;
        let u = mul_to(&t, &t, p);
        let u = mul_to(&z, &u, p);
        let v = add_to(&BigFloat::from_i64(3), &u, !u.neg, p);
        let mut t = mul_to(&t, &v, p);
        t.exp -= 1;
        let mut result = mul_to(&z, &t, PRECISION);
        result.exp += b / 2;
        result.acc = Accuracy::Exact;
        result
    }

    /// The production VM's power: `1 × self × … × self` (`n` products, each rounded to 53
    /// bits; 1 for `n ≤ 0`). `None` as soon as a product's exponent leaves ±65025.
    pub fn pow(&self, n: i32) -> Option<Self> {
        let steps = u32::try_from(n).unwrap_or(0);
        let neg = self.neg && steps % 2 == 1;
        let one = BigFloat::from_i64(1);
        if steps == 0 {
            return Some(one);
        }
        if self.form == Form::Zero {
            return Some(BigFloat::zero(neg));
        }
        if self.sig.is_one() && self.exp == 1 {
            return Some(if neg { one.neg() } else { one });
        }
        if let Some(base) = u64::try_from(&self.sig)
            .ok()
            .filter(|_| self.form == Form::Finite)
        {
            return pow_small(base, self.parts().1, self.neg, steps);
        }
        let mut result = one;
        for _ in 0..steps {
            result = result.mul(self);
            if !result.exponent_in_range() {
                return None;
            }
        }
        Some(result.exact())
    }
}

/// [`BigFloat::pow`] for a significand of at most 64 bits (every value but a decoded one
/// with a longer mantissa): the same products, on machine integers.
fn pow_small(base: u64, base_e2: i64, base_neg: bool, steps: u32) -> Option<BigFloat> {
    let (mut sig, mut e2, mut neg) = (1u64, 0i64, false);
    for _ in 0..steps {
        let product = u128::from(sig) * u128::from(base);
        let (rounded, shift) = round_u128(product);
        sig = rounded;
        e2 = e2 + base_e2 + shift;
        neg ^= base_neg;
        let exp = e2 + i64::from(u64::BITS - sig.leading_zeros());
        if exp.unsigned_abs() > u64::from(MAX_EXPONENT.unsigned_abs()) {
            return None;
        }
    }
    Some(BigFloat::finite(
        neg,
        BigUint::from(sig),
        e2,
        Accuracy::Exact,
    ))
}

/// `n` (nonzero) rounded to 53 bits, to nearest even: the significand and the power of two
/// it is scaled by.
fn round_u128(n: u128) -> (u64, i64) {
    let bits = u128::BITS - n.leading_zeros();
    if bits <= PRECISION {
        return (u64::try_from(n).unwrap_or(u64::MAX), 0);
    }
    let mut shift = bits - PRECISION;
    let mut kept = n >> shift;
    let rem = n & ((1u128 << shift) - 1);
    let half = 1u128 << (shift - 1);
    if rem > half || (rem == half && kept & 1 == 1) {
        kept += 1;
        if kept >> PRECISION != 0 {
            kept >>= 1;
            shift += 1;
        }
    }
    (u64::try_from(kept).unwrap_or(u64::MAX), i64::from(shift))
}

/// `x + y` with `y`'s sign taken as `y_neg`, rounded to `prec` bits.
fn add_to(x: &BigFloat, y: &BigFloat, y_neg: bool, prec: u32) -> BigFloat {
    match (x.form, y.form) {
        (Form::Zero, Form::Zero) => BigFloat::zero(x.neg && y_neg),
        (Form::Inf, _) | (_, Form::Zero) => x.clone().exact(),
        (Form::Zero, _) | (_, Form::Inf) => {
            let mut out = y.clone().exact();
            out.neg = y_neg;
            out
        }
        (Form::Finite, Form::Finite) => {
            let ((xs, xe), (ys, ye)) = (x.parts(), y.parts());
            let e2 = xe.min(ye);
            let a = xs << u64::try_from(xe - e2).unwrap_or(0);
            let b = ys << u64::try_from(ye - e2).unwrap_or(0);
            let (neg, sig) = if x.neg == y_neg {
                (x.neg, a + b)
            } else if a > b {
                (x.neg, a - b)
            } else if a < b {
                (y_neg, b - a)
            } else {
                (false, BigUint::zero())
            };
            let sticky = false;
            round(
                Unrounded {
                    neg,
                    sig,
                    e2,
                    sticky,
                },
                prec,
                NO_MIN_LSB,
            )
        }
    }
}

/// `x × y` rounded to `prec` bits.
fn mul_to(x: &BigFloat, y: &BigFloat, prec: u32) -> BigFloat {
    let neg = x.neg != y.neg;
    match (x.form, y.form) {
        (Form::Inf, _) | (_, Form::Inf) => BigFloat::inf(neg),
        (Form::Zero, _) | (_, Form::Zero) => BigFloat::zero(neg),
        (Form::Finite, Form::Finite) => {
            let ((xs, xe), (ys, ye)) = (x.parts(), y.parts());
            let sig = xs * ys;
            let sticky = false;
            round(
                Unrounded {
                    neg,
                    sig,
                    e2: xe + ye,
                    sticky,
                },
                prec,
                NO_MIN_LSB,
            )
        }
    }
}

/// `x / y` rounded to `prec` bits, the last bit not below `2^min_lsb`.
fn quo_to(x: &BigFloat, y: &BigFloat, prec: u32, min_lsb: i64) -> BigFloat {
    let neg = x.neg != y.neg;
    match (x.form, y.form) {
        (Form::Zero, Form::Zero) | (Form::Inf, Form::Inf) => BigFloat::zero(false),
        (Form::Zero, _) | (_, Form::Inf) => BigFloat::zero(neg),
        (Form::Inf, _) | (_, Form::Zero) => BigFloat::inf(neg),
        (Form::Finite, Form::Finite) => {
            let ((xs, xe), (ys, ye)) = (x.parts(), y.parts());
            // Enough quotient bits for the rounding bit and one more.
            let wanted = u64::from(prec) + 2 + ys.bits();
            let shift = wanted.saturating_sub(xs.bits());
            let dividend = xs << shift;
            let sig = &dividend / ys;
            let sticky = &sig * ys != dividend;
            let e2 = xe - to_i64(shift) - ye;
            round(
                Unrounded {
                    neg,
                    sig,
                    e2,
                    sticky,
                },
                prec,
                min_lsb,
            )
        }
    }
}

/// `√x` correctly rounded to `prec` bits (IEEE's square root when `prec` is 53), for a
/// finite `x` (its magnitude).
fn sqrt_to(x: &BigFloat, prec: u32) -> BigFloat {
    let (sig, e2) = x.parts();
    let mut sig = sig.clone();
    let mut e2 = e2;
    if e2 % 2 != 0 {
        sig <<= 1u8;
        e2 -= 1;
    }
    // At least prec + 2 bits of root.
    let wanted = 2 * (u64::from(prec) + 2);
    let shift = wanted.saturating_sub(sig.bits()).div_ceil(2) * 2;
    sig <<= shift;
    e2 -= to_i64(shift);
    let root = isqrt(&sig);
    let sticky = &root * &root != sig;
    let e2 = e2 / 2;
    round(
        Unrounded {
            neg: false,
            sig: root,
            e2,
            sticky,
        },
        prec,
        NO_MIN_LSB,
    )
}

/// The double Go's `float64(value)` gives for an `i64` (rounded to 53 bits, to nearest
/// even), as the big float `big.NewFloat` makes of it (accuracy exact).
pub fn float64_of_i64(value: i64) -> BigFloat {
    BigFloat::from_i64(value).exact()
}

/// `10^k` exactly (`k ≥ 0`).
fn exact_power_of_ten(k: u32) -> BigFloat {
    BigFloat::finite(false, BigUint::from(10u8).pow(k), 0, Accuracy::Exact)
}

/// The double nearest `10^-k` (a Go constant such as `1e-320`, subnormals included).
fn double_of_negative_power(k: u32) -> BigFloat {
    let one = BigFloat::from_i64(1);
    quo_to(&one, &exact_power_of_ten(k), PRECISION, DOUBLE_MIN_LSB)
}

/// Go's `math.Pow10(-n)` for `0 ≤ n ≤ 323`, exactly the double it returns: the table entry
/// for `10^-(32⌊n/32⌋)` divided, in double arithmetic, by the one for `10^(n mod 32)`.
/// For 92 values of `n` in 1..=322 (23 is the first) this is not the double nearest
/// `10^-n`. Beyond 323, +0 (Go's underflow).
pub fn pow10(n: u32) -> BigFloat {
    if n > 323 {
        return BigFloat::zero(false);
    }
    let coarse = double_of_negative_power(n / 32 * 32);
    let fine = BigFloat::rounded(false, BigUint::from(10u8).pow(n % 32), 0);
    quo_to(&coarse, &fine, PRECISION, DOUBLE_MIN_LSB).exact()
}

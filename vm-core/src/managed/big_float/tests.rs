//! The big-float arithmetic against exact rational arithmetic (the correctly rounded 53-bit
//! result computed independently, by scaling and one integer division), the gob encodings
//! the production VM produces, and Go's quirks (`Pow10`, iterated powers).

use std::cmp::Ordering;

use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{One, Signed, Zero};

use super::*;

/// A deterministic pseudo-random generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// A random value of at most 53 significant bits, often with fewer, exponent in ±`span`.
    fn float(&mut self, span: i64) -> BigFloat {
        let bits = if self.below(4) == 0 {
            1 + self.below(53)
        } else {
            53
        };
        let sig = (self.next() >> (64 - bits)) | (1 << (bits - 1));
        let e2 = i64::try_from(self.below(u64::try_from(2 * span).unwrap())).unwrap() - span;
        BigFloat::rounded(self.below(2) == 1, BigUint::from(sig), e2)
    }
}

/// `x` as a fraction (numerator, positive denominator).
fn ratio(x: &BigFloat) -> (BigInt, BigInt) {
    if x.is_zero() {
        return (BigInt::zero(), BigInt::one());
    }
    let (sig, e2) = x.parts();
    let sign = if x.is_negative() {
        Sign::Minus
    } else {
        Sign::Plus
    };
    let num = BigInt::from_biguint(sign, sig.clone());
    if e2 >= 0 {
        (num << e2, BigInt::one())
    } else {
        (num, BigInt::one() << (-e2))
    }
}

/// `p × 2^k / q` as an integer fraction.
fn scaled(p: &BigInt, q: &BigInt, k: i64) -> (BigInt, BigInt) {
    if k >= 0 {
        (p << k, q.clone())
    } else {
        (p.clone(), q << (-k))
    }
}

/// `num / den` (den > 0) correctly rounded to 53 bits, to nearest even, the last bit not
/// below `2^min_lsb`: the first 53-bit multiple found by scaling, rounded by comparing twice
/// the remainder with the denominator.
fn round_ratio(num: &BigInt, den: &BigInt, min_lsb: i64) -> BigFloat {
    if num.is_zero() {
        return BigFloat::zero(false);
    }
    let p = num.abs();
    let lo = BigInt::one() << 52;
    let hi = BigInt::one() << 53;
    let mut k = 52 - (i64::try_from(p.bits()).unwrap() - i64::try_from(den.bits()).unwrap());
    loop {
        let (n, d) = scaled(&p, den, k);
        let m = &n / &d;
        if m < lo {
            k += 1;
        } else if m >= hi {
            k -= 1;
        } else {
            break;
        }
    }
    let k = k.min(min_lsb.saturating_neg());
    let (n, d) = scaled(&p, den, k);
    let mut m = &n / &d;
    let twice_rem: BigInt = (&n - &m * &d) * 2;
    let up = match twice_rem.cmp(&d) {
        Ordering::Greater => true,
        Ordering::Equal => m.bit(0),
        Ordering::Less => false,
    };
    if up {
        m += 1;
    }
    BigFloat::rounded(num.is_negative(), m.magnitude().clone(), -k)
}

/// The double a decimal literal denotes (`"2.5937424601000023"`).
fn decimal(text: &str) -> BigFloat {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    let num: BigInt = format!("{int}{frac}").parse().unwrap();
    let den = BigInt::from(10u8).pow(u32::try_from(frac.len()).unwrap());
    round_ratio(&num, &den, i64::MIN)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Vec<u8> {
    let text: String = text.split_whitespace().collect();
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn add_sub_mul_quo_are_correctly_rounded() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round_no in 0..40_000 {
        // Mostly close exponents (cancellations, carries), sometimes far apart.
        let span = if round_no % 8 == 0 { 200 } else { 60 };
        let (x, y) = (rng.float(span), rng.float(span));
        let ((xn, xd), (yn, yd)) = (ratio(&x), ratio(&y));
        let sum = round_ratio(&(&xn * &yd + &yn * &xd), &(&xd * &yd), i64::MIN);
        let diff = round_ratio(&(&xn * &yd - &yn * &xd), &(&xd * &yd), i64::MIN);
        let product = round_ratio(&(&xn * &yn), &(&xd * &yd), i64::MIN);
        let (qn, qd) = (&xn * &yd, &xd * &yn);
        let quotient = if qd.is_negative() {
            round_ratio(&-qn, &-qd, i64::MIN)
        } else {
            round_ratio(&qn, &qd, i64::MIN)
        };
        assert_eq!(x.add(&y).exact(), sum, "{x:?} + {y:?}");
        assert_eq!(x.sub(&y).exact(), diff, "{x:?} - {y:?}");
        assert_eq!(x.mul(&y).exact(), product, "{x:?} * {y:?}");
        assert_eq!(x.quo(&y).exact(), quotient, "{x:?} / {y:?}");
    }
}

#[test]
fn subtraction_near_cancellation_and_ties() {
    // 1 + 2^-53 is a tie between 1 and 1 + 2^-52: to even, 1 (rounded down).
    let one = BigFloat::from_i64(1);
    let tiny = BigFloat::rounded(false, BigUint::one(), -53);
    let sum = one.add(&tiny);
    assert_eq!(sum.clone().exact(), one.clone());
    let sum = BigFloat::rounded(false, BigUint::one(), 0).add(&tiny);
    assert_eq!(sum.accuracy(), Accuracy::Below);
    // 1 + 3·2^-53 is a tie between 1 + 2^-52 and 1 + 2^-51: to even, up.
    let three_tiny = BigFloat::rounded(false, BigUint::from(3u8), -53);
    let expected = BigFloat::rounded(false, BigUint::from((1u64 << 51) + 1), -51);
    assert_eq!(one.add(&three_tiny).exact(), expected);
    // x - x is +0, even for negative x; -0 - +0 is -0; -0 + -0 is -0.
    let minus_two = BigFloat::from_i64(-2);
    assert_eq!(minus_two.sub(&minus_two), BigFloat::zero(false));
    assert_eq!(minus_two.add(&minus_two.neg()), BigFloat::zero(false));
    let (pz, nz) = (BigFloat::zero(false), BigFloat::zero(true));
    assert_eq!(nz.sub(&pz), nz);
    assert_eq!(nz.add(&nz), nz);
    assert_eq!(nz.add(&pz), pz);
    assert_eq!(pz.sub(&minus_two), BigFloat::from_i64(2));
    // Signs of zero products and quotients.
    assert_eq!(nz.mul(&BigFloat::from_i64(5)), nz);
    assert_eq!(pz.quo(&minus_two), nz);
    assert!(one.quo(&pz).is_inf());
}

/// `√x` correctly rounded to 53 bits, for `x > 0`: `x = S·2^E` with `E` even, `N = S·4^j`
/// of at least 120 bits, `r = ⌊√N⌋`; the 53-bit truncation of `√N` is that of `r`, and it is
/// rounded up when `N` exceeds the square of the midpoint above it (never equal: a midpoint
/// squared has over 100 significant bits, `N` at most 54).
fn sqrt_reference(x: &BigFloat) -> BigFloat {
    let (sig, e2) = x.parts();
    let (s, e) = if e2 % 2 == 0 {
        (sig.clone(), e2)
    } else {
        (sig << 1u8, e2 - 1)
    };
    let j = 60u64.saturating_sub(s.bits() / 2) + 1;
    let n = s << (2 * j);
    let r = crate::managed::isqrt(&n);
    let unit_bits = r.bits() - 53;
    let m = &r >> unit_bits;
    let midpoint = ((&m << 1u8) + 1u8) << (unit_bits - 1);
    let square = &midpoint * &midpoint;
    assert_ne!(square, n);
    let m = if n > square { m + 1u8 } else { m };
    let e2 = e / 2 - i64::try_from(j).unwrap() + i64::try_from(unit_bits).unwrap();
    BigFloat::rounded(false, m, e2)
}

#[test]
fn sqrt_is_correctly_rounded_on_random_and_near_midpoint_inputs() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let mut inputs: Vec<BigFloat> = (0..20_000).map(|_| rng.float(300).abs()).collect();
    // Squares of midpoints between doubles, rounded: roots just off a rounding boundary.
    for _ in 0..5_000 {
        let mid = (rng.next() >> 10) | (1 << 53) | 1;
        let e2 = i64::try_from(rng.below(200)).unwrap() - 100;
        let square = BigUint::from(mid) * BigUint::from(mid);
        inputs.push(BigFloat::rounded(false, square, 2 * e2));
    }
    for x in inputs {
        assert_eq!(x.sqrt().exact(), sqrt_reference(&x), "sqrt {x:?}");
    }
    assert_eq!(BigFloat::zero(true).sqrt(), BigFloat::zero(true));
}

#[test]
fn encodings_match_the_production_vm() {
    assert_eq!(hex(&BigFloat::zero(false).gob_encode()), "010800000035");
    assert_eq!(hex(&BigFloat::zero(true).gob_encode()), "010900000035");
    assert_eq!(
        hex(&BigFloat::from_i64(1).gob_encode()),
        "010a00000035000000018000000000000000"
    );
    assert_eq!(
        hex(&BigFloat::from_i64(-3_853_625).gob_encode()),
        "010b0000003500000016eb34e40000000000"
    );
    assert_eq!(
        hex(&BigFloat::pi().gob_encode()),
        "010a0000003500000002c90fdaa22168c000"
    );
    // 2^53 + 1 rounds (to even) down to 2^53: accuracy Below, flags 0x02.
    let rounded = BigFloat::from_i64((1 << 53) + 1);
    assert_eq!(rounded.accuracy(), Accuracy::Below);
    assert_eq!(
        hex(&rounded.gob_encode()),
        "01020000003500000036".to_owned() + "8000000000000000"
    );
    // -(2^53 + 3) rounds to -(2^53 + 4): magnitude up, so Below; 2^53 + 3 is Above.
    assert_eq!(BigFloat::from_i64(-(1 << 53) - 3).gob_encode()[1], 0x03);
    assert_eq!(BigFloat::from_i64((1 << 53) + 3).gob_encode()[1], 0x12);
    assert_eq!(BigFloat::from_i64(i64::MIN).gob_encode()[1], 0x0b);
}

#[test]
fn decoding_accepts_only_exact_zero_and_finite_values_of_precision_53() {
    let accepted = |text: &str| BigFloat::encoding_accepted(&unhex(text));
    assert!(accepted("010800000035"));
    assert!(!accepted("010900000035"));
    assert!(!accepted("0108000000"));
    assert!(!accepted(""));
    assert!(!accepted("010800000035 00"));
    assert!(!accepted("010200000035 00000036 8000000000000000"));
    assert!(!accepted("010a00000034 00000001 8000000000000000"));
    assert!(!accepted("020a00000035 00000001 8000000000000000"));
    assert!(accepted("010b00000035 00"));

    let decode = |text: &str| BigFloat::gob_decode(&unhex(text));
    assert_eq!(decode("010800000035"), Some(BigFloat::zero(false)));
    let minus = decode("010b0000003500000016eb34e40000000000").unwrap();
    assert_eq!(minus, BigFloat::from_i64(-3_853_625));
    // Too short for a finite value, empty or zero mantissas, top bit unset.
    assert_eq!(decode("010a00000035 000000"), None);
    assert_eq!(decode("010a00000035 00000001"), None);
    assert_eq!(decode("010a00000035 00000001 0000000000000000"), None);
    assert_eq!(decode("010a00000035 00000001 001f1c1a96fe0e2d"), None);
    assert_eq!(decode("010a00000035 00000001 80"), None);
    // Leading zero bytes are dropped before the check: one word with its top bit set.
    assert_eq!(
        decode("010a00000035 00000001 00 8000000000000000"),
        decode("010a00000035 00000001 8000000000000000")
    );
    // The exponent is not checked when decoding.
    let far = decode("010a00000035 00010013 8000000000000000").unwrap();
    assert_eq!(far.exponent(), 0x0001_0013);
    assert!(!far.exponent_in_range());
}

#[test]
fn decoded_mantissas_keep_every_bit() {
    // 64 significant bits: kept, encoded back whole, rounded by the next operation.
    let long = BigFloat::gob_decode(&unhex("010a00000035 00000001 ffffffffffffffff")).unwrap();
    assert_eq!(
        hex(&long.gob_encode()),
        "010a0000003500000001ffffffffffffffff"
    );
    assert_eq!(long.neg().neg().gob_encode(), long.gob_encode());
    let zero = BigFloat::zero(false);
    assert_eq!(long.add(&zero), long);
    // (2^64 - 1) / 2^63 rounds up to 2.
    assert_eq!(
        long.mul(&BigFloat::from_i64(1)).exact(),
        BigFloat::from_i64(2)
    );
    assert_eq!(long.compare(&BigFloat::from_i64(2)), Ordering::Less);
    assert_eq!(long.compare(&BigFloat::from_i64(1)), Ordering::Greater);
    // Two words: the encoding keeps the top one only.
    let two_words = unhex("010a00000035 00000001 8000000000000000 0000000000000001");
    let two_words = BigFloat::gob_decode(&two_words).unwrap();
    assert_eq!(
        hex(&two_words.gob_encode()),
        "010a00000035000000018000000000000000"
    );
    assert_eq!(
        two_words.compare(&BigFloat::rounded(false, BigUint::one(), -1)),
        Ordering::Greater
    );
    // Exponent 60 with 64 bits: Go calls it an integer (exponent ≥ 53).
    let big = BigFloat::gob_decode(&unhex("010a00000035 0000003c ffffffffffffffff")).unwrap();
    assert!(big.is_int());
    assert_eq!(big.trunc(), BigInt::from((1u64 << 60) - 1));
}

#[test]
fn constants_are_the_doubles_nearest_pi_and_e() {
    // Fixed point with 300 fractional bits; truncation errors stay far below 2^-200.
    let one: BigInt = BigInt::one() << 300u32;
    let atan_inv = |x: u32| {
        let (mut sum, mut term, mut k): (BigInt, BigInt, u32) = (BigInt::zero(), &one / x, 1);
        let x2 = BigInt::from(x) * x;
        while !term.is_zero() {
            let part = &term / k;
            if k % 4 == 1 {
                sum += part
            } else {
                sum -= part
            }
            term /= &x2;
            k += 2;
        }
        sum
    };
    let pi = atan_inv(5) * 16 - atan_inv(239) * 4;
    let (mut e, mut term, mut k) = (BigInt::zero(), one.clone(), 1u32);
    while !term.is_zero() {
        e += &term;
        term /= k;
        k += 1;
    }
    assert_eq!(BigFloat::pi(), round_ratio(&pi, &one, i64::MIN));
    assert_eq!(BigFloat::e(), round_ratio(&e, &one, i64::MIN));
}

#[test]
fn go_pow10_differs_from_the_nearest_double_for_91_exponents() {
    let mut differing = Vec::new();
    for n in 0..=322u32 {
        let nearest = round_ratio(&BigInt::one(), &BigInt::from(10u8).pow(n), -1074);
        if pow10(n) != nearest {
            differing.push(n);
        }
    }
    // Checked against IEEE doubles: 91 exponents, the first 23, the last 307.
    assert_eq!(differing.len(), 91);
    assert_eq!(differing[0], 23);
    assert_eq!(differing.last(), Some(&307));
    assert_eq!(pow10(0), BigFloat::from_i64(1));
    assert_eq!(pow10(1), decimal("0.1"));
    // 1e-323 is twice the smallest subnormal.
    assert_eq!(
        pow10(323),
        BigFloat::rounded(false, BigUint::from(2u8), -1074)
    );
    assert_eq!(pow10(324), BigFloat::zero(false));
}

#[test]
fn iterated_power_rounds_every_product() {
    let x = float64_of_i64(11).quo(&float64_of_i64(10));
    let power = x.pow(10).unwrap();
    assert_eq!(power, decimal("2.5937424601000023"));
    // The 4th power: each product rounded, one unit above the correctly rounded power.
    let power = x.pow(4).unwrap();
    assert_eq!(power, decimal("1.4641000000000006"));
    let (num, den) = ratio(&x);
    let exact = round_ratio(&num.pow(4), &den.pow(4), i64::MIN);
    assert_eq!(exact, decimal("1.4641000000000004"));
    assert_eq!(x.pow(0).unwrap(), BigFloat::from_i64(1));
    assert_eq!(x.pow(-3).unwrap(), BigFloat::from_i64(1));
    // The machine-integer loop agrees with the generic products.
    let mut rng = Rng(77);
    for _ in 0..300 {
        let base = rng.float(3);
        let n = i32::try_from(rng.below(40)).unwrap();
        let mut expected = BigFloat::from_i64(1);
        for _ in 0..n {
            expected = expected.mul(&base);
        }
        assert_eq!(base.pow(n), Some(expected.exact()), "{base:?}^{n}");
    }
    // Signs of zero and one powers; exponent overflow.
    assert_eq!(BigFloat::zero(true).pow(3), Some(BigFloat::zero(true)));
    assert_eq!(BigFloat::zero(true).pow(4), Some(BigFloat::zero(false)));
    assert_eq!(
        BigFloat::from_i64(-1).pow(i32::MAX),
        Some(BigFloat::from_i64(-1))
    );
    assert_eq!(BigFloat::from_i64(2).pow(65024).unwrap().exponent(), 65025);
    assert_eq!(BigFloat::from_i64(2).pow(65025), None);
    let half = BigFloat::rounded(false, BigUint::one(), -1);
    assert_eq!(half.pow(65026).unwrap().exponent(), -65025);
    assert_eq!(half.pow(65027), None);
}

#[test]
fn integers_truncate_and_compare() {
    let value = |text: &str| decimal(text);
    assert_eq!(value("-0.5").trunc(), BigInt::zero());
    assert_eq!(value("-1.5").trunc(), BigInt::from(-1));
    assert_eq!(value("2.75").trunc(), BigInt::from(2));
    assert!(!value("2.75").is_int());
    assert!(value("-3").is_int());
    assert!(BigFloat::zero(true).is_int());
    let big = BigFloat::from_big_int(&(BigInt::one() << 200u32));
    assert_eq!(big.trunc(), BigInt::one() << 200u32);
    assert_eq!(big.exponent(), 201);
    assert_eq!(
        BigFloat::zero(true).compare(&BigFloat::zero(false)),
        Ordering::Equal
    );
    assert_eq!(value("-2").compare(&value("-1")), Ordering::Less);
    assert_eq!(value("1.5").compare(&value("1.25")), Ordering::Greater);
    assert_eq!(BigFloat::zero(true).sign(), 0);
    assert_eq!(value("-0.1").sign(), -1);
    assert_eq!(
        BigFloat::from_big_int(&BigInt::zero()),
        BigFloat::zero(false)
    );
}

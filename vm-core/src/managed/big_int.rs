//! Big integers by handle, and their big-endian byte forms.

use executor_api::EarlyExit;
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use super::{MAX_BIG_INT_BYTES, ManagedTypes};
use crate::errors::{self, failed};

/// The magnitude of `value` in minimal big-endian bytes, as Go's `big.Int.Bytes`: zero is
/// empty and the sign is dropped (`-5` gives `[5]`).
pub fn big_int_to_unsigned_bytes(value: &BigInt) -> Vec<u8> {
    if value.is_zero() {
        return Vec::new();
    }
    value.magnitude().to_bytes_be()
}

/// `value` in minimal big-endian two's complement: zero is empty, a positive value whose top
/// bit is set gets a leading `0x00`, a negative one is sign-extended only as far as needed
/// (`-1` gives `[0xff]`, `128` gives `[0x00, 0x80]`, `-129` gives `[0xff, 0x7f]`).
pub fn big_int_to_signed_bytes(value: &BigInt) -> Vec<u8> {
    if value.is_zero() {
        return Vec::new();
    }
    value.to_signed_bytes_be()
}

/// The unsigned big-endian number `bytes` (empty is zero).
pub fn big_int_from_unsigned_bytes(bytes: &[u8]) -> BigInt {
    BigInt::from_bytes_be(Sign::Plus, bytes)
}

/// The two's complement big-endian number `bytes`: negative when the first bit is set,
/// empty is zero.
pub fn big_int_from_signed_bytes(bytes: &[u8]) -> BigInt {
    if bytes.is_empty() {
        return BigInt::zero();
    }
    BigInt::from_signed_bytes_be(bytes)
}

/// The floor of the square root of `n`, by Newton's method from an over-estimate computed
/// on the top half of `n`'s bits: a few full-size divisions, where a plain Newton iteration
/// from a rough guess needs one per doubled bit of precision.
pub(crate) fn isqrt(n: &BigUint) -> BigUint {
    if let Some(small) = n.to_u128() {
        return BigUint::from(small.isqrt());
    }
    // n = top * 4^k + rest, so sqrt(n) < (isqrt(top) + 1) * 2^k: start above the root.
    let k = n.bits() / 4;
    let top = n >> (2 * k);
    let mut x = (isqrt(&top) + 1u32) << k;
    loop {
        let y = (&x + n / &x) >> 1u32;
        if y >= x {
            return x;
        }
        x = y;
    }
}

/// Euclidean division, as Go's `big.Int.Div` / `big.Int.Mod`: `a = q * b + m` with
/// `0 <= m < |b|`. `b` must not be zero.
pub(crate) fn euclid_div_rem(a: &BigInt, b: &BigInt) -> (BigInt, BigInt) {
    let (q, m) = a.div_rem(b);
    if !m.is_negative() {
        (q, m)
    } else if b.is_positive() {
        (q - 1u32, m + b)
    } else {
        (q + 1u32, m - b)
    }
}

/// The size of `value`'s magnitude in whole bytes.
pub(crate) fn magnitude_bytes(value: &BigInt) -> u64 {
    value.bits().div_ceil(8)
}

/// Fails execution with [`errors::BIG_INT_TOO_LARGE`] when a value of `bits` bits would
/// exceed [`MAX_BIG_INT_BYTES`].
///
/// # Errors
/// Execution failed when too large.
pub(crate) fn check_big_int_bits(bits: u64) -> Result<(), EarlyExit> {
    let max_bits = u64::try_from(MAX_BIG_INT_BYTES)
        .unwrap_or(u64::MAX)
        .saturating_mul(8);
    if bits > max_bits {
        return Err(failed(errors::BIG_INT_TOO_LARGE));
    }
    Ok(())
}

/// The most word operations (64-bit words of one operand times words of the other) one
/// big-integer multiplication, division or remainder may cost: 2^26, tens of milliseconds.
/// The production VM has no such bound (Go's division is subquadratic, `num-bigint`'s is
/// not); operands this large cost more than ten million gas each to copy, so only a gas
/// limit far above the protocol's reaches it, and without it one 8 MiB division runs for
/// minutes past the time limit.
pub const MAX_BIG_INT_WORK: u64 = 1 << 26;

fn words(bits: u64) -> u64 {
    bits.div_ceil(64).max(1)
}

/// Fails execution with [`errors::BIG_INT_TOO_LARGE`] when multiplying values of `a_bits` and
/// `b_bits` bits would cost more than [`MAX_BIG_INT_WORK`].
///
/// # Errors
/// Execution failed when too costly.
pub(crate) fn check_mul_work(a_bits: u64, b_bits: u64) -> Result<(), EarlyExit> {
    if words(a_bits).saturating_mul(words(b_bits)) > MAX_BIG_INT_WORK {
        return Err(failed(errors::BIG_INT_TOO_LARGE));
    }
    Ok(())
}

/// Fails execution with [`errors::BIG_INT_TOO_LARGE`] when dividing a value of `a_bits` bits
/// by one of `b_bits` bits would cost more than [`MAX_BIG_INT_WORK`] (a long division:
/// divisor words times quotient words).
///
/// # Errors
/// Execution failed when too costly.
pub(crate) fn check_div_work(a_bits: u64, b_bits: u64) -> Result<(), EarlyExit> {
    if a_bits < b_bits {
        return Ok(());
    }
    let quotient = words(a_bits) - words(b_bits) + 1;
    if words(b_bits).saturating_mul(quotient) > MAX_BIG_INT_WORK {
        return Err(failed(errors::BIG_INT_TOO_LARGE));
    }
    Ok(())
}

impl ManagedTypes {
    /// The big integer under `handle`.
    ///
    /// # Errors
    /// Execution failed, "no bigInt under the given handle".
    pub fn big_int(&self, handle: i32) -> Result<&BigInt, EarlyExit> {
        self.big_ints
            .get(handle)
            .ok_or_else(|| failed(errors::NO_BIG_INT_UNDER_HANDLE))
    }

    /// The big integers under `first` and `second` (which may be the same handle).
    ///
    /// # Errors
    /// Execution failed, "no bigInt under the given handle", when either is missing.
    pub fn two_big_ints(&self, first: i32, second: i32) -> Result<(&BigInt, &BigInt), EarlyExit> {
        Ok((self.big_int(first)?, self.big_int(second)?))
    }

    /// The big integer under `handle`, created as zero when missing (the production VM's
    /// `GetBigIntOrCreate`, used for destinations and for `bigIntGetInt64`).
    pub fn big_int_or_create(&mut self, handle: i32) -> &mut BigInt {
        self.big_ints.get_or_insert_with(handle, BigInt::zero)
    }

    /// Sets (or creates) the big integer under `handle`.
    pub fn set_big_int(&mut self, handle: i32, value: BigInt) {
        self.big_ints.set(handle, value);
    }

    /// Creates a big integer holding `value` and returns its handle.
    pub fn new_big_int(&mut self, value: BigInt) -> i32 {
        self.big_ints.insert_new(value)
    }

    /// The magnitude of the big integer under `handle`, big-endian and minimal, as Go's
    /// `big.Int.Bytes` (the sign is dropped, zero is empty).
    ///
    /// # Errors
    /// Execution failed, "no bigInt under the given handle".
    pub fn big_int_unsigned_bytes(&self, handle: i32) -> Result<Vec<u8>, EarlyExit> {
        self.big_int(handle).map(big_int_to_unsigned_bytes)
    }

    /// The big integer under `handle` in two's complement, minimal (empty for zero).
    ///
    /// # Errors
    /// Execution failed, "no bigInt under the given handle".
    pub fn big_int_signed_bytes(&self, handle: i32) -> Result<Vec<u8>, EarlyExit> {
        self.big_int(handle).map(big_int_to_signed_bytes)
    }

    /// Sets (or creates) the big integer under `handle` from unsigned big-endian `bytes`.
    ///
    /// # Errors
    /// Execution failed, [`errors::BIG_INT_TOO_LARGE`], beyond 8 MiB.
    pub fn set_big_int_from_unsigned_bytes(
        &mut self,
        handle: i32,
        bytes: &[u8],
    ) -> Result<(), EarlyExit> {
        check_byte_len(bytes)?;
        self.set_big_int(handle, big_int_from_unsigned_bytes(bytes));
        Ok(())
    }

    /// Sets (or creates) the big integer under `handle` from two's complement `bytes`.
    ///
    /// # Errors
    /// Execution failed, [`errors::BIG_INT_TOO_LARGE`], beyond 8 MiB.
    pub fn set_big_int_from_signed_bytes(
        &mut self,
        handle: i32,
        bytes: &[u8],
    ) -> Result<(), EarlyExit> {
        check_byte_len(bytes)?;
        self.set_big_int(handle, big_int_from_signed_bytes(bytes));
        Ok(())
    }
}

fn check_byte_len(bytes: &[u8]) -> Result<(), EarlyExit> {
    if bytes.len() > MAX_BIG_INT_BYTES {
        return Err(failed(errors::BIG_INT_TOO_LARGE));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signed(value: i64) -> Vec<u8> {
        big_int_to_signed_bytes(&BigInt::from(value))
    }

    #[test]
    fn expensive_operations_are_bounded_by_their_work() {
        assert!(check_mul_work(64 * 8192, 64 * 8192).is_ok());
        assert!(check_mul_work(64 * 8192, 64 * 8193).is_err());
        assert!(check_div_work(8 << 23, 8 << 22).is_err());
        assert!(check_div_work(8 << 22, 8 << 23).is_ok());
        // A huge dividend over a one-word divisor is a linear pass.
        assert!(check_div_work(64 * (1 << 25), 64).is_ok());
        assert!(check_div_work(64 * ((1 << 26) + 1), 64).is_err());
        assert_eq!(
            check_div_work(64 * 8192 * 3, 64 * 8192)
                .unwrap_err()
                .message,
            errors::BIG_INT_TOO_LARGE
        );
    }

    #[test]
    fn unsigned_bytes_are_the_minimal_magnitude() {
        assert_eq!(big_int_to_unsigned_bytes(&BigInt::zero()), Vec::<u8>::new());
        assert_eq!(big_int_to_unsigned_bytes(&BigInt::from(255)), vec![0xff]);
        assert_eq!(big_int_to_unsigned_bytes(&BigInt::from(256)), vec![1, 0]);
        assert_eq!(big_int_to_unsigned_bytes(&BigInt::from(-5)), vec![5]);
        assert_eq!(big_int_from_unsigned_bytes(&[]), BigInt::zero());
        assert_eq!(
            big_int_from_unsigned_bytes(&[0, 0, 1, 0]),
            BigInt::from(256)
        );
        assert_eq!(big_int_from_unsigned_bytes(&[0xff]), BigInt::from(255));
    }

    #[test]
    fn signed_bytes_are_minimal_twos_complement() {
        assert_eq!(signed(0), Vec::<u8>::new());
        assert_eq!(signed(1), vec![1]);
        assert_eq!(signed(127), vec![0x7f]);
        assert_eq!(signed(128), vec![0x00, 0x80]);
        assert_eq!(signed(255), vec![0x00, 0xff]);
        assert_eq!(signed(256), vec![0x01, 0x00]);
        assert_eq!(signed(-1), vec![0xff]);
        assert_eq!(signed(-128), vec![0x80]);
        assert_eq!(signed(-129), vec![0xff, 0x7f]);
        assert_eq!(signed(-256), vec![0xff, 0x00]);
        assert_eq!(signed(-257), vec![0xfe, 0xff]);
        assert_eq!(signed(i64::MIN), i64::MIN.to_be_bytes().to_vec());
    }

    #[test]
    fn signed_bytes_read_back_with_sign_extension() {
        assert_eq!(big_int_from_signed_bytes(&[]), BigInt::zero());
        assert_eq!(big_int_from_signed_bytes(&[0xff]), BigInt::from(-1));
        assert_eq!(
            big_int_from_signed_bytes(&[0xff, 0xff, 0xff]),
            BigInt::from(-1)
        );
        assert_eq!(big_int_from_signed_bytes(&[0x80]), BigInt::from(-128));
        assert_eq!(big_int_from_signed_bytes(&[0x00, 0x80]), BigInt::from(128));
        assert_eq!(big_int_from_signed_bytes(&[0x7f]), BigInt::from(127));
        assert_eq!(big_int_from_signed_bytes(&[0, 0, 0]), BigInt::zero());
        for value in [
            -70_000i64,
            -300,
            -2,
            -1,
            0,
            1,
            2,
            300,
            70_000,
            i64::MAX,
            i64::MIN,
        ] {
            let big = BigInt::from(value);
            assert_eq!(
                big_int_from_signed_bytes(&big_int_to_signed_bytes(&big)),
                big
            );
        }
    }

    #[test]
    fn handles_create_destinations_and_refuse_missing_operands() {
        let mut managed = ManagedTypes::default();
        assert!(managed.big_int(3).is_err());
        *managed.big_int_or_create(3) += 5;
        assert_eq!(managed.big_int(3).unwrap(), &BigInt::from(5));
        let handle = managed.new_big_int(BigInt::from(-2));
        assert_ne!(handle, 3);
        assert_eq!(managed.big_int_signed_bytes(handle).unwrap(), vec![0xfe]);
        assert_eq!(managed.big_int_unsigned_bytes(handle).unwrap(), vec![2]);
        assert!(managed.two_big_ints(3, 99).is_err());
        managed.set_big_int_from_signed_bytes(7, &[0x80]).unwrap();
        assert_eq!(managed.big_int(7).unwrap(), &BigInt::from(-128));
        managed.set_big_int_from_unsigned_bytes(7, &[0x80]).unwrap();
        assert_eq!(managed.big_int(7).unwrap(), &BigInt::from(128));
    }

    #[test]
    fn isqrt_is_the_floor_of_the_root() {
        for n in 0u64..2_000 {
            let root = isqrt(&BigUint::from(n)).to_u64().unwrap();
            assert!(root * root <= n && (root + 1) * (root + 1) > n, "{n}");
        }
        let mut n = BigUint::from(0xfedc_ba98_7654_3210_u64);
        for _ in 0..40 {
            n = &n * &n + 12_345u32;
            let root = isqrt(&n);
            assert_eq!(root, n.sqrt());
            let below = &n - 1u32;
            assert_eq!(isqrt(&below), below.sqrt());
            let square = &root * &root;
            assert_eq!(isqrt(&square), root);
            assert_eq!(isqrt(&(&square - 1u32)), &root - 1u32);
            if n.bits() > 20_000 {
                break;
            }
        }
    }

    #[test]
    fn euclidean_division_keeps_the_remainder_non_negative() {
        let cases = [
            (7, 2, 3, 1),
            (-7, 2, -4, 1),
            (7, -2, -3, 1),
            (-7, -2, 4, 1),
            (6, -3, -2, 0),
        ];
        for (a, b, q, m) in cases {
            let (got_q, got_m) = euclid_div_rem(&BigInt::from(a), &BigInt::from(b));
            assert_eq!(
                (got_q, got_m),
                (BigInt::from(q), BigInt::from(m)),
                "{a} / {b}"
            );
        }
    }

    #[test]
    fn sizes_beyond_the_limit_are_refused() {
        assert!(check_big_int_bits(8 * MAX_BIG_INT_BYTES as u64).is_ok());
        let err = check_big_int_bits(8 * MAX_BIG_INT_BYTES as u64 + 1).unwrap_err();
        assert_eq!(err.message, errors::BIG_INT_TOO_LARGE);
        assert_eq!(magnitude_bytes(&BigInt::from(256)), 2);
        assert_eq!(magnitude_bytes(&BigInt::zero()), 0);
    }
}

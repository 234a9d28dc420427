//! Byte encodings the hooks share: big-endian magnitudes as Go's `big.Int.Bytes`, minimal
//! two's complement as the `mx-components-big-int` `twos-complement` package, left padding.
//!
//! Small private helpers of the account, argument, storage and call-value hooks. The big-integer
//! conversions are the managed types module's (`crate::managed::big_int_to_unsigned_bytes`, …).

use num_bigint::{BigInt, BigUint};

use crate::managed::big_int_to_signed_bytes;

/// `value` in minimal big-endian bytes; zero is empty (Go's `Bytes()`).
pub(crate) fn biguint_bytes(value: &BigUint) -> Vec<u8> {
    if value.bits() == 0 {
        Vec::new()
    } else {
        value.to_bytes_be()
    }
}

/// `value` in minimal big-endian bytes; zero is empty (`big.NewInt(0).SetUint64(v).Bytes()`).
pub(crate) fn u64_bytes(value: u64) -> Vec<u8> {
    let bytes = value.to_be_bytes();
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    bytes[start..].to_vec()
}

/// `value` in minimal two's complement (`twos.ToBytes(big.NewInt(v))`).
pub(crate) fn i64_signed_bytes(value: i64) -> Vec<u8> {
    big_int_to_signed_bytes(&BigInt::from(value))
}

/// A block's random seed as contracts and the random generator see it: the chain's bytes
/// as they are (48 on chain; none when the chain knows no seed, as the production test
/// world answers for a block without one).
pub(crate) fn random_seed(block: blockchain_hooks::BlockInfo) -> Vec<u8> {
    block.random_seed
}

/// `data` left-padded with zeros to `size` bytes; longer data is returned unchanged
/// (`vmhost.PadBytesLeft`).
pub(crate) fn pad_left(data: Vec<u8>, size: usize) -> Vec<u8> {
    if data.len() >= size {
        return data;
    }
    let mut padded = vec![0; size - data.len()];
    padded.extend_from_slice(&data);
    padded
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::managed::{
        big_int_from_signed_bytes as from_signed, big_int_from_unsigned_bytes as from_unsigned,
        big_int_to_unsigned_bytes as unsigned_bytes,
    };

    fn signed_bytes(value: &BigInt) -> Vec<u8> {
        big_int_to_signed_bytes(value)
    }

    #[test]
    fn twos_complement_matches_the_go_package() {
        assert_eq!(signed_bytes(&BigInt::from(0)), Vec::<u8>::new());
        assert_eq!(signed_bytes(&BigInt::from(-1)), vec![0xff]);
        assert_eq!(signed_bytes(&BigInt::from(127)), vec![0x7f]);
        assert_eq!(signed_bytes(&BigInt::from(128)), vec![0x00, 0x80]);
        assert_eq!(signed_bytes(&BigInt::from(-128)), vec![0x80]);
        assert_eq!(signed_bytes(&BigInt::from(-129)), vec![0xff, 0x7f]);
        assert_eq!(from_signed(&[]), BigInt::from(0));
        assert_eq!(from_signed(&[0xff, 0x7f]), BigInt::from(-129));
        assert_eq!(from_signed(&[0x00, 0x80]), BigInt::from(128));
    }

    #[test]
    fn unsigned_bytes_are_the_magnitude() {
        assert_eq!(unsigned_bytes(&BigInt::from(0)), Vec::<u8>::new());
        assert_eq!(unsigned_bytes(&BigInt::from(-258)), vec![1, 2]);
        assert_eq!(u64_bytes(0), Vec::<u8>::new());
        assert_eq!(u64_bytes(256), vec![1, 0]);
        assert_eq!(from_unsigned(&[0xff]), BigInt::from(255));
        assert_eq!(pad_left(vec![1], 3), vec![0, 0, 1]);
        assert_eq!(pad_left(vec![1, 2, 3, 4], 3), vec![1, 2, 3, 4]);
        assert_eq!(i64_signed_bytes(-1), vec![0xff]);
    }
}

//! Minimal big-endian number encoding (top level) and its inverse.

/// A stack buffer a top-encoded number is written into.
pub type NumberBuffer = [u8; 8];

/// Top-encodes an unsigned number: big-endian without leading zero bytes; 0 is empty.
pub fn top_encode_u64(value: u64, buffer: &mut NumberBuffer) -> &[u8] {
    *buffer = value.to_be_bytes();
    let skip = (value.leading_zeros() / 8) as usize;
    buffer.get(skip..).unwrap_or_default()
}

/// Top-encodes a signed number: minimal two's complement big-endian (one sign bit kept); 0 is
/// empty, -1 is `ff`, 128 is `00 80`, -129 is `ff 7f`.
pub fn top_encode_i64(value: i64, buffer: &mut NumberBuffer) -> &[u8] {
    *buffer = value.to_be_bytes();
    if value == 0 {
        return &[];
    }
    let redundant = if value < 0 {
        value.leading_ones()
    } else {
        value.leading_zeros()
    };
    // Significant bits plus one sign bit, rounded up to bytes.
    let needed = (72 - redundant as usize) / 8;
    buffer.get(8 - needed..).unwrap_or_default()
}

/// Decodes big-endian bytes (at most 8, right-aligned) as unsigned.
pub(crate) fn decode_u64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b))
}

/// Decodes big-endian two's complement bytes (at most 8) as signed; empty is 0.
pub(crate) fn decode_i64(bytes: &[u8]) -> i64 {
    let negative = bytes.first().is_some_and(|b| b & 0x80 != 0);
    let start = if negative { u64::MAX } else { 0 };
    bytes
        .iter()
        .fold(start, |acc, b| (acc << 8) | u64::from(*b)) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc_u(v: u64) -> alloc::vec::Vec<u8> {
        top_encode_u64(v, &mut [0; 8]).to_vec()
    }

    fn enc_i(v: i64) -> alloc::vec::Vec<u8> {
        top_encode_i64(v, &mut [0; 8]).to_vec()
    }

    #[test]
    fn unsigned_is_minimal_big_endian() {
        assert_eq!(enc_u(0), [0u8; 0]);
        assert_eq!(enc_u(1), [1]);
        assert_eq!(enc_u(0xff), [0xff]);
        assert_eq!(enc_u(0x100), [1, 0]);
        assert_eq!(enc_u(u64::MAX), [0xff; 8]);
        for v in [0, 1, 0x80, 0xffff, 0x0123_4567_89ab_cdef, u64::MAX] {
            assert_eq!(decode_u64(&enc_u(v)), v);
        }
    }

    #[test]
    fn signed_is_minimal_twos_complement() {
        assert_eq!(enc_i(0), [0u8; 0]);
        assert_eq!(enc_i(1), [1]);
        assert_eq!(enc_i(127), [0x7f]);
        assert_eq!(enc_i(128), [0, 0x80]);
        assert_eq!(enc_i(-1), [0xff]);
        assert_eq!(enc_i(-128), [0x80]);
        assert_eq!(enc_i(-129), [0xff, 0x7f]);
        assert_eq!(enc_i(-256), [0xff, 0x00]);
        assert_eq!(enc_i(-257), [0xfe, 0xff]);
        assert_eq!(
            enc_i(i64::MAX),
            [0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]
        );
        assert_eq!(enc_i(i64::MIN), [0x80, 0, 0, 0, 0, 0, 0, 0]);
        for v in [
            0,
            1,
            -1,
            127,
            128,
            -128,
            -129,
            65535,
            -65536,
            i64::MAX,
            i64::MIN,
        ] {
            assert_eq!(decode_i64(&enc_i(v)), v, "{v}");
        }
    }
}

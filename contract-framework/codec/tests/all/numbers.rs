//! Integers and bool.

use crate::support::{both, nested_err, top_err};

#[test]
fn unsigned_top_is_minimal_nested_is_fixed_width() {
    both(0u8, &[], &[0]);
    both(5u8, &[5], &[5]);
    both(u8::MAX, &[0xff], &[0xff]);
    both(0u16, &[], &[0, 0]);
    both(0x1234u16, &[0x12, 0x34], &[0x12, 0x34]);
    both(0x80u16, &[0x80], &[0, 0x80]);
    both(0u32, &[], &[0, 0, 0, 0]);
    both(258u32, &[1, 2], &[0, 0, 1, 2]);
    both(u32::MAX, &[0xff; 4], &[0xff; 4]);
    both(
        0x0100_0000_0000u64,
        &[1, 0, 0, 0, 0, 0],
        &[0, 0, 1, 0, 0, 0, 0, 0],
    );
    both(u64::MAX, &[0xff; 8], &[0xff; 8]);
    both(7usize, &[7], &[0, 0, 0, 7]);
}

#[test]
fn signed_top_is_minimal_twos_complement() {
    both(0i8, &[], &[0]);
    both(-1i8, &[0xff], &[0xff]);
    both(-5i16, &[0xfb], &[0xff, 0xfb]);
    both(127i16, &[0x7f], &[0, 0x7f]);
    both(128i16, &[0, 0x80], &[0, 0x80]);
    both(-128i32, &[0x80], &[0xff, 0xff, 0xff, 0x80]);
    both(-129i32, &[0xff, 0x7f], &[0xff, 0xff, 0xff, 0x7f]);
    both(i32::MIN, &[0x80, 0, 0, 0], &[0x80, 0, 0, 0]);
    both(
        i64::MAX,
        &[0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
        &[0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
    );
    both(-2isize, &[0xfe], &[0xff, 0xff, 0xff, 0xfe]);
}

#[test]
fn top_decode_accepts_leading_zeros_and_sign_bytes() {
    use strata_codec::TopDecode;
    assert_eq!(u8::top_decode(&[0, 0, 5][..]), Ok(5));
    assert_eq!(u64::top_decode(&[0, 0, 0, 0, 0, 0, 0, 1][..]), Ok(1));
    assert_eq!(i16::top_decode(&[0xff, 0xff, 0xfe][..]), Ok(-2));
    assert_eq!(i8::top_decode(&[0x00, 0x7f][..]), Ok(127));
    assert_eq!(i64::top_decode(&[0x80][..]), Ok(-128));
}

#[test]
fn top_decode_range_errors() {
    // Unsigned beyond the type: "input too long", as the ecosystem says.
    assert_eq!(top_err::<u8>(&[1, 0]), "input too long");
    assert_eq!(top_err::<u16>(&[1, 0, 0]), "input too long");
    assert_eq!(top_err::<u32>(&[1, 0, 0, 0, 0]), "input too long");
    assert_eq!(top_err::<usize>(&[1, 0, 0, 0, 0]), "input too long");
    // More than 8 bytes, even leading zeros.
    assert_eq!(top_err::<u64>(&[0; 9]), "input too long");
    assert_eq!(top_err::<i64>(&[0xff; 9]), "input too long");
    // Signed beyond the type: "input out of range".
    assert_eq!(top_err::<i8>(&[0, 0x80]), "input out of range");
    assert_eq!(top_err::<i8>(&[0xff, 0x7f]), "input out of range");
    assert_eq!(top_err::<i16>(&[0x01, 0x00, 0x00]), "input out of range");
    assert_eq!(top_err::<i32>(&[0x80, 0, 0, 0, 0]), "input out of range");
    assert_eq!(top_err::<isize>(&[0x01, 0, 0, 0, 0]), "input out of range");
}

#[test]
fn nested_decode_too_short() {
    assert_eq!(nested_err::<u8>(&[]), "input too short");
    assert_eq!(nested_err::<u16>(&[1]), "input too short");
    assert_eq!(nested_err::<u32>(&[0, 0, 1]), "input too short");
    assert_eq!(nested_err::<i64>(&[0; 7]), "input too short");
    assert_eq!(nested_err::<usize>(&[0, 0]), "input too short");
}

#[test]
fn bools() {
    both(true, &[1], &[1]);
    both(false, &[], &[0]);
    assert_eq!(top_err::<bool>(&[2]), "invalid value");
    assert_eq!(top_err::<bool>(&[0]), "invalid value");
    assert_eq!(top_err::<bool>(&[0, 1]), "input too long");
    assert_eq!(nested_err::<bool>(&[2]), "invalid value");
    assert_eq!(nested_err::<bool>(&[]), "input too short");
}

#[cfg(target_pointer_width = "64")]
#[test]
fn usize_beyond_u32_does_not_encode() {
    let big = u32::MAX as usize + 1;
    let err = strata_codec::dep_encode_to_vec(&big).unwrap_err();
    assert_eq!(err, strata_codec::EncodeError::LENGTH_TOO_LARGE);
    assert!(strata_codec::top_encode_to_vec_u8(&big).is_err());
    assert!(strata_codec::top_encode_to_vec_u8(&(i32::MIN as isize - 1)).is_err());
}

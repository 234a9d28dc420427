//! Round-trip checkers.

use std::fmt::Debug;

use strata_codec::{
    NestedDecode, NestedEncode, TopDecode, TopEncode, dep_decode_from_byte_slice,
    dep_encode_to_vec, top_encode_to_vec_u8,
};

/// `value` top-encodes to `bytes` and `bytes` top-decodes to `value` (from a slice, a `Vec`
/// and a boxed slice).
pub fn top<T: TopEncode + TopDecode + PartialEq + Debug>(value: T, bytes: &[u8]) {
    assert_eq!(
        top_encode_to_vec_u8(&value).unwrap(),
        bytes,
        "top encode of {value:?}"
    );
    assert_eq!(
        T::top_decode(bytes),
        Ok(value),
        "top decode of {bytes:02x?}"
    );
    let from_vec = T::top_decode(bytes.to_vec()).unwrap();
    assert_eq!(top_encode_to_vec_u8(&from_vec).unwrap(), bytes);
    let from_box = T::top_decode(Box::<[u8]>::from(bytes)).unwrap();
    assert_eq!(top_encode_to_vec_u8(&from_box).unwrap(), bytes);
}

/// `value` nested-encodes to `bytes` and back, also followed by other bytes (which are left).
pub fn nested<T: NestedEncode + NestedDecode + PartialEq + Debug>(value: T, bytes: &[u8]) {
    assert_eq!(
        dep_encode_to_vec(&value).unwrap(),
        bytes,
        "nested encode of {value:?}"
    );
    assert_eq!(
        dep_decode_from_byte_slice::<T>(bytes),
        Ok(value),
        "nested decode"
    );
    let mut longer = bytes.to_vec();
    longer.extend_from_slice(&[0xaa, 0xbb]);
    let mut input = &longer[..];
    T::dep_decode(&mut input).unwrap();
    assert_eq!(input, [0xaa, 0xbb], "nested decode read past its value");
}

/// Both levels.
pub fn both<T>(value: T, top_bytes: &[u8], nested_bytes: &[u8])
where
    T: TopEncode + TopDecode + NestedEncode + NestedDecode + PartialEq + Debug + Clone,
{
    top(value.clone(), top_bytes);
    nested(value, nested_bytes);
}

/// The message of a top-level decode error.
pub fn top_err<T: TopDecode + Debug>(bytes: &[u8]) -> &'static str {
    T::top_decode(bytes).unwrap_err().message()
}

/// The message of a nested decode error.
pub fn nested_err<T: NestedDecode + Debug>(bytes: &[u8]) -> &'static str {
    let mut input = bytes;
    T::dep_decode(&mut input).unwrap_err().message()
}

//! Properties over many values: round trips, minimality, and decoding never panicking.

use proptest::prelude::*;
use strata_codec::{
    NestedDecode, TopDecode, dep_decode_from_byte_slice, dep_encode_to_vec, top_encode_to_vec_u8,
};

proptest! {
    #[test]
    fn u64_top_round_trips_minimally(value: u64) {
        let bytes = top_encode_to_vec_u8(&value).unwrap();
        prop_assert_eq!(bytes.len(), (64 - value.leading_zeros() as usize).div_ceil(8));
        prop_assert!(bytes.first() != Some(&0));
        prop_assert_eq!(u64::top_decode(&bytes[..]), Ok(value));
        prop_assert_eq!(dep_encode_to_vec(&value).unwrap(), value.to_be_bytes());
    }

    #[test]
    fn i64_top_round_trips_minimally(value: i64) {
        let bytes = top_encode_to_vec_u8(&value).unwrap();
        prop_assert_eq!(i64::top_decode(&bytes[..]), Ok(value));
        if value == 0 {
            prop_assert!(bytes.is_empty());
        } else {
            // One byte fewer would lose the value or its sign.
            let shorter = &bytes[1..];
            prop_assert_ne!(i64::top_decode(shorter), Ok(value));
        }
        prop_assert!(bytes.len() <= 8);
    }

    #[test]
    fn narrower_types_accept_exactly_their_range(value: i64) {
        let bytes = top_encode_to_vec_u8(&value).unwrap();
        prop_assert_eq!(i8::top_decode(&bytes[..]).is_ok(), i8::try_from(value).is_ok());
        prop_assert_eq!(i16::top_decode(&bytes[..]).is_ok(), i16::try_from(value).is_ok());
        prop_assert_eq!(i32::top_decode(&bytes[..]).is_ok(), i32::try_from(value).is_ok());
        let unsigned = top_encode_to_vec_u8(&(value as u64)).unwrap();
        prop_assert_eq!(u32::top_decode(&unsigned[..]).is_ok(), u32::try_from(value as u64).is_ok());
    }

    #[test]
    fn nested_lists_round_trip(items: Vec<(u16, Option<Vec<u8>>, bool)>) {
        let bytes = dep_encode_to_vec(&items).unwrap();
        prop_assert_eq!(&bytes[..4], &(items.len() as u32).to_be_bytes()[..]);
        prop_assert_eq!(dep_decode_from_byte_slice::<Vec<(u16, Option<Vec<u8>>, bool)>>(&bytes), Ok(items.clone()));
        let top = top_encode_to_vec_u8(&items).unwrap();
        prop_assert_eq!(&top[..], &bytes[4..]);
    }

    #[test]
    fn decoding_arbitrary_bytes_returns_rather_than_panics(bytes: Vec<u8>) {
        let _ = Vec::<(u32, Option<String>)>::top_decode(&bytes[..]);
        let _ = <(bool, Vec<Vec<u64>>, [u8; 3])>::top_decode(&bytes[..]);
        let mut input = &bytes[..];
        let _ = Vec::<Vec<u8>>::dep_decode(&mut input);
        let _ = Option::<Box<i16>>::top_decode(bytes.clone());
    }
}

//! Unit, options, boxes, lists, arrays, strings and tuples.

use strata_codec::{TopDecode, dep_encode_to_vec, top_encode_to_vec_u8};

use crate::support::{both, nested, nested_err, top_err};

#[test]
fn unit() {
    both((), &[], &[]);
    assert_eq!(top_err::<()>(&[0]), "input too long");
}

#[test]
fn phantom_data_is_empty() {
    both(std::marker::PhantomData::<u64>, &[], &[]);
    assert_eq!(
        top_err::<std::marker::PhantomData<u8>>(&[1]),
        "input too long"
    );
}

#[test]
fn options() {
    both(None::<u32>, &[], &[0]);
    both(Some(0u32), &[1, 0, 0, 0, 0], &[1, 0, 0, 0, 0]);
    both(Some(5u16), &[1, 0, 5], &[1, 0, 5]);
    both(
        Some(vec![1u8, 2]),
        &[1, 0, 0, 0, 2, 1, 2],
        &[1, 0, 0, 0, 2, 1, 2],
    );
    both(Some(None::<u8>), &[1, 0], &[1, 0]);
    // A lone 00 also top-decodes as None.
    assert_eq!(Option::<u32>::top_decode(&[0u8][..]), Ok(None));
    assert_eq!(top_err::<Option<u32>>(&[0, 0]), "input too long");
    assert_eq!(top_err::<Option<u32>>(&[2]), "invalid value");
    assert_eq!(top_err::<Option<u32>>(&[1, 0, 0]), "input too short");
    assert_eq!(top_err::<Option<u8>>(&[1, 5, 6]), "input too long");
    assert_eq!(nested_err::<Option<u8>>(&[2, 0]), "invalid value");
    assert_eq!(nested_err::<Option<u8>>(&[1]), "input too short");
}

#[test]
fn boxes_encode_as_their_content() {
    both(Box::new(258u32), &[1, 2], &[0, 0, 1, 2]);
    both(Box::new(Some(1u8)), &[1, 1], &[1, 1]);
    let boxed: Box<[u16]> = vec![1u16, 2].into_boxed_slice();
    both(boxed, &[0, 1, 0, 2], &[0, 0, 0, 2, 0, 1, 0, 2]);
}

#[test]
fn byte_lists_are_raw_at_top_and_length_prefixed_nested() {
    both(Vec::<u8>::new(), &[], &[0, 0, 0, 0]);
    both(vec![1u8, 2, 3], &[1, 2, 3], &[0, 0, 0, 3, 1, 2, 3]);
    assert_eq!(top_encode_to_vec_u8(&[9u8, 8][..]).unwrap(), [9, 8]);
    assert_eq!(
        dep_encode_to_vec(&[9u8, 8][..]).unwrap(),
        [0, 0, 0, 2, 9, 8]
    );
}

#[test]
fn lists_of_items() {
    both(
        vec![1u32, 2],
        &[0, 0, 0, 1, 0, 0, 0, 2],
        &[0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2],
    );
    both(
        vec![vec![7u8], vec![]],
        &[0, 0, 0, 1, 7, 0, 0, 0, 0],
        &[0, 0, 0, 2, 0, 0, 0, 1, 7, 0, 0, 0, 0],
    );
    both(vec![true, false], &[1, 0], &[0, 0, 0, 2, 1, 0]);
    // A top-level list takes items until the input ends; a partial item is too short.
    assert_eq!(top_err::<Vec<u16>>(&[0, 1, 0]), "input too short");
    assert_eq!(top_err::<Vec<bool>>(&[1, 2]), "invalid value");
}

#[test]
fn list_counts_beyond_the_input_are_too_short() {
    // A count of 2^32-1 with nothing after it: refused before anything is allocated.
    assert_eq!(
        nested_err::<Vec<u8>>(&[0xff, 0xff, 0xff, 0xff]),
        "input too short"
    );
    assert_eq!(
        nested_err::<Vec<u64>>(&[0xff, 0xff, 0xff, 0xff, 1]),
        "input too short"
    );
    assert_eq!(
        nested_err::<Vec<u8>>(&[0, 0, 0, 3, 1, 2]),
        "input too short"
    );
    assert_eq!(nested_err::<Vec<u8>>(&[0, 0, 1]), "input too short");
    // Zero-sized items: the count is honoured without reading.
    nested(vec![(), (), ()], &[0, 0, 0, 3]);
}

#[test]
fn arrays_have_no_count() {
    both([1u8, 2, 3], &[1, 2, 3], &[1, 2, 3]);
    both([0u8; 0], &[], &[]);
    both([1u16, 0x203], &[0, 1, 2, 3], &[0, 1, 2, 3]);
    let address = [0xabu8; 32];
    both(address, &[0xab; 32], &[0xab; 32]);
    assert_eq!(top_err::<[u8; 4]>(&[1, 2, 3]), "input too short");
    assert_eq!(top_err::<[u8; 2]>(&[1, 2, 3]), "input too long");
    assert_eq!(nested_err::<[u32; 2]>(&[0, 0, 0, 1, 0]), "input too short");
}

#[test]
fn strings_are_utf8_bytes() {
    both(
        String::from("héllo"),
        "héllo".as_bytes(),
        &[0, 0, 0, 6, 0x68, 0xc3, 0xa9, 0x6c, 0x6c, 0x6f],
    );
    both(String::new(), &[], &[0, 0, 0, 0]);
    both(Box::<str>::from("ab"), b"ab", &[0, 0, 0, 2, b'a', b'b']);
    assert_eq!(top_encode_to_vec_u8("ab").unwrap(), b"ab");
    assert_eq!(dep_encode_to_vec("ab").unwrap(), [0, 0, 0, 2, b'a', b'b']);
    assert_eq!(top_err::<String>(&[0xff, 0xfe]), "utf-8 decode error");
    assert_eq!(
        nested_err::<String>(&[0, 0, 0, 1, 0x80]),
        "utf-8 decode error"
    );
    assert_eq!(nested_err::<String>(&[0, 0, 0, 5, b'a']), "input too short");
}

#[test]
fn tuples_concatenate_nested_elements() {
    both((5u8,), &[5], &[5]);
    both((1u8, 2u16), &[1, 0, 2], &[1, 0, 2]);
    both(
        (0u32, true, vec![9u8]),
        &[0, 0, 0, 0, 1, 0, 0, 0, 1, 9],
        &[0, 0, 0, 0, 1, 0, 0, 0, 1, 9],
    );
    let eight = (1u8, 2u8, 3u8, 4u8, 5u8, 6u8, 7u8, 8u8);
    both(eight, &[1, 2, 3, 4, 5, 6, 7, 8], &[1, 2, 3, 4, 5, 6, 7, 8]);
    let sixteen = (
        0u8, 1u8, 2u8, 3u8, 4u8, 5u8, 6u8, 7u8, 8u8, 9u8, 10u8, 11u8, 12u8, 13u8, 14u8, 15u16,
    );
    let bytes = top_encode_to_vec_u8(&sixteen).unwrap();
    assert_eq!(
        bytes,
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0, 15]
    );
    let decoded = <(
        u8,
        u8,
        u8,
        u8,
        u8,
        u8,
        u8,
        u8,
        u8,
        u8,
        u8,
        u8,
        u8,
        u8,
        u8,
        u16,
    )>::top_decode(&bytes[..])
    .unwrap();
    assert_eq!((decoded.0, decoded.14, decoded.15), (0, 14, 15));
    assert_eq!(top_err::<(u8, u8)>(&[1, 2, 3]), "input too long");
    assert_eq!(top_err::<(u8, u16)>(&[1, 2]), "input too short");
}

#[test]
fn references_encode_as_their_target() {
    let value = 258u32;
    assert_eq!(top_encode_to_vec_u8(&&value).unwrap(), [1, 2]);
    assert_eq!(dep_encode_to_vec(&&value).unwrap(), [0, 0, 1, 2]);
}

#[test]
fn top_output_into_a_non_empty_vec_appends() {
    let mut bytes = vec![0xee];
    strata_codec::TopEncode::top_encode(&(1u8, 2u8), &mut bytes).unwrap();
    assert_eq!(bytes, [0xee, 1, 2]);
    let mut bytes = Vec::new();
    strata_codec::TopEncode::top_encode(&(1u8, 2u8), &mut bytes).unwrap();
    assert_eq!(bytes, [1, 2]);
}

//! The derives: structs, enums, generics, explicit discriminants, the crate path.

use strata_codec::{NestedDecode, NestedEncode, TopDecode, TopEncode};

use crate::support::{both, nested_err, top, top_err};

#[derive(TopEncode, TopDecode, NestedEncode, NestedDecode, Debug, PartialEq, Clone)]
struct Transfer {
    to: [u8; 4],
    amount: u64,
    memo: Option<Vec<u8>>,
}

#[derive(TopEncode, TopDecode, NestedEncode, NestedDecode, Debug, PartialEq, Clone)]
struct Pair(u8, u16);

#[derive(TopEncode, TopDecode, NestedEncode, NestedDecode, Debug, PartialEq, Clone)]
struct Empty;

#[derive(TopEncode, TopDecode, NestedEncode, NestedDecode, Debug, PartialEq, Clone)]
enum Status {
    Inactive,
    Active,
    Paused,
}

#[derive(TopEncode, TopDecode, NestedEncode, NestedDecode, Debug, PartialEq, Clone)]
enum Action {
    Nothing,
    Pay { amount: u32, to: Vec<u8> },
    Vote(bool),
    Stop,
}

#[derive(TopEncode, TopDecode, NestedEncode, NestedDecode, Debug, PartialEq, Clone)]
enum Explicit {
    A = 3,
    B,
    C = 10,
}

#[derive(TopEncode, TopDecode, NestedEncode, NestedDecode, Debug, PartialEq, Clone)]
enum NoZeroUnit {
    Some(u8),
    Other,
}

#[derive(TopEncode, TopDecode, NestedEncode, NestedDecode, Debug, PartialEq, Clone)]
struct Wrapper<T> {
    items: Vec<T>,
    last: Option<T>,
}

#[test]
fn struct_fields_nested_in_order_at_both_levels() {
    let value = Transfer {
        to: [1, 2, 3, 4],
        amount: 5,
        memo: Some(vec![9]),
    };
    let bytes = [1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 5, 1, 0, 0, 0, 1, 9];
    both(value, &bytes, &bytes);
    let value = Transfer {
        to: [0; 4],
        amount: 0,
        memo: None,
    };
    let bytes = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    both(value, &bytes, &bytes);
    both(Pair(1, 2), &[1, 0, 2], &[1, 0, 2]);
    both(Empty, &[], &[]);
}

#[test]
fn struct_decode_errors() {
    assert_eq!(top_err::<Pair>(&[1, 0, 2, 0]), "input too long");
    assert_eq!(top_err::<Pair>(&[1, 0]), "input too short");
    assert_eq!(top_err::<Empty>(&[0]), "input too long");
    assert_eq!(
        nested_err::<Transfer>(&[1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 5, 7]),
        "invalid value"
    );
}

#[test]
fn fieldless_enums_top_encode_like_a_u8() {
    both(Status::Inactive, &[], &[0]);
    both(Status::Active, &[1], &[1]);
    both(Status::Paused, &[2], &[2]);
    assert_eq!(Status::top_decode(&[0u8][..]), Ok(Status::Inactive));
    assert_eq!(Status::top_decode(&[0u8, 2][..]), Ok(Status::Paused));
    assert_eq!(top_err::<Status>(&[3]), "invalid value");
    assert_eq!(nested_err::<Status>(&[3]), "invalid value");
    assert_eq!(nested_err::<Status>(&[]), "input too short");
}

#[test]
fn enums_with_fields_encode_discriminant_then_fields() {
    both(Action::Nothing, &[], &[0]);
    let pay = Action::Pay {
        amount: 7,
        to: vec![0xaa, 0xbb],
    };
    let bytes = [1, 0, 0, 0, 7, 0, 0, 0, 2, 0xaa, 0xbb];
    both(pay, &bytes, &bytes);
    both(Action::Vote(true), &[2, 1], &[2, 1]);
    both(Action::Stop, &[3], &[3]);
    assert_eq!(Action::top_decode(&[0u8][..]), Ok(Action::Nothing));
    assert_eq!(top_err::<Action>(&[4]), "invalid value");
    assert_eq!(top_err::<Action>(&[2, 1, 0]), "input too long");
    assert_eq!(top_err::<Action>(&[2, 2]), "invalid value");
    assert_eq!(top_err::<Action>(&[1, 0, 0]), "input too short");
}

#[test]
fn explicit_discriminants_follow_rust_counting() {
    both(Explicit::A, &[3], &[3]);
    both(Explicit::B, &[4], &[4]);
    both(Explicit::C, &[10], &[10]);
    assert_eq!(top_err::<Explicit>(&[]), "invalid value");
    assert_eq!(top_err::<Explicit>(&[0]), "invalid value");
    assert_eq!(top_err::<Explicit>(&[5]), "invalid value");
}

#[test]
fn empty_input_needs_a_fieldless_variant_zero() {
    both(NoZeroUnit::Some(0), &[0, 0], &[0, 0]);
    both(NoZeroUnit::Other, &[1], &[1]);
    assert_eq!(top_err::<NoZeroUnit>(&[]), "input too short");
}

#[test]
fn generic_structs_and_derived_types_inside_containers() {
    let value = Wrapper {
        items: vec![1u16, 2],
        last: Some(3u16),
    };
    let bytes = [0, 0, 0, 2, 0, 1, 0, 2, 1, 0, 3];
    both(value, &bytes, &bytes);
    let list = vec![Status::Active, Status::Inactive];
    both(list, &[1, 0], &[0, 0, 0, 2, 1, 0]);
    top(Some(Pair(1, 2)), &[1, 1, 0, 2]);
    top((Action::Vote(false), Status::Paused), &[2, 0, 2]);
}

/// A framework that re-exports the codec: derives find it by `#[codec(crate = ...)]` or by a
/// glob import of a module that re-exports it under the same name.
mod framework {
    pub mod prelude {
        pub use strata_codec;
        pub use strata_codec::{NestedDecode, NestedEncode, TopDecode, TopEncode};
    }
    pub use strata_codec as codec;
}

mod contract_via_attribute {
    use super::framework::codec as my_codec;

    #[derive(my_codec::TopEncode, my_codec::TopDecode, Debug, PartialEq)]
    #[codec(crate = "crate::derive::framework::codec")]
    pub struct Stored {
        pub value: u32,
    }
}

mod contract_via_prelude {
    use super::framework::prelude::*;

    #[derive(TopEncode, TopDecode, NestedEncode, NestedDecode, Debug, PartialEq, Clone)]
    pub enum Kind {
        Plain,
        Tagged(u8),
    }
}

#[test]
fn derives_through_a_re_export() {
    use contract_via_attribute::Stored;
    use contract_via_prelude::Kind;
    let bytes = strata_codec::top_encode_to_vec_u8(&Stored { value: 258 }).unwrap();
    assert_eq!(bytes, [0, 0, 1, 2]);
    assert_eq!(Stored::top_decode(&bytes[..]), Ok(Stored { value: 258 }));
    both(Kind::Tagged(9), &[1, 9], &[1, 9]);
    both(Kind::Plain, &[], &[0]);
}

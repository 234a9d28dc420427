//! Derives for `strata-codec`: [`TopEncode`], [`TopDecode`], [`NestedEncode`],
//! [`NestedDecode`] and [`TypeAbi`], producing the MultiversX ecosystem's encodings.
//!
//! - A **struct** encodes its fields nested, in declaration order, at both levels (top-level
//!   decoding refuses bytes left over).
//! - An **enum** encodes a one-byte discriminant (the variant's index, or its explicit
//!   `= N`, Rust's counting rules, at most 255), then the variant's fields nested. At top level
//!   a variant without fields encodes like a `u8` (so discriminant 0 is empty), and empty input
//!   decodes to the fieldless variant with discriminant 0 when there is one.
//! - Each type parameter gets the derived trait as a bound.
//!
//! The generated code names the codec as `strata_codec::…`, resolved where the derive is used:
//! a crate depending on `strata-codec` has that name, and a framework can re-export the crate
//! (`pub use strata_codec;` in a prelude glob-imported by contracts). Another path is set with
//! `#[codec(crate = "path::to::codec")]` on the type.
//!
//! ```
//! use strata_codec::{NestedDecode, NestedEncode, TopDecode, TopEncode, top_encode_to_vec_u8};
//!
//! #[derive(TopEncode, TopDecode, NestedEncode, NestedDecode, Debug, PartialEq)]
//! struct Pair {
//!     a: u16,
//!     b: Vec<u8>,
//! }
//!
//! let bytes = top_encode_to_vec_u8(&Pair { a: 1, b: vec![7] }).unwrap();
//! assert_eq!(bytes, [0, 1, 0, 0, 0, 1, 7]);
//! assert_eq!(Pair::top_decode(&bytes[..]), Ok(Pair { a: 1, b: vec![7] }));
//! ```

mod attrs;
mod decode;
mod encode;
mod type_abi;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

fn expand(
    input: TokenStream,
    generate: fn(&DeriveInput) -> syn::Result<proc_macro2::TokenStream>,
) -> TokenStream {
    let ast = parse_macro_input!(input as DeriveInput);
    generate(&ast)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Derives `NestedEncode`: fields nested in order; enums a discriminant byte first.
#[proc_macro_derive(NestedEncode, attributes(codec))]
pub fn derive_nested_encode(input: TokenStream) -> TokenStream {
    expand(input, encode::nested_encode)
}

/// Derives `TopEncode`: the nested encoding, except that fieldless enum variants encode
/// like a `u8` (discriminant 0 is empty).
#[proc_macro_derive(TopEncode, attributes(codec))]
pub fn derive_top_encode(input: TokenStream) -> TokenStream {
    expand(input, encode::top_encode)
}

/// Derives `NestedDecode`: the inverse of `NestedEncode`; an unknown discriminant is
/// "invalid value".
#[proc_macro_derive(NestedDecode, attributes(codec))]
pub fn derive_nested_decode(input: TokenStream) -> TokenStream {
    expand(input, decode::nested_decode)
}

/// Derives `TopDecode`: the inverse of `TopEncode`; bytes left over are "input too long".
#[proc_macro_derive(TopDecode, attributes(codec))]
pub fn derive_top_decode(input: TokenStream) -> TokenStream {
    expand(input, decode::top_decode)
}

/// Derives `TypeAbi`: the type's name, and its description (`struct` with fields, `enum` with
/// variants, discriminants and fields, doc comments as `docs`) for the ABI's `"types"`.
#[proc_macro_derive(TypeAbi, attributes(codec))]
pub fn derive_type_abi(input: TokenStream) -> TokenStream {
    expand(input, type_abi::type_abi)
}

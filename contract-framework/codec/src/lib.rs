//! The MultiversX ecosystem's binary codec, byte for byte, for Strata contracts: `no_std` +
//! `alloc`, no dependencies.
//!
//! Two encodings exist for every type. The **top-level** one is for a value whose length is
//! known from the outside (an endpoint argument or result, a storage value): numbers are
//! minimal big-endian (`0` is empty), lists carry no count. The **nested** one is for a value
//! inside a larger value (a struct field, a list item): numbers are fixed-width big-endian,
//! buffers and lists carry a u32 big-endian length first.
//!
//! ```
//! use strata_codec::{TopDecode, dep_encode_to_vec, top_encode_to_vec_u8};
//!
//! assert_eq!(top_encode_to_vec_u8(&258u32).unwrap(), [1, 2]);
//! assert_eq!(dep_encode_to_vec(&258u32).unwrap(), [0, 0, 1, 2]);
//! assert_eq!(top_encode_to_vec_u8(&0u64).unwrap(), [0u8; 0]);
//! assert_eq!(dep_encode_to_vec(&Some(7u8)).unwrap(), [1, 7]);
//! assert_eq!(u16::top_decode(&[1u8, 2][..]), Ok(0x0102));
//! assert_eq!(u8::top_decode(&[1u8, 0][..]).unwrap_err().message(), "input too long");
//! ```
//!
//! The traits are generic over their output and input ([`TopEncodeOutput`],
//! [`NestedEncodeOutput`], [`TopDecodeInput`], [`NestedDecodeInput`]), so a framework can encode
//! straight into a VM-managed buffer; this crate implements them for byte vectors and slices.
#![no_std]

extern crate alloc;

mod error;
mod input;
pub mod num;
mod output;
mod traits;

pub use error::{DecodeError, EncodeError};
pub use input::{NestedDecodeInput, OwnedBytesInput, TopDecodeInput};
pub use output::{NestedEncodeOutput, TopEncodeOutput};
pub use strata_codec_derive::{NestedDecode, NestedEncode, TopDecode, TopEncode, TypeAbi};
pub use traits::{
    NestedDecode, NestedEncode, TopDecode, TopEncode, dep_decode_from_byte_slice,
    dep_encode_to_vec, top_decode_from_nested, top_encode_from_nested, top_encode_to_vec_u8,
};

mod impls;

pub mod abi;

/// Names the generated code uses, so a `no_std` contract needs no `extern crate alloc`.
#[doc(hidden)]
pub mod __private {
    pub use alloc::{string::String, vec, vec::Vec};
}

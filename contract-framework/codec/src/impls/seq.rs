//! Lists, arrays and strings.

use alloc::{boxed::Box, string::String, vec::Vec};

use crate::{
    DecodeError, EncodeError, NestedDecode, NestedDecodeInput, NestedEncode, NestedEncodeOutput,
    TopDecode, TopDecodeInput, TopEncode, TopEncodeOutput, top_decode_from_nested,
};

/// Writes a u32 big-endian length (a `usize` beyond u32 does not encode).
fn dep_encode_len<O: NestedEncodeOutput>(len: usize, dest: &mut O) -> Result<(), EncodeError> {
    len.dep_encode(dest)
}

/// Nested: u32 big-endian count, then the items nested (`&[u8]`: length then the bytes).
impl<T: NestedEncode> NestedEncode for [T] {
    fn dep_encode<O: NestedEncodeOutput>(&self, dest: &mut O) -> Result<(), EncodeError> {
        dep_encode_len(self.len(), dest)?;
        T::dep_encode_items(self, dest)
    }
}

/// Top level: the items nested, one after the other, no count (`&[u8]`: the raw bytes).
impl<T: NestedEncode> TopEncode for [T] {
    fn top_encode<O: TopEncodeOutput>(&self, output: O) -> Result<(), EncodeError> {
        T::top_encode_items(self, output)
    }
}

impl<T: NestedEncode> NestedEncode for Vec<T> {
    fn dep_encode<O: NestedEncodeOutput>(&self, dest: &mut O) -> Result<(), EncodeError> {
        self.as_slice().dep_encode(dest)
    }
}

impl<T: NestedEncode> TopEncode for Vec<T> {
    fn top_encode<O: TopEncodeOutput>(&self, output: O) -> Result<(), EncodeError> {
        self.as_slice().top_encode(output)
    }
}

/// Nested: the count, then as many items; a count beyond the input is "input too short".
impl<T: NestedDecode> NestedDecode for Vec<T> {
    fn dep_decode<I: NestedDecodeInput>(input: &mut I) -> Result<Self, DecodeError> {
        let count = usize::dep_decode(input)?;
        let mut items = Vec::new();
        T::dep_decode_items(count, input, &mut items)?;
        Ok(items)
    }
}

/// Top level: nested items until the input is depleted.
impl<T: NestedDecode> TopDecode for Vec<T> {
    fn top_decode<I: TopDecodeInput>(input: I) -> Result<Self, DecodeError> {
        T::top_decode_items(input)
    }
}

impl<T: NestedDecode> NestedDecode for Box<[T]> {
    fn dep_decode<I: NestedDecodeInput>(input: &mut I) -> Result<Self, DecodeError> {
        Vec::<T>::dep_decode(input).map(Vec::into_boxed_slice)
    }
}

impl<T: NestedDecode> TopDecode for Box<[T]> {
    fn top_decode<I: TopDecodeInput>(input: I) -> Result<Self, DecodeError> {
        Vec::<T>::top_decode(input).map(Vec::into_boxed_slice)
    }
}

/// Arrays: the items nested, no count, at both levels.
impl<T: NestedEncode, const N: usize> NestedEncode for [T; N] {
    fn dep_encode<O: NestedEncodeOutput>(&self, dest: &mut O) -> Result<(), EncodeError> {
        T::dep_encode_items(self, dest)
    }
}

impl<T: NestedEncode, const N: usize> TopEncode for [T; N] {
    fn top_encode<O: TopEncodeOutput>(&self, output: O) -> Result<(), EncodeError> {
        T::top_encode_items(self, output)
    }
}

impl<T: NestedDecode, const N: usize> NestedDecode for [T; N] {
    fn dep_decode<I: NestedDecodeInput>(input: &mut I) -> Result<Self, DecodeError> {
        let mut items = Vec::new();
        T::dep_decode_items(N, input, &mut items)?;
        items
            .try_into()
            .map_err(|_| DecodeError::ARRAY_DECODE_ERROR)
    }
}

/// Top level: exactly `N` items ("input too short" / "input too long" otherwise).
impl<T: NestedDecode, const N: usize> TopDecode for [T; N] {
    fn top_decode<I: TopDecodeInput>(input: I) -> Result<Self, DecodeError> {
        top_decode_from_nested(input)
    }
}

/// Strings encode as their UTF-8 bytes (nested: length-prefixed).
impl NestedEncode for str {
    fn dep_encode<O: NestedEncodeOutput>(&self, dest: &mut O) -> Result<(), EncodeError> {
        self.as_bytes().dep_encode(dest)
    }
}

impl TopEncode for str {
    fn top_encode<O: TopEncodeOutput>(&self, output: O) -> Result<(), EncodeError> {
        output.set_slice_u8(self.as_bytes());
        Ok(())
    }
}

impl NestedEncode for String {
    fn dep_encode<O: NestedEncodeOutput>(&self, dest: &mut O) -> Result<(), EncodeError> {
        self.as_str().dep_encode(dest)
    }
}

impl TopEncode for String {
    fn top_encode<O: TopEncodeOutput>(&self, output: O) -> Result<(), EncodeError> {
        self.as_str().top_encode(output)
    }
}

fn utf8(bytes: Vec<u8>) -> Result<String, DecodeError> {
    String::from_utf8(bytes).map_err(|_| DecodeError::UTF8_DECODE_ERROR)
}

/// Invalid UTF-8 is "utf-8 decode error".
impl NestedDecode for String {
    fn dep_decode<I: NestedDecodeInput>(input: &mut I) -> Result<Self, DecodeError> {
        utf8(Vec::<u8>::dep_decode(input)?)
    }
}

impl TopDecode for String {
    fn top_decode<I: TopDecodeInput>(input: I) -> Result<Self, DecodeError> {
        utf8(input.into_bytes())
    }
}

impl NestedDecode for Box<str> {
    fn dep_decode<I: NestedDecodeInput>(input: &mut I) -> Result<Self, DecodeError> {
        String::dep_decode(input).map(String::into_boxed_str)
    }
}

impl TopDecode for Box<str> {
    fn top_decode<I: TopDecodeInput>(input: I) -> Result<Self, DecodeError> {
        String::top_decode(input).map(String::into_boxed_str)
    }
}

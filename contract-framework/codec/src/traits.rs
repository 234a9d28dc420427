//! The four codec traits and the helpers that connect them.

use alloc::vec::Vec;

use crate::{
    DecodeError, EncodeError, NestedDecodeInput, NestedEncodeOutput, TopDecodeInput,
    TopEncodeOutput,
};

/// Nested encoding: the bytes of a value inside a larger value (a struct field, a list item),
/// self-delimiting (fixed-width numbers, length-prefixed buffers).
pub trait NestedEncode {
    /// Appends the value's nested encoding to `dest`.
    fn dep_encode<O: NestedEncodeOutput>(&self, dest: &mut O) -> Result<(), EncodeError>;

    /// Appends the nested encodings of `items`, one after the other (no count). `u8`
    /// overrides it with a single write; other types keep the default loop.
    #[doc(hidden)]
    fn dep_encode_items<O: NestedEncodeOutput>(
        items: &[Self],
        dest: &mut O,
    ) -> Result<(), EncodeError>
    where
        Self: Sized,
    {
        for item in items {
            item.dep_encode(dest)?;
        }
        Ok(())
    }

    /// Sets `output` to the concatenated nested encodings of `items` (how a list top-encodes).
    #[doc(hidden)]
    fn top_encode_items<O: TopEncodeOutput>(items: &[Self], output: O) -> Result<(), EncodeError>
    where
        Self: Sized,
    {
        let mut buffer = output.start_nested_encode();
        Self::dep_encode_items(items, &mut buffer)?;
        output.finalize_nested_encode(buffer);
        Ok(())
    }
}

/// Nested decoding: reads one value from the front of `input`, leaving the rest.
pub trait NestedDecode: Sized {
    /// Reads the value; [`DecodeError::INPUT_TOO_SHORT`] when the input ends first.
    fn dep_decode<I: NestedDecodeInput>(input: &mut I) -> Result<Self, DecodeError>;

    /// Reads `count` values into `into`. `u8` overrides it with one read, after checking the
    /// input holds `count` bytes (so a hostile count allocates nothing).
    #[doc(hidden)]
    fn dep_decode_items<I: NestedDecodeInput>(
        count: usize,
        input: &mut I,
        into: &mut Vec<Self>,
    ) -> Result<(), DecodeError> {
        // Every encoded item but a zero-sized one takes at least a byte: reserve no more
        // than the input could hold.
        into.reserve(count.min(input.remaining_len()));
        for _ in 0..count {
            into.push(Self::dep_decode(input)?);
        }
        Ok(())
    }

    /// Decodes a whole top-level value as a list of items (until the input is depleted).
    #[doc(hidden)]
    fn top_decode_items<I: TopDecodeInput>(input: I) -> Result<Vec<Self>, DecodeError> {
        let mut buffer = input.into_nested_buffer();
        let mut items = Vec::new();
        while !buffer.is_depleted() {
            items.push(Self::dep_decode(&mut buffer)?);
        }
        Ok(items)
    }
}

/// Top-level encoding: a whole argument, result or storage value, whose length is known from
/// the outside (numbers are minimal, `0`/`false`/`None` are empty, lists carry no count).
pub trait TopEncode {
    /// Sets `output` to the value's top-level encoding.
    fn top_encode<O: TopEncodeOutput>(&self, output: O) -> Result<(), EncodeError>;
}

/// Top-level decoding: a whole argument, result or storage value.
pub trait TopDecode: Sized {
    /// Decodes the value from all of `input`; bytes left over are
    /// [`DecodeError::INPUT_TOO_LONG`].
    fn top_decode<I: TopDecodeInput>(input: I) -> Result<Self, DecodeError>;
}

/// Top-encodes a value whose top-level encoding equals its nested one (structs, tuples,
/// arrays): builds the nested encoding and sets it.
pub fn top_encode_from_nested<T, O>(value: &T, output: O) -> Result<(), EncodeError>
where
    T: NestedEncode + ?Sized,
    O: TopEncodeOutput,
{
    let mut buffer = output.start_nested_encode();
    value.dep_encode(&mut buffer)?;
    output.finalize_nested_encode(buffer);
    Ok(())
}

/// Top-decodes a value whose top-level encoding equals its nested one: decodes it nested and
/// refuses leftover bytes with [`DecodeError::INPUT_TOO_LONG`].
pub fn top_decode_from_nested<T, I>(input: I) -> Result<T, DecodeError>
where
    T: NestedDecode,
    I: TopDecodeInput,
{
    let mut buffer = input.into_nested_buffer();
    let value = T::dep_decode(&mut buffer)?;
    if !buffer.is_depleted() {
        return Err(DecodeError::INPUT_TOO_LONG);
    }
    Ok(value)
}

/// The top-level encoding of `value` as bytes.
pub fn top_encode_to_vec_u8<T: TopEncode + ?Sized>(value: &T) -> Result<Vec<u8>, EncodeError> {
    let mut bytes = Vec::new();
    value.top_encode(&mut bytes)?;
    Ok(bytes)
}

/// The nested encoding of `value` as bytes.
pub fn dep_encode_to_vec<T: NestedEncode + ?Sized>(value: &T) -> Result<Vec<u8>, EncodeError> {
    let mut bytes = Vec::new();
    value.dep_encode(&mut bytes)?;
    Ok(bytes)
}

/// Nested-decodes a value that must take all of `bytes` ([`DecodeError::INPUT_TOO_LONG`]
/// otherwise).
pub fn dep_decode_from_byte_slice<T: NestedDecode>(bytes: &[u8]) -> Result<T, DecodeError> {
    top_decode_from_nested(bytes)
}

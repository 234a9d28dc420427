//! Where decoded bytes come from: a nested input (read front to back) and a top-level input
//! (one whole value).

use alloc::{boxed::Box, vec::Vec};

use crate::{DecodeError, num};

/// A byte source read front to back, for nested decoding.
///
/// `&[u8]` implements it (reading advances the slice), as does [`OwnedBytesInput`]. Like
/// [`NestedEncodeOutput`](crate::NestedEncodeOutput), an input may produce some framework types
/// directly through [`read_specialized`](NestedDecodeInput::read_specialized).
pub trait NestedDecodeInput {
    /// Bytes not read yet.
    fn remaining_len(&self) -> usize;

    /// Whether every byte has been read.
    fn is_depleted(&self) -> bool {
        self.remaining_len() == 0
    }

    /// Fills `into` with the next bytes; [`DecodeError::INPUT_TOO_SHORT`] (reading nothing)
    /// when fewer remain.
    fn read_into(&mut self, into: &mut [u8]) -> Result<(), DecodeError>;

    /// Reads one byte; [`DecodeError::INPUT_TOO_SHORT`] when none remains.
    fn read_byte(&mut self) -> Result<u8, DecodeError> {
        let mut byte = [0u8; 1];
        self.read_into(&mut byte)?;
        Ok(byte[0])
    }

    /// Whether [`read_specialized`](NestedDecodeInput::read_specialized) produces a `T`.
    fn supports_specialized_type<T: 'static>() -> bool {
        false
    }

    /// Reads a value of a type this input supports directly. The default refuses with
    /// [`DecodeError::UNSUPPORTED_OPERATION`].
    fn read_specialized<T: 'static>(&mut self) -> Result<T, DecodeError> {
        Err(DecodeError::UNSUPPORTED_OPERATION)
    }
}

impl NestedDecodeInput for &[u8] {
    fn remaining_len(&self) -> usize {
        self.len()
    }

    fn read_into(&mut self, into: &mut [u8]) -> Result<(), DecodeError> {
        let Some((head, rest)) = self.split_at_checked(into.len()) else {
            return Err(DecodeError::INPUT_TOO_SHORT);
        };
        into.copy_from_slice(head);
        *self = rest;
        Ok(())
    }

    fn read_byte(&mut self) -> Result<u8, DecodeError> {
        let Some((first, rest)) = self.split_first() else {
            return Err(DecodeError::INPUT_TOO_SHORT);
        };
        *self = rest;
        Ok(*first)
    }
}

/// Owned bytes read front to back: the nested buffer of a `Vec<u8>` or `Box<[u8]>` top input.
#[derive(Debug, Clone)]
pub struct OwnedBytesInput {
    bytes: Vec<u8>,
    position: usize,
}

impl OwnedBytesInput {
    /// Starts reading `bytes` from the beginning.
    pub fn new(bytes: Vec<u8>) -> Self {
        OwnedBytesInput { bytes, position: 0 }
    }

    fn rest(&self) -> &[u8] {
        self.bytes.get(self.position..).unwrap_or_default()
    }
}

impl NestedDecodeInput for OwnedBytesInput {
    fn remaining_len(&self) -> usize {
        self.bytes.len().saturating_sub(self.position)
    }

    fn read_into(&mut self, into: &mut [u8]) -> Result<(), DecodeError> {
        let mut rest = self.rest();
        rest.read_into(into)?;
        self.position += into.len();
        Ok(())
    }
}

/// One whole top-level value (an argument, a result, a storage value).
///
/// Only the length, the bytes and the nested buffer are required; numbers default to reading
/// at most 8 big-endian bytes, so an input backed by the VM can override
/// [`into_u64`](TopDecodeInput::into_u64) / [`into_i64`](TopDecodeInput::into_i64) with a hook.
pub trait TopDecodeInput: Sized {
    /// The nested input a value with an inner structure is read through.
    type NestedBuffer: NestedDecodeInput;

    /// Length of the value, in bytes.
    fn byte_len(&self) -> usize;

    /// The value's bytes.
    fn into_bytes(self) -> Vec<u8>;

    /// Copies the value right-aligned into `buffer` and returns the filled part;
    /// [`DecodeError::INPUT_TOO_LONG`] when it is longer than `N`.
    fn into_max_size_buffer<const N: usize>(
        self,
        buffer: &mut [u8; N],
    ) -> Result<&[u8], DecodeError>;

    /// The value as an unsigned big-endian number of at most 8 bytes (leading zeros allowed,
    /// empty is 0); [`DecodeError::INPUT_TOO_LONG`] beyond 8 bytes.
    fn into_u64(self) -> Result<u64, DecodeError> {
        let mut buffer = [0u8; 8];
        let bytes = self.into_max_size_buffer(&mut buffer)?;
        Ok(num::decode_u64(bytes))
    }

    /// The value as a signed two's complement big-endian number of at most 8 bytes (empty is
    /// 0); [`DecodeError::INPUT_TOO_LONG`] beyond 8 bytes.
    fn into_i64(self) -> Result<i64, DecodeError> {
        let mut buffer = [0u8; 8];
        let bytes = self.into_max_size_buffer(&mut buffer)?;
        Ok(num::decode_i64(bytes))
    }

    /// Whether [`into_specialized`](TopDecodeInput::into_specialized) produces a `T`.
    fn supports_specialized_type<T: 'static>() -> bool {
        false
    }

    /// The value as a type this input supports directly. The default refuses with
    /// [`DecodeError::UNSUPPORTED_OPERATION`].
    fn into_specialized<T: 'static>(self) -> Result<T, DecodeError> {
        Err(DecodeError::UNSUPPORTED_OPERATION)
    }

    /// The value, to be read front to back.
    fn into_nested_buffer(self) -> Self::NestedBuffer;
}

impl<'a> TopDecodeInput for &'a [u8] {
    type NestedBuffer = &'a [u8];

    fn byte_len(&self) -> usize {
        self.len()
    }

    fn into_bytes(self) -> Vec<u8> {
        self.to_vec()
    }

    fn into_max_size_buffer<const N: usize>(
        self,
        buffer: &mut [u8; N],
    ) -> Result<&[u8], DecodeError> {
        let Some(start) = N.checked_sub(self.len()) else {
            return Err(DecodeError::INPUT_TOO_LONG);
        };
        let target = buffer.get_mut(start..).unwrap_or_default();
        target.copy_from_slice(self);
        Ok(target)
    }

    fn into_nested_buffer(self) -> &'a [u8] {
        self
    }
}

impl TopDecodeInput for Vec<u8> {
    type NestedBuffer = OwnedBytesInput;

    fn byte_len(&self) -> usize {
        self.len()
    }

    fn into_bytes(self) -> Vec<u8> {
        self
    }

    fn into_max_size_buffer<const N: usize>(
        self,
        buffer: &mut [u8; N],
    ) -> Result<&[u8], DecodeError> {
        self.as_slice().into_max_size_buffer(buffer)
    }

    fn into_nested_buffer(self) -> OwnedBytesInput {
        OwnedBytesInput::new(self)
    }
}

impl TopDecodeInput for Box<[u8]> {
    type NestedBuffer = OwnedBytesInput;

    fn byte_len(&self) -> usize {
        self.len()
    }

    fn into_bytes(self) -> Vec<u8> {
        self.into_vec()
    }

    fn into_max_size_buffer<const N: usize>(
        self,
        buffer: &mut [u8; N],
    ) -> Result<&[u8], DecodeError> {
        (&*self).into_max_size_buffer(buffer)
    }

    fn into_nested_buffer(self) -> OwnedBytesInput {
        OwnedBytesInput::new(self.into_vec())
    }
}

//! A managed buffer as codec input and output: top-level decoding from its bytes, nested
//! decoding with a read position, and encoding by appending.

use alloc::vec::Vec;

use strata_codec::{
    DecodeError, EncodeError, NestedDecodeInput, NestedEncodeOutput, TopDecodeInput,
    TopEncodeOutput,
};

use super::specialized::{cast_ref, cast_value, is_managed, same};
use crate::types::{BigInt, BigUint, ManagedAddress, ManagedBuffer, TokenIdentifier};

/// The managed value `T` (one of [`is_managed`]) whose top-level encoding is `buffer`.
pub(crate) fn managed_from_buffer<T: 'static>(buffer: ManagedBuffer) -> Result<T, DecodeError> {
    if same::<T, BigUint>() {
        return cast_value(BigUint::from_bytes_be_buffer(&buffer));
    }
    if same::<T, BigInt>() {
        return cast_value(BigInt::from_signed_bytes_be_buffer(&buffer));
    }
    if same::<T, TokenIdentifier>() {
        return cast_value(TokenIdentifier::from_buffer(buffer));
    }
    if same::<T, ManagedAddress>() {
        return match buffer.len() {
            32 => cast_value(ManagedAddress::from_handle(buffer.handle())),
            len if len < 32 => Err(DecodeError::INPUT_TOO_SHORT),
            _ => Err(DecodeError::INPUT_TOO_LONG),
        };
    }
    cast_value(buffer)
}

/// The top-level encoding of the managed value `value` (one of [`is_managed`]), as a buffer
/// (the value's own buffer when it has one, not a copy).
pub(crate) fn managed_to_buffer<T: 'static>(value: &T) -> Result<ManagedBuffer, EncodeError> {
    if let Some(big) = cast_ref::<T, BigUint>(value) {
        return Ok(big.to_bytes_be_buffer());
    }
    if let Some(big) = cast_ref::<T, BigInt>(value) {
        return Ok(big.to_signed_bytes_be_buffer());
    }
    if let Some(token) = cast_ref::<T, TokenIdentifier>(value) {
        return Ok(ManagedBuffer::from_handle(token.handle()));
    }
    if let Some(address) = cast_ref::<T, ManagedAddress>(value) {
        return Ok(ManagedBuffer::from_handle(address.handle()));
    }
    match cast_ref::<T, ManagedBuffer>(value) {
        Some(buffer) => Ok(ManagedBuffer::from_handle(buffer.handle())),
        None => Err(EncodeError::UNSUPPORTED_OPERATION),
    }
}

impl TopDecodeInput for ManagedBuffer {
    type NestedBuffer = BufferReader;

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
        let len = self.len();
        let Some(start) = N.checked_sub(len) else {
            return Err(DecodeError::INPUT_TOO_LONG);
        };
        let target = &mut buffer[start..];
        self.load_slice(0, target);
        Ok(target)
    }

    fn supports_specialized_type<T: 'static>() -> bool {
        is_managed::<T>()
    }

    fn into_specialized<T: 'static>(self) -> Result<T, DecodeError> {
        managed_from_buffer(self)
    }

    fn into_nested_buffer(self) -> BufferReader {
        BufferReader {
            buffer: self,
            position: 0,
        }
    }
}

/// Nested decoding from a managed buffer: reads move a position forward.
#[derive(Debug)]
pub struct BufferReader {
    buffer: ManagedBuffer,
    position: usize,
}

impl NestedDecodeInput for BufferReader {
    fn remaining_len(&self) -> usize {
        self.buffer.len().saturating_sub(self.position)
    }

    fn read_into(&mut self, into: &mut [u8]) -> Result<(), DecodeError> {
        if !self.buffer.load_slice(self.position, into) {
            return Err(DecodeError::INPUT_TOO_SHORT);
        }
        self.position += into.len();
        Ok(())
    }
}

impl NestedEncodeOutput for ManagedBuffer {
    fn write(&mut self, bytes: &[u8]) {
        self.append_bytes(bytes);
    }

    fn supports_specialized_type<T: 'static>() -> bool {
        same::<T, ManagedBuffer>()
    }

    /// Appends the raw bytes of a managed buffer (its nested length is the caller's).
    fn push_specialized<T: 'static>(&mut self, value: &T) -> Result<(), EncodeError> {
        match cast_ref::<T, ManagedBuffer>(value) {
            Some(buffer) => {
                self.append(buffer);
                Ok(())
            }
            None => Err(EncodeError::UNSUPPORTED_OPERATION),
        }
    }
}

impl TopEncodeOutput for &mut ManagedBuffer {
    type NestedBuffer = ManagedBuffer;

    fn set_slice_u8(self, bytes: &[u8]) {
        self.overwrite(bytes);
    }

    fn supports_specialized_type<T: 'static>() -> bool {
        is_managed::<T>()
    }

    fn set_specialized<T: 'static>(self, value: &T) -> Result<(), EncodeError> {
        let encoded = managed_to_buffer(value)?;
        self.overwrite(&[]);
        self.append(&encoded);
        Ok(())
    }

    fn start_nested_encode(&self) -> ManagedBuffer {
        ManagedBuffer::new()
    }

    fn finalize_nested_encode(self, buffer: ManagedBuffer) {
        *self = buffer;
    }
}

//! Where encoded bytes go: a nested output (appendable) and a top-level output (set once).

use alloc::vec::Vec;

use crate::{EncodeError, num};

/// An appendable byte sink for nested encoding.
///
/// `Vec<u8>` implements it; a framework can implement it over a managed buffer. An output may
/// also take some of the framework's own types directly (say, appending a managed buffer by
/// handle instead of copying its bytes): it says so in [`supports_specialized_type`] and does it
/// in [`push_specialized`]. Types look the output up with
/// `if O::supports_specialized_type::<Self>() { return dest.push_specialized(self) }` before
/// falling back to bytes.
///
/// [`supports_specialized_type`]: NestedEncodeOutput::supports_specialized_type
/// [`push_specialized`]: NestedEncodeOutput::push_specialized
pub trait NestedEncodeOutput {
    /// Appends bytes.
    fn write(&mut self, bytes: &[u8]);

    /// Appends one byte.
    fn push_byte(&mut self, byte: u8) {
        self.write(&[byte]);
    }

    /// Whether [`push_specialized`](NestedEncodeOutput::push_specialized) takes a `T`.
    /// `false` unless the output overrides it.
    fn supports_specialized_type<T: 'static>() -> bool {
        false
    }

    /// Appends the nested encoding of a value of a type this output supports (downcast with
    /// `core::any::Any`). The default refuses with [`EncodeError::UNSUPPORTED_OPERATION`].
    fn push_specialized<T: 'static>(&mut self, value: &T) -> Result<(), EncodeError> {
        let _ = value;
        Err(EncodeError::UNSUPPORTED_OPERATION)
    }
}

impl NestedEncodeOutput for Vec<u8> {
    fn write(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }

    fn push_byte(&mut self, byte: u8) {
        self.push(byte);
    }
}

/// The destination of one top-level value (an argument, a result, a storage value): set exactly
/// once, consuming the output.
///
/// Only [`set_slice_u8`](TopEncodeOutput::set_slice_u8) and the nested-buffer pair are required;
/// numbers default to their minimal big-endian bytes, so an output backed by the VM can override
/// [`set_u64`](TopEncodeOutput::set_u64) / [`set_i64`](TopEncodeOutput::set_i64) with a hook
/// that takes the number directly.
pub trait TopEncodeOutput: Sized {
    /// The buffer a value's nested encoding is built in before it is set.
    type NestedBuffer: NestedEncodeOutput;

    /// Sets the value's bytes.
    fn set_slice_u8(self, bytes: &[u8]);

    /// Sets an unsigned number: big-endian, no leading zeros, 0 as empty bytes.
    fn set_u64(self, value: u64) {
        let mut buffer = [0u8; 8];
        self.set_slice_u8(num::top_encode_u64(value, &mut buffer));
    }

    /// Sets a signed number: minimal two's complement big-endian, 0 as empty bytes.
    fn set_i64(self, value: i64) {
        let mut buffer = [0u8; 8];
        self.set_slice_u8(num::top_encode_i64(value, &mut buffer));
    }

    /// Whether [`set_specialized`](TopEncodeOutput::set_specialized) takes a `T`.
    fn supports_specialized_type<T: 'static>() -> bool {
        false
    }

    /// Sets a value of a type this output supports directly (see
    /// [`NestedEncodeOutput::push_specialized`]). The default refuses.
    fn set_specialized<T: 'static>(self, value: &T) -> Result<(), EncodeError> {
        let _ = value;
        Err(EncodeError::UNSUPPORTED_OPERATION)
    }

    /// Starts building a value from nested encodings.
    fn start_nested_encode(&self) -> Self::NestedBuffer;

    /// Sets the value to what was built in `buffer`.
    fn finalize_nested_encode(self, buffer: Self::NestedBuffer);
}

/// Appends the value's bytes to the vector (which normally starts empty).
impl TopEncodeOutput for &mut Vec<u8> {
    type NestedBuffer = Vec<u8>;

    fn set_slice_u8(self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }

    fn start_nested_encode(&self) -> Vec<u8> {
        Vec::new()
    }

    fn finalize_nested_encode(self, buffer: Vec<u8>) {
        if self.is_empty() {
            *self = buffer;
        } else {
            self.extend_from_slice(&buffer);
        }
    }
}

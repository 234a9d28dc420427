//! `BigInt`: a signed big integer held by the VM.

use crate::hooks;
use crate::types::{BigUint, ManagedBuffer};

/// A signed big integer held by the VM (a big-int handle).
pub struct BigInt {
    handle: i32,
}

impl BigInt {
    /// Zero.
    pub fn zero() -> Self {
        // SAFETY: no pointer.
        Self::from_handle(unsafe { hooks::big_int_new(0) })
    }

    /// The big integer behind a VM handle.
    pub fn from_handle(handle: i32) -> Self {
        Self { handle }
    }

    /// The VM handle.
    pub fn handle(&self) -> i32 {
        self.handle
    }

    /// The value of minimal two's complement big-endian bytes (empty = 0).
    pub fn from_signed_bytes_be(bytes: &[u8]) -> Self {
        let result = Self::zero();
        // SAFETY: the pointer and length describe `bytes`.
        unsafe {
            hooks::big_int_set_signed_bytes(
                result.handle,
                bytes.as_ptr() as isize,
                bytes.len() as isize,
            )
        };
        result
    }

    /// The value of a two's complement managed buffer.
    pub fn from_signed_bytes_be_buffer(buffer: &ManagedBuffer) -> Self {
        let result = Self::zero();
        // SAFETY: handles only.
        unsafe { hooks::mbuffer_to_big_int_signed(buffer.handle(), result.handle) };
        result
    }

    /// The minimal two's complement big-endian bytes (0 = empty), in a managed buffer.
    pub fn to_signed_bytes_be_buffer(&self) -> ManagedBuffer {
        let result = ManagedBuffer::new();
        // SAFETY: handles only.
        unsafe { hooks::mbuffer_from_big_int_signed(result.handle(), self.handle) };
        result
    }

    /// The minimal two's complement big-endian bytes (0 = empty).
    pub fn to_signed_bytes_be(&self) -> alloc::vec::Vec<u8> {
        // SAFETY: a handle only.
        let len = unsafe { hooks::big_int_signed_byte_length(self.handle) };
        let len = usize::try_from(len).unwrap_or(0);
        let mut bytes = alloc::vec![0u8; len];
        if len > 0 {
            // SAFETY: `bytes` holds the `len` bytes the hook writes.
            unsafe { hooks::big_int_get_signed_bytes(self.handle, bytes.as_mut_ptr() as isize) };
        }
        bytes
    }

    /// The value as an `i64`, if it fits.
    pub fn to_i64(&self) -> Option<i64> {
        // SAFETY: a handle only.
        (unsafe { hooks::big_int_is_int64(self.handle) } == 1)
            .then(|| unsafe { hooks::big_int_get_int64(self.handle) })
    }

    /// -1, 0 or 1.
    pub fn sign(&self) -> i32 {
        // SAFETY: a handle only.
        unsafe { hooks::big_int_sign(self.handle) }
    }

    /// The absolute value, as a `BigUint`.
    pub fn magnitude(&self) -> BigUint {
        let result = BigUint::zero();
        // SAFETY: handles only.
        unsafe { hooks::big_int_abs(result.handle(), self.handle) };
        result
    }

    /// The value as a `BigUint`, if not negative.
    pub fn into_big_uint(self) -> Option<BigUint> {
        (self.sign() >= 0).then(|| BigUint::from_handle(self.handle))
    }

    /// Adds the value to the call's results (`bigIntFinishSigned`).
    pub fn finish(&self) {
        // SAFETY: a handle only.
        unsafe { hooks::big_int_finish_signed(self.handle) };
    }

    fn after_sub(self) -> Self {
        self
    }

    fn after_sub_in_place(&self) {}
}

impl From<i64> for BigInt {
    fn from(value: i64) -> Self {
        // SAFETY: no pointer.
        Self::from_handle(unsafe { hooks::big_int_new(value) })
    }
}

impl From<BigUint> for BigInt {
    fn from(value: BigUint) -> Self {
        Self::from_handle(value.handle())
    }
}

impl core::ops::Neg for BigInt {
    type Output = BigInt;
    fn neg(self) -> BigInt {
        let result = BigInt::zero();
        // SAFETY: handles only.
        unsafe { hooks::big_int_neg(result.handle, self.handle) };
        result
    }
}

big_arithmetic!(BigInt);

//! `BigUint`: an unsigned big integer held by the VM.

use crate::error::{messages, signal_error};
use crate::hooks;
use crate::types::ManagedBuffer;

/// An unsigned big integer held by the VM (a big-int handle). Arithmetic goes through the VM's
/// big-int hooks; a subtraction below zero stops the contract with
/// [`messages::BIG_UINT_SUB_NEGATIVE`], a division by zero with the VM's "division by 0".
pub struct BigUint {
    handle: i32,
}

impl BigUint {
    /// Zero.
    pub fn zero() -> Self {
        // SAFETY: no pointer.
        Self::from_handle(unsafe { hooks::big_int_new(0) })
    }

    /// The big integer behind a VM handle (the caller guarantees it is not negative).
    pub fn from_handle(handle: i32) -> Self {
        Self { handle }
    }

    /// The VM handle.
    pub fn handle(&self) -> i32 {
        self.handle
    }

    /// The value of a big-endian byte string (empty = 0).
    pub fn from_bytes_be(bytes: &[u8]) -> Self {
        let result = Self::zero();
        // SAFETY: the pointer and length describe `bytes`.
        unsafe {
            hooks::big_int_set_unsigned_bytes(
                result.handle,
                bytes.as_ptr() as isize,
                bytes.len() as isize,
            )
        };
        result
    }

    /// The value of a big-endian managed buffer (empty = 0).
    pub fn from_bytes_be_buffer(buffer: &ManagedBuffer) -> Self {
        let result = Self::zero();
        // SAFETY: handles only.
        unsafe { hooks::mbuffer_to_big_int_unsigned(buffer.handle(), result.handle) };
        result
    }

    /// The minimal big-endian bytes (0 = empty), in a managed buffer.
    pub fn to_bytes_be_buffer(&self) -> ManagedBuffer {
        let result = ManagedBuffer::new();
        // SAFETY: handles only.
        unsafe { hooks::mbuffer_from_big_int_unsigned(result.handle(), self.handle) };
        result
    }

    /// The minimal big-endian bytes (0 = empty).
    pub fn to_bytes_be(&self) -> alloc::vec::Vec<u8> {
        // SAFETY: a handle only.
        let len = unsafe { hooks::big_int_unsigned_byte_length(self.handle) };
        let len = usize::try_from(len).unwrap_or(0);
        let mut bytes = alloc::vec![0u8; len];
        if len > 0 {
            // SAFETY: `bytes` holds the `len` bytes the hook writes.
            unsafe { hooks::big_int_get_unsigned_bytes(self.handle, bytes.as_mut_ptr() as isize) };
        }
        bytes
    }

    /// The value as a `u64`, if it fits.
    pub fn to_u64(&self) -> Option<u64> {
        // SAFETY: handles only.
        if unsafe { hooks::big_int_is_int64(self.handle) } == 1 {
            return u64::try_from(unsafe { hooks::big_int_get_int64(self.handle) }).ok();
        }
        self.to_bytes_be_buffer().parse_as_u64()
    }

    /// Whether the value is 0.
    pub fn is_zero(&self) -> bool {
        // SAFETY: a handle only.
        unsafe { hooks::big_int_sign(self.handle) == 0 }
    }

    /// `self` to the power `exponent`.
    pub fn pow(&self, exponent: u32) -> Self {
        let result = Self::zero();
        let exponent = Self::from(u64::from(exponent));
        // SAFETY: handles only.
        unsafe { hooks::big_int_pow(result.handle, self.handle, exponent.handle) };
        result
    }

    /// The integer square root.
    pub fn sqrt(&self) -> Self {
        let result = Self::zero();
        // SAFETY: handles only.
        unsafe { hooks::big_int_sqrt(result.handle, self.handle) };
        result
    }

    /// The decimal text of the value, in a managed buffer.
    pub fn to_display(&self) -> ManagedBuffer {
        let result = ManagedBuffer::new();
        // SAFETY: handles only.
        unsafe { hooks::big_int_to_string(self.handle, result.handle()) };
        result
    }

    /// Adds the value to the call's results (`bigIntFinishUnsigned`).
    pub fn finish(&self) {
        // SAFETY: a handle only.
        unsafe { hooks::big_int_finish_unsigned(self.handle) };
    }

    /// Stops the contract when a subtraction left the result negative.
    fn after_sub(self) -> Self {
        self.after_sub_in_place();
        self
    }

    fn after_sub_in_place(&self) {
        // SAFETY: a handle only.
        if unsafe { hooks::big_int_sign(self.handle) } < 0 {
            signal_error(messages::BIG_UINT_SUB_NEGATIVE);
        }
    }
}

impl From<u64> for BigUint {
    fn from(value: u64) -> Self {
        match i64::try_from(value) {
            // SAFETY: no pointer.
            Ok(small) => Self::from_handle(unsafe { hooks::big_int_new(small) }),
            Err(_) => Self::from_bytes_be(&value.to_be_bytes()),
        }
    }
}

impl From<u32> for BigUint {
    fn from(value: u32) -> Self {
        Self::from(u64::from(value))
    }
}

impl From<usize> for BigUint {
    fn from(value: usize) -> Self {
        Self::from(value as u64)
    }
}

/// Compares with a small number without a new handle when the value fits 64 bits.
impl PartialEq<u64> for BigUint {
    fn eq(&self, other: &u64) -> bool {
        self.to_u64() == Some(*other)
    }
}

impl PartialOrd<u64> for BigUint {
    fn partial_cmp(&self, other: &u64) -> Option<core::cmp::Ordering> {
        Some(match self.to_u64() {
            Some(small) => small.cmp(other),
            None => core::cmp::Ordering::Greater,
        })
    }
}

big_arithmetic!(BigUint);

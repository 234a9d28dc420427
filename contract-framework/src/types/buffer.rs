//! `ManagedBuffer`: bytes held by the VM, behind a handle.

use alloc::vec::Vec;
use core::fmt;

use crate::hooks;

/// Bytes held by the VM (a managed buffer handle). Cloning copies the bytes into a new buffer.
pub struct ManagedBuffer {
    handle: i32,
}

impl ManagedBuffer {
    /// A new empty buffer.
    pub fn new() -> Self {
        // SAFETY: no pointer.
        Self::from_handle(unsafe { hooks::mbuffer_new() })
    }

    /// A new buffer holding a copy of `bytes`.
    pub fn new_from_bytes(bytes: &[u8]) -> Self {
        // SAFETY: the pointer and length describe `bytes`.
        let handle =
            unsafe { hooks::mbuffer_new_from_bytes(bytes.as_ptr() as isize, bytes.len() as isize) };
        Self::from_handle(handle)
    }

    /// The buffer behind a VM handle.
    pub fn from_handle(handle: i32) -> Self {
        Self { handle }
    }

    /// The VM handle.
    pub fn handle(&self) -> i32 {
        self.handle
    }

    /// The number of bytes.
    pub fn len(&self) -> usize {
        // SAFETY: a handle only.
        let len = unsafe { hooks::mbuffer_get_length(self.handle) };
        usize::try_from(len).unwrap_or(0)
    }

    /// Whether the buffer holds no byte.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Replaces the content with `bytes`.
    pub fn overwrite(&mut self, bytes: &[u8]) {
        // SAFETY: the pointer and length describe `bytes`.
        unsafe {
            hooks::mbuffer_set_bytes(self.handle, bytes.as_ptr() as isize, bytes.len() as isize)
        };
    }

    /// Appends the bytes of `other`.
    pub fn append(&mut self, other: &ManagedBuffer) {
        // SAFETY: handles only.
        unsafe { hooks::mbuffer_append(self.handle, other.handle) };
    }

    /// Appends `bytes`.
    pub fn append_bytes(&mut self, bytes: &[u8]) {
        // SAFETY: the pointer and length describe `bytes`.
        unsafe {
            hooks::mbuffer_append_bytes(self.handle, bytes.as_ptr() as isize, bytes.len() as isize)
        };
    }

    /// Appends `value` as 4 big-endian bytes (the nested encoding of a length or a `u32`).
    pub fn append_u32_be(&mut self, value: u32) {
        self.append_bytes(&value.to_be_bytes());
    }

    /// A copy of the bytes.
    pub fn to_vec(&self) -> Vec<u8> {
        let len = self.len();
        let mut bytes = Vec::with_capacity(len);
        if len > 0 {
            // SAFETY: `bytes` has room for `len` bytes, which the hook writes; then they are
            // initialized.
            unsafe {
                hooks::mbuffer_get_bytes(self.handle, bytes.as_mut_ptr() as isize);
                bytes.set_len(len);
            }
        }
        bytes
    }

    /// Copies `dest.len()` bytes from `start` into `dest`; `false` (and nothing copied) when
    /// the range is not inside the buffer.
    pub fn load_slice(&self, start: usize, dest: &mut [u8]) -> bool {
        let Some(end) = start.checked_add(dest.len()) else {
            return false;
        };
        if end > self.len() {
            return false;
        }
        if dest.is_empty() {
            return true;
        }
        // SAFETY: `dest` is valid for its length, which the range was checked to have.
        let status = unsafe {
            hooks::mbuffer_get_byte_slice(
                self.handle,
                start as i32,
                dest.len() as i32,
                dest.as_mut_ptr() as isize,
            )
        };
        status == 0
    }

    /// The bytes `start..start + len` as a new buffer, if inside.
    pub fn copy_slice(&self, start: usize, len: usize) -> Option<ManagedBuffer> {
        let end = start.checked_add(len)?;
        if end > self.len() {
            return None;
        }
        let result = ManagedBuffer::new();
        // SAFETY: handles only; the range was checked.
        let status = unsafe {
            hooks::mbuffer_copy_byte_slice(self.handle, start as i32, len as i32, result.handle)
        };
        (status == 0).then_some(result)
    }

    /// The content as an unsigned big-endian integer, if it fits 8 bytes.
    pub fn parse_as_u64(&self) -> Option<u64> {
        let len = self.len();
        if len > 8 {
            return None;
        }
        let mut bytes = [0u8; 8];
        self.load_slice(0, &mut bytes[8 - len..])
            .then(|| u64::from_be_bytes(bytes))
    }

    /// Loads storage under `self` as the key into `dest`.
    pub(crate) fn storage_load_into(&self, dest: &ManagedBuffer) {
        // SAFETY: handles only.
        unsafe { hooks::mbuffer_storage_load(self.handle, dest.handle) };
    }

    /// Stores `value` in storage under `self` as the key.
    pub(crate) fn storage_store(&self, value: &ManagedBuffer) {
        // SAFETY: handles only.
        unsafe { hooks::mbuffer_storage_store(self.handle, value.handle) };
    }

    /// Adds the bytes to the call's results (`mBufferFinish`).
    pub fn finish(&self) {
        // SAFETY: a handle only.
        unsafe { hooks::mbuffer_finish(self.handle) };
    }
}

impl Default for ManagedBuffer {
    fn default() -> Self {
        Self::new()
    }
}

impl Clone for ManagedBuffer {
    fn clone(&self) -> Self {
        let mut copy = ManagedBuffer::new();
        copy.append(self);
        copy
    }
}

impl PartialEq for ManagedBuffer {
    fn eq(&self, other: &Self) -> bool {
        // SAFETY: handles only.
        unsafe { hooks::mbuffer_eq(self.handle, other.handle) == 1 }
    }
}

impl Eq for ManagedBuffer {}

impl From<&[u8]> for ManagedBuffer {
    fn from(bytes: &[u8]) -> Self {
        Self::new_from_bytes(bytes)
    }
}

impl From<&str> for ManagedBuffer {
    fn from(text: &str) -> Self {
        Self::new_from_bytes(text.as_bytes())
    }
}

impl From<alloc::vec::Vec<u8>> for ManagedBuffer {
    fn from(bytes: alloc::vec::Vec<u8>) -> Self {
        Self::new_from_bytes(&bytes)
    }
}

impl<const N: usize> From<&[u8; N]> for ManagedBuffer {
    fn from(bytes: &[u8; N]) -> Self {
        Self::new_from_bytes(bytes)
    }
}

impl fmt::Debug for ManagedBuffer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ManagedBuffer")
            .field("handle", &self.handle)
            .finish()
    }
}

//! Managed buffers by handle.

use executor_api::EarlyExit;

use super::{MAX_BUFFER_BYTES, ManagedTypes};
use crate::errors::{self, failed};

impl ManagedTypes {
    /// Whether `handle` holds a managed buffer.
    pub fn has_buffer(&self, handle: i32) -> bool {
        self.buffers.contains(handle)
    }

    /// The length of the managed buffer under `handle`, `None` when there is none.
    pub fn buffer_len(&self, handle: i32) -> Option<usize> {
        self.buffers.get(handle).map(Vec::len)
    }

    /// Creates an empty managed buffer and returns its handle.
    pub fn new_empty_buffer(&mut self) -> i32 {
        self.new_buffer(Vec::new())
    }

    /// Appends `bytes` to the managed buffer under `handle`.
    ///
    /// # Errors
    /// Execution failed: "no managed buffer under the given handle" when there is none (the
    /// buffer is not created); [`errors::MANAGED_BUFFER_TOO_LARGE`] past 64 MiB.
    pub fn append_buffer(&mut self, handle: i32, bytes: &[u8]) -> Result<(), EarlyExit> {
        let buffer = self
            .buffers
            .get_mut(handle)
            .ok_or_else(|| failed(errors::NO_MANAGED_BUFFER_UNDER_HANDLE))?;
        let old = buffer.len();
        check_buffer_len(old.saturating_add(bytes.len()))?;
        buffer.extend_from_slice(bytes);
        self.buffers.resized(old, old.saturating_add(bytes.len()));
        Ok(())
    }

    /// Appends the managed buffer `source` to the managed buffer `destination` (which may be
    /// the same handle).
    ///
    /// # Errors
    /// Execution failed when either buffer is missing or the result is too large, as
    /// [`ManagedTypes::append_buffer`].
    pub fn append_buffer_from(&mut self, destination: i32, source: i32) -> Result<(), EarlyExit> {
        let bytes = self.buffer(source)?.to_vec();
        self.append_buffer(destination, &bytes)
    }
}

/// Fails execution with [`errors::MANAGED_BUFFER_TOO_LARGE`] when a buffer of `len` bytes
/// would exceed [`MAX_BUFFER_BYTES`].
///
/// # Errors
/// Execution failed when too large.
pub(crate) fn check_buffer_len(len: usize) -> Result<(), EarlyExit> {
    if len > MAX_BUFFER_BYTES {
        return Err(failed(errors::MANAGED_BUFFER_TOO_LARGE));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appending_needs_an_existing_buffer() {
        let mut managed = ManagedTypes::default();
        let err = managed.append_buffer(4, b"x").unwrap_err();
        assert_eq!(err.message, errors::NO_MANAGED_BUFFER_UNDER_HANDLE);
        assert!(!managed.has_buffer(4));

        let handle = managed.new_empty_buffer();
        managed.append_buffer(handle, b"ab").unwrap();
        managed.append_buffer_from(handle, handle).unwrap();
        assert_eq!(managed.buffer(handle).unwrap(), b"abab");
        assert_eq!(managed.buffer_len(handle), Some(4));
        assert_eq!(managed.buffer_len(99), None);
        assert!(managed.append_buffer_from(handle, 99).is_err());
    }

    #[test]
    fn buffers_beyond_the_limit_are_refused() {
        assert!(check_buffer_len(MAX_BUFFER_BYTES).is_ok());
        let err = check_buffer_len(MAX_BUFFER_BYTES + 1).unwrap_err();
        assert_eq!(err.message, errors::MANAGED_BUFFER_TOO_LARGE);
    }
}

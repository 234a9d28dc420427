//! `ManagedAddress` and `TokenIdentifier`: managed buffers with a meaning.

use core::fmt;

use crate::types::ManagedBuffer;

/// A 32-byte account address in a managed buffer.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct ManagedAddress {
    buffer: ManagedBuffer,
}

impl ManagedAddress {
    /// The address of 32 bytes.
    pub fn new_from_bytes(bytes: &[u8; 32]) -> Self {
        Self {
            buffer: ManagedBuffer::new_from_bytes(bytes),
        }
    }

    /// The 32 zero bytes.
    pub fn zero() -> Self {
        Self::new_from_bytes(&[0; 32])
    }

    /// The address held by `buffer`, if it has 32 bytes.
    pub fn from_buffer(buffer: ManagedBuffer) -> Option<Self> {
        (buffer.len() == 32).then_some(Self { buffer })
    }

    /// The address behind a managed buffer handle (the caller guarantees 32 bytes).
    pub fn from_handle(handle: i32) -> Self {
        Self {
            buffer: ManagedBuffer::from_handle(handle),
        }
    }

    /// The buffer's VM handle.
    pub fn handle(&self) -> i32 {
        self.buffer.handle()
    }

    /// The underlying buffer.
    pub fn as_buffer(&self) -> &ManagedBuffer {
        &self.buffer
    }

    /// The 32 bytes (zeros past the buffer's end, which cannot happen for a valid address).
    pub fn to_array(&self) -> [u8; 32] {
        let mut bytes = [0u8; 32];
        self.buffer.load_slice(0, &mut bytes);
        bytes
    }

    /// Whether all 32 bytes are zero.
    pub fn is_zero(&self) -> bool {
        self.to_array() == [0; 32]
    }
}

impl From<&[u8; 32]> for ManagedAddress {
    fn from(bytes: &[u8; 32]) -> Self {
        Self::new_from_bytes(bytes)
    }
}

impl fmt::Debug for ManagedAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ManagedAddress")
            .field("handle", &self.handle())
            .finish()
    }
}

/// The identifier of an ESDT token (`TICKER-abcdef`), in a managed buffer.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct TokenIdentifier {
    buffer: ManagedBuffer,
}

impl TokenIdentifier {
    /// The identifier spelled `bytes`.
    pub fn from_bytes(bytes: &[u8]) -> Self {
        Self {
            buffer: ManagedBuffer::new_from_bytes(bytes),
        }
    }

    /// The identifier held by `buffer`.
    pub fn from_buffer(buffer: ManagedBuffer) -> Self {
        Self { buffer }
    }

    /// The identifier behind a managed buffer handle.
    pub fn from_handle(handle: i32) -> Self {
        Self::from_buffer(ManagedBuffer::from_handle(handle))
    }

    /// The buffer's VM handle.
    pub fn handle(&self) -> i32 {
        self.buffer.handle()
    }

    /// The underlying buffer.
    pub fn as_buffer(&self) -> &ManagedBuffer {
        &self.buffer
    }
}

impl From<&str> for TokenIdentifier {
    fn from(text: &str) -> Self {
        Self::from_bytes(text.as_bytes())
    }
}

impl fmt::Debug for TokenIdentifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenIdentifier")
            .field("handle", &self.handle())
            .finish()
    }
}

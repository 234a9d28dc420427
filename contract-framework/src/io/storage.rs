//! Storage values through the codec: raw and typed reads and writes under a managed key.

use strata_codec::{EncodeError, TopDecode, TopEncode, TopEncodeOutput};

use super::buffer_io::managed_to_buffer;
use super::endpoint::encode_failure_message;
use super::specialized::is_managed;
use crate::error::{messages, signal_error_buffer};
use crate::types::{ManagedAddress, ManagedBuffer};

/// The raw value stored under `key` (empty when none).
pub fn storage_get_raw(key: &ManagedBuffer) -> ManagedBuffer {
    let value = ManagedBuffer::new();
    key.storage_load_into(&value);
    value
}

/// The raw value stored under `key` in the account `address` (of the same shard).
pub fn storage_get_raw_from(address: &ManagedAddress, key: &ManagedBuffer) -> ManagedBuffer {
    let value = ManagedBuffer::new();
    // SAFETY: handles only.
    unsafe {
        crate::hooks::mbuffer_storage_load_from_address(
            address.handle(),
            key.handle(),
            value.handle(),
        )
    };
    value
}

/// Stores the raw `value` under `key` (empty clears the entry).
pub fn storage_set_raw(key: &ManagedBuffer, value: &ManagedBuffer) {
    key.storage_store(value);
}

/// The value under `key` decoded as `T`; on failure the contract stops with
/// `storage decode error: REASON`.
pub fn storage_get<T: TopDecode>(key: &ManagedBuffer) -> T {
    match T::top_decode(storage_get_raw(key)) {
        Ok(value) => value,
        Err(error) => {
            let mut message = ManagedBuffer::from(messages::STORAGE_DECODE_ERROR);
            message.append_bytes(error.message_bytes());
            signal_error_buffer(&message)
        }
    }
}

/// Stores the top-level encoding of `value` under `key`.
pub fn storage_set<T: TopEncode>(key: &ManagedBuffer, value: &T) {
    if let Err(error) = value.top_encode(StorageOutput { key }) {
        encode_failure_message(messages::STORAGE_ENCODE_ERROR, error);
    }
}

/// Whether nothing is stored under `key`.
pub fn storage_is_empty(key: &ManagedBuffer) -> bool {
    storage_get_raw(key).is_empty()
}

/// Clears the entry under `key`.
pub fn storage_clear(key: &ManagedBuffer) {
    key.storage_store(&ManagedBuffer::new());
}

/// A storage entry as codec output.
struct StorageOutput<'a> {
    key: &'a ManagedBuffer,
}

impl TopEncodeOutput for StorageOutput<'_> {
    type NestedBuffer = ManagedBuffer;

    fn set_slice_u8(self, bytes: &[u8]) {
        self.key
            .storage_store(&ManagedBuffer::new_from_bytes(bytes));
    }

    fn supports_specialized_type<T: 'static>() -> bool {
        is_managed::<T>()
    }

    fn set_specialized<T: 'static>(self, value: &T) -> Result<(), EncodeError> {
        self.key.storage_store(&managed_to_buffer(value)?);
        Ok(())
    }

    fn start_nested_encode(&self) -> ManagedBuffer {
        ManagedBuffer::new()
    }

    fn finalize_nested_encode(self, buffer: ManagedBuffer) {
        self.key.storage_store(&buffer);
    }
}

//! Storage mappers: typed views of storage under a key, with the ecosystem's key layouts.
//!
//! A mapper's base key is the name given to `#[storage_mapper("name")]` followed by the
//! nested encodings of the method's arguments; each mapper derives its entries' keys from it:
//!
//! | mapper | entries |
//! |---|---|
//! | [`SingleValueMapper`] | the value at the base key |
//! | [`VecMapper`] | the length at `base.len`, item `i` (from 1) at `base.item` + `i` (u32) |
//! | [`UnorderedSetMapper`] | a `VecMapper` at `base`, each value's position at `base.index` + value |
//! | [`SetMapper`] | a linked list: `base.info` (length, front, back, next id), `base.node_links` + id (previous, next), `base.value` + id, and `base.node_id` + value |
//! | [`MapMapper`] | its keys as a `SetMapper` at `base`, each value at `base.mapped` + key |

mod map;
mod set;
mod single;
mod unordered_set;
mod vec;

use strata_codec::NestedEncode;

use crate::error::messages;
use crate::io::encode_failure_message;
use crate::types::ManagedBuffer;

pub use map::MapMapper;
pub use set::SetMapper;
pub use single::SingleValueMapper;
pub use unordered_set::UnorderedSetMapper;
pub use vec::VecMapper;

/// A mapper built over a base key (what `#[storage_mapper]` methods return).
pub trait StorageMapper {
    /// The mapper over `base_key`.
    fn new(base_key: ManagedBuffer) -> Self;
}

/// Appends the nested encoding of `arg` to `key`; on failure the contract stops with
/// `storage key encode error: REASON`.
pub fn append_key_arg<T: NestedEncode + ?Sized>(key: &mut ManagedBuffer, arg: &T) {
    if let Err(error) = arg.dep_encode(key) {
        encode_failure_message(messages::STORAGE_KEY_ENCODE_ERROR, error);
    }
}

/// `base` followed by `suffix`.
pub(crate) fn key_with(base: &ManagedBuffer, suffix: &[u8]) -> ManagedBuffer {
    let mut key = base.clone();
    key.append_bytes(suffix);
    key
}

/// `base` followed by `suffix` and the nested encoding of `arg`.
pub(crate) fn key_with_arg<T: NestedEncode + ?Sized>(
    base: &ManagedBuffer,
    suffix: &[u8],
    arg: &T,
) -> ManagedBuffer {
    let mut key = key_with(base, suffix);
    append_key_arg(&mut key, arg);
    key
}

//! `VecMapper`: a list, its length at `base.len` and item `i` (from 1) at `base.item` + `i`.

use core::fmt;
use core::marker::PhantomData;

use strata_codec::{TopDecode, TopEncode};

use super::{StorageMapper, key_with, key_with_arg};
use crate::error::signal_error;
use crate::io::{storage_clear, storage_get, storage_set};
use crate::types::ManagedBuffer;

/// The message of an index outside the list.
const INDEX_OUT_OF_RANGE: &str = "index out of range";

/// A list of values, one storage entry per item, indexed from 1.
pub struct VecMapper<T> {
    base: ManagedBuffer,
    _items: PhantomData<T>,
}

impl<T> StorageMapper for VecMapper<T> {
    fn new(base_key: ManagedBuffer) -> Self {
        Self {
            base: base_key,
            _items: PhantomData,
        }
    }
}

impl<T: TopEncode + TopDecode> VecMapper<T> {
    fn len_key(&self) -> ManagedBuffer {
        key_with(&self.base, b".len")
    }

    fn item_key(&self, index: usize) -> ManagedBuffer {
        key_with_arg(&self.base, b".item", &(index as u32))
    }

    /// The number of items.
    pub fn len(&self) -> usize {
        storage_get::<u32>(&self.len_key()) as usize
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Appends `item`; its index (from 1).
    pub fn push(&self, item: &T) -> usize {
        let index = self.len() + 1;
        storage_set(&self.item_key(index), item);
        storage_set(&self.len_key(), &(index as u32));
        index
    }

    /// The item at `index` (from 1); the contract stops with "index out of range" outside.
    pub fn get(&self, index: usize) -> T {
        self.check_index(index);
        storage_get(&self.item_key(index))
    }

    /// Replaces the item at `index` (from 1).
    pub fn set(&self, index: usize, item: &T) {
        self.check_index(index);
        storage_set(&self.item_key(index), item);
    }

    /// Clears the entry of the item at `index` without changing the length.
    pub fn clear_entry(&self, index: usize) {
        self.check_index(index);
        storage_clear(&self.item_key(index));
    }

    /// Removes the item at `index`, the last item taking its place.
    pub fn swap_remove(&self, index: usize) {
        let last = self.len();
        self.check_index(index);
        if index != last {
            let moved: T = storage_get(&self.item_key(last));
            storage_set(&self.item_key(index), &moved);
        }
        storage_clear(&self.item_key(last));
        storage_set(&self.len_key(), &((last - 1) as u32));
    }

    /// Removes every item.
    pub fn clear(&self) {
        for index in 1..=self.len() {
            storage_clear(&self.item_key(index));
        }
        storage_clear(&self.len_key());
    }

    /// The items, in order.
    pub fn iter(&self) -> impl Iterator<Item = T> + '_ {
        (1..=self.len()).map(|index| storage_get(&self.item_key(index)))
    }

    fn check_index(&self, index: usize) {
        if index == 0 || index > self.len() {
            signal_error(INDEX_OUT_OF_RANGE);
        }
    }
}

impl<T> fmt::Debug for VecMapper<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VecMapper")
            .field("base", &self.base)
            .finish()
    }
}

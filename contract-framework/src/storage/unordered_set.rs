//! `UnorderedSetMapper`: a `VecMapper` of the values at the base key, and each value's
//! position (from 1) at `base.index` + value.

use core::fmt;

use strata_codec::{NestedDecode, NestedEncode, TopDecode, TopEncode};

use super::{StorageMapper, VecMapper, key_with_arg};
use crate::io::{storage_clear, storage_get, storage_set};
use crate::types::ManagedBuffer;

/// A set of values in insertion order, until a removal moves the last value into the gap.
pub struct UnorderedSetMapper<T> {
    base: ManagedBuffer,
    values: VecMapper<T>,
}

impl<T> StorageMapper for UnorderedSetMapper<T> {
    fn new(base_key: ManagedBuffer) -> Self {
        Self {
            values: VecMapper::new(base_key.clone()),
            base: base_key,
        }
    }
}

impl<T: TopEncode + TopDecode + NestedEncode + NestedDecode> UnorderedSetMapper<T> {
    fn index_key(&self, value: &T) -> ManagedBuffer {
        key_with_arg(&self.base, b".index", value)
    }

    /// The position of `value` (from 1), 0 when absent.
    pub fn index_of(&self, value: &T) -> usize {
        storage_get::<u32>(&self.index_key(value)) as usize
    }

    /// Whether `value` is in the set.
    pub fn contains(&self, value: &T) -> bool {
        self.index_of(value) != 0
    }

    /// The number of values.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Adds `value`; whether it was absent.
    pub fn insert(&self, value: T) -> bool {
        if self.contains(&value) {
            return false;
        }
        let index = self.values.push(&value);
        storage_set(&self.index_key(&value), &(index as u32));
        true
    }

    /// Removes `value`; whether it was present.
    pub fn swap_remove(&self, value: &T) -> bool {
        let index = self.index_of(value);
        if index == 0 {
            return false;
        }
        let last = self.values.len();
        if index != last {
            let moved = self.values.get(last);
            storage_set(&self.index_key(&moved), &(index as u32));
        }
        self.values.swap_remove(index);
        storage_clear(&self.index_key(value));
        true
    }

    /// The value at `index` (from 1).
    pub fn get_by_index(&self, index: usize) -> T {
        self.values.get(index)
    }

    /// The values, in storage order.
    pub fn iter(&self) -> impl Iterator<Item = T> + '_ {
        self.values.iter()
    }
}

impl<T> fmt::Debug for UnorderedSetMapper<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnorderedSetMapper")
            .field("base", &self.base)
            .finish()
    }
}

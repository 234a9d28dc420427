//! `MapMapper`: its keys as a [`SetMapper`] at the base key, each value at
//! `base.mapped` + key.

use core::fmt;
use core::marker::PhantomData;

use strata_codec::{NestedDecode, NestedEncode, TopDecode, TopEncode};

use super::{SetMapper, StorageMapper, key_with_arg};
use crate::io::{storage_clear, storage_get, storage_set};
use crate::types::ManagedBuffer;

/// A map whose keys can be iterated (in insertion order).
pub struct MapMapper<K, V> {
    base: ManagedBuffer,
    keys: SetMapper<K>,
    _values: PhantomData<V>,
}

impl<K, V> StorageMapper for MapMapper<K, V> {
    fn new(base_key: ManagedBuffer) -> Self {
        Self {
            keys: SetMapper::new(base_key.clone()),
            base: base_key,
            _values: PhantomData,
        }
    }
}

impl<K, V> MapMapper<K, V>
where
    K: TopEncode + TopDecode + NestedEncode + NestedDecode,
    V: TopEncode + TopDecode,
{
    fn value_key(&self, key: &K) -> ManagedBuffer {
        key_with_arg(&self.base, b".mapped", key)
    }

    /// The value under `key`, if any.
    pub fn get(&self, key: &K) -> Option<V> {
        self.keys
            .contains(key)
            .then(|| storage_get(&self.value_key(key)))
    }

    /// Whether `key` has a value.
    pub fn contains_key(&self, key: &K) -> bool {
        self.keys.contains(key)
    }

    /// Sets the value under `key`; the previous value, if any.
    pub fn insert(&self, key: K, value: V) -> Option<V> {
        let previous = self.get(&key);
        storage_set(&self.value_key(&key), &value);
        self.keys.insert(key);
        previous
    }

    /// Removes `key`; its value, if any.
    pub fn remove(&self, key: &K) -> Option<V> {
        let previous = self.get(key)?;
        self.keys.remove(key);
        storage_clear(&self.value_key(key));
        Some(previous)
    }

    /// The number of keys.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The keys, in insertion order.
    pub fn keys(&self) -> impl Iterator<Item = K> + '_ {
        self.keys.iter()
    }
}

impl<K, V> fmt::Debug for MapMapper<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MapMapper")
            .field("base", &self.base)
            .finish()
    }
}

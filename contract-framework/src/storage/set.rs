//! `SetMapper`: a set kept as a linked list in insertion order.
//!
//! Entries: `base.info` (length, front, back and last node id, four u32; empty when the set
//! is), `base.node_links` + id (previous and next ids, two u32), `base.value` + id (the value)
//! and `base.node_id` + value (the value's node id). Ids start at 1; 0 is "none".

use core::fmt;
use core::marker::PhantomData;

use strata_codec::{NestedDecode, NestedEncode, TopDecode, TopEncode};

use super::{StorageMapper, key_with, key_with_arg};
use crate::io::{storage_clear, storage_get, storage_get_raw, storage_set, storage_set_raw};
use crate::types::ManagedBuffer;

/// The list's header: length, first and last node, last id handed out.
#[derive(Clone, Copy, Default)]
struct Info {
    len: u32,
    front: u32,
    back: u32,
    new: u32,
}

/// A set of values in insertion order.
pub struct SetMapper<T> {
    base: ManagedBuffer,
    _values: PhantomData<T>,
}

impl<T> StorageMapper for SetMapper<T> {
    fn new(base_key: ManagedBuffer) -> Self {
        Self {
            base: base_key,
            _values: PhantomData,
        }
    }
}

fn read_u32s<const N: usize>(key: &ManagedBuffer) -> [u32; N] {
    let raw = storage_get_raw(key);
    let mut values = [0u32; N];
    let mut bytes = [0u8; 4];
    for (i, value) in values.iter_mut().enumerate() {
        if raw.load_slice(i * 4, &mut bytes) {
            *value = u32::from_be_bytes(bytes);
        }
    }
    values
}

fn write_u32s(key: &ManagedBuffer, values: &[u32]) {
    let mut raw = ManagedBuffer::new();
    for value in values {
        raw.append_u32_be(*value);
    }
    storage_set_raw(key, &raw);
}

impl<T: TopEncode + TopDecode + NestedEncode + NestedDecode> SetMapper<T> {
    fn info(&self) -> Info {
        let [len, front, back, new] = read_u32s::<4>(&key_with(&self.base, b".info"));
        Info {
            len,
            front,
            back,
            new,
        }
    }

    fn set_info(&self, info: Info) {
        let key = key_with(&self.base, b".info");
        if info.len == 0 {
            storage_clear(&key);
        } else {
            write_u32s(&key, &[info.len, info.front, info.back, info.new]);
        }
    }

    fn links_key(&self, id: u32) -> ManagedBuffer {
        key_with_arg(&self.base, b".node_links", &id)
    }

    fn value_key(&self, id: u32) -> ManagedBuffer {
        key_with_arg(&self.base, b".value", &id)
    }

    fn node_id_key(&self, value: &T) -> ManagedBuffer {
        key_with_arg(&self.base, b".node_id", value)
    }

    fn links(&self, id: u32) -> (u32, u32) {
        let [previous, next] = read_u32s::<2>(&self.links_key(id));
        (previous, next)
    }

    fn set_links(&self, id: u32, previous: u32, next: u32) {
        write_u32s(&self.links_key(id), &[previous, next]);
    }

    /// The number of values.
    pub fn len(&self) -> usize {
        self.info().len as usize
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.info().len == 0
    }

    /// Whether `value` is in the set.
    pub fn contains(&self, value: &T) -> bool {
        storage_get::<u32>(&self.node_id_key(value)) != 0
    }

    /// Adds `value` at the end; whether it was absent.
    pub fn insert(&self, value: T) -> bool {
        if self.contains(&value) {
            return false;
        }
        let mut info = self.info();
        info.new = info.new.wrapping_add(1);
        let id = info.new;
        if info.len == 0 {
            info.front = id;
        } else {
            let (previous, _) = self.links(info.back);
            self.set_links(info.back, previous, id);
        }
        self.set_links(id, if info.len == 0 { 0 } else { info.back }, 0);
        info.back = id;
        info.len = info.len.saturating_add(1);
        storage_set(&self.value_key(id), &value);
        self.set_info(info);
        storage_set(&self.node_id_key(&value), &id);
        true
    }

    /// Removes `value`; whether it was present.
    pub fn remove(&self, value: &T) -> bool {
        let id: u32 = storage_get(&self.node_id_key(value));
        if id == 0 {
            return false;
        }
        let (previous, next) = self.links(id);
        let mut info = self.info();
        if previous == 0 {
            info.front = next;
        } else {
            let (before, _) = self.links(previous);
            self.set_links(previous, before, next);
        }
        if next == 0 {
            info.back = previous;
        } else {
            let (_, after) = self.links(next);
            self.set_links(next, previous, after);
        }
        storage_clear(&self.links_key(id));
        storage_clear(&self.value_key(id));
        info.len = info.len.saturating_sub(1);
        self.set_info(info);
        storage_clear(&self.node_id_key(value));
        true
    }

    /// The values, in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = T> + '_ {
        let mut id = self.info().front;
        core::iter::from_fn(move || {
            if id == 0 {
                return None;
            }
            let value = storage_get(&self.value_key(id));
            id = self.links(id).1;
            Some(value)
        })
    }
}

impl<T> fmt::Debug for SetMapper<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SetMapper")
            .field("base", &self.base)
            .finish()
    }
}

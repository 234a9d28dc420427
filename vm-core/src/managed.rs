//! Managed types: values the contract refers to by `i32` handles, owned by the VM.
//!
//! Each contract execution has its own [`ManagedTypes`] (a nested execution starts empty and
//! the caller's values come back when it returns), as in the production VM's
//! `managedTypesContext`. The rules follow that context:
//!
//! - Handles: a new value takes the table's size as handle, or the next free one above it;
//!   contracts may also use handles of their own choosing (the framework uses negative ones).
//! - Lookups: reading a missing big integer, buffer or map fails execution with the production
//!   message; destinations are created on demand ([`ManagedTypes::big_int_or_create`],
//!   [`ManagedTypes::set_buffer`]).
//! - Bytes: big integers convert to and from big-endian bytes, unsigned (the magnitude, as
//!   Go's `big.Int.Bytes`) or signed (minimal two's complement, as the
//!   `mx-components-big-int` `twos-complement` package); see [`big_int_to_unsigned_bytes`]
//!   and friends.
//!
//! Sizes are bounded by gas in the production VM; this VM also refuses big integers above
//! [`MAX_BIG_INT_BYTES`] and buffers above [`MAX_BUFFER_BYTES`], sizes that only a gas limit
//! far above the protocol's per-transaction maximum could pay for, and bounds the managed
//! values all the executions of one transaction hold together by
//! [`MAX_MANAGED_BYTES_PER_TRANSACTION`], whatever the gas limit: each table keeps the
//! [`ManagedSize`] of its values up to date, and the hook dispatcher checks the total after
//! every hook ([`check_transaction_memory`]).

pub(crate) mod big_float;
mod big_int;
mod buffer;
mod map;
#[cfg(test)]
pub(crate) mod test_env;

use std::collections::HashMap;

use executor_api::EarlyExit;
use num_bigint::BigInt;

use crate::errors::{self, failed};

pub use big_int::MAX_BIG_INT_WORK;
#[allow(unused_imports)] // the conversions are API for every domain's hooks
pub use big_int::{
    big_int_from_signed_bytes, big_int_from_unsigned_bytes, big_int_to_signed_bytes,
    big_int_to_unsigned_bytes,
};
pub(crate) use big_int::{
    check_big_int_bits, check_div_work, check_mul_work, euclid_div_rem, isqrt, magnitude_bytes,
};
pub(crate) use buffer::check_buffer_len;

/// The largest big integer this VM holds, in bytes of magnitude (8 MiB). The production VM
/// has no such limit, but producing a larger value costs more gas than a transaction may
/// carry; beyond it, hooks fail execution with [`errors::BIG_INT_TOO_LARGE`].
pub const MAX_BIG_INT_BYTES: usize = 8 << 20;

/// The largest managed buffer this VM holds, in bytes (64 MiB); beyond it, hooks that grow a
/// buffer fail execution with [`errors::MANAGED_BUFFER_TOO_LARGE`].
pub const MAX_BUFFER_BYTES: usize = 64 << 20;

/// The most bytes of managed values (big integers, buffers, maps, big floats, with
/// [`ENTRY_OVERHEAD`] per value and per map entry) the executions of one transaction may hold
/// together (256 MiB); a hook that leaves more fails execution with
/// [`MANAGED_MEMORY_EXCEEDED`]. The production VM has no such limit (gas bounds it, but only
/// loosely: a gas limit of 10^13 pays for many gigabytes).
pub const MAX_MANAGED_BYTES_PER_TRANSACTION: usize = 256 << 20;

/// Strata's own message (the production VM has none): the managed values of the transaction
/// passed [`MAX_MANAGED_BYTES_PER_TRANSACTION`].
pub const MANAGED_MEMORY_EXCEEDED: &str = "managed types memory limit per transaction exceeded";

/// The bytes counted for each managed value and each map entry besides its contents (the
/// table slot and the value's header), so that handle spam counts too.
pub const ENTRY_OVERHEAD: usize = 48;

/// A managed map: buffer contents by buffer contents.
pub type ManagedMap = HashMap<Vec<u8>, Vec<u8>>;

/// The bytes a managed value counts for the transaction's memory bound.
pub trait ManagedSize {
    /// Its size in bytes, [`ENTRY_OVERHEAD`] included.
    fn managed_size(&self) -> usize;
}

impl ManagedSize for BigInt {
    fn managed_size(&self) -> usize {
        let bytes = usize::try_from(self.bits().div_ceil(8)).unwrap_or(usize::MAX);
        bytes.saturating_add(ENTRY_OVERHEAD)
    }
}

impl ManagedSize for Vec<u8> {
    fn managed_size(&self) -> usize {
        self.len().saturating_add(ENTRY_OVERHEAD)
    }
}

impl ManagedSize for ManagedMap {
    fn managed_size(&self) -> usize {
        self.iter().fold(ENTRY_OVERHEAD, |total, (k, v)| {
            total.saturating_add(map_entry_size(k, v))
        })
    }
}

impl ManagedSize for big_float::BigFloat {
    fn managed_size(&self) -> usize {
        // A precision-53 value: a fixed-size header and at most one machine word of bits.
        std::mem::size_of::<Self>().saturating_add(ENTRY_OVERHEAD)
    }
}

impl ManagedSize for u16 {
    fn managed_size(&self) -> usize {
        ENTRY_OVERHEAD
    }
}

/// The bytes one map entry counts.
pub(crate) fn map_entry_size(key: &[u8], value: &[u8]) -> usize {
    key.len()
        .saturating_add(value.len())
        .saturating_add(ENTRY_OVERHEAD)
}

/// Fails execution with [`MANAGED_MEMORY_EXCEEDED`] when the managed values of every
/// execution under way (`tables`) hold more than [`MAX_MANAGED_BYTES_PER_TRANSACTION`].
///
/// # Errors
/// Execution failed past the bound.
pub(crate) fn check_transaction_memory<'t>(
    tables: impl IntoIterator<Item = &'t ManagedTypes>,
) -> Result<(), EarlyExit> {
    let total = tables
        .into_iter()
        .fold(0usize, |sum, m| sum.saturating_add(m.total_bytes()));
    if total > MAX_MANAGED_BYTES_PER_TRANSACTION {
        return Err(failed(MANAGED_MEMORY_EXCEEDED));
    }
    Ok(())
}

/// Values of one type by handle.
///
/// New handles count up from the table's size; contracts may also pick their own handles
/// (the MultiversX framework uses negative ones) by setting a value under them.
///
/// The table keeps the [`ManagedSize`] of its values: [`HandleTable::set`],
/// [`HandleTable::insert_new`], [`HandleTable::remove`] and
/// [`HandleTable::get_or_insert_with`] update it; code that changes a value's size through
/// [`HandleTable::get_mut`] reports the change with [`HandleTable::resized`].
#[derive(Debug)]
pub struct HandleTable<T> {
    values: HashMap<i32, T>,
    bytes: usize,
}

impl<T> Default for HandleTable<T> {
    fn default() -> Self {
        Self {
            values: HashMap::new(),
            bytes: 0,
        }
    }
}

impl<T: ManagedSize> HandleTable<T> {
    /// Stores `value` under a fresh handle and returns it: the table's size, or the first
    /// free handle above it.
    pub fn insert_new(&mut self, value: T) -> i32 {
        let mut handle = i32::try_from(self.values.len()).unwrap_or(i32::MAX);
        while self.values.contains_key(&handle) {
            handle = handle.wrapping_add(1);
        }
        self.set(handle, value);
        handle
    }

    /// The bytes the table's values count ([`ManagedSize`]).
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Records that a value changed through [`HandleTable::get_mut`] went from `old` to `new`
    /// bytes.
    pub fn resized(&mut self, old: usize, new: usize) {
        self.bytes = self.bytes.saturating_sub(old).saturating_add(new);
    }

    /// The value under `handle`.
    pub fn get(&self, handle: i32) -> Option<&T> {
        self.values.get(&handle)
    }

    /// The value under `handle`, to change.
    pub fn get_mut(&mut self, handle: i32) -> Option<&mut T> {
        self.values.get_mut(&handle)
    }

    /// The value under `handle`, created with `make` when missing.
    pub fn get_or_insert_with(&mut self, handle: i32, make: impl FnOnce() -> T) -> &mut T {
        let bytes = &mut self.bytes;
        self.values.entry(handle).or_insert_with(|| {
            let value = make();
            *bytes = bytes.saturating_add(value.managed_size());
            value
        })
    }

    /// Sets (or creates) the value under `handle`.
    pub fn set(&mut self, handle: i32, value: T) {
        let new = value.managed_size();
        let old = self
            .values
            .insert(handle, value)
            .map_or(0, |old| old.managed_size());
        self.resized(old, new);
    }

    /// Removes the value under `handle`.
    pub fn remove(&mut self, handle: i32) -> Option<T> {
        let old = self.values.remove(&handle)?;
        self.resized(old.managed_size(), 0);
        Some(old)
    }

    /// Whether `handle` holds a value.
    pub fn contains(&self, handle: i32) -> bool {
        self.values.contains_key(&handle)
    }

    /// How many values the table holds.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

/// The managed values of one contract execution (each nested execution has its own).
///
/// Big integers are in `big_int.rs`-backed methods (`big_int`, `big_int_or_create`,
/// `two_big_ints`, `set_big_int`, `new_big_int`, byte conversions), buffers in
/// `buffer`, `buffer_len`, `set_buffer`, `new_buffer`, `append_buffer`, and maps in
/// `map`, `new_map`, `map_put`, `map_get`, `map_remove`, `map_contains`.
#[derive(Debug, Default)]
pub struct ManagedTypes {
    /// Big integers.
    pub big_ints: HandleTable<BigInt>,
    /// Managed buffers.
    pub buffers: HandleTable<Vec<u8>>,
    /// Managed maps.
    pub maps: HandleTable<ManagedMap>,
    /// Big floats (Go `big.Float`s of precision 53, rounding to nearest even).
    pub big_floats: HandleTable<big_float::BigFloat>,
    /// Elliptic curves (`createEC`), by the size in bits of their field (224, 256, 384 or
    /// 521), which names the NIST curve whose fixed parameters the handle stands for (the
    /// production VM stores a copy of Go's `CurveParams`; no hook changes them).
    pub curves: HandleTable<u16>,
}

impl ManagedTypes {
    /// The bytes all the managed values of this execution count ([`ManagedSize`]).
    pub fn total_bytes(&self) -> usize {
        [
            self.big_ints.bytes(),
            self.buffers.bytes(),
            self.maps.bytes(),
            self.big_floats.bytes(),
            self.curves.bytes(),
        ]
        .into_iter()
        .fold(0, usize::saturating_add)
    }

    /// The bytes of the managed buffer under `handle`.
    ///
    /// # Errors
    /// Execution failed, "no managed buffer under the given handle".
    pub fn buffer(&self, handle: i32) -> Result<&[u8], EarlyExit> {
        self.buffers
            .get(handle)
            .map(Vec::as_slice)
            .ok_or_else(|| failed(errors::NO_MANAGED_BUFFER_UNDER_HANDLE))
    }

    /// Sets (or creates) the managed buffer under `handle`.
    pub fn set_buffer(&mut self, handle: i32, bytes: Vec<u8>) {
        self.buffers.set(handle, bytes);
    }

    /// Creates a managed buffer holding `bytes` and returns its handle.
    pub fn new_buffer(&mut self, bytes: Vec<u8>) -> i32 {
        self.buffers.insert_new(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl ManagedSize for &str {
        fn managed_size(&self) -> usize {
            self.len()
        }
    }

    #[test]
    fn tables_keep_the_size_of_their_values() {
        let mut managed = ManagedTypes::default();
        let a = managed.new_buffer(vec![1; 100]);
        managed.set_buffer(a, vec![2; 10]);
        managed.append_buffer(a, &[3; 5]).unwrap();
        assert_eq!(managed.total_bytes(), 15 + ENTRY_OVERHEAD);
        let map = managed.new_map();
        let (k, v) = (
            managed.new_buffer(b"key".to_vec()),
            managed.new_buffer(vec![9; 7]),
        );
        managed.map_put(map, k, v).unwrap();
        managed.map_put(map, k, k).unwrap();
        let buffers = 15 + 3 + 7 + 3 * ENTRY_OVERHEAD;
        let maps = ENTRY_OVERHEAD + 3 + 3 + ENTRY_OVERHEAD;
        assert_eq!(managed.total_bytes(), buffers + maps);
        managed.map_remove(map, k).unwrap();
        managed.buffers.remove(v);
        // Two buffers and the empty map are left.
        assert_eq!(managed.total_bytes(), 15 + 3 + 3 * ENTRY_OVERHEAD);
        managed.set_big_int(-1, BigInt::from(1) << 800u32);
        assert_eq!(managed.big_ints.bytes(), 101 + ENTRY_OVERHEAD);
        assert!(check_transaction_memory([&managed, &managed]).is_ok());
    }

    #[test]
    fn the_transaction_bound_counts_every_execution() {
        let mut one = ManagedTypes::default();
        one.new_buffer(vec![0; MAX_MANAGED_BYTES_PER_TRANSACTION / 2]);
        assert!(check_transaction_memory([&one]).is_ok());
        let err = check_transaction_memory([&one, &one]).unwrap_err();
        assert_eq!(err.code, executor_api::ReturnCode::ExecutionFailed);
        assert_eq!(err.message, MANAGED_MEMORY_EXCEEDED);
    }

    #[test]
    fn new_handles_skip_taken_ones() {
        let mut table = HandleTable::default();
        table.set(1, "one");
        assert_eq!(table.insert_new("a"), 2);
        assert_eq!(table.insert_new("b"), 3);
        table.set(-20, "framework constant");
        assert_eq!(table.get(-20), Some(&"framework constant"));
        assert_eq!(*table.get_or_insert_with(9, || "nine"), "nine");
        assert_eq!(*table.get_or_insert_with(9, || "other"), "nine");
    }

    #[test]
    fn missing_handles_fail_execution_with_the_production_message() {
        let managed = ManagedTypes::default();
        let err = managed.big_int(7).unwrap_err();
        assert_eq!(err.code, executor_api::ReturnCode::ExecutionFailed);
        assert_eq!(err.message, "no bigInt under the given handle");
        assert_eq!(
            managed.buffer(7).unwrap_err().message,
            "no managed buffer under the given handle"
        );
        assert_eq!(
            managed.map(7).unwrap_err().message,
            "no managed map under the given handle"
        );
    }
}

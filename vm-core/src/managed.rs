//! Managed types: values the contract refers to by `i32` handles, owned by the VM.

use std::collections::HashMap;

use executor_api::EarlyExit;
use num_bigint::BigInt;

use crate::errors::{self, failed};

/// Values of one type by handle.
///
/// New handles count up from the table's size; contracts may also pick their own handles
/// (the MultiversX framework uses negative ones) by setting a value under them.
#[derive(Debug)]
pub struct HandleTable<T> {
    values: HashMap<i32, T>,
}

impl<T> Default for HandleTable<T> {
    fn default() -> Self {
        Self {
            values: HashMap::new(),
        }
    }
}

impl<T> HandleTable<T> {
    /// Stores `value` under a fresh handle and returns it.
    pub fn insert_new(&mut self, value: T) -> i32 {
        let mut handle = i32::try_from(self.values.len()).unwrap_or(i32::MAX);
        while self.values.contains_key(&handle) {
            handle = handle.wrapping_add(1);
        }
        self.values.insert(handle, value);
        handle
    }

    /// The value under `handle`.
    pub fn get(&self, handle: i32) -> Option<&T> {
        self.values.get(&handle)
    }

    /// The value under `handle`, to change.
    pub fn get_mut(&mut self, handle: i32) -> Option<&mut T> {
        self.values.get_mut(&handle)
    }

    /// Sets (or creates) the value under `handle`.
    pub fn set(&mut self, handle: i32, value: T) {
        self.values.insert(handle, value);
    }

    /// Removes the value under `handle`.
    pub fn remove(&mut self, handle: i32) -> Option<T> {
        self.values.remove(&handle)
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
#[derive(Debug, Default)]
pub struct ManagedTypes {
    /// Big integers.
    pub big_ints: HandleTable<BigInt>,
    /// Managed buffers.
    pub buffers: HandleTable<Vec<u8>>,
    /// Managed maps.
    pub maps: HandleTable<HashMap<Vec<u8>, Vec<u8>>>,
}

impl ManagedTypes {
    /// The big integer under `handle`.
    ///
    /// # Errors
    /// Execution failed, "no bigInt under the given handle".
    pub fn big_int(&self, handle: i32) -> Result<&BigInt, EarlyExit> {
        self.big_ints
            .get(handle)
            .ok_or_else(|| failed(errors::NO_BIG_INT_UNDER_HANDLE))
    }

    /// Sets (or creates) the big integer under `handle`.
    pub fn set_big_int(&mut self, handle: i32, value: BigInt) {
        self.big_ints.set(handle, value);
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

    #[test]
    fn new_handles_skip_taken_ones() {
        let mut table = HandleTable::default();
        table.set(1, "one");
        assert_eq!(table.insert_new("a"), 2);
        assert_eq!(table.insert_new("b"), 3);
        table.set(-20, "framework constant");
        assert_eq!(table.get(-20), Some(&"framework constant"));
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
    }
}

//! Managed maps by handle: buffer contents by buffer contents.

use executor_api::EarlyExit;

use super::{ManagedMap, ManagedTypes, map_entry_size};
use crate::errors::{self, failed};

impl ManagedTypes {
    /// The managed map under `handle`.
    ///
    /// # Errors
    /// Execution failed, "no managed map under the given handle".
    pub fn map(&self, handle: i32) -> Result<&ManagedMap, EarlyExit> {
        self.maps
            .get(handle)
            .ok_or_else(|| failed(errors::NO_MANAGED_MAP_UNDER_HANDLE))
    }

    /// Creates an empty managed map and returns its handle.
    pub fn new_map(&mut self) -> i32 {
        self.maps.insert_new(ManagedMap::new())
    }

    /// Puts the contents of buffer `value` under the contents of buffer `key` in map `map`,
    /// replacing any value there, and returns the value's length (for the per-byte gas).
    ///
    /// # Errors
    /// Execution failed when the map, the key buffer or the value buffer is missing (checked
    /// in that order).
    pub fn map_put(&mut self, map: i32, key: i32, value: i32) -> Result<usize, EarlyExit> {
        self.map(map)?;
        let key = self.buffer(key)?.to_vec();
        let value = self.buffer(value)?.to_vec();
        let len = value.len();
        let added = map_entry_size(&key, &value);
        let removed = self
            .maps
            .get_mut(map)
            .ok_or_else(|| failed(errors::NO_MANAGED_MAP_UNDER_HANDLE))?
            .insert(key.clone(), value)
            .map_or(0, |old| map_entry_size(&key, &old));
        self.maps.resized(removed, added);
        Ok(len)
    }

    /// The value under the contents of buffer `key` in map `map`, `None` when absent.
    ///
    /// # Errors
    /// Execution failed when the map or the key buffer is missing.
    pub fn map_get(&self, map: i32, key: i32) -> Result<Option<&[u8]>, EarlyExit> {
        let map = self.map(map)?;
        let key = self.buffer(key)?;
        Ok(map.get(key).map(Vec::as_slice))
    }

    /// Removes the value under the contents of buffer `key` from map `map` and returns it,
    /// `None` when absent.
    ///
    /// # Errors
    /// Execution failed when the map or the key buffer is missing.
    pub fn map_remove(&mut self, map: i32, key: i32) -> Result<Option<Vec<u8>>, EarlyExit> {
        self.map(map)?;
        let key = self.buffer(key)?.to_vec();
        let removed = self.maps.get_mut(map).and_then(|m| m.remove(&key));
        if let Some(value) = &removed {
            self.maps.resized(map_entry_size(&key, value), 0);
        }
        Ok(removed)
    }

    /// Whether map `map` holds a non-empty value under the contents of buffer `key` (the
    /// production VM answers "no" for a key put with an empty value).
    ///
    /// # Errors
    /// Execution failed when the map or the key buffer is missing.
    pub fn map_contains(&self, map: i32, key: i32) -> Result<bool, EarlyExit> {
        Ok(self
            .map_get(map, key)?
            .is_some_and(|value| !value.is_empty()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn put_get_remove_contains() {
        let mut managed = ManagedTypes::default();
        let map = managed.new_map();
        let key = managed.new_buffer(b"k".to_vec());
        let value = managed.new_buffer(b"value".to_vec());
        let empty = managed.new_buffer(Vec::new());

        assert_eq!(managed.map_get(map, key).unwrap(), None);
        assert!(!managed.map_contains(map, key).unwrap());
        assert_eq!(managed.map_put(map, key, value).unwrap(), 5);
        assert_eq!(managed.map_get(map, key).unwrap(), Some(&b"value"[..]));
        assert!(managed.map_contains(map, key).unwrap());

        managed.map_put(map, key, empty).unwrap();
        assert!(!managed.map_contains(map, key).unwrap());
        assert_eq!(managed.map_remove(map, key).unwrap(), Some(Vec::new()));
        assert_eq!(managed.map_remove(map, key).unwrap(), None);
    }

    #[test]
    fn missing_map_then_key_then_value() {
        let mut managed = ManagedTypes::default();
        let map = managed.new_map();
        let key = managed.new_buffer(b"k".to_vec());
        let no_map = managed.map_put(50, 60, 70).unwrap_err();
        assert_eq!(no_map.message, errors::NO_MANAGED_MAP_UNDER_HANDLE);
        let no_key = managed.map_put(map, 60, key).unwrap_err();
        assert_eq!(no_key.message, errors::NO_MANAGED_BUFFER_UNDER_HANDLE);
        let no_value = managed.map_put(map, key, 70).unwrap_err();
        assert_eq!(no_value.message, errors::NO_MANAGED_BUFFER_UNDER_HANDLE);
        assert!(managed.map_get(50, key).is_err());
        assert!(managed.map_remove(map, 60).is_err());
        assert!(managed.map_contains(50, key).is_err());
    }
}

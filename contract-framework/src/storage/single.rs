//! `SingleValueMapper`: one value at the base key.

use core::borrow::Borrow;
use core::fmt;
use core::marker::PhantomData;

use strata_codec::abi::{TypeAbi, TypeDescriptionContainer, TypeName};
use strata_codec::{EncodeError, TopDecode, TopEncode, TopEncodeOutput};

use super::StorageMapper;
use crate::io::{storage_clear, storage_get, storage_is_empty, storage_set};
use crate::types::ManagedBuffer;

/// One value stored at the mapper's key. An empty entry reads as the type's decoding of
/// nothing (0 for numbers, empty for buffers; a decode error for types without one).
pub struct SingleValueMapper<T> {
    key: ManagedBuffer,
    _value: PhantomData<T>,
}

impl<T> StorageMapper for SingleValueMapper<T> {
    fn new(base_key: ManagedBuffer) -> Self {
        Self {
            key: base_key,
            _value: PhantomData,
        }
    }
}

impl<T: TopEncode + TopDecode> SingleValueMapper<T> {
    /// The stored value.
    pub fn get(&self) -> T {
        storage_get(&self.key)
    }

    /// Stores `value`.
    pub fn set<B: Borrow<T>>(&self, value: B) {
        storage_set(&self.key, value.borrow());
    }

    /// Stores `value` only when the entry is empty.
    pub fn set_if_empty<B: Borrow<T>>(&self, value: B) {
        if self.is_empty() {
            self.set(value);
        }
    }

    /// Whether the entry is empty.
    pub fn is_empty(&self) -> bool {
        storage_is_empty(&self.key)
    }

    /// Empties the entry.
    pub fn clear(&self) {
        storage_clear(&self.key);
    }

    /// The stored value, the entry emptied.
    pub fn take(&self) -> T {
        let value = self.get();
        self.clear();
        value
    }

    /// Changes the stored value with `f` and stores it back; `f`'s result.
    pub fn update<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        let mut value = self.get();
        let result = f(&mut value);
        self.set(value);
        result
    }

    /// The key of the entry.
    pub fn key(&self) -> &ManagedBuffer {
        &self.key
    }
}

/// A view returning the mapper returns the stored value.
impl<T: TopEncode + TopDecode> TopEncode for SingleValueMapper<T> {
    fn top_encode<O: TopEncodeOutput>(&self, output: O) -> Result<(), EncodeError> {
        self.get().top_encode(output)
    }
}

impl<T: TypeAbi> TypeAbi for SingleValueMapper<T> {
    fn type_name() -> TypeName {
        T::type_name()
    }

    fn provide_type_descriptions(accumulator: &mut TypeDescriptionContainer) {
        T::provide_type_descriptions(accumulator);
    }
}

impl<T> fmt::Debug for SingleValueMapper<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SingleValueMapper")
            .field("key", &self.key)
            .finish()
    }
}

//! `MultiValueEncoded`: a variadic endpoint argument or result, one VM argument or result per
//! item.

use core::fmt;
use core::marker::PhantomData;

use alloc::string::String;
use strata_codec::abi::{TypeAbi, TypeDescriptionContainer, TypeName};
use strata_codec::{TopDecode, TopEncode};

use crate::error::{messages, signal_error_buffer};
use crate::io::{ArgInput, num_arguments, top_encode_to_buffer};
use crate::types::{ManagedBuffer, ManagedVec};

/// Items each top-encoded in its own buffer: as the last parameter of an endpoint it takes
/// every remaining argument; as a result it gives one result per item (`variadic<T>` in the
/// ABI). The raw list is the [`CallArgs`](crate::api::send::CallArgs) of a call.
pub struct MultiValueEncoded<T> {
    raw: ManagedVec<ManagedBuffer>,
    name: &'static str,
    _items: PhantomData<T>,
}

impl<T> MultiValueEncoded<T> {
    /// An empty list.
    pub fn new() -> Self {
        Self::from_raw(ManagedVec::new())
    }

    /// The list of the encoded items in `raw`.
    pub fn from_raw(raw: ManagedVec<ManagedBuffer>) -> Self {
        Self {
            raw,
            name: "",
            _items: PhantomData,
        }
    }

    /// The arguments of the call from `start` on, as the parameter `name`.
    pub fn load_remaining(start: i32, name: &'static str) -> Self {
        let mut raw = ManagedVec::new();
        for index in start.max(0)..num_arguments() {
            raw.push(ArgInput::new(index).to_buffer());
        }
        Self {
            raw,
            name,
            _items: PhantomData,
        }
    }

    /// The encoded items.
    pub fn raw(&self) -> &ManagedVec<ManagedBuffer> {
        &self.raw
    }

    /// The number of items.
    pub fn len(&self) -> usize {
        self.raw.len()
    }

    /// Whether there is no item.
    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// Adds each encoded item to the call's results.
    pub fn finish_all(&self) {
        for item in &self.raw {
            item.finish();
        }
    }
}

impl<T: TopEncode> MultiValueEncoded<T> {
    /// Appends `item`, top-encoded.
    pub fn push(&mut self, item: &T) {
        self.raw.push(top_encode_to_buffer(item));
    }
}

impl<T: TopDecode> MultiValueEncoded<T> {
    /// The items, decoded in order; an item that does not decode stops the contract with
    /// `argument decode error (NAME): REASON`.
    pub fn iter(&self) -> impl Iterator<Item = T> + '_ {
        self.raw.iter().map(|buffer| match T::top_decode(buffer) {
            Ok(value) => value,
            Err(error) => {
                let mut message = ManagedBuffer::from(messages::ARG_DECODE_ERROR_1);
                message.append_bytes(self.name.as_bytes());
                message.append_bytes(messages::ARG_DECODE_ERROR_2.as_bytes());
                message.append_bytes(error.message_bytes());
                signal_error_buffer(&message)
            }
        })
    }
}

impl<T> Default for MultiValueEncoded<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: TypeAbi> TypeAbi for MultiValueEncoded<T> {
    fn type_name() -> TypeName {
        let mut name = String::from("variadic<");
        name.push_str(&T::type_name());
        name.push('>');
        name
    }

    fn provide_type_descriptions(accumulator: &mut TypeDescriptionContainer) {
        T::provide_type_descriptions(accumulator);
    }
}

impl<T> fmt::Debug for MultiValueEncoded<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MultiValueEncoded")
            .field("raw", &self.raw)
            .finish()
    }
}

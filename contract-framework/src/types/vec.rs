//! `ManagedVec`: a list of fixed-size item payloads in one managed buffer, the layout the VM
//! reads and writes for lists of buffers (4-byte big-endian handles) and of ESDT payments
//! (token handle, nonce, amount handle: 16 bytes).

use core::fmt;
use core::marker::PhantomData;

use crate::types::{BigInt, BigUint, ManagedAddress, ManagedBuffer, TokenIdentifier};

/// An item a [`ManagedVec`] can hold: a fixed-size payload, usually handles.
pub trait ManagedVecItem: Sized {
    /// The payload size in bytes (at most 16).
    const PAYLOAD_SIZE: usize;

    /// Writes the payload into `out` (`PAYLOAD_SIZE` bytes).
    fn write_payload(&self, out: &mut [u8]);

    /// The item of a payload (`PAYLOAD_SIZE` bytes). Items holding handles share them with
    /// the list: changing one changes the other.
    fn read_payload(payload: &[u8]) -> Self;
}

fn handle_from(payload: &[u8]) -> i32 {
    let mut bytes = [0u8; 4];
    bytes.copy_from_slice(&payload[..4]);
    i32::from_be_bytes(bytes)
}

macro_rules! handle_item {
    ($ty:ident) => {
        impl ManagedVecItem for $ty {
            const PAYLOAD_SIZE: usize = 4;
            fn write_payload(&self, out: &mut [u8]) {
                out[..4].copy_from_slice(&self.handle().to_be_bytes());
            }
            fn read_payload(payload: &[u8]) -> Self {
                $ty::from_handle(handle_from(payload))
            }
        }
    };
}

handle_item!(ManagedBuffer);
handle_item!(BigUint);
handle_item!(BigInt);
handle_item!(ManagedAddress);
handle_item!(TokenIdentifier);

/// A list of managed items in one managed buffer (the payloads back to back).
pub struct ManagedVec<T: ManagedVecItem> {
    buffer: ManagedBuffer,
    _items: PhantomData<T>,
}

impl<T: ManagedVecItem> ManagedVec<T> {
    /// An empty list.
    pub fn new() -> Self {
        Self::from_buffer(ManagedBuffer::new())
    }

    /// The list whose payloads are the bytes of `buffer`.
    pub fn from_buffer(buffer: ManagedBuffer) -> Self {
        Self {
            buffer,
            _items: PhantomData,
        }
    }

    /// The list behind a managed buffer handle.
    pub fn from_handle(handle: i32) -> Self {
        Self::from_buffer(ManagedBuffer::from_handle(handle))
    }

    /// The buffer's VM handle.
    pub fn handle(&self) -> i32 {
        self.buffer.handle()
    }

    /// The number of items.
    pub fn len(&self) -> usize {
        self.buffer.len() / T::PAYLOAD_SIZE
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Appends `item`.
    pub fn push(&mut self, item: T) {
        let mut payload = [0u8; 16];
        item.write_payload(&mut payload[..T::PAYLOAD_SIZE]);
        self.buffer.append_bytes(&payload[..T::PAYLOAD_SIZE]);
    }

    /// The item at `index`, if any.
    pub fn get(&self, index: usize) -> Option<T> {
        let mut payload = [0u8; 16];
        let start = index.checked_mul(T::PAYLOAD_SIZE)?;
        self.buffer
            .load_slice(start, &mut payload[..T::PAYLOAD_SIZE])
            .then(|| T::read_payload(&payload[..T::PAYLOAD_SIZE]))
    }

    /// The items in order.
    pub fn iter(&self) -> Iter<'_, T> {
        Iter {
            vec: self,
            index: 0,
        }
    }
}

impl<T: ManagedVecItem> Default for ManagedVec<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: ManagedVecItem> Clone for ManagedVec<T> {
    /// A new list sharing the items' handles.
    fn clone(&self) -> Self {
        Self::from_buffer(self.buffer.clone())
    }
}

impl<T: ManagedVecItem> fmt::Debug for ManagedVec<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ManagedVec")
            .field("handle", &self.handle())
            .finish()
    }
}

/// The items of a [`ManagedVec`], in order.
#[derive(Debug)]
pub struct Iter<'a, T: ManagedVecItem> {
    vec: &'a ManagedVec<T>,
    index: usize,
}

impl<T: ManagedVecItem> Iterator for Iter<'_, T> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        let item = self.vec.get(self.index)?;
        self.index += 1;
        Some(item)
    }
}

impl<'a, T: ManagedVecItem> IntoIterator for &'a ManagedVec<T> {
    type Item = T;
    type IntoIter = Iter<'a, T>;
    fn into_iter(self) -> Iter<'a, T> {
        self.iter()
    }
}

/// An ESDT transfer: token, nonce (0 for fungible tokens) and amount.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EsdtTokenPayment {
    /// The token.
    pub token_identifier: TokenIdentifier,
    /// The nonce (0 for fungible tokens).
    pub token_nonce: u64,
    /// The amount.
    pub amount: BigUint,
}

impl EsdtTokenPayment {
    /// A payment of `amount` of `token_identifier` at `token_nonce`.
    pub fn new(token_identifier: TokenIdentifier, token_nonce: u64, amount: BigUint) -> Self {
        Self {
            token_identifier,
            token_nonce,
            amount,
        }
    }
}

impl ManagedVecItem for EsdtTokenPayment {
    const PAYLOAD_SIZE: usize = 16;

    fn write_payload(&self, out: &mut [u8]) {
        out[..4].copy_from_slice(&self.token_identifier.handle().to_be_bytes());
        out[4..12].copy_from_slice(&self.token_nonce.to_be_bytes());
        out[12..16].copy_from_slice(&self.amount.handle().to_be_bytes());
    }

    fn read_payload(payload: &[u8]) -> Self {
        let mut nonce = [0u8; 8];
        nonce.copy_from_slice(&payload[4..12]);
        Self {
            token_identifier: TokenIdentifier::from_handle(handle_from(payload)),
            token_nonce: u64::from_be_bytes(nonce),
            amount: BigUint::from_handle(handle_from(&payload[12..])),
        }
    }
}

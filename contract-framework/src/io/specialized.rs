//! Type-identity casts behind the codec's specialized paths: a framework input or output that
//! reports `supports_specialized_type::<BigUint>()` receives or returns exactly a `BigUint`.

use core::any::TypeId;
use core::mem::ManuallyDrop;

use strata_codec::DecodeError;

/// Whether `T` and `U` are the same type.
pub(crate) fn same<T: 'static, U: 'static>() -> bool {
    TypeId::of::<T>() == TypeId::of::<U>()
}

/// `value` seen as a `U`, when `T` is `U`.
pub(crate) fn cast_ref<T: 'static, U: 'static>(value: &T) -> Option<&U> {
    if same::<T, U>() {
        // SAFETY: `T` and `U` are the same type.
        Some(unsafe { &*(value as *const T).cast::<U>() })
    } else {
        None
    }
}

/// `value` moved into a `T`, when `U` is `T`; else the codec's "unsupported operation".
pub(crate) fn cast_value<U: 'static, T: 'static>(value: U) -> Result<T, DecodeError> {
    if !same::<T, U>() {
        return Err(DecodeError::UNSUPPORTED_OPERATION);
    }
    let value = ManuallyDrop::new(value);
    // SAFETY: `T` and `U` are the same type, and `value` is not dropped.
    Ok(unsafe { core::ptr::read((&*value as *const U).cast::<T>()) })
}

/// Whether `T` is one of the managed types the framework's inputs and outputs handle
/// without copying bytes through the contract's memory.
pub(crate) fn is_managed<T: 'static>() -> bool {
    use crate::types::{BigInt, BigUint, ManagedAddress, ManagedBuffer, TokenIdentifier};
    same::<T, ManagedBuffer>()
        || same::<T, BigUint>()
        || same::<T, BigInt>()
        || same::<T, TokenIdentifier>()
        || same::<T, ManagedAddress>()
}

//! The managed types: values held by the VM behind handles.

#[macro_use]
mod big_num;
mod address;
mod big_int;
mod big_uint;
mod buffer;
mod codec_impls;
mod multi_value;
mod type_abi;
mod vec;

pub use address::{ManagedAddress, TokenIdentifier};
pub use big_int::BigInt;
pub use big_uint::BigUint;
pub use buffer::ManagedBuffer;
pub use multi_value::MultiValueEncoded;
pub use vec::{EsdtTokenPayment, Iter, ManagedVec, ManagedVecItem};

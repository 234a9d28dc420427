//! The API Strata contracts are written against.
//!
//! Two backends, chosen by the target: on `wasm32` the VM hooks are imports of module `env`
//! (with a bump allocator and a panic handler that signals "panic occurred"); on the host the
//! same calls go to the running VM's hooks through the [`native`] context, so that the
//! debugger executor runs the contract natively.
//!
//! A contract is a trait marked [`contract`]:
//!
//! ```
//! mod adder {
//!     use strata_contract_framework::prelude::*;
//!
//!     #[contract]
//!     pub trait Adder {
//!         #[view(getSum)]
//!         #[storage_mapper("sum")]
//!         fn sum(&self) -> SingleValueMapper<BigUint>;
//!
//!         #[init]
//!         fn init(&self, initial_value: BigUint) {
//!             self.sum().set(initial_value);
//!         }
//!
//!         #[endpoint]
//!         fn add(&self, value: BigUint) {
//!             self.sum().update(|sum| *sum += value);
//!         }
//!     }
//! }
//!
//! // On the host: the endpoint table the debugger executor runs, and the ABI.
//! assert_eq!(adder::native().exported_functions(), ["add", "getSum", "init"]);
//! let abi = adder::abi_json();
//! assert!(abi.contains("\"name\": \"getSum\",\n            \"mutability\": \"readonly\""));
//! ```
//!
//! A contract crate is `#![no_std]`; built for `wasm32` the same trait becomes the exports
//! `init`, `add` and `getSum` (see the README for the build).
//!
//! The managed types ([`types`]) are handles to values the VM holds; storage goes through
//! [`storage`] mappers or [`io`]'s raw and typed functions; [`api`] has the call value,
//! blockchain information, events, transfers and calls to other contracts.
#![no_std]

extern crate alloc;
#[cfg(not(target_arch = "wasm32"))]
extern crate std;

#[cfg(not(target_arch = "wasm32"))]
pub mod abi;
pub mod api;
mod error;
mod hooks;
pub mod io;
#[cfg(not(target_arch = "wasm32"))]
pub mod native;
pub mod storage;
pub mod types;
#[cfg(target_arch = "wasm32")]
mod wasm_rt;

pub use error::{messages, signal_error, signal_error_buffer, signal_error_bytes};
pub use strata_codec;
pub use strata_contract_framework_derive::contract;

/// What contracts import: the macro, the managed types, the mappers, the codec traits and
/// derives, `require!`, and the API modules.
pub mod prelude {
    pub use crate::api::{blockchain, call_value, crypto, events, send};
    pub use crate::storage::{
        MapMapper, SetMapper, SingleValueMapper, StorageMapper, UnorderedSetMapper, VecMapper,
    };
    pub use crate::types::{
        BigInt, BigUint, EsdtTokenPayment, ManagedAddress, ManagedBuffer, ManagedVec,
        MultiValueEncoded, TokenIdentifier,
    };
    pub use crate::{contract, require, sc_panic, signal_error};
    pub use strata_codec::{self, NestedDecode, NestedEncode, TopDecode, TopEncode, abi::TypeAbi};
}

/// Items the generated code uses; not part of the API.
#[doc(hidden)]
pub mod __private {
    pub use alloc::string::{String, ToString};
    pub use alloc::vec;
}

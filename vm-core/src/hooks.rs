//! The hooks' meaning, one file per domain, behind a dispatcher derived from the hook table.
//!
//! Every hook of the table is a function `hooks::<method>(ctx, instance, args…)` in one of
//! the domain files; [`Context`] implements [`VMHooks`] by calling them (the impl is generated
//! from `for_each_vm_hook!`, so a hook missing here does not compile). A hook this VM does not
//! implement yet is declared with `refused!`: a contract importing it is refused when it is
//! deployed or called, so its handler never runs.

use executor_api::{EarlyExit, InstanceAccess, MemLength, MemPtr, VMHooks};

use crate::Context;

/// What every domain file uses.
mod prelude {
    pub(crate) use executor_api::{EarlyExit, InstanceAccess, MemLength, MemPtr};

    pub(crate) use crate::Context;
}

/// Declares hooks this VM refuses: their handlers (never reached, since a contract importing
/// them is refused) and the module's `REFUSED` list of method names.
macro_rules! refused {
    ($( $method:ident ( $($ty:ty),* ) $(-> $ret:ty)? ; )*) => {
        $(
            pub(crate) fn $method(
                _: &mut Context<'_>,
                _: &mut dyn InstanceAccess,
                $(_: $ty),*
            ) -> Result<executor_api::hook_return_type!($($ret)?), EarlyExit> {
                Err($crate::errors::refused_hook(stringify!($method)))
            }
        )*

        /// The hooks of this domain that the VM refuses.
        pub(crate) const REFUSED: &[&str] = &[$(stringify!($method)),*];
    };
}

mod account;
mod args;
mod async_call;
mod big_float;
mod big_int;
mod block;
mod bls;
mod call_value;
mod calls;
mod crypto;
mod deploy;
mod elliptic_curve;
mod error;
mod esdt;
mod log;
mod managed_buffer;
mod managed_map;
mod storage;
mod sync_call;
mod transfer;

pub(crate) use calls::bound_gas;

use account::*;
use args::*;
use async_call::*;
use big_float::*;
use big_int::*;
use block::*;
use bls::*;
use call_value::*;
use crypto::*;
use deploy::*;
use elliptic_curve::*;
use error::*;
use esdt::*;
use log::*;
use managed_buffer::*;
use managed_map::*;
use storage::*;
use sync_call::*;
use transfer::*;

/// Every refused hook's method name, by domain.
const REFUSED_BY_DOMAIN: &[&[&str]] = &[
    account::REFUSED,
    args::REFUSED,
    async_call::REFUSED,
    big_float::REFUSED,
    big_int::REFUSED,
    block::REFUSED,
    bls::REFUSED,
    call_value::REFUSED,
    crypto::REFUSED,
    deploy::REFUSED,
    elliptic_curve::REFUSED,
    error::REFUSED,
    esdt::REFUSED,
    log::REFUSED,
    managed_buffer::REFUSED,
    managed_map::REFUSED,
    storage::REFUSED,
    sync_call::REFUSED,
    transfer::REFUSED,
];

/// Whether the VM refuses contracts importing the hook `name` (its wasm name).
pub fn is_refused(name: &str) -> bool {
    executor_api::hook_info(name).is_some_and(|hook| {
        REFUSED_BY_DOMAIN
            .iter()
            .any(|domain| domain.contains(&hook.method))
    })
}

/// The wasm names of every hook this VM refuses, in table order.
pub fn refused_hooks() -> Vec<&'static str> {
    executor_api::HOOKS
        .iter()
        .filter(|h| is_refused(h.name))
        .map(|h| h.name)
        .collect()
}

macro_rules! dispatch {
    ($(
        $(#[$doc:meta])*
        $wasm:ident [$group:ident $category:literal $gas:literal]
        fn $method:ident($($arg:ident: $ty:ident),*) $(-> $ret:ident)?;
    )*) => {
        impl VMHooks for Context<'_> {
            $(
                #[inline]
                fn $method(
                    &mut self,
                    instance: &mut dyn InstanceAccess,
                    $($arg: $ty),*
                ) -> Result<executor_api::hook_return_type!($($ret)?), EarlyExit> {
                    let result = $method(self, instance, $($arg),*).and_then(|value| {
                        crate::managed::check_transaction_memory(
                            self.frames.iter().map(|frame| &frame.managed),
                        )?;
                        Ok(value)
                    });
                    if let Err(exit) = &result {
                        self.record_hook_exit(exit);
                    }
                    result
                }
            )*
        }
    };
}

executor_api::for_each_vm_hook!(dispatch);

//! The VM hooks: every function a contract may import from the wasm module `env`.
//!
//! The table is declared once, in [`for_each_vm_hook!`](crate::for_each_vm_hook) (generated
//! from `vm-hooks.tsv`); the [`VMHooks`] trait and [`HOOKS`] derive from it here, and the
//! executors derive their imports from it the same way.

use crate::{EarlyExit, InstanceAccess, MemLength, MemPtr};

include!("generated/hook_table.rs");

/// A wasm value type of a hook's signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WasmType {
    /// `i32`: offsets, lengths, handles.
    I32,
    /// `i64`: nonces, gas, timestamps, small ints.
    I64,
}

impl WasmType {
    /// `"i32"` or `"i64"`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::I32 => "i32",
            Self::I64 => "i64",
        }
    }
}

/// One hook of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HookInfo {
    /// The name contracts import, e.g. `getSCAddress`.
    pub name: &'static str,
    /// The method of [`VMHooks`], e.g. `get_sc_address`.
    pub method: &'static str,
    /// Parameter names (as in the method) and wasm types.
    pub params: &'static [(&'static str, WasmType)],
    /// The wasm result, if any.
    pub result: Option<WasmType>,
    /// The group of the Environment Interface: `Main`, `BigInt`, `ManagedBuffer`, ….
    pub group: &'static str,
    /// The domain: `storage`, `crypto`, ….
    pub category: &'static str,
    /// The schedule cost the hook charges first, as `Section.Key`, if any.
    pub gas_key: Option<&'static str>,
}

impl HookInfo {
    /// The wasm signature in the reference table's notation, with wasm parameter types only:
    /// `(i32, i32) -> i64`, `() -> ()`.
    pub fn wasm_signature(&self) -> String {
        let params: Vec<&str> = self.params.iter().map(|(_, t)| t.name()).collect();
        let result = self.result.map_or("()", WasmType::name);
        format!("({}) -> {}", params.join(", "), result)
    }

    /// The hook's gas key split into `(section, key)`.
    pub fn gas_section_key(&self) -> Option<(&'static str, &'static str)> {
        self.gas_key.and_then(|k| k.split_once('.'))
    }
}

/// The hook named `name`, if it is one.
pub fn hook_info(name: &str) -> Option<&'static HookInfo> {
    HOOKS.iter().find(|h| h.name == name)
}

/// The wasm type of a parameter type of the table.
#[doc(hidden)]
#[macro_export]
macro_rules! hook_wasm_type {
    (MemPtr) => {
        $crate::WasmType::I32
    };
    (MemLength) => {
        $crate::WasmType::I32
    };
    (i32) => {
        $crate::WasmType::I32
    };
    (i64) => {
        $crate::WasmType::I64
    };
}

/// The Rust return type of a hook: its result, or `()`.
#[doc(hidden)]
#[macro_export]
macro_rules! hook_return_type {
    () => {
        ()
    };
    ($ret:ty) => {
        $ret
    };
}

macro_rules! declare_hooks {
    ($(
        $(#[$doc:meta])*
        $wasm:ident [$group:ident $category:literal $gas:literal]
        fn $method:ident($($arg:ident: $ty:ident),*) $(-> $ret:ident)?;
    )*) => {
        /// Every hook of the Environment Interface, one method each, named as the table names
        /// it in snake case and taking the table's parameters.
        ///
        /// The executor passes `instance` for the running contract's memory and gas. A method
        /// returns the hook's wasm result, or an [`EarlyExit`] that stops the contract.
        pub trait VMHooks {
            $(
                $(#[$doc])*
                fn $method(
                    &mut self,
                    instance: &mut dyn InstanceAccess,
                    $($arg: $ty),*
                ) -> Result<hook_return_type!($($ret)?), EarlyExit>;
            )*
        }

        /// The whole hook table, in reference order.
        pub static HOOKS: &[HookInfo] = &[
            $(
                HookInfo {
                    name: stringify!($wasm),
                    method: stringify!($method),
                    params: &[$((stringify!($arg), hook_wasm_type!($ty))),*],
                    result: {
                        #[allow(unused_mut, unused_assignments)]
                        let mut result = None;
                        $(result = Some(hook_wasm_type!($ret));)?
                        result
                    },
                    group: stringify!($group),
                    category: $category,
                    gas_key: if $gas.len() == 1 { None } else { Some($gas) },
                },
            )*
        ];
    };
}

for_each_vm_hook!(declare_hooks);

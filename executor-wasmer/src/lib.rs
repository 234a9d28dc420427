//! Strata's [`Executor`](executor_api::Executor) on Wasmer singlepass.
//!
//! [`WasmerExecutor`] validates contract code against the production VM's rules
//! ([`validate`]), compiles it with singlepass and a metering middleware that charges the
//! schedule's `WASMOpcodeCost` per operator, and caches the modules by code hash (in
//! memory, and optionally on disk). A [`WasmerModule`] makes [`WasmerInstance`]s; an
//! instance calls exported functions, serving the contract's `env` imports with the
//! `VMHooks` given to the call, on one gas counter that opcodes and hooks share. It stops
//! the contract on out of gas, `memory.grow` limits, traps, any hook's `EarlyExit`, and,
//! preemptively, at the wall-clock limit of [`InstanceOptions`](executor_api::InstanceOptions).
//!
//! ```
//! use executor_api::{CodeHash, Executor, GasSchedule, Instance, InstanceAccess,
//!     InstanceOptions, ReturnCode};
//! use strata_executor_wasmer::{WasmerConfig, WasmerExecutor, testing::RecordingHooks};
//!
//! let executor = WasmerExecutor::new(WasmerConfig::new(GasSchedule::v4().wasm_opcode_cost))?;
//! let code = wat::parse_str(r#"
//!     (module
//!       (import "env" "getGasLeft" (func $gas_left (result i64)))
//!       (memory (export "memory") 1)
//!       (func (export "run") (drop (call $gas_left)))
//!       (func (export "spin") (loop (br 0))))
//! "#)?;
//! let module = executor.compile(CodeHash([1; 32]), &code)?;
//! let mut instance = module.instantiate(&InstanceOptions::with_gas_limit(1_000_000))?;
//! let mut hooks = RecordingHooks::new().returning("getGasLeft", 7);
//!
//! instance.call("run", &mut hooks)?;
//! assert_eq!(hooks.call_names(), ["getGasLeft"]);
//! assert!(instance.gas_used() > 0);
//!
//! let stop = instance.call("spin", &mut hooks).unwrap_err();
//! assert_eq!(stop.code, ReturnCode::OutOfGas);
//! assert_eq!(instance.gas_used(), 1_000_000);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod cache;
mod config;
mod executor;
mod globals;
mod imports;
mod instance;
mod memory;
mod metering;
mod module;
mod module_cache;
mod operators;
pub mod testing;
mod tunables;
mod validation;
mod watchdog;

pub use config::{
    DEFAULT_MAX_CACHED_MODULES, Limits, MAX_BR_TABLE_TARGETS, MAX_CODE_BYTES, MAX_FUNCTIONS,
    MAX_GLOBALS, MAX_LOCALS_PER_FUNCTION, MAX_MEMORY_GROW_INSTRUCTIONS, MAX_MEMORY_PAGES,
    MAX_NESTING_DEPTH, MAX_TABLE_ELEMENTS, WASMER_VERSION, WasmerConfig,
};
pub use executor::{CacheStats, WasmerExecutor};
pub use instance::{WRONG_SIGNATURE, WasmerInstance};
pub use module::WasmerModule;
pub use validation::validate;

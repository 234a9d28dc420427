//! The high-level Strata VM: a `VmHandler` over any `Executor` and any `BlockchainHooks`,
//! with per-call contexts, gas metering, managed types, storage, calls and every hook's
//! meaning. (It arrives with its issue.)

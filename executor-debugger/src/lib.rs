//! Strata's executor for contracts compiled natively: the contract's Rust code will run in the
//! host process behind the same `Executor`, `Instance` and `VMHooks` traits of the executor-api
//! crate, so that a debugger can step through it. It arrives with its issue; the crate holds
//! nothing yet.

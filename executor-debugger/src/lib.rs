//! Strata's [`Executor`](strata_executor_api::Executor) for contracts compiled natively: the
//! contract's Rust code runs in the host process behind the same `Executor`, `Instance` and
//! `VMHooks` traits, so a debugger can step through it. (It arrives with its issue.)

//! Strata's [`Executor`](strata_executor_api::Executor) on Wasmer singlepass: per-opcode gas
//! metering from the schedule, validation of contract code, preemptive stop and a
//! compiled-module cache. (Work in progress: the executor arrives with its issue.)

//! The debugger executor's tests: the executor alone with recording hooks, and vm-core on
//! it with hand-written native contracts (endpoints that call the `VMHooks` directly, as a
//! framework's native backend does).

mod executor;
mod natives;
mod vm;

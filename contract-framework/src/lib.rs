//! The API Strata contracts are written against, with a wasm backend (imports of the 277
//! hooks) and a native backend for the debugger executor. (It arrives with its issue.)
#![no_std]

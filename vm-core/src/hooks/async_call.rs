//! Asynchronous calls and promises.

use super::prelude::*;

refused! {
    create_async_call(MemPtr, MemPtr, MemPtr, MemLength, MemPtr, MemLength, MemPtr, MemLength, i64, i64) -> i32;
    set_async_context_callback(MemPtr, MemLength, MemPtr, MemLength, i64) -> i32;
    async_call(MemPtr, MemPtr, MemPtr, MemLength);
    managed_async_call(i32, i32, i32, i32);
    managed_create_async_call(i32, i32, i32, i32, MemPtr, MemLength, MemPtr, MemLength, i64, i64, i32) -> i32;
    managed_get_callback_closure(i32);
}

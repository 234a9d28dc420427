//! Synchronous execution on the same, destination or read-only context.

use super::prelude::*;

refused! {
    execute_on_same_context(i64, MemPtr, MemPtr, MemPtr, MemLength, i32, MemPtr, MemPtr) -> i32;
    execute_on_dest_context(i64, MemPtr, MemPtr, MemPtr, MemLength, i32, MemPtr, MemPtr) -> i32;
    execute_read_only(i64, MemPtr, MemPtr, MemLength, i32, MemPtr, MemPtr) -> i32;
    managed_execute_read_only(i64, i32, i32, i32, i32) -> i32;
    managed_execute_on_same_context(i64, i32, i32, i32, i32, i32) -> i32;
    managed_execute_on_dest_context(i64, i32, i32, i32, i32, i32) -> i32;
    managed_execute_on_dest_context_with_error_return(i64, i32, i32, i32, i32, i32) -> i32;
}

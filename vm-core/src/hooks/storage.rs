//! Storage reads and writes of the running contract, and reads of other accounts' storage.

use super::prelude::*;

refused! {
    storage_store(MemPtr, MemLength, MemPtr, MemLength) -> i32;
    storage_load_length(MemPtr, MemLength) -> i32;
    storage_load_from_address(MemPtr, MemPtr, MemLength, MemPtr) -> i32;
    storage_load(MemPtr, MemLength, MemPtr) -> i32;
    set_storage_lock(MemPtr, MemLength, i64) -> i32;
    get_storage_lock(MemPtr, MemLength) -> i64;
    is_storage_locked(MemPtr, MemLength) -> i32;
    clear_storage_lock(MemPtr, MemLength) -> i32;
    big_int_storage_store_unsigned(MemPtr, MemLength, i32) -> i32;
    big_int_storage_load_unsigned(MemPtr, MemLength, i32) -> i32;
    mbuffer_storage_store(i32, i32) -> i32;
    mbuffer_storage_load(i32, i32) -> i32;
    mbuffer_storage_load_from_address(i32, i32, i32);
    small_int_storage_store_unsigned(MemPtr, MemLength, i64) -> i32;
    small_int_storage_store_signed(MemPtr, MemLength, i64) -> i32;
    small_int_storage_load_unsigned(MemPtr, MemLength) -> i64;
    small_int_storage_load_signed(MemPtr, MemLength) -> i64;
    int64storage_store(MemPtr, MemLength, i64) -> i32;
    int64storage_load(MemPtr, MemLength) -> i64;
}

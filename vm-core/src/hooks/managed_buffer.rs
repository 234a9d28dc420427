//! Managed buffers: creation, bytes, slices, appends, conversions.

use super::prelude::*;

refused! {
    managed_buffer_to_hex(i32, i32);
    mbuffer_new() -> i32;
    mbuffer_new_from_bytes(MemPtr, MemLength) -> i32;
    mbuffer_get_length(i32) -> i32;
    mbuffer_get_bytes(i32, MemPtr) -> i32;
    mbuffer_get_byte_slice(i32, i32, i32, MemPtr) -> i32;
    mbuffer_copy_byte_slice(i32, i32, i32, i32) -> i32;
    mbuffer_eq(i32, i32) -> i32;
    mbuffer_set_bytes(i32, MemPtr, MemLength) -> i32;
    mbuffer_set_byte_slice(i32, i32, MemLength, MemPtr) -> i32;
    mbuffer_append(i32, i32) -> i32;
    mbuffer_append_bytes(i32, MemPtr, MemLength) -> i32;
    mbuffer_to_big_int_unsigned(i32, i32) -> i32;
    mbuffer_to_big_int_signed(i32, i32) -> i32;
    mbuffer_from_big_int_unsigned(i32, i32) -> i32;
    mbuffer_from_big_int_signed(i32, i32) -> i32;
    mbuffer_to_small_int_unsigned(i32) -> i64;
    mbuffer_to_small_int_signed(i32) -> i64;
    mbuffer_from_small_int_unsigned(i32, i64);
    mbuffer_from_small_int_signed(i32, i64);
    mbuffer_to_big_float(i32, i32) -> i32;
    mbuffer_from_big_float(i32, i32) -> i32;
    mbuffer_set_random(i32, i32) -> i32;
}

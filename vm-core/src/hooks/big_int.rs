//! Big-integer arithmetic, comparison and conversion on managed handles.

use super::prelude::*;

refused! {
    big_int_new(i64) -> i32;
    big_int_unsigned_byte_length(i32) -> i32;
    big_int_signed_byte_length(i32) -> i32;
    big_int_get_unsigned_bytes(i32, MemPtr) -> i32;
    big_int_get_signed_bytes(i32, MemPtr) -> i32;
    big_int_set_unsigned_bytes(i32, MemPtr, MemLength);
    big_int_set_signed_bytes(i32, MemPtr, MemLength);
    big_int_is_int64(i32) -> i32;
    big_int_get_int64(i32) -> i64;
    big_int_set_int64(i32, i64);
    big_int_add(i32, i32, i32);
    big_int_sub(i32, i32, i32);
    big_int_mul(i32, i32, i32);
    big_int_t_div(i32, i32, i32);
    big_int_t_mod(i32, i32, i32);
    big_int_e_div(i32, i32, i32);
    big_int_e_mod(i32, i32, i32);
    big_int_sqrt(i32, i32);
    big_int_pow(i32, i32, i32);
    big_int_log2(i32) -> i32;
    big_int_abs(i32, i32);
    big_int_neg(i32, i32);
    big_int_sign(i32) -> i32;
    big_int_cmp(i32, i32) -> i32;
    big_int_not(i32, i32);
    big_int_and(i32, i32, i32);
    big_int_or(i32, i32, i32);
    big_int_xor(i32, i32, i32);
    big_int_shr(i32, i32, i32);
    big_int_shl(i32, i32, i32);
    big_int_to_string(i32, i32);
}

//! Big floats, and their conversions to and from managed buffers.

use super::prelude::*;

refused! {
    big_float_new_from_parts(i32, i32, i32) -> i32;
    big_float_new_from_frac(i64, i64) -> i32;
    big_float_new_from_sci(i64, i64) -> i32;
    big_float_add(i32, i32, i32);
    big_float_sub(i32, i32, i32);
    big_float_mul(i32, i32, i32);
    big_float_div(i32, i32, i32);
    big_float_neg(i32, i32);
    big_float_clone(i32, i32);
    big_float_cmp(i32, i32) -> i32;
    big_float_abs(i32, i32);
    big_float_sign(i32) -> i32;
    big_float_sqrt(i32, i32);
    big_float_pow(i32, i32, i32);
    big_float_floor(i32, i32);
    big_float_ceil(i32, i32);
    big_float_truncate(i32, i32);
    big_float_set_int64(i32, i64);
    big_float_is_int(i32) -> i32;
    big_float_set_big_int(i32, i32);
    big_float_get_const_pi(i32);
    big_float_get_const_e(i32);
    mbuffer_to_big_float(i32, i32) -> i32;
    mbuffer_from_big_float(i32, i32) -> i32;
}

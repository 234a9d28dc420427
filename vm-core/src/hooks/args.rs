//! Arguments, finish and return data, in every variant (raw, int64, small int, big int, managed buffer).

use super::prelude::*;

refused! {
    get_argument_length(i32) -> i32;
    get_argument(i32, MemPtr) -> i32;
    get_function(MemPtr) -> i32;
    get_num_arguments() -> i32;
    finish(MemPtr, MemLength);
    get_num_return_data() -> i32;
    get_return_data_size(i32) -> i32;
    get_return_data(i32, MemPtr) -> i32;
    clean_return_data();
    delete_from_return_data(i32);
    managed_get_return_data(i32, i32);
    big_int_get_unsigned_argument(i32, i32);
    big_int_get_signed_argument(i32, i32);
    big_int_finish_unsigned(i32);
    big_int_finish_signed(i32);
    mbuffer_get_argument(i32, i32) -> i32;
    mbuffer_finish(i32) -> i32;
    small_int_get_unsigned_argument(i32) -> i64;
    small_int_get_signed_argument(i32) -> i64;
    small_int_finish_unsigned(i64);
    small_int_finish_signed(i64);
    int64get_argument(i32) -> i64;
    int64finish(i64);
}

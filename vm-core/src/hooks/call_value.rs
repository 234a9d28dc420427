//! The EGLD and ESDT value of the call, in every variant, and `checkNoPayment`.

use super::prelude::*;

refused! {
    check_no_payment();
    get_call_value(MemPtr) -> i32;
    get_esdt_value(MemPtr) -> i32;
    get_esdt_value_by_index(MemPtr, i32) -> i32;
    get_esdt_token_name(MemPtr) -> i32;
    get_esdt_token_name_by_index(MemPtr, i32) -> i32;
    get_esdt_token_nonce() -> i64;
    get_esdt_token_nonce_by_index(i32) -> i64;
    get_esdt_token_type() -> i32;
    get_esdt_token_type_by_index(i32) -> i32;
    get_num_esdt_transfers() -> i32;
    get_call_value_token_name(MemPtr, MemPtr) -> i32;
    get_call_value_token_name_by_index(MemPtr, MemPtr, i32) -> i32;
    managed_get_multi_esdt_call_value(i32);
    managed_get_all_transfers_call_value(i32);
    managed_get_back_transfers(i32, i32);
    big_int_get_call_value(i32);
    big_int_get_esdt_call_value(i32);
    big_int_get_esdt_call_value_by_index(i32, i32);
}

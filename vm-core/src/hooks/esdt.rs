//! ESDT token information: balances, NFT data, roles, token identifier validation.

use super::prelude::*;

refused! {
    get_esdt_balance(MemPtr, MemPtr, MemLength, i64, MemPtr) -> i32;
    get_esdt_nft_name_length(MemPtr, MemPtr, MemLength, i64) -> i32;
    get_esdt_nft_attribute_length(MemPtr, MemPtr, MemLength, i64) -> i32;
    get_esdt_nft_uri_length(MemPtr, MemPtr, MemLength, i64) -> i32;
    get_esdt_token_data(MemPtr, MemPtr, MemLength, i64, i32, MemPtr, MemPtr, MemPtr, MemPtr, MemPtr, i32, MemPtr) -> i32;
    get_esdt_local_roles(i32) -> i64;
    validate_token_identifier(i32) -> i32;
    get_current_esdt_nft_nonce(MemPtr, MemPtr, MemLength) -> i64;
    managed_get_esdt_balance(i32, i32, i64, i32);
    managed_get_esdt_token_data(i32, i32, i64, i32, i32, i32, i32, i32, i32, i32, i32);
    managed_get_esdt_token_type(i32, i32, i64, i32);
    managed_is_esdt_frozen(i32, i32, i64) -> i32;
    managed_is_esdt_limited_transfer(i32) -> i32;
    managed_is_esdt_paused(i32) -> i32;
    big_int_get_esdt_external_balance(MemPtr, MemPtr, MemLength, i64, i32);
}

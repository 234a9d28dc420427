//! Value and token transfers, with or without execution.

use super::prelude::*;

refused! {
    transfer_value(MemPtr, MemPtr, MemPtr, MemLength) -> i32;
    transfer_value_execute(MemPtr, MemPtr, i64, MemPtr, MemLength, i32, MemPtr, MemPtr) -> i32;
    transfer_esdt_execute(MemPtr, MemPtr, MemLength, MemPtr, i64, MemPtr, MemLength, i32, MemPtr, MemPtr) -> i32;
    transfer_esdt_nft_execute(MemPtr, MemPtr, MemLength, MemPtr, i64, i64, MemPtr, MemLength, i32, MemPtr, MemPtr) -> i32;
    multi_transfer_esdt_nft_execute(MemPtr, i32, MemPtr, MemPtr, i64, MemPtr, MemLength, i32, MemPtr, MemPtr) -> i32;
    managed_multi_transfer_esdt_nft_execute(i32, i32, i64, i32, i32) -> i32;
    managed_multi_transfer_esdt_nft_execute_with_return(i32, i32, i64, i32, i32) -> i32;
    managed_multi_transfer_esdt_nft_execute_by_user(i32, i32, i32, i64, i32, i32) -> i32;
    managed_transfer_value_execute(i32, i32, i64, i32, i32) -> i32;
}

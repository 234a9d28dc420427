//! Account, contract and transaction information: addresses, owner, balances, code metadata and hash, shards, tx hashes, gas left.

use super::prelude::*;

refused! {
    get_gas_left() -> i64;
    get_sc_address(MemPtr);
    get_owner_address(MemPtr);
    get_shard_of_address(MemPtr) -> i32;
    is_smart_contract(MemPtr) -> i32;
    get_external_balance(MemPtr, MemPtr);
    get_caller(MemPtr);
    is_reserved_function_name(i32) -> i32;
    get_original_tx_hash(MemPtr);
    get_current_tx_hash(MemPtr);
    get_prev_tx_hash(MemPtr);
    managed_sc_address(i32);
    managed_owner_address(i32);
    managed_caller(i32);
    managed_get_original_caller_addr(i32);
    managed_get_relayer_addr(i32);
    managed_get_original_tx_hash(i32);
    managed_get_code_metadata(i32, i32);
    managed_get_code_hash(i32, i32);
    managed_is_builtin_function(i32) -> i32;
    big_int_get_external_balance(MemPtr, i32);
}

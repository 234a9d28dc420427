//! Current and previous block information and random seeds.

use super::prelude::*;

refused! {
    get_block_hash(i64, MemPtr) -> i32;
    get_block_timestamp() -> i64;
    get_block_timestamp_ms() -> i64;
    get_block_nonce() -> i64;
    get_block_round() -> i64;
    get_block_epoch() -> i64;
    get_block_random_seed(MemPtr);
    get_state_root_hash(MemPtr);
    get_prev_block_timestamp() -> i64;
    get_prev_block_timestamp_ms() -> i64;
    get_prev_block_nonce() -> i64;
    get_prev_block_round() -> i64;
    get_prev_block_epoch() -> i64;
    get_prev_block_random_seed(MemPtr);
    get_block_round_time_ms() -> i64;
    epoch_start_block_timestamp_ms() -> i64;
    epoch_start_block_nonce() -> i64;
    epoch_start_block_round() -> i64;
    managed_get_state_root_hash(i32);
    managed_get_block_random_seed(i32);
    managed_get_prev_block_random_seed(i32);
}

//! The contract's inputs and outputs through the codec: arguments, results, storage.

mod buffer_io;
mod endpoint;
mod specialized;
mod storage;

pub use buffer_io::BufferReader;
pub use endpoint::{
    ArgInput, FinishOutput, all_arguments, check_not_payable, check_num_arguments,
    check_num_arguments_at_least, encode_failure_message, finish, load_arg, num_arguments,
    top_decode_from_buffer, top_encode_to_buffer,
};
pub use storage::{
    storage_clear, storage_get, storage_get_raw, storage_get_raw_from, storage_is_empty,
    storage_set, storage_set_raw,
};

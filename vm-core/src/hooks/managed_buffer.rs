//! Managed buffers: creation, bytes, slices, appends and conversions, with the production
//! VM's semantics, messages and gas (`vmhost/vmhooks/manBufOps.go`, `managedBufferToHex` in
//! `managedei.go`).
//!
//! Every failure stops execution (return code 10), a slice outside its buffer included
//! ("invalid argument"); the hooks answer 0 on success. The hooks of this file that need
//! storage, arguments or the output (`mBufferStorageStore`, `mBufferGetArgument`,
//! `mBufferFinish`, …) live with their domains.

mod bytes;
mod convert;
#[cfg(test)]
mod tests;

pub(crate) use bytes::{
    mbuffer_append, mbuffer_append_bytes, mbuffer_copy_byte_slice, mbuffer_eq,
    mbuffer_get_byte_slice, mbuffer_get_bytes, mbuffer_get_length, mbuffer_new,
    mbuffer_new_from_bytes, mbuffer_set_byte_slice, mbuffer_set_bytes,
};
pub(crate) use convert::{
    managed_buffer_to_hex, mbuffer_from_big_int_signed, mbuffer_from_big_int_unsigned,
    mbuffer_from_small_int_signed, mbuffer_from_small_int_unsigned, mbuffer_to_big_int_signed,
    mbuffer_to_big_int_unsigned, mbuffer_to_small_int_signed, mbuffer_to_small_int_unsigned,
};

use super::prelude::*;

refused! {
    // Big floats belong with the big-float hooks.
    mbuffer_to_big_float(i32, i32) -> i32;
    mbuffer_from_big_float(i32, i32) -> i32;
    // Needs the transaction's random generator, seeded from the blocks' random seeds and the
    // transaction hash, shared by all executions of the transaction.
    mbuffer_set_random(i32, i32) -> i32;
}

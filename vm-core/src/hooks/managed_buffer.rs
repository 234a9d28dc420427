//! Managed buffers: creation, bytes, slices, appends and conversions, with the production
//! VM's semantics, messages and gas (`vmhost/vmhooks/manBufOps.go`, `managedBufferToHex` in
//! `managedei.go`).
//!
//! Every failure stops execution (return code 10); a slice outside its buffer answers 1 and
//! execution goes on; the hooks answer 0 on success. The hooks of this file that need
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

refused! {}

/// `mBufferSetRandom`: sets (or creates) `destination_handle` to `length` pseudo-random bytes
/// of the transaction's generator (the production VM's: Go's `math/rand` seeded from the
/// previous and current block seeds and the transaction hash, shared by every execution of the
/// transaction); answers 0.
///
/// # Gas
/// `MBufferSetRandom` + `DataCopyPerByte` × `length`, in one charge.
///
/// # Errors
/// Execution failed, "length of buffer is not correct", for a length below 1; "managed buffer
/// too large" beyond this VM's buffer size limit (after the gas); out of gas.
pub(crate) fn mbuffer_set_random(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    destination_handle: i32,
    length: i32,
) -> Result<i32, EarlyExit> {
    let length = usize::try_from(length)
        .ok()
        .filter(|&l| l >= 1)
        .ok_or_else(|| crate::errors::failed(crate::errors::LENGTH_OF_BUFFER_NOT_CORRECT))?;
    let schedule = ctx.schedule;
    ctx.use_gas_per_byte(
        instance,
        schedule.managed_buffer_api_cost.m_buffer_set_random,
        schedule.base_operation_cost.data_copy_per_byte,
        length,
    )?;
    crate::managed::check_buffer_len(length)?;
    let mut bytes = vec![0; length];
    ctx.random_reader().read(&mut bytes);
    ctx.managed().set_buffer(destination_handle, bytes);
    Ok(0)
}

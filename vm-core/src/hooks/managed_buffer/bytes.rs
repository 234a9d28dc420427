//! Managed buffers' bytes: creation, length, reads, slices, comparison, writes and appends
//! (the production VM's `manBufOps.go`).

use std::ops::Range;

use crate::hooks::big_int::gas::charge_data_copy;
use crate::hooks::prelude::*;

/// The byte range `start .. start + len` of a buffer of `buffer_len` bytes, `None` for a
/// negative start or length or a range past the end. The hooks answer 1 for `None` and the
/// contract goes on running ("does not fail execution if slice exceeds bounds", in every
/// production release of this hook table; only releases with the newer `activateUnsafeMode`
/// hook fail execution instead).
fn slice_range(buffer_len: usize, start: i32, len: i32) -> Option<Range<usize>> {
    range_within(buffer_len, start, usize::try_from(len).ok()?)
}

/// The byte range `start .. start + len` of a buffer of `buffer_len` bytes, for a length
/// already known to be non-negative; `None` as [`slice_range`].
fn range_within(buffer_len: usize, start: i32, len: usize) -> Option<Range<usize>> {
    let start = usize::try_from(start).ok()?;
    let end = start.checked_add(len)?;
    (end <= buffer_len).then_some(start..end)
}

/// `mBufferNew`: a new empty managed buffer; answers its handle.
///
/// # Gas
/// `MBufferNew`.
///
/// # Errors
/// Out of gas only.
pub(crate) fn mbuffer_new(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
) -> Result<i32, EarlyExit> {
    ctx.use_gas(instance, ctx.schedule.managed_buffer_api_cost.m_buffer_new)?;
    Ok(ctx.managed().new_empty_buffer())
}

/// `mBufferNewFromBytes`: a new managed buffer holding the bytes at `data_offset`; answers
/// its handle.
///
/// # Gas
/// `MBufferNewFromBytes` (no per-byte charge).
///
/// # Errors
/// Execution failed for a read outside memory.
pub(crate) fn mbuffer_new_from_bytes(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    data_offset: MemPtr,
    data_length: MemLength,
) -> Result<i32, EarlyExit> {
    let gas = ctx.schedule.managed_buffer_api_cost.m_buffer_new_from_bytes;
    ctx.use_gas(instance, gas)?;
    let data = instance.memory_load(data_offset, data_length)?;
    Ok(ctx.managed().new_buffer(data))
}

/// `mBufferGetLength`: the buffer's length.
///
/// # Gas
/// `MBufferGetLength`.
///
/// # Errors
/// Execution failed for a missing handle.
pub(crate) fn mbuffer_get_length(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    m_buffer_handle: i32,
) -> Result<i32, EarlyExit> {
    let gas = ctx.schedule.managed_buffer_api_cost.m_buffer_get_length;
    ctx.use_gas(instance, gas)?;
    let len = ctx.managed().buffer(m_buffer_handle)?.len();
    Ok(i32::try_from(len).unwrap_or(i32::MAX))
}

/// `mBufferGetBytes`: writes the buffer's bytes at `result_offset`; answers 0.
///
/// # Gas
/// `MBufferGetBytes`, then `DataCopyPerByte` per byte.
///
/// # Errors
/// Execution failed for a missing handle or a write outside memory.
pub(crate) fn mbuffer_get_bytes(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    m_buffer_handle: i32,
    result_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    let gas = ctx.schedule.managed_buffer_api_cost.m_buffer_get_bytes;
    ctx.use_gas(instance, gas)?;
    let len = ctx.managed().buffer(m_buffer_handle)?.len();
    charge_data_copy(ctx, instance, len)?;
    instance.memory_store(result_offset, ctx.managed().buffer(m_buffer_handle)?)?;
    Ok(0)
}

/// `mBufferGetByteSlice`: writes `slice_length` bytes of the buffer from
/// `starting_position` at `result_offset`; answers 0.
///
/// # Gas
/// `MBufferGetByteSlice`, then `DataCopyPerByte` per byte of the whole source buffer.
///
/// # Errors
/// Execution failed for a missing handle, 1 (and no stop) for a slice outside the buffer,
/// or a write outside memory.
pub(crate) fn mbuffer_get_byte_slice(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    source_handle: i32,
    starting_position: i32,
    slice_length: i32,
    result_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    let gas = ctx.schedule.managed_buffer_api_cost.m_buffer_get_byte_slice;
    ctx.use_gas(instance, gas)?;
    let len = ctx.managed().buffer(source_handle)?.len();
    charge_data_copy(ctx, instance, len)?;
    let Some(range) = slice_range(len, starting_position, slice_length) else {
        return Ok(1);
    };
    let source = ctx.managed().buffer(source_handle)?;
    instance.memory_store(result_offset, &source[range])?;
    Ok(0)
}

/// `mBufferCopyByteSlice`: sets (or creates) `destination_handle` to `slice_length` bytes of
/// the source from `starting_position`; answers 0.
///
/// # Gas
/// `MBufferCopyByteSlice`, `DataCopyPerByte` per byte of the whole source, then per byte of
/// the slice.
///
/// # Errors
/// Execution failed for a missing source; a slice outside it answers 1 without stopping.
pub(crate) fn mbuffer_copy_byte_slice(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    source_handle: i32,
    starting_position: i32,
    slice_length: i32,
    destination_handle: i32,
) -> Result<i32, EarlyExit> {
    let gas = ctx
        .schedule
        .managed_buffer_api_cost
        .m_buffer_copy_byte_slice;
    ctx.use_gas(instance, gas)?;
    let len = ctx.managed().buffer(source_handle)?.len();
    charge_data_copy(ctx, instance, len)?;
    let Some(range) = slice_range(len, starting_position, slice_length) else {
        return Ok(1);
    };
    let managed = ctx.managed();
    let slice = managed.buffer(source_handle)?[range].to_vec();
    let slice_len = slice.len();
    managed.set_buffer(destination_handle, slice);
    charge_data_copy(ctx, instance, slice_len)?;
    Ok(0)
}

/// `mBufferEq`: 1 when both buffers hold the same bytes, else 0.
///
/// # Gas
/// `MBufferCopyByteSlice` (the production VM's key for this hook), then `DataCopyPerByte`
/// per byte of each buffer.
///
/// # Errors
/// Execution failed for a missing handle.
pub(crate) fn mbuffer_eq(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    m_buffer_handle1: i32,
    m_buffer_handle2: i32,
) -> Result<i32, EarlyExit> {
    let gas = ctx
        .schedule
        .managed_buffer_api_cost
        .m_buffer_copy_byte_slice;
    ctx.use_gas(instance, gas)?;
    let len1 = ctx.managed().buffer(m_buffer_handle1)?.len();
    charge_data_copy(ctx, instance, len1)?;
    let len2 = ctx.managed().buffer(m_buffer_handle2)?.len();
    charge_data_copy(ctx, instance, len2)?;
    let managed = ctx.managed();
    let equal = managed.buffer(m_buffer_handle1)? == managed.buffer(m_buffer_handle2)?;
    Ok(i32::from(equal))
}

/// `mBufferSetBytes`: sets (or creates) the buffer to the bytes at `data_offset`; answers 0.
///
/// # Gas
/// `MBufferSetBytes`, then `DataCopyPerByte` per byte.
///
/// # Errors
/// Execution failed for a read outside memory.
pub(crate) fn mbuffer_set_bytes(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    m_buffer_handle: i32,
    data_offset: MemPtr,
    data_length: MemLength,
) -> Result<i32, EarlyExit> {
    let gas = ctx.schedule.managed_buffer_api_cost.m_buffer_set_bytes;
    ctx.use_gas(instance, gas)?;
    let data = instance.memory_load(data_offset, data_length)?;
    charge_data_copy(ctx, instance, data.len())?;
    ctx.managed().set_buffer(m_buffer_handle, data);
    Ok(0)
}

/// `mBufferSetByteSlice`: overwrites `data_length` bytes of the buffer from
/// `starting_position` with the bytes at `data_offset`; answers 0.
///
/// # Gas
/// `MBufferSetBytes` (the production VM's key for this hook), then `DataCopyPerByte` per
/// byte read.
///
/// # Errors
/// Execution failed for a read outside memory (a negative length included), a missing
/// buffer; a range outside the buffer answers 1 without stopping.
pub(crate) fn mbuffer_set_byte_slice(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    m_buffer_handle: i32,
    starting_position: i32,
    data_length: MemLength,
    data_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    let gas = ctx.schedule.managed_buffer_api_cost.m_buffer_set_bytes;
    ctx.use_gas(instance, gas)?;
    let data = instance.memory_load(data_offset, data_length)?;
    charge_data_copy(ctx, instance, data.len())?;
    let len = ctx.managed().buffer(m_buffer_handle)?.len();
    let Some(range) = range_within(len, starting_position, data.len()) else {
        return Ok(1);
    };
    if let Some(buffer) = ctx.managed().buffers.get_mut(m_buffer_handle) {
        buffer[range].copy_from_slice(&data);
    }
    Ok(0)
}

/// `mBufferAppend`: appends the data buffer to the accumulator; answers 0.
///
/// # Gas
/// `MBufferAppend`, then `DataCopyPerByte` per byte appended.
///
/// # Errors
/// Execution failed for a missing data buffer, then a missing accumulator (which is not
/// created).
pub(crate) fn mbuffer_append(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    accumulator_handle: i32,
    data_handle: i32,
) -> Result<i32, EarlyExit> {
    let gas = ctx.schedule.managed_buffer_api_cost.m_buffer_append;
    ctx.use_gas(instance, gas)?;
    let len = ctx.managed().buffer(data_handle)?.len();
    charge_data_copy(ctx, instance, len)?;
    ctx.managed()
        .append_buffer_from(accumulator_handle, data_handle)?;
    Ok(0)
}

/// `mBufferAppendBytes`: appends the bytes at `data_offset` to the accumulator; answers 0.
///
/// # Gas
/// `MBufferAppendBytes`, then `DataCopyPerByte` per byte appended.
///
/// # Errors
/// Execution failed for a read outside memory or a missing accumulator.
pub(crate) fn mbuffer_append_bytes(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    accumulator_handle: i32,
    data_offset: MemPtr,
    data_length: MemLength,
) -> Result<i32, EarlyExit> {
    let gas = ctx.schedule.managed_buffer_api_cost.m_buffer_append_bytes;
    ctx.use_gas(instance, gas)?;
    let data = instance.memory_load(data_offset, data_length)?;
    ctx.managed().append_buffer(accumulator_handle, &data)?;
    charge_data_copy(ctx, instance, data.len())?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_ranges_stay_inside_the_buffer() {
        assert_eq!(slice_range(5, 0, 5), Some(0..5));
        assert_eq!(slice_range(5, 5, 0), Some(5..5));
        assert_eq!(slice_range(5, 2, 2), Some(2..4));
        for (start, len) in [
            (0, 6),
            (6, 0),
            (-1, 1),
            (1, -1),
            (i32::MAX, 1),
            (3, i32::MAX),
        ] {
            assert_eq!(slice_range(5, start, len), None, "{start} {len}");
        }
    }
}

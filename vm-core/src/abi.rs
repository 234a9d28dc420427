//! The thin ABI layer the hooks share: memory ranges to bytes and back, gas charges, and the
//! argument lists contracts pass in memory or in managed buffers.
//!
//! Gas follows the production VM's metering: a bounded charge fails with "not enough gas" when
//! fewer points are left (`UseGasBounded`); an unbounded charge records the points and lets
//! the next metering check, or the end of the call, stop the contract (`UseGas`).

use blockchain_hooks::Address;
use executor_api::{EarlyExit, InstanceAccess, MemLength, MemPtr};

use crate::Context;
use crate::errors::{self, failed};

/// The length of an address, a hash and a topic of `writeLog`.
pub(crate) const ADDRESS_LEN: usize = 32;

/// The length the EGLD call value is padded to.
pub(crate) const BALANCE_LEN: usize = 32;

/// The most arguments a contract may pass in memory (one page of 4-byte lengths × 1000).
const MAX_NUM_ARGUMENTS_FROM_MEMORY: i32 = 16_000_000;

/// Charges `amount` points, failing with out of gas when fewer are left.
///
/// # Errors
/// Out of gas.
pub(crate) fn charge(instance: &mut dyn InstanceAccess, amount: u64) -> Result<(), EarlyExit> {
    instance.use_gas(amount)
}

/// Records `amount` points without checking the limit; the contract stops at the next
/// metering check, or the call fails at its end, if the limit is passed.
pub(crate) fn charge_unbounded(instance: &mut dyn InstanceAccess, amount: u64) {
    let used = instance
        .gas_used()
        .saturating_add(amount)
        .min(i64::MAX.unsigned_abs());
    instance.set_gas_used(used);
}

/// `cost × count`, saturating (the production VM's `math.MulUint64`).
pub(crate) fn times(cost: u64, count: usize) -> u64 {
    cost.saturating_mul(u64::try_from(count).unwrap_or(u64::MAX))
}

/// `cost × length` for a length the contract gave: a negative one converts as Go's
/// `uint64(int32)` does, to a huge count, so the charge runs out of gas.
pub(crate) fn times_len(cost: u64, length: MemLength) -> u64 {
    let count = u64::try_from(length).unwrap_or(u64::MAX);
    cost.saturating_mul(count)
}

/// Charges `DataCopyPerByte` for each of `len` bytes (`ConsumeGasForBytes`).
///
/// # Errors
/// Out of gas.
pub(crate) fn charge_copy(
    ctx: &Context<'_>,
    instance: &mut dyn InstanceAccess,
    len: usize,
) -> Result<(), EarlyExit> {
    charge(
        instance,
        times(ctx.schedule.base_operation_cost.data_copy_per_byte, len),
    )
}

/// The `length` bytes at `offset`.
///
/// # Errors
/// Execution failed, "mem load: bad bounds", outside the memory.
pub(crate) fn load(
    instance: &dyn InstanceAccess,
    offset: MemPtr,
    length: MemLength,
) -> Result<Vec<u8>, EarlyExit> {
    instance.memory_load(offset, length)
}

/// The 32-byte address at `offset`.
///
/// # Errors
/// As [`load`].
pub(crate) fn load_address(
    instance: &dyn InstanceAccess,
    offset: MemPtr,
) -> Result<Address, EarlyExit> {
    let bytes = instance.memory_load(offset, address_len())?;
    Address::from_slice(&bytes).ok_or_else(|| failed(executor_api::messages::MEM_LOAD_BAD_BOUNDS))
}

/// Writes `data` at `offset` (nothing for empty data).
///
/// # Errors
/// Execution failed, "mem store: bad bounds", outside the memory.
pub(crate) fn store(
    instance: &mut dyn InstanceAccess,
    offset: MemPtr,
    data: &[u8],
) -> Result<(), EarlyExit> {
    instance.memory_store(offset, data)
}

/// A length as the `i32` a hook returns (saturating).
pub(crate) fn len_i32(len: usize) -> i32 {
    i32::try_from(len).unwrap_or(i32::MAX)
}

fn address_len() -> MemLength {
    MemLength::try_from(ADDRESS_LEN).unwrap_or(MemLength::MAX)
}

/// Arguments a contract passes in memory: `count` little-endian `i32` lengths at `lengths`,
/// the bytes back to back at `data` (`getArgumentsFromMemory`). Returns them and their total
/// length.
///
/// # Gas
/// `DataCopyPerByte × count`, then `DataCopyPerByte × (total − count)` (saturating at 0).
///
/// # Errors
/// Execution failed for a negative or huge `count` or a bad range; out of gas.
pub(crate) fn load_arguments(
    ctx: &Context<'_>,
    instance: &mut dyn InstanceAccess,
    count: i32,
    lengths: MemPtr,
    data: MemPtr,
) -> Result<(Vec<Vec<u8>>, u64), EarlyExit> {
    if !(0..=MAX_NUM_ARGUMENTS_FROM_MEMORY).contains(&count) {
        return Err(failed(errors::negative_num_arguments(count)));
    }
    let count_usize = usize::try_from(count).unwrap_or(0);
    let per_byte = ctx.schedule.base_operation_cost.data_copy_per_byte;
    charge(instance, times(per_byte, count_usize))?;
    let lengths_len = MemLength::try_from(count_usize.saturating_mul(4)).unwrap_or(MemLength::MAX);
    let raw = load(instance, lengths, lengths_len)?;
    let mut arguments = Vec::with_capacity(count_usize);
    let mut offset = data;
    let mut total: u64 = 0;
    for chunk in raw.chunks_exact(4) {
        let length = i32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        let length = MemLength::try_from(length).unwrap_or(MemLength::MIN);
        arguments.push(load(instance, offset, length)?);
        offset = offset.wrapping_add(length);
        total = total.saturating_add(u64::try_from(length).unwrap_or(0));
    }
    let rest = total.saturating_sub(u64::try_from(count).unwrap_or(0));
    charge(instance, per_byte.saturating_mul(rest))?;
    Ok((arguments, total))
}

/// The buffers a managed buffer of 4-byte big-endian handles refers to, and their total
/// length (`ReadManagedVecOfManagedBuffers`).
///
/// # Gas
/// `DataCopyPerByte` for the handle bytes and for each item.
///
/// # Errors
/// Execution failed for a missing buffer or a length not a multiple of 4; out of gas.
pub(crate) fn read_managed_vec(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    handle: i32,
) -> Result<(Vec<Vec<u8>>, u64), EarlyExit> {
    let handles = buffer(ctx, handle)?;
    charge_copy(ctx, instance, handles.len())?;
    if handles.len() % 4 != 0 {
        return Err(failed(errors::INVALID_MANAGED_VEC));
    }
    let mut items = Vec::with_capacity(handles.len() / 4);
    let mut total: u64 = 0;
    for chunk in handles.chunks_exact(4) {
        let item_handle = i32::from_be_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        let item = buffer(ctx, item_handle)?;
        charge_copy(ctx, instance, item.len())?;
        total = total.saturating_add(u64::try_from(item.len()).unwrap_or(u64::MAX));
        items.push(item);
    }
    Ok((items, total))
}

/// Stores `items` in new managed buffers and their handles, 4 bytes big-endian each, in the
/// buffer under `destination` (`WriteManagedVecOfManagedBuffers`).
///
/// # Gas
/// `DataCopyPerByte` for the items' bytes.
///
/// # Errors
/// Out of gas.
pub(crate) fn write_managed_vec(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    items: &[Vec<u8>],
    destination: i32,
) -> Result<(), EarlyExit> {
    let mut handles = Vec::with_capacity(items.len() * 4);
    let mut total = 0usize;
    for item in items {
        total = total.saturating_add(item.len());
        let handle = ctx.managed().buffers.insert_new(item.clone());
        handles.extend_from_slice(&handle.to_be_bytes());
    }
    ctx.managed().buffers.set(destination, handles);
    charge_copy(ctx, instance, total)
}

/// A copy of the managed buffer under `handle`.
///
/// # Errors
/// Execution failed, "no managed buffer under the given handle".
pub(crate) fn buffer(ctx: &mut Context<'_>, handle: i32) -> Result<Vec<u8>, EarlyExit> {
    ctx.managed()
        .buffers
        .get(handle)
        .cloned()
        .ok_or_else(|| failed(errors::NO_MANAGED_BUFFER_UNDER_HANDLE))
}

/// Sets (or creates) the managed buffer under `handle`.
pub(crate) fn set_buffer(ctx: &mut Context<'_>, handle: i32, bytes: Vec<u8>) {
    ctx.managed().buffers.set(handle, bytes);
}

/// Sets (or creates) the big integer under `handle`.
pub(crate) fn set_big_int(ctx: &mut Context<'_>, handle: i32, value: num_bigint::BigInt) {
    ctx.managed().big_ints.set(handle, value);
}

/// A copy of the big integer under `handle`.
///
/// # Errors
/// Execution failed, "no bigInt under the given handle".
pub(crate) fn big_int(ctx: &mut Context<'_>, handle: i32) -> Result<num_bigint::BigInt, EarlyExit> {
    ctx.managed()
        .big_ints
        .get(handle)
        .cloned()
        .ok_or_else(|| failed(errors::NO_BIG_INT_UNDER_HANDLE))
}

/// The big integer under `handle`, created as 0 when missing (`GetBigIntOrCreate`).
pub(crate) fn big_int_or_create(ctx: &mut Context<'_>, handle: i32) -> num_bigint::BigInt {
    let table = &mut ctx.managed().big_ints;
    if let Some(value) = table.get(handle) {
        return value.clone();
    }
    table.set(handle, num_bigint::BigInt::default());
    num_bigint::BigInt::default()
}

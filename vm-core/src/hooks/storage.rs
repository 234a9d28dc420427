//! Storage reads and writes of the running contract, and reads of other accounts' storage.
//!
//! The meaning (overlay, gas per byte, reserved keys) is in [`crate::storage`]; these are the
//! ABI wrappers, in the production VM's order of memory reads and charges. Writes return the
//! storage status (0 unchanged, 1 modified, 2 added, 3 deleted).

use super::prelude::*;
use crate::abi::{
    big_int_or_create, buffer, charge, charge_unbounded, len_i32, load, load_address, set_big_int,
    set_buffer, store,
};
use crate::convert;
use crate::errors::{self, failed};
use crate::storage::{self, StorageStatus};

/// The storage key of a time lock: the VM's protected prefix, `TIMELOCK`, the user's key.
fn time_lock_key(key: &[u8]) -> Vec<u8> {
    let mut lock = errors::VM_STORAGE_PREFIX.to_vec();
    lock.extend_from_slice(b"TIMELOCK");
    lock.extend_from_slice(key);
    lock
}

fn status(result: StorageStatus) -> i32 {
    result as i32
}

/// `storageStore`: writes the `data_length` bytes at `data_offset` under the key at
/// `key_offset`.
///
/// # Gas
/// `StorageStore`, then the per-byte costs of [`storage::set`].
pub(crate) fn storage_store(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_offset: MemPtr,
    key_length: MemLength,
    data_offset: MemPtr,
    data_length: MemLength,
) -> Result<i32, EarlyExit> {
    let key = load(instance, key_offset, key_length)?;
    let data = load(instance, data_offset, data_length)?;
    charge(instance, ctx.schedule.base_ops_api_cost.storage_store)?;
    storage::set(ctx, instance, &key, &data, false).map(status)
}

/// `storageLoadLength`: the length of the value, without per-byte costs.
pub(crate) fn storage_load_length(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_offset: MemPtr,
    key_length: MemLength,
) -> Result<i32, EarlyExit> {
    let key = load(instance, key_offset, key_length)?;
    let contract = ctx.contract();
    let loaded = storage::load_unmetered(ctx, contract, &key);
    let cost = ctx.schedule.base_ops_api_cost.storage_load;
    storage::charge_load(ctx, instance, &loaded, cost)?;
    Ok(len_i32(loaded.value.len()))
}

/// `storageLoadFromAddress`: a value of another account (empty for a missing account or an
/// unreadable contract).
pub(crate) fn storage_load_from_address(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    address_offset: MemPtr,
    key_offset: MemPtr,
    key_length: MemLength,
    data_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    let key = load(instance, key_offset, key_length)?;
    let address = load_address(instance, address_offset)?;
    let loaded = storage::get_from_address(ctx, instance, address.as_bytes(), &key)?;
    let cost = ctx.schedule.base_ops_api_cost.storage_load;
    storage::charge_load(ctx, instance, &loaded, cost)?;
    store(instance, data_offset, &loaded.value)?;
    Ok(len_i32(loaded.value.len()))
}

/// `storageLoad`: copies the value to `data_offset`, returns its length.
pub(crate) fn storage_load(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_offset: MemPtr,
    key_length: MemLength,
    data_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    let key = load(instance, key_offset, key_length)?;
    let loaded = storage::get(ctx, instance, &key)?;
    let cost = ctx.schedule.base_ops_api_cost.storage_load;
    storage::charge_load(ctx, instance, &loaded, cost)?;
    store(instance, data_offset, &loaded.value)?;
    Ok(len_i32(loaded.value.len()))
}

/// `setStorageLock`: stores `lock_timestamp` (its magnitude, big-endian) under the VM's
/// protected time-lock key.
pub(crate) fn set_storage_lock(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_offset: MemPtr,
    key_length: MemLength,
    lock_timestamp: i64,
) -> Result<i32, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.int64_storage_store)?;
    let key = load(instance, key_offset, key_length)?;
    let value = convert::u64_bytes(lock_timestamp.unsigned_abs());
    storage::set(ctx, instance, &time_lock_key(&key), &value, true).map(status)
}

/// `getStorageLock`: the time lock of a key (0 if none).
///
/// # Gas
/// `StorageLoad`, then the read and load costs again, as the production VM charges them.
pub(crate) fn get_storage_lock(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_offset: MemPtr,
    key_length: MemLength,
) -> Result<i64, EarlyExit> {
    let cost = ctx.schedule.base_ops_api_cost.storage_load;
    charge(instance, cost)?;
    let key = load(instance, key_offset, key_length)?;
    let loaded = storage::get(ctx, instance, &time_lock_key(&key))?;
    storage::charge_load(ctx, instance, &loaded, cost)?;
    Ok(low_i64(&loaded.value))
}

/// The low 64 bits of a big-endian unsigned value, as Go's `big.Int.Int64` gives them.
fn low_i64(bytes: &[u8]) -> i64 {
    let mut low = [0u8; 8];
    let tail = &bytes[bytes.len().saturating_sub(8)..];
    low[8 - tail.len()..].copy_from_slice(tail);
    i64::from_be_bytes(low)
}

/// `isStorageLocked`: 1 if the key's time lock is after the block's timestamp, 0 if not, -1
/// for a lock that reads as negative.
pub(crate) fn is_storage_locked(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_offset: MemPtr,
    key_length: MemLength,
) -> Result<i32, EarlyExit> {
    let lock = get_storage_lock(ctx, instance, key_offset, key_length)?;
    if lock < 0 {
        return Ok(-1);
    }
    let now = super::get_block_timestamp(ctx, instance)?;
    Ok(i32::from(lock > now))
}

/// `clearStorageLock`: `setStorageLock` with 0.
pub(crate) fn clear_storage_lock(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_offset: MemPtr,
    key_length: MemLength,
) -> Result<i32, EarlyExit> {
    set_storage_lock(ctx, instance, key_offset, key_length, 0)
}

/// `bigIntStorageStoreUnsigned`: the magnitude of the big integer (created as 0 if missing).
pub(crate) fn big_int_storage_store_unsigned(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_offset: MemPtr,
    key_length: MemLength,
    source_handle: i32,
) -> Result<i32, EarlyExit> {
    charge(
        instance,
        ctx.schedule.big_int_api_cost.big_int_storage_store_unsigned,
    )?;
    let key = load(instance, key_offset, key_length)?;
    let value = crate::managed::big_int_to_unsigned_bytes(&big_int_or_create(ctx, source_handle));
    storage::set(ctx, instance, &key, &value, false).map(status)
}

/// `bigIntStorageLoadUnsigned`: the value as an unsigned big integer; returns its length.
pub(crate) fn big_int_storage_load_unsigned(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_offset: MemPtr,
    key_length: MemLength,
    destination_handle: i32,
) -> Result<i32, EarlyExit> {
    let key = load(instance, key_offset, key_length)?;
    let loaded = storage::get(ctx, instance, &key)?;
    let cost = ctx.schedule.big_int_api_cost.big_int_storage_load_unsigned;
    storage::charge_load(ctx, instance, &loaded, cost)?;
    set_big_int(
        ctx,
        destination_handle,
        crate::managed::big_int_from_unsigned_bytes(&loaded.value),
    );
    Ok(len_i32(loaded.value.len()))
}

/// `mBufferStorageStore`.
pub(crate) fn mbuffer_storage_store(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_handle: i32,
    source_handle: i32,
) -> Result<i32, EarlyExit> {
    charge(
        instance,
        ctx.schedule.managed_buffer_api_cost.m_buffer_storage_store,
    )?;
    let key = buffer(ctx, key_handle)?;
    let value = buffer(ctx, source_handle)?;
    storage::set(ctx, instance, &key, &value, false)?;
    Ok(0)
}

/// `mBufferStorageLoad`.
pub(crate) fn mbuffer_storage_load(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_handle: i32,
    destination_handle: i32,
) -> Result<i32, EarlyExit> {
    let key = buffer(ctx, key_handle)?;
    let loaded = storage::get(ctx, instance, &key)?;
    let cost = ctx.schedule.managed_buffer_api_cost.m_buffer_storage_load;
    storage::charge_load(ctx, instance, &loaded, cost)?;
    set_buffer(ctx, destination_handle, loaded.value);
    Ok(0)
}

/// `mBufferStorageLoadFromAddress`: charged as `storageLoadFromAddress` (`StorageLoad`).
pub(crate) fn mbuffer_storage_load_from_address(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    address_handle: i32,
    key_handle: i32,
    destination_handle: i32,
) -> Result<(), EarlyExit> {
    let key = buffer(ctx, key_handle)?;
    let address = buffer(ctx, address_handle).map_err(|_| failed(errors::ARG_OUT_OF_RANGE))?;
    let loaded = storage::get_from_address(ctx, instance, &address, &key)?;
    let cost = ctx.schedule.base_ops_api_cost.storage_load;
    storage::charge_load(ctx, instance, &loaded, cost)?;
    set_buffer(ctx, destination_handle, loaded.value);
    Ok(())
}

/// Stores a small int (`Int64StorageStore`, charged without a bound).
fn small_int_store(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_offset: MemPtr,
    key_length: MemLength,
    value: Vec<u8>,
) -> Result<i32, EarlyExit> {
    charge_unbounded(instance, ctx.schedule.base_ops_api_cost.int64_storage_store);
    let key = load(instance, key_offset, key_length)?;
    storage::set(ctx, instance, &key, &value, false).map(status)
}

/// `smallIntStorageStoreUnsigned`: minimal big-endian.
pub(crate) fn small_int_storage_store_unsigned(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_offset: MemPtr,
    key_length: MemLength,
    value: i64,
) -> Result<i32, EarlyExit> {
    let bytes = convert::u64_bytes(value as u64);
    small_int_store(ctx, instance, key_offset, key_length, bytes)
}

/// `smallIntStorageStoreSigned`: minimal two's complement.
pub(crate) fn small_int_storage_store_signed(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_offset: MemPtr,
    key_length: MemLength,
    value: i64,
) -> Result<i32, EarlyExit> {
    let bytes = convert::i64_signed_bytes(value);
    small_int_store(ctx, instance, key_offset, key_length, bytes)
}

/// Loads a small-int value's bytes (`Int64StorageLoad`).
fn small_int_load(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_offset: MemPtr,
    key_length: MemLength,
) -> Result<Vec<u8>, EarlyExit> {
    let key = load(instance, key_offset, key_length)?;
    let loaded = storage::get(ctx, instance, &key)?;
    let cost = ctx.schedule.base_ops_api_cost.int64_storage_load;
    storage::charge_load(ctx, instance, &loaded, cost)?;
    Ok(loaded.value)
}

/// `smallIntStorageLoadUnsigned`: fails with "storage value out of range" above `u64::MAX`.
pub(crate) fn small_int_storage_load_unsigned(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_offset: MemPtr,
    key_length: MemLength,
) -> Result<i64, EarlyExit> {
    let bytes = small_int_load(ctx, instance, key_offset, key_length)?;
    u64::try_from(&crate::managed::big_int_from_unsigned_bytes(&bytes))
        .map(|v| v as i64)
        .map_err(|_| failed(errors::STORAGE_VALUE_OUT_OF_RANGE))
}

/// `smallIntStorageLoadSigned`: fails with "storage value out of range" outside `i64`.
pub(crate) fn small_int_storage_load_signed(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_offset: MemPtr,
    key_length: MemLength,
) -> Result<i64, EarlyExit> {
    let bytes = small_int_load(ctx, instance, key_offset, key_length)?;
    i64::try_from(&crate::managed::big_int_from_signed_bytes(&bytes))
        .map_err(|_| failed(errors::STORAGE_VALUE_OUT_OF_RANGE))
}

/// `int64storageStore`: `smallIntStorageStoreUnsigned`.
pub(crate) fn int64storage_store(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_offset: MemPtr,
    key_length: MemLength,
    value: i64,
) -> Result<i32, EarlyExit> {
    small_int_storage_store_unsigned(ctx, instance, key_offset, key_length, value)
}

/// `int64storageLoad`: `smallIntStorageLoadUnsigned`.
pub(crate) fn int64storage_load(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_offset: MemPtr,
    key_length: MemLength,
) -> Result<i64, EarlyExit> {
    small_int_storage_load_unsigned(ctx, instance, key_offset, key_length)
}

refused! {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn low_i64_takes_the_last_eight_bytes() {
        assert_eq!(low_i64(&[]), 0);
        assert_eq!(low_i64(&[1, 0]), 256);
        assert_eq!(low_i64(&[9, 0, 0, 0, 0, 0, 0, 0, 1]), 1);
        assert_eq!(low_i64(&[0xff; 8]), -1);
    }
}

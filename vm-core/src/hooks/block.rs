//! Current and previous block information and random seeds.
//!
//! Random seeds are 48 bytes on chain; a chain answering a shorter one has it left-padded with
//! zeros, as the `BlockchainHooks` contract says readers do.

use blockchain_hooks::BlockInfo;

use super::prelude::*;
use crate::abi::{charge, set_buffer, store};
use crate::convert;

fn current(ctx: &Context<'_>) -> BlockInfo {
    ctx.chain.current_block()
}

fn previous(ctx: &Context<'_>) -> BlockInfo {
    ctx.chain.previous_block()
}

fn as_i64(value: u64) -> i64 {
    value as i64
}

/// `getBlockHash`: the hash of the block with `nonce` at `result_offset` (nothing if the
/// chain does not know it); returns 0.
pub(crate) fn get_block_hash(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    nonce: i64,
    result_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_block_hash)?;
    let hash = ctx.chain.block_hash(nonce as u64).unwrap_or_default();
    store(instance, result_offset, &hash)?;
    Ok(0)
}

/// `getBlockTimestamp`, in seconds.
pub(crate) fn get_block_timestamp(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
) -> Result<i64, EarlyExit> {
    charge(
        instance,
        ctx.schedule.base_ops_api_cost.get_block_time_stamp,
    )?;
    Ok(as_i64(current(ctx).timestamp))
}

/// `getBlockTimestampMs`.
pub(crate) fn get_block_timestamp_ms(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
) -> Result<i64, EarlyExit> {
    charge(
        instance,
        ctx.schedule.base_ops_api_cost.get_block_time_stamp,
    )?;
    Ok(as_i64(current(ctx).timestamp_ms))
}

/// `getBlockNonce`.
pub(crate) fn get_block_nonce(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
) -> Result<i64, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_block_nonce)?;
    Ok(as_i64(current(ctx).nonce))
}

/// `getBlockRound`.
pub(crate) fn get_block_round(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
) -> Result<i64, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_block_round)?;
    Ok(as_i64(current(ctx).round))
}

/// `getBlockEpoch`.
pub(crate) fn get_block_epoch(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
) -> Result<i64, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_block_epoch)?;
    Ok(i64::from(current(ctx).epoch))
}

/// `getBlockRandomSeed`: 48 bytes at `pointer`.
pub(crate) fn get_block_random_seed(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    pointer: MemPtr,
) -> Result<(), EarlyExit> {
    charge(
        instance,
        ctx.schedule.base_ops_api_cost.get_block_random_seed,
    )?;
    store(instance, pointer, &convert::random_seed(current(ctx)))
}

/// `getStateRootHash`.
pub(crate) fn get_state_root_hash(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    pointer: MemPtr,
) -> Result<(), EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_state_root_hash)?;
    store(instance, pointer, &ctx.chain.state_root_hash())
}

/// `getPrevBlockTimestamp`.
pub(crate) fn get_prev_block_timestamp(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
) -> Result<i64, EarlyExit> {
    charge(
        instance,
        ctx.schedule.base_ops_api_cost.get_block_time_stamp,
    )?;
    Ok(as_i64(previous(ctx).timestamp))
}

/// `getPrevBlockTimestampMs`.
pub(crate) fn get_prev_block_timestamp_ms(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
) -> Result<i64, EarlyExit> {
    charge(
        instance,
        ctx.schedule.base_ops_api_cost.get_block_time_stamp,
    )?;
    Ok(as_i64(previous(ctx).timestamp_ms))
}

/// `getPrevBlockNonce`.
pub(crate) fn get_prev_block_nonce(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
) -> Result<i64, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_block_nonce)?;
    Ok(as_i64(previous(ctx).nonce))
}

/// `getPrevBlockRound`.
pub(crate) fn get_prev_block_round(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
) -> Result<i64, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_block_round)?;
    Ok(as_i64(previous(ctx).round))
}

/// `getPrevBlockEpoch`.
pub(crate) fn get_prev_block_epoch(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
) -> Result<i64, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_block_epoch)?;
    Ok(i64::from(previous(ctx).epoch))
}

/// `getPrevBlockRandomSeed`: 48 bytes at `pointer`.
pub(crate) fn get_prev_block_random_seed(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    pointer: MemPtr,
) -> Result<(), EarlyExit> {
    charge(
        instance,
        ctx.schedule.base_ops_api_cost.get_block_random_seed,
    )?;
    store(instance, pointer, &convert::random_seed(previous(ctx)))
}

/// `managedGetStateRootHash`.
pub(crate) fn managed_get_state_root_hash(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    result_handle: i32,
) -> Result<(), EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_state_root_hash)?;
    let hash = ctx.chain.state_root_hash();
    set_buffer(ctx, result_handle, hash);
    Ok(())
}

/// `managedGetBlockRandomSeed`.
pub(crate) fn managed_get_block_random_seed(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    result_handle: i32,
) -> Result<(), EarlyExit> {
    charge(
        instance,
        ctx.schedule.base_ops_api_cost.get_block_random_seed,
    )?;
    let seed = convert::random_seed(current(ctx));
    set_buffer(ctx, result_handle, seed);
    Ok(())
}

/// `managedGetPrevBlockRandomSeed`.
pub(crate) fn managed_get_prev_block_random_seed(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    result_handle: i32,
) -> Result<(), EarlyExit> {
    charge(
        instance,
        ctx.schedule.base_ops_api_cost.get_block_random_seed,
    )?;
    let seed = convert::random_seed(previous(ctx));
    set_buffer(ctx, result_handle, seed);
    Ok(())
}

// The round time and the epoch-start block are not in `BlockchainHooks`: these hooks wait
// for the chain interface to carry them.
/// `getBlockRoundTimeMs`: the round duration, in milliseconds.
pub(crate) fn get_block_round_time_ms(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
) -> Result<i64, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_round_time)?;
    Ok(as_i64(ctx.chain.round_time_ms()))
}

/// `epochStartBlockTimestampMs`: the timestamp of the epoch's first block, in milliseconds.
pub(crate) fn epoch_start_block_timestamp_ms(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
) -> Result<i64, EarlyExit> {
    let cost = ctx.schedule.base_ops_api_cost.epoch_start_block_time_stamp;
    charge(instance, cost)?;
    Ok(as_i64(ctx.chain.epoch_start_block().timestamp_ms))
}

/// `epochStartBlockNonce`: the nonce of the epoch's first block.
pub(crate) fn epoch_start_block_nonce(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
) -> Result<i64, EarlyExit> {
    charge(
        instance,
        ctx.schedule.base_ops_api_cost.epoch_start_block_nonce,
    )?;
    Ok(as_i64(ctx.chain.epoch_start_block().nonce))
}

/// `epochStartBlockRound`: the round of the epoch's first block.
pub(crate) fn epoch_start_block_round(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
) -> Result<i64, EarlyExit> {
    charge(
        instance,
        ctx.schedule.base_ops_api_cost.epoch_start_block_round,
    )?;
    Ok(as_i64(ctx.chain.epoch_start_block().round))
}

refused! {}

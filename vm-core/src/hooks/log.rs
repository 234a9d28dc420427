//! Events: `writeLog`, `writeEventLog`, `managedWriteLog`.
//!
//! An event carries the running contract's address and, as identifier, the running function's
//! name; its data is one field. In read-only mode events are dropped.

use super::prelude::*;
use crate::abi::{
    ADDRESS_LEN, buffer, charge, charge_copy, load, load_arguments, read_managed_vec, times,
    times_len,
};
use crate::errors::failed;

/// `writeLog` (deprecated): `num_topics` topics of 32 bytes at `topic_ptr`, and data.
///
/// # Gas
/// `Log + PersistPerByte × (32 × topics + data length)`, in one charge.
///
/// # Errors
/// Execution failed, "negative length", for a negative count or length.
pub(crate) fn write_log(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    data_pointer: MemPtr,
    data_length: MemLength,
    topic_ptr: MemPtr,
    num_topics: i32,
) -> Result<(), EarlyExit> {
    if num_topics < 0 || data_length < 0 {
        return Err(failed(executor_api::messages::NEGATIVE_LENGTH));
    }
    let topics_count = usize::try_from(num_topics).unwrap_or(0);
    let bytes = times(ADDRESS_LEN as u64, topics_count)
        .saturating_add(u64::try_from(data_length).unwrap_or(0));
    let costs = ctx.schedule;
    let gas = costs.base_ops_api_cost.log.saturating_add(
        costs
            .base_operation_cost
            .persist_per_byte
            .saturating_mul(bytes),
    );
    charge(instance, gas)?;
    let data = load(instance, data_pointer, data_length)?;
    // No room reserved for `topics_count`: each topic is read (and bounds-checked) first.
    let mut topics = Vec::new();
    let topic_len = MemLength::try_from(ADDRESS_LEN).unwrap_or(MemLength::MAX);
    for i in 0..topics_count {
        let offset = topic_ptr.wrapping_add(topic_len.wrapping_mul(i as MemLength));
        topics.push(load(instance, offset, topic_len)?);
    }
    ctx.write_log(topics, vec![data]);
    Ok(())
}

/// `writeEventLog`: topics passed as an argument list in memory, and data.
///
/// # Gas
/// The argument list's copy cost, then `Log + DataCopyPerByte × data length`.
pub(crate) fn write_event_log(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    num_topics: i32,
    topic_lengths_offset: MemPtr,
    topic_offset: MemPtr,
    data_offset: MemPtr,
    data_length: MemLength,
) -> Result<(), EarlyExit> {
    let (topics, _) = load_arguments(
        ctx,
        instance,
        num_topics,
        topic_lengths_offset,
        topic_offset,
    )?;
    let costs = ctx.schedule;
    let gas = costs.base_ops_api_cost.log.saturating_add(times_len(
        costs.base_operation_cost.data_copy_per_byte,
        data_length,
    ));
    charge(instance, gas)?;
    let data = load(instance, data_offset, data_length)?;
    ctx.write_log(topics, vec![data]);
    Ok(())
}

/// `managedWriteLog`: topics as a managed vector of buffers, data as a buffer.
///
/// # Gas
/// The vector's copy cost, `DataCopyPerByte` per data byte, then
/// `Log + DataCopyPerByte × (topic bytes + data bytes)`.
pub(crate) fn managed_write_log(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    topics_handle: i32,
    data_handle: i32,
) -> Result<(), EarlyExit> {
    let (topics, topic_bytes) = read_managed_vec(ctx, instance, topics_handle)?;
    let data = buffer(ctx, data_handle)?;
    charge_copy(ctx, instance, data.len())?;
    let costs = ctx.schedule;
    let bytes = topic_bytes.saturating_add(u64::try_from(data.len()).unwrap_or(u64::MAX));
    let gas = costs.base_ops_api_cost.log.saturating_add(
        costs
            .base_operation_cost
            .data_copy_per_byte
            .saturating_mul(bytes),
    );
    charge(instance, gas)?;
    ctx.write_log(topics, vec![data]);
    Ok(())
}

refused! {}

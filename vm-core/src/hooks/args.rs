//! Arguments, finish and return data, in every variant (raw, int64, small int, big int, managed buffer).
//!
//! Out-of-range indexes fail execution with the production message of each family:
//! "invalid argument" (raw, big int), "argument out of range" (managed buffer, managed return
//! data), "argument index out of range" (small int). The small-int hooks charge without a
//! bound, as the production VM does: the contract stops at the next metering check.

use num_bigint::BigInt;

use super::prelude::*;
use crate::abi::{
    big_int, buffer, charge, charge_unbounded, len_i32, load, set_big_int, set_buffer, store,
    times, times_len,
};
use crate::convert;
use crate::errors::{self, failed};

/// The argument `id` of the running execution, or `error`.
fn argument(ctx: &Context<'_>, id: i32, error: &str) -> Result<Vec<u8>, EarlyExit> {
    usize::try_from(id)
        .ok()
        .and_then(|i| ctx.input().arguments.get(i))
        .cloned()
        .ok_or_else(|| failed(error))
}

/// The return data item `id`, or `error`.
fn return_data(ctx: &Context<'_>, id: i32, error: &str) -> Result<Vec<u8>, EarlyExit> {
    usize::try_from(id)
        .ok()
        .and_then(|i| ctx.output.output().return_data.get(i))
        .cloned()
        .ok_or_else(|| failed(error))
}

/// `getArgumentLength`.
pub(crate) fn get_argument_length(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    id: i32,
) -> Result<i32, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_argument)?;
    Ok(len_i32(argument(ctx, id, errors::INVALID_ARGUMENT)?.len()))
}

/// `getArgument`: copies argument `id` to `arg_offset`, returns its length.
pub(crate) fn get_argument(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    id: i32,
    arg_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_argument)?;
    let arg = argument(ctx, id, errors::INVALID_ARGUMENT)?;
    store(instance, arg_offset, &arg)?;
    Ok(len_i32(arg.len()))
}

/// `getFunction`: the running function's name at `function_offset`, returns its length.
pub(crate) fn get_function(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    function_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_function)?;
    let name = ctx.frame().function.clone();
    store(instance, function_offset, name.as_bytes())?;
    Ok(len_i32(name.len()))
}

/// `getNumArguments`.
pub(crate) fn get_num_arguments(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
) -> Result<i32, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_num_arguments)?;
    Ok(len_i32(ctx.input().arguments.len()))
}

/// `finish`: appends the `length` bytes at `pointer` to the return data.
///
/// # Gas
/// `Finish + PersistPerByte × length`, in one charge.
pub(crate) fn finish(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    pointer: MemPtr,
    length: MemLength,
) -> Result<(), EarlyExit> {
    let costs = ctx.schedule;
    let gas = costs.base_ops_api_cost.finish.saturating_add(times_len(
        costs.base_operation_cost.persist_per_byte,
        length,
    ));
    charge(instance, gas)?;
    let data = load(instance, pointer, length)?;
    ctx.output.finish(data);
    Ok(())
}

/// `getNumReturnData`.
pub(crate) fn get_num_return_data(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
) -> Result<i32, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_num_return_data)?;
    Ok(len_i32(ctx.output.output().return_data.len()))
}

/// `getReturnDataSize`.
pub(crate) fn get_return_data_size(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    result_id: i32,
) -> Result<i32, EarlyExit> {
    charge(
        instance,
        ctx.schedule.base_ops_api_cost.get_return_data_size,
    )?;
    Ok(len_i32(
        return_data(ctx, result_id, errors::INVALID_ARGUMENT)?.len(),
    ))
}

/// `getReturnData`: copies return data item `result_id` to `data_offset`.
pub(crate) fn get_return_data(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    result_id: i32,
    data_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_return_data)?;
    let data = return_data(ctx, result_id, errors::INVALID_ARGUMENT)?;
    store(instance, data_offset, &data)?;
    Ok(len_i32(data.len()))
}

/// `cleanReturnData`.
pub(crate) fn clean_return_data(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
) -> Result<(), EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.clean_return_data)?;
    ctx.output.output_mut().return_data.clear();
    Ok(())
}

/// `deleteFromReturnData`: removes item `result_id`; an index out of range does nothing.
pub(crate) fn delete_from_return_data(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    result_id: i32,
) -> Result<(), EarlyExit> {
    charge(
        instance,
        ctx.schedule.base_ops_api_cost.delete_from_return_data,
    )?;
    let data = &mut ctx.output.output_mut().return_data;
    if let Some(index) = usize::try_from(result_id).ok().filter(|&i| i < data.len()) {
        data.remove(index);
    }
    Ok(())
}

/// `managedGetReturnData`.
pub(crate) fn managed_get_return_data(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    result_id: i32,
    result_handle: i32,
) -> Result<(), EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_return_data)?;
    let data = return_data(ctx, result_id, errors::ARG_OUT_OF_RANGE)?;
    set_buffer(ctx, result_handle, data);
    Ok(())
}

/// `bigIntGetUnsignedArgument`.
pub(crate) fn big_int_get_unsigned_argument(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    id: i32,
    destination_handle: i32,
) -> Result<(), EarlyExit> {
    charge(
        instance,
        ctx.schedule.big_int_api_cost.big_int_get_unsigned_argument,
    )?;
    let arg = argument(ctx, id, errors::INVALID_ARGUMENT)?;
    set_big_int(
        ctx,
        destination_handle,
        crate::managed::big_int_from_unsigned_bytes(&arg),
    );
    Ok(())
}

/// `bigIntGetSignedArgument` (two's complement).
///
/// # Gas
/// `BigIntGetSignedArgument`, then `DataCopyPerByte × length` of the argument.
pub(crate) fn big_int_get_signed_argument(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    id: i32,
    destination_handle: i32,
) -> Result<(), EarlyExit> {
    charge(
        instance,
        ctx.schedule.big_int_api_cost.big_int_get_signed_argument,
    )?;
    let arg = argument(ctx, id, errors::INVALID_ARGUMENT)?;
    charge(
        instance,
        times(
            ctx.schedule.base_operation_cost.data_copy_per_byte,
            arg.len(),
        ),
    )?;
    set_big_int(
        ctx,
        destination_handle,
        crate::managed::big_int_from_signed_bytes(&arg),
    );
    Ok(())
}

/// Appends `bytes` to the return data after charging `base`, then `PersistPerByte` per byte.
fn finish_charged(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    bytes: Vec<u8>,
) -> Result<(), EarlyExit> {
    charge(
        instance,
        times(
            ctx.schedule.base_operation_cost.persist_per_byte,
            bytes.len(),
        ),
    )?;
    ctx.output.finish(bytes);
    Ok(())
}

/// `bigIntFinishUnsigned`: the magnitude, minimal big-endian.
pub(crate) fn big_int_finish_unsigned(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    reference_handle: i32,
) -> Result<(), EarlyExit> {
    charge(
        instance,
        ctx.schedule.big_int_api_cost.big_int_finish_unsigned,
    )?;
    let value = big_int(ctx, reference_handle)?;
    finish_charged(
        ctx,
        instance,
        crate::managed::big_int_to_unsigned_bytes(&value),
    )
}

/// `bigIntFinishSigned`: minimal two's complement.
pub(crate) fn big_int_finish_signed(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    reference_handle: i32,
) -> Result<(), EarlyExit> {
    charge(
        instance,
        ctx.schedule.big_int_api_cost.big_int_finish_signed,
    )?;
    let value = big_int(ctx, reference_handle)?;
    finish_charged(
        ctx,
        instance,
        crate::managed::big_int_to_signed_bytes(&value),
    )
}

/// `mBufferGetArgument`.
pub(crate) fn mbuffer_get_argument(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    id: i32,
    destination_handle: i32,
) -> Result<i32, EarlyExit> {
    charge(
        instance,
        ctx.schedule.managed_buffer_api_cost.m_buffer_get_argument,
    )?;
    let arg = argument(ctx, id, errors::ARG_OUT_OF_RANGE)?;
    set_buffer(ctx, destination_handle, arg);
    Ok(0)
}

/// `mBufferFinish`.
pub(crate) fn mbuffer_finish(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    source_handle: i32,
) -> Result<i32, EarlyExit> {
    charge(
        instance,
        ctx.schedule.managed_buffer_api_cost.m_buffer_finish,
    )?;
    let bytes = buffer(ctx, source_handle)?;
    finish_charged(ctx, instance, bytes)?;
    Ok(0)
}

/// The small-int argument `id` as a big integer, charged without a bound.
fn small_int_argument(
    ctx: &Context<'_>,
    instance: &mut dyn InstanceAccess,
    id: i32,
    signed: bool,
) -> Result<BigInt, EarlyExit> {
    charge_unbounded(instance, ctx.schedule.base_ops_api_cost.int64_get_argument);
    let arg = argument(ctx, id, errors::ARG_INDEX_OUT_OF_RANGE)?;
    Ok(if signed {
        crate::managed::big_int_from_signed_bytes(&arg)
    } else {
        crate::managed::big_int_from_unsigned_bytes(&arg)
    })
}

/// `smallIntGetUnsignedArgument`: fails with "argument out of range" above `u64::MAX`.
pub(crate) fn small_int_get_unsigned_argument(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    id: i32,
) -> Result<i64, EarlyExit> {
    let value = small_int_argument(ctx, instance, id, false)?;
    let value = u64::try_from(&value).map_err(|_| failed(errors::ARG_OUT_OF_RANGE))?;
    Ok(value as i64)
}

/// `smallIntGetSignedArgument`: fails with "argument out of range" outside `i64`.
pub(crate) fn small_int_get_signed_argument(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    id: i32,
) -> Result<i64, EarlyExit> {
    let value = small_int_argument(ctx, instance, id, true)?;
    i64::try_from(&value).map_err(|_| failed(errors::ARG_OUT_OF_RANGE))
}

/// `smallIntFinishUnsigned`: minimal big-endian; `Int64Finish`, no per-byte cost.
pub(crate) fn small_int_finish_unsigned(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    value: i64,
) -> Result<(), EarlyExit> {
    charge_unbounded(instance, ctx.schedule.base_ops_api_cost.int64_finish);
    ctx.output.finish(convert::u64_bytes(value as u64));
    Ok(())
}

/// `smallIntFinishSigned`: minimal two's complement; `Int64Finish`, no per-byte cost.
pub(crate) fn small_int_finish_signed(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    value: i64,
) -> Result<(), EarlyExit> {
    charge_unbounded(instance, ctx.schedule.base_ops_api_cost.int64_finish);
    ctx.output.finish(convert::i64_signed_bytes(value));
    Ok(())
}

/// `int64getArgument`: `smallIntGetSignedArgument`.
pub(crate) fn int64get_argument(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    id: i32,
) -> Result<i64, EarlyExit> {
    small_int_get_signed_argument(ctx, instance, id)
}

/// `int64finish`: `smallIntFinishSigned`.
pub(crate) fn int64finish(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    value: i64,
) -> Result<(), EarlyExit> {
    small_int_finish_signed(ctx, instance, value)
}

refused! {}

//! Asynchronous calls and promises (see `crate::asynchronous`).
//!
//! A legacy `asyncCall` takes all the gas left (less the callback's) and ends the caller; a
//! promise (`createAsyncCall`) runs when the caller's function returns, with its own gas, and
//! its success or error callback after it.

use num_bigint::BigUint;

use super::calls::{managed_address, managed_call_args};
use super::prelude::*;
use crate::abi::{
    ADDRESS_LEN, BALANCE_LEN, big_int, buffer, charge, load, load_address, times_len,
};
use crate::asynchronous::{self, AsyncCall};
use crate::errors::{self, failed};
use crate::nested::call_data;

fn mem_len(len: usize) -> MemLength {
    MemLength::try_from(len).unwrap_or(MemLength::MAX)
}

/// The absolute value of a big integer handle (Go's `big.Int.Bytes`), "argument out of
/// range" for a missing one.
fn managed_abs_value(ctx: &mut Context<'_>, handle: i32) -> Result<BigUint, EarlyExit> {
    big_int(ctx, handle)
        .map(|v| v.magnitude().clone())
        .map_err(|_| failed(errors::ARG_OUT_OF_RANGE))
}

/// `CreateAsyncCallWithTypedArgs`: registers a promise.
fn create(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    mut call: AsyncCall,
) -> Result<i32, EarlyExit> {
    let costs = &ctx.schedule.base_ops_api_cost;
    charge(instance, costs.create_async_call)?;
    let with_callback = !call.success.is_empty() || !call.error.is_empty();
    if with_callback {
        charge(instance, costs.set_async_callback)?;
    }
    for name in [&call.success, &call.error] {
        if !name.is_empty() {
            asynchronous::validate_callback(ctx, name)?;
        }
    }
    if with_callback {
        call.gas_locked = call
            .gas_locked
            .saturating_add(asynchronous::extra_gas_locked(ctx));
    }
    charge(instance, ctx.schedule.base_ops_api_cost.async_call_step)?;
    asynchronous::add(ctx, instance, call)?;
    Ok(0)
}

/// `createAsyncCall`: a promise to call `dest` with `data` (`function@hex…`) and `value`,
/// `gas` for the call and `extra_gas_for_callback` kept for the callback, which is
/// `success` or `error` (empty: none).
///
/// # Gas
/// `CreateAsyncCall`, `SetAsyncCallback` with a callback, `AsyncCallStep`, then the locked
/// gas (with a callback, plus the code's preparation, `AsyncCallStep` and
/// `AsyncCallbackGasLock`) and `gas`.
///
/// # Errors
/// Bad memory ranges; an invalid, builtin or missing callback; out of gas; from `init`; from
/// an asynchronous call.
#[allow(clippy::too_many_arguments)]
pub(crate) fn create_async_call(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest_offset: MemPtr,
    value_offset: MemPtr,
    data_offset: MemPtr,
    data_length: MemLength,
    success_offset: MemPtr,
    success_length: MemLength,
    error_offset: MemPtr,
    error_length: MemLength,
    gas: i64,
    extra_gas_for_callback: i64,
) -> Result<i32, EarlyExit> {
    let dest = load_address(instance, dest_offset)?;
    let value = BigUint::from_bytes_be(&load(instance, value_offset, mem_len(BALANCE_LEN))?);
    let data = load(instance, data_offset, data_length)?;
    let success = load(instance, success_offset, success_length)?;
    let error = load(instance, error_offset, error_length)?;
    let call = AsyncCall {
        dest,
        value,
        data,
        gas_limit: gas as u64,
        gas_locked: extra_gas_for_callback as u64,
        success: String::from_utf8_lossy(&success).into_owned(),
        error: String::from_utf8_lossy(&error).into_owned(),
        closure: Vec::new(),
    };
    create(ctx, instance, call)
}

/// `setAsyncContextCallback`: disabled in the production VM.
///
/// # Gas
/// `SetAsyncContextCallback`.
///
/// # Errors
/// Bad memory ranges; always "context callback disabled".
pub(crate) fn set_async_context_callback(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    callback: MemPtr,
    callback_length: MemLength,
    data: MemPtr,
    data_length: MemLength,
    _gas: i64,
) -> Result<i32, EarlyExit> {
    charge(
        instance,
        ctx.schedule.base_ops_api_cost.set_async_context_callback,
    )?;
    load(instance, callback, callback_length)?;
    load(instance, data, data_length)?;
    Err(failed(asynchronous::CONTEXT_CALLBACK_DISABLED))
}

/// `asyncCall` (legacy): calls `dest` with `data` and `value` with all the gas left but the
/// callback's, and ends the caller; `callBack` runs after, if exported.
///
/// # Gas
/// `AsyncCallStep`, `DataCopyPerByte × length`, `AsyncCallStep`, then all the gas left.
///
/// # Errors
/// Bad memory ranges; after another async call or in a callback; from `init`; out of gas.
pub(crate) fn async_call(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest_offset: MemPtr,
    value_offset: MemPtr,
    data_offset: MemPtr,
    length: MemLength,
) -> Result<(), EarlyExit> {
    let costs = ctx.schedule;
    charge(instance, costs.base_ops_api_cost.async_call_step)?;
    let dest = load_address(instance, dest_offset)?;
    let value = BigUint::from_bytes_be(&load(instance, value_offset, mem_len(BALANCE_LEN))?);
    charge(
        instance,
        times_len(costs.base_operation_cost.data_copy_per_byte, length),
    )?;
    let data = load(instance, data_offset, length)?;
    asynchronous::register_legacy(ctx, instance, dest, data, value)
}

/// `managedAsyncCall` (legacy): as `asyncCall`, with `function@hex(args)…` from managed
/// values.
///
/// # Gas
/// `AsyncCallStep`, the argument vector's copy costs, `DataCopyPerByte` × the data, then as
/// `asyncCall`.
///
/// # Errors
/// As `asyncCall`; missing handles.
pub(crate) fn managed_async_call(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest_handle: i32,
    value_handle: i32,
    function_handle: i32,
    arguments_handle: i32,
) -> Result<(), EarlyExit> {
    let costs = ctx.schedule;
    charge(instance, costs.base_ops_api_cost.async_call_step)?;
    let call = managed_call_args(
        ctx,
        instance,
        dest_handle,
        None,
        Some(function_handle),
        arguments_handle,
    )?;
    let data = call_data(&call.function, &call.args);
    let value = managed_abs_value(ctx, value_handle)?;
    let per_byte = costs.base_operation_cost.data_copy_per_byte;
    charge(instance, crate::abi::times(per_byte, data.len()))?;
    asynchronous::register_legacy(ctx, instance, call.dest, data, value)
}

/// `managedCreateAsyncCall`: as `createAsyncCall`, with `function@hex(args)…` from managed
/// values and a callback closure.
///
/// # Gas
/// The argument vector's copy costs, then as `createAsyncCall`.
///
/// # Errors
/// As `createAsyncCall`; missing handles.
#[allow(clippy::too_many_arguments)]
pub(crate) fn managed_create_async_call(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest_handle: i32,
    value_handle: i32,
    function_handle: i32,
    arguments_handle: i32,
    success_offset: MemPtr,
    success_length: MemLength,
    error_offset: MemPtr,
    error_length: MemLength,
    gas: i64,
    extra_gas_for_callback: i64,
    callback_closure_handle: i32,
) -> Result<i32, EarlyExit> {
    let dest = managed_address(ctx, dest_handle)?;
    let call = managed_call_args(
        ctx,
        instance,
        dest_handle,
        None,
        Some(function_handle),
        arguments_handle,
    )?;
    let value = managed_abs_value(ctx, value_handle)?;
    let success = load(instance, success_offset, success_length)?;
    let error = load(instance, error_offset, error_length)?;
    let closure = buffer(ctx, callback_closure_handle)?;
    let call = AsyncCall {
        dest,
        value,
        data: call_data(&call.function, &call.args),
        gas_limit: gas as u64,
        gas_locked: extra_gas_for_callback as u64,
        success: String::from_utf8_lossy(&success).into_owned(),
        error: String::from_utf8_lossy(&error).into_owned(),
        closure,
    };
    debug_assert_eq!(dest.0.len(), ADDRESS_LEN);
    create(ctx, instance, call)
}

/// `managedGetCallbackClosure`: in a promise's callback, the closure it was created with.
///
/// # Gas
/// `GetCallbackClosure`.
///
/// # Errors
/// Outside a callback ("no callback for closure, cannot call callback directly").
pub(crate) fn managed_get_callback_closure(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    callback_closure_handle: i32,
) -> Result<(), EarlyExit> {
    charge(
        instance,
        ctx.schedule.base_ops_api_cost.get_callback_closure,
    )?;
    let closure = ctx
        .frame()
        .callback_closure
        .clone()
        .ok_or_else(|| failed(asynchronous::NO_CALLBACK_FOR_CLOSURE))?;
    ctx.managed().buffers.set(callback_closure_handle, closure);
    Ok(())
}

refused! {}

//! Synchronous execution on the same, destination or read-only context.
//!
//! The call runs at once on a new instance (see `crate::nested`): the callee gets at most the
//! gas limit asked (bounded by the gas left), all of it is charged to the caller and what the
//! callee leaves is given back. A failed callee undoes its changes and fails the caller with
//! its error text ("error signalled by smartcontract", "not enough gas", …), except for
//! `managedExecuteOnDestContextWithErrorReturn`, which answers 1 instead.

use super::calls::{
    CallArgs, call_input, managed_call_args, memory_call_args, with_new_return_data,
};
use super::prelude::*;
use crate::abi::charge;
use crate::errors::failed;
use crate::nested::{self, ChildMode};

/// The label of the transfer events of a call on the destination's context.
const EXECUTE_ON_DEST_CONTEXT: &str = "ExecuteOnDestContext";

/// `ExecuteOnDestContextWithTypedArgs`: 0 on success; on failure the caller fails, or with
/// `fail_execution == false` the hook answers 1.
fn on_dest(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    gas_limit: i64,
    call: &CallArgs,
    fail_execution: bool,
) -> Result<i32, EarlyExit> {
    charge(
        instance,
        ctx.schedule.base_ops_api_cost.execute_on_dest_context,
    )?;
    let input = call_input(ctx, instance, call, gas_limit, true)?;
    let mode = ChildMode::Dest {
        read_only: false,
        label: Some(EXECUTE_ON_DEST_CONTEXT),
    };
    match nested::execute_on_dest(ctx, instance, input, mode) {
        Ok(_) => Ok(0),
        Err(_) if !fail_execution => Ok(1),
        Err(exit) => Err(exit),
    }
}

/// `ExecuteOnSameContextWithTypedArgs`.
fn on_same(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    gas_limit: i64,
    call: &CallArgs,
) -> Result<i32, EarlyExit> {
    charge(
        instance,
        ctx.schedule.base_ops_api_cost.execute_on_same_context,
    )?;
    let input = call_input(ctx, instance, call, gas_limit, true)?;
    if ctx.chain.is_builtin_function(&input.function) {
        return Err(failed(nested::INVALID_BUILTIN_CALL));
    }
    nested::run_child(ctx, instance, input, ChildMode::Same)?;
    Ok(0)
}

/// `ExecuteReadOnlyWithTypedArguments`.
fn read_only(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    gas_limit: i64,
    call: &CallArgs,
) -> Result<i32, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.execute_read_only)?;
    let input = call_input(ctx, instance, call, gas_limit, true)?;
    if ctx.chain.is_builtin_function(&input.function) {
        return Err(failed(nested::INVALID_BUILTIN_CALL));
    }
    let mode = ChildMode::Dest {
        read_only: true,
        label: None,
    };
    nested::execute_on_dest(ctx, instance, input, mode)?;
    Ok(0)
}

/// `executeOnSameContext`: runs the code of `address` on the caller's own context (its
/// storage and balance), with `value` moved from the caller to itself.
///
/// # Gas
/// `DataCopyPerByte` × argument bytes, `ExecuteOnSameContext`, then the callee's gas (the
/// rest given back).
///
/// # Errors
/// Bad memory ranges; another shard; a builtin function ("invalid built in function call");
/// the callee's error.
#[allow(clippy::too_many_arguments)]
pub(crate) fn execute_on_same_context(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    gas_limit: i64,
    address_offset: MemPtr,
    value_offset: MemPtr,
    function_offset: MemPtr,
    function_length: MemLength,
    num_arguments: i32,
    arguments_length_offset: MemPtr,
    data_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    let call = memory_call_args(
        ctx,
        instance,
        address_offset,
        Some(value_offset),
        function_offset,
        function_length,
        num_arguments,
        arguments_length_offset,
        data_offset,
    )?;
    on_same(ctx, instance, gas_limit, &call)
}

/// `executeOnDestContext`: runs `function` of `address` with `value`.
///
/// # Gas
/// `DataCopyPerByte` × argument bytes, `ExecuteOnDestContext`, then the callee's gas (the
/// rest given back).
///
/// # Errors
/// Bad memory ranges; another shard; the callee's error.
#[allow(clippy::too_many_arguments)]
pub(crate) fn execute_on_dest_context(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    gas_limit: i64,
    address_offset: MemPtr,
    value_offset: MemPtr,
    function_offset: MemPtr,
    function_length: MemLength,
    num_arguments: i32,
    arguments_length_offset: MemPtr,
    data_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    let call = memory_call_args(
        ctx,
        instance,
        address_offset,
        Some(value_offset),
        function_offset,
        function_length,
        num_arguments,
        arguments_length_offset,
        data_offset,
    )?;
    on_dest(ctx, instance, gas_limit, &call, true)
}

/// `executeReadOnly`: runs `function` of `address` in read-only mode (no value).
///
/// # Gas
/// `DataCopyPerByte` × argument bytes, `ExecuteReadOnly`, then the callee's gas.
///
/// # Errors
/// As `executeOnDestContext`; a builtin function; a state change in the callee.
#[allow(clippy::too_many_arguments)]
pub(crate) fn execute_read_only(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    gas_limit: i64,
    address_offset: MemPtr,
    function_offset: MemPtr,
    function_length: MemLength,
    num_arguments: i32,
    arguments_length_offset: MemPtr,
    data_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    let call = memory_call_args(
        ctx,
        instance,
        address_offset,
        None,
        function_offset,
        function_length,
        num_arguments,
        arguments_length_offset,
        data_offset,
    )?;
    read_only(ctx, instance, gas_limit, &call)
}

/// `managedExecuteReadOnly`: as `executeReadOnly`; the callee's return data goes to
/// `result_handle` as a managed vector.
///
/// # Gas
/// The argument vector's copy costs, then as `executeReadOnly`.
///
/// # Errors
/// As `executeReadOnly`; missing handles.
pub(crate) fn managed_execute_read_only(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    gas: i64,
    address_handle: i32,
    function_handle: i32,
    arguments_handle: i32,
    result_handle: i32,
) -> Result<i32, EarlyExit> {
    let call = managed_call_args(
        ctx,
        instance,
        address_handle,
        None,
        Some(function_handle),
        arguments_handle,
    )?;
    with_new_return_data(ctx, instance, result_handle, |ctx, instance| {
        read_only(ctx, instance, gas, &call)
    })
}

/// `managedExecuteOnSameContext`: as `executeOnSameContext`, the new return data to
/// `result_handle`.
///
/// # Gas
/// The argument vector's copy costs, then as `executeOnSameContext`.
///
/// # Errors
/// As `executeOnSameContext`; missing handles.
pub(crate) fn managed_execute_on_same_context(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    gas: i64,
    address_handle: i32,
    value_handle: i32,
    function_handle: i32,
    arguments_handle: i32,
    result_handle: i32,
) -> Result<i32, EarlyExit> {
    let call = managed_call_args(
        ctx,
        instance,
        address_handle,
        Some(value_handle),
        Some(function_handle),
        arguments_handle,
    )?;
    with_new_return_data(ctx, instance, result_handle, |ctx, instance| {
        on_same(ctx, instance, gas, &call)
    })
}

/// `managedExecuteOnDestContext`: as `executeOnDestContext`, the new return data to
/// `result_handle`.
///
/// # Gas
/// The argument vector's copy costs, then as `executeOnDestContext`.
///
/// # Errors
/// As `executeOnDestContext`; missing handles.
pub(crate) fn managed_execute_on_dest_context(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    gas: i64,
    address_handle: i32,
    value_handle: i32,
    function_handle: i32,
    arguments_handle: i32,
    result_handle: i32,
) -> Result<i32, EarlyExit> {
    let call = managed_call_args(
        ctx,
        instance,
        address_handle,
        Some(value_handle),
        Some(function_handle),
        arguments_handle,
    )?;
    with_new_return_data(ctx, instance, result_handle, |ctx, instance| {
        on_dest(ctx, instance, gas, &call, true)
    })
}

/// `managedExecuteOnDestContextWithErrorReturn`: as `managedExecuteOnDestContext`, but a
/// failed callee (its changes undone, its gas lost) answers 1 instead of failing the caller.
///
/// # Gas
/// As `managedExecuteOnDestContext`.
///
/// # Errors
/// Missing handles; another shard; out of gas before the call.
pub(crate) fn managed_execute_on_dest_context_with_error_return(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    gas: i64,
    address_handle: i32,
    value_handle: i32,
    function_handle: i32,
    arguments_handle: i32,
    result_handle: i32,
) -> Result<i32, EarlyExit> {
    let call = managed_call_args(
        ctx,
        instance,
        address_handle,
        Some(value_handle),
        Some(function_handle),
        arguments_handle,
    )?;
    with_new_return_data(ctx, instance, result_handle, |ctx, instance| {
        on_dest(ctx, instance, gas, &call, false)
    })
}

refused! {}

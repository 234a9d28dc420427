//! Upgrading and deleting other contracts: legacy asynchronous calls
//! (`upgradeContract@hex(code)@hex(metadata)@hex(args)…`, `deleteContract@hex(args)…`) that
//! take all the gas left and end the caller.

use blockchain_hooks::Address;
use num_bigint::BigUint;

use super::super::calls::{managed_address, managed_call_args};
use super::super::prelude::*;
use super::{CODE_METADATA_LEN, mem_len, source_code};
use crate::abi::{BALANCE_LEN, buffer, charge, load, load_address, load_arguments, times_len};
use crate::asynchronous;
use crate::nested::call_data;

/// `upgradeContract` / `deleteContract` as a legacy async call (`upgradeContract`,
/// `deleteContract` of `baseOps.go`): too little gas for an async call and its callback
/// is out of gas.
fn legacy(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest: Address,
    data: Vec<u8>,
    value: BigUint,
    gas_limit: i64,
) -> Result<(), EarlyExit> {
    let costs = &ctx.schedule.base_ops_api_cost;
    let minimum = costs
        .async_call_step
        .saturating_mul(2)
        .saturating_add(costs.async_callback_gas_lock);
    if (gas_limit as u64) < minimum {
        return Err(EarlyExit::out_of_gas());
    }
    asynchronous::register_legacy(ctx, instance, dest, data, value)
}

fn upgrade_data(code: &[u8], metadata: &[u8], args: &[Vec<u8>]) -> Vec<u8> {
    let mut all = vec![code.to_vec(), metadata.to_vec()];
    all.extend(args.iter().cloned());
    call_data("upgradeContract", &all)
}

/// `upgradeContract`: replaces the code of `dest` (the caller must own it) through a legacy
/// async call, which ends the caller.
///
/// # Gas
/// `CreateContract`, `DataCopyPerByte` × argument bytes and × code length, then all the gas
/// left.
///
/// # Errors
/// Bad memory ranges; out of gas; as `asyncCall`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn upgrade_contract(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest_offset: MemPtr,
    gas_limit: i64,
    value_offset: MemPtr,
    code_offset: MemPtr,
    code_metadata_offset: MemPtr,
    length: MemLength,
    num_arguments: i32,
    arguments_length_offset: MemPtr,
    data_offset: MemPtr,
) -> Result<(), EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.create_contract)?;
    let value = BigUint::from_bytes_be(&load(instance, value_offset, mem_len(BALANCE_LEN))?);
    let code = load(instance, code_offset, length)?;
    let metadata = load(instance, code_metadata_offset, CODE_METADATA_LEN)?;
    let (args, _) = load_arguments(
        ctx,
        instance,
        num_arguments,
        arguments_length_offset,
        data_offset,
    )?;
    let dest = load_address(instance, dest_offset)?;
    let per_byte = ctx.schedule.base_operation_cost.data_copy_per_byte;
    charge(instance, times_len(per_byte, length))?;
    legacy(
        ctx,
        instance,
        dest,
        upgrade_data(&code, &metadata, &args),
        value,
        gas_limit,
    )
}

/// `upgradeFromSourceContract`: as `upgradeContract`, with the code of another contract.
///
/// # Gas
/// `CreateContract`, `DataCopyPerByte` × argument bytes, then all the gas left.
///
/// # Errors
/// As `upgradeContract`; a source without code.
#[allow(clippy::too_many_arguments)]
pub(crate) fn upgrade_from_source_contract(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest_offset: MemPtr,
    gas_limit: i64,
    value_offset: MemPtr,
    source_contract_address_offset: MemPtr,
    code_metadata_offset: MemPtr,
    num_arguments: i32,
    arguments_length_offset: MemPtr,
    data_offset: MemPtr,
) -> Result<(), EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.create_contract)?;
    let value = BigUint::from_bytes_be(&load(instance, value_offset, mem_len(BALANCE_LEN))?);
    let source = load_address(instance, source_contract_address_offset)?;
    let metadata = load(instance, code_metadata_offset, CODE_METADATA_LEN)?;
    let (args, _) = load_arguments(
        ctx,
        instance,
        num_arguments,
        arguments_length_offset,
        data_offset,
    )?;
    let dest = load_address(instance, dest_offset)?;
    let code = source_code(ctx, &source)?;
    legacy(
        ctx,
        instance,
        dest,
        upgrade_data(&code, &metadata, &args),
        value,
        gas_limit,
    )
}

/// `deleteContract`: deletes `dest` (the caller must own it) through a legacy async call.
///
/// # Gas
/// `CreateContract`, `DataCopyPerByte` × argument bytes, then all the gas left.
///
/// # Errors
/// Bad memory ranges; out of gas; as `asyncCall`.
pub(crate) fn delete_contract(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest_offset: MemPtr,
    gas_limit: i64,
    num_arguments: i32,
    arguments_length_offset: MemPtr,
    data_offset: MemPtr,
) -> Result<(), EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.create_contract)?;
    let (args, _) = load_arguments(
        ctx,
        instance,
        num_arguments,
        arguments_length_offset,
        data_offset,
    )?;
    let dest = load_address(instance, dest_offset)?;
    let data = call_data("deleteContract", &args);
    legacy(ctx, instance, dest, data, BigUint::default(), gas_limit)
}

/// `managedUpgradeFromSourceContract`: as `upgradeFromSourceContract` with managed values.
///
/// # Gas
/// `CreateContract`, the argument vector's copy costs, then all the gas left.
///
/// # Errors
/// As `upgradeFromSourceContract`; missing handles.
pub(crate) fn managed_upgrade_from_source_contract(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest_handle: i32,
    gas: i64,
    value_handle: i32,
    address_handle: i32,
    code_metadata_handle: i32,
    arguments_handle: i32,
    _result_handle: i32,
) -> Result<(), EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.create_contract)?;
    let call = managed_call_args(
        ctx,
        instance,
        dest_handle,
        Some(value_handle),
        None,
        arguments_handle,
    )?;
    let source = managed_address(ctx, address_handle)?;
    let metadata = buffer(ctx, code_metadata_handle)?;
    let code = source_code(ctx, &source)?;
    let data = upgrade_data(&code, &metadata, &call.args);
    legacy(ctx, instance, call.dest, data, call.value, gas)
}

/// `managedUpgradeContract`: as `upgradeContract` with managed values.
///
/// # Gas
/// `CreateContract`, the argument vector's copy costs, then all the gas left.
///
/// # Errors
/// As `upgradeContract`; missing handles.
pub(crate) fn managed_upgrade_contract(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest_handle: i32,
    gas: i64,
    value_handle: i32,
    code_handle: i32,
    code_metadata_handle: i32,
    arguments_handle: i32,
    _result_handle: i32,
) -> Result<(), EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.create_contract)?;
    let call = managed_call_args(
        ctx,
        instance,
        dest_handle,
        Some(value_handle),
        None,
        arguments_handle,
    )?;
    let metadata = buffer(ctx, code_metadata_handle)?;
    let code = buffer(ctx, code_handle)?;
    let data = upgrade_data(&code, &metadata, &call.args);
    legacy(ctx, instance, call.dest, data, call.value, gas)
}

/// `managedDeleteContract`: as `deleteContract` with managed values.
///
/// # Gas
/// `CreateContract`, the argument vector's copy costs, then all the gas left.
///
/// # Errors
/// As `deleteContract`; missing handles.
pub(crate) fn managed_delete_contract(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest_handle: i32,
    gas_limit: i64,
    arguments_handle: i32,
) -> Result<(), EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.create_contract)?;
    let dest = managed_address(ctx, dest_handle)?;
    let (args, _) = crate::abi::read_managed_vec(ctx, instance, arguments_handle)?;
    let data = call_data("deleteContract", &args);
    legacy(ctx, instance, dest, data, BigUint::default(), gas_limit)
}

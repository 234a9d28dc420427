//! Value and token transfers, with or without execution.
//!
//! An EGLD transfer moves the value in the output and records an output transfer with its
//! `transferValueOnly` event. With a function, to a contract of the same shard, the call
//! runs at once (as `executeOnDestContext`); otherwise the call leaves with the transfer.
//! ESDT transfers run the protocol's transfer builtin through the chain (its events join
//! the output), then the call, if any; a failed call undoes the transfer's balances (its
//! event stays) and fails the caller, or answers 1 for the `…WithReturn` variant.

mod esdt;

use blockchain_hooks::{BlockchainHooks as _, CallType, OutputTransfer};
use num_bigint::BigUint;

use super::calls::{CallArgs, call_input, managed_call_args, memory_call_args};
use super::prelude::*;
use crate::abi::{charge, load, load_address, times_len};
use crate::errors::failed;
use crate::nested::{self, ChildMode, call_data};

pub(crate) use esdt::{managed_esdt_transfers, memory_esdt_transfers};

/// The label of the events of a call carried by a transfer.
const TRANSFER_AND_EXECUTE: &str = "TransferAndExecute";
/// A builtin function call where only value may go.
pub const TRANSFER_VALUE_ON_ESDT_CALL: &str = "transfer value on esdt call";
/// `transferValueExecute` naming a builtin function.
pub const NIL_ESDT_DATA: &str = "nil esdt data";

/// Whether `data` calls a builtin function (`IsBuiltinFunctionCall`).
fn is_builtin_call(ctx: &Context<'_>, data: &[u8]) -> bool {
    nested::parse_call_data(data).is_some_and(|(f, _)| ctx.chain.is_builtin_function(&f))
}

/// `transferValue`: sends `value` to `dest` with `data` (no execution here; the data leaves
/// with the transfer).
///
/// # Gas
/// `TransferValue`, then `PersistPerByte × length`.
///
/// # Errors
/// Bad memory ranges; data calling a builtin ("transfer value on esdt call"); insufficient
/// funds; a contract that is not payable; read-only mode.
pub(crate) fn transfer_value(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest_offset: MemPtr,
    value_offset: MemPtr,
    data_offset: MemPtr,
    length: MemLength,
) -> Result<i32, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.transfer_value)?;
    let dest = load_address(instance, dest_offset)?;
    let value = BigUint::from_bytes_be(&load(instance, value_offset, 32)?);
    let per_byte = ctx.schedule.base_operation_cost.persist_per_byte;
    charge(instance, times_len(per_byte, length))?;
    let data = load(instance, data_offset, length)?;
    if is_builtin_call(ctx, &data) {
        return Err(failed(TRANSFER_VALUE_ON_ESDT_CALL));
    }
    let transfer = OutputTransfer {
        sender: ctx.contract(),
        value,
        data,
        call_type: CallType::DirectCall,
        ..OutputTransfer::default()
    };
    nested::transfer(ctx, dest, transfer)?;
    Ok(0)
}

/// `TransferValueExecuteWithTypedArgs`.
fn value_execute(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    call: &CallArgs,
    gas_limit: i64,
) -> Result<i32, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.transfer_value)?;
    let sender = ctx.contract();
    let input = if call.function.is_empty() {
        None
    } else {
        Some(call_input(ctx, instance, call, gas_limit, false)?)
    };
    if input
        .as_ref()
        .is_some_and(|i| ctx.chain.is_builtin_function(&i.function))
    {
        return Err(failed(NIL_ESDT_DATA));
    }
    let data = input
        .as_ref()
        .map(|i| call_data(&i.function, &i.vm_input.arguments))
        .unwrap_or_default();
    let same_shard = super::calls::same_shard(ctx, &sender, &call.dest);
    if let Some(input) = input.filter(|_| same_shard && ctx.state().is_smart_contract(&call.dest)) {
        let mode = ChildMode::Dest {
            read_only: false,
            label: Some(TRANSFER_AND_EXECUTE),
        };
        nested::execute_on_dest(ctx, instance, input, mode)?;
        return Ok(0);
    }
    let gas = gas_limit as u64;
    charge(instance, gas)?;
    let transfer = OutputTransfer {
        sender,
        value: call.value.clone(),
        gas_limit: gas,
        data,
        call_type: CallType::DirectCall,
        ..OutputTransfer::default()
    };
    nested::transfer(ctx, call.dest, transfer)?;
    Ok(0)
}

/// `transferValueExecute`: sends `value` to `dest` and calls `function` there: at once for
/// a contract of the same shard, else with the transfer, which takes `gas_limit`.
///
/// # Gas
/// `TransferValue`, `DataCopyPerByte` × argument bytes, `TransferValue` again, then the
/// call's gas (the rest given back) or `gas_limit`.
///
/// # Errors
/// Bad memory ranges; a builtin function ("nil esdt data"); the callee's error; as
/// `transferValue`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn transfer_value_execute(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest_offset: MemPtr,
    value_offset: MemPtr,
    gas_limit: i64,
    function_offset: MemPtr,
    function_length: MemLength,
    num_arguments: i32,
    arguments_length_offset: MemPtr,
    data_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.transfer_value)?;
    let call = memory_call_args(
        ctx,
        instance,
        dest_offset,
        Some(value_offset),
        function_offset,
        function_length,
        num_arguments,
        arguments_length_offset,
        data_offset,
    )?;
    value_execute(ctx, instance, &call, gas_limit)
}

/// `managedTransferValueExecute`: as `transferValueExecute` with managed values.
///
/// # Gas
/// The argument vector's copy costs, `TransferValue`, then the call's gas or `gas_limit`.
///
/// # Errors
/// Missing handles; as `transferValueExecute`.
pub(crate) fn managed_transfer_value_execute(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dst_handle: i32,
    value_handle: i32,
    gas_limit: i64,
    function_handle: i32,
    arguments_handle: i32,
) -> Result<i32, EarlyExit> {
    let call = managed_call_args(
        ctx,
        instance,
        dst_handle,
        Some(value_handle),
        Some(function_handle),
        arguments_handle,
    )?;
    value_execute(ctx, instance, &call, gas_limit)
}

/// `transferESDTExecute`: a fungible ESDT transfer, then `function` (see
/// `multiTransferESDTNFTExecute`).
///
/// # Gas
/// `DataCopyPerByte` × argument bytes (twice), `TransferValue`, the builtin's cost, then the
/// call's gas.
///
/// # Errors
/// As `multiTransferESDTNFTExecute`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn transfer_esdt_execute(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest_offset: MemPtr,
    token_id_offset: MemPtr,
    token_id_len: MemLength,
    value_offset: MemPtr,
    gas_limit: i64,
    function_offset: MemPtr,
    function_length: MemLength,
    num_arguments: i32,
    arguments_length_offset: MemPtr,
    data_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    transfer_esdt_nft_execute(
        ctx,
        instance,
        dest_offset,
        token_id_offset,
        token_id_len,
        value_offset,
        0,
        gas_limit,
        function_offset,
        function_length,
        num_arguments,
        arguments_length_offset,
        data_offset,
    )
}

/// `transferESDTNFTExecute`: one ESDT or NFT transfer (`nonce`), then `function`.
///
/// # Gas
/// As `transferESDTExecute`.
///
/// # Errors
/// As `multiTransferESDTNFTExecute`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn transfer_esdt_nft_execute(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest_offset: MemPtr,
    token_id_offset: MemPtr,
    token_id_len: MemLength,
    value_offset: MemPtr,
    nonce: i64,
    gas_limit: i64,
    function_offset: MemPtr,
    function_length: MemLength,
    num_arguments: i32,
    arguments_length_offset: MemPtr,
    data_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    let token = load(instance, token_id_offset, token_id_len)?;
    let call = memory_call_args(
        ctx,
        instance,
        dest_offset,
        Some(value_offset),
        function_offset,
        function_length,
        num_arguments,
        arguments_length_offset,
        data_offset,
    )?;
    esdt::charge_args_again(ctx, instance, &call)?;
    let transfers = vec![blockchain_hooks::EsdtTransfer {
        token,
        nonce: nonce as u64,
        value: call.value.clone(),
    }];
    esdt::execute(ctx, instance, &call, &transfers, gas_limit, true)
}

/// `multiTransferESDTNFTExecute`: several ESDT/NFT transfers (token, nonce, value triples
/// in memory), then `function`: at once on a contract of the same shard.
///
/// # Gas
/// `DataCopyPerByte` × argument bytes (twice) and × transfer bytes, `TransferValue` per
/// transfer, the builtin's cost, then the call's gas (the rest given back).
///
/// # Errors
/// No transfer ("failed transfer"); bad memory ranges; the builtin's refusal ("execution
/// failed"); the callee's error (its transfer undone).
#[allow(clippy::too_many_arguments)]
pub(crate) fn multi_transfer_esdt_nft_execute(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest_offset: MemPtr,
    num_token_transfers: i32,
    token_transfers_args_length_offset: MemPtr,
    token_transfer_data_offset: MemPtr,
    gas_limit: i64,
    function_offset: MemPtr,
    function_length: MemLength,
    num_arguments: i32,
    arguments_length_offset: MemPtr,
    data_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    if num_token_transfers == 0 {
        return Err(failed("failed transfer"));
    }
    let call = memory_call_args(
        ctx,
        instance,
        dest_offset,
        None,
        function_offset,
        function_length,
        num_arguments,
        arguments_length_offset,
        data_offset,
    )?;
    esdt::charge_args_again(ctx, instance, &call)?;
    let transfers = memory_esdt_transfers(
        ctx,
        instance,
        num_token_transfers,
        token_transfers_args_length_offset,
        token_transfer_data_offset,
    )?;
    esdt::execute(ctx, instance, &call, &transfers, gas_limit, true)
}

/// `managedMultiTransferESDTNFTExecute`: as `multiTransferESDTNFTExecute` with managed
/// values (the transfers as a vector of 16-byte token/nonce/value entries).
///
/// # Gas
/// The vectors' copy costs, `TransferValue` per transfer, the builtin's cost, then the
/// call's gas.
///
/// # Errors
/// Missing handles; as `multiTransferESDTNFTExecute`.
pub(crate) fn managed_multi_transfer_esdt_nft_execute(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dst_handle: i32,
    token_transfers_handle: i32,
    gas_limit: i64,
    function_handle: i32,
    arguments_handle: i32,
) -> Result<i32, EarlyExit> {
    let call = managed_call_args(
        ctx,
        instance,
        dst_handle,
        None,
        Some(function_handle),
        arguments_handle,
    )?;
    let transfers = managed_esdt_transfers(ctx, instance, token_transfers_handle)?;
    esdt::execute(ctx, instance, &call, &transfers, gas_limit, true)
}

/// `managedMultiTransferESDTNFTExecuteWithReturn`: as `managedMultiTransferESDTNFTExecute`,
/// but a failed transfer or call answers 1 instead of failing the caller (the balances are
/// undone, the transfer's event stays).
///
/// # Gas
/// As `managedMultiTransferESDTNFTExecute`.
///
/// # Errors
/// Missing handles; out of gas before the transfer.
pub(crate) fn managed_multi_transfer_esdt_nft_execute_with_return(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dst_handle: i32,
    token_transfers_handle: i32,
    gas_limit: i64,
    function_handle: i32,
    arguments_handle: i32,
) -> Result<i32, EarlyExit> {
    let call = managed_call_args(
        ctx,
        instance,
        dst_handle,
        None,
        Some(function_handle),
        arguments_handle,
    )?;
    let transfers = managed_esdt_transfers(ctx, instance, token_transfers_handle)?;
    esdt::execute(ctx, instance, &call, &transfers, gas_limit, false)
}

/// `managedMultiTransferESDTNFTExecuteByUser`: a transfer whose call runs with `user` as
/// caller; only for contracts the chain allows (none in scenarios).
///
/// # Gas
/// None before the refusal.
///
/// # Errors
/// "opcode is not allowed".
pub(crate) fn managed_multi_transfer_esdt_nft_execute_by_user(
    _ctx: &mut Context<'_>,
    _instance: &mut dyn InstanceAccess,
    _user_handle: i32,
    _dst_handle: i32,
    _token_transfers_handle: i32,
    _gas_limit: i64,
    _function_handle: i32,
    _arguments_handle: i32,
) -> Result<i32, EarlyExit> {
    Err(failed(OPCODE_NOT_ALLOWED))
}

/// `…ByUser` from a contract the chain does not allow to run it.
pub const OPCODE_NOT_ALLOWED: &str = "opcode is not allowed";

refused! {}

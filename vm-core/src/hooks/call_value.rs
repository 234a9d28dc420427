//! The EGLD and ESDT value of the call, in every variant, and `checkNoPayment`.
//!
//! EGLD values are written padded to 32 bytes; ESDT transfers are addressed by index and an
//! index out of range fails with "invalid token index". The single-transfer variants fail with
//! "too many ESDT transfers" when the call carries several, before charging. A transfer's type
//! is the protocol's: non-fungible for a nonce above 0, else fungible.

use blockchain_hooks::EsdtTransfer;
use num_bigint::BigInt;

use super::prelude::*;
use crate::abi::{BALANCE_LEN, charge, charge_copy, len_i32, set_big_int, set_buffer, store};
use crate::convert;
use crate::errors::{self, failed};

/// The token identifier the production VM gives EGLD in a list of all transfers.
const EGLD_TOKEN_NAME: &[u8] = b"EGLD-000000";

/// The ESDT transfer at `index`.
fn transfer(ctx: &Context<'_>, index: i32) -> Result<EsdtTransfer, EarlyExit> {
    usize::try_from(index)
        .ok()
        .and_then(|i| ctx.input().esdt_transfers.get(i))
        .cloned()
        .ok_or_else(|| failed(errors::INVALID_TOKEN_INDEX))
}

/// Fails when the call carries more than one ESDT transfer.
fn at_most_one_transfer(ctx: &Context<'_>) -> Result<(), EarlyExit> {
    if ctx.input().esdt_transfers.len() > 1 {
        return Err(failed(errors::TOO_MANY_ESDT_TRANSFERS));
    }
    Ok(())
}

/// The protocol's token type of a transfer: 1 (non-fungible) for a nonce above 0, else 0.
fn token_type(transfer: &EsdtTransfer) -> i32 {
    i32::from(transfer.nonce > 0)
}

/// `checkNoPayment`: fails when the call carries EGLD or ESDT.
pub(crate) fn check_no_payment(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
) -> Result<(), EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_call_value)?;
    let input = ctx.input();
    if input.egld_value.bits() > 0 {
        return Err(failed(errors::NON_PAYABLE_EGLD));
    }
    if !input.esdt_transfers.is_empty() {
        return Err(failed(errors::NON_PAYABLE_ESDT));
    }
    Ok(())
}

/// `getCallValue`: the EGLD value, 32 bytes big-endian, at `result_offset`.
pub(crate) fn get_call_value(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    result_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_call_value)?;
    let value = convert::pad_left(convert::biguint_bytes(&ctx.input().egld_value), BALANCE_LEN);
    store(instance, result_offset, &value)?;
    Ok(len_i32(value.len()))
}

/// `getESDTValue`.
pub(crate) fn get_esdt_value(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    result_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    at_most_one_transfer(ctx)?;
    get_esdt_value_by_index(ctx, instance, result_offset, 0)
}

/// `getESDTValueByIndex`: the value, 32 bytes (nothing for a zero value).
pub(crate) fn get_esdt_value_by_index(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    result_offset: MemPtr,
    index: i32,
) -> Result<i32, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_call_value)?;
    let transfer = transfer(ctx, index)?;
    let value = if transfer.value.bits() > 0 {
        convert::pad_left(convert::biguint_bytes(&transfer.value), BALANCE_LEN)
    } else {
        Vec::new()
    };
    store(instance, result_offset, &value)?;
    Ok(len_i32(value.len()))
}

/// `getESDTTokenName`.
pub(crate) fn get_esdt_token_name(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    result_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    at_most_one_transfer(ctx)?;
    get_esdt_token_name_by_index(ctx, instance, result_offset, 0)
}

/// `getESDTTokenNameByIndex`.
pub(crate) fn get_esdt_token_name_by_index(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    result_offset: MemPtr,
    index: i32,
) -> Result<i32, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_call_value)?;
    let transfer = transfer(ctx, index)?;
    store(instance, result_offset, &transfer.token)?;
    Ok(len_i32(transfer.token.len()))
}

/// `getESDTTokenNonce`.
pub(crate) fn get_esdt_token_nonce(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
) -> Result<i64, EarlyExit> {
    at_most_one_transfer(ctx)?;
    get_esdt_token_nonce_by_index(ctx, instance, 0)
}

/// `getESDTTokenNonceByIndex`.
pub(crate) fn get_esdt_token_nonce_by_index(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    index: i32,
) -> Result<i64, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_call_value)?;
    Ok(transfer(ctx, index)?.nonce as i64)
}

/// `getESDTTokenType`.
pub(crate) fn get_esdt_token_type(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
) -> Result<i32, EarlyExit> {
    at_most_one_transfer(ctx)?;
    get_esdt_token_type_by_index(ctx, instance, 0)
}

/// `getESDTTokenTypeByIndex`.
pub(crate) fn get_esdt_token_type_by_index(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    index: i32,
) -> Result<i32, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_call_value)?;
    Ok(token_type(&transfer(ctx, index)?))
}

/// `getNumESDTTransfers`.
pub(crate) fn get_num_esdt_transfers(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
) -> Result<i32, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_call_value)?;
    Ok(len_i32(ctx.input().esdt_transfers.len()))
}

/// `getCallValueTokenName`.
pub(crate) fn get_call_value_token_name(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    call_value_offset: MemPtr,
    token_name_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    at_most_one_transfer(ctx)?;
    get_call_value_token_name_by_index(ctx, instance, call_value_offset, token_name_offset, 0)
}

/// `getCallValueTokenNameByIndex`: the transfer's token at `token_name_offset` and its value,
/// 32 bytes, at `call_value_offset`; returns the token's length.
pub(crate) fn get_call_value_token_name_by_index(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    call_value_offset: MemPtr,
    token_name_offset: MemPtr,
    index: i32,
) -> Result<i32, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_call_value)?;
    let transfer = transfer(ctx, index)?;
    let value = convert::pad_left(convert::biguint_bytes(&transfer.value), BALANCE_LEN);
    store(instance, token_name_offset, &transfer.token)?;
    store(instance, call_value_offset, &value)?;
    Ok(len_i32(transfer.token.len()))
}

/// Serialises transfers as the framework reads them: per transfer, a new managed buffer
/// handle with the token (4 bytes big-endian), the nonce (8 bytes), a new big integer handle
/// with the value (4 bytes).
fn write_transfers(ctx: &mut Context<'_>, transfers: &[EsdtTransfer]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(transfers.len() * 16);
    for transfer in transfers {
        let token = ctx.managed().buffers.insert_new(transfer.token.clone());
        let value = ctx
            .managed()
            .big_ints
            .insert_new(BigInt::from(transfer.value.clone()));
        bytes.extend_from_slice(&token.to_be_bytes());
        bytes.extend_from_slice(&transfer.nonce.to_be_bytes());
        bytes.extend_from_slice(&value.to_be_bytes());
    }
    bytes
}

/// Writes `transfers` into the buffer under `handle`, charging `DataCopyPerByte` per byte.
fn set_transfers(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    handle: i32,
    transfers: &[EsdtTransfer],
) -> Result<(), EarlyExit> {
    let bytes = write_transfers(ctx, transfers);
    charge_copy(ctx, instance, bytes.len())?;
    set_buffer(ctx, handle, bytes);
    Ok(())
}

/// `managedGetMultiESDTCallValue`: the ESDT transfers, serialised (see the module).
pub(crate) fn managed_get_multi_esdt_call_value(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    multi_call_value_handle: i32,
) -> Result<(), EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_call_value)?;
    let transfers = ctx.input().esdt_transfers.clone();
    set_transfers(ctx, instance, multi_call_value_handle, &transfers)
}

/// `managedGetAllTransfersCallValue`: the EGLD value as one `EGLD-000000` transfer if there
/// is one, else the ESDT transfers.
pub(crate) fn managed_get_all_transfers_call_value(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    transfer_call_values_list_handle: i32,
) -> Result<(), EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_call_value)?;
    let input = ctx.input();
    let transfers = if input.egld_value.bits() > 0 {
        vec![EsdtTransfer {
            token: EGLD_TOKEN_NAME.to_vec(),
            nonce: 0,
            value: input.egld_value.clone(),
        }]
    } else {
        input.esdt_transfers.clone()
    };
    set_transfers(ctx, instance, transfer_call_values_list_handle, &transfers)
}

/// `managedGetBackTransfers`: what nested calls sent back to this execution without calling
/// it (EGLD without data, ESDT transfers without a function), serialised as the ESDT call
/// value, and the EGLD total; both are cleared.
///
/// # Gas
/// `GetCallValue`, then `DataCopyPerByte` × the serialised transfers.
///
/// # Errors
/// Out of gas.
pub(crate) fn managed_get_back_transfers(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    esdt_transfers_value_handle: i32,
    egld_value_handle: i32,
) -> Result<(), EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_call_value)?;
    let back = &mut ctx.frame_mut().back_transfers;
    let esdt = std::mem::take(&mut back.esdt);
    let egld = std::mem::take(&mut back.egld);
    set_transfers(ctx, instance, esdt_transfers_value_handle, &esdt)?;
    set_big_int(ctx, egld_value_handle, egld);
    Ok(())
}

/// `bigIntGetCallValue`.
pub(crate) fn big_int_get_call_value(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    destination_handle: i32,
) -> Result<(), EarlyExit> {
    charge(
        instance,
        ctx.schedule.big_int_api_cost.big_int_get_call_value,
    )?;
    let value = BigInt::from(ctx.input().egld_value.clone());
    set_big_int(ctx, destination_handle, value);
    Ok(())
}

/// `bigIntGetESDTCallValue`.
pub(crate) fn big_int_get_esdt_call_value(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    destination: i32,
) -> Result<(), EarlyExit> {
    at_most_one_transfer(ctx)?;
    big_int_get_esdt_call_value_by_index(ctx, instance, destination, 0)
}

/// `bigIntGetESDTCallValueByIndex`.
pub(crate) fn big_int_get_esdt_call_value_by_index(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    destination_handle: i32,
    index: i32,
) -> Result<(), EarlyExit> {
    charge(
        instance,
        ctx.schedule.big_int_api_cost.big_int_get_call_value,
    )?;
    let transfer = transfer(ctx, index)?;
    set_big_int(ctx, destination_handle, BigInt::from(transfer.value));
    Ok(())
}

refused! {}

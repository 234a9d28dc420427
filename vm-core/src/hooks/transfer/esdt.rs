//! ESDT transfers from a contract: reading them from memory or managed values, and the
//! transfer followed by its call (`TransferESDTNFTExecuteWithTypedArgsWithFailure`).

use blockchain_hooks::{BlockchainHooks as _, EsdtTransfer};
use num_bigint::{BigUint, Sign};

use super::super::calls::{CallArgs, call_input, same_shard};
use super::super::prelude::*;
use crate::abi::{big_int, buffer, charge, charge_copy, load_arguments, times};
use crate::errors::failed;
use crate::nested::{self, ChildMode, EsdtTransferRequest};

/// A managed vector of transfers whose length is not a multiple of 16.
pub const INVALID_ESDT_VEC: &str = "invalid managed vector of ESDT transfers";

fn args_len(call: &CallArgs) -> u64 {
    call.args
        .iter()
        .map(|a| u64::try_from(a.len()).unwrap_or(u64::MAX))
        .fold(0u64, u64::saturating_add)
}

/// Charges `DataCopyPerByte × the call's argument bytes` once more, as the production VM does
/// for ESDT transfers with execution.
pub(crate) fn charge_args_again(
    ctx: &Context<'_>,
    instance: &mut dyn InstanceAccess,
    call: &CallArgs,
) -> Result<(), EarlyExit> {
    let per_byte = ctx.schedule.base_operation_cost.data_copy_per_byte;
    charge(instance, per_byte.saturating_mul(args_len(call)))
}

/// The `(token, nonce, value)` triples of `multiTransferESDTNFTExecute`.
///
/// # Gas
/// `DataCopyPerByte` × their bytes.
///
/// # Errors
/// Bad memory ranges; out of gas.
pub(crate) fn memory_esdt_transfers(
    ctx: &Context<'_>,
    instance: &mut dyn InstanceAccess,
    count: i32,
    lengths_offset: MemPtr,
    data_offset: MemPtr,
) -> Result<Vec<EsdtTransfer>, EarlyExit> {
    let items = count.checked_mul(3).unwrap_or(-1);
    let (raw, _) = load_arguments(ctx, instance, items, lengths_offset, data_offset)?;
    Ok(raw
        .chunks_exact(3)
        .map(|t| EsdtTransfer {
            token: t[0].clone(),
            nonce: low_u64(&t[1]),
            value: BigUint::from_bytes_be(&t[2]),
        })
        .collect())
}

/// The low 64 bits of big-endian bytes (Go's `big.Int.Uint64`).
fn low_u64(bytes: &[u8]) -> u64 {
    let start = bytes.len().saturating_sub(8);
    bytes[start..]
        .iter()
        .fold(0u64, |acc, b| (acc << 8) | u64::from(*b))
}

/// The transfers of a managed vector of 16-byte entries: token handle, nonce (8 bytes),
/// value handle (`readESDTTransfers`).
///
/// # Gas
/// `DataCopyPerByte` for the vector, each token and each value.
///
/// # Errors
/// Missing handles; a length not a multiple of 16; a negative value.
pub(crate) fn managed_esdt_transfers(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    handle: i32,
) -> Result<Vec<EsdtTransfer>, EarlyExit> {
    let bytes = buffer(ctx, handle)?;
    charge_copy(ctx, instance, bytes.len())?;
    if bytes.len() % 16 != 0 {
        return Err(failed(INVALID_ESDT_VEC));
    }
    let mut transfers = Vec::with_capacity(bytes.len() / 16);
    for entry in bytes.chunks_exact(16) {
        let token_handle = i32::from_be_bytes([entry[0], entry[1], entry[2], entry[3]]);
        let token = buffer(ctx, token_handle)?;
        charge_copy(ctx, instance, token.len())?;
        let mut nonce = [0u8; 8];
        nonce.copy_from_slice(&entry[4..12]);
        let value_handle = i32::from_be_bytes([entry[12], entry[13], entry[14], entry[15]]);
        let value = big_int(ctx, value_handle)?;
        let value_len = usize::try_from(value.bits().div_ceil(8)).unwrap_or(usize::MAX);
        charge_copy(ctx, instance, value_len)?;
        if value.sign() == Sign::Minus {
            return Err(failed(nested::NEGATIVE_VALUE));
        }
        transfers.push(EsdtTransfer {
            token,
            nonce: u64::from_be_bytes(nonce),
            value: value.magnitude().clone(),
        });
    }
    Ok(transfers)
}

/// Moves `transfers` to `call.dest` and runs `call.function` there if any; `with_failure`:
/// a failure fails the caller, else the hook answers 1.
///
/// # Errors
/// The transfer's or the call's error, when `with_failure`; out of gas.
pub(crate) fn execute(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    call: &CallArgs,
    transfers: &[EsdtTransfer],
    gas_limit: i64,
    with_failure: bool,
) -> Result<i32, EarlyExit> {
    let cost = times(
        ctx.schedule.base_ops_api_cost.transfer_value,
        transfers.len(),
    );
    charge(instance, cost)?;
    let sender = ctx.contract();
    let input = if call.function.is_empty() {
        None
    } else {
        let mut input = call_input(ctx, instance, call, gas_limit, false)?;
        input.vm_input.egld_value = BigUint::default();
        input.vm_input.esdt_transfers = transfers.to_vec();
        Some(input)
    };
    let checkpoint = ctx.output.checkpoint();
    let logs_before = ctx.output.output().logs.len();
    let request = EsdtTransferRequest {
        sender,
        dest: call.dest,
        transfers,
        call: input.as_ref(),
        sender_for_exec: sender,
        return_after_error: false,
    };
    let gas_for_exec = match nested::esdt_transfer(ctx, instance, &request) {
        Ok(gas) => gas,
        Err(exit) => {
            ctx.output.revert(checkpoint);
            return if with_failure { Err(exit) } else { Ok(1) };
        }
    };
    let executes =
        same_shard(ctx, &sender, &call.dest) && ctx.state().is_smart_contract(&call.dest);
    let Some(mut input) = input.filter(|_| executes) else {
        ctx.output.commit(checkpoint);
        return Ok(0);
    };
    input.vm_input.gas_provided = gas_for_exec;
    input.vm_input.caller = sender;
    let mode = ChildMode::Dest {
        read_only: false,
        label: None,
    };
    match nested::execute_on_dest(ctx, instance, input, mode) {
        Ok(_) => {
            ctx.output.commit(checkpoint);
            Ok(0)
        }
        Err(exit) => {
            let kept = ctx.output.output().logs[logs_before..].to_vec();
            ctx.output.revert(checkpoint);
            ctx.output.output_mut().logs.extend(kept);
            if with_failure { Err(exit) } else { Ok(1) }
        }
    }
}

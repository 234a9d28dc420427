//! What the call hooks share: reading a destination, value, function and arguments from
//! memory or managed values, and building the nested call's input
//! (`prepareIndirectContractCallInput`).

use blockchain_hooks::{Address, CallType, ContractCallInput, VmInput};
use num_bigint::{BigUint, Sign};

use super::prelude::*;
use crate::abi::{
    BALANCE_LEN, big_int, buffer, charge, load, load_address, load_arguments, read_managed_vec,
    write_managed_vec,
};
use crate::errors::{self, failed};
use crate::nested;

/// A call a contract asks for: destination, value, function and arguments.
#[derive(Debug, Default)]
pub(crate) struct CallArgs {
    pub dest: Address,
    pub value: BigUint,
    pub function: String,
    pub args: Vec<Vec<u8>>,
}

/// Reads a call from memory (`extractIndirectContractCallArguments`): the destination, the
/// 32-byte value if `value_offset` is given, the function and the argument list.
///
/// # Gas
/// `DataCopyPerByte` × the arguments' bytes.
///
/// # Errors
/// Bad memory ranges; out of gas.
#[allow(clippy::too_many_arguments)]
pub(crate) fn memory_call_args(
    ctx: &Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest_offset: MemPtr,
    value_offset: Option<MemPtr>,
    function_offset: MemPtr,
    function_length: MemLength,
    num_arguments: i32,
    lengths_offset: MemPtr,
    data_offset: MemPtr,
) -> Result<CallArgs, EarlyExit> {
    let dest = load_address(instance, dest_offset)?;
    let value = match value_offset {
        Some(offset) => {
            let len = MemLength::try_from(BALANCE_LEN).unwrap_or(MemLength::MAX);
            BigUint::from_bytes_be(&load(instance, offset, len)?)
        }
        None => BigUint::default(),
    };
    let function = load(instance, function_offset, function_length)?;
    let (args, _) = load_arguments(ctx, instance, num_arguments, lengths_offset, data_offset)?;
    Ok(CallArgs {
        dest,
        value,
        function: String::from_utf8_lossy(&function).into_owned(),
        args,
    })
}

/// A non-negative value from a big integer handle.
///
/// # Errors
/// A missing handle; "failed transfer (negative value)".
pub(crate) fn managed_value(ctx: &mut Context<'_>, handle: i32) -> Result<BigUint, EarlyExit> {
    let value = big_int(ctx, handle)?;
    if value.sign() == Sign::Minus {
        return Err(failed(nested::NEGATIVE_VALUE));
    }
    Ok(value.magnitude().clone())
}

/// An address from a managed buffer.
///
/// # Errors
/// A missing handle, or a buffer that is not 32 bytes.
pub(crate) fn managed_address(ctx: &mut Context<'_>, handle: i32) -> Result<Address, EarlyExit> {
    let bytes = buffer(ctx, handle)?;
    Address::from_slice(&bytes).ok_or_else(|| failed(errors::ARG_OUT_OF_RANGE))
}

/// Reads a call from managed values (`readDestination[Value]FunctionArguments`).
///
/// # Gas
/// The vector's copy costs, then `DataCopyPerByte` × the arguments' bytes.
///
/// # Errors
/// Missing handles; out of gas.
pub(crate) fn managed_call_args(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    dest_handle: i32,
    value_handle: Option<i32>,
    function_handle: Option<i32>,
    arguments_handle: i32,
) -> Result<CallArgs, EarlyExit> {
    let dest = managed_address(ctx, dest_handle)?;
    let (args, total) = read_managed_vec(ctx, instance, arguments_handle)?;
    charge(
        instance,
        ctx.schedule
            .base_operation_cost
            .data_copy_per_byte
            .saturating_mul(total),
    )?;
    let value = match value_handle {
        Some(handle) => managed_value(ctx, handle)?,
        None => BigUint::default(),
    };
    let function = match function_handle {
        Some(handle) => String::from_utf8_lossy(&buffer(ctx, handle)?).into_owned(),
        None => String::new(),
    };
    Ok(CallArgs {
        dest,
        value,
        function,
        args,
    })
}

/// Whether two addresses are in the same shard.
pub(crate) fn same_shard(ctx: &Context<'_>, a: &Address, b: &Address) -> bool {
    ctx.chain.shard_of(a) == ctx.chain.shard_of(b)
}

/// The gas a call may have: `limit`, at most the gas left (`BoundGasLimit`; a negative limit
/// reads as a huge one).
pub(crate) fn bound_gas(instance: &dyn InstanceAccess, limit: i64) -> u64 {
    let limit = limit as u64;
    limit.min(instance.gas_left())
}

/// The input of a nested call from the running contract (`prepareIndirectContractCallInput`).
///
/// # Errors
/// "sync execution request is not in the same shard" when `sync` and the destination is in
/// another shard.
pub(crate) fn call_input(
    ctx: &Context<'_>,
    instance: &dyn InstanceAccess,
    call: &CallArgs,
    gas_limit: i64,
    sync: bool,
) -> Result<ContractCallInput, EarlyExit> {
    let sender = ctx.contract();
    if sync && !same_shard(ctx, &sender, &call.dest) {
        return Err(failed(nested::NOT_SAME_SHARD));
    }
    let current = ctx.input();
    Ok(ContractCallInput {
        vm_input: VmInput {
            caller: sender,
            arguments: call.args.clone(),
            egld_value: call.value.clone(),
            call_type: CallType::DirectCall,
            gas_price: 0,
            gas_provided: bound_gas(instance, gas_limit),
            original_caller: current.original_caller,
            relayer: current.relayer,
            ..VmInput::default()
        },
        recipient: call.dest,
        function: call.function.clone(),
        allow_init: false,
    })
}

/// Runs `call`, then writes the return data it added as a managed vector under `handle`, or
/// an empty buffer when it added none (`setReturnDataIfExists`); answers what `call` answers.
///
/// # Errors
/// `call`'s; out of gas.
pub(crate) fn with_new_return_data<T>(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    handle: i32,
    call: impl FnOnce(&mut Context<'_>, &mut dyn InstanceAccess) -> Result<T, EarlyExit>,
) -> Result<T, EarlyExit> {
    let before = ctx.output.output().return_data.len();
    let result = call(ctx, instance)?;
    let data = &ctx.output.output().return_data;
    if data.len() > before {
        let new = data[before..].to_vec();
        write_managed_vec(ctx, instance, &new, handle)?;
    } else {
        ctx.managed().buffers.set(handle, Vec::new());
    }
    Ok(result)
}

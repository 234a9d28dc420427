//! Deploying, upgrading and deleting contracts from a contract.
//!
//! A deploy runs at once (see `crate::lifecycle`): the new contract's `init` is a nested
//! call with the value and the gas limit asked; the caller fails with its error. Upgrades and
//! deletes of other contracts leave as legacy asynchronous calls.

mod upgrade;

use blockchain_hooks::{BlockchainHooks as _, CodeMetadata};
use num_bigint::BigUint;

use super::calls::{managed_address, managed_value, with_new_return_data};
use super::prelude::*;
use crate::abi::{
    ADDRESS_LEN, BALANCE_LEN, buffer, charge, load, load_address, load_arguments, read_managed_vec,
    store,
};
use crate::errors::{self, failed};
use crate::lifecycle::{self, Deploy};

pub(crate) use upgrade::*;

/// The label of the transfer events of a contract's deploy.
const DEPLOY_SMART_CONTRACT: &str = "DeploySmartContract";
/// The label of the transfer events of a deploy from another contract's code.
const DEPLOY_FROM_SOURCE: &str = "DeployFromSource";
/// The length of code metadata in memory.
const CODE_METADATA_LEN: MemLength = 2;

fn mem_len(len: usize) -> MemLength {
    MemLength::try_from(len).unwrap_or(MemLength::MAX)
}

/// The code of `source`.
///
/// # Errors
/// "invalid contract code (not found)" when it has none.
fn source_code(
    ctx: &Context<'_>,
    source: &blockchain_hooks::Address,
) -> Result<Vec<u8>, EarlyExit> {
    ctx.state()
        .code(source)
        .filter(|c| !c.is_empty())
        .ok_or_else(|| failed(errors::CONTRACT_NOT_FOUND))
}

/// `createContract`: deploys `length` bytes of code at `code_offset` with its metadata,
/// `value` and the arguments; writes the new address at `result_offset`.
///
/// # Gas
/// `CreateContract`, `DataCopyPerByte` × argument bytes, then the init's gas (the rest given
/// back).
///
/// # Errors
/// Bad memory ranges; read-only mode; an existing account; the init's error.
#[allow(clippy::too_many_arguments)]
pub(crate) fn create_contract(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    gas_limit: i64,
    value_offset: MemPtr,
    code_offset: MemPtr,
    code_metadata_offset: MemPtr,
    length: MemLength,
    result_offset: MemPtr,
    num_arguments: i32,
    arguments_length_offset: MemPtr,
    data_offset: MemPtr,
) -> Result<i32, EarlyExit> {
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
    let deploy = Deploy {
        code,
        metadata: CodeMetadata::from_bytes(&metadata),
        value,
        args,
        gas_limit,
        label: DEPLOY_SMART_CONTRACT,
    };
    let address = lifecycle::create_contract(ctx, instance, deploy)?;
    store(instance, result_offset, &address.0)?;
    Ok(0)
}

/// `deployFromSourceContract`: as `createContract`, with the code of the contract at
/// `source_contract_address_offset`.
///
/// # Gas
/// As `createContract`.
///
/// # Errors
/// As `createContract`; a source without code.
#[allow(clippy::too_many_arguments)]
pub(crate) fn deploy_from_source_contract(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    gas_limit: i64,
    value_offset: MemPtr,
    source_contract_address_offset: MemPtr,
    code_metadata_offset: MemPtr,
    result_address_offset: MemPtr,
    num_arguments: i32,
    arguments_length_offset: MemPtr,
    data_offset: MemPtr,
) -> Result<i32, EarlyExit> {
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
    let deploy = Deploy {
        code: source_code(ctx, &source)?,
        metadata: CodeMetadata::from_bytes(&metadata),
        value,
        args,
        gas_limit,
        label: DEPLOY_FROM_SOURCE,
    };
    let address = lifecycle::create_contract(ctx, instance, deploy)?;
    store(instance, result_address_offset, &address.0)?;
    debug_assert_eq!(address.0.len(), ADDRESS_LEN);
    Ok(0)
}

/// The arguments of a managed deploy, after `CreateContract` (`DataCopyPerByte` × their
/// bytes).
fn managed_args(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    arguments_handle: i32,
) -> Result<Vec<Vec<u8>>, EarlyExit> {
    let (args, total) = read_managed_vec(ctx, instance, arguments_handle)?;
    let per_byte = ctx.schedule.base_operation_cost.data_copy_per_byte;
    charge(instance, per_byte.saturating_mul(total))?;
    Ok(args)
}

/// Runs a managed deploy: the address to `result_address_handle`, the init's return data to
/// `result_handle`.
fn managed_deploy(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    deploy: Deploy,
    result_address_handle: i32,
    result_handle: i32,
) -> Result<i32, EarlyExit> {
    // The address is set before the return data, as the production VM orders them.
    with_new_return_data(ctx, instance, result_handle, |ctx, instance| {
        let address = lifecycle::create_contract(ctx, instance, deploy)?;
        ctx.managed()
            .buffers
            .set(result_address_handle, address.0.to_vec());
        Ok(0)
    })
}

/// `managedDeployFromSourceContract`: as `deployFromSourceContract` with managed values; the
/// init's return data goes to `result_handle`.
///
/// # Gas
/// `CreateContract`, the argument vector's copy costs, then the init's gas.
///
/// # Errors
/// Missing handles; as `deployFromSourceContract`.
pub(crate) fn managed_deploy_from_source_contract(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    gas: i64,
    value_handle: i32,
    address_handle: i32,
    code_metadata_handle: i32,
    arguments_handle: i32,
    result_address_handle: i32,
    result_handle: i32,
) -> Result<i32, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.create_contract)?;
    let source = managed_address(ctx, address_handle)?;
    let args = managed_args(ctx, instance, arguments_handle)?;
    let value = managed_value(ctx, value_handle)?;
    let metadata = buffer(ctx, code_metadata_handle)?;
    let deploy = Deploy {
        code: source_code(ctx, &source)?,
        metadata: CodeMetadata::from_bytes(&metadata),
        value,
        args,
        gas_limit: gas,
        label: DEPLOY_FROM_SOURCE,
    };
    managed_deploy(ctx, instance, deploy, result_address_handle, result_handle)
}

/// `managedCreateContract`: as `createContract` with managed values; the init's return data
/// goes to `result_handle`.
///
/// # Gas
/// `CreateContract`, the argument vector's copy costs, then the init's gas.
///
/// # Errors
/// Missing handles; as `createContract`.
pub(crate) fn managed_create_contract(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    gas: i64,
    value_handle: i32,
    code_handle: i32,
    code_metadata_handle: i32,
    arguments_handle: i32,
    result_address_handle: i32,
    result_handle: i32,
) -> Result<i32, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.create_contract)?;
    let value = managed_value(ctx, value_handle)?;
    let args = managed_args(ctx, instance, arguments_handle)?;
    let metadata = buffer(ctx, code_metadata_handle)?;
    let code = buffer(ctx, code_handle)?;
    let deploy = Deploy {
        code,
        metadata: CodeMetadata::from_bytes(&metadata),
        value,
        args,
        gas_limit: gas,
        label: DEPLOY_SMART_CONTRACT,
    };
    managed_deploy(ctx, instance, deploy, result_address_handle, result_handle)
}

refused! {}

//! Account, contract and transaction information: addresses, owner, balances, code metadata and hash, shards, tx hashes, gas left.
//!
//! Each hook charges its `BaseOpsAPICost` key first (see the hook table), then reads memory or
//! managed buffers. Balances are the chain's plus this transaction's changes.

use super::prelude::*;
use crate::abi::{buffer, charge, load_address, set_big_int, set_buffer, store};
use crate::errors::failed;

/// `getGasLeft`: the gas left after this hook's own cost.
pub(crate) fn get_gas_left(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
) -> Result<i64, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_gas_left)?;
    Ok(i64::try_from(instance.gas_left()).unwrap_or(i64::MAX))
}

/// `getSCAddress`: the running contract's address at `result_offset`.
pub(crate) fn get_sc_address(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    result_offset: MemPtr,
) -> Result<(), EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_sc_address)?;
    store(instance, result_offset, ctx.contract().as_bytes())
}

/// The running contract's owner, empty when it has none.
fn owner(ctx: &Context<'_>) -> Vec<u8> {
    let contract = ctx.contract();
    // An owner change earlier in this transaction (`ChangeOwnerAddress` from a contract, a
    // deploy) is pending in the output; the production VM's builtins write it to the state.
    let pending = ctx
        .output
        .output()
        .output_accounts
        .get(&contract)
        .and_then(|a| a.code_deployer);
    pending
        .or_else(|| ctx.chain.owner(&contract))
        .map(|o| o.0.to_vec())
        .unwrap_or_default()
}

/// `getOwnerAddress`: the running contract's owner at `result_offset` (nothing if none).
pub(crate) fn get_owner_address(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    result_offset: MemPtr,
) -> Result<(), EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_owner_address)?;
    store(instance, result_offset, &owner(ctx))
}

/// `getShardOfAddress`: the shard of the address at `address_offset`.
pub(crate) fn get_shard_of_address(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    address_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    charge(
        instance,
        ctx.schedule.base_ops_api_cost.get_shard_of_address,
    )?;
    let address = load_address(instance, address_offset)?;
    Ok(ctx.chain.shard_of(&address) as i32)
}

/// `isSmartContract`: 1 if the address at `address_offset` holds a contract, else 0.
pub(crate) fn is_smart_contract(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    address_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.is_smart_contract)?;
    let address = load_address(instance, address_offset)?;
    Ok(i32::from(ctx.chain.is_smart_contract(&address)))
}

/// `getExternalBalance`: the EGLD balance of the address at `address_offset`, minimal
/// big-endian, at `result_offset`.
pub(crate) fn get_external_balance(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    address_offset: MemPtr,
    result_offset: MemPtr,
) -> Result<(), EarlyExit> {
    charge(
        instance,
        ctx.schedule.base_ops_api_cost.get_external_balance,
    )?;
    let address = load_address(instance, address_offset)?;
    let balance = ctx.balance_of(address);
    store(
        instance,
        result_offset,
        &crate::managed::big_int_to_unsigned_bytes(&balance),
    )
}

/// `getCaller`: the caller's address at `result_offset`.
pub(crate) fn get_caller(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    result_offset: MemPtr,
) -> Result<(), EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_caller)?;
    let caller = ctx.input().caller;
    store(instance, result_offset, caller.as_bytes())
}

/// `isReservedFunctionName`: 1 for the name of a hook, an active builtin function or
/// `upgradeContract` (the production VM's reserved functions), else 0.
pub(crate) fn is_reserved_function_name(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    name_handle: i32,
) -> Result<i32, EarlyExit> {
    charge(
        instance,
        ctx.schedule.base_ops_api_cost.is_reserved_function_name,
    )?;
    let name = buffer(ctx, name_handle)?;
    let name = String::from_utf8_lossy(&name);
    let reserved = executor_api::hook_info(&name).is_some()
        || name == "upgradeContract"
        || ctx.chain.is_builtin_function(&name);
    Ok(i32::from(reserved))
}

/// `getOriginalTxHash`.
pub(crate) fn get_original_tx_hash(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    data_offset: MemPtr,
) -> Result<(), EarlyExit> {
    charge(
        instance,
        ctx.schedule.base_ops_api_cost.get_original_tx_hash,
    )?;
    let hash = ctx.input().original_tx_hash.clone();
    store(instance, data_offset, &hash)
}

/// `getCurrentTxHash`.
pub(crate) fn get_current_tx_hash(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    data_offset: MemPtr,
) -> Result<(), EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_current_tx_hash)?;
    let hash = ctx.input().current_tx_hash.clone();
    store(instance, data_offset, &hash)
}

/// `getPrevTxHash`.
pub(crate) fn get_prev_tx_hash(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    data_offset: MemPtr,
) -> Result<(), EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_prev_tx_hash)?;
    let hash = ctx.input().prev_tx_hash.clone();
    store(instance, data_offset, &hash)
}

/// `managedSCAddress`.
pub(crate) fn managed_sc_address(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    destination_handle: i32,
) -> Result<(), EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_sc_address)?;
    let contract = ctx.contract();
    set_buffer(ctx, destination_handle, contract.0.to_vec());
    Ok(())
}

/// `managedOwnerAddress` (empty if none).
pub(crate) fn managed_owner_address(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    destination_handle: i32,
) -> Result<(), EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_owner_address)?;
    let owner = owner(ctx);
    set_buffer(ctx, destination_handle, owner);
    Ok(())
}

/// `managedCaller`.
pub(crate) fn managed_caller(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    destination_handle: i32,
) -> Result<(), EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_caller)?;
    let caller = ctx.input().caller;
    set_buffer(ctx, destination_handle, caller.0.to_vec());
    Ok(())
}

/// `managedGetOriginalCallerAddr`: the transaction's sender.
pub(crate) fn managed_get_original_caller_addr(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    destination_handle: i32,
) -> Result<(), EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_caller)?;
    let caller = ctx.input().original_caller;
    set_buffer(ctx, destination_handle, caller.0.to_vec());
    Ok(())
}

/// `managedGetRelayerAddr`: the relayer, empty for a transaction that is not relayed.
pub(crate) fn managed_get_relayer_addr(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    destination_handle: i32,
) -> Result<(), EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_caller)?;
    let relayer = ctx
        .input()
        .relayer
        .map(|r| r.0.to_vec())
        .unwrap_or_default();
    set_buffer(ctx, destination_handle, relayer);
    Ok(())
}

/// `managedGetOriginalTxHash`.
pub(crate) fn managed_get_original_tx_hash(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    result_handle: i32,
) -> Result<(), EarlyExit> {
    charge(
        instance,
        ctx.schedule.base_ops_api_cost.get_original_tx_hash,
    )?;
    let hash = ctx.input().original_tx_hash.clone();
    set_buffer(ctx, result_handle, hash);
    Ok(())
}

/// `managedGetCodeMetadata`: the two metadata bytes of the account under `address_handle`
/// (empty for an account without code or metadata; nothing for a missing account, as the
/// production VM's hook returns without failing).
pub(crate) fn managed_get_code_metadata(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    address_handle: i32,
    response_handle: i32,
) -> Result<(), EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_code_metadata)?;
    charge(
        instance,
        ctx.schedule.managed_buffer_api_cost.m_buffer_set_bytes,
    )?;
    let bytes = buffer(ctx, address_handle)?;
    let chain = ctx.chain;
    let in_own_shard = |a: &blockchain_hooks::Address| {
        chain.account_exists(a) && chain.shard_of(a) == chain.self_shard()
    };
    let Some(address) = blockchain_hooks::Address::from_slice(&bytes).filter(in_own_shard) else {
        return Err(failed(crate::errors::account_not_found(&bytes)));
    };
    let metadata = ctx.chain.code_metadata(&address);
    let bytes = if metadata.bits() == 0 && ctx.chain.code(&address).is_none() {
        Vec::new()
    } else {
        metadata.0.to_vec()
    };
    set_buffer(ctx, response_handle, bytes);
    Ok(())
}

/// `managedGetCodeHash`: the code hash of the account under `address_handle` (empty if none).
/// The address is read before the gas is charged, as in the production VM.
pub(crate) fn managed_get_code_hash(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    address_handle: i32,
    code_hash_handle: i32,
) -> Result<(), EarlyExit> {
    let address = buffer(ctx, address_handle)?;
    charge(instance, ctx.schedule.base_ops_api_cost.get_code_hash)?;
    let hash = blockchain_hooks::Address::from_slice(&address)
        .and_then(|a| ctx.chain.code_hash(&a))
        .map(|h| h.to_vec())
        .unwrap_or_default();
    set_buffer(ctx, code_hash_handle, hash);
    Ok(())
}

/// `managedIsBuiltinFunction`: 1 if the name under the handle is an active builtin function.
pub(crate) fn managed_is_builtin_function(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    function_name_handle: i32,
) -> Result<i32, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.is_builtin_function)?;
    let name = buffer(ctx, function_name_handle)?;
    Ok(i32::from(
        ctx.chain
            .is_builtin_function(&String::from_utf8_lossy(&name)),
    ))
}

/// `bigIntGetExternalBalance`: the EGLD balance of the address at `address_offset` into the
/// big integer under `result`.
pub(crate) fn big_int_get_external_balance(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    address_offset: MemPtr,
    result: i32,
) -> Result<(), EarlyExit> {
    charge(
        instance,
        ctx.schedule.big_int_api_cost.big_int_get_external_balance,
    )?;
    let address = load_address(instance, address_offset)?;
    let balance = ctx.balance_of(address);
    set_big_int(ctx, result, balance);
    Ok(())
}

refused! {}

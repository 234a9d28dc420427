//! `upgradeContract` and `deleteContract` reached as nested calls (`executeUpgrade`,
//! `executeDelete`): an upgrade asynchronous call run in the same shard.

use blockchain_hooks::{BlockchainHooks as _, CodeMetadata, ContractCallInput, ReturnCode};
use executor_api::EarlyExit;

use crate::Context;
use crate::abi::times;
use crate::errors::{self, failed};
use crate::nested::run_code;

/// The contract's own upgrade endpoint.
const UPGRADE: &str = "upgrade";

/// Whether the running call's caller may upgrade or delete `input.recipient`: the owner of
/// an upgradeable contract (`checkUpgradePermission`).
fn allowed(ctx: &Context<'_>, input: &ContractCallInput) -> bool {
    let contract = &input.recipient;
    let state = ctx.state();
    state.account_exists(contract)
        && state.code_metadata(contract).is_upgradeable()
        && state.owner(contract) == Some(input.vm_input.caller)
}

/// Replaces the code of `input.recipient` with `arguments[0]` (metadata `arguments[1]`) and
/// runs its `upgrade` with the other arguments on the running frame; answers the gas left.
///
/// # Errors
/// "upgrade not allowed"; "upgrade failed (invalid arguments)"; out of gas; invalid code;
/// the upgrade's error.
pub(crate) fn upgrade(ctx: &mut Context<'_>, input: &ContractCallInput) -> Result<u64, EarlyExit> {
    if !allowed(ctx, input) {
        return Err(failed(errors::UPGRADE_NOT_ALLOWED));
    }
    let [code, metadata, ..] = input.vm_input.arguments.as_slice() else {
        return Err(EarlyExit::new(
            ReturnCode::UpgradeFailed,
            errors::INVALID_UPGRADE_ARGUMENTS,
        ));
    };
    let (code, metadata) = (code.clone(), CodeMetadata::from_bytes(metadata));
    let costs = ctx.schedule;
    let initial = costs
        .base_ops_api_cost
        .create_contract
        .saturating_add(times(
            costs.base_operation_cost.compile_per_byte,
            code.len(),
        ));
    let Some(gas_limit) = input.vm_input.gas_provided.checked_sub(initial) else {
        return Err(EarlyExit::out_of_gas());
    };
    let frame = ctx.frame_mut();
    frame.input.arguments.drain(..2);
    frame.code_metadata = metadata;
    let hash = crate::host::code_hash(ctx.chain, &code);
    let gas_left = match run_code(ctx, &code, hash, UPGRADE, gas_limit, true) {
        Err(exit) if exit.message == crate::nested::FUNCTION_NOT_FOUND => {
            return Err(failed(crate::nested::FUNCTION_NOT_FOUND));
        }
        other => other?,
    };
    let account = ctx.output.account_mut(input.recipient);
    account.code = Some(code);
    account.code_metadata = Some(metadata);
    account.code_deployer = Some(input.vm_input.caller);
    Ok(gas_left)
}

/// Deletes `input.recipient` when its owner asks (a refusal is ignored, as the production VM
/// does); answers the gas left (all of it).
///
/// # Errors
/// None.
pub(crate) fn delete(ctx: &mut Context<'_>, input: &ContractCallInput) -> Result<u64, EarlyExit> {
    if allowed(ctx, input) {
        ctx.output
            .output_mut()
            .deleted_accounts
            .push(input.recipient);
    }
    Ok(input.vm_input.gas_provided)
}

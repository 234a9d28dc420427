//! Deploying contracts from a running contract (`CreateNewContract`), and the nested calls
//! that are not function calls (`upgradeContract`, `deleteContract`).
//!
//! A contract deploys at the address the chain derives from it and its nonce (the account's
//! nonce for a contract creator, one below for a user); the deploy is refused in read-only
//! mode or over an existing account. The new code is recorded, then its `init` runs as a
//! nested call with the value; on success the creator's nonce goes up by one, on failure the
//! new account is gone and the caller fails with the error.

mod upgrade;

use blockchain_hooks::{
    Address, BlockchainHooks as _, CallType, CodeMetadata, ContractCallInput, VmInput, WASM_VM_TYPE,
};
use executor_api::{EarlyExit, InstanceAccess};
use num_bigint::BigUint;

use crate::Context;
use crate::abi::times;
use crate::errors::failed;
use crate::nested::{self, ChildMode};

/// A deploy at an address that already has an account.
pub const DEPLOY_OVER_EXISTING_ACCOUNT: &str = "cannot deploy over existing account";
/// The constructor.
const INIT: &str = "init";

/// The nonce of `address` as this transaction sees it.
pub(crate) fn current_nonce(ctx: &Context<'_>, address: &Address) -> u64 {
    ctx.output
        .output()
        .output_accounts
        .get(address)
        .and_then(|a| a.nonce)
        .unwrap_or_else(|| ctx.chain.nonce(address))
}

/// A deploy a contract asks for.
pub(crate) struct Deploy {
    pub code: Vec<u8>,
    pub metadata: CodeMetadata,
    pub value: BigUint,
    pub args: Vec<Vec<u8>>,
    pub gas_limit: i64,
    /// The label of the init's transfer events (`DeploySmartContract`, `DeployFromSource`).
    pub label: &'static str,
}

/// Deploys `deploy.code` from the running contract and runs its `init`; answers the new
/// address.
///
/// # Errors
/// Out of gas (code compile cost above the running call's gas); read-only mode; an existing
/// account; the init's error.
pub(crate) fn create_contract(
    ctx: &mut Context<'_>,
    parent: &mut dyn InstanceAccess,
    deploy: Deploy,
) -> Result<Address, EarlyExit> {
    let compile = times(
        ctx.schedule.base_operation_cost.compile_per_byte,
        deploy.code.len(),
    );
    if compile > ctx.input().gas_provided {
        return Err(EarlyExit::out_of_gas());
    }
    if ctx.read_only() {
        return Err(failed(nested::READ_ONLY));
    }
    let creator = ctx.contract();
    let nonce = current_nonce(ctx, &creator);
    let derive_nonce = if ctx.state().is_smart_contract(&creator) {
        nonce
    } else {
        nonce.saturating_sub(1)
    };
    let address = ctx
        .chain
        .new_address(&creator, derive_nonce, WASM_VM_TYPE)
        .map_err(|e| failed(e.to_string()))?;
    let pending_code = ctx
        .output
        .output()
        .output_accounts
        .get(&address)
        .is_some_and(|a| a.code.is_some());
    if ctx.chain.account_exists(&address) || pending_code {
        return Err(failed(DEPLOY_OVER_EXISTING_ACCOUNT));
    }
    let checkpoint = ctx.output.checkpoint();
    let account = ctx.output.account_mut(address);
    account.code = Some(deploy.code);
    account.code_metadata = Some(deploy.metadata);
    account.code_deployer = Some(creator);
    let current = ctx.input();
    let input = ContractCallInput {
        vm_input: VmInput {
            caller: creator,
            arguments: deploy.args,
            egld_value: deploy.value,
            call_type: CallType::DirectCall,
            gas_provided: crate::hooks::bound_gas(parent, deploy.gas_limit),
            original_caller: current.original_caller,
            relayer: current.relayer,
            ..VmInput::default()
        },
        recipient: address,
        function: INIT.to_owned(),
        allow_init: true,
    };
    let mode = ChildMode::Dest {
        read_only: false,
        label: Some(deploy.label),
    };
    if let Err(exit) = nested::execute_on_dest(ctx, parent, input, mode) {
        ctx.output.revert(checkpoint);
        return Err(exit);
    }
    ctx.output.commit(checkpoint);
    ctx.output.account_mut(creator).nonce = Some(nonce.saturating_add(1));
    Ok(address)
}

/// A nested call that is not a function call: `upgradeContract` and `deleteContract` run
/// the protocol's upgrade and delete instead of a function (`execute`); answers the gas left,
/// or `None` for an ordinary call.
///
/// # Errors
/// The upgrade's or delete's failure.
pub(crate) fn divert(
    ctx: &mut Context<'_>,
    input: &ContractCallInput,
) -> Result<Option<u64>, EarlyExit> {
    match input.function.as_str() {
        "upgradeContract" => upgrade::upgrade(ctx, input).map(Some),
        "deleteContract" => upgrade::delete(ctx, input).map(Some),
        _ => Ok(None),
    }
}

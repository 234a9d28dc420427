//! `ChangeOwnerAddress`, `ClaimDeveloperRewards`, `SetUserName` and `DeleteUserName`.

use blockchain_hooks::Address;
use num_bigint::BigInt;

use super::context::{BuiltinContext, be_bytes};
use super::{BuiltinResult, Refusal, messages};
use crate::world::reserved_keys::{DEVELOPER_REWARDS_KEY, USERNAME_KEY};

fn require_owner(ctx: &BuiltinContext<'_>) -> BuiltinResult {
    if ctx.state.owner(&ctx.input.recipient) != Some(ctx.caller()) {
        return Err(Refusal::failed(messages::NOT_OWNER));
    }
    Ok(())
}

/// `ChangeOwnerAddress@newOwner`, sent by the owner to the contract.
pub(crate) fn change_owner(ctx: &mut BuiltinContext<'_>) -> BuiltinResult {
    ctx.require_args(1)?;
    require_owner(ctx)?;
    let new_owner = Address::from_slice(&ctx.args()[0])
        .ok_or_else(|| Refusal::failed(messages::INVALID_ARGUMENTS))?;
    let contract = ctx.input.recipient;
    ctx.touch(contract).code_deployer = Some(new_owner);
    ctx.push_log("ChangeOwnerAddress", contract, vec![new_owner.0.to_vec()]);
    Ok(())
}

/// `ClaimDeveloperRewards`, sent by the owner to the contract: moves the contract's
/// developer rewards to the owner.
pub(crate) fn claim_developer_rewards(ctx: &mut BuiltinContext<'_>) -> BuiltinResult {
    require_owner(ctx)?;
    let contract = ctx.input.recipient;
    let caller = ctx.caller();
    let rewards = ctx.state.developer_rewards(&contract);
    ctx.write_storage(contract, DEVELOPER_REWARDS_KEY.to_vec(), Vec::new());
    ctx.add_egld(caller, BigInt::from(rewards.clone()));
    let topics = vec![be_bytes(&rewards), caller.0.to_vec()];
    ctx.push_log("ClaimDeveloperRewards", contract, topics);
    Ok(())
}

/// `SetUserName@name`: sets the username of the receiving account.
pub(crate) fn set_user_name(ctx: &mut BuiltinContext<'_>) -> BuiltinResult {
    ctx.require_args(1)?;
    let account = ctx.input.recipient;
    let name = ctx.args()[0].clone();
    ctx.write_storage(account, USERNAME_KEY.to_vec(), name);
    Ok(())
}

/// Whether `address` is one of the DNS contracts the production test world knows:
/// `sc:dns#00` to `sc:dns#fe`.
fn is_dns_address(address: &Address) -> bool {
    let mut name = [b'_'; 21];
    name[..3].copy_from_slice(b"dns");
    let bytes = &address.0;
    bytes[..8] == [0; 8] && bytes[8..10] == [5, 0] && bytes[10..31] == name && bytes[31] != 0xff
}

/// `DeleteUserName`, sent by a DNS contract to an account: clears the account's username.
pub(crate) fn delete_user_name(ctx: &mut BuiltinContext<'_>) -> BuiltinResult {
    if !is_dns_address(&ctx.caller()) {
        return Err(Refusal::failed(messages::NOT_DNS));
    }
    if !ctx.args().is_empty() {
        return Err(Refusal::failed(messages::INVALID_ARGUMENTS));
    }
    let account = ctx.input.recipient;
    ctx.write_storage(account, USERNAME_KEY.to_vec(), Vec::new());
    Ok(())
}

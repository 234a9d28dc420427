//! The local ESDT operations a role holder runs on its own account: mint, burn, NFT create,
//! add quantity, burn, add URI, update attributes.

use blockchain_hooks::{EsdtMetadata, EsdtTokenData, EsdtTokenType};
use num_bigint::BigUint;
use num_traits::Zero;

use super::context::{BuiltinContext, arg_u64, be_bytes, nonce_bytes};
use super::{BuiltinResult, Refusal, messages};
use crate::builtins::encode::marshal_esdt_token;

/// Refuses unless the builtin is sent to the caller itself.
fn require_self(ctx: &BuiltinContext<'_>) -> BuiltinResult {
    if ctx.input.recipient != ctx.caller() {
        return Err(Refusal::failed(messages::INVALID_ARGUMENTS));
    }
    Ok(())
}

/// `ESDTLocalMint@token@value`.
pub(crate) fn local_mint(ctx: &mut BuiltinContext<'_>) -> BuiltinResult {
    ctx.require_args(2)?;
    require_self(ctx)?;
    let args = ctx.args();
    let caller = ctx.caller();
    ctx.require_role(&caller, &args[0], "ESDTRoleLocalMint")?;
    let value = BigUint::from_bytes_be(&args[1]);
    if value.is_zero() {
        return Err(Refusal::failed(messages::NEGATIVE_VALUE));
    }
    if ctx.state.esdt_paused(&args[0]) {
        return Err(Refusal::failed(messages::TOKEN_PAUSED));
    }
    let mut holding = ctx.holding(&caller, &args[0], 0);
    holding.value += &value;
    ctx.set_holding(caller, &args[0], 0, holding);
    let topics = vec![args[0].clone(), Vec::new(), be_bytes(&value)];
    ctx.push_log("ESDTLocalMint", caller, topics);
    Ok(())
}

/// `ESDTLocalBurn@token@value`.
pub(crate) fn local_burn(ctx: &mut BuiltinContext<'_>) -> BuiltinResult {
    ctx.require_args(2)?;
    require_self(ctx)?;
    let args = ctx.args();
    let caller = ctx.caller();
    ctx.require_role(&caller, &args[0], "ESDTRoleLocalBurn")?;
    let value = BigUint::from_bytes_be(&args[1]);
    subtract(ctx, &args[0], 0, &value)?;
    let topics = vec![args[0].clone(), Vec::new(), be_bytes(&value)];
    ctx.push_log("ESDTLocalBurn", caller, topics);
    Ok(())
}

fn subtract(
    ctx: &mut BuiltinContext<'_>,
    token: &[u8],
    nonce: u64,
    value: &BigUint,
) -> BuiltinResult {
    let caller = ctx.caller();
    if ctx.state.esdt_paused(token) {
        return Err(Refusal::failed(messages::TOKEN_PAUSED));
    }
    let mut holding = ctx.holding(&caller, token, nonce);
    if &holding.value < value {
        return Err(Refusal::failed(messages::INSUFFICIENT_FUNDS));
    }
    holding.value -= value;
    ctx.set_holding(caller, token, nonce, holding);
    Ok(())
}

/// `ESDTNFTCreate@token@quantity@name@royalties@hash@attributes@uri[@uri…]`: answers the new
/// nonce.
pub(crate) fn nft_create(ctx: &mut BuiltinContext<'_>) -> BuiltinResult {
    ctx.require_args(7)?;
    require_self(ctx)?;
    let args = ctx.args();
    let caller = ctx.caller();
    let token = args[0].clone();
    ctx.require_role(&caller, &token, "ESDTRoleNFTCreate")?;
    let quantity = BigUint::from_bytes_be(&args[1]);
    if quantity.is_zero() {
        return Err(Refusal::failed(messages::INVALID_ARGUMENTS));
    }
    let royalties = u32::try_from(arg_u64(&args[3])?)
        .ok()
        .filter(|r| *r <= 10_000)
        .ok_or_else(|| {
            Refusal::failed("invalid arguments to process built-in function royalties")
        })?;
    let nonce = ctx.last_nonce(&caller, &token) + 1;
    let token_type = if quantity == BigUint::from(1u8) {
        EsdtTokenType::NonFungible
    } else {
        EsdtTokenType::SemiFungible
    };
    let data = EsdtTokenData {
        token_type,
        value: quantity.clone(),
        properties: Vec::new(),
        metadata: Some(EsdtMetadata {
            nonce,
            name: args[2].clone(),
            creator: caller,
            royalties,
            hash: args[4].clone(),
            attributes: args[5].clone(),
            uris: args[6..].to_vec(),
        }),
    };
    let marshalled = marshal_esdt_token(&data);
    ctx.set_holding(caller, &token, nonce, data);
    ctx.set_last_nonce(caller, &token, nonce);
    let topics = vec![token, nonce_bytes(nonce), be_bytes(&quantity), marshalled];
    ctx.push_log("ESDTNFTCreate", caller, topics);
    ctx.touch(caller);
    ctx.set_return_data(vec![nonce_bytes(nonce)]);
    Ok(())
}

/// `ESDTNFTAddQuantity@token@nonce@value`.
pub(crate) fn nft_add_quantity(ctx: &mut BuiltinContext<'_>) -> BuiltinResult {
    ctx.require_args(3)?;
    require_self(ctx)?;
    let args = ctx.args();
    let caller = ctx.caller();
    ctx.require_role(&caller, &args[0], "ESDTRoleNFTAddQuantity")?;
    let nonce = arg_u64(&args[1])?;
    let value = BigUint::from_bytes_be(&args[2]);
    let mut holding = ctx.holding(&caller, &args[0], nonce);
    if holding.metadata.is_none() {
        return Err(Refusal::failed(messages::NEW_NFT_DATA_ON_SENDER));
    }
    holding.value += &value;
    ctx.set_holding(caller, &args[0], nonce, holding);
    let topics = vec![args[0].clone(), nonce_bytes(nonce), be_bytes(&value)];
    ctx.push_log("ESDTNFTAddQuantity", caller, topics);
    Ok(())
}

/// `ESDTNFTBurn@token@nonce@value`.
pub(crate) fn nft_burn(ctx: &mut BuiltinContext<'_>) -> BuiltinResult {
    ctx.require_args(3)?;
    require_self(ctx)?;
    let args = ctx.args();
    let caller = ctx.caller();
    ctx.require_role(&caller, &args[0], "ESDTRoleNFTBurn")?;
    let nonce = arg_u64(&args[1])?;
    let value = BigUint::from_bytes_be(&args[2]);
    subtract(ctx, &args[0], nonce, &value)?;
    let topics = vec![args[0].clone(), nonce_bytes(nonce), be_bytes(&value)];
    ctx.push_log("ESDTNFTBurn", caller, topics);
    Ok(())
}

/// Changes the metadata of an instance the caller holds, with `role`.
fn update_metadata(
    ctx: &mut BuiltinContext<'_>,
    role: &str,
    change: impl FnOnce(&mut EsdtMetadata, &[Vec<u8>]),
) -> Result<(Vec<u8>, u64), Refusal> {
    ctx.require_args(3)?;
    require_self(ctx)?;
    let args = ctx.args();
    let caller = ctx.caller();
    ctx.require_role(&caller, &args[0], role)?;
    let nonce = arg_u64(&args[1])?;
    let mut holding = ctx.holding(&caller, &args[0], nonce);
    let Some(metadata) = holding
        .metadata
        .as_mut()
        .filter(|_| !holding.value.is_zero())
    else {
        return Err(Refusal::failed(messages::NEW_NFT_DATA_ON_SENDER));
    };
    change(metadata, &args[2..]);
    ctx.set_holding(caller, &args[0], nonce, holding);
    Ok((args[0].clone(), nonce))
}

/// `ESDTNFTAddURI@token@nonce@uri[@uri…]`.
pub(crate) fn nft_add_uri(ctx: &mut BuiltinContext<'_>) -> BuiltinResult {
    let (token, nonce) = update_metadata(ctx, "ESDTRoleNFTAddURI", |m, uris| {
        m.uris.extend(uris.iter().cloned());
    })?;
    let mut topics = vec![token, nonce_bytes(nonce), Vec::new()];
    topics.extend(ctx.args()[2..].iter().cloned());
    let caller = ctx.caller();
    ctx.push_log("ESDTNFTAddURI", caller, topics);
    Ok(())
}

/// `ESDTNFTUpdateAttributes@token@nonce@attributes`.
pub(crate) fn nft_update_attributes(ctx: &mut BuiltinContext<'_>) -> BuiltinResult {
    let (token, nonce) = update_metadata(ctx, "ESDTRoleNFTUpdateAttributes", |m, rest| {
        m.attributes = rest.first().cloned().unwrap_or_default();
    })?;
    let topics = vec![token, nonce_bytes(nonce), Vec::new(), ctx.args()[2].clone()];
    let caller = ctx.caller();
    ctx.push_log("ESDTNFTUpdateAttributes", caller, topics);
    Ok(())
}

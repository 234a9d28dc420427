//! ESDT token information: balances, NFT data, roles, token identifier validation.
//!
//! Holdings come from [`BlockchainHooks::esdt_token_data`](blockchain_hooks::BlockchainHooks::esdt_token_data)
//! (nothing held reads as a zero balance without metadata). Roles and the last NFT nonce are
//! protocol storage keys of the account: read from its storage, or, when the chain keeps them
//! elsewhere, from `esdt_roles` / `esdt_last_nonce`, encoded as the protocol stores them.

use blockchain_hooks::{Address, EsdtKey, EsdtTokenData};
use num_bigint::BigInt;

use super::prelude::*;
use crate::abi::{
    buffer, charge, charge_copy, len_i32, load, load_address, set_big_int, set_buffer, store,
    write_managed_vec,
};
use crate::convert;
use crate::errors::{self, failed};
use crate::storage;

/// The storage key prefix of an account's roles for a token (`ELRONDroleesdt`).
const ROLES_KEY_PREFIX: &[u8] = b"ELRONDroleesdt";
/// The storage key prefix of the last NFT nonce of a token (`ELRONDnonce`).
const NONCE_KEY_PREFIX: &[u8] = b"ELRONDnonce";

/// Role names and their bits in `getESDTLocalRoles`' result.
const ROLES: [&str; 11] = [
    "ESDTRoleLocalMint",
    "ESDTRoleLocalBurn",
    "ESDTRoleNFTCreate",
    "ESDTRoleNFTAddQuantity",
    "ESDTRoleNFTBurn",
    "ESDTRoleNFTUpdateAttributes",
    "ESDTRoleNFTAddURI",
    "ESDTRoleNFTRecreate",
    "ESDTRoleModifyCreator",
    "ESDTRoleModifyRoyalties",
    "ESDTRoleSetNewURI",
];

/// What `address` holds of `token` at `nonce` (default: nothing).
fn token_data(ctx: &Context<'_>, address: &Address, token: &[u8], nonce: i64) -> EsdtTokenData {
    let key = EsdtKey {
        token: token.to_vec(),
        nonce: nonce as u64,
    };
    blockchain_hooks::BlockchainHooks::esdt_token_data(&ctx.state(), address, &key)
        .unwrap_or_default()
}

/// Reads the address and token from memory, after `GetExternalBalance`.
fn esdt_data(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    address_offset: MemPtr,
    token_id_offset: MemPtr,
    token_id_len: MemLength,
    nonce: i64,
) -> Result<EsdtTokenData, EarlyExit> {
    charge(
        instance,
        ctx.schedule.base_ops_api_cost.get_external_balance,
    )?;
    let address = load_address(instance, address_offset)?;
    let token = load(instance, token_id_offset, token_id_len)?;
    Ok(token_data(ctx, &address, &token, nonce))
}

/// Reads the address and token from managed buffers, after `GetExternalBalance`; a missing
/// buffer fails with "argument out of range".
fn managed_esdt_data(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    address_handle: i32,
    token_id_handle: i32,
    nonce: i64,
) -> Result<EsdtTokenData, EarlyExit> {
    charge(
        instance,
        ctx.schedule.base_ops_api_cost.get_external_balance,
    )?;
    let out_of_range = |_| failed(errors::ARG_OUT_OF_RANGE);
    let address = buffer(ctx, address_handle).map_err(out_of_range)?;
    let token = buffer(ctx, token_id_handle).map_err(out_of_range)?;
    Ok(Address::from_slice(&address)
        .map(|a| token_data(ctx, &a, &token, nonce))
        .unwrap_or_default())
}

/// `getESDTBalance`: the balance, minimal big-endian, at `result_offset`; returns its length.
pub(crate) fn get_esdt_balance(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    address_offset: MemPtr,
    token_id_offset: MemPtr,
    token_id_len: MemLength,
    nonce: i64,
    result_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    let data = esdt_data(
        ctx,
        instance,
        address_offset,
        token_id_offset,
        token_id_len,
        nonce,
    )?;
    let value = convert::biguint_bytes(&data.value);
    store(instance, result_offset, &value)?;
    Ok(len_i32(value.len()))
}

/// The metadata length `field` picks, failing with "nil esdt data" without metadata.
fn metadata_len(
    data: EsdtTokenData,
    field: impl FnOnce(&blockchain_hooks::EsdtMetadata) -> usize,
) -> Result<i32, EarlyExit> {
    let metadata = data.metadata.ok_or_else(|| failed(errors::NIL_ESDT_DATA))?;
    Ok(len_i32(field(&metadata)))
}

/// `getESDTNFTNameLength`.
pub(crate) fn get_esdt_nft_name_length(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    address_offset: MemPtr,
    token_id_offset: MemPtr,
    token_id_len: MemLength,
    nonce: i64,
) -> Result<i32, EarlyExit> {
    let data = esdt_data(
        ctx,
        instance,
        address_offset,
        token_id_offset,
        token_id_len,
        nonce,
    )?;
    metadata_len(data, |m| m.name.len())
}

/// `getESDTNFTAttributeLength`.
pub(crate) fn get_esdt_nft_attribute_length(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    address_offset: MemPtr,
    token_id_offset: MemPtr,
    token_id_len: MemLength,
    nonce: i64,
) -> Result<i32, EarlyExit> {
    let data = esdt_data(
        ctx,
        instance,
        address_offset,
        token_id_offset,
        token_id_len,
        nonce,
    )?;
    metadata_len(data, |m| m.attributes.len())
}

/// `getESDTNFTURILength`: the first URI's length (0 without URIs).
pub(crate) fn get_esdt_nft_uri_length(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    address_offset: MemPtr,
    token_id_offset: MemPtr,
    token_id_len: MemLength,
    nonce: i64,
) -> Result<i32, EarlyExit> {
    let data = esdt_data(
        ctx,
        instance,
        address_offset,
        token_id_offset,
        token_id_len,
        nonce,
    )?;
    metadata_len(data, |m| m.uris.first().map_or(0, Vec::len))
}

/// `getESDTTokenData`: value into a big integer, properties, and with metadata: hash, name,
/// attributes, creator, royalties (big integer) and the first URI; returns the value's length.
pub(crate) fn get_esdt_token_data(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    address_offset: MemPtr,
    token_id_offset: MemPtr,
    token_id_len: MemLength,
    nonce: i64,
    value_handle: i32,
    properties_offset: MemPtr,
    hash_offset: MemPtr,
    name_offset: MemPtr,
    attributes_offset: MemPtr,
    creator_offset: MemPtr,
    royalties_handle: i32,
    uris_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    let data = esdt_data(
        ctx,
        instance,
        address_offset,
        token_id_offset,
        token_id_len,
        nonce,
    )?;
    set_big_int(ctx, value_handle, BigInt::from(data.value.clone()));
    store(instance, properties_offset, &data.properties)?;
    if let Some(metadata) = &data.metadata {
        store(instance, hash_offset, &metadata.hash)?;
        store(instance, name_offset, &metadata.name)?;
        store(instance, attributes_offset, &metadata.attributes)?;
        store(instance, creator_offset, metadata.creator.as_bytes())?;
        set_big_int(ctx, royalties_handle, BigInt::from(metadata.royalties));
        if let Some(uri) = metadata.uris.first() {
            store(instance, uris_offset, uri)?;
        }
    }
    Ok(len_i32(convert::biguint_bytes(&data.value).len()))
}

/// The protocol's encoding of a roles record: per role, `0x0a`, a varint length, the name.
fn encode_roles(roles: &[Vec<u8>]) -> Vec<u8> {
    let mut bytes = Vec::new();
    for role in roles {
        bytes.push(0x0a);
        let mut len = role.len();
        while len >= 0x80 {
            bytes.push((len as u8 & 0x7f) | 0x80);
            len >>= 7;
        }
        bytes.push(len as u8);
        bytes.extend_from_slice(role);
    }
    bytes
}

/// The role bits of a roles record; a malformed record grants nothing.
fn role_bits(record: &[u8]) -> i64 {
    let mut bits = 0i64;
    let mut at = 0usize;
    while at < record.len() {
        at += 1;
        let Some(&len) = record.get(at) else {
            return 0;
        };
        at += 1;
        let Some(name) = record.get(at..at + usize::from(len)) else {
            return 0;
        };
        at += usize::from(len);
        if let Some(bit) = ROLES.iter().position(|r| r.as_bytes() == name) {
            bits |= 1 << bit;
        }
    }
    bits
}

/// `getESDTLocalRoles`: the running contract's roles for the token under `token_id_handle`,
/// as bits (mint 1, burn 2, NFT create 4, add quantity 8, NFT burn 16, …).
///
/// # Gas
/// A storage read of the roles key: its bytes, then the load cost with `StorageLoad`.
pub(crate) fn get_esdt_local_roles(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    token_id_handle: i32,
) -> Result<i64, EarlyExit> {
    let token = buffer(ctx, token_id_handle)?;
    let mut key = ROLES_KEY_PREFIX.to_vec();
    key.extend_from_slice(&token);
    let contract = ctx.contract();
    let chain = ctx.chain;
    let fallback = || encode_roles(&chain.esdt_roles(&contract, &token));
    let loaded = storage::get_from_address_or(ctx, instance, contract.as_bytes(), &key, fallback)?;
    let cost = ctx.schedule.base_ops_api_cost.storage_load;
    storage::charge_load(ctx, instance, &loaded, cost)?;
    Ok(role_bits(&loaded.value))
}

/// Whether `token` is a valid identifier: 3–10 upper-case letters or digits, `-`, 6
/// lower-case hex digits.
fn valid_token(token: &[u8]) -> bool {
    const RANDOM_LEN: usize = 6;
    if !(3 + RANDOM_LEN + 1..=10 + RANDOM_LEN + 1).contains(&token.len()) {
        return false;
    }
    let (ticker, rest) = token.split_at(token.len() - RANDOM_LEN - 1);
    ticker
        .iter()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && rest[0] == b'-'
        && rest[1..]
            .iter()
            .all(|c| matches!(c, b'a'..=b'f' | b'0'..=b'9'))
}

/// `validateTokenIdentifier`: 1 if the buffer under the handle is a valid identifier.
pub(crate) fn validate_token_identifier(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    token_id_handle: i32,
) -> Result<i32, EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.get_argument)?;
    let token = buffer(ctx, token_id_handle)?;
    Ok(i32::from(valid_token(&token)))
}

/// `getCurrentESDTNFTNonce`: the last NFT nonce the account at `address_offset` created of
/// the token.
///
/// # Gas
/// A storage read of the nonce key (never cached), then the load cost with `StorageLoad`.
pub(crate) fn get_current_esdt_nft_nonce(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    address_offset: MemPtr,
    token_id_offset: MemPtr,
    token_id_len: MemLength,
) -> Result<i64, EarlyExit> {
    let destination = load_address(instance, address_offset)?;
    let token = load(instance, token_id_offset, token_id_len)?;
    let mut key = NONCE_KEY_PREFIX.to_vec();
    key.extend_from_slice(&token);
    let chain = ctx.chain;
    let fallback = || convert::u64_bytes(chain.esdt_last_nonce(&destination, &token));
    let mut loaded =
        storage::get_from_address_or(ctx, instance, destination.as_bytes(), &key, fallback)?;
    loaded.used_cache = false;
    let cost = ctx.schedule.base_ops_api_cost.storage_load;
    storage::charge_load(ctx, instance, &loaded, cost)?;
    let value = &loaded.value;
    let mut low = [0u8; 8];
    let tail = &value[value.len().saturating_sub(8)..];
    low[8 - tail.len()..].copy_from_slice(tail);
    Ok(u64::from_be_bytes(low) as i64)
}

/// `managedGetESDTBalance`.
pub(crate) fn managed_get_esdt_balance(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    address_handle: i32,
    token_id_handle: i32,
    nonce: i64,
    value_handle: i32,
) -> Result<(), EarlyExit> {
    let data = managed_esdt_data(ctx, instance, address_handle, token_id_handle, nonce)?;
    set_big_int(ctx, value_handle, BigInt::from(data.value));
    Ok(())
}

/// Sets the buffer under `handle` to `bytes`, charging `DataCopyPerByte` per byte.
fn set_charged(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    handle: i32,
    bytes: Vec<u8>,
) -> Result<(), EarlyExit> {
    let len = bytes.len();
    set_buffer(ctx, handle, bytes);
    charge_copy(ctx, instance, len)
}

/// `managedGetESDTTokenData`: as `getESDTTokenData`, into managed values; the URIs as a
/// managed vector of buffers.
pub(crate) fn managed_get_esdt_token_data(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    address_handle: i32,
    token_id_handle: i32,
    nonce: i64,
    value_handle: i32,
    properties_handle: i32,
    hash_handle: i32,
    name_handle: i32,
    attributes_handle: i32,
    creator_handle: i32,
    royalties_handle: i32,
    uris_handle: i32,
) -> Result<(), EarlyExit> {
    let data = managed_esdt_data(ctx, instance, address_handle, token_id_handle, nonce)?;
    set_big_int(ctx, value_handle, BigInt::from(data.value));
    set_buffer(ctx, properties_handle, data.properties);
    let Some(metadata) = data.metadata else {
        return Ok(());
    };
    set_charged(ctx, instance, hash_handle, metadata.hash)?;
    set_charged(ctx, instance, name_handle, metadata.name)?;
    set_charged(ctx, instance, attributes_handle, metadata.attributes)?;
    set_charged(ctx, instance, creator_handle, metadata.creator.0.to_vec())?;
    set_big_int(ctx, royalties_handle, BigInt::from(metadata.royalties));
    write_managed_vec(ctx, instance, &metadata.uris, uris_handle)
}

/// `managedGetESDTTokenType`: the token type number into a big integer.
pub(crate) fn managed_get_esdt_token_type(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    address_handle: i32,
    token_id_handle: i32,
    nonce: i64,
    type_handle: i32,
) -> Result<(), EarlyExit> {
    let data = managed_esdt_data(ctx, instance, address_handle, token_id_handle, nonce)?;
    set_big_int(ctx, type_handle, BigInt::from(data.token_type.as_u32()));
    Ok(())
}

/// `managedIsESDTFrozen`: 1 if the account's holding is frozen.
pub(crate) fn managed_is_esdt_frozen(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    address_handle: i32,
    token_id_handle: i32,
    nonce: i64,
) -> Result<i32, EarlyExit> {
    charge(
        instance,
        ctx.schedule.base_ops_api_cost.get_external_balance,
    )?;
    let address = buffer(ctx, address_handle)?;
    let token = buffer(ctx, token_id_handle)?;
    let frozen = Address::from_slice(&address)
        .is_some_and(|a| token_data(ctx, &a, &token, nonce).is_frozen());
    Ok(i32::from(frozen))
}

/// `managedIsESDTLimitedTransfer`.
pub(crate) fn managed_is_esdt_limited_transfer(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    token_id_handle: i32,
) -> Result<i32, EarlyExit> {
    charge(
        instance,
        ctx.schedule.base_ops_api_cost.get_external_balance,
    )?;
    let token = buffer(ctx, token_id_handle)?;
    Ok(i32::from(ctx.chain.esdt_limited_transfer(&token)))
}

/// `managedIsESDTPaused`.
pub(crate) fn managed_is_esdt_paused(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    token_id_handle: i32,
) -> Result<i32, EarlyExit> {
    charge(
        instance,
        ctx.schedule.base_ops_api_cost.get_external_balance,
    )?;
    let token = buffer(ctx, token_id_handle)?;
    Ok(i32::from(ctx.chain.esdt_paused(&token)))
}

/// `bigIntGetESDTExternalBalance`: two flat charges (`BigIntGetExternalBalance`, then
/// `GetExternalBalance`), the balance into a big integer.
pub(crate) fn big_int_get_esdt_external_balance(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    address_offset: MemPtr,
    token_id_offset: MemPtr,
    token_id_len: MemLength,
    nonce: i64,
    result_handle: i32,
) -> Result<(), EarlyExit> {
    charge(
        instance,
        ctx.schedule.big_int_api_cost.big_int_get_external_balance,
    )?;
    let data = esdt_data(
        ctx,
        instance,
        address_offset,
        token_id_offset,
        token_id_len,
        nonce,
    )?;
    set_big_int(ctx, result_handle, BigInt::from(data.value));
    Ok(())
}

refused! {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_identifiers_follow_the_protocol() {
        assert!(valid_token(b"TOKEN-123abc"));
        assert!(valid_token(b"ABC-000000"));
        assert!(!valid_token(b"AB-000000"));
        assert!(!valid_token(b"token-123abc"));
        assert!(!valid_token(b"TOKEN-123ABC"));
        assert!(!valid_token(b"TOKEN_123abc"));
        assert!(!valid_token(b"ABCDEFGHIJK-123abc"));
    }

    #[test]
    fn roles_round_trip_through_the_protocol_encoding() {
        let record = encode_roles(&[b"ESDTRoleLocalMint".to_vec(), b"ESDTRoleNFTBurn".to_vec()]);
        assert_eq!(role_bits(&record), 1 | 16);
        assert_eq!(role_bits(&record[..record.len() - 1]), 0);
        assert_eq!(role_bits(&[]), 0);
    }
}

//! The `setState` and `dumpState` steps.

use std::fmt::Write as _;

use blockchain_hooks::{EsdtMetadata, EsdtTokenData, EsdtTokenType};

use super::model::{AccountInit, EsdtInit, SetState};
use super::report::readable;
use super::steps::DEFAULT_CODE_METADATA;
use crate::{Account, TokenHolding, World};

/// The length the chain gives a block's random seed (shorter seeds are right-padded).
const RANDOM_SEED_LEN: usize = 48;

/// Applies a `setState`: every account named is replaced, block infos updated field by field,
/// new-address entries added.
pub(crate) fn apply_set_state(world: &mut World, set: &SetState) {
    for (address, init) in &set.accounts {
        let account = match world.account(address) {
            Some(existing) if init.update => updated(existing.clone(), init),
            _ => new_account(init),
        };
        if let Some(shard) = init.shard {
            world.set_shard(*address, shard);
        }
        world.set_account(*address, account);
    }
    for (creator, nonce, new) in &set.new_addresses {
        world.set_new_address(*creator, *nonce, *new);
    }
    if let Some(update) = &set.previous_block {
        update.apply(world.previous_block_mut());
        pad_seed(&mut world.previous_block_mut().random_seed);
    }
    if let Some(update) = &set.current_block {
        update.apply(world.current_block_mut());
        pad_seed(&mut world.current_block_mut().random_seed);
    }
    if let Some(hashes) = &set.block_hashes {
        world.set_block_hashes(hashes.clone());
    }
}

fn new_account(init: &AccountInit) -> Account {
    let mut account = Account {
        nonce: init.nonce,
        balance: init.balance.clone(),
        code: init.code.clone(),
        code_metadata: init.code_metadata.unwrap_or_default(),
        owner: init.owner,
        username: init.username.clone(),
        developer_rewards: init.developer_rewards.clone(),
        ..Account::default()
    };
    if account.code.is_some() && init.code_metadata.is_none() {
        account.code_metadata = DEFAULT_CODE_METADATA;
    }
    merge_storage_and_esdt(&mut account, init);
    account
}

/// `"update": true`: the named fields change, storage and ESDT entries are added or replaced.
fn updated(mut account: Account, init: &AccountInit) -> Account {
    let named = |field: &str| init.fields.contains(field);
    if named("nonce") {
        account.nonce = init.nonce;
    }
    if named("balance") {
        account.balance = init.balance.clone();
    }
    if named("username") {
        account.username = init.username.clone();
    }
    if named("owner") {
        account.owner = init.owner;
    }
    if named("code") {
        account.code = init.code.clone();
    }
    if let Some(metadata) = init.code_metadata {
        account.code_metadata = metadata;
    }
    if named("developerRewards") {
        account.developer_rewards = init.developer_rewards.clone();
    }
    merge_storage_and_esdt(&mut account, init);
    account
}

fn merge_storage_and_esdt(account: &mut Account, init: &AccountInit) {
    for (key, value) in &init.storage {
        account.set_storage(key.clone(), value.clone());
    }
    for esdt in &init.esdt {
        let holding = token_holding(esdt);
        if holding.is_empty() {
            account.esdt.remove(&esdt.token);
        } else {
            account.esdt.insert(esdt.token.clone(), holding);
        }
    }
}

fn pad_seed(seed: &mut Vec<u8>) {
    if !seed.is_empty() {
        seed.resize(RANDOM_SEED_LEN, 0);
    }
}

fn token_holding(init: &EsdtInit) -> TokenHolding {
    let mut holding = TokenHolding {
        last_nonce: init.last_nonce,
        roles: init.roles.iter().cloned().collect(),
        ..TokenHolding::default()
    };
    let properties = if init.frozen { vec![1, 0] } else { Vec::new() };
    for inst in &init.instances {
        let metadata = (inst.nonce > 0).then(|| EsdtMetadata {
            nonce: inst.nonce,
            name: inst.name.clone(),
            creator: inst.creator.unwrap_or_default(),
            royalties: inst.royalties,
            hash: inst.hash.clone(),
            uris: inst.uris.clone(),
            attributes: inst.attributes.clone(),
        });
        let token_type = if inst.nonce == 0 {
            EsdtTokenType::Fungible
        } else if inst.balance == 1u8.into() {
            EsdtTokenType::NonFungible
        } else {
            EsdtTokenType::SemiFungible
        };
        let data = EsdtTokenData {
            token_type,
            value: inst.balance.clone(),
            properties: properties.clone(),
            metadata,
        };
        if data.value != 0u8.into() {
            holding.instances.insert(inst.nonce, data);
        }
    }
    holding
}

/// A printable dump of every account.
pub(crate) fn dump(world: &World) -> String {
    let mut out = String::new();
    for (address, a) in world.accounts() {
        let _ = writeln!(out, "{}:", readable(&address.0));
        let _ = writeln!(out, "  nonce: {}, balance: {}", a.nonce, a.balance);
        if let Some(code) = &a.code {
            let _ = writeln!(
                out,
                "  code: {} bytes, metadata: {}, owner: {}",
                code.len(),
                hex::encode(a.code_metadata.0),
                a.owner.map(|o| readable(&o.0)).unwrap_or_default()
            );
        }
        for (k, v) in &a.storage {
            let _ = writeln!(out, "  storage {} = {}", readable(k), readable(v));
        }
        for (token, h) in &a.esdt {
            for (nonce, d) in &h.instances {
                let _ = writeln!(
                    out,
                    "  esdt {} nonce {nonce}: {}",
                    String::from_utf8_lossy(token),
                    d.value
                );
            }
        }
    }
    out
}

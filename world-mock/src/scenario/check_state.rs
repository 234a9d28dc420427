//! The `checkState` step: accounts, storage (protected `ELROND` keys ignored) and ESDT.

use std::collections::{BTreeMap, BTreeSet};

use blockchain_hooks::EsdtTokenData;
use num_bigint::BigUint;

use super::checks::{check_bytes, check_list, check_number, expected_text, strict};
use super::model::{
    Check, CheckAccount, CheckAccounts, CheckEsdtMap, CheckInstance, CheckMap, CheckToken,
};
use super::report::{Mismatch, readable};
use crate::world::reserved_keys::PROTECTED_PREFIX;
use crate::{Account, TokenHolding, World};

/// Checks the world against a `checkState`.
pub(crate) fn check_state(world: &World, checks: &CheckAccounts) -> Result<(), Mismatch> {
    if !checks.more_allowed {
        for address in world.accounts().keys() {
            if !checks.accounts.iter().any(|(a, _, _)| a == address) {
                return Err(Mismatch::new(
                    "accounts",
                    "no other account (the map has no \"+\")",
                    format!("unexpected account {}", readable(&address.0)),
                ));
            }
        }
    }
    for (address, name, check) in &checks.accounts {
        let Some(account) = world.account(address) else {
            return Err(Mismatch::new(
                format!("account {name}"),
                "an existing account",
                "no such account",
            ));
        };
        check_account(name, check, account).map_err(|m| Mismatch {
            field: format!("account {name} {}", m.field),
            ..m
        })?;
    }
    Ok(())
}

fn check_account(name: &str, c: &CheckAccount, account: &Account) -> Result<(), Mismatch> {
    check_number("nonce", &strict(&c.nonce), &BigUint::from(account.nonce))?;
    check_number("balance", &strict(&c.balance), &account.balance)?;
    check_bytes("username", &strict(&c.username), &account.username)?;
    check_bytes(
        "code",
        &strict(&c.code),
        account.code.as_deref().unwrap_or_default(),
    )?;
    if account.code.is_some() || !matches!(c.code_metadata, Check::Value { .. }) {
        check_bytes("codeMetadata", &c.code_metadata, &account.code_metadata.0)?;
    } else {
        check_bytes("codeMetadata", &c.code_metadata, &[])?;
    }
    let owner = account.owner.map(|o| o.0.to_vec()).unwrap_or_default();
    check_bytes("owner", &c.owner, &owner)?;
    check_number(
        "developerRewards",
        &c.developer_rewards,
        &account.developer_rewards,
    )?;
    check_storage(&c.storage, account)?;
    check_esdt(name, &c.esdt, account)
}

fn check_storage(check: &CheckMap, account: &Account) -> Result<(), Mismatch> {
    let CheckMap::Entries {
        entries,
        more_allowed,
    } = check
    else {
        return Ok(());
    };
    let expected: BTreeMap<&[u8], (&String, &Check)> = entries
        .iter()
        .map(|(k, original, c)| (k.as_slice(), (original, c)))
        .collect();
    let keys: BTreeSet<&[u8]> = expected
        .keys()
        .copied()
        .chain(account.storage.keys().map(Vec::as_slice))
        .collect();
    let empty = Check::Value {
        bytes: Vec::new(),
        original: String::new(),
    };
    for key in keys {
        if key.starts_with(PROTECTED_PREFIX) {
            continue;
        }
        let have = account
            .storage
            .get(key)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let (label, want) = match expected.get(key) {
            Some((original, c)) => ((*original).clone(), *c),
            None if *more_allowed => continue,
            None => (readable(key), &empty),
        };
        check_bytes(&format!("storage {label}"), want, have)?;
    }
    Ok(())
}

fn check_esdt(_name: &str, check: &CheckEsdtMap, account: &Account) -> Result<(), Mismatch> {
    let (tokens, more_allowed) = match check {
        CheckEsdtMap::Star => return Ok(()),
        CheckEsdtMap::Unspecified => (&Vec::new(), &false),
        CheckEsdtMap::Tokens {
            tokens,
            more_allowed,
        } => (tokens, more_allowed),
    };
    for token in tokens {
        let holding = account.esdt.get(&token.token).cloned().unwrap_or_default();
        check_token(token, &holding).map_err(|m| Mismatch {
            field: format!("esdt {} {}", String::from_utf8_lossy(&token.token), m.field),
            ..m
        })?;
    }
    if *more_allowed {
        return Ok(());
    }
    for (token, holding) in &account.esdt {
        if tokens.iter().any(|t| &t.token == token) {
            continue;
        }
        if let Some((nonce, data)) = holding
            .instances
            .iter()
            .find(|(_, d)| d.value != BigUint::default())
        {
            return Err(Mismatch::new(
                format!("esdt {}", String::from_utf8_lossy(token)),
                "no balance (token not in the expected map, which has no \"+\")",
                format!("nonce {nonce}: balance {}", data.value),
            ));
        }
    }
    Ok(())
}

fn check_token(check: &CheckToken, holding: &TokenHolding) -> Result<(), Mismatch> {
    if check.star {
        return Ok(());
    }
    let nonces: BTreeSet<u64> = check
        .instances
        .iter()
        .map(|i| i.nonce)
        .chain(holding.instances.keys().copied())
        .collect();
    let zero = EsdtTokenData::default();
    for nonce in nonces {
        let data = holding.instances.get(&nonce).unwrap_or(&zero);
        match check.instances.iter().find(|i| i.nonce == nonce) {
            Some(instance) => check_instance(instance, data).map_err(|m| {
                Mismatch::new(format!("nonce {nonce} {}", m.field), m.expected, m.actual)
            })?,
            None if data.value == BigUint::default() => {}
            None => {
                return Err(Mismatch::new(
                    format!("nonce {nonce}"),
                    "no balance (instance not expected)",
                    format!("balance {}", data.value),
                ));
            }
        }
    }
    check_number(
        "lastNonce",
        &check.last_nonce,
        &BigUint::from(holding.last_nonce),
    )?;
    if let Some(roles) = &check.roles {
        let want: BTreeSet<&Vec<u8>> = roles.iter().collect();
        let have: BTreeSet<&Vec<u8>> = holding.roles.iter().collect();
        if want != have {
            let show = |s: &BTreeSet<&Vec<u8>>| {
                let names: Vec<String> = s
                    .iter()
                    .map(|r| String::from_utf8_lossy(r).into_owned())
                    .collect();
                format!("[{}]", names.join(", "))
            };
            return Err(Mismatch::new("roles", show(&want), show(&have)));
        }
    }
    let frozen = holding.instances.values().any(EsdtTokenData::is_frozen);
    if let Check::Value { bytes, .. } = &check.frozen {
        let want = bytes.iter().any(|b| *b != 0);
        if want != frozen {
            return Err(Mismatch::new(
                "frozen",
                expected_text(&check.frozen),
                frozen.to_string(),
            ));
        }
    }
    Ok(())
}

fn check_instance(c: &CheckInstance, data: &EsdtTokenData) -> Result<(), Mismatch> {
    check_number("balance", &c.balance, &data.value)?;
    let metadata = data.metadata.clone().unwrap_or_default();
    let creator = if data.metadata.is_some() {
        metadata.creator.0.to_vec()
    } else {
        Vec::new()
    };
    check_bytes("creator", &c.creator, &creator)?;
    check_number(
        "royalties",
        &c.royalties,
        &BigUint::from(metadata.royalties),
    )?;
    check_bytes("hash", &c.hash, &metadata.hash)?;
    check_list("uri", &c.uris, &metadata.uris)?;
    check_bytes("attributes", &c.attributes, &metadata.attributes)
}

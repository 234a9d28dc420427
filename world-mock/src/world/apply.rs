use std::collections::BTreeMap;

use blockchain_hooks::{Address, OutputAccount, VmOutput};
use num_bigint::{BigInt, BigUint, Sign};

use super::reserved_keys::{DEVELOPER_REWARDS_KEY, LAST_NONCE_PREFIX, USERNAME_KEY};
use super::{Account, World};
use crate::WorldError;

impl World {
    /// Applies a successful output: every account change, or none of them.
    ///
    /// Balance deltas, nonces, storage writes (empty = delete), ESDT holdings (their new full
    /// state; zero = none), code (when not empty), code metadata and owner (the code deployer),
    /// then the deleted accounts. A failed output (return code not `Ok`) changes nothing.
    ///
    /// # Errors
    /// [`WorldError::State`] when a balance would become negative; nothing is applied then.
    pub fn apply_output(&mut self, output: &VmOutput) -> Result<(), WorldError> {
        if !output.return_code.is_ok() {
            return Ok(());
        }
        let mut staged: BTreeMap<Address, Account> = BTreeMap::new();
        for (address, out) in &output.output_accounts {
            let mut account = self.accounts.get(address).cloned().unwrap_or_default();
            apply_account(&mut account, out)
                .map_err(|e| WorldError::state(format!("account {address}: {e}")))?;
            staged.insert(*address, account);
        }
        self.accounts.extend(staged);
        for address in &output.deleted_accounts {
            self.accounts.remove(address);
        }
        Ok(())
    }

    /// Adds `delta` to the balance of `address` (creating the account).
    ///
    /// # Errors
    /// [`WorldError::State`] when the balance would become negative; nothing changes then.
    pub fn add_balance(&mut self, address: Address, delta: &BigInt) -> Result<(), WorldError> {
        let account = self.account_mut(address);
        account.balance = add_delta(&account.balance, delta)
            .map_err(|e| WorldError::state(format!("account {address}: {e}")))?;
        Ok(())
    }
}

fn add_delta(balance: &BigUint, delta: &BigInt) -> Result<BigUint, String> {
    let sum = BigInt::from(balance.clone()) + delta;
    match sum.to_biguint() {
        Some(v) => Ok(v),
        None => Err(format!("balance {balance} plus delta {delta} is negative")),
    }
}

fn apply_account(account: &mut Account, out: &OutputAccount) -> Result<(), String> {
    if out.balance_delta.sign() != Sign::NoSign {
        account.balance = add_delta(&account.balance, &out.balance_delta)?;
    }
    if let Some(nonce) = out.nonce {
        account.nonce = nonce;
    }
    for (key, value) in &out.storage_updates {
        apply_storage(account, key, value);
    }
    for (key, data) in &out.esdt_updates {
        account.set_esdt_instance(&key.token, key.nonce, data.clone());
    }
    if let Some(code) = out.code.as_ref().filter(|c| !c.is_empty()) {
        account.code = Some(code.clone());
    }
    if let Some(metadata) = out.code_metadata {
        account.code_metadata = metadata;
    }
    if let Some(deployer) = out.code_deployer {
        account.owner = Some(deployer);
    }
    Ok(())
}

/// A storage write, or a change through a reserved key (see `reserved_keys`).
fn apply_storage(account: &mut Account, key: &[u8], value: &[u8]) {
    if let Some(token) = key.strip_prefix(LAST_NONCE_PREFIX) {
        let nonce = u64::try_from(BigUint::from_bytes_be(value)).unwrap_or(u64::MAX);
        account.esdt.entry(token.to_vec()).or_default().last_nonce = nonce;
    } else if key == USERNAME_KEY {
        account.username = value.to_vec();
    } else if key == DEVELOPER_REWARDS_KEY {
        account.developer_rewards = BigUint::from_bytes_be(value);
    } else {
        account.set_storage(key.to_vec(), value.to_vec());
    }
}

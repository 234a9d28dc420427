use std::collections::{BTreeMap, BTreeSet};

use blockchain_hooks::{Address, CodeMetadata, EsdtTokenData};
use num_bigint::BigUint;
use num_traits::Zero;

/// What an account holds of one token: its instances (nonce 0 for fungible), its local roles
/// and the last NFT nonce it created.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TokenHolding {
    /// By nonce: the balance, properties and metadata.
    pub instances: BTreeMap<u64, EsdtTokenData>,
    /// Local roles by protocol name (`ESDTRoleLocalMint`, `ESDTRoleNFTCreate`, …).
    pub roles: BTreeSet<Vec<u8>>,
    /// The last NFT nonce this account created.
    pub last_nonce: u64,
}

impl TokenHolding {
    /// Whether nothing is held and nothing is recorded.
    pub fn is_empty(&self) -> bool {
        self.instances.values().all(|d| d.value.is_zero())
            && self.roles.is_empty()
            && self.last_nonce == 0
    }
}

/// One account of the world.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Account {
    /// The nonce.
    pub nonce: u64,
    /// The EGLD balance.
    pub balance: BigUint,
    /// The contract code, if any.
    pub code: Option<Vec<u8>>,
    /// The code metadata.
    pub code_metadata: CodeMetadata,
    /// The contract owner.
    pub owner: Option<Address>,
    /// The username.
    pub username: Vec<u8>,
    /// Developer rewards accumulated by the contract.
    pub developer_rewards: BigUint,
    /// Storage (no empty values: writing an empty value deletes the key).
    pub storage: BTreeMap<Vec<u8>, Vec<u8>>,
    /// ESDT holdings by token identifier.
    pub esdt: BTreeMap<Vec<u8>, TokenHolding>,
}

impl Account {
    /// An account with `balance` and nothing else.
    pub fn with_balance(balance: impl Into<BigUint>) -> Self {
        Self {
            balance: balance.into(),
            ..Self::default()
        }
    }

    /// What the account holds of `token` at `nonce`, if anything.
    pub fn esdt_instance(&self, token: &[u8], nonce: u64) -> Option<&EsdtTokenData> {
        self.esdt.get(token)?.instances.get(&nonce)
    }

    /// Sets the account's holding of `token` at `nonce`; a zero value without metadata
    /// removes it (an NFT keeps its metadata while held).
    pub fn set_esdt_instance(&mut self, token: &[u8], nonce: u64, data: EsdtTokenData) {
        let holding = self.esdt.entry(token.to_vec()).or_default();
        if data.value.is_zero() {
            holding.instances.remove(&nonce);
        } else {
            holding.instances.insert(nonce, data);
        }
        if holding.is_empty() {
            self.esdt.remove(token);
        }
    }

    /// Writes `value` at `key`; an empty value deletes the key.
    pub fn set_storage(&mut self, key: Vec<u8>, value: Vec<u8>) {
        if value.is_empty() {
            self.storage.remove(&key);
        } else {
            self.storage.insert(key, value);
        }
    }
}

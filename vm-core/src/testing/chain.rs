use std::collections::{BTreeMap, BTreeSet};

use blockchain_hooks::{
    Address, BlockInfo, BlockchainError, BlockchainHooks, CodeMetadata, ContractCallInput, EsdtKey,
    EsdtTokenData, ReturnCode, StorageRead, VmOutput,
};
use num_bigint::{BigInt, BigUint};
use num_traits::Zero;
use sha2::{Digest, Sha256};

/// One account of a [`MockChain`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MockAccount {
    /// Nonce.
    pub nonce: u64,
    /// EGLD balance.
    pub balance: BigUint,
    /// Contract code.
    pub code: Option<Vec<u8>>,
    /// Code metadata.
    pub code_metadata: CodeMetadata,
    /// Owner of a contract.
    pub owner: Option<Address>,
    /// Storage.
    pub storage: BTreeMap<Vec<u8>, Vec<u8>>,
    /// ESDT holdings.
    pub esdt: BTreeMap<EsdtKey, EsdtTokenData>,
    /// Local ESDT roles by token, by protocol name.
    pub esdt_roles: BTreeMap<Vec<u8>, Vec<Vec<u8>>>,
    /// The last NFT nonce created, by token.
    pub esdt_last_nonce: BTreeMap<Vec<u8>, u64>,
}

/// An in-memory [`BlockchainHooks`] for tests: accounts, storage, ESDT holdings, blocks and
/// new-address derivation. Builtin functions are named but not run: processing one answers a
/// failed output, "not supported in MockChain".
#[derive(Clone, Debug, Default)]
pub struct MockChain {
    /// Accounts by address.
    pub accounts: BTreeMap<Address, MockAccount>,
    /// The current block.
    pub current_block: BlockInfo,
    /// The previous block.
    pub previous_block: BlockInfo,
    /// The first block of the current epoch.
    pub epoch_start_block: BlockInfo,
    /// The round duration, in milliseconds.
    pub round_time_ms: u64,
    /// Block hashes by nonce.
    pub block_hashes: BTreeMap<u64, Vec<u8>>,
    /// The state root hash.
    pub state_root_hash: Vec<u8>,
    /// Names of builtin functions.
    pub builtin_functions: BTreeSet<String>,
    /// Paused tokens.
    pub paused_tokens: BTreeSet<Vec<u8>>,
    /// Tokens with limited transfers.
    pub limited_tokens: BTreeSet<Vec<u8>>,
    /// The trie depth every storage read reports.
    pub trie_depth: u32,
    /// Addresses [`BlockchainHooks::new_address`] answers for `(creator, nonce)`, before
    /// deriving one.
    pub new_addresses: BTreeMap<(Address, u64), Address>,
    /// Shards of addresses (missing: shard 0).
    pub shards: BTreeMap<Address, u32>,
}

impl MockChain {
    /// An empty chain.
    pub fn new() -> Self {
        Self::default()
    }

    /// The account at `address`, created empty if absent.
    pub fn account_mut(&mut self, address: Address) -> &mut MockAccount {
        self.accounts.entry(address).or_default()
    }

    /// Adds a user account with `balance` and `nonce`.
    pub fn with_user(mut self, address: Address, balance: u64, nonce: u64) -> Self {
        let account = self.account_mut(address);
        account.balance = BigUint::from(balance);
        account.nonce = nonce;
        self
    }

    /// Adds a contract with `code`, `metadata` and `owner`.
    pub fn with_contract(
        mut self,
        address: Address,
        code: Vec<u8>,
        metadata: CodeMetadata,
        owner: Address,
    ) -> Self {
        let account = self.account_mut(address);
        account.code = Some(code);
        account.code_metadata = metadata;
        account.owner = Some(owner);
        self
    }

    /// Sets a storage value.
    pub fn set_storage(&mut self, address: Address, key: &[u8], value: &[u8]) {
        self.account_mut(address)
            .storage
            .insert(key.to_vec(), value.to_vec());
    }

    /// A storage value (empty if missing).
    pub fn storage_value(&self, address: &Address, key: &[u8]) -> Vec<u8> {
        self.accounts
            .get(address)
            .and_then(|a| a.storage.get(key))
            .cloned()
            .unwrap_or_default()
    }

    /// The address the mock derives for a contract `creator` deploys at `nonce`: 8 zero bytes,
    /// the VM type, 20 bytes of `sha256(creator ‖ nonce)`, and the creator's last 2 bytes.
    pub fn derive_address(creator: &Address, nonce: u64, vm_type: [u8; 2]) -> Address {
        let mut hasher = Sha256::new();
        hasher.update(creator.as_bytes());
        hasher.update(nonce.to_le_bytes());
        let digest = hasher.finalize();
        let mut bytes = [0u8; 32];
        bytes[8..10].copy_from_slice(&vm_type);
        bytes[10..30].copy_from_slice(&digest[..20]);
        bytes[30..32].copy_from_slice(&creator.0[30..32]);
        Address(bytes)
    }

    /// Applies a successful output: balances, nonces, storage, code and ESDT holdings.
    pub fn apply(&mut self, output: &VmOutput) {
        if !output.return_code.is_ok() {
            return;
        }
        for (address, change) in &output.output_accounts {
            let account = self.account_mut(*address);
            let balance = BigInt::from(account.balance.clone()) + &change.balance_delta;
            account.balance = balance.to_biguint().unwrap_or_default();
            if let Some(nonce) = change.nonce {
                account.nonce = nonce;
            }
            for (key, value) in &change.storage_updates {
                if value.is_empty() {
                    account.storage.remove(key);
                } else {
                    account.storage.insert(key.clone(), value.clone());
                }
            }
            if let Some(code) = &change.code {
                account.code = Some(code.clone());
            }
            if let Some(metadata) = change.code_metadata {
                account.code_metadata = metadata;
            }
            if let Some(deployer) = change.code_deployer {
                account.owner = Some(deployer);
            }
            for (key, data) in &change.esdt_updates {
                if data.value.is_zero() {
                    account.esdt.remove(key);
                } else {
                    account.esdt.insert(key.clone(), data.clone());
                }
            }
        }
    }
}

impl BlockchainHooks for MockChain {
    fn account_exists(&self, address: &Address) -> bool {
        self.accounts.contains_key(address)
    }

    fn nonce(&self, address: &Address) -> u64 {
        self.accounts.get(address).map_or(0, |a| a.nonce)
    }

    fn balance(&self, address: &Address) -> BigUint {
        self.accounts
            .get(address)
            .map(|a| a.balance.clone())
            .unwrap_or_default()
    }

    fn code(&self, address: &Address) -> Option<Vec<u8>> {
        self.accounts.get(address).and_then(|a| a.code.clone())
    }

    fn code_hash(&self, address: &Address) -> Option<[u8; 32]> {
        self.code(address).map(|c| Sha256::digest(c).into())
    }

    fn code_metadata(&self, address: &Address) -> CodeMetadata {
        self.accounts
            .get(address)
            .map(|a| a.code_metadata)
            .unwrap_or_default()
    }

    fn owner(&self, address: &Address) -> Option<Address> {
        self.accounts.get(address).and_then(|a| a.owner)
    }

    fn username(&self, _: &Address) -> Vec<u8> {
        Vec::new()
    }

    fn developer_rewards(&self, _: &Address) -> BigUint {
        BigUint::default()
    }

    fn storage(&self, address: &Address, key: &[u8]) -> StorageRead {
        StorageRead {
            value: self.storage_value(address, key),
            trie_depth: self.trie_depth,
        }
    }

    fn esdt_token_data(&self, address: &Address, key: &EsdtKey) -> Option<EsdtTokenData> {
        self.accounts
            .get(address)
            .and_then(|a| a.esdt.get(key))
            .cloned()
    }

    fn esdt_roles(&self, address: &Address, token: &[u8]) -> Vec<Vec<u8>> {
        self.accounts
            .get(address)
            .and_then(|a| a.esdt_roles.get(token))
            .cloned()
            .unwrap_or_default()
    }

    fn esdt_paused(&self, token: &[u8]) -> bool {
        self.paused_tokens.contains(token)
    }

    fn esdt_limited_transfer(&self, token: &[u8]) -> bool {
        self.limited_tokens.contains(token)
    }

    fn esdt_last_nonce(&self, address: &Address, token: &[u8]) -> u64 {
        self.accounts
            .get(address)
            .and_then(|a| a.esdt_last_nonce.get(token))
            .copied()
            .unwrap_or(0)
    }

    fn current_block(&self) -> BlockInfo {
        self.current_block.clone()
    }

    fn previous_block(&self) -> BlockInfo {
        self.previous_block.clone()
    }

    fn epoch_start_block(&self) -> BlockInfo {
        self.epoch_start_block.clone()
    }

    fn round_time_ms(&self) -> u64 {
        self.round_time_ms
    }

    fn block_hash(&self, nonce: u64) -> Option<Vec<u8>> {
        self.block_hashes.get(&nonce).cloned()
    }

    fn state_root_hash(&self) -> Vec<u8> {
        self.state_root_hash.clone()
    }

    fn new_address(
        &self,
        creator: &Address,
        creator_nonce: u64,
        vm_type: [u8; 2],
    ) -> Result<Address, BlockchainError> {
        Ok(self
            .new_addresses
            .get(&(*creator, creator_nonce))
            .copied()
            .unwrap_or_else(|| Self::derive_address(creator, creator_nonce, vm_type)))
    }

    fn shard_of(&self, address: &Address) -> u32 {
        self.shards.get(address).copied().unwrap_or(0)
    }

    fn self_shard(&self) -> u32 {
        0
    }

    fn is_builtin_function(&self, name: &str) -> bool {
        self.builtin_functions.contains(name)
    }

    fn process_builtin_function(
        &self,
        _: &ContractCallInput,
        _: &dyn BlockchainHooks,
    ) -> Result<VmOutput, BlockchainError> {
        Ok(VmOutput::failure(
            ReturnCode::ExecutionFailed,
            "not supported in MockChain",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_outputs_and_derives_addresses() {
        let user = Address([1; 32]);
        let mut chain = MockChain::new().with_user(user, 100, 5);
        let contract = chain.new_address(&user, 4, [5, 0]).unwrap();
        assert!(contract.is_smart_contract());
        assert_eq!(contract.vm_type(), [5, 0]);
        let mut output = VmOutput::default();
        output.account_mut(user).balance_delta = BigInt::from(-40);
        output
            .account_mut(contract)
            .storage_updates
            .insert(b"k".to_vec(), b"v".to_vec());
        output.account_mut(contract).code = Some(vec![0]);
        chain.apply(&output);
        assert_eq!(chain.balance(&user), BigUint::from(60u32));
        assert_eq!(chain.storage(&contract, b"k").value, b"v");
        assert!(chain.is_smart_contract(&contract));
        let failed = VmOutput::failure(ReturnCode::UserError, "no");
        chain.apply(&failed);
        assert_eq!(
            chain
                .process_builtin_function(&ContractCallInput::default(), &chain.clone())
                .unwrap()
                .return_message,
            "not supported in MockChain"
        );
    }
}

use blake2::Blake2b;
use blake2::digest::{Digest, consts::U32};
use blockchain_hooks::{
    Address, BlockInfo, BlockchainError, BlockchainHooks, CodeMetadata, ContractCallInput, EsdtKey,
    EsdtTokenData, StorageRead, VmOutput,
};
use num_bigint::BigUint;
use num_traits::Zero;

use super::{World, reserved_keys};
use crate::builtins;

/// The hashes of the last codes met: every call asks for its contract's code hash (the
/// module cache key), and hashing the whole code each time was a tenth of a suite's run.
mod code_hash_memo {
    use std::collections::VecDeque;
    use std::sync::{LazyLock, Mutex, PoisonError};

    /// How many codes are remembered.
    const ENTRIES: usize = 64;
    /// The most bytes of code remembered: past it the oldest codes are forgotten.
    const MAX_BYTES: usize = 16 << 20;

    /// Codes and their hashes, the most recent first.
    type Memo = VecDeque<(Vec<u8>, [u8; 32])>;

    static MEMO: LazyLock<Mutex<Memo>> = LazyLock::new(Mutex::default);

    /// `hasher(code)`, remembered: a hit costs a comparison of the code, not a hash.
    pub(super) fn hash(code: &[u8], hasher: impl FnOnce(&[u8]) -> [u8; 32]) -> [u8; 32] {
        let mut memo = MEMO.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, hash)) = memo.iter().find(|(c, _)| c.as_slice() == code) {
            return *hash;
        }
        let hash = hasher(code);
        if code.len() > MAX_BYTES {
            return hash;
        }
        let mut bytes: usize = memo.iter().map(|(c, _)| c.len()).sum();
        while memo.len() >= ENTRIES || bytes + code.len() > MAX_BYTES {
            let Some((old, _)) = memo.pop_back() else {
                break;
            };
            bytes -= old.len();
        }
        memo.push_front((code.to_vec(), hash));
        hash
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn a_code_is_hashed_once_and_equal_codes_share_the_hash() {
            let mut calls = 0;
            let mut hash = |code: &[u8]| {
                super::hash(code, |c| {
                    calls += 1;
                    [c.len() as u8; 32]
                })
            };
            let code = b"memo test code, unique to this test".to_vec();
            assert_eq!(hash(&code), [35; 32]);
            assert_eq!(hash(&code.clone()), [35; 32]);
            let other = b"memo test code, unique to this test!".to_vec();
            assert_eq!(hash(&other), [36; 32]);
            assert_eq!(calls, 2);
        }
    }
}

impl BlockchainHooks for World {
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
        self.accounts.get(address)?.code.clone()
    }

    /// Blake2b-256 of the code, the protocol's hasher for code hashes (and the production
    /// test world's).
    fn code_hash(&self, address: &Address) -> Option<[u8; 32]> {
        let code = self.accounts.get(address)?.code.as_ref()?;
        self.hash_code(code)
    }

    /// Blake2b-256, remembered for the last codes met.
    fn hash_code(&self, code: &[u8]) -> Option<[u8; 32]> {
        Some(code_hash_memo::hash(code, |c| {
            Blake2b::<U32>::digest(c).into()
        }))
    }

    fn code_metadata(&self, address: &Address) -> CodeMetadata {
        self.accounts
            .get(address)
            .filter(|a| a.code.is_some())
            .map(|a| a.code_metadata)
            .unwrap_or_default()
    }

    fn owner(&self, address: &Address) -> Option<Address> {
        self.accounts.get(address)?.owner
    }

    fn username(&self, address: &Address) -> Vec<u8> {
        self.accounts
            .get(address)
            .map(|a| a.username.clone())
            .unwrap_or_default()
    }

    fn developer_rewards(&self, address: &Address) -> BigUint {
        self.accounts
            .get(address)
            .map(|a| a.developer_rewards.clone())
            .unwrap_or_default()
    }

    fn storage(&self, address: &Address, key: &[u8]) -> StorageRead {
        let account = self.accounts.get(address);
        let value = if let Some(token) = key.strip_prefix(reserved_keys::LAST_NONCE_PREFIX) {
            let nonce = account
                .and_then(|a| a.esdt.get(token))
                .map_or(0, |h| h.last_nonce);
            if nonce == 0 {
                Vec::new()
            } else {
                nonce
                    .to_be_bytes()
                    .iter()
                    .copied()
                    .skip_while(|b| *b == 0)
                    .collect()
            }
        } else {
            account
                .and_then(|a| a.storage.get(key).cloned())
                .unwrap_or_default()
        };
        StorageRead {
            value,
            trie_depth: 0,
        }
    }

    fn esdt_token_data(&self, address: &Address, key: &EsdtKey) -> Option<EsdtTokenData> {
        self.accounts
            .get(address)?
            .esdt_instance(&key.token, key.nonce)
            .filter(|d| !d.value.is_zero())
            .cloned()
    }

    fn esdt_roles(&self, address: &Address, token: &[u8]) -> Vec<Vec<u8>> {
        self.accounts
            .get(address)
            .and_then(|a| a.esdt.get(token))
            .map(|h| h.roles.iter().cloned().collect())
            .unwrap_or_default()
    }

    fn esdt_paused(&self, token: &[u8]) -> bool {
        self.paused_tokens.contains(token)
    }

    fn esdt_limited_transfer(&self, token: &[u8]) -> bool {
        self.limited_transfer_tokens.contains(token)
    }

    fn esdt_last_nonce(&self, address: &Address, token: &[u8]) -> u64 {
        self.accounts
            .get(address)
            .and_then(|a| a.esdt.get(token))
            .map_or(0, |h| h.last_nonce)
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
        self.block_hashes.get(usize::try_from(nonce).ok()?).cloned()
    }

    fn state_root_hash(&self) -> Vec<u8> {
        Vec::new()
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
            .unwrap_or_else(|| World::mock_address(creator, creator_nonce, vm_type)))
    }

    fn shard_of(&self, address: &Address) -> u32 {
        self.compute_shard(address)
    }

    fn self_shard(&self) -> u32 {
        self.self_shard_id()
    }

    /// An account with code; for a missing account, whether the address has the contract
    /// layout (as the reference world mock answers).
    fn is_smart_contract(&self, address: &Address) -> bool {
        match self.accounts.get(address) {
            Some(account) => account.code.is_some(),
            None => address.is_smart_contract(),
        }
    }

    fn is_builtin_function(&self, name: &str) -> bool {
        builtins::is_builtin(name)
    }

    fn process_builtin_function(
        &self,
        input: &ContractCallInput,
        state: &dyn BlockchainHooks,
    ) -> Result<VmOutput, BlockchainError> {
        builtins::process(&self.gas_schedule, input, state)
    }
}

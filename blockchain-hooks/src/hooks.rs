use num_bigint::BigUint;

use crate::{
    Address, BlockInfo, BlockchainError, CodeMetadata, ContractCallInput, EsdtKey, EsdtTokenData,
    VmOutput,
};

/// What a storage read returns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StorageRead {
    /// The value (empty for a missing key).
    pub value: Vec<u8>,
    /// Depth of the key in the account's data trie, for the dynamic storage-load cost
    /// (0 when the chain does not know it).
    pub trie_depth: u32,
}

/// The chain as the VM reads it. Read-only: nothing here writes; every change a VM makes goes
/// into its output.
///
/// Every method is deterministic: the same state answers the same. An account that does not
/// exist answers like an empty one (nonce 0, balance 0, no code, empty storage).
pub trait BlockchainHooks {
    /// Whether the account exists.
    fn account_exists(&self, address: &Address) -> bool;

    /// The account's nonce (0 if missing).
    fn nonce(&self, address: &Address) -> u64;

    /// The account's EGLD balance (0 if missing).
    fn balance(&self, address: &Address) -> BigUint;

    /// The account's contract code, `None` when it has none.
    fn code(&self, address: &Address) -> Option<Vec<u8>>;

    /// The 32-byte hash of the account's code, `None` when it has none.
    fn code_hash(&self, address: &Address) -> Option<[u8; 32]>;

    /// The hash this chain gives `code`: what [`code_hash`](Self::code_hash) answers once the
    /// code is on chain. The VM uses it for code a transaction deploys or upgrades (its code
    /// hash within the transaction, and its compiled-module key, so that the calls after the
    /// deploy find the module compiled for it). `None` (the default): the VM uses SHA-256.
    fn hash_code(&self, code: &[u8]) -> Option<[u8; 32]> {
        let _ = code;
        None
    }

    /// The account's code metadata (zero when it has no code).
    fn code_metadata(&self, address: &Address) -> CodeMetadata;

    /// The owner of a contract, `None` for a missing account or one without owner.
    fn owner(&self, address: &Address) -> Option<Address>;

    /// The account's username (empty if none).
    fn username(&self, address: &Address) -> Vec<u8>;

    /// Developer rewards accumulated by a contract.
    fn developer_rewards(&self, address: &Address) -> BigUint;

    /// Reads storage: a missing key reads as an empty value.
    fn storage(&self, address: &Address, key: &[u8]) -> StorageRead;

    /// What `address` holds of `key` (`None`: nothing, or a zero balance).
    fn esdt_token_data(&self, address: &Address, key: &EsdtKey) -> Option<EsdtTokenData>;

    /// The ESDT balance of `address` in `key` (0 when it holds none).
    fn esdt_balance(&self, address: &Address, key: &EsdtKey) -> BigUint {
        self.esdt_token_data(address, key)
            .map(|d| d.value)
            .unwrap_or_default()
    }

    /// The local roles `address` has for `token`, by protocol name (`ESDTRoleLocalMint`, …).
    fn esdt_roles(&self, address: &Address, token: &[u8]) -> Vec<Vec<u8>>;

    /// Whether the token is paused globally.
    fn esdt_paused(&self, token: &[u8]) -> bool;

    /// Whether the token's transfers are limited to accounts with the transfer role.
    fn esdt_limited_transfer(&self, token: &[u8]) -> bool;

    /// The last NFT nonce created for `token` by `address`.
    fn esdt_last_nonce(&self, address: &Address, token: &[u8]) -> u64;

    /// The current block.
    fn current_block(&self) -> BlockInfo;

    /// The previous block.
    fn previous_block(&self) -> BlockInfo;

    /// The first block of the current epoch (nonce, round, timestamps).
    fn epoch_start_block(&self) -> BlockInfo;

    /// The duration of a round, in milliseconds.
    fn round_time_ms(&self) -> u64;

    /// The hash of the block with `nonce`, if the chain knows it.
    fn block_hash(&self, nonce: u64) -> Option<Vec<u8>>;

    /// The state root hash.
    fn state_root_hash(&self) -> Vec<u8>;

    /// The address of the contract `creator` deploys at `creator_nonce` for `vm_type`.
    ///
    /// # Errors
    /// [`BlockchainError`] when the chain cannot derive one.
    fn new_address(
        &self,
        creator: &Address,
        creator_nonce: u64,
        vm_type: [u8; 2],
    ) -> Result<Address, BlockchainError>;

    /// The shard of `address`.
    fn shard_of(&self, address: &Address) -> u32;

    /// The shard the VM runs in.
    fn self_shard(&self) -> u32;

    /// Whether `address` holds a contract.
    fn is_smart_contract(&self, address: &Address) -> bool {
        address.is_smart_contract() && self.code(address).is_some()
    }

    /// Whether `sender` may send value to `receiver` without calling it: always for an
    /// account that is not a contract (or is missing); for a contract, when its code metadata
    /// is payable, or payable by contracts and `sender` has the contract address layout (the
    /// production test world's `IsPayable`).
    fn is_payable(&self, sender: &Address, receiver: &Address) -> bool {
        if !self.account_exists(receiver) || !self.is_smart_contract(receiver) {
            return true;
        }
        let metadata = self.code_metadata(receiver);
        metadata.is_payable() || (sender.is_smart_contract() && metadata.is_payable_by_sc())
    }

    /// Whether `name` is a builtin function of the protocol (`ESDTTransfer`, …).
    fn is_builtin_function(&self, name: &str) -> bool;

    /// Runs the builtin function `input.function` and answers with its output: the account
    /// changes (balances, ESDT holdings, storage), logs, return data and gas it leaves.
    ///
    /// `state` is the chain as the caller sees it now, with the caller's own pending changes
    /// applied; the function reads through it, never through `self`'s committed state. Nothing
    /// is written: the caller applies the output.
    ///
    /// # Errors
    /// [`BlockchainError`] for an infrastructure failure only; a builtin that refuses (not
    /// enough funds, a frozen token, …) answers `Ok` with a failed return code.
    fn process_builtin_function(
        &self,
        input: &ContractCallInput,
        state: &dyn BlockchainHooks,
    ) -> Result<VmOutput, BlockchainError>;

    /// Runs a nested call to a contract of another VM (an address whose bytes 8–9 are not
    /// the calling VM's type), the chain's "other VM" path (`ExecuteSmartContractCallOnOtherVM`).
    ///
    /// `state` is the chain as the caller sees it now, as for
    /// [`process_builtin_function`](Self::process_builtin_function). The default answers as
    /// the production test world does: an empty successful output that uses all its gas.
    ///
    /// # Errors
    /// [`BlockchainError`] for an infrastructure failure only.
    fn execute_on_other_vm(
        &self,
        input: &ContractCallInput,
        state: &dyn BlockchainHooks,
    ) -> Result<VmOutput, BlockchainError> {
        let _ = (input, state);
        Ok(VmOutput::default())
    }
}

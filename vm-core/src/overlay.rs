//! The chain as a running transaction sees it: the committed state with the transaction's
//! pending changes on top. Builtin functions and other VMs read through it, as the production
//! VM's builtins read a state they wrote to directly.

use blockchain_hooks::{
    Address, BlockInfo, BlockchainError, BlockchainHooks, CodeMetadata, ContractCallInput, EsdtKey,
    EsdtTokenData, OutputAccount, StorageRead, VmOutput,
};
use num_bigint::{BigInt, BigUint};

/// `chain` with the changes of `pending` applied (read-only).
pub(crate) struct Overlay<'a> {
    pub chain: &'a dyn BlockchainHooks,
    pub pending: &'a VmOutput,
    /// The journal, for the EGLD balances builtin functions wrote.
    pub journal: &'a crate::output::OutputJournal,
}

impl Overlay<'_> {
    fn account(&self, address: &Address) -> Option<&OutputAccount> {
        self.pending.output_accounts.get(address)
    }

    fn deleted(&self, address: &Address) -> bool {
        self.pending.deleted_accounts.contains(address)
    }
}

impl BlockchainHooks for Overlay<'_> {
    fn account_exists(&self, address: &Address) -> bool {
        if self.deleted(address) {
            return false;
        }
        self.chain.account_exists(address)
            || self
                .account(address)
                .is_some_and(|a| a.code.is_some() || a.balance_delta.bits() > 0)
    }

    fn nonce(&self, address: &Address) -> u64 {
        self.account(address)
            .and_then(|a| a.nonce)
            .unwrap_or_else(|| self.chain.nonce(address))
    }

    /// The balance as the production VM's builtins see it: the chain's, with the changes
    /// builtins made in this transaction, not the VM's own value transfers (those stay in
    /// the VM's output until the transaction ends).
    fn balance(&self, address: &Address) -> BigUint {
        let base = BigInt::from(self.chain.balance(address));
        let delta = self.journal.builtin_egld(address);
        (base + delta).to_biguint().unwrap_or_default()
    }

    fn code(&self, address: &Address) -> Option<Vec<u8>> {
        if self.deleted(address) {
            return None;
        }
        match self.account(address).and_then(|a| a.code.clone()) {
            Some(code) if !code.is_empty() => Some(code),
            _ => self.chain.code(address),
        }
    }

    fn code_hash(&self, address: &Address) -> Option<[u8; 32]> {
        match self.account(address).and_then(|a| a.code.as_ref()) {
            Some(code) if !code.is_empty() => Some(crate::host::code_hash(self.chain, code).0),
            _ => self.chain.code_hash(address),
        }
    }

    fn hash_code(&self, code: &[u8]) -> Option<[u8; 32]> {
        self.chain.hash_code(code)
    }

    fn code_metadata(&self, address: &Address) -> CodeMetadata {
        self.account(address)
            .and_then(|a| a.code_metadata)
            .unwrap_or_else(|| self.chain.code_metadata(address))
    }

    fn owner(&self, address: &Address) -> Option<Address> {
        self.account(address)
            .and_then(|a| a.code_deployer)
            .or_else(|| self.chain.owner(address))
    }

    fn username(&self, address: &Address) -> Vec<u8> {
        self.chain.username(address)
    }

    fn developer_rewards(&self, address: &Address) -> BigUint {
        self.chain.developer_rewards(address)
    }

    fn storage(&self, address: &Address, key: &[u8]) -> StorageRead {
        match self
            .account(address)
            .and_then(|a| a.storage_updates.get(key))
        {
            Some(value) => StorageRead {
                value: value.clone(),
                trie_depth: 0,
            },
            None => self.chain.storage(address, key),
        }
    }

    fn esdt_token_data(&self, address: &Address, key: &EsdtKey) -> Option<EsdtTokenData> {
        match self.account(address).and_then(|a| a.esdt_updates.get(key)) {
            Some(data) if data.value.bits() == 0 => None,
            Some(data) => Some(data.clone()),
            None => self.chain.esdt_token_data(address, key),
        }
    }

    fn esdt_roles(&self, address: &Address, token: &[u8]) -> Vec<Vec<u8>> {
        self.chain.esdt_roles(address, token)
    }

    fn esdt_paused(&self, token: &[u8]) -> bool {
        self.chain.esdt_paused(token)
    }

    fn esdt_limited_transfer(&self, token: &[u8]) -> bool {
        self.chain.esdt_limited_transfer(token)
    }

    fn esdt_last_nonce(&self, address: &Address, token: &[u8]) -> u64 {
        self.chain.esdt_last_nonce(address, token)
    }

    fn current_block(&self) -> BlockInfo {
        self.chain.current_block()
    }

    fn previous_block(&self) -> BlockInfo {
        self.chain.previous_block()
    }

    fn epoch_start_block(&self) -> BlockInfo {
        self.chain.epoch_start_block()
    }

    fn round_time_ms(&self) -> u64 {
        self.chain.round_time_ms()
    }

    fn block_hash(&self, nonce: u64) -> Option<Vec<u8>> {
        self.chain.block_hash(nonce)
    }

    fn state_root_hash(&self) -> Vec<u8> {
        self.chain.state_root_hash()
    }

    fn new_address(
        &self,
        creator: &Address,
        creator_nonce: u64,
        vm_type: [u8; 2],
    ) -> Result<Address, BlockchainError> {
        self.chain.new_address(creator, creator_nonce, vm_type)
    }

    fn shard_of(&self, address: &Address) -> u32 {
        self.chain.shard_of(address)
    }

    fn self_shard(&self) -> u32 {
        self.chain.self_shard()
    }

    fn is_smart_contract(&self, address: &Address) -> bool {
        let deployed = self
            .account(address)
            .and_then(|a| a.code.as_ref())
            .is_some_and(|c| !c.is_empty());
        deployed || (!self.deleted(address) && self.chain.is_smart_contract(address))
    }

    fn is_payable(&self, sender: &Address, receiver: &Address) -> bool {
        if !self.account_exists(receiver) || !self.is_smart_contract(receiver) {
            return true;
        }
        let metadata = self.code_metadata(receiver);
        metadata.is_payable() || (sender.is_smart_contract() && metadata.is_payable_by_sc())
    }

    fn is_builtin_function(&self, name: &str) -> bool {
        self.chain.is_builtin_function(name)
    }

    fn process_builtin_function(
        &self,
        input: &ContractCallInput,
        state: &dyn BlockchainHooks,
    ) -> Result<VmOutput, BlockchainError> {
        self.chain.process_builtin_function(input, state)
    }

    fn execute_on_other_vm(
        &self,
        input: &ContractCallInput,
        state: &dyn BlockchainHooks,
    ) -> Result<VmOutput, BlockchainError> {
        self.chain.execute_on_other_vm(input, state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::OutputJournal;
    use crate::testing::MockChain;

    #[test]
    fn builtins_see_the_balances_builtins_wrote_not_the_vms_value_transfers() {
        let user = Address([1; 32]);
        let chain = MockChain::new().with_user(user, 100, 0);
        let mut journal = OutputJournal::default();
        // The VM's own value transfer: in the output only.
        journal.account_mut(user).balance_delta += BigInt::from(1000);
        // A builtin's move: in the output and in the state builtins read.
        journal.account_mut(user).balance_delta -= BigInt::from(30);
        journal.add_builtin_egld(user, &BigInt::from(-30));
        let overlay = Overlay {
            chain: &chain,
            pending: journal.output(),
            journal: &journal,
        };
        assert_eq!(overlay.balance(&user), BigUint::from(70u32));
        let checkpoint = journal.checkpoint();
        journal.add_builtin_egld(user, &BigInt::from(-70));
        journal.revert(checkpoint);
        assert_eq!(journal.builtin_egld(&user), BigInt::from(-30));
    }
}

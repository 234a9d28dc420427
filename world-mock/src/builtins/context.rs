use blockchain_hooks::{
    Address, BlockchainHooks, ContractCallInput, EsdtKey, EsdtTokenData, LogEntry, VmOutput,
};
use num_bigint::{BigInt, BigUint};

use super::{BuiltinResult, Refusal, messages};
use crate::world::reserved_keys;

/// What a builtin works with: its input, the chain view, and the output it builds (which also
/// serves as an overlay, so a builtin that touches one holding twice sees its own change).
pub(crate) struct BuiltinContext<'a> {
    pub input: &'a ContractCallInput,
    pub state: &'a dyn BlockchainHooks,
    out: VmOutput,
}

impl<'a> BuiltinContext<'a> {
    pub fn new(
        input: &'a ContractCallInput,
        state: &'a dyn BlockchainHooks,
        gas_remaining: u64,
    ) -> Self {
        let out = VmOutput {
            gas_remaining,
            ..VmOutput::default()
        };
        Self { input, state, out }
    }

    pub fn finish(self) -> VmOutput {
        self.out
    }

    pub fn set_return_data(&mut self, data: Vec<Vec<u8>>) {
        self.out.return_data = data;
    }

    pub fn gas_remaining(&self) -> u64 {
        self.out.gas_remaining
    }

    pub fn caller(&self) -> Address {
        self.input.vm_input.caller
    }

    pub fn args(&self) -> &'a [Vec<u8>] {
        &self.input.vm_input.arguments
    }

    /// Refuses unless there are at least `n` arguments.
    pub fn require_args(&self, n: usize) -> BuiltinResult {
        if self.args().len() < n {
            return Err(Refusal::failed(messages::INVALID_ARGUMENTS));
        }
        Ok(())
    }

    /// What `address` holds of `token`/`nonce`, with this builtin's changes.
    pub fn holding(&self, address: &Address, token: &[u8], nonce: u64) -> EsdtTokenData {
        let key = EsdtKey {
            token: token.to_vec(),
            nonce,
        };
        if let Some(data) = self
            .out
            .output_accounts
            .get(address)
            .and_then(|a| a.esdt_updates.get(&key))
        {
            return data.clone();
        }
        self.state
            .esdt_token_data(address, &key)
            .unwrap_or_default()
    }

    pub fn set_holding(&mut self, address: Address, token: &[u8], nonce: u64, data: EsdtTokenData) {
        let key = EsdtKey {
            token: token.to_vec(),
            nonce,
        };
        self.out.account_mut(address).esdt_updates.insert(key, data);
    }

    /// The EGLD balance of `address`, with this builtin's changes.
    pub fn egld_balance(&self, address: &Address) -> BigInt {
        let pending = self
            .out
            .output_accounts
            .get(address)
            .map(|a| a.balance_delta.clone())
            .unwrap_or_default();
        BigInt::from(self.state.balance(address)) + pending
    }

    pub fn add_egld(&mut self, address: Address, delta: BigInt) {
        let account = self.out.account_mut(address);
        account.balance_delta += delta;
    }

    pub fn write_storage(&mut self, address: Address, key: Vec<u8>, value: Vec<u8>) {
        self.out
            .account_mut(address)
            .storage_updates
            .insert(key, value);
    }

    pub fn touch(&mut self, address: Address) -> &mut blockchain_hooks::OutputAccount {
        self.out.account_mut(address)
    }

    pub fn push_log(&mut self, identifier: &str, address: Address, topics: Vec<Vec<u8>>) {
        self.push_log_with_data(identifier, address, topics, Vec::new());
    }

    pub fn push_log_with_data(
        &mut self,
        identifier: &str,
        address: Address,
        topics: Vec<Vec<u8>>,
        data: Vec<Vec<u8>>,
    ) {
        self.out.logs.push(LogEntry {
            address,
            identifier: identifier.as_bytes().to_vec(),
            topics,
            data,
        });
    }

    /// The log data of a call: empty call type, function name, arguments.
    pub fn call_log_data(&self) -> Vec<Vec<u8>> {
        let mut data = vec![Vec::new(), self.input.function.as_bytes().to_vec()];
        data.extend(self.args().iter().cloned());
        data
    }

    /// Refuses unless `address` has the local `role` for `token`.
    pub fn require_role(&self, address: &Address, token: &[u8], role: &str) -> BuiltinResult {
        let roles = self.state.esdt_roles(address, token);
        if roles.iter().any(|r| r == role.as_bytes()) {
            Ok(())
        } else {
            Err(Refusal::failed(messages::ACTION_NOT_ALLOWED))
        }
    }

    /// The last NFT nonce `address` created of `token`, with pending changes.
    pub fn last_nonce(&self, address: &Address, token: &[u8]) -> u64 {
        let key = reserved_keys::last_nonce_key(token);
        let pending = self
            .out
            .output_accounts
            .get(address)
            .and_then(|a| a.storage_updates.get(&key).cloned())
            .unwrap_or_else(|| self.state.storage(address, &key).value);
        let stored = u64::try_from(BigUint::from_bytes_be(&pending)).unwrap_or(u64::MAX);
        stored.max(self.state.esdt_last_nonce(address, token))
    }

    pub fn set_last_nonce(&mut self, address: Address, token: &[u8], nonce: u64) {
        let value = BigUint::from(nonce).to_bytes_be();
        self.write_storage(address, reserved_keys::last_nonce_key(token), value);
    }
}

/// Big-endian minimal bytes of `n` (0 → empty).
pub(crate) fn be_bytes(n: &BigUint) -> Vec<u8> {
    if n == &BigUint::default() {
        Vec::new()
    } else {
        n.to_bytes_be()
    }
}

/// Big-endian minimal bytes of a nonce (0 → empty).
pub(crate) fn nonce_bytes(nonce: u64) -> Vec<u8> {
    be_bytes(&BigUint::from(nonce))
}

/// Reads a big-endian `u64` argument.
pub(crate) fn arg_u64(bytes: &[u8]) -> Result<u64, Refusal> {
    u64::try_from(BigUint::from_bytes_be(bytes))
        .map_err(|_| Refusal::failed(messages::INVALID_ARGUMENTS))
}

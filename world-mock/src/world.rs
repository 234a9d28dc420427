//! The in-memory chain: accounts, ESDT, blocks, new addresses, shards and the VMs by type.

mod account;
mod apply;
mod cross_shard;
mod hooks;
pub mod reserved_keys;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::sync::Arc;

use blockchain_hooks::{
    Address, BlockInfo, ContractCallInput, ContractCreateInput, GasSchedule, VmOutput, WASM_VM_TYPE,
};
use sha3::{Digest, Keccak256};
use vm_handler::VmHandler;

pub use account::{Account, TokenHolding};

use crate::WorldError;

/// The round duration of a new world, in milliseconds: the mainnet's 6 s.
pub const DEFAULT_ROUND_TIME_MS: u64 = 6_000;

/// The in-memory blockchain of the scenario runner: implements
/// [`BlockchainHooks`](blockchain_hooks::BlockchainHooks) (with the protocol's builtin
/// functions) and dispatches contract executions to the [`VmHandler`] registered for the VM
/// type of the contract address (bytes 8–9).
#[derive(Clone)]
pub struct World {
    pub(crate) accounts: BTreeMap<Address, Account>,
    pub(crate) new_addresses: HashMap<(Address, u64), Address>,
    pub(crate) shards: HashMap<Address, u32>,
    pub(crate) current_block: BlockInfo,
    pub(crate) previous_block: BlockInfo,
    pub(crate) epoch_start_block: BlockInfo,
    pub(crate) round_time_ms: u64,
    pub(crate) block_hashes: Vec<Vec<u8>>,
    pub(crate) paused_tokens: BTreeSet<Vec<u8>>,
    pub(crate) limited_transfer_tokens: BTreeSet<Vec<u8>>,
    pub(crate) gas_schedule: Arc<GasSchedule>,
    num_shards: u32,
    self_shard: u32,
    vms: BTreeMap<[u8; 2], Arc<dyn VmHandler>>,
}

impl fmt::Debug for World {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("World")
            .field("accounts", &self.accounts)
            .field("current_block", &self.current_block)
            .field("previous_block", &self.previous_block)
            .field("vm_types", &self.vms.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl Default for World {
    fn default() -> Self {
        Self::new()
    }
}

impl World {
    /// An empty world in one shard, with gas schedule v4 for the builtin functions.
    pub fn new() -> Self {
        Self {
            accounts: BTreeMap::new(),
            new_addresses: HashMap::new(),
            shards: HashMap::new(),
            current_block: BlockInfo::default(),
            previous_block: BlockInfo::default(),
            epoch_start_block: BlockInfo::default(),
            round_time_ms: DEFAULT_ROUND_TIME_MS,
            block_hashes: Vec::new(),
            paused_tokens: BTreeSet::new(),
            limited_transfer_tokens: BTreeSet::new(),
            gas_schedule: Arc::new(GasSchedule::v4()),
            num_shards: 1,
            self_shard: 0,
            vms: BTreeMap::new(),
        }
    }

    /// Registers the VM that runs contracts of `vm_type` (bytes 8–9 of their addresses).
    pub fn register_vm(&mut self, vm_type: [u8; 2], vm: Arc<dyn VmHandler>) {
        self.vms.insert(vm_type, vm);
    }

    /// The VM registered for the VM type of `address`.
    ///
    /// # Errors
    /// [`WorldError::UnknownVmType`] when none is registered.
    pub fn vm_for(&self, address: &Address) -> Result<Arc<dyn VmHandler>, WorldError> {
        self.vm_of_type(address.vm_type(), address)
    }

    fn vm_of_type(
        &self,
        vm_type: [u8; 2],
        address: &Address,
    ) -> Result<Arc<dyn VmHandler>, WorldError> {
        self.vms
            .get(&vm_type)
            .cloned()
            .ok_or_else(|| WorldError::UnknownVmType {
                vm_type,
                address: address.to_string(),
            })
    }

    /// The VM that runs a top-level transaction to `address`: the one registered for its VM
    /// type, else the world's default VM (the WebAssembly VM, type `05 00`). Like the
    /// production test world, a transaction runs whatever the address bytes say; only nested
    /// calls route strictly by VM type.
    ///
    /// # Errors
    /// [`WorldError::UnknownVmType`] when neither is registered.
    pub fn vm_for_transaction(&self, address: &Address) -> Result<Arc<dyn VmHandler>, WorldError> {
        match self.vms.get(&address.vm_type()) {
            Some(vm) => Ok(Arc::clone(vm)),
            None => self.vm_of_type(WASM_VM_TYPE, address),
        }
    }

    /// Sets the gas schedule the builtin functions charge from (`BuiltInCost`).
    pub fn set_gas_schedule(&mut self, schedule: Arc<GasSchedule>) {
        self.gas_schedule = schedule;
    }

    /// The gas schedule of the builtin functions.
    pub fn gas_schedule(&self) -> &GasSchedule {
        &self.gas_schedule
    }

    /// Sets how many shards addresses are spread over (1 by default: every account is in
    /// shard 0) and which one the VM runs in.
    pub fn set_shards(&mut self, num_shards: u32, self_shard: u32) {
        self.num_shards = num_shards.max(1);
        self.self_shard = self_shard;
    }

    /// Pins the shard of `address` (the scenario `shard` field).
    pub fn set_shard(&mut self, address: Address, shard: u32) {
        self.shards.insert(address, shard);
    }

    /// The account at `address`, if it exists.
    pub fn account(&self, address: &Address) -> Option<&Account> {
        self.accounts.get(address)
    }

    /// The account at `address`, created empty if missing.
    pub fn account_mut(&mut self, address: Address) -> &mut Account {
        self.accounts.entry(address).or_default()
    }

    /// Every account, by address.
    pub fn accounts(&self) -> &BTreeMap<Address, Account> {
        &self.accounts
    }

    /// Creates or replaces the account at `address`.
    pub fn set_account(&mut self, address: Address, account: Account) {
        self.accounts.insert(address, account);
    }

    /// Records that `creator` deploying at `creator_nonce` gets `new_address`.
    pub fn set_new_address(&mut self, creator: Address, creator_nonce: u64, new_address: Address) {
        self.new_addresses
            .insert((creator, creator_nonce), new_address);
    }

    /// Sets the current block.
    pub fn set_current_block(&mut self, block: BlockInfo) {
        self.current_block = block;
    }

    /// Sets the first block of the current epoch.
    pub fn set_epoch_start_block(&mut self, block: BlockInfo) {
        self.epoch_start_block = block;
    }

    /// Sets the round duration, in milliseconds.
    pub fn set_round_time_ms(&mut self, round_time_ms: u64) {
        self.round_time_ms = round_time_ms;
    }

    /// Sets the previous block.
    pub fn set_previous_block(&mut self, block: BlockInfo) {
        self.previous_block = block;
    }

    /// The current block, for updating single fields.
    pub fn current_block_mut(&mut self) -> &mut BlockInfo {
        &mut self.current_block
    }

    /// The previous block, for updating single fields.
    pub fn previous_block_mut(&mut self) -> &mut BlockInfo {
        &mut self.previous_block
    }

    /// Sets the block hashes (index = block nonce).
    pub fn set_block_hashes(&mut self, hashes: Vec<Vec<u8>>) {
        self.block_hashes = hashes;
    }

    /// Pauses or unpauses `token` globally.
    pub fn set_token_paused(&mut self, token: &[u8], paused: bool) {
        if paused {
            self.paused_tokens.insert(token.to_vec());
        } else {
            self.paused_tokens.remove(token);
        }
    }

    /// The production derivation of a contract address: Keccak-256 of the creator and its
    /// nonce (8 bytes little-endian), with 8 zero bytes and the VM type in front and the
    /// creator's last two bytes at the end.
    pub fn derive_address(creator: &Address, creator_nonce: u64, vm_type: [u8; 2]) -> Address {
        let mut hasher = Keccak256::new();
        hasher.update(creator.0);
        hasher.update(creator_nonce.to_le_bytes());
        let mut out: [u8; 32] = hasher.finalize().into();
        out[..8].fill(0);
        out[8..10].copy_from_slice(&vm_type);
        out[30..].copy_from_slice(&creator.0[30..]);
        Address(out)
    }

    /// The address the production test world makes up for a deploy that no `newAddresses`
    /// entry names (`GenerateMockAddress`): 8 zero bytes, the VM type, `11 11 11 11`, the
    /// creator's first 15 bytes, the nonce's low byte and the creator's last two bytes.
    pub fn mock_address(creator: &Address, creator_nonce: u64, vm_type: [u8; 2]) -> Address {
        let mut out = [0u8; 32];
        out[8..10].copy_from_slice(&vm_type);
        out[10..14].fill(0x11);
        out[14..29].copy_from_slice(&creator.0[..15]);
        out[29] = creator_nonce.to_le_bytes()[0];
        out[30..].copy_from_slice(&creator.0[30..]);
        Address(out)
    }

    pub(crate) fn compute_shard(&self, address: &Address) -> u32 {
        if let Some(shard) = self.shards.get(address) {
            return *shard;
        }
        let n = self.num_shards;
        if n <= 1 {
            return 0;
        }
        let bits = 32 - (n - 1).leading_zeros();
        let last = u32::from(address.0[31]);
        let shard = last & ((1 << bits) - 1);
        if shard > n - 1 {
            last & ((1 << (bits - 1)) - 1)
        } else {
            shard
        }
    }

    pub(crate) fn self_shard_id(&self) -> u32 {
        self.self_shard
    }

    /// Runs a call: a builtin function in the world itself, anything else in the VM of the
    /// recipient's VM type. Nothing is applied.
    ///
    /// # Errors
    /// [`WorldError::UnknownVmType`] when no VM runs the recipient; a VM's or builtin's
    /// infrastructure failure.
    pub fn execute_call(&self, input: &ContractCallInput) -> Result<VmOutput, WorldError> {
        use blockchain_hooks::BlockchainHooks;
        if self.is_builtin_function(&input.function) {
            return Ok(self.process_builtin_function(input, self)?);
        }
        let vm = self.vm_for_transaction(&input.recipient)?;
        Ok(vm.run_smart_contract_call(input, self)?)
    }

    /// Runs a deploy in the VM of this VM's type (`05 00`). Nothing is applied.
    ///
    /// # Errors
    /// As [`World::execute_call`].
    pub fn execute_create(&self, input: &ContractCreateInput) -> Result<VmOutput, WorldError> {
        let vm = self.vm_of_type(WASM_VM_TYPE, &input.vm_input.caller)?;
        Ok(vm.run_smart_contract_create(input, self)?)
    }
}

//! A contract, a chain, the VM both ways, and a chain that acts on a storage read.

use std::sync::Arc;

use blockchain_hooks::num_bigint::BigUint;
use blockchain_hooks::{
    Address, BlockInfo, BlockchainError, BlockchainHooks, CodeMetadata, ContractCallInput, EsdtKey,
    EsdtTokenData, GasSchedule, StorageRead, VmInput, VmOutput,
};
use executor_wasmer::{WasmerConfig, WasmerExecutor};
use strata_vm_host_process::{HostCommand, OutOfProcessVm};
use vm_core::testing::MockChain;
use vm_core::{VmConfig, VmHost};

/// The crate's bare VM host.
pub fn host_command() -> HostCommand {
    HostCommand::new(env!("CARGO_BIN_EXE_strata-vm-host"))
}

/// The out-of-process VM with `schedule`.
pub fn out_of_process(schedule: &GasSchedule) -> OutOfProcessVm {
    OutOfProcessVm::new(host_command(), schedule, &VmConfig::default())
}

/// vm-core on Wasmer in this process.
pub fn in_process(schedule: &GasSchedule) -> VmHost {
    let executor = WasmerExecutor::new(WasmerConfig::new(schedule.wasm_opcode_cost.clone()))
        .expect("executor");
    VmHost::new(Arc::new(executor), schedule.clone(), VmConfig::default())
}

/// `small` finishes 16 bytes; `heavy` reads then writes 100 storage keys (one chain read
/// each) and finishes the last value read.
pub const CONTRACT: &str = r#"
(module
  (import "env" "storageStore" (func $store (param i32 i32 i32 i32) (result i32)))
  (import "env" "storageLoad" (func $load (param i32 i32 i32) (result i32)))
  (import "env" "finish" (func $finish (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "key-0000value-of-the-key")
  (func (export "small") (call $finish (i32.const 8) (i32.const 16)))
  (func (export "heavy") (local $i i32)
    (loop $next
      (i32.store8 (i32.const 4) (local.get $i))
      (drop (call $load (i32.const 0) (i32.const 8) (i32.const 64)))
      (drop (call $store (i32.const 0) (i32.const 8) (i32.const 8) (i32.const 16)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (i32.const 100))))
    (call $finish (i32.const 64) (i32.const 16))))
"#;

/// The contract's address.
pub fn contract() -> Address {
    let mut bytes = [7u8; 32];
    bytes[..8].fill(0);
    bytes[8..10].copy_from_slice(&[5, 0]);
    Address(bytes)
}

/// The caller.
pub fn caller() -> Address {
    Address([2; 32])
}

/// A chain holding [`CONTRACT`], with storage under `key-\x05..` already set.
pub fn chain() -> MockChain {
    let mut chain = MockChain::new()
        .with_user(caller(), 1_000_000, 7)
        .with_contract(
            contract(),
            wat::parse_str(CONTRACT).expect("valid WAT"),
            CodeMetadata([5, 6]),
            caller(),
        );
    chain.set_storage(contract(), b"key-\x050000", b"0123456789abcdef");
    chain
}

/// A call of `function` with plenty of gas.
pub fn call(function: &str) -> ContractCallInput {
    ContractCallInput {
        vm_input: VmInput {
            caller: caller(),
            original_caller: caller(),
            gas_provided: 100_000_000,
            gas_price: 1,
            ..VmInput::default()
        },
        recipient: contract(),
        function: function.into(),
        allow_init: false,
    }
}

/// The schedule of the tests.
pub fn schedule() -> GasSchedule {
    GasSchedule::v4()
}

/// Sends `signal` to process `pid`.
pub fn signal(pid: u32, signal: &str) {
    let status = std::process::Command::new("kill")
        .args([signal, &pid.to_string()])
        .status()
        .expect("kill");
    assert!(status.success(), "kill {signal} {pid}");
}

/// `inner`, running `on_storage` at the first storage read and counting the calls.
pub struct Tap<'a> {
    pub inner: &'a dyn BlockchainHooks,
    pub on_storage: std::cell::Cell<Option<Box<dyn FnOnce() + 'a>>>,
    pub calls: std::cell::Cell<u64>,
}

impl<'a> Tap<'a> {
    pub fn new(inner: &'a dyn BlockchainHooks, action: impl FnOnce() + 'a) -> Self {
        Self {
            inner,
            on_storage: std::cell::Cell::new(Some(Box::new(action))),
            calls: std::cell::Cell::new(0),
        }
    }
}

impl BlockchainHooks for Tap<'_> {
    fn account_exists(&self, a: &Address) -> bool {
        self.calls.set(self.calls.get() + 1);
        self.inner.account_exists(a)
    }
    fn nonce(&self, a: &Address) -> u64 {
        self.calls.set(self.calls.get() + 1);
        self.inner.nonce(a)
    }
    fn balance(&self, a: &Address) -> BigUint {
        self.calls.set(self.calls.get() + 1);
        self.inner.balance(a)
    }
    fn code(&self, a: &Address) -> Option<Vec<u8>> {
        self.calls.set(self.calls.get() + 1);
        self.inner.code(a)
    }
    fn code_hash(&self, a: &Address) -> Option<[u8; 32]> {
        self.calls.set(self.calls.get() + 1);
        self.inner.code_hash(a)
    }
    fn code_metadata(&self, a: &Address) -> CodeMetadata {
        self.calls.set(self.calls.get() + 1);
        self.inner.code_metadata(a)
    }
    fn owner(&self, a: &Address) -> Option<Address> {
        self.calls.set(self.calls.get() + 1);
        self.inner.owner(a)
    }
    fn username(&self, a: &Address) -> Vec<u8> {
        self.calls.set(self.calls.get() + 1);
        self.inner.username(a)
    }
    fn developer_rewards(&self, a: &Address) -> BigUint {
        self.calls.set(self.calls.get() + 1);
        self.inner.developer_rewards(a)
    }
    fn storage(&self, a: &Address, key: &[u8]) -> StorageRead {
        self.calls.set(self.calls.get() + 1);
        if let Some(action) = self.on_storage.take() {
            action();
        }
        self.inner.storage(a, key)
    }
    fn esdt_token_data(&self, a: &Address, key: &EsdtKey) -> Option<EsdtTokenData> {
        self.calls.set(self.calls.get() + 1);
        self.inner.esdt_token_data(a, key)
    }
    fn esdt_balance(&self, a: &Address, key: &EsdtKey) -> BigUint {
        self.calls.set(self.calls.get() + 1);
        self.inner.esdt_balance(a, key)
    }
    fn esdt_roles(&self, a: &Address, token: &[u8]) -> Vec<Vec<u8>> {
        self.calls.set(self.calls.get() + 1);
        self.inner.esdt_roles(a, token)
    }
    fn esdt_paused(&self, token: &[u8]) -> bool {
        self.calls.set(self.calls.get() + 1);
        self.inner.esdt_paused(token)
    }
    fn esdt_limited_transfer(&self, token: &[u8]) -> bool {
        self.calls.set(self.calls.get() + 1);
        self.inner.esdt_limited_transfer(token)
    }
    fn esdt_last_nonce(&self, a: &Address, token: &[u8]) -> u64 {
        self.calls.set(self.calls.get() + 1);
        self.inner.esdt_last_nonce(a, token)
    }
    fn current_block(&self) -> BlockInfo {
        self.calls.set(self.calls.get() + 1);
        self.inner.current_block()
    }
    fn previous_block(&self) -> BlockInfo {
        self.calls.set(self.calls.get() + 1);
        self.inner.previous_block()
    }
    fn epoch_start_block(&self) -> BlockInfo {
        self.calls.set(self.calls.get() + 1);
        self.inner.epoch_start_block()
    }
    fn round_time_ms(&self) -> u64 {
        self.calls.set(self.calls.get() + 1);
        self.inner.round_time_ms()
    }
    fn block_hash(&self, nonce: u64) -> Option<Vec<u8>> {
        self.calls.set(self.calls.get() + 1);
        self.inner.block_hash(nonce)
    }
    fn state_root_hash(&self) -> Vec<u8> {
        self.calls.set(self.calls.get() + 1);
        self.inner.state_root_hash()
    }
    fn new_address(&self, c: &Address, n: u64, vm: [u8; 2]) -> Result<Address, BlockchainError> {
        self.calls.set(self.calls.get() + 1);
        self.inner.new_address(c, n, vm)
    }
    fn shard_of(&self, a: &Address) -> u32 {
        self.calls.set(self.calls.get() + 1);
        self.inner.shard_of(a)
    }
    fn self_shard(&self) -> u32 {
        self.calls.set(self.calls.get() + 1);
        self.inner.self_shard()
    }
    fn is_smart_contract(&self, a: &Address) -> bool {
        self.calls.set(self.calls.get() + 1);
        self.inner.is_smart_contract(a)
    }
    fn is_payable(&self, s: &Address, r: &Address) -> bool {
        self.calls.set(self.calls.get() + 1);
        self.inner.is_payable(s, r)
    }
    fn is_builtin_function(&self, name: &str) -> bool {
        self.calls.set(self.calls.get() + 1);
        self.inner.is_builtin_function(name)
    }
    fn process_builtin_function(
        &self,
        input: &ContractCallInput,
        state: &dyn BlockchainHooks,
    ) -> Result<VmOutput, BlockchainError> {
        self.calls.set(self.calls.get() + 1);
        self.inner.process_builtin_function(input, state)
    }
    fn execute_on_other_vm(
        &self,
        input: &ContractCallInput,
        state: &dyn BlockchainHooks,
    ) -> Result<VmOutput, BlockchainError> {
        self.calls.set(self.calls.get() + 1);
        self.inner.execute_on_other_vm(input, state)
    }
}

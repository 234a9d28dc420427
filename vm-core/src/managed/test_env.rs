//! A [`Context`] with one frame over a chain and an executor that hold nothing, for the
//! managed-type hooks' unit tests (they never touch the chain or nested executions).

use std::sync::Arc;

use blockchain_hooks::{
    Address, BlockInfo, BlockchainError, BlockchainHooks, CodeMetadata, ContractCallInput, EsdtKey,
    EsdtTokenData, GasSchedule, OpcodeCost, StorageRead, VmInput, VmOutput,
};
use executor_api::{CodeHash, Executor, ExecutorError, Module};
use num_bigint::{BigInt, BigUint};

use crate::testing::MemoryInstance;
use crate::{Context, Frame, VmConfig};

/// A chain with no accounts.
#[derive(Debug, Default)]
pub(crate) struct EmptyChain;

impl BlockchainHooks for EmptyChain {
    fn account_exists(&self, _: &Address) -> bool {
        false
    }
    fn nonce(&self, _: &Address) -> u64 {
        0
    }
    fn balance(&self, _: &Address) -> BigUint {
        BigUint::default()
    }
    fn code(&self, _: &Address) -> Option<Vec<u8>> {
        None
    }
    fn code_hash(&self, _: &Address) -> Option<[u8; 32]> {
        None
    }
    fn code_metadata(&self, _: &Address) -> CodeMetadata {
        CodeMetadata::default()
    }
    fn owner(&self, _: &Address) -> Option<Address> {
        None
    }
    fn username(&self, _: &Address) -> Vec<u8> {
        Vec::new()
    }
    fn developer_rewards(&self, _: &Address) -> BigUint {
        BigUint::default()
    }
    fn storage(&self, _: &Address, _: &[u8]) -> StorageRead {
        StorageRead::default()
    }
    fn esdt_token_data(&self, _: &Address, _: &EsdtKey) -> Option<EsdtTokenData> {
        None
    }
    fn esdt_roles(&self, _: &Address, _: &[u8]) -> Vec<Vec<u8>> {
        Vec::new()
    }
    fn esdt_paused(&self, _: &[u8]) -> bool {
        false
    }
    fn esdt_limited_transfer(&self, _: &[u8]) -> bool {
        false
    }
    fn esdt_last_nonce(&self, _: &Address, _: &[u8]) -> u64 {
        0
    }
    fn current_block(&self) -> BlockInfo {
        BlockInfo::default()
    }
    fn previous_block(&self) -> BlockInfo {
        BlockInfo::default()
    }

    fn epoch_start_block(&self) -> BlockInfo {
        BlockInfo::default()
    }

    fn round_time_ms(&self) -> u64 {
        0
    }
    fn block_hash(&self, _: u64) -> Option<Vec<u8>> {
        None
    }
    fn state_root_hash(&self) -> Vec<u8> {
        Vec::new()
    }
    fn new_address(&self, _: &Address, _: u64, _: [u8; 2]) -> Result<Address, BlockchainError> {
        Err(BlockchainError::NewAddress("empty test chain".into()))
    }
    fn shard_of(&self, _: &Address) -> u32 {
        0
    }
    fn self_shard(&self) -> u32 {
        0
    }
    fn is_builtin_function(&self, _: &str) -> bool {
        false
    }
    fn process_builtin_function(
        &self,
        input: &ContractCallInput,
        _: &dyn BlockchainHooks,
    ) -> Result<VmOutput, BlockchainError> {
        Err(BlockchainError::NewAddress(input.function.clone()))
    }
}

/// An executor that compiles nothing.
#[derive(Debug, Default)]
pub(crate) struct NoExecutor;

impl Executor for NoExecutor {
    fn compile(&self, _: CodeHash, _: &[u8]) -> Result<Arc<dyn Module>, ExecutorError> {
        Err(ExecutorError::Compilation(
            "no executor in unit tests".into(),
        ))
    }
    fn cached(&self, _: CodeHash) -> Option<Arc<dyn Module>> {
        None
    }
    fn set_opcode_cost(&self, _: &OpcodeCost) {}
    fn name(&self) -> &'static str {
        "none"
    }
}

/// What a [`Context`] borrows, owned by the test.
#[derive(Debug)]
pub(crate) struct TestEnv {
    /// Schedule v4, the scenario default.
    pub(crate) schedule: GasSchedule,
    config: VmConfig,
    chain: EmptyChain,
    executor: NoExecutor,
}

impl TestEnv {
    /// An environment with gas schedule v4.
    pub(crate) fn new() -> Self {
        Self {
            schedule: GasSchedule::v4(),
            config: VmConfig::default(),
            chain: EmptyChain,
            executor: NoExecutor,
        }
    }

    /// A context running one frame.
    pub(crate) fn context(&self) -> Context<'_> {
        let mut ctx = Context::new(&self.chain, &self.schedule, &self.executor, &self.config);
        ctx.frames
            .push(Frame::new(Address::default(), "test", VmInput::default()));
        ctx
    }
}

/// 1 KiB of memory and `gas` gas.
pub(crate) fn instance(gas: u64) -> MemoryInstance {
    MemoryInstance::new(1024, gas)
}

/// A big integer from an `i64`.
pub(crate) fn big(value: i64) -> BigInt {
    BigInt::from(value)
}

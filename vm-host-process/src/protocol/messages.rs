use blockchain_hooks::num_bigint::BigUint;
use blockchain_hooks::{
    Address, BlockInfo, BlockchainError, CodeMetadata, ContractCallInput, ContractCreateInput,
    EsdtKey, EsdtTokenData, GasSchedule, GasScheduleError, StorageRead, VmOutput,
};
use serde::{Deserialize, Serialize};
use vm_core::{Features, VmConfig};
use vm_handler::VmError;

/// One message after the hello.
///
/// A node sends [`Message::Configure`] once before its first execution (and again when the
/// gas schedule changes), then one [`Message::Create`] or [`Message::Call`] at a time, each
/// answered by [`Message::Done`]. While an execution runs, either side may ask the other a
/// [`Message::Hook`] question (the VM host asks the node's chain; the node asks the VM's
/// view of the state that a builtin function reads), answered by a [`Message::HookReply`],
/// and questions nest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Message {
    /// The VM's configuration: node → VM host.
    Configure(HostConfig),
    /// Deploy: node → VM host.
    Create(ContractCreateInput),
    /// Call: node → VM host.
    Call(ContractCallInput),
    /// The outcome of an execution: VM host → node.
    Done(Result<VmOutput, WireVmError>),
    /// A question to the chain object `target` of the other side (0: the node's chain;
    /// others: the state objects handed over with builtin calls, numbered from 0 on each
    /// side in nesting order).
    Hook {
        /// The object asked.
        target: u32,
        /// The question.
        call: HookCall,
    },
    /// The answer to the innermost open [`Message::Hook`].
    HookReply(HookReply),
}

impl Message {
    /// The variant's name, for error messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Configure(_) => "Configure",
            Self::Create(_) => "Create",
            Self::Call(_) => "Call",
            Self::Done(_) => "Done",
            Self::Hook { .. } => "Hook",
            Self::HookReply(_) => "HookReply",
        }
    }
}

/// What the VM host is configured with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostConfig {
    /// The gas schedule, in the node's TOML layout.
    pub schedule_toml: String,
    /// [`VmConfig::time_limit`], in milliseconds.
    pub time_limit_ms: Option<u64>,
    /// [`VmConfig::max_instances`].
    pub max_instances: u64,
    /// [`Features::crypto_opcodes_v2`].
    pub crypto_opcodes_v2: bool,
    /// [`Features::barnard_opcodes`].
    pub barnard_opcodes: bool,
}

impl HostConfig {
    /// The configuration carrying `schedule` and `config`.
    pub fn new(schedule: &GasSchedule, config: &VmConfig) -> Self {
        Self {
            schedule_toml: schedule.to_toml_string(),
            time_limit_ms: config
                .time_limit
                .map(|t| u64::try_from(t.as_millis()).unwrap_or(u64::MAX)),
            max_instances: config.max_instances as u64,
            crypto_opcodes_v2: config.features.crypto_opcodes_v2,
            barnard_opcodes: config.features.barnard_opcodes,
        }
    }

    /// The schedule and VM configuration it carries.
    ///
    /// # Errors
    /// [`GasScheduleError`] when the schedule does not parse.
    pub fn parts(&self) -> Result<(GasSchedule, VmConfig), GasScheduleError> {
        let schedule = GasSchedule::from_toml_str(&self.schedule_toml)?;
        let config = VmConfig {
            time_limit: self.time_limit_ms.map(std::time::Duration::from_millis),
            max_instances: usize::try_from(self.max_instances).unwrap_or(usize::MAX),
            features: Features {
                crypto_opcodes_v2: self.crypto_opcodes_v2,
                barnard_opcodes: self.barnard_opcodes,
            },
        };
        Ok((schedule, config))
    }
}

/// A [`VmError`] on the wire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum WireVmError {
    /// [`VmError::Blockchain`].
    Blockchain(BlockchainError),
    /// [`VmError::Executor`].
    Executor(String),
    /// [`VmError::Config`].
    Config(String),
}

impl From<VmError> for WireVmError {
    fn from(e: VmError) -> Self {
        match e {
            VmError::Blockchain(e) => Self::Blockchain(e),
            VmError::Executor(m) => Self::Executor(m),
            VmError::Config(m) => Self::Config(m),
        }
    }
}

impl From<WireVmError> for VmError {
    fn from(e: WireVmError) -> Self {
        match e {
            WireVmError::Blockchain(e) => Self::Blockchain(e),
            WireVmError::Executor(m) => Self::Executor(m),
            WireVmError::Config(m) => Self::Config(m),
        }
    }
}

/// One [`BlockchainHooks`](blockchain_hooks::BlockchainHooks) method call, with its
/// arguments; one variant per trait method, default methods included (a node's chain may
/// override them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HookCall {
    AccountExists(Address),
    Nonce(Address),
    Balance(Address),
    Code(Address),
    CodeHash(Address),
    CodeMetadata(Address),
    Owner(Address),
    Username(Address),
    DeveloperRewards(Address),
    Storage(Address, Vec<u8>),
    EsdtTokenData(Address, EsdtKey),
    EsdtBalance(Address, EsdtKey),
    EsdtRoles(Address, Vec<u8>),
    EsdtPaused(Vec<u8>),
    EsdtLimitedTransfer(Vec<u8>),
    EsdtLastNonce(Address, Vec<u8>),
    CurrentBlock,
    PreviousBlock,
    EpochStartBlock,
    RoundTimeMs,
    BlockHash(u64),
    StateRootHash,
    NewAddress(Address, u64, [u8; 2]),
    ShardOf(Address),
    SelfShard,
    IsSmartContract(Address),
    IsPayable(Address, Address),
    IsBuiltinFunction(String),
    /// `state`: the asking side's object that answers the builtin's reads.
    ProcessBuiltinFunction {
        input: ContractCallInput,
        state: u32,
    },
    /// `state`: as for [`HookCall::ProcessBuiltinFunction`].
    ExecuteOnOtherVm {
        input: ContractCallInput,
        state: u32,
    },
    /// The chain's hash of new code.
    HashCode(Vec<u8>),
}

/// The answer to a [`HookCall`], by the method's return type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HookReply {
    Bool(bool),
    U32(u32),
    U64(u64),
    Big(BigUint),
    Bytes(Vec<u8>),
    MaybeBytes(Option<Vec<u8>>),
    MaybeHash(Option<[u8; 32]>),
    Metadata(CodeMetadata),
    MaybeAddress(Option<Address>),
    Storage(StorageRead),
    EsdtData(Option<EsdtTokenData>),
    List(Vec<Vec<u8>>),
    Block(BlockInfo),
    NewAddress(Result<Address, BlockchainError>),
    Output(Result<VmOutput, BlockchainError>),
    /// The asked side could not answer (no such object).
    Refused(String),
}

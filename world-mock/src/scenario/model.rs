//! The parsed scenario: steps with their values already interpreted into bytes.

use std::path::PathBuf;

use blockchain_hooks::{Address, BlockInfo, CodeMetadata, EsdtTransfer, ScheduleName};
use num_bigint::BigUint;

/// A whole scenario file.
#[derive(Clone, Debug)]
pub(crate) struct Scenario {
    pub check_gas: bool,
    pub gas_schedule: Option<ScheduleName>,
    pub steps: Vec<Step>,
}

/// One step, with where it is.
#[derive(Clone, Debug)]
pub(crate) struct Step {
    pub id: Option<String>,
    pub kind: StepKind,
}

#[derive(Clone, Debug)]
pub(crate) enum StepKind {
    External(PathBuf),
    SetState(Box<SetState>),
    Tx(Box<TxStep>),
    CheckState(CheckAccounts),
    DumpState,
}

impl StepKind {
    pub fn name(&self) -> &'static str {
        match self {
            Self::External(_) => "externalSteps",
            Self::SetState(_) => "setState",
            Self::Tx(tx) => tx.kind.name(),
            Self::CheckState(_) => "checkState",
            Self::DumpState => "dumpState",
        }
    }
}

#[derive(Clone, Debug, Default)]
pub(crate) struct SetState {
    pub accounts: Vec<(Address, AccountInit)>,
    pub new_addresses: Vec<(Address, u64, Address)>,
    pub block_hashes: Option<Vec<Vec<u8>>>,
    pub previous_block: Option<BlockUpdate>,
    pub current_block: Option<BlockUpdate>,
}

/// The block fields a `setState` names (the others keep their value).
#[derive(Clone, Debug, Default)]
pub(crate) struct BlockUpdate {
    pub nonce: Option<u64>,
    pub round: Option<u64>,
    pub epoch: Option<u32>,
    pub timestamp: Option<u64>,
    pub timestamp_ms: Option<u64>,
    pub random_seed: Option<Vec<u8>>,
}

impl BlockUpdate {
    pub fn apply(&self, block: &mut BlockInfo) {
        if let Some(v) = self.nonce {
            block.nonce = v;
        }
        if let Some(v) = self.round {
            block.round = v;
        }
        if let Some(v) = self.epoch {
            block.epoch = v;
        }
        if let Some(v) = self.timestamp {
            block.timestamp = v;
            if self.timestamp_ms.is_none() {
                block.timestamp_ms = v.saturating_mul(1000);
            }
        }
        if let Some(v) = self.timestamp_ms {
            block.timestamp_ms = v;
            if self.timestamp.is_none() {
                block.timestamp = v / 1000;
            }
        }
        if let Some(v) = &self.random_seed {
            block.random_seed = v.clone();
        }
    }
}

/// An account as a `setState` defines it.
#[derive(Clone, Debug, Default)]
pub(crate) struct AccountInit {
    pub nonce: u64,
    pub balance: BigUint,
    pub esdt: Vec<EsdtInit>,
    pub username: Vec<u8>,
    pub storage: Vec<(Vec<u8>, Vec<u8>)>,
    pub code: Option<Vec<u8>>,
    pub code_metadata: Option<CodeMetadata>,
    pub owner: Option<Address>,
    pub developer_rewards: BigUint,
    pub shard: Option<u32>,
    /// `"update": true`: merge into the existing account instead of replacing it.
    pub update: bool,
    /// The fields the scenario names.
    pub fields: std::collections::BTreeSet<String>,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct EsdtInit {
    pub token: Vec<u8>,
    pub instances: Vec<InstanceInit>,
    pub last_nonce: u64,
    pub roles: Vec<Vec<u8>>,
    pub frozen: bool,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct InstanceInit {
    pub nonce: u64,
    pub balance: BigUint,
    pub creator: Option<Address>,
    pub royalties: u32,
    pub hash: Vec<u8>,
    pub uris: Vec<Vec<u8>>,
    pub attributes: Vec<u8>,
    pub name: Vec<u8>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TxKind {
    Deploy,
    Call,
    Query,
    Transfer,
    ValidatorReward,
}

impl TxKind {
    /// Whether a transaction of this kind may hold `field` at all (mx-chain-scenario-go's
    /// `HasSender`, `HasValue`, `HasESDT`, `HasGasLimit`, `HasGasPrice`): a query has no
    /// sender, value or gas, a validator reward no sender or gas, and only calls and transfers
    /// carry ESDT.
    pub fn allows(self, field: &str) -> bool {
        match field {
            "from" => !matches!(self, Self::Query | Self::ValidatorReward),
            "value" | "egldValue" => self != Self::Query,
            "esdt" | "esdtValue" => matches!(self, Self::Call | Self::Transfer),
            "gasLimit" | "gasPrice" => !matches!(self, Self::Query | Self::ValidatorReward),
            _ => true,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Deploy => "scDeploy",
            Self::Call => "scCall",
            Self::Query => "scQuery",
            Self::Transfer => "transfer",
            Self::ValidatorReward => "validatorReward",
        }
    }
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Tx {
    pub from: Address,
    pub to: Address,
    pub egld_value: BigUint,
    pub esdt: Vec<EsdtTransfer>,
    pub function: String,
    pub arguments: Vec<Vec<u8>>,
    pub code: Vec<u8>,
    pub code_metadata: Option<CodeMetadata>,
    pub gas_limit: u64,
    pub gas_price: u64,
}

#[derive(Clone, Debug)]
pub(crate) struct TxStep {
    pub kind: TxKind,
    pub tx: Tx,
    pub expect: Option<Expect>,
}

/// A check of one value: anything, unspecified (not checked), or these bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) enum Check {
    #[default]
    Unspecified,
    Star,
    Value {
        bytes: Vec<u8>,
        original: String,
    },
}

/// A check of a list of values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) enum CheckList {
    #[default]
    Unspecified,
    Star,
    Values(Vec<Check>),
    /// The old single-value form (log `data`): the concatenation of the actual values.
    Concatenated(Check),
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Expect {
    pub out: CheckList,
    pub status: Check,
    pub message: Check,
    pub logs: LogsCheck,
    pub gas: Check,
    pub refund: Check,
}

#[derive(Clone, Debug, Default)]
pub(crate) enum LogsCheck {
    #[default]
    Star,
    List {
        entries: Vec<LogCheck>,
        more_allowed: bool,
    },
}

#[derive(Clone, Debug, Default)]
pub(crate) struct LogCheck {
    pub address: Check,
    pub endpoint: Check,
    pub topics: CheckList,
    pub data: CheckList,
    pub original: String,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct CheckAccounts {
    pub accounts: Vec<(Address, String, CheckAccount)>,
    pub more_allowed: bool,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct CheckAccount {
    pub nonce: Check,
    pub balance: Check,
    pub username: Check,
    pub code: Check,
    pub code_metadata: Check,
    pub owner: Check,
    pub developer_rewards: Check,
    pub storage: CheckMap,
    pub esdt: CheckEsdtMap,
}

impl CheckAccount {
    /// An account written as `"*"` (an extension of the format): it must exist, anything
    /// else goes.
    pub(crate) fn any() -> Self {
        Self {
            nonce: Check::Star,
            balance: Check::Star,
            username: Check::Star,
            code: Check::Star,
            code_metadata: Check::Star,
            owner: Check::Star,
            developer_rewards: Check::Star,
            storage: CheckMap::Star,
            esdt: CheckEsdtMap::Star,
        }
    }
}

/// Storage expectations: exact, `"+"` (more allowed) or `"*"`.
#[derive(Clone, Debug, Default)]
pub(crate) enum CheckMap {
    #[default]
    Unspecified,
    Star,
    Entries {
        entries: Vec<(Vec<u8>, String, Check)>,
        more_allowed: bool,
    },
}

#[derive(Clone, Debug, Default)]
pub(crate) enum CheckEsdtMap {
    #[default]
    Unspecified,
    Star,
    Tokens {
        tokens: Vec<CheckToken>,
        more_allowed: bool,
    },
}

#[derive(Clone, Debug, Default)]
pub(crate) struct CheckToken {
    pub token: Vec<u8>,
    /// `"*"`: anything.
    pub star: bool,
    pub instances: Vec<CheckInstance>,
    pub last_nonce: Check,
    pub roles: Option<Vec<Vec<u8>>>,
    pub frozen: Check,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct CheckInstance {
    pub nonce: u64,
    pub balance: Check,
    pub creator: Check,
    pub royalties: Check,
    pub hash: Check,
    pub uris: CheckList,
    pub attributes: Check,
}

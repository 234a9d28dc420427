//! The protocol's builtin functions, run against a [`BlockchainHooks`] view: each answers with
//! a [`VmOutput`] holding the new full state of every touched ESDT holding, the EGLD balance
//! deltas, the production log events and the gas left after its `BuiltInCost`.

mod account_ops;
mod context;
mod encode;
mod local;
mod transfer;

use blockchain_hooks::{
    BlockchainError, BlockchainHooks, ContractCallInput, GasSchedule, ReturnCode, VmOutput,
};

pub(crate) use context::BuiltinContext;
pub(crate) use transfer::EGLD_TOKEN;

/// Production error texts of the builtin functions.
pub mod messages {
    /// A required local role is missing.
    pub const ACTION_NOT_ALLOWED: &str = "action is not allowed";
    /// Not enough ESDT balance.
    pub const INSUFFICIENT_FUNDS: &str = "insufficient funds";
    /// `EGLD-000000` in a multi-transfer beyond the sender's balance.
    pub const INSUFFICIENT_EGLD_IN_MULTI_TRANSFER: &str =
        "insufficient funds for token EGLD-000000";
    /// Wrong argument count or shape.
    pub const INVALID_ARGUMENTS: &str = "invalid arguments to process built-in function";
    /// The gas provided does not cover the builtin's cost.
    pub const NOT_ENOUGH_GAS: &str = "not enough gas";
    /// A zero or negative amount.
    pub const NEGATIVE_VALUE: &str = "negative value";
    /// The token is paused.
    pub const TOKEN_PAUSED: &str = "esdt token is paused";
    /// The holding is frozen.
    pub const FROZEN: &str = "account is frozen";
    /// A payment to a contract that is not payable.
    pub const NOT_PAYABLE: &str = "sending value to non payable contract";
    /// The caller does not own the contract.
    pub const NOT_OWNER: &str = "operation in account not permitted";
    /// A username builtin called by an account that is not one of the DNS contracts.
    pub const NOT_DNS: &str = "caller is not the dns address";
    /// An NFT instance that does not exist.
    pub const NEW_NFT_DATA_ON_SENDER: &str = "new NFT data on sender";
}

/// The builtin functions' names.
pub const BUILTIN_FUNCTIONS: &[&str] = &[
    "ESDTTransfer",
    "ESDTNFTTransfer",
    "MultiESDTNFTTransfer",
    "ESDTLocalMint",
    "ESDTLocalBurn",
    "ESDTNFTCreate",
    "ESDTNFTAddQuantity",
    "ESDTNFTBurn",
    "ESDTNFTAddURI",
    "ESDTNFTUpdateAttributes",
    "ChangeOwnerAddress",
    "ClaimDeveloperRewards",
    "SetUserName",
    "DeleteUserName",
];

/// The protocol's other builtin functions: known as builtins (so a contract does not run
/// them as its own endpoints), refused by the world mock with "not supported".
pub const UNSUPPORTED_BUILTIN_FUNCTIONS: &[&str] = &[
    "SaveKeyValue",
    "ESDTBurn",
    "ESDTFreeze",
    "ESDTUnFreeze",
    "ESDTWipe",
    "ESDTPause",
    "ESDTUnPause",
    "ESDTSetRole",
    "ESDTUnSetRole",
    "ESDTSetLimitedTransfer",
    "ESDTUnSetLimitedTransfer",
    "ESDTNFTCreateRoleTransfer",
    "ESDTModifyRoyalties",
    "ESDTModifyCreator",
    "ESDTNFTRecreate",
    "ESDTNFTUpdate",
    "ESDTNFTSetNewURIs",
    "ESDTSetTokenType",
    "SetGuardian",
    "GuardAccount",
    "UnGuardAccount",
    "MigrateDataTrie",
];

/// Whether `name` is a builtin function of the protocol: one of the [`BUILTIN_FUNCTIONS`] or
/// of the [`UNSUPPORTED_BUILTIN_FUNCTIONS`].
pub fn is_builtin(name: &str) -> bool {
    BUILTIN_FUNCTIONS.contains(&name) || UNSUPPORTED_BUILTIN_FUNCTIONS.contains(&name)
}

/// A builtin that refuses: its return code and message.
#[derive(Debug)]
pub(crate) struct Refusal {
    pub code: ReturnCode,
    pub message: String,
}

impl Refusal {
    pub fn failed(message: impl Into<String>) -> Self {
        Self {
            code: ReturnCode::ExecutionFailed,
            message: message.into(),
        }
    }
}

pub(crate) type BuiltinResult = Result<(), Refusal>;

/// Runs the builtin `input.function`, reading through `state`.
///
/// # Errors
/// [`BlockchainError::UnknownBuiltinFunction`] for a name that is not a builtin; a refusal is
/// an `Ok` output with a failed return code and no change.
pub fn process(
    schedule: &GasSchedule,
    input: &ContractCallInput,
    state: &dyn BlockchainHooks,
) -> Result<VmOutput, BlockchainError> {
    let costs = &schedule.built_in_cost;
    let (cost, run): (u64, fn(&mut BuiltinContext<'_>) -> BuiltinResult) =
        match input.function.as_str() {
            "ESDTTransfer" => (costs.esdt_transfer, transfer::esdt_transfer),
            "ESDTNFTTransfer" => (costs.esdt_nft_transfer, transfer::esdt_nft_transfer),
            "MultiESDTNFTTransfer" => (
                costs
                    .esdt_nft_multi_transfer
                    .saturating_mul(transfer::multi_transfer_count(input)),
                transfer::multi_esdt_nft_transfer,
            ),
            "ESDTLocalMint" => (costs.esdt_local_mint, local::local_mint),
            "ESDTLocalBurn" => (costs.esdt_local_burn, local::local_burn),
            "ESDTNFTCreate" => (costs.esdt_nft_create, local::nft_create),
            "ESDTNFTAddQuantity" => (costs.esdt_nft_add_quantity, local::nft_add_quantity),
            "ESDTNFTBurn" => (costs.esdt_nft_burn, local::nft_burn),
            "ESDTNFTAddURI" => (costs.esdt_nft_add_uri, local::nft_add_uri),
            "ESDTNFTUpdateAttributes" => (
                costs.esdt_nft_update_attributes,
                local::nft_update_attributes,
            ),
            "ChangeOwnerAddress" => (costs.change_owner_address, account_ops::change_owner),
            "ClaimDeveloperRewards" => (
                costs.claim_developer_rewards,
                account_ops::claim_developer_rewards,
            ),
            "SetUserName" => (costs.save_user_name, account_ops::set_user_name),
            "DeleteUserName" => (costs.save_user_name, account_ops::delete_user_name),
            other if UNSUPPORTED_BUILTIN_FUNCTIONS.contains(&other) => {
                return Ok(VmOutput::failure(
                    ReturnCode::ExecutionFailed,
                    format!("builtin function {other} is not supported by the world mock"),
                ));
            }
            other => return Err(BlockchainError::UnknownBuiltinFunction(other.to_owned())),
        };
    let provided = input.vm_input.gas_provided;
    if provided < cost {
        return Ok(VmOutput::failure(
            ReturnCode::OutOfGas,
            messages::NOT_ENOUGH_GAS,
        ));
    }
    let mut ctx = BuiltinContext::new(input, state, provided - cost);
    Ok(match run(&mut ctx) {
        Ok(()) => ctx.finish(),
        Err(refusal) => VmOutput::failure(refusal.code, refusal.message),
    })
}

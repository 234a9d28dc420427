//! Deploy, call and upgrade, step by step as the production VM's `hostCore/execution.go`
//! (`doRunSmartContractCreate`, `doRunSmartContractCall`, `doRunSmartContractUpgrade`) takes
//! them; the order of the checks decides which error a transaction gets.

use blockchain_hooks::{
    Address, BlockchainHooks, CallType, CodeMetadata, ContractCallInput, ContractCreateInput,
    ReturnCode, VmInput, VmOutput, WASM_VM_TYPE,
};
use executor_api::{CodeHash, EarlyExit};
use num_bigint::BigInt;
use sha2::{Digest, Sha256};
use vm_handler::VmError;

use super::run::{Engine, Execution, failure, out_of_gas};
use crate::context::Frame;
use crate::errors;
use crate::output::OutputJournal;

/// The function `init`.
const INIT: &str = "init";
/// The function the protocol routes upgrades through.
pub(super) const UPGRADE_CONTRACT: &str = "upgradeContract";
/// The contract's own upgrade endpoint.
const UPGRADE: &str = "upgrade";
/// The asynchronous callback.
const CALLBACK: &str = "callBack";

/// The cache key of new code: the chain's hash of it, else SHA-256.
pub(crate) fn code_hash(chain: &dyn BlockchainHooks, code: &[u8]) -> CodeHash {
    CodeHash(
        chain
            .hash_code(code)
            .unwrap_or_else(|| Sha256::digest(code).into()),
    )
}

/// `cost + per_byte × code length`, saturating.
fn code_cost(cost: u64, per_byte: u64, code: &[u8]) -> u64 {
    cost.saturating_add(crate::abi::times(per_byte, code.len()))
}

/// A journal with the call value credited to `contract` (`AddTxValueToAccount`).
fn journal_with_value(contract: Address, input: &VmInput) -> OutputJournal {
    let mut journal = OutputJournal::default();
    journal.account_mut(contract).balance_delta += BigInt::from(input.egld_value.clone());
    journal
}

/// The gas an execution has: for an asynchronous callback, with the gas locked for it.
fn gas_provided(input: &VmInput) -> u64 {
    match input.call_type {
        CallType::AsynchronousCallBack => input.gas_provided.saturating_add(input.gas_locked),
        _ => input.gas_provided,
    }
}

/// Deploys `input.code` at the address derived from the creator and its nonce (the nonce of
/// the transaction, one below the account's, for a user; the account's for a contract) and
/// runs `init`, which the code must export.
pub(super) fn create(
    engine: &Engine<'_>,
    input: &ContractCreateInput,
    chain: &dyn BlockchainHooks,
) -> Result<VmOutput, VmError> {
    let creator = input.vm_input.caller;
    let nonce = chain.nonce(&creator);
    let creator_nonce = if chain.is_smart_contract(&creator) {
        nonce
    } else {
        nonce.saturating_sub(1)
    };
    let contract = match chain.new_address(&creator, creator_nonce, WASM_VM_TYPE) {
        Ok(address) => address,
        Err(e) => return Ok(failure(EarlyExit::execution_failed(e.to_string()))),
    };
    let mut journal = OutputJournal::default();
    journal.account_mut(creator);
    journal.account_mut(contract).balance_delta += BigInt::from(input.vm_input.egld_value.clone());
    // The production VM runs a deploy's `init` with no function name: its events have an
    // empty identifier.
    let mut frame = Frame::new(contract, "", input.vm_input.clone());
    frame.code_metadata = input.code_metadata;
    let costs = engine.schedule;
    let exec = Execution {
        contract,
        code: &input.code,
        hash: code_hash(chain, &input.code),
        export: INIT,
        frame,
        gas_provided: input.vm_input.gas_provided,
        initial_cost: code_cost(
            costs.base_ops_api_cost.create_contract,
            costs.base_operation_cost.compile_per_byte,
            &input.code,
        ),
        refusal: None,
        journal,
        new_code: true,
    };
    let mut output = engine.run(chain, exec)?;
    deploy_code(
        &mut output,
        contract,
        &input.code,
        input.code_metadata,
        creator,
    );
    Ok(output)
}

/// Records the deployed code on a successful output (`DeployCode`).
fn deploy_code(
    output: &mut VmOutput,
    contract: Address,
    code: &[u8],
    metadata: CodeMetadata,
    deployer: Address,
) {
    if !output.return_code.is_ok() {
        return;
    }
    let account = output.account_mut(contract);
    account.code = Some(code.to_vec());
    account.code_metadata = Some(metadata);
    account.code_deployer = Some(deployer);
}

/// Why the production VM refuses to run `function` directly, if it does.
fn refusal(function: &str, call_type: CallType) -> Option<EarlyExit> {
    match function {
        "" => Some(EarlyExit::user_error(errors::INVALID_FUNCTION)),
        INIT | UPGRADE => Some(EarlyExit::user_error(errors::INIT_CALLED_DIRECTLY)),
        CALLBACK if call_type != CallType::AsynchronousCallBack => {
            Some(EarlyExit::user_error(errors::CALLBACK_CALLED_DIRECTLY))
        }
        _ => None,
    }
}

/// Runs `input.function` of the contract at `input.recipient`; `read_only` refuses storage
/// writes and drops events (queries).
pub(super) fn call(
    engine: &Engine<'_>,
    input: &ContractCallInput,
    chain: &dyn BlockchainHooks,
    read_only: bool,
) -> Result<VmOutput, VmError> {
    let vm_input = &input.vm_input;
    let contract = input.recipient;
    let mut journal = journal_with_value(contract, vm_input);
    let mut callback = None;
    if vm_input.call_type == CallType::AsynchronousCallBack {
        callback = crate::asynchronous::stored_callback(chain, contract, vm_input);
    }
    let function = match &callback {
        Some(stored) => {
            journal.write_storage(contract, stored.key.clone(), Vec::new());
            stored.function.clone()
        }
        None => input.function.clone(),
    };
    let input = &ContractCallInput {
        function,
        ..input.clone()
    };
    let costs = engine.schedule;
    let gas = gas_provided(vm_input);
    if gas < costs.base_operation_cost.get_code {
        return Ok(out_of_gas());
    }
    let Some(code) = chain.code(&contract).filter(|c| !c.is_empty()) else {
        return Ok(VmOutput::failure(
            ReturnCode::ContractNotFound,
            errors::CONTRACT_NOT_FOUND,
        ));
    };
    let refusal = match vm_input.call_type {
        CallType::DirectCall | CallType::AsynchronousCall | CallType::AsynchronousCallBack => {
            refusal(&input.function, vm_input.call_type)
        }
        _ => Some(EarlyExit::execution_failed(errors::UNKNOWN_CALL_TYPE)),
    };
    let mut frame = Frame::new(contract, input.function.clone(), vm_input.clone());
    frame.code_metadata = chain.code_metadata(&contract);
    frame.read_only = read_only;
    frame.callback_closure = callback.map(|stored| stored.closure);
    let hash = chain
        .code_hash(&contract)
        .map_or_else(|| code_hash(chain, &code), CodeHash);
    let exec = Execution {
        contract,
        code: &code,
        hash,
        export: &input.function,
        frame,
        gas_provided: gas,
        initial_cost: code_cost(
            costs.base_operation_cost.get_code,
            costs.base_operation_cost.aot_prepare_per_byte,
            &code,
        ),
        refusal,
        journal,
        new_code: false,
    };
    engine.run(chain, exec)
}

/// Whether `caller` may upgrade `contract`: its owner, of an upgradeable contract.
fn upgrade_allowed(chain: &dyn BlockchainHooks, contract: &Address, caller: &Address) -> bool {
    chain.account_exists(contract)
        && chain.code_metadata(contract).is_upgradeable()
        && chain.owner(contract).as_ref() == Some(caller)
}

/// `upgradeContract@code@metadata@args…` from the owner: replaces the code and runs its
/// `upgrade` endpoint with the remaining arguments. The contract's function stays
/// `upgradeContract` for the hooks (`getFunction`, event identifiers).
pub(super) fn upgrade(
    engine: &Engine<'_>,
    input: &ContractCallInput,
    chain: &dyn BlockchainHooks,
) -> Result<VmOutput, VmError> {
    let contract = input.recipient;
    let caller = input.vm_input.caller;
    if !upgrade_allowed(chain, &contract, &caller) {
        return Ok(failure(EarlyExit::execution_failed(
            errors::UPGRADE_NOT_ALLOWED,
        )));
    }
    let journal = journal_with_value(contract, &input.vm_input);
    let mut vm_input = input.vm_input.clone();
    let (code, metadata) = match vm_input.arguments.as_slice() {
        [code, metadata, ..] => (code.clone(), CodeMetadata::from_bytes(metadata)),
        _ => {
            return Ok(VmOutput::failure(
                ReturnCode::UpgradeFailed,
                errors::INVALID_UPGRADE_ARGUMENTS,
            ));
        }
    };
    vm_input.arguments.drain(..2);
    let gas = gas_provided(&vm_input);
    let mut frame = Frame::new(contract, UPGRADE_CONTRACT, vm_input);
    frame.code_metadata = metadata;
    let costs = engine.schedule;
    let exec = Execution {
        contract,
        code: &code,
        hash: code_hash(chain, &code),
        export: UPGRADE,
        frame,
        gas_provided: gas,
        initial_cost: code_cost(
            costs.base_ops_api_cost.create_contract,
            costs.base_operation_cost.compile_per_byte,
            &code,
        ),
        refusal: None,
        journal,
        new_code: true,
    };
    let mut output = engine.run(chain, exec)?;
    deploy_code(&mut output, contract, &code, metadata, caller);
    Ok(output)
}

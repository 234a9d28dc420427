//! How the transaction steps run, as the reference scenario runners run them.
//!
//! A sender's nonce is incremented and `gasLimit × gasPrice` is charged (without refund)
//! before anything else, and both stay whatever the outcome. A sender without the
//! `egldValue` gets status 7 (out of funds). `esdtValue` payments run as the builtin transfer
//! (`ESDTTransfer`, `ESDTNFTTransfer` or `MultiESDTNFTTransfer`) before the contract call,
//! which gets the gas the builtin leaves and sees the payments in its input; its logs are
//! dropped (a builtin called as the function keeps them, first). A failed transaction changes nothing but the nonce and the gas fee. `scQuery` runs
//! as the contract itself with unlimited gas and changes nothing.

use blockchain_hooks::{
    Address, CallType, CodeMetadata, ContractCallInput, ContractCreateInput, EsdtTransfer,
    ReturnCode, VmInput, VmOutput,
};
use num_bigint::{BigInt, BigUint};
use num_traits::Zero;

use super::model::{Tx, TxKind, TxStep};
use crate::world::reserved_keys::REWARDS_KEY;
use crate::{Account, World, WorldError};

/// The code metadata of a deploy that names none: upgradeable, readable, payable, payable by
/// contracts.
pub const DEFAULT_CODE_METADATA: CodeMetadata = CodeMetadata([0x05, 0x06]);

/// The gas of an `scQuery`.
const QUERY_GAS: u64 = i64::MAX as u64;

/// The transaction hash the runners derive from a step id: its bytes, padded with `.` (or
/// cut) to 32.
pub(crate) fn tx_hash(id: &str) -> Vec<u8> {
    let mut hash = id.as_bytes().to_vec();
    hash.resize(32, b'.');
    hash
}

/// Runs a transaction step on `world` and answers its output; `Err` is a step that cannot
/// run (a missing sender, a call to an account without code, …).
pub(crate) fn run_tx(world: &mut World, step: &TxStep, id: &str) -> Result<VmOutput, WorldError> {
    let tx = &step.tx;
    let hash = tx_hash(id);
    match step.kind {
        TxKind::Query => query(world, tx, hash),
        TxKind::ValidatorReward => validator_reward(world, tx),
        kind => {
            pay_upfront(world, tx)?;
            if world.account(&tx.from).map(|a| &a.balance) < Some(&tx.egld_value) {
                return Ok(VmOutput::failure(ReturnCode::OutOfFunds, ""));
            }
            match kind {
                TxKind::Deploy => deploy(world, tx, hash),
                TxKind::Call => call(world, tx, hash),
                _ => transfer(world, tx),
            }
        }
    }
}

fn state_err(message: impl Into<String>) -> WorldError {
    WorldError::State(message.into())
}

/// Increments the sender's nonce and charges the gas fee.
fn pay_upfront(world: &mut World, tx: &Tx) -> Result<(), WorldError> {
    let Some(sender) = world.accounts.get_mut(&tx.from) else {
        return Err(state_err(format!(
            "sender {} does not exist",
            crate::readable(&tx.from.0)
        )));
    };
    let fee = BigUint::from(tx.gas_limit) * BigUint::from(tx.gas_price);
    if sender.balance < fee {
        return Err(state_err("not enough balance to pay gas upfront"));
    }
    sender.nonce += 1;
    sender.balance -= fee;
    Ok(())
}

fn vm_input(tx: &Tx, gas: u64, hash: Vec<u8>) -> VmInput {
    VmInput {
        caller: tx.from,
        arguments: tx.arguments.clone(),
        egld_value: tx.egld_value.clone(),
        esdt_transfers: tx.esdt.clone(),
        call_type: CallType::DirectCall,
        gas_price: tx.gas_price,
        gas_provided: gas,
        original_tx_hash: hash.clone(),
        current_tx_hash: hash,
        original_caller: tx.from,
        ..VmInput::default()
    }
}

fn deploy(world: &mut World, tx: &Tx, hash: Vec<u8>) -> Result<VmOutput, WorldError> {
    let input = ContractCreateInput {
        vm_input: vm_input(tx, tx.gas_limit, hash),
        code: tx.code.clone(),
        code_metadata: tx.code_metadata.unwrap_or(DEFAULT_CODE_METADATA),
    };
    let output = world.execute_create(&input)?;
    commit(world, tx, &output)?;
    Ok(output)
}

fn require_contract(world: &World, to: &Address) -> Result<(), WorldError> {
    match world.account(to) {
        None => Err(state_err(format!(
            "recipient {} does not exist",
            crate::readable(&to.0)
        ))),
        Some(a) if a.code.is_none() => Err(state_err(format!(
            "recipient {} is not a smart contract",
            crate::readable(&to.0)
        ))),
        Some(_) => Ok(()),
    }
}

/// The contract call a transfer builtin carries after its payments.
struct FollowUp {
    dest: Address,
    esdt: Vec<EsdtTransfer>,
    function: String,
    args: Vec<Vec<u8>>,
}

fn number_arg(bytes: &[u8]) -> Option<u64> {
    u64::try_from(BigUint::from_bytes_be(bytes)).ok()
}

/// The call after the payments of a transfer builtin sent as a transaction
/// (`ESDTTransfer@token@value@function@args…` and the like), if it names one.
fn parse_follow_up(tx: &Tx) -> Option<FollowUp> {
    let args = &tx.arguments;
    let payment = |token: &Vec<u8>, nonce: u64, value: &Vec<u8>| EsdtTransfer {
        token: token.clone(),
        nonce,
        value: BigUint::from_bytes_be(value),
    };
    let (dest, esdt, rest) = match tx.function.as_str() {
        "ESDTTransfer" if args.len() > 2 => {
            (tx.to, vec![payment(&args[0], 0, &args[1])], &args[2..])
        }
        "ESDTNFTTransfer" if args.len() > 4 => {
            let esdt = vec![payment(&args[0], number_arg(&args[1])?, &args[2])];
            (Address::from_slice(&args[3])?, esdt, &args[4..])
        }
        "MultiESDTNFTTransfer" if args.len() > 2 => {
            let count = usize::try_from(number_arg(&args[1])?).ok()?;
            let end = count.checked_mul(3)?.checked_add(2)?;
            let triples = args.get(2..end)?;
            let esdt = triples
                .chunks(3)
                .map(|t| Some(payment(&t[0], number_arg(&t[1])?, &t[2])))
                .collect::<Option<Vec<_>>>()?;
            (Address::from_slice(&args[0])?, esdt, args.get(end..)?)
        }
        _ => return None,
    };
    let (function, call_args) = rest.split_first()?;
    Some(FollowUp {
        dest,
        esdt,
        function: String::from_utf8_lossy(function).into_owned(),
        args: call_args.to_vec(),
    })
}

fn call(world: &mut World, tx: &Tx, hash: Vec<u8>) -> Result<VmOutput, WorldError> {
    let (first, follow_up) = if !tx.esdt.is_empty() {
        require_contract(world, &tx.to)?;
        let output = esdt_transfer(world, tx, Some((&tx.function, &tx.arguments)))?;
        let follow_up = FollowUp {
            dest: tx.to,
            esdt: tx.esdt.clone(),
            function: tx.function.clone(),
            args: tx.arguments.clone(),
        };
        (output, Some(follow_up))
    } else if crate::is_builtin(&tx.function) {
        let input = ContractCallInput {
            vm_input: vm_input(tx, tx.gas_limit, hash.clone()),
            recipient: tx.to,
            function: tx.function.clone(),
            allow_init: false,
        };
        let mut output = world.execute_call(&input)?;
        for account in output.output_accounts.values_mut() {
            account.output_transfers.clear();
        }
        (output, parse_follow_up(tx))
    } else {
        require_contract(world, &tx.to)?;
        let input = ContractCallInput {
            vm_input: vm_input(tx, tx.gas_limit, hash),
            recipient: tx.to,
            function: tx.function.clone(),
            allow_init: false,
        };
        let output = world.execute_call(&input)?;
        commit(world, tx, &output)?;
        return Ok(output);
    };
    let follow_up = follow_up.filter(|f| {
        !f.function.is_empty() && world.account(&f.dest).is_some_and(|a| a.code.is_some())
    });
    match follow_up {
        Some(follow_up) if first.return_code.is_ok() => {
            run_follow_up(world, tx, hash, first, follow_up)
        }
        _ => {
            commit(world, tx, &first)?;
            Ok(first)
        }
    }
}

/// Applies a transfer builtin's output, then runs the contract call it carries with the gas
/// it left; a failing call reverts the transfer too.
fn run_follow_up(
    world: &mut World,
    tx: &Tx,
    hash: Vec<u8>,
    transfer: VmOutput,
    follow_up: FollowUp,
) -> Result<VmOutput, WorldError> {
    let undo = snapshot(world, &transfer);
    world.apply_output(&transfer)?;
    let mut call_tx = tx.clone();
    call_tx.arguments = follow_up.args;
    call_tx.esdt = follow_up.esdt;
    let input = ContractCallInput {
        vm_input: vm_input(&call_tx, transfer.gas_remaining, hash),
        recipient: follow_up.dest,
        function: follow_up.function,
        allow_init: false,
    };
    let mut output = world.execute_call(&input)?;
    if output.return_code.is_ok() {
        commit(world, tx, &output)?;
        // The production runner drops the logs of a transaction's own `esdtValue` transfer;
        // a builtin called as the transaction's function keeps them.
        if tx.esdt.is_empty() {
            let mut logs = transfer.logs;
            logs.append(&mut output.logs);
            output.logs = logs;
        }
    } else {
        restore(world, undo);
    }
    Ok(output)
}

fn transfer(world: &mut World, tx: &Tx) -> Result<VmOutput, WorldError> {
    if !tx.esdt.is_empty() {
        let output = esdt_transfer(world, tx, None)?;
        if output.return_code.is_ok() {
            world.apply_output(&output)?;
            move_egld(world, tx)?;
        }
        return Ok(output);
    }
    move_egld(world, tx)?;
    Ok(VmOutput::default())
}

fn move_egld(world: &mut World, tx: &Tx) -> Result<(), WorldError> {
    if tx.egld_value.is_zero() {
        world.account_mut(tx.to);
        return Ok(());
    }
    let value = BigInt::from(tx.egld_value.clone());
    world.add_balance(tx.from, &-value.clone())?;
    world.add_balance(tx.to, &value)
}

/// The builtin call that moves a transaction's ESDT payments, with the contract call after
/// it (`call`) in its arguments, as the protocol builds it.
fn esdt_transfer(
    world: &World,
    tx: &Tx,
    call: Option<(&String, &Vec<Vec<u8>>)>,
) -> Result<VmOutput, WorldError> {
    let (function, recipient, mut args) = esdt_builtin_args(tx.from, tx.to, &tx.esdt);
    // A `transfer` step names no gas: its builtin runs with as much as it needs.
    let gas = if call.is_none() && tx.gas_limit == 0 {
        QUERY_GAS
    } else {
        tx.gas_limit
    };
    if let Some((name, call_args)) = call.filter(|(name, _)| !name.is_empty()) {
        args.push(name.as_bytes().to_vec());
        args.extend(call_args.iter().cloned());
    }
    let input = ContractCallInput {
        vm_input: VmInput {
            caller: tx.from,
            arguments: args,
            gas_price: tx.gas_price,
            gas_provided: gas,
            original_caller: tx.from,
            ..VmInput::default()
        },
        recipient,
        function: function.to_owned(),
        allow_init: false,
    };
    let mut output = world.execute_call(&input)?;
    for account in output.output_accounts.values_mut() {
        account.output_transfers.clear();
    }
    Ok(output)
}

/// The builtin, its recipient and its arguments for moving `payments` from `from` to `to`,
/// as the production runner converts them: one payment alone goes by `ESDTTransfer` (or
/// `ESDTNFTTransfer` with a nonce), several or a lone `EGLD-000000` by `MultiESDTNFTTransfer`.
pub fn esdt_builtin_args(
    from: Address,
    to: Address,
    payments: &[EsdtTransfer],
) -> (&'static str, Address, Vec<Vec<u8>>) {
    let big = |v: &BigUint| {
        if v.is_zero() {
            Vec::new()
        } else {
            v.to_bytes_be()
        }
    };
    let nonce = |n: u64| big(&BigUint::from(n));
    let egld = |p: &EsdtTransfer| p.token == crate::builtins::EGLD_TOKEN;
    match payments {
        [single] if single.nonce == 0 && !egld(single) => (
            "ESDTTransfer",
            to,
            vec![single.token.clone(), big(&single.value)],
        ),
        [single] if !egld(single) => (
            "ESDTNFTTransfer",
            from,
            vec![
                single.token.clone(),
                nonce(single.nonce),
                big(&single.value),
                to.0.to_vec(),
            ],
        ),
        many => {
            let mut args = vec![to.0.to_vec(), nonce(many.len() as u64)];
            for p in many {
                args.extend([p.token.clone(), nonce(p.nonce), big(&p.value)]);
            }
            ("MultiESDTNFTTransfer", from, args)
        }
    }
}

fn snapshot(world: &World, output: &VmOutput) -> Vec<(Address, Option<Account>)> {
    output
        .output_accounts
        .keys()
        .map(|a| (*a, world.account(a).cloned()))
        .collect()
}

fn restore(world: &mut World, undo: Vec<(Address, Option<Account>)>) {
    for (address, account) in undo {
        match account {
            Some(account) => world.set_account(address, account),
            None => {
                world.accounts.remove(&address);
            }
        }
    }
}

/// Applies a successful output, and takes the EGLD value from the sender unless the output
/// already did (the sum of its balance deltas tells).
fn commit(world: &mut World, tx: &Tx, output: &VmOutput) -> Result<(), WorldError> {
    if !output.return_code.is_ok() {
        return Ok(());
    }
    let sum: BigInt = output
        .output_accounts
        .values()
        .map(|a| a.balance_delta.clone())
        .sum();
    let value = BigInt::from(tx.egld_value.clone());
    if !value.is_zero() && sum == value {
        world.add_balance(tx.from, &-value)?;
    } else if !sum.is_zero() && !crate::is_builtin(&tx.function) {
        return Err(state_err(format!(
            "the balance deltas of the output sum to {sum}, not to the call value {value} or 0"
        )));
    }
    world.apply_output(output)
}

fn query(world: &World, tx: &Tx, hash: Vec<u8>) -> Result<VmOutput, WorldError> {
    require_contract(world, &tx.to)?;
    let mut query_tx = tx.clone();
    query_tx.from = tx.to;
    query_tx.egld_value = BigUint::default();
    let input = ContractCallInput {
        vm_input: vm_input(&query_tx, QUERY_GAS, hash),
        recipient: tx.to,
        function: tx.function.clone(),
        allow_init: false,
    };
    world.execute_call(&input)
}

fn validator_reward(world: &mut World, tx: &Tx) -> Result<VmOutput, WorldError> {
    let Some(account) = world.accounts.get_mut(&tx.to) else {
        return Err(state_err(format!(
            "recipient {} does not exist",
            crate::readable(&tx.to.0)
        )));
    };
    account.balance += &tx.egld_value;
    let old = BigUint::from_bytes_be(account.storage.get(REWARDS_KEY).map_or(&[][..], |v| v));
    let new = old + &tx.egld_value;
    let bytes = if new.is_zero() {
        Vec::new()
    } else {
        new.to_bytes_be()
    };
    account.set_storage(REWARDS_KEY.to_vec(), bytes);
    Ok(VmOutput::default())
}

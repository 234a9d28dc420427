//! Builtin functions reached from a contract, ESDT transfers (`TransferESDT` /
//! `ExecuteESDTTransfer`) and calls to contracts of another VM.

use blockchain_hooks::{
    Address, BlockchainHooks, CallType, ContractCallInput, EsdtTransfer, OutputTransfer, VmInput,
    VmOutput,
};
use executor_api::{EarlyExit, InstanceAccess};
use num_bigint::BigUint;

use super::{ChildResult, READ_ONLY, complete_logs, push_output_transfer};
use crate::Context;
use crate::abi::charge_unbounded;
use crate::errors::{self, failed};

/// The token name of EGLD inside a multi-transfer.
pub const EGLD_TOKEN: &[u8] = b"EGLD-000000";
/// An ESDT transfer hook given no transfer.
pub const TRANSFER_VALUE_ON_ESDT_CALL: &str = "transfer value on esdt call";

/// Lowercase hex of `bytes`.
pub(crate) fn hex_encode(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

/// The bytes of a hex string (either case); `None` for an odd length or a non-hex digit.
pub(crate) fn hex_decode(text: &str) -> Option<Vec<u8>> {
    let digit = |c: u8| {
        char::from(c)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    };
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    bytes
        .chunks_exact(2)
        .map(|pair| Some(digit(pair[0])? << 4 | digit(pair[1])?))
        .collect()
}

/// `function@hex(arg)@…` (`makeCrossShardCallFromInput`).
pub(crate) fn call_data(function: &str, args: &[Vec<u8>]) -> Vec<u8> {
    let mut data = function.as_bytes().to_vec();
    for arg in args {
        data.push(b'@');
        data.extend(hex_encode(arg).into_bytes());
    }
    data
}

/// Splits call data `function@hex@…` into the function and its arguments; `None` for empty
/// data or an argument that is not hex (`callArgsParser.ParseData`).
pub(crate) fn parse_call_data(data: &[u8]) -> Option<(String, Vec<Vec<u8>>)> {
    if data.is_empty() {
        return None;
    }
    let text = std::str::from_utf8(data).ok()?;
    let mut parts = text.split('@');
    let function = parts.next()?.to_owned();
    let args = parts.map(hex_decode).collect::<Option<Vec<_>>>()?;
    Some((function, args))
}

/// The transfers a transfer builtin call moves, its receiver and the call it carries.
pub(crate) struct ParsedTransfers {
    pub receiver: Address,
    pub transfers: Vec<EsdtTransfer>,
    pub function: String,
    pub args: Vec<Vec<u8>>,
}

fn number(bytes: &[u8]) -> Option<u64> {
    u64::try_from(BigUint::from_bytes_be(bytes)).ok()
}

fn payment(token: &[u8], nonce: u64, value: &[u8]) -> EsdtTransfer {
    EsdtTransfer {
        token: token.to_vec(),
        nonce,
        value: BigUint::from_bytes_be(value),
    }
}

/// Parses a transfer builtin call from `sender` to `receiver` (`ParseESDTTransfers`).
pub(crate) fn parse_transfers(
    sender: Address,
    receiver: Address,
    function: &str,
    args: &[Vec<u8>],
) -> Option<ParsedTransfers> {
    let (receiver, transfers, rest) = match function {
        "ESDTTransfer" if args.len() >= 2 => {
            (receiver, vec![payment(&args[0], 0, &args[1])], &args[2..])
        }
        "ESDTNFTTransfer" if args.len() >= 4 => {
            let to = if sender == receiver {
                Address::from_slice(&args[3])?
            } else {
                receiver
            };
            let transfers = vec![payment(&args[0], number(&args[1])?, &args[2])];
            (to, transfers, &args[4..])
        }
        "MultiESDTNFTTransfer" if args.len() >= 2 => {
            let count = usize::try_from(number(&args[1])?).ok()?;
            let end = count.checked_mul(3)?.checked_add(2)?;
            let triples = args.get(2..end)?;
            let to = if sender == receiver {
                Address::from_slice(&args[0])?
            } else {
                receiver
            };
            let transfers = triples
                .chunks(3)
                .map(|t| Some(payment(&t[0], number(&t[1])?, &t[2])))
                .collect::<Option<Vec<_>>>()?;
            (to, transfers, &args[end..])
        }
        _ => return None,
    };
    let (function, args) = match rest.split_first() {
        Some((f, a)) => (String::from_utf8_lossy(f).into_owned(), a.to_vec()),
        None => (String::new(), Vec::new()),
    };
    Some(ParsedTransfers {
        receiver,
        transfers,
        function,
        args,
    })
}

/// The ESDT transfers of output-transfer data that moves tokens from `child` to `parent`
/// without calling it.
pub(crate) fn esdt_without_call(
    data: &[u8],
    child: Address,
    parent: Address,
) -> Option<Vec<EsdtTransfer>> {
    let (function, args) = parse_call_data(data)?;
    let parsed = parse_transfers(child, parent, &function, &args)?;
    parsed.function.is_empty().then_some(parsed.transfers)
}

/// Merges a builtin's (or other VM's) output into the journal: balance deltas, nonces, ESDT
/// holdings, storage, code, deleted accounts, logs and return data; its output transfers
/// only when `with_transfers`.
pub(crate) fn merge_builtin_output(ctx: &mut Context<'_>, output: VmOutput, with_transfers: bool) {
    for (address, account) in output.output_accounts {
        let index_base = ctx.next_transfer_index;
        ctx.output.add_builtin_egld(address, &account.balance_delta);
        let pending = ctx.output.account_mut(address);
        pending.balance_delta += account.balance_delta;
        if account.nonce.is_some() {
            pending.nonce = account.nonce;
        }
        pending.esdt_updates.extend(account.esdt_updates);
        pending.storage_updates.extend(account.storage_updates);
        if account.code.is_some() {
            pending.code = account.code;
            pending.code_metadata = account.code_metadata;
        }
        // An owner change comes alone (`ChangeOwnerAddress`) or with new code.
        if account.code_deployer.is_some() {
            pending.code_deployer = account.code_deployer;
        }
        if with_transfers {
            let count = account.output_transfers.len();
            for (i, mut transfer) in account.output_transfers.into_iter().enumerate() {
                transfer.index = index_base.saturating_add(u32::try_from(i).unwrap_or(0));
                pending.output_transfers.push(transfer);
            }
            ctx.next_transfer_index = index_base.saturating_add(u32::try_from(count).unwrap_or(0));
        }
    }
    let out = ctx.output.output_mut();
    out.deleted_accounts.extend(output.deleted_accounts);
    out.logs.extend(output.logs);
    out.return_data.extend(output.return_data);
}

/// The label of a builtin's events by the call type (`completeLogEntriesAfterBuiltinCall`).
fn builtin_label(call_type: CallType) -> &'static str {
    match call_type {
        CallType::AsynchronousCall => "AsyncCall",
        CallType::AsynchronousCallBack => "AsyncCallback",
        _ => "ExecuteOnDestContext",
    }
}

/// Runs the builtin `input.function` for the running contract (`callBuiltinFunction`): its
/// changes and events join the output, the parent pays its cost; answers the contract call
/// it carries to a same-shard contract, if any, and the builtin's return data.
///
/// # Errors
/// Read-only mode; the builtin's refusal (its message, all its gas used).
pub(crate) fn call_builtin(
    ctx: &mut Context<'_>,
    parent: &mut dyn InstanceAccess,
    input: &ContractCallInput,
) -> Result<(Option<ContractCallInput>, Vec<Vec<u8>>), EarlyExit> {
    if ctx.read_only() {
        return Err(failed(READ_ONLY));
    }
    let provided = input.vm_input.gas_provided;
    let result = {
        let state = ctx.state();
        ctx.chain.process_builtin_function(input, &state)
    };
    let mut output = match result {
        Ok(output) if output.return_code.is_ok() => output,
        Ok(output) => {
            let _ = parent.use_gas(provided);
            return Err(failed(output.return_message));
        }
        Err(e) => {
            let _ = parent.use_gas(provided);
            return Err(failed(e.to_string()));
        }
    };
    let caller = input.vm_input.caller;
    let parsed = parse_transfers(
        caller,
        input.recipient,
        &input.function,
        &input.vm_input.arguments,
    );
    let same_shard =
        |ctx: &Context<'_>, to: &Address| ctx.chain.shard_of(&caller) == ctx.chain.shard_of(to);
    let next = parsed.as_ref().filter(|p| {
        !p.function.is_empty()
            && same_shard(ctx, &p.receiver)
            && ctx.state().is_smart_contract(&p.receiver)
            && !(input.vm_input.return_call_after_error
                && input.vm_input.call_type != CallType::AsynchronousCallBack)
    });
    let used = provided.saturating_sub(output.gas_remaining);
    let next = next.map(|p| ContractCallInput {
        vm_input: VmInput {
            caller,
            arguments: p.args.clone(),
            esdt_transfers: p.transfers.clone(),
            call_type: input.vm_input.call_type,
            gas_price: input.vm_input.gas_price,
            gas_provided: output.gas_remaining,
            gas_locked: input.vm_input.gas_locked,
            original_tx_hash: input.vm_input.original_tx_hash.clone(),
            current_tx_hash: input.vm_input.current_tx_hash.clone(),
            prev_tx_hash: input.vm_input.prev_tx_hash.clone(),
            original_caller: input.vm_input.original_caller,
            relayer: input.vm_input.relayer,
            ..VmInput::default()
        },
        recipient: p.receiver,
        function: p.function.clone(),
        allow_init: false,
    });
    charge_unbounded(parent, used);
    complete_logs(&mut output.logs, builtin_label(input.vm_input.call_type));
    let return_data = std::mem::take(&mut output.return_data);
    merge_builtin_output(ctx, output, false);
    if let Some(p) = parsed.filter(|p| same_shard(ctx, &p.receiver)) {
        let transfer = OutputTransfer {
            sender: caller,
            data: call_data(&input.function, &input.vm_input.arguments),
            call_type: input.vm_input.call_type,
            ..OutputTransfer::default()
        };
        push_output_transfer(ctx, p.receiver, transfer);
    }
    ctx.output
        .output_mut()
        .return_data
        .extend(return_data.iter().cloned());
    Ok((next, return_data))
}

/// A nested call to a contract of another VM (`callFunctionOnOtherVM`): the chain runs it,
/// the parent pays the gas it used, its output joins the journal.
///
/// # Errors
/// The chain's failure, or "execution failed" for a failed output.
pub(crate) fn call_other_vm(
    ctx: &mut Context<'_>,
    parent: &mut dyn InstanceAccess,
    input: &ContractCallInput,
) -> Result<ChildResult, EarlyExit> {
    let provided = input.vm_input.gas_provided;
    let result = {
        let state = ctx.state();
        ctx.chain.execute_on_other_vm(input, &state)
    };
    let output = match result {
        Ok(output) => output,
        Err(e) => {
            let _ = parent.use_gas(provided);
            return Err(failed(e.to_string()));
        }
    };
    charge_unbounded(parent, provided.saturating_sub(output.gas_remaining));
    if !output.return_code.is_ok() {
        return Err(failed(errors::EXECUTION_FAILED));
    }
    let return_data = output.return_data.clone();
    let gas_remaining = output.gas_remaining;
    super::merge_output(ctx, output);
    Ok(ChildResult {
        return_data,
        gas_remaining,
    })
}

/// An ESDT transfer from the running contract, as the production VM makes it
/// (`TransferESDT` + `ExecuteESDTTransfer`).
pub(crate) struct EsdtTransferRequest<'a> {
    pub sender: Address,
    pub dest: Address,
    pub transfers: &'a [EsdtTransfer],
    /// The contract call after the transfer, if any (its gas is the gas limit asked).
    pub call: Option<&'a ContractCallInput>,
    /// Who the output transfer names as sender.
    pub sender_for_exec: Address,
    /// The transfer returns tokens after a failed execution.
    pub return_after_error: bool,
}

/// The builtin that moves `transfers` and its arguments.
fn transfer_builtin(req: &EsdtTransferRequest<'_>) -> (&'static str, Address, Vec<Vec<u8>>) {
    let bytes = |v: &BigUint| super::value_bytes(v);
    let nonce = |n: u64| bytes(&BigUint::from(n));
    match req.transfers {
        [one] if one.token.as_slice() != EGLD_TOKEN && one.nonce == 0 => (
            "ESDTTransfer",
            req.dest,
            vec![one.token.clone(), bytes(&one.value)],
        ),
        [one] if one.token.as_slice() != EGLD_TOKEN => (
            "ESDTNFTTransfer",
            req.sender,
            vec![
                one.token.clone(),
                nonce(one.nonce),
                bytes(&one.value),
                req.dest.0.to_vec(),
            ],
        ),
        many => {
            let count = u64::try_from(many.len()).unwrap_or(u64::MAX);
            let mut args = vec![req.dest.0.to_vec(), nonce(count)];
            for t in many {
                args.extend([t.token.clone(), nonce(t.nonce), bytes(&t.value)]);
            }
            ("MultiESDTNFTTransfer", req.sender, args)
        }
    }
}

/// The execution type a transfer's events name.
fn execution_label(call_type: CallType, back: bool) -> &'static str {
    if back {
        return "BackTransfer";
    }
    match call_type {
        CallType::EsdtTransferAndExecute => "TransferAndExecute",
        CallType::AsynchronousCall => "AsyncCall",
        CallType::AsynchronousCallBack => "AsyncCallback",
        _ => "DirectCall",
    }
}

/// Whether a transfer from `sender` to `dest` without data returns value to the running
/// execution's caller (`isBackTransferWithoutExecution`).
pub(crate) fn is_back_transfer(ctx: &Context<'_>, sender: Address, dest: Address) -> bool {
    let input = ctx.input();
    dest.is_smart_contract() && input.caller == dest && ctx.contract() == sender
}

/// Moves ESDT tokens through the transfer builtin; answers the gas left for the call after
/// it.
///
/// # Errors
/// Read-only mode; the builtin's refusal ("execution failed"); not enough gas.
pub(crate) fn esdt_transfer(
    ctx: &mut Context<'_>,
    parent: &mut dyn InstanceAccess,
    req: &EsdtTransferRequest<'_>,
) -> Result<u64, EarlyExit> {
    if req.transfers.is_empty() {
        return Err(failed(TRANSFER_VALUE_ON_ESDT_CALL));
    }
    let is_sc = ctx.state().is_smart_contract(&req.dest);
    let same_shard = ctx.chain.shard_of(&req.sender) == ctx.chain.shard_of(&req.dest);
    let is_execution = is_sc && req.call.is_some();
    let back = !is_execution && is_back_transfer(ctx, req.sender, req.dest);
    let call_type = req
        .call
        .map_or(CallType::DirectCall, |c| c.vm_input.call_type);
    let execution_type = if call_type == CallType::DirectCall && (is_execution || back) {
        CallType::EsdtTransferAndExecute
    } else {
        call_type
    };
    if ctx.read_only() {
        return Err(failed(READ_ONLY));
    }
    let (function, recipient, mut args) = transfer_builtin(req);
    if let Some(call) = req.call {
        args.push(call.function.as_bytes().to_vec());
        args.extend(call.vm_input.arguments.iter().cloned());
    }
    let provided = parent.gas_left();
    let input = ContractCallInput {
        vm_input: VmInput {
            caller: req.sender,
            arguments: args,
            call_type: execution_type,
            gas_price: ctx.input().gas_price,
            gas_provided: provided,
            original_caller: ctx.input().original_caller,
            return_call_after_error: req.return_after_error,
            ..VmInput::default()
        },
        recipient,
        function: function.to_owned(),
        allow_init: false,
    };
    let result = {
        let state = ctx.state();
        ctx.chain.process_builtin_function(&input, &state)
    };
    let mut output = match result {
        Ok(output) if output.return_code.is_ok() => output,
        Ok(output) => return Err(failed(output.return_message)),
        Err(e) => return Err(failed(e.to_string())),
    };
    let consumed = provided.saturating_sub(output.gas_remaining);
    if call_type != CallType::AsynchronousCallBack {
        parent.use_gas(consumed)?;
    }
    let mut gas_for_exec = 0;
    if let Some(call) = req.call.filter(|_| is_sc) {
        gas_for_exec = call
            .vm_input
            .gas_provided
            .checked_sub(consumed)
            .ok_or_else(EarlyExit::out_of_gas)?;
    }
    if is_execution {
        if gas_for_exec > parent.gas_left() {
            return Err(EarlyExit::out_of_gas());
        }
        if !same_shard {
            parent.use_gas(gas_for_exec)?;
        }
    }
    complete_logs(&mut output.logs, execution_label(execution_type, back));
    output.return_data.clear();
    merge_builtin_output(ctx, output, false);
    let transfer = OutputTransfer {
        sender: req.sender_for_exec,
        gas_limit: if same_shard { 0 } else { gas_for_exec },
        data: call_data(&input.function, &input.vm_input.arguments),
        call_type,
        ..OutputTransfer::default()
    };
    push_output_transfer(ctx, req.dest, transfer);
    Ok(gas_for_exec)
}

//! `ESDTTransfer`, `ESDTNFTTransfer` and `MultiESDTNFTTransfer`.

use blockchain_hooks::{Address, CallType, ContractCallInput, EsdtTokenData, OutputTransfer};
use num_bigint::{BigInt, BigUint};
use num_traits::Zero;

use super::context::{BuiltinContext, arg_u64, be_bytes, nonce_bytes};
use super::{BuiltinResult, Refusal, messages};

/// The token identifier of EGLD inside a multi-transfer.
pub const EGLD_TOKEN: &[u8] = b"EGLD-000000";

/// `ESDTTransfer@token@value[@function@args…]`, sent to the receiver.
pub(crate) fn esdt_transfer(ctx: &mut BuiltinContext<'_>) -> BuiltinResult {
    ctx.require_args(2)?;
    let args = ctx.args();
    let token = args[0].clone();
    let value = positive(&args[1])?;
    let (sender, dest) = (ctx.caller(), ctx.input.recipient);
    move_tokens(ctx, sender, dest, &token, 0, &value)?;
    check_payable(ctx, &dest, 2)?;
    let topics = vec![token, Vec::new(), be_bytes(&value), dest.0.to_vec()];
    let data = ctx.call_log_data();
    ctx.push_log_with_data("ESDTTransfer", sender, topics, data);
    schedule_call(ctx, sender, dest, &args[2..]);
    Ok(())
}

/// `ESDTNFTTransfer@token@nonce@value@receiver[@function@args…]`, sent to the sender itself.
pub(crate) fn esdt_nft_transfer(ctx: &mut BuiltinContext<'_>) -> BuiltinResult {
    ctx.require_args(4)?;
    let args = ctx.args();
    let sender = ctx.caller();
    if ctx.input.recipient != sender {
        return Err(Refusal::failed(messages::INVALID_ARGUMENTS));
    }
    let token = args[0].clone();
    let nonce = arg_u64(&args[1])?;
    let value = positive(&args[2])?;
    let dest = address_arg(&args[3])?;
    move_tokens(ctx, sender, dest, &token, nonce, &value)?;
    check_payable(ctx, &dest, 4)?;
    let topics = vec![token, nonce_bytes(nonce), be_bytes(&value), dest.0.to_vec()];
    let data = ctx.call_log_data();
    ctx.push_log_with_data("ESDTNFTTransfer", sender, topics, data);
    schedule_call(ctx, sender, dest, &args[4..]);
    Ok(())
}

/// How many transfers a `MultiESDTNFTTransfer` input names (at least 1, for its gas cost).
pub(crate) fn multi_transfer_count(input: &ContractCallInput) -> u64 {
    input
        .vm_input
        .arguments
        .get(1)
        .and_then(|b| u64::try_from(BigUint::from_bytes_be(b)).ok())
        .unwrap_or(1)
        .max(1)
}

/// `MultiESDTNFTTransfer@receiver@count@(token@nonce@value)…[@function@args…]`, sent to the
/// sender itself. `EGLD-000000` with nonce 0 moves EGLD.
pub(crate) fn multi_esdt_nft_transfer(ctx: &mut BuiltinContext<'_>) -> BuiltinResult {
    ctx.require_args(2)?;
    let args = ctx.args();
    let sender = ctx.caller();
    if ctx.input.recipient != sender {
        return Err(Refusal::failed(messages::INVALID_ARGUMENTS));
    }
    let dest = address_arg(&args[0])?;
    let count = usize::try_from(arg_u64(&args[1])?)
        .map_err(|_| Refusal::failed(messages::INVALID_ARGUMENTS))?;
    let end = count
        .checked_mul(3)
        .and_then(|n| n.checked_add(2))
        .filter(|end| *end <= args.len())
        .ok_or_else(|| Refusal::failed(messages::INVALID_ARGUMENTS))?;
    let mut topics = Vec::with_capacity(count * 3 + 1);
    for triple in args[2..end].chunks(3) {
        let token = triple[0].clone();
        let nonce = arg_u64(&triple[1])?;
        let value = positive(&triple[2])?;
        if token == EGLD_TOKEN && nonce == 0 {
            move_egld(ctx, sender, dest, &value)?;
        } else {
            move_tokens(ctx, sender, dest, &token, nonce, &value)?;
        }
        topics.extend([token, nonce_bytes(nonce), be_bytes(&value)]);
    }
    check_payable(ctx, &dest, end)?;
    topics.push(dest.0.to_vec());
    let data = ctx.call_log_data();
    ctx.push_log_with_data("MultiESDTNFTTransfer", sender, topics, data);
    schedule_call(ctx, sender, dest, &args[end..]);
    Ok(())
}

fn positive(bytes: &[u8]) -> Result<BigUint, Refusal> {
    let value = BigUint::from_bytes_be(bytes);
    if value.is_zero() {
        return Err(Refusal::failed(messages::NEGATIVE_VALUE));
    }
    Ok(value)
}

fn address_arg(bytes: &[u8]) -> Result<Address, Refusal> {
    Address::from_slice(bytes).ok_or_else(|| Refusal::failed(messages::INVALID_ARGUMENTS))
}

fn move_egld(
    ctx: &mut BuiltinContext<'_>,
    from: Address,
    to: Address,
    value: &BigUint,
) -> BuiltinResult {
    let value = BigInt::from(value.clone());
    if ctx.egld_balance(&from) < value {
        return Err(Refusal::failed(
            messages::INSUFFICIENT_EGLD_IN_MULTI_TRANSFER,
        ));
    }
    ctx.add_egld(from, -value.clone());
    ctx.add_egld(to, value);
    Ok(())
}

/// Moves `value` of `token`/`nonce` from `from` to `to`, carrying the instance metadata.
pub(crate) fn move_tokens(
    ctx: &mut BuiltinContext<'_>,
    from: Address,
    to: Address,
    token: &[u8],
    nonce: u64,
    value: &BigUint,
) -> BuiltinResult {
    if ctx.state.esdt_paused(token) {
        return Err(Refusal::failed(messages::TOKEN_PAUSED));
    }
    let mut sent = ctx.holding(&from, token, nonce);
    if sent.is_frozen() {
        return Err(Refusal::failed(messages::FROZEN));
    }
    if &sent.value < value {
        return Err(Refusal::failed(messages::INSUFFICIENT_FUNDS));
    }
    sent.value -= value;
    let template = sent.clone();
    ctx.set_holding(from, token, nonce, sent);
    let mut received = ctx.holding(&to, token, nonce);
    if received.is_frozen() {
        return Err(Refusal::failed(messages::FROZEN));
    }
    if received.value.is_zero() {
        received = EsdtTokenData {
            value: BigUint::default(),
            properties: Vec::new(),
            ..template
        };
    }
    received.value += value;
    ctx.set_holding(to, token, nonce, received);
    Ok(())
}

/// Refuses a payment without a call to a contract that is not payable (`min_args`: the
/// argument count of the transfer part).
fn check_payable(ctx: &BuiltinContext<'_>, dest: &Address, min_args: usize) -> BuiltinResult {
    if ctx.args().len() > min_args || ctx.input.vm_input.call_type != CallType::DirectCall {
        return Ok(());
    }
    if !dest.is_smart_contract() || ctx.state.code(dest).is_none() {
        return Ok(());
    }
    let metadata = ctx.state.code_metadata(dest);
    let by_contract = ctx.caller().is_smart_contract() && metadata.is_payable_by_sc();
    if metadata.is_payable() || by_contract {
        Ok(())
    } else {
        Err(Refusal::failed(messages::NOT_PAYABLE))
    }
}

/// A call after the transfer (`function@args…` to a contract): named as an output transfer
/// on the receiver, for the VM to execute.
fn schedule_call(ctx: &mut BuiltinContext<'_>, sender: Address, dest: Address, rest: &[Vec<u8>]) {
    let Some((function, call_args)) = rest.split_first() else {
        return;
    };
    if !dest.is_smart_contract() {
        return;
    }
    let mut data = function.clone();
    for arg in call_args {
        data.push(b'@');
        data.extend(hex::encode(arg).into_bytes());
    }
    let gas_limit = ctx.gas_remaining();
    let gas_locked = ctx.input.vm_input.gas_locked;
    let call_type = ctx.input.vm_input.call_type;
    ctx.touch(dest).output_transfers.push(OutputTransfer {
        sender,
        value: BigUint::default(),
        gas_limit,
        gas_locked,
        data,
        async_data: Vec::new(),
        call_type,
        index: 1,
    });
}

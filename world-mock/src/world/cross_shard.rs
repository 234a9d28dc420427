//! Calls that cross shards: an `AsynchronousCall` output transfer runs in its destination's
//! shard as its own transaction, then its callback runs back in the caller's shard, as a
//! multi-shard chain does. The production scenario runner runs nothing cross-shard; this is
//! the world's opt-in multi-shard mode.

use blockchain_hooks::{
    Address, BlockchainHooks, CallType, ContractCallInput, OutputTransfer, ReturnCode, VmInput,
    VmOutput,
};
use num_bigint::{BigInt, BigUint};

use super::World;
use crate::WorldError;

/// `function@hex@…` split into the function and its arguments (`None` if not hex).
fn parse_call(data: &[u8]) -> Option<(String, Vec<Vec<u8>>)> {
    let text = std::str::from_utf8(data).ok()?;
    let mut parts = text.split('@');
    let function = parts.next()?.to_owned();
    let args = parts
        .map(|p| {
            (p.len() % 2 == 0).then_some(())?;
            (0..p.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(p.get(i..i + 2)?, 16).ok())
                .collect::<Option<Vec<u8>>>()
        })
        .collect::<Option<Vec<_>>>()?;
    Some((function, args))
}

/// The asynchronous calls an output sends, with their destinations.
fn async_transfers(output: &VmOutput) -> Vec<(Address, OutputTransfer)> {
    output
        .output_accounts
        .values()
        .flat_map(|a| {
            a.output_transfers
                .iter()
                .map(move |t| (a.address, t.clone()))
        })
        .filter(|(_, t)| t.call_type == CallType::AsynchronousCall)
        .collect()
}

/// The callback's arguments: `[0x00, return data…]` or `[return code, message]`.
fn callback_args(output: &VmOutput) -> Vec<Vec<u8>> {
    if output.return_code.is_ok() {
        let mut args = vec![vec![0]];
        args.extend(output.return_data.iter().cloned());
        args
    } else {
        let code = BigUint::from(output.return_code as u32).to_bytes_be();
        vec![code, output.return_message.clone().into_bytes()]
    }
}

impl World {
    /// Runs the asynchronous calls `output` (already applied) sends to contracts of other
    /// shards: each destination in its shard as its own transaction (the value travels with
    /// it), then the callback in the caller's shard, with the destination's result or error
    /// (and the value back on error). Answers the outputs in order: destination, callback, …
    ///
    /// # Errors
    /// A VM's infrastructure failure; a balance that would become negative.
    pub fn run_cross_shard_calls(
        &mut self,
        output: &VmOutput,
        tx_hash: &[u8],
    ) -> Result<Vec<VmOutput>, WorldError> {
        let home = self.self_shard;
        let mut outputs = Vec::new();
        for (dest, transfer) in async_transfers(output) {
            let caller = transfer.sender;
            if self.compute_shard(&dest) == self.compute_shard(&caller) {
                continue;
            }
            let Some((function, arguments)) = parse_call(&transfer.data) else {
                continue;
            };
            let value = BigInt::from(transfer.value.clone());
            self.add_balance(dest, &-value.clone())?;
            self.self_shard = self.compute_shard(&dest);
            let input =
                |caller, recipient, function, arguments, call_type, gas, value| ContractCallInput {
                    vm_input: VmInput {
                        caller,
                        arguments,
                        egld_value: value,
                        call_type,
                        gas_provided: gas,
                        gas_locked: if call_type == CallType::AsynchronousCallBack {
                            transfer.gas_locked
                        } else {
                            0
                        },
                        async_data: transfer.async_data.clone(),
                        current_tx_hash: tx_hash.to_vec(),
                        original_tx_hash: tx_hash.to_vec(),
                        original_caller: caller,
                        ..VmInput::default()
                    },
                    recipient,
                    function,
                    allow_init: false,
                };
            let call = input(
                caller,
                dest,
                function,
                arguments,
                CallType::AsynchronousCall,
                transfer.gas_limit,
                transfer.value.clone(),
            );
            let dest_out = self.run_in_shard(&call)?;
            self.self_shard = self.compute_shard(&caller);
            let refund = if dest_out.return_code.is_ok() {
                BigUint::default()
            } else {
                transfer.value.clone()
            };
            let callback = input(
                dest,
                caller,
                "callBack".to_owned(),
                callback_args(&dest_out),
                CallType::AsynchronousCallBack,
                dest_out.gas_remaining,
                refund,
            );
            outputs.push(dest_out);
            let cb_out = self.run_in_shard(&callback)?;
            outputs.push(cb_out);
        }
        self.self_shard = home;
        Ok(outputs)
    }

    /// Runs `input` and applies its output when it succeeds.
    fn run_in_shard(&mut self, input: &ContractCallInput) -> Result<VmOutput, WorldError> {
        let output = if self.code(&input.recipient).is_none() {
            VmOutput::failure(
                ReturnCode::ContractNotFound,
                "invalid contract code (not found)",
            )
        } else {
            self.execute_call(input)?
        };
        self.apply_output(&output)?;
        Ok(output)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn call_data_parses_hex_arguments() {
        assert_eq!(
            parse_call(b"echo@6869@"),
            Some(("echo".to_owned(), vec![b"hi".to_vec(), Vec::new()]))
        );
        assert_eq!(parse_call(b"f@6"), None);
        let failed = VmOutput::failure(ReturnCode::UserError, "no");
        assert_eq!(callback_args(&failed), vec![vec![4], b"no".to_vec()]);
    }
}

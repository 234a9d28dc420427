//! Test doubles: [`FakeVm`], a `VmHandler` whose contracts all behave the same, decided by
//! the function called, so the world and the runner can be tested without a real VM.

use blockchain_hooks::{
    Address, BlockchainHooks, ContractCallInput, ContractCreateInput, GasSchedule, LogEntry,
    ReturnCode, VmOutput, WASM_VM_TYPE,
};
use num_bigint::{BigInt, BigUint};
use vm_handler::{VmError, VmHandler};

/// A fake VM. Every execution costs [`FakeVm::COST`] gas (less gas: out of gas, "not enough
/// gas"); the call value goes to the contract. The functions:
///
/// | function | does |
/// |---|---|
/// | `init` (deploy) | stores argument 0, if any, under `init` |
/// | `add` | adds argument 0 to the number under `sum` |
/// | `getSum` | returns the number under `sum` |
/// | `store` | stores argument 1 under argument 0 |
/// | `load` | returns the value under argument 0 |
/// | `echo` | returns the arguments |
/// | `fail` | user error with argument 0 as message; also logs `signalError` |
/// | `log` | logs identifier `event`, topics = the arguments, data `["data"]` |
/// | `send` | sends argument 1 (EGLD) to address argument 0 |
/// | `payments` | returns token, nonce and amount of each ESDT payment |
/// | anything else | function not found, "invalid function (not found)" |
#[derive(Clone, Copy, Debug, Default)]
pub struct FakeVm;

impl FakeVm {
    /// The gas every execution costs.
    pub const COST: u64 = 1000;
}

fn ok(input_gas: u64) -> Result<VmOutput, ReturnCode> {
    if input_gas < FakeVm::COST {
        return Err(ReturnCode::OutOfGas);
    }
    Ok(VmOutput {
        gas_remaining: input_gas - FakeVm::COST,
        ..VmOutput::default()
    })
}

fn minimal(n: &BigUint) -> Vec<u8> {
    if n == &BigUint::default() {
        Vec::new()
    } else {
        n.to_bytes_be()
    }
}

fn number(bytes: &[u8]) -> BigUint {
    BigUint::from_bytes_be(bytes)
}

fn run_function(
    out: &mut VmOutput,
    input: &ContractCallInput,
    chain: &dyn BlockchainHooks,
) -> Result<(), (ReturnCode, String)> {
    let me = input.recipient;
    let args = &input.vm_input.arguments;
    let arg = |i: usize| args.get(i).cloned().unwrap_or_default();
    match input.function.as_str() {
        "add" => {
            let sum = number(&chain.storage(&me, b"sum").value) + number(&arg(0));
            out.account_mut(me)
                .storage_updates
                .insert(b"sum".to_vec(), minimal(&sum));
        }
        "getSum" => out.return_data.push(chain.storage(&me, b"sum").value),
        "store" => {
            out.account_mut(me).storage_updates.insert(arg(0), arg(1));
        }
        "load" => out.return_data.push(chain.storage(&me, &arg(0)).value),
        "echo" => out.return_data.clone_from(args),
        "fail" => {
            let message = String::from_utf8_lossy(&arg(0)).into_owned();
            return Err((ReturnCode::UserError, message));
        }
        "log" => out.logs.push(LogEntry {
            address: me,
            identifier: b"event".to_vec(),
            topics: args.clone(),
            data: vec![b"data".to_vec()],
        }),
        "send" => {
            let to = Address::from_slice(&arg(0))
                .ok_or((ReturnCode::UserError, "bad address".to_owned()))?;
            let value = BigInt::from(number(&arg(1)));
            out.account_mut(me).balance_delta -= value.clone();
            out.account_mut(to).balance_delta += value;
        }
        "payments" => {
            for p in &input.vm_input.esdt_transfers {
                out.return_data.push(p.token.clone());
                out.return_data.push(minimal(&BigUint::from(p.nonce)));
                out.return_data.push(minimal(&p.value));
            }
        }
        _ => {
            return Err((
                ReturnCode::FunctionNotFound,
                "invalid function (not found)".to_owned(),
            ));
        }
    }
    Ok(())
}

fn failed(code: ReturnCode, message: String, input: &ContractCallInput) -> VmOutput {
    let mut out = VmOutput::failure(code, message.clone());
    if code == ReturnCode::UserError {
        out.logs.push(LogEntry {
            address: input.recipient,
            identifier: b"signalError".to_vec(),
            topics: vec![input.vm_input.caller.0.to_vec(), message.into_bytes()],
            data: Vec::new(),
        });
    }
    out
}

impl VmHandler for FakeVm {
    fn run_smart_contract_create(
        &self,
        input: &ContractCreateInput,
        chain: &dyn BlockchainHooks,
    ) -> Result<VmOutput, VmError> {
        let caller = input.vm_input.caller;
        let nonce = chain.nonce(&caller).saturating_sub(1);
        let address = chain.new_address(&caller, nonce, WASM_VM_TYPE)?;
        let mut out = match ok(input.vm_input.gas_provided) {
            Ok(out) => out,
            Err(code) => return Ok(VmOutput::failure(code, "not enough gas")),
        };
        let account = out.account_mut(address);
        account.code = Some(input.code.clone());
        account.code_metadata = Some(input.code_metadata);
        account.code_deployer = Some(caller);
        account.balance_delta = BigInt::from(input.vm_input.egld_value.clone());
        if let Some(arg) = input.vm_input.arguments.first() {
            account
                .storage_updates
                .insert(b"init".to_vec(), arg.clone());
        }
        out.return_data.clear();
        Ok(out)
    }

    fn run_smart_contract_call(
        &self,
        input: &ContractCallInput,
        chain: &dyn BlockchainHooks,
    ) -> Result<VmOutput, VmError> {
        if chain.code(&input.recipient).is_none() {
            return Ok(VmOutput::failure(
                ReturnCode::ContractNotFound,
                "contract not found",
            ));
        }
        let mut out = match ok(input.vm_input.gas_provided) {
            Ok(out) => out,
            Err(code) => return Ok(VmOutput::failure(code, "not enough gas")),
        };
        let value = BigInt::from(input.vm_input.egld_value.clone());
        out.account_mut(input.recipient).balance_delta += value;
        match run_function(&mut out, input, chain) {
            Ok(()) => Ok(out),
            Err((code, message)) => Ok(failed(code, message, input)),
        }
    }

    fn gas_schedule_change(&self, _schedule: GasSchedule) -> Result<(), VmError> {
        Ok(())
    }
}

//! Shared helpers of the integration tests: a VM on Wasmer, a mock chain, addresses, inputs
//! and assertions.

#![allow(dead_code)]

use std::sync::Arc;

use blockchain_hooks::{
    Address, CallType, CodeMetadata, ContractCallInput, ContractCreateInput, EsdtTransfer,
    GasSchedule, ReturnCode, VmInput, VmOutput,
};
use executor_wasmer::{WasmerConfig, WasmerExecutor};
use num_bigint::BigUint;
use strata_vm_core::testing::MockChain;
use strata_vm_core::{VmConfig, VmHost};
use vm_handler::VmHandler;

/// Gas given to calls unless a test says otherwise.
pub const GAS: u64 = 50_000_000;

/// A user address (not a contract): `n` in the first and last byte.
pub fn user(n: u8) -> Address {
    let mut bytes = [0u8; 32];
    bytes[0] = n;
    bytes[31] = n;
    Address(bytes)
}

/// A contract address: 8 zero bytes, VM type `05 00`, `n` in the last byte.
pub fn sc(n: u8) -> Address {
    let mut bytes = [0u8; 32];
    bytes[8] = 5;
    bytes[31] = n;
    Address(bytes)
}

/// The owner of the contracts the tests install.
pub fn owner() -> Address {
    user(1)
}

/// Upgradeable, readable, payable, payable by contracts.
pub fn metadata() -> CodeMetadata {
    CodeMetadata([0x05, 0x06])
}

/// Schedule v4 with every opcode free, so that a test's expected gas is the hooks' costs.
pub fn free_opcodes() -> GasSchedule {
    let mut schedule = GasSchedule::v4();
    let limits = &schedule.wasm_opcode_cost;
    schedule.wasm_opcode_cost = blockchain_hooks::WasmOpcodeCost {
        locals_unmetered: limits.locals_unmetered,
        max_memory_grow: limits.max_memory_grow,
        max_memory_grow_delta: limits.max_memory_grow_delta,
        ..Default::default()
    };
    schedule
}

/// WAT to wasm.
pub fn wasm(source: &str) -> Vec<u8> {
    wat::parse_str(source).expect("valid WAT")
}

/// A VM on a fresh Wasmer executor.
pub fn vm(schedule: GasSchedule) -> VmHost {
    let executor = WasmerExecutor::new(WasmerConfig::new(schedule.wasm_opcode_cost.clone()))
        .expect("executor");
    VmHost::new(Arc::new(executor), schedule, VmConfig::default())
}

/// A VM, a chain, and the schedule the VM runs with.
pub struct World {
    pub vm: VmHost,
    pub chain: MockChain,
    pub schedule: GasSchedule,
}

impl World {
    /// A world with `schedule`, the owner and a caller account (`user(2)`, 1 000 000 EGLD units).
    pub fn new(schedule: GasSchedule) -> Self {
        let chain = MockChain::new()
            .with_user(owner(), 0, 1)
            .with_user(user(2), 1_000_000, 7);
        Self {
            vm: vm(schedule.clone()),
            chain,
            schedule,
        }
    }

    /// A world with free opcodes.
    pub fn free() -> Self {
        Self::new(free_opcodes())
    }

    /// Installs the contract in `source` at `sc(n)`, owned by [`owner`].
    pub fn contract(mut self, n: u8, source: &str) -> Self {
        self.chain = self
            .chain
            .with_contract(sc(n), wasm(source), metadata(), owner());
        self
    }

    /// The code installed at `address`.
    pub fn code(&self, address: Address) -> Vec<u8> {
        self.chain.accounts[&address]
            .code
            .clone()
            .unwrap_or_default()
    }

    /// `GetCode + AoTPreparePerByte × code length` of the contract at `address`.
    pub fn call_cost(&self, address: Address) -> u64 {
        let costs = &self.schedule.base_operation_cost;
        costs.get_code + costs.aot_prepare_per_byte * self.code(address).len() as u64
    }

    /// Runs `input`.
    pub fn run(&self, input: &ContractCallInput) -> VmOutput {
        self.vm
            .run_smart_contract_call(input, &self.chain)
            .expect("no infrastructure failure")
    }

    /// Calls `function` of `sc(n)` from `user(2)` with `args` and [`GAS`].
    pub fn call(&self, n: u8, function: &str, args: &[&[u8]]) -> VmOutput {
        self.run(&call_input(sc(n), function, args))
    }

    /// Applies a successful output to the chain.
    pub fn commit(&mut self, output: &VmOutput) {
        self.chain.apply(output);
    }

    /// Deploys `source` from `user(2)` with `args`.
    pub fn deploy(&self, source: &str, args: &[&[u8]], gas: u64) -> VmOutput {
        let input = ContractCreateInput {
            vm_input: vm_input(args, gas),
            code: wasm(source),
            code_metadata: metadata(),
        };
        self.vm
            .run_smart_contract_create(&input, &self.chain)
            .expect("no infrastructure failure")
    }
}

/// A direct call's common input from `user(2)`.
pub fn vm_input(args: &[&[u8]], gas: u64) -> VmInput {
    VmInput {
        caller: user(2),
        original_caller: user(2),
        arguments: args.iter().map(|a| a.to_vec()).collect(),
        gas_provided: gas,
        gas_price: 1_000_000_000,
        call_type: CallType::DirectCall,
        current_tx_hash: vec![0xc1; 32],
        original_tx_hash: vec![0x01; 32],
        prev_tx_hash: vec![0x9e; 32],
        ..VmInput::default()
    }
}

/// A call of `function` of `contract` with `args` and [`GAS`].
pub fn call_input(contract: Address, function: &str, args: &[&[u8]]) -> ContractCallInput {
    ContractCallInput {
        vm_input: vm_input(args, GAS),
        recipient: contract,
        function: function.to_owned(),
        allow_init: false,
    }
}

/// The same call with `value` EGLD.
pub fn with_value(mut input: ContractCallInput, value: u64) -> ContractCallInput {
    input.vm_input.egld_value = BigUint::from(value);
    input
}

/// The same call with ESDT transfers `(token, nonce, value)`.
pub fn with_esdt(
    mut input: ContractCallInput,
    transfers: &[(&str, u64, u64)],
) -> ContractCallInput {
    input.vm_input.esdt_transfers = transfers
        .iter()
        .map(|(token, nonce, value)| EsdtTransfer {
            token: token.as_bytes().to_vec(),
            nonce: *nonce,
            value: BigUint::from(*value),
        })
        .collect();
    input
}

/// Asserts success, showing the message otherwise.
#[track_caller]
pub fn assert_ok(output: &VmOutput) {
    assert_eq!(
        output.return_code,
        ReturnCode::Ok,
        "message: {}",
        output.return_message
    );
}

/// Asserts a failure with `code` and `message`, and that it carries nothing but its code and
/// the event reporting its errors, the last of them `message`.
#[track_caller]
pub fn assert_failed(output: &VmOutput, code: ReturnCode, message: &str) {
    assert_eq!(
        (output.return_code, output.return_message.as_str()),
        (code, message)
    );
    assert_eq!(output.gas_remaining, 0);
    assert_eq!(output.gas_refund, 0);
    assert!(output.output_accounts.is_empty());
    assert!(output.return_data.is_empty());
    let [errors] = output.logs.as_slice() else {
        panic!("one errors event expected: {:?}", output.logs);
    };
    assert_eq!(errors.identifier, b"internalVMErrors");
    let data = String::from_utf8_lossy(&errors.data[0]);
    let last = data.rsplit_once(" [").map_or(&*data, |(head, _)| head);
    assert!(last.ends_with(message), "errors: {data}");
}

/// The gas a successful output consumed.
pub fn used(output: &VmOutput) -> u64 {
    GAS - output.gas_remaining
}

/// `bytes` as `&[u8]` argument from a big-endian `u64` (minimal).
pub fn be(value: u64) -> Vec<u8> {
    let bytes = value.to_be_bytes();
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(8);
    bytes[start..].to_vec()
}

/// Why the executor refuses `source`, if it does (for debugging tests).
pub fn why_invalid(source: &str) -> Option<String> {
    use executor_api::{CodeHash, Executor};
    let executor = WasmerExecutor::new(WasmerConfig::new(GasSchedule::v4().wasm_opcode_cost))
        .expect("executor");
    executor
        .compile(CodeHash([9; 32]), &wasm(source))
        .err()
        .map(|e| e.to_string())
}

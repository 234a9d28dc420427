//! The production-like assembly: vm-core running contracts on Wasmer, inside the world mock.
//!
//! ```sh
//! cargo run -p strata-examples --example wasmer_world
//! ```
//!
//! Three layers, each behind a trait:
//!
//! - `WasmerExecutor` (executor-wasmer) compiles wasm and runs it with gas metering: it is an
//!   `Executor`;
//! - `VmHost` (vm-core) gives every hook its meaning and turns an input into a `VmOutput`: it
//!   is a `VmHandler`, and reads the chain only through `BlockchainHooks`;
//! - `World` (world-mock) is an in-memory chain: it implements `BlockchainHooks`, routes each
//!   transaction to the `VmHandler` registered for the contract's VM type, and applies the
//!   output it gets back.
//!
//! The program deploys the framework adder (`examples/contracts/adder`) from its
//! `.mxsc.json` with 5, calls `add(7)` and asks `getSum`: 12.

use std::sync::Arc;

use anyhow::{Context, Result, ensure};
use blockchain_hooks::num_bigint::BigUint;
use blockchain_hooks::{
    Address, CodeMetadata, ContractCallInput, ContractCreateInput, GasSchedule, VmInput, VmOutput,
    WASM_VM_TYPE,
};
use executor_wasmer::{WasmerConfig, WasmerExecutor};
use vm_core::{VmConfig, VmHost};
use world_mock::{Account, World};

/// What the program saw: the adder's address, the sum it read, and the gas the call used.
#[derive(Debug)]
pub struct Run {
    /// Where the adder was deployed.
    pub adder: Address,
    /// `getSum()` after `add(7)`.
    pub sum: BigUint,
    /// Gas `add(7)` used.
    pub add_gas_used: u64,
}

fn main() -> Result<()> {
    let run = run()?;
    println!("adder deployed at {}", run.adder);
    println!("add(7) used {} gas", run.add_gas_used);
    println!("getSum() = {}", run.sum);
    Ok(())
}

/// The adder's wasm, read from the contract file `strata build` writes: its `code` field
/// holds the wasm in hex (beside `buildInfo`, `abi` and `size`).
pub fn adder_code() -> Result<Vec<u8>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/contracts/adder/output/adder.mxsc.json"
    );
    let file: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let code = file["code"]
        .as_str()
        .context("no code in adder.mxsc.json")?;
    Ok(hex::decode(code)?)
}

/// Assembles the VM, deploys, calls and queries.
pub fn run() -> Result<Run> {
    // 1. The VM: a gas schedule, an executor metering opcodes from it, and vm-core on top.
    let schedule = GasSchedule::v4();
    let executor = WasmerExecutor::new(WasmerConfig::new(schedule.wasm_opcode_cost.clone()))?;
    let vm = VmHost::new(Arc::new(executor), schedule, VmConfig::default());

    // 2. The chain: one user with some EGLD; the VM runs contracts of the wasm VM type.
    let mut world = World::new();
    world.register_vm(WASM_VM_TYPE, Arc::new(vm));
    let owner = Address([0xaa; 32]);
    world.set_account(owner, Account::with_balance(1_000_000_000u64));

    // 3. Deploy: the protocol bumps the sender's nonce, the VM answers an output (the new
    //    account with its code and storage), the world applies it.
    world.account_mut(owner).nonce += 1;
    let deploy = ContractCreateInput {
        vm_input: input(owner, vec![vec![5]]),
        code: adder_code()?,
        code_metadata: CodeMetadata::from_bytes(&[0x05, 0x00]), // upgradeable, readable
    };
    let output = world.execute_create(&deploy)?;
    let adder = deployed_address(&output)?;
    world.apply_output(&output)?;

    // 4. Call add(7): same path, the output holds the storage write.
    world.account_mut(owner).nonce += 1;
    let add = call(owner, adder, "add", vec![vec![7]]);
    let output = world.execute_call(&add)?;
    ensure!(output.return_code.is_ok(), "add: {}", output.return_message);
    let add_gas_used = add.vm_input.gas_provided - output.gas_remaining;
    world.apply_output(&output)?;

    // 5. Query getSum: run without applying anything; the result is in the return data.
    let output = world.execute_call(&call(owner, adder, "getSum", Vec::new()))?;
    ensure!(
        output.return_code.is_ok(),
        "getSum: {}",
        output.return_message
    );
    let sum = BigUint::from_bytes_be(output.return_data.first().context("no result")?);
    Ok(Run {
        adder,
        sum,
        add_gas_used,
    })
}

/// The input every transaction of this program shares: the caller, arguments, 5M gas.
fn input(caller: Address, arguments: Vec<Vec<u8>>) -> VmInput {
    VmInput {
        caller,
        original_caller: caller,
        arguments,
        gas_provided: 5_000_000,
        ..VmInput::default()
    }
}

fn call(
    caller: Address,
    to: Address,
    function: &str,
    arguments: Vec<Vec<u8>>,
) -> ContractCallInput {
    ContractCallInput {
        vm_input: input(caller, arguments),
        recipient: to,
        function: function.to_owned(),
        allow_init: false,
    }
}

/// The account a successful deploy gave code to.
fn deployed_address(output: &VmOutput) -> Result<Address> {
    ensure!(
        output.return_code.is_ok(),
        "deploy: {}",
        output.return_message
    );
    output
        .output_accounts
        .values()
        .find(|account| account.code.is_some())
        .map(|account| account.address)
        .context("the deploy created no contract")
}

//! The debugging assembly: vm-core running a contract's *native* build on the debugger
//! executor, inside the world mock.
//!
//! ```sh
//! cargo run -p strata-examples --example debugger_world
//! ```
//!
//! The same program as `wasmer_world.rs` with one layer swapped: the `Executor` under vm-core
//! is a `DebuggerExecutor`. The framework compiles the adder twice from one source, to wasm
//! and into this program (`adder::native()`: its endpoints as Rust functions). Registered
//! under the adder's wasm bytes, the native build runs wherever an account's code is that
//! wasm; vm-core, the hooks and the world cannot tell. Other code would go to the fallback
//! executor (Wasmer here).
//!
//! The adder's Rust code now runs in this process, so a debugger stops in it:
//!
//! ```text
//! $ cargo build -p strata-examples --example debugger_world
//! $ rust-gdb --args target/debug/examples/debugger_world
//! (gdb) break adder::Adder::add<adder::ContractObj>
//! (gdb) run
//! ```
//!
//! Results, storage and logs are those of the wasm run; gas is lower, since hooks charge gas
//! but native code has no wasm operators to meter.

use std::sync::Arc;

use anyhow::{Context, Result, ensure};
use blockchain_hooks::num_bigint::BigUint;
use blockchain_hooks::{
    Address, CodeMetadata, ContractCallInput, ContractCreateInput, GasSchedule, VmInput, VmOutput,
    WASM_VM_TYPE,
};
use executor_debugger::DebuggerExecutor;
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
    /// Gas `add(7)` used (hooks only).
    pub add_gas_used: u64,
}

fn main() -> Result<()> {
    let run = run()?;
    println!("adder deployed at {} (running natively)", run.adder);
    println!("add(7) used {} gas (hooks only)", run.add_gas_used);
    println!("getSum() = {}", run.sum);
    Ok(())
}

/// The adder's wasm from its contract file (the `code` field, in hex).
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

/// Assembles the VM on the debugger executor, deploys, calls and queries.
pub fn run() -> Result<Run> {
    let code = adder_code()?;

    // 1. The executor: the adder's native build registered under its wasm, Wasmer for the
    //    rest. Everything above it is as in wasmer_world.rs.
    let schedule = GasSchedule::v4();
    let wasmer = WasmerExecutor::new(WasmerConfig::new(schedule.wasm_opcode_cost.clone()))?;
    let mut executor = DebuggerExecutor::new().with_fallback(Arc::new(wasmer));
    executor.register(code.clone(), adder::native());
    let vm = VmHost::new(Arc::new(executor), schedule, VmConfig::default());

    // 2. The chain.
    let mut world = World::new();
    world.register_vm(WASM_VM_TYPE, Arc::new(vm));
    let owner = Address([0xaa; 32]);
    world.set_account(owner, Account::with_balance(1_000_000_000u64));

    // 3. Deploy with 5: `init` runs natively.
    world.account_mut(owner).nonce += 1;
    let deploy = ContractCreateInput {
        vm_input: input(owner, vec![vec![5]]),
        code,
        code_metadata: CodeMetadata::from_bytes(&[0x05, 0x00]),
    };
    let output = world.execute_create(&deploy)?;
    let adder = deployed_address(&output)?;
    world.apply_output(&output)?;

    // 4. add(7), natively: a breakpoint in `Adder::add` stops here.
    world.account_mut(owner).nonce += 1;
    let add = call(owner, adder, "add", vec![vec![7]]);
    let output = world.execute_call(&add)?;
    ensure!(output.return_code.is_ok(), "add: {}", output.return_message);
    let add_gas_used = add.vm_input.gas_provided - output.gas_remaining;
    world.apply_output(&output)?;

    // 5. getSum, not applied.
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

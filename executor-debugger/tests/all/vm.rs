//! vm-core on the debugger executor: native contracts deploy, run, call each other and call
//! wasm contracts (through the Wasmer fallback) with the outputs their wasm builds give.

use std::sync::Arc;

use blockchain_hooks::{
    Address, CodeMetadata, ContractCallInput, ContractCreateInput, GasSchedule, ReturnCode,
    VmInput, VmOutput,
};
use executor_api::Executor;
use executor_wasmer::{WasmerConfig, WasmerExecutor};
use strata_executor_debugger::DebuggerExecutor;
use vm_core::testing::MockChain;
use vm_core::{VmConfig, VmHost};
use vm_handler::VmHandler;

use crate::natives::{ADDER, FORWARDER, MISC};

const OWNER: Address = Address([0x11; 32]);
const NATIVE_ADDER_CODE: &[u8] = b"the native adder stands for this code";

fn wat_adder() -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/scenarios/adder/adder.wasm"
    );
    std::fs::read(path).unwrap()
}

fn wasmer(schedule: &GasSchedule) -> Arc<dyn Executor> {
    let config = WasmerConfig::new(schedule.wasm_opcode_cost.clone());
    Arc::new(WasmerExecutor::new(config).unwrap())
}

/// vm-core on the debugger executor: `contracts` registered, Wasmer as fallback.
fn debugger_vm(contracts: &[(&[u8], executor_api::NativeContract)]) -> VmHost {
    let schedule = GasSchedule::v4();
    let mut executor = DebuggerExecutor::new().with_fallback(wasmer(&schedule));
    for (code, contract) in contracts {
        executor.register(code.to_vec(), *contract);
    }
    VmHost::new(Arc::new(executor), schedule, VmConfig::default())
}

fn wasmer_vm() -> VmHost {
    let schedule = GasSchedule::v4();
    VmHost::new(wasmer(&schedule), schedule, VmConfig::default())
}

fn input(arguments: Vec<Vec<u8>>) -> VmInput {
    VmInput {
        caller: OWNER,
        arguments,
        gas_provided: 50_000_000,
        ..VmInput::default()
    }
}

fn call(
    vm: &VmHost,
    chain: &mut MockChain,
    to: Address,
    function: &str,
    args: &[&[u8]],
) -> VmOutput {
    let input = ContractCallInput {
        vm_input: input(args.iter().map(|a| a.to_vec()).collect()),
        recipient: to,
        function: function.into(),
        allow_init: false,
    };
    let output = vm.run_smart_contract_call(&input, chain).unwrap();
    chain.apply(&output);
    output
}

fn deploy(
    vm: &VmHost,
    chain: &mut MockChain,
    code: Vec<u8>,
    args: &[&[u8]],
) -> (Address, VmOutput) {
    let input = ContractCreateInput {
        vm_input: input(args.iter().map(|a| a.to_vec()).collect()),
        code,
        code_metadata: CodeMetadata([5, 6]),
    };
    let output = vm.run_smart_contract_create(&input, chain).unwrap();
    chain.apply(&output);
    let address = output
        .output_accounts
        .values()
        .find(|a| a.code.is_some())
        .map(|a| a.address)
        .unwrap_or_else(|| panic!("deploy failed: {output:?}"));
    chain.account_mut(OWNER).nonce += 1;
    (address, output)
}

/// `output` with every gas figure zeroed: what must not differ between executors.
fn without_gas(mut output: VmOutput) -> VmOutput {
    output.gas_remaining = 0;
    output.gas_refund = 0;
    for account in output.output_accounts.values_mut() {
        account.gas_used = 0;
        for transfer in &mut account.output_transfers {
            transfer.gas_limit = 0;
            transfer.gas_locked = 0;
        }
    }
    output
}

/// Deploys the adder with 5, adds 7, adds nothing (an argument error), reads the sum.
fn adder_session(vm: &VmHost, code: Vec<u8>) -> Vec<VmOutput> {
    let mut chain = MockChain::new().with_user(OWNER, 0, 1);
    let (adder, deployed) = deploy(vm, &mut chain, code, &[&[5]]);
    vec![
        deployed,
        call(vm, &mut chain, adder, "add", &[&[7]]),
        call(vm, &mut chain, adder, "add", &[]),
        call(vm, &mut chain, adder, "getSum", &[]),
        call(vm, &mut chain, adder, "sub", &[&[1]]),
    ]
}

#[test]
fn the_native_adder_gives_the_wasm_adders_outputs_but_gas() {
    let code = wat_adder();
    let wasm = adder_session(&wasmer_vm(), code.clone());
    let native = adder_session(&debugger_vm(&[(&code, ADDER)]), code);
    assert_eq!(native[3].return_data, vec![vec![12]]);
    assert_eq!(native[2].return_code, ReturnCode::UserError);
    assert_eq!(native[2].return_message, "wrong number of arguments");
    assert_eq!(native[4].return_code, ReturnCode::FunctionNotFound);
    for (step, (n, w)) in native.iter().zip(&wasm).enumerate() {
        assert_eq!(
            without_gas(n.clone()),
            without_gas(w.clone()),
            "step {step}"
        );
    }
    // Opcodes are not metered natively: the native add uses less gas.
    assert!(native[1].gas_remaining > wasm[1].gas_remaining);
    assert!(native[1].gas_remaining < 50_000_000, "hooks still charge");
}

#[test]
fn native_contracts_call_natives_and_wasm_in_one_transaction() {
    let wasm_adder = wat_adder();
    let vm = debugger_vm(&[(b"forwarder", FORWARDER), (NATIVE_ADDER_CODE, ADDER)]);
    let mut chain = MockChain::new().with_user(OWNER, 0, 1);
    let (forwarder, _) = deploy(&vm, &mut chain, b"forwarder".to_vec(), &[]);
    let (native_adder, _) = deploy(&vm, &mut chain, NATIVE_ADDER_CODE.to_vec(), &[&[1]]);
    let (wasm_adder, _) = deploy(&vm, &mut chain, wasm_adder, &[&[100]]);
    // Native → native: re-enters the executor from inside a hook, on the same thread.
    let out = call(
        &vm,
        &mut chain,
        forwarder,
        "forward",
        &[&native_adder.0, b"add", &[2]],
    );
    assert_eq!(out.return_code, ReturnCode::Ok, "{}", out.return_message);
    assert_eq!(chain.storage_value(&native_adder, b"sum"), [3]);
    // Native → wasm (the fallback), and the callee's result comes back.
    let out = call(
        &vm,
        &mut chain,
        forwarder,
        "forward",
        &[&wasm_adder.0, b"add", &[20]],
    );
    assert_eq!(out.return_code, ReturnCode::Ok, "{}", out.return_message);
    assert_eq!(chain.storage_value(&wasm_adder, b"sum"), [120]);
    let out = call(
        &vm,
        &mut chain,
        forwarder,
        "forward",
        &[&native_adder.0, b"getSum"],
    );
    assert_eq!(out.return_data, vec![vec![3]]);
    // Two levels deep: forwarder → forwarder → adder.
    let args: [&[u8]; 4] = [&forwarder.0, b"forward", &native_adder.0, b"getSum"];
    let out = call(&vm, &mut chain, forwarder, "forward", &args);
    assert_eq!(out.return_code, ReturnCode::Ok, "{}", out.return_message);
    assert_eq!(out.return_data, vec![vec![3]]);
}

#[test]
fn a_nested_failure_fails_the_caller_and_changes_nothing() {
    let vm = debugger_vm(&[(b"forwarder", FORWARDER), (b"misc", MISC)]);
    let mut chain = MockChain::new().with_user(OWNER, 0, 1);
    let (forwarder, _) = deploy(&vm, &mut chain, b"forwarder".to_vec(), &[]);
    let (misc, _) = deploy(&vm, &mut chain, b"misc".to_vec(), &[]);
    // A callee's user error fails the caller as the VM reports it for wasm callees; a
    // panic is the same user error as a signalError.
    let panicked = call(&vm, &mut chain, forwarder, "forward", &[&misc.0, b"panics"]);
    assert_eq!(panicked.return_code, ReturnCode::ExecutionFailed);
    assert_eq!(panicked.return_message, "error signalled by smartcontract");
    let out = call(
        &vm,
        &mut chain,
        forwarder,
        "forward",
        &[&misc.0, b"finishesThenFails"],
    );
    assert_eq!(
        (out.return_code, &out.return_message),
        (panicked.return_code, &panicked.return_message)
    );
    assert!(out.output_accounts.is_empty() && out.return_data.is_empty());
    // The transaction's errors event names the callee's endpoint, then the caller's.
    let errors = String::from_utf8_lossy(&out.logs[0].data[0]).into_owned();
    assert_eq!(out.logs[0].identifier, b"internalVMErrors");
    assert!(
        errors.contains("[finishesThenFails]") && errors.ends_with("[forward]"),
        "{errors}"
    );
    // Directly, the panic is the contract's user error.
    let out = call(&vm, &mut chain, misc, "panics", &[]);
    assert_eq!(out.return_code, ReturnCode::UserError);
    assert_eq!(out.return_message, "panic occurred");
    assert!(out.output_accounts.is_empty() && out.return_data.is_empty());
}

#[test]
fn a_native_contract_runs_out_of_gas_at_a_hook_and_reads_its_address() {
    let vm = debugger_vm(&[(b"misc", MISC)]);
    let mut chain = MockChain::new().with_user(OWNER, 0, 1);
    let (misc, _) = deploy(&vm, &mut chain, b"misc".to_vec(), &[]);
    let out = call(&vm, &mut chain, misc, "spendsGas", &[]);
    assert_eq!(out.return_code, ReturnCode::OutOfGas);
    assert_eq!(out.return_message, "not enough gas");
    let out = call(&vm, &mut chain, misc, "myAddress", &[]);
    let mut flipped = misc.0;
    flipped[0] ^= 0xff;
    assert_eq!(out.return_data, vec![misc.0.to_vec(), flipped.to_vec()]);
}

#[test]
fn without_fallback_unregistered_code_is_an_invalid_contract() {
    let schedule = GasSchedule::v4();
    let vm = VmHost::new(
        Arc::new(DebuggerExecutor::new()),
        schedule,
        VmConfig::default(),
    );
    let mut chain = MockChain::new().with_user(OWNER, 0, 1);
    let input = ContractCreateInput {
        vm_input: input(vec![vec![5]]),
        code: wat_adder(),
        code_metadata: CodeMetadata([5, 6]),
    };
    let output = vm.run_smart_contract_create(&input, &chain).unwrap();
    chain.apply(&output);
    assert_eq!(output.return_code, ReturnCode::ContractInvalid);
}

#[test]
fn calls_nest_to_the_vms_instance_limit_on_a_test_threads_stack() {
    let vm = debugger_vm(&[(b"forwarder", FORWARDER), (NATIVE_ADDER_CODE, ADDER)]);
    let mut chain = MockChain::new().with_user(OWNER, 0, 1);
    let (forwarder, _) = deploy(&vm, &mut chain, b"forwarder".to_vec(), &[]);
    let (adder, _) = deploy(&vm, &mut chain, NATIVE_ADDER_CODE.to_vec(), &[&[9]]);
    // forwarder → forwarder → … → adder: `depth` forwarders, then the adder.
    let chain_of = |depth: usize| {
        let mut args: Vec<Vec<u8>> = Vec::new();
        for _ in 1..depth {
            args.extend([forwarder.0.to_vec(), b"forward".to_vec()]);
        }
        args.extend([adder.0.to_vec(), b"getSum".to_vec()]);
        args
    };
    let run = |chain: &mut MockChain, depth: usize| {
        let args = chain_of(depth);
        let args: Vec<&[u8]> = args.iter().map(Vec::as_slice).collect();
        call(&vm, chain, forwarder, "forward", &args)
    };
    // Ten instances at most (VmConfig's default): nine forwarders and the adder.
    let deepest = run(&mut chain, 9);
    assert_eq!(
        deepest.return_code,
        ReturnCode::Ok,
        "{}",
        deepest.return_message
    );
    assert_eq!(deepest.return_data, vec![vec![9]]);
    // The eleventh instance cannot start: its caller fails with "execution failed (max
    // instances reached)", and every caller above reads "execution failed".
    let too_deep = run(&mut chain, 10);
    assert_eq!(too_deep.return_code, ReturnCode::ExecutionFailed);
    assert_eq!(too_deep.return_message, "execution failed");
    let errors = too_deep
        .logs
        .iter()
        .find(|log| log.identifier == b"internalVMErrors")
        .map(|log| String::from_utf8_lossy(&log.data[0]).into_owned())
        .unwrap_or_default();
    assert!(errors.contains("max instances reached"), "{errors}");
}

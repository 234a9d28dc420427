//! Deploy, call, upgrade and query as the production VM runs them: the order of the checks,
//! return codes and messages, initial gas, and statelessness.

use blockchain_hooks::{BlockchainHooks, CallType, CodeMetadata, ReturnCode, WASM_VM_TYPE};
use num_bigint::BigInt;
use strata_vm_core::testing::MockChain;
use vm_handler::VmHandler;

use crate::harness::*;

const COUNTER: &str = r#"
(module
  (import "env" "getArgument" (func $arg (param i32 i32) (result i32)))
  (import "env" "getNumArguments" (func $num (result i32)))
  (import "env" "storageStore" (func $store (param i32 i32 i32 i32) (result i32)))
  (import "env" "storageLoad" (func $load (param i32 i32 i32) (result i32)))
  (import "env" "finish" (func $finish (param i32 i32)))
  (import "env" "getFunction" (func $function (param i32) (result i32)))
  (import "env" "writeEventLog" (func $event (param i32 i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "count")
  (func $save (param $len i32)
    (drop (call $store (i32.const 0) (i32.const 5) (i32.const 100) (local.get $len))))
  (func (export "init")
    (call $save (call $arg (i32.const 0) (i32.const 100))))
  (func (export "upgrade")
    (call $finish (i32.const 200) (call $function (i32.const 200)))
    (call $save (call $arg (i32.const 0) (i32.const 100))))
  (func (export "set")
    (call $save (call $arg (i32.const 0) (i32.const 100)))
    (call $event (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 100) (i32.const 1)))
  (func (export "get")
    (call $finish (i32.const 100) (call $load (i32.const 0) (i32.const 5) (i32.const 100))))
  (func (export "callBack"))
  (func (export "argCount")
    (drop (call $num))))
"#;

const NO_INIT: &str = r#"(module (memory (export "memory") 1) (func (export "f")))"#;

const UNSUPPORTED_HOOK: &str = r#"
(module
  (import "env" "notAHook" (func $t (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "init")))
"#;

fn deploy_cost(w: &World, source: &str) -> u64 {
    w.schedule.base_ops_api_cost.create_contract
        + w.schedule.base_operation_cost.compile_per_byte * wasm(source).len() as u64
}

#[test]
fn deploy_stores_the_code_and_runs_init() {
    let mut w = World::free();
    let out = w.deploy(COUNTER, &[b"\x07"], GAS);
    assert_ok(&out);
    // user(2) has nonce 7: the transaction's nonce, 6, derives the address.
    let address = MockChain::derive_address(&user(2), 6, WASM_VM_TYPE);
    let account = &out.output_accounts[&address];
    assert_eq!(account.code, Some(wasm(COUNTER)));
    assert_eq!(account.code_metadata, Some(metadata()));
    assert_eq!(account.code_deployer, Some(user(2)));
    assert_eq!(
        account.storage_updates.get(b"count".as_slice()),
        Some(&vec![7])
    );
    let c = &w.schedule;
    let init = c.base_ops_api_cost.get_argument
        + c.base_ops_api_cost.storage_store
        + c.base_operation_cost.store_per_byte;
    assert_eq!(used(&out), deploy_cost(&w, COUNTER) + init);
    assert_eq!(account.gas_used, used(&out));
    assert!(
        out.output_accounts.contains_key(&user(2)),
        "the creator is looked at"
    );

    w.commit(&out);
    assert!(w.chain.is_smart_contract(&address));
    assert_eq!(w.chain.owner(&address), Some(user(2)));
    let got = w.run(&call_input(address, "get", &[]));
    assert_eq!(got.return_data, vec![vec![7]]);
}

#[test]
fn deploy_failures() {
    let w = World::free();
    assert_failed(
        &w.deploy(NO_INIT, &[], GAS),
        ReturnCode::FunctionNotFound,
        "invalid function (not found)",
    );
    let cost = deploy_cost(&w, COUNTER);
    assert_failed(
        &w.deploy(COUNTER, &[b"1"], cost - 1),
        ReturnCode::OutOfGas,
        "not enough gas",
    );
    let out = w.vm.run_smart_contract_create(
        &blockchain_hooks::ContractCreateInput {
            vm_input: vm_input(&[], GAS),
            code: b"\0asm not really".to_vec(),
            code_metadata: metadata(),
        },
        &w.chain,
    );
    assert_failed(
        &out.unwrap(),
        ReturnCode::ContractInvalid,
        "invalid contract code",
    );
    let out = w.deploy(UNSUPPORTED_HOOK, &[], GAS);
    assert_failed(&out, ReturnCode::ContractInvalid, "invalid contract code");
}

#[test]
fn calls_charge_get_code_and_aot_prepare_first() {
    let w = World::free().contract(1, COUNTER);
    let cost = w.call_cost(sc(1));
    let mut input = call_input(sc(1), "argCount", &[]);
    input.vm_input.gas_provided = cost - 1;
    assert_failed(&w.run(&input), ReturnCode::OutOfGas, "not enough gas");
    input.vm_input.gas_provided = cost + w.schedule.base_ops_api_cost.get_num_arguments;
    input.vm_input.gas_provided -= 1;
    assert_failed(&w.run(&input), ReturnCode::OutOfGas, "not enough gas");
    input.vm_input.gas_provided += 2;
    let out = w.run(&input);
    assert_ok(&out);
    assert_eq!(out.gas_remaining, 1);
    // Below GetCode, the contract is not even looked up.
    let mut missing = call_input(sc(9), "get", &[]);
    missing.vm_input.gas_provided = w.schedule.base_operation_cost.get_code - 1;
    assert_failed(&w.run(&missing), ReturnCode::OutOfGas, "not enough gas");
}

#[test]
fn call_refusals_have_the_production_codes_and_messages() {
    let w = World::free().contract(1, COUNTER);
    let cases = [
        (
            "missing",
            ReturnCode::FunctionNotFound,
            "invalid function (not found)",
        ),
        (
            "init",
            ReturnCode::UserError,
            "invalid function (calling init() directly is forbidden)",
        ),
        (
            "upgrade",
            ReturnCode::UserError,
            "invalid function (calling init() directly is forbidden)",
        ),
        (
            "callBack",
            ReturnCode::UserError,
            "invalid function (calling callBack() directly is forbidden)",
        ),
        ("", ReturnCode::UserError, "invalid function"),
    ];
    for (function, code, message) in cases {
        assert_failed(&w.call(1, function, &[]), code, message);
    }
    assert_failed(
        &w.run(&call_input(sc(9), "get", &[])),
        ReturnCode::ContractNotFound,
        "invalid contract code (not found)",
    );
    let mut callback = call_input(sc(1), "callBack", &[]);
    callback.vm_input.call_type = CallType::AsynchronousCallBack;
    assert_ok(&w.run(&callback));
    let mut odd = call_input(sc(1), "get", &[]);
    odd.vm_input.call_type = CallType::ExecOnDestByCaller;
    assert_failed(
        &w.run(&odd),
        ReturnCode::ExecutionFailed,
        "unknown call type",
    );
}

#[test]
fn a_call_credits_its_value_to_the_contract() {
    let w = World::free().contract(1, COUNTER);
    let out = w.run(&with_value(call_input(sc(1), "get", &[]), 25));
    assert_ok(&out);
    assert_eq!(out.output_accounts[&sc(1)].balance_delta, BigInt::from(25));
}

#[test]
fn events_carry_the_function_name() {
    let w = World::free().contract(1, COUNTER);
    let out = w.call(1, "set", &[b"\x09"]);
    assert_ok(&out);
    assert_eq!(out.logs.len(), 1);
    assert_eq!(out.logs[0].identifier, b"set");
    assert_eq!(out.logs[0].address, sc(1));
}

#[test]
fn upgrade_replaces_the_code_and_runs_upgrade() {
    let mut w = World::free().contract(1, COUNTER);
    w.chain.set_storage(sc(1), b"count", &[1]);
    let new_code = wasm(COUNTER);
    let mut input = call_input(sc(1), "upgradeContract", &[&new_code, &[0x01, 0x00], &[5]]);
    input.vm_input.caller = owner();
    let out = w.run(&input);
    assert_ok(&out);
    assert_eq!(out.return_data, vec![b"upgradeContract".to_vec()]);
    let account = &out.output_accounts[&sc(1)];
    assert_eq!(account.code, Some(new_code.clone()));
    assert_eq!(account.code_metadata, Some(CodeMetadata([0x01, 0x00])));
    assert_eq!(
        account.storage_updates.get(b"count".as_slice()),
        Some(&vec![5])
    );
    let c = &w.schedule;
    let upgrade_hooks = c.base_ops_api_cost.get_function
        + c.base_ops_api_cost.finish
        + 15 * c.base_operation_cost.persist_per_byte
        + c.base_ops_api_cost.get_argument
        + c.base_ops_api_cost.storage_store;
    assert_eq!(used(&out), deploy_cost(&w, COUNTER) + upgrade_hooks);
    w.commit(&out);
    assert!(!w.chain.code_metadata(&sc(1)).is_readable());
}

#[test]
fn upgrade_refusals() {
    let w = World::free().contract(1, COUNTER);
    let code = wasm(COUNTER);
    let not_owner = call_input(sc(1), "upgradeContract", &[&code, &[1, 0]]);
    assert_failed(
        &w.run(&not_owner),
        ReturnCode::ExecutionFailed,
        "upgrade not allowed",
    );
    let mut no_args = call_input(sc(1), "upgradeContract", &[&code]);
    no_args.vm_input.caller = owner();
    assert_failed(
        &w.run(&no_args),
        ReturnCode::UpgradeFailed,
        "upgrade failed (invalid arguments)",
    );
    let mut no_upgrade = call_input(sc(1), "upgradeContract", &[&wasm(NO_INIT), &[1, 0]]);
    no_upgrade.vm_input.caller = owner();
    assert_failed(
        &w.run(&no_upgrade),
        ReturnCode::FunctionNotFound,
        "invalid function (not found)",
    );
}

#[test]
fn executions_are_stateless_and_deterministic() {
    let w = World::free().contract(1, COUNTER);
    let before = w.chain.accounts.clone();
    let input = with_value(call_input(sc(1), "set", &[b"\x03"]), 10);
    let first = w.run(&input);
    let second = w.run(&input);
    assert_ok(&first);
    assert_eq!(first, second, "the same input gives the same output");
    assert_eq!(w.chain.accounts, before, "nothing is written to the chain");
    let failing = with_value(call_input(sc(1), "missing", &[]), 10);
    assert_failed(
        &w.run(&failing),
        ReturnCode::FunctionNotFound,
        "invalid function (not found)",
    );
}

#[test]
fn gas_above_i64_is_refused_as_input() {
    let w = World::free().contract(1, COUNTER);
    let mut input = call_input(sc(1), "get", &[]);
    input.vm_input.gas_provided = u64::MAX;
    assert!(w.vm.run_smart_contract_call(&input, &w.chain).is_err());
}

#[test]
fn gas_used_up_exactly_stops_at_the_next_metering_point() {
    // The production executor checks `points used >= limit` at every metering point (the
    // function's `end` included), so using up the gas exactly is out of gas; one more unit
    // of gas lets the call succeed.
    let w = World::free().contract(1, COUNTER);
    let mut input = call_input(sc(1), "argCount", &[]);
    let exact = w.call_cost(sc(1)) + w.schedule.base_ops_api_cost.get_num_arguments;
    input.vm_input.gas_provided = exact;
    let out = w.run(&input);
    assert_failed(&out, ReturnCode::OutOfGas, "not enough gas");
    input.vm_input.gas_provided = exact + 1;
    let out = w.run(&input);
    assert_ok(&out);
    assert_eq!(out.gas_remaining, 1);
}

const NONVOID_EXPORT: &str = r#"
(module
  (memory (export "memory") 1)
  (func (export "init"))
  (func (export "ok"))
  (func (export "takes") (param i32))
  (func (export "gives") (result i32) (i32.const 1)))
"#;

#[test]
fn exports_with_params_or_results_are_refused_at_deploy_but_run_from_chain() {
    let w = World::free();
    let out = w.deploy(NONVOID_EXPORT, &[], GAS);
    assert_failed(&out, ReturnCode::ContractInvalid, "invalid contract code");

    // Code already on chain is not verified again: its void functions run, and the others
    // answer "wrong signature".
    let w = World::free().contract(1, NONVOID_EXPORT);
    assert_ok(&w.call(1, "ok", &[]));
    for function in ["takes", "gives"] {
        let out = w.call(1, function, &[]);
        assert_eq!(
            out.return_code,
            ReturnCode::FunctionWrongSignature,
            "{function}"
        );
    }
}

const ROUND_TIME: &str = r#"
(module
  (import "env" "getBlockRoundTimeMs" (func $round (result i64)))
  (memory (export "memory") 1)
  (func (export "init"))
  (func (export "round") (drop (call $round))))
"#;

#[test]
fn hooks_of_a_feature_that_is_off_refuse_the_contract_at_deploy_only() {
    use std::sync::Arc;
    use strata_vm_core::{Features, VmConfig, VmHost};

    let schedule = free_opcodes();
    let without_barnard = |vm: &VmHost, schedule: &blockchain_hooks::GasSchedule| {
        let config = VmConfig {
            features: Features {
                barnard_opcodes: false,
                ..Features::default()
            },
            ..VmConfig::default()
        };
        VmHost::new(Arc::clone(vm.executor()), schedule.clone(), config)
    };
    let mut w = World::new(schedule.clone());
    assert_ok(&w.deploy(ROUND_TIME, &[], GAS));
    w.vm = without_barnard(&w.vm, &schedule);
    let out = w.deploy(ROUND_TIME, &[], GAS);
    assert_failed(&out, ReturnCode::ContractInvalid, "invalid contract code");
    // Code already on chain still runs.
    let w = World::new(schedule).contract(1, ROUND_TIME);
    let w = World {
        vm: without_barnard(&w.vm, &w.schedule),
        ..w
    };
    assert_ok(&w.call(1, "round", &[]));
}

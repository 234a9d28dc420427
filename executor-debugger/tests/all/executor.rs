//! The executor alone: registration, fallback, and how calls end, with recording hooks.

use std::sync::Arc;

use executor_api::{
    CodeHash, EarlyExit, Executor, ExecutorError, GasSchedule, Instance, InstanceOptions,
    ReturnCode,
};
use executor_wasmer::testing::RecordingHooks;
use executor_wasmer::{WasmerConfig, WasmerExecutor};
use strata_executor_debugger::DebuggerExecutor;

use crate::natives::{ADDER, MISC};

fn instance(executor: &DebuggerExecutor, code: &[u8], gas: u64) -> Box<dyn Instance> {
    let module = executor.compile(CodeHash([3; 32]), code).unwrap();
    module
        .instantiate(&InstanceOptions::with_gas_limit(gas))
        .unwrap()
}

fn registered() -> DebuggerExecutor {
    let mut executor = DebuggerExecutor::new();
    executor
        .register(b"adder code".to_vec(), ADDER)
        .register(b"misc code".to_vec(), MISC);
    executor
}

/// Hooks that charge `cost` gas each, as vm-core's handlers do first.
fn charging(cost: u64) -> RecordingHooks {
    let mut hooks = RecordingHooks::new();
    for name in [
        "getNumArguments",
        "bigIntNew",
        "bigIntStorageLoadUnsigned",
        "getGasLeft",
    ] {
        hooks = hooks.on(name, move |instance, _| {
            instance.use_gas(cost)?;
            Ok(if name == "getNumArguments" { 0 } else { 1 })
        });
    }
    hooks
}

#[test]
fn registered_code_runs_natively_and_hooks_charge_its_gas() {
    let executor = registered();
    let mut instance = instance(&executor, b"adder code", 1_000);
    let mut hooks = charging(10);
    instance.call("getSum", &mut hooks).unwrap();
    assert_eq!(
        hooks.call_names(),
        [
            "getNumArguments",
            "bigIntNew",
            "bigIntStorageLoadUnsigned",
            "bigIntFinishUnsigned"
        ]
    );
    // Three hooks charged 10 each; no opcode is metered.
    assert_eq!(instance.gas_used(), 30);
    assert_eq!(instance.gas_left(), 970);
    assert!(instance.early_exit().is_none());
}

#[test]
fn a_hooks_early_exit_passes_through_unchanged() {
    let executor = registered();
    let mut instance = instance(&executor, b"adder code", 1_000);
    let stop = EarlyExit::new(ReturnCode::ExecutionFailed, "a very specific stop");
    let mut hooks = RecordingHooks::new().failing("bigIntNew", stop.clone());
    // getNumArguments answers 0: getSum goes on to bigIntNew, which stops it.
    assert_eq!(instance.call("getSum", &mut hooks), Err(stop.clone()));
    assert_eq!(instance.early_exit(), Some(&stop));
    assert_eq!(hooks.call_names(), ["getNumArguments", "bigIntNew"]);
}

#[test]
fn a_signal_error_stops_after_the_result() {
    let executor = registered();
    let mut instance = instance(&executor, b"misc code", 1_000);
    let mut hooks = RecordingHooks::new().on("signalError", |instance, args| {
        let message = instance.memory_load(args[0] as isize, args[1] as isize)?;
        Err(EarlyExit::user_error(String::from_utf8(message).unwrap()))
    });
    let stop = instance.call("finishesThenFails", &mut hooks).unwrap_err();
    assert_eq!(stop, EarlyExit::user_error("refused by the contract"));
    assert_eq!(hooks.call_names(), ["int64finish", "signalError"]);
    assert_eq!(hooks.calls()[0].args, [5]);
}

#[test]
fn a_panic_is_a_user_error_and_the_instance_stays_usable() {
    let executor = registered();
    let mut instance = instance(&executor, b"misc code", 1_000);
    let mut hooks = RecordingHooks::new();
    let stop = instance.call("panics", &mut hooks).unwrap_err();
    assert_eq!(stop.code, ReturnCode::UserError);
    assert_eq!(stop.message, "panic occurred");
    // The next call of the same instance runs normally.
    let mut hooks = charging(1);
    let exhausted = instance.call("spendsGas", &mut hooks).unwrap_err();
    assert_eq!(exhausted, EarlyExit::out_of_gas());
}

#[test]
fn gas_runs_out_at_the_next_hook() {
    let executor = registered();
    let mut instance = instance(&executor, b"misc code", 95);
    let mut hooks = charging(10);
    let stop = instance.call("spendsGas", &mut hooks).unwrap_err();
    assert_eq!(stop, EarlyExit::out_of_gas());
    // Nine hooks ran, the tenth found 5 points left for its 10.
    assert_eq!(hooks.calls().len(), 10);
    assert_eq!(instance.gas_used(), 95);
}

#[test]
fn an_unknown_function_is_function_not_found() {
    let executor = registered();
    let mut instance = instance(&executor, b"adder code", 1_000);
    let stop = instance
        .call("subtract", &mut RecordingHooks::new())
        .unwrap_err();
    assert_eq!(stop.code, ReturnCode::FunctionNotFound);
    assert_eq!(stop.message, "invalid function (not found)");
    assert!(!instance.has_function("subtract"));
    assert_eq!(instance.exported_functions(), ["add", "getSum", "init"]);
}

#[test]
fn hooks_write_into_the_contracts_own_memory() {
    let executor = registered();
    let mut instance = instance(&executor, b"misc code", 1_000);
    let mut hooks = RecordingHooks::new()
        .on("getSCAddress", |instance, args| {
            instance.memory_store(args[0] as isize, &[0xab; 32])?;
            Ok(0)
        })
        .on("finish", |instance, args| {
            let bytes = instance.memory_load(args[0] as isize, args[1] as isize)?;
            Ok(i64::from(bytes[0]) << 8 | i64::from(bytes[31]))
        });
    instance.call("myAddress", &mut hooks).unwrap();
    assert_eq!(hooks.call_names(), ["getSCAddress", "finish", "finish"]);
    assert_eq!(hooks.calls()[1].args[1], 32);
}

#[test]
fn unregistered_code_is_refused_without_fallback_and_compiled_by_it_with_one() {
    let wat = r#"(module (memory (export "memory") 1) (func (export "run")))"#;
    let code = wat::parse_str(wat).unwrap();
    let Err(ExecutorError::InvalidContract(message)) =
        registered().compile(CodeHash([9; 32]), &code)
    else {
        panic!("unregistered code without fallback must be refused");
    };
    assert!(message.contains("register"), "{message}");
    assert!(message.contains("with_fallback"), "{message}");

    let wasmer =
        WasmerExecutor::new(WasmerConfig::new(GasSchedule::v4().wasm_opcode_cost)).unwrap();
    let executor = registered().with_fallback(Arc::new(wasmer));
    let module = executor.compile(CodeHash([9; 32]), &code).unwrap();
    assert_eq!(module.exported_functions(), ["run"]);
    assert!(
        executor.cached(CodeHash([9; 32])).is_some(),
        "cached by Wasmer"
    );
    let mut instance = module
        .instantiate(&InstanceOptions::with_gas_limit(1_000))
        .unwrap();
    instance.call("run", &mut RecordingHooks::new()).unwrap();
    assert!(instance.gas_used() > 0, "Wasmer meters opcodes");
    assert_eq!(executor.name(), "debugger");
}

#[test]
fn registration_by_file_reads_the_wasm() {
    let dir = std::env::temp_dir().join(format!("strata-debugger-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("adder.wasm");
    std::fs::write(&file, b"adder wasm bytes").unwrap();
    let mut executor = DebuggerExecutor::new();
    executor.register_file(&file, ADDER).unwrap();
    assert_eq!(
        executor.contract_for(b"adder wasm bytes").map(|c| c.name),
        Some("adder")
    );
    let missing = executor.register_file(dir.join("missing.wasm"), ADDER);
    assert!(missing.unwrap_err().to_string().contains("missing.wasm"));
    std::fs::remove_dir_all(&dir).unwrap();
}

//! Hooks: imports dispatch to the call's `VMHooks` with their arguments, results come back,
//! and any hook's early exit comes out of `call` unchanged.

use executor_api::{EarlyExit, Instance, InstanceAccess, ReturnCode, messages};
use strata_executor_wasmer::WRONG_SIGNATURE;
use strata_executor_wasmer::testing::{HookCall, RecordingHooks};

use crate::support::{assert_exit, instance};

const SIGNAL: &str = r#"
    (module
      (import "env" "signalError" (func $signal_error (param i32 i32)))
      (import "env" "getNumArguments" (func $num_args (result i32)))
      (import "env" "bigIntAdd" (func $add (param i32 i32 i32)))
      (import "env" "getBlockRandomSeed" (func $seed (param i32)))
      (import "env" "mBufferSetBytes" (func $set_bytes (param i32 i32 i32) (result i32)))
      (import "env" "getESDTTokenData" (func $token_data
        (param i32 i32 i32 i64 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
      (memory (export "memory") 1)
      (data (i32.const 100) "wrong number of arguments")
      (func (export "fail")
        (call $signal_error (i32.const 100) (i32.const 25))
        (unreachable))
      (func (export "args")
        (call $add (i32.const 1) (i32.const -2) (i32.const 3))
        (call $seed (i32.const -1))
        (drop (call $set_bytes (i32.const 7) (i32.const 8) (i32.const -9)))
        (drop (call $token_data (i32.const 1) (i32.const 2) (i32.const 3) (i64.const -4)
          (i32.const 5) (i32.const 6) (i32.const 7) (i32.const 8) (i32.const 9)
          (i32.const 10) (i32.const 11) (i32.const 12))))
      (func (export "count") (i32.store (i32.const 0) (call $num_args)))
      (func (export "read_bad") (call $seed (i32.const 65533))))
"#;

/// `signalError` as the VM implements it: reads the message and stops with code 4.
fn signal_error_hooks() -> RecordingHooks {
    RecordingHooks::new().on("signalError", |instance, args| {
        let message = instance.memory_load(args[0] as isize, args[1] as isize)?;
        Err(EarlyExit::user_error(String::from_utf8_lossy(&message)))
    })
}

#[test]
fn a_hook_early_exit_comes_out_of_call_unchanged() {
    let mut instance = instance(SIGNAL, 1_000_000);
    let mut hooks = signal_error_hooks();
    let result = instance.call("fail", &mut hooks);
    assert_exit(result, ReturnCode::UserError, "wrong number of arguments");
    assert_eq!(
        instance.early_exit(),
        Some(&EarlyExit::user_error("wrong number of arguments"))
    );
    assert_eq!(hooks.call_names(), ["signalError"]);

    // Any code and message, including a stop that is a success (legacy async call).
    let exit = EarlyExit::new(ReturnCode::Ok, "async call");
    let mut hooks = RecordingHooks::new().failing("signalError", exit.clone());
    assert_eq!(instance.call("fail", &mut hooks), Err(exit));
    let exit = EarlyExit::new(ReturnCode::OutOfFunds, "out of funds");
    let mut hooks = RecordingHooks::new().failing("signalError", exit.clone());
    assert_eq!(instance.call("fail", &mut hooks), Err(exit));
}

#[test]
fn arguments_reach_the_hook_pointers_unsigned_lengths_signed() {
    let mut instance = instance(SIGNAL, 1_000_000);
    let mut hooks = RecordingHooks::new();
    instance.call("args", &mut hooks).unwrap();
    assert_eq!(
        hooks.calls(),
        [
            HookCall {
                name: "bigIntAdd",
                args: vec![1, -2, 3]
            },
            HookCall {
                name: "getBlockRandomSeed",
                args: vec![4_294_967_295]
            },
            HookCall {
                name: "mBufferSetBytes",
                args: vec![7, 8, -9]
            },
            HookCall {
                name: "getESDTTokenData",
                args: vec![1, 2, 3, -4, 5, 6, 7, 8, 9, 10, 11, 12]
            },
        ]
    );
}

#[test]
fn results_come_back_to_the_contract() {
    let mut instance = instance(SIGNAL, 1_000_000);
    let mut hooks = RecordingHooks::new().returning("getNumArguments", -3);
    instance.call("count", &mut hooks).unwrap();
    assert_eq!(instance.memory_load(0, 4).unwrap(), (-3i32).to_le_bytes());
}

#[test]
fn hook_memory_access_is_bounds_checked() {
    let mut instance = instance(SIGNAL, 1_000_000);
    let mut hooks = RecordingHooks::new().on("getBlockRandomSeed", |instance, args| {
        instance.memory_store(args[0] as isize, &[0; 48])?;
        Ok(0)
    });
    let result = instance.call("read_bad", &mut hooks);
    assert_exit(
        result,
        ReturnCode::ExecutionFailed,
        messages::MEM_STORE_BAD_BOUNDS,
    );

    // 0xffffffff as an unsigned offset is past the memory, never a negative index.
    let result = instance.call("args", &mut hooks);
    assert_exit(
        result,
        ReturnCode::ExecutionFailed,
        messages::MEM_STORE_BAD_BOUNDS,
    );

    let mut hooks = RecordingHooks::new().on("mBufferSetBytes", |instance, args| {
        instance.memory_load(args[1] as isize, args[2] as isize)?;
        Ok(0)
    });
    let result = instance.call("args", &mut hooks);
    assert_exit(
        result,
        ReturnCode::ExecutionFailed,
        messages::MEM_LOAD_BAD_BOUNDS,
    );
}

#[test]
fn instance_memory_access_outside_calls_is_bounds_checked() {
    let mut instance = instance(SIGNAL, 1_000_000);
    assert_eq!(instance.memory_load(100, 5).unwrap(), b"wrong".to_vec());
    instance.memory_store(65_530, b"abcdef").unwrap();
    assert_eq!(instance.memory_load(65_530, 6).unwrap(), b"abcdef");
    let load = |offset, length| instance.memory_load(offset, length).unwrap_err();
    assert_eq!(
        load(65_530, 7),
        EarlyExit::execution_failed(messages::MEM_LOAD_BAD_BOUNDS)
    );
    assert_eq!(
        load(-1, 1),
        EarlyExit::execution_failed(messages::MEM_LOAD_BAD_BOUNDS)
    );
    assert_eq!(
        load(0, -1),
        EarlyExit::execution_failed(messages::MEM_LOAD_BAD_BOUNDS)
    );
    assert_eq!(
        load(isize::MAX, isize::MAX),
        EarlyExit::execution_failed(messages::MEM_LOAD_BAD_BOUNDS)
    );
    assert_eq!(
        instance.memory_store(65_536, b"x"),
        Err(EarlyExit::execution_failed(messages::MEM_STORE_BAD_BOUNDS))
    );
    assert_eq!(instance.memory_store(65_536, b""), Ok(()));
}

#[test]
fn a_panicking_hook_fails_the_execution_instead_of_the_host() {
    let mut instance = instance(SIGNAL, 1_000_000);
    let mut hooks = RecordingHooks::new().on("getNumArguments", |_, _| panic!("bug in a hook"));
    let result = instance.call("count", &mut hooks);
    assert_exit(
        result,
        ReturnCode::ExecutionFailed,
        "hook getNumArguments panicked: bug in a hook",
    );
    // The instance is still usable.
    let mut hooks = RecordingHooks::new().returning("getNumArguments", 5);
    instance.call("count", &mut hooks).unwrap();
    assert_eq!(instance.memory_load(0, 4).unwrap(), 5i32.to_le_bytes());
}

#[test]
fn a_missing_function_is_code_1() {
    let mut instance = instance(SIGNAL, 1_000_000);
    let result = instance.call("nothing", &mut RecordingHooks::new());
    assert_exit(
        result,
        ReturnCode::FunctionNotFound,
        messages::FUNCTION_NOT_FOUND,
    );
    assert_eq!(
        instance.early_exit(),
        Some(&EarlyExit::function_not_found())
    );
    // Globals and the memory are exports, not functions.
    let result = instance.call("memory", &mut RecordingHooks::new());
    assert_exit(
        result,
        ReturnCode::FunctionNotFound,
        messages::FUNCTION_NOT_FOUND,
    );
    assert!(!instance.has_function("memory"));
    assert!(instance.has_function("fail"));
    assert_eq!(
        instance.exported_functions(),
        ["args", "count", "fail", "read_bad"]
    );
}

#[test]
fn a_function_with_params_or_results_is_code_2() {
    let mut instance = instance(
        r#"(module (memory (export "memory") 1)
            (func (export "takes") (param i32))
            (func (export "gives") (result i32) (i32.const 1)))"#,
        1_000,
    );
    for name in ["takes", "gives"] {
        let result = instance.call(name, &mut RecordingHooks::new());
        assert_exit(result, ReturnCode::FunctionWrongSignature, WRONG_SIGNATURE);
    }
}

#[test]
fn early_exit_is_cleared_by_a_successful_call() {
    let mut instance = instance(SIGNAL, 1_000_000);
    let _ = instance.call("fail", &mut signal_error_hooks());
    assert!(instance.early_exit().is_some());
    instance.call("count", &mut RecordingHooks::new()).unwrap();
    assert_eq!(instance.early_exit(), None);
}

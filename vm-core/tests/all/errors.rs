//! Failures: user errors, bad handles and pointers, traps, out of gas; and what a failed
//! output holds (nothing but its code, message and no gas).

use blockchain_hooks::ReturnCode;

use crate::harness::*;

const ERRORS: &str = r#"
(module
  (import "env" "signalError" (func $signal (param i32 i32)))
  (import "env" "managedSignalError" (func $m_signal (param i32)))
  (import "env" "mBufferGetArgument" (func $mb_arg (param i32 i32) (result i32)))
  (import "env" "storageStore" (func $store (param i32 i32 i32 i32) (result i32)))
  (import "env" "finish" (func $finish (param i32 i32)))
  (import "env" "bigIntFinishUnsigned" (func $big_finish (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "refused: not allowed")
  (func (export "fail")
    (call $signal (i32.const 0) (i32.const 20)))
  (func (export "failManaged")
    (drop (call $mb_arg (i32.const 0) (i32.const 1)))
    (call $m_signal (i32.const 1)))
  (func (export "writeThenFail")
    (call $finish (i32.const 0) (i32.const 7))
    (drop (call $store (i32.const 0) (i32.const 7) (i32.const 0) (i32.const 20)))
    (call $signal (i32.const 0) (i32.const 20)))
  (func (export "badHandle")
    (call $big_finish (i32.const 42)))
  (func (export "badMessagePointer")
    (call $signal (i32.const 65530) (i32.const 20)))
  (func (export "negativeLength")
    (call $finish (i32.const 0) (i32.const -1)))
  (func (export "trap") unreachable)
  (func (export "divideByZero")
    (drop (i32.div_u (i32.const 1) (i32.const 0))))
  (func (export "spin") (loop (br 0))))
"#;

fn world() -> World {
    World::free().contract(1, ERRORS)
}

#[test]
fn signal_error_is_a_user_error_with_the_contracts_message() {
    let w = world();
    assert_failed(
        &w.call(1, "fail", &[]),
        ReturnCode::UserError,
        "refused: not allowed",
    );
    assert_failed(
        &w.call(1, "failManaged", &[b"managed message"]),
        ReturnCode::UserError,
        "managed message",
    );
}

#[test]
fn a_failed_call_carries_no_change_and_no_gas() {
    let w = world();
    let out = w.call(1, "writeThenFail", &[]);
    assert_failed(&out, ReturnCode::UserError, "refused: not allowed");
}

#[test]
fn bad_handles_and_pointers_fail_execution_without_panicking() {
    let w = world();
    assert_failed(
        &w.call(1, "badHandle", &[]),
        ReturnCode::ExecutionFailed,
        "no bigInt under the given handle",
    );
    assert_failed(
        &w.call(1, "badMessagePointer", &[]),
        ReturnCode::ExecutionFailed,
        "mem load: bad bounds",
    );
}

#[test]
fn a_negative_length_runs_out_of_gas_as_in_the_production_vm() {
    // `finish` charges PersistPerByte × uint64(length) first: a negative length costs more
    // than any gas limit.
    let w = world();
    assert_failed(
        &w.call(1, "negativeLength", &[]),
        ReturnCode::OutOfGas,
        "not enough gas",
    );
}

#[test]
fn traps_read_as_execution_failed() {
    let w = world();
    for function in ["trap", "divideByZero"] {
        assert_failed(
            &w.call(1, function, &[]),
            ReturnCode::ExecutionFailed,
            "execution failed",
        );
    }
}

#[test]
fn running_out_of_gas_in_opcodes_or_hooks() {
    let w = World::new(blockchain_hooks::GasSchedule::v4()).contract(1, ERRORS);
    assert_failed(
        &w.call(1, "spin", &[]),
        ReturnCode::OutOfGas,
        "not enough gas",
    );

    // signalError costs SignalError + PersistPerByte × 20 = 1 + 20 000: with one point less
    // the hook runs out of gas; with exactly enough it signals the error.
    let w = world();
    let needed = w.call_cost(sc(1)) + 1 + 20_000;
    let mut input = call_input(sc(1), "fail", &[]);
    input.vm_input.gas_provided = needed - 1;
    assert_failed(&w.run(&input), ReturnCode::OutOfGas, "not enough gas");
    input.vm_input.gas_provided = needed;
    assert_failed(
        &w.run(&input),
        ReturnCode::UserError,
        "refused: not allowed",
    );
}

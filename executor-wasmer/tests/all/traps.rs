//! Traps: every wasm trap stops the contract with code 10 and a clear message, and the
//! instance stays usable.

use executor_api::{Instance, InstanceAccess, ReturnCode};
use strata_executor_wasmer::WasmerInstance;
use strata_executor_wasmer::testing::RecordingHooks;

use crate::support::{assert_exit, instance};

const TRAPS: &str = r#"
    (module
      (type $unary (func (param i32) (result i32)))
      (type $void (func))
      (memory (export "memory") 1)
      (table 2 funcref)
      (elem (i32.const 0) $void_fn)
      (func $void_fn)
      (func $recurse (call $recurse))
      (func (export "unreachable") (unreachable))
      (func (export "div_by_zero") (drop (i32.div_u (i32.const 1) (i32.const 0))))
      (func (export "overflow") (drop (i32.div_s (i32.const -2147483648) (i32.const -1))))
      (func (export "out_of_bounds") (drop (i32.load (i32.const 65534))))
      (func (export "recursion") (call $recurse))
      (func (export "bad_indirect")
        (drop (call_indirect (type $unary) (i32.const 5) (i32.const 0))))
      (func (export "null_indirect") (call_indirect (type $void) (i32.const 1)))
      (func (export "ok")))
"#;

#[test]
fn traps_are_execution_failed_with_the_trap_message() {
    let mut instance = instance(TRAPS, 1_000_000_000);
    let mut hooks = RecordingHooks::new();
    for (function, message) in [
        ("unreachable", "unreachable"),
        ("div_by_zero", "integer divide by zero"),
        ("overflow", "integer overflow"),
        ("out_of_bounds", "out of bounds memory access"),
        ("recursion", "call stack exhausted"),
        ("bad_indirect", "indirect call type mismatch"),
        ("null_indirect", "uninitialized element"),
    ] {
        let result = instance.call(function, &mut hooks);
        assert_exit(result, ReturnCode::ExecutionFailed, message);
        instance.call("ok", &mut hooks).unwrap();
    }
}

#[test]
fn a_memory_of_zero_pages_traps_on_every_access() {
    // Generated code checks `address + offset <= length - size`: with a length of 0 the
    // subtraction must not wrap into a huge bound that lets any address through.
    let wat = r#"(module (memory (export "memory") 0)
        (func (export "near") (drop (i32.load (i32.const 0))))
        (func (export "far") (drop (i32.load (i32.const 1000000))))
        (func (export "store_far") (i64.store (i32.const 3000000) (i64.const 7)))
        (func (export "grow") (drop (memory.grow (i32.const 1))))
        (func (export "last_word") (i32.store (i32.const 65532) (i32.const 7)))
        (func (export "past_the_page") (i32.store (i32.const 65533) (i32.const 7))))"#;
    let mut instance = instance(wat, 1_000_000);
    let out_of_bounds = |instance: &mut WasmerInstance, function| {
        let result = instance.call(function, &mut RecordingHooks::new());
        assert_exit(
            result,
            ReturnCode::ExecutionFailed,
            "out of bounds memory access",
        );
    };
    for function in ["far", "store_far", "near", "last_word"] {
        out_of_bounds(&mut instance, function);
    }
    // Grown to one page, it holds exactly one page.
    let mut hooks = RecordingHooks::new();
    instance.call("grow", &mut hooks).unwrap();
    instance.call("last_word", &mut hooks).unwrap();
    assert_eq!(instance.memory_load(65532, 4).unwrap(), [7, 0, 0, 0]);
    out_of_bounds(&mut instance, "past_the_page");
    out_of_bounds(&mut instance, "far");
}

#[test]
fn accesses_are_checked_to_the_last_byte_with_constant_offsets() {
    // Memories have no guard region after them: the generated check is all there is.
    let wat = r#"(module (memory (export "memory") 1)
        (func (export "last") (drop (i64.load (i32.const 65528))))
        (func (export "over") (drop (i64.load (i32.const 65529))))
        (func (export "offset_last") (drop (i32.load offset=65532 (i32.const 0))))
        (func (export "offset_over") (drop (i32.load offset=65533 (i32.const 0))))
        (func (export "offset_wraps") (i32.store offset=4294967295 (i32.const 1) (i32.const 7)))
        (func (export "byte_over") (i32.store8 (i32.const 65536) (i32.const 7))))"#;
    let mut instance = instance(wat, 1_000_000);
    let mut hooks = RecordingHooks::new();
    instance.call("last", &mut hooks).unwrap();
    instance.call("offset_last", &mut hooks).unwrap();
    for function in ["over", "offset_over", "offset_wraps", "byte_over"] {
        let result = instance.call(function, &mut hooks);
        assert_exit(
            result,
            ReturnCode::ExecutionFailed,
            "out of bounds memory access",
        );
    }
}

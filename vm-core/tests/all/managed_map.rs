//! Managed-map hooks: put, get, contains, remove, failures and gas.

use blockchain_hooks::ReturnCode;

use crate::harness::*;

const MAPS: &str = r#"
(module
  (import "env" "managedMapNew" (func $new (result i32)))
  (import "env" "managedMapPut" (func $put (param i32 i32 i32) (result i32)))
  (import "env" "managedMapGet" (func $get (param i32 i32 i32) (result i32)))
  (import "env" "managedMapRemove" (func $remove (param i32 i32 i32) (result i32)))
  (import "env" "managedMapContains" (func $contains (param i32 i32) (result i32)))
  (import "env" "mBufferNewFromBytes" (func $buffer (param i32 i32) (result i32)))
  (import "env" "mBufferFinish" (func $finish (param i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "keyvalue")
  (func (export "roundTrip")
    (drop (call $new))
    (drop (call $buffer (i32.const 0) (i32.const 3)))
    (drop (call $buffer (i32.const 3) (i32.const 5)))
    (drop (call $put (i32.const 0) (i32.const 0) (i32.const 1)))
    (drop (call $get (i32.const 0) (i32.const 0) (i32.const 2)))
    (drop (call $finish (i32.const 2))))
  (func (export "containsAndRemove")
    (drop (call $new))
    (drop (call $buffer (i32.const 0) (i32.const 3)))
    (drop (call $buffer (i32.const 3) (i32.const 5)))
    (if (i32.ne (call $contains (i32.const 0) (i32.const 0)) (i32.const 0)) (then unreachable))
    (drop (call $put (i32.const 0) (i32.const 0) (i32.const 1)))
    (if (i32.ne (call $contains (i32.const 0) (i32.const 0)) (i32.const 1)) (then unreachable))
    (drop (call $remove (i32.const 0) (i32.const 0) (i32.const 2)))
    (if (i32.ne (call $contains (i32.const 0) (i32.const 0)) (i32.const 0)) (then unreachable))
    (drop (call $finish (i32.const 2)))
    (drop (call $get (i32.const 0) (i32.const 0) (i32.const 3)))
    (drop (call $finish (i32.const 3))))
  (func (export "missingMap")
    (drop (call $buffer (i32.const 0) (i32.const 3)))
    (drop (call $put (i32.const 7) (i32.const 0) (i32.const 0))))
  (func (export "missingKey")
    (drop (call $new))
    (drop (call $get (i32.const 0) (i32.const 9) (i32.const 1)))))
"#;

#[test]
fn values_round_trip_and_charge_exactly() {
    let w = World::free().contract(1, MAPS);
    let out = w.call(1, "roundTrip", &[]);
    assert_ok(&out);
    assert_eq!(out.return_data, vec![b"value".to_vec()]);
    // ManagedMapNew 10000; MBufferNewFromBytes 2000 × 2; ManagedMapPut 10000 + 100 × 5;
    // ManagedMapGet 10000 + 100 × 5; MBufferFinish 1000 + PersistPerByte 1000 × 5.
    let hooks = 10_000 + 4000 + 10_500 + 10_500 + 6000;
    assert_eq!(used(&out), w.call_cost(sc(1)) + hooks);
}

#[test]
fn removed_keys_are_no_longer_contained() {
    let w = World::free().contract(1, MAPS);
    let out = w.call(1, "containsAndRemove", &[]);
    assert_ok(&out);
    assert_eq!(out.return_data, vec![b"value".to_vec(), Vec::new()]);
}

#[test]
fn missing_maps_and_keys_stop_execution() {
    let w = World::free().contract(1, MAPS);
    assert_failed(
        &w.call(1, "missingMap", &[]),
        ReturnCode::ExecutionFailed,
        "no managed map under the given handle",
    );
    assert_failed(
        &w.call(1, "missingKey", &[]),
        ReturnCode::ExecutionFailed,
        "no managed buffer under the given handle",
    );
}

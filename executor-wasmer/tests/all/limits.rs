//! Run-time limits: `memory.grow` at most `MaxMemoryGrow` times per instance and by at most
//! `MaxMemoryGrowDelta` pages each; past the declared maximum it fails as wasm says.

use executor_api::{Instance, InstanceAccess, OpcodeCost, ReturnCode, messages};
use strata_executor_wasmer::testing::RecordingHooks;

use crate::support::{assert_exit, instance_with, v4};

const GROW: &str = r#"
    (module
      (memory (export "memory") 1 10)
      (func (export "grow1") (i32.store (i32.const 0) (memory.grow (i32.const 1))))
      (func (export "grow2") (i32.store (i32.const 0) (memory.grow (i32.const 2))))
      (func (export "grow3") (i32.store (i32.const 0) (memory.grow (i32.const 3))))
      (func (export "size") (i32.store (i32.const 0) (memory.size))))
"#;

/// Costs allowing 3 `memory.grow` per instance, of at most 2 pages each.
fn costs() -> OpcodeCost {
    let mut cost = v4();
    cost.max_memory_grow = 3;
    cost.max_memory_grow_delta = 2;
    cost
}

fn stored(instance: &impl InstanceAccess) -> i32 {
    i32::from_le_bytes(instance.memory_load(0, 4).unwrap().try_into().unwrap())
}

#[test]
fn memory_grow_is_limited_in_count_per_instance() {
    let mut instance = instance_with(costs(), GROW, 1_000_000);
    let mut hooks = RecordingHooks::new();
    for pages_before in 1..=3 {
        instance.call("grow1", &mut hooks).unwrap();
        assert_eq!(stored(&instance), pages_before);
    }
    let result = instance.call("grow1", &mut hooks);
    assert_exit(result, ReturnCode::ExecutionFailed, messages::MEMORY_LIMIT);
    instance.call("size", &mut hooks).unwrap();
    assert_eq!(stored(&instance), 4);

    // The count belongs to the instance: a new one starts from zero.
    let mut fresh = instance_with(costs(), GROW, 1_000_000);
    fresh.call("grow1", &mut hooks).unwrap();
}

#[test]
fn memory_grow_is_limited_in_delta() {
    let mut instance = instance_with(costs(), GROW, 1_000_000);
    let mut hooks = RecordingHooks::new();
    instance.call("grow2", &mut hooks).unwrap();
    assert_eq!(stored(&instance), 1);
    let result = instance.call("grow3", &mut hooks);
    assert_exit(result, ReturnCode::ExecutionFailed, messages::MEMORY_LIMIT);
    instance.call("size", &mut hooks).unwrap();
    assert_eq!(stored(&instance), 3);
}

#[test]
fn memory_grow_past_the_declared_maximum_returns_minus_one() {
    let mut cost = v4();
    cost.max_memory_grow = 100;
    cost.max_memory_grow_delta = 3;
    let mut instance = instance_with(cost, GROW, 1_000_000);
    let mut hooks = RecordingHooks::new();
    for _ in 0..3 {
        instance.call("grow3", &mut hooks).unwrap();
    }
    instance.call("size", &mut hooks).unwrap();
    assert_eq!(stored(&instance), 10);
    instance.call("grow1", &mut hooks).unwrap();
    assert_eq!(stored(&instance), -1);
}

#[test]
fn schedule_v4_allows_100_single_page_grows() {
    let wat = r#"(module (memory (export "memory") 1)
        (func (export "grow") (drop (memory.grow (i32.const 1))))
        (func (export "grow2") (drop (memory.grow (i32.const 2)))))"#;
    let mut instance = instance_with(v4(), wat, 1_000_000_000);
    let mut hooks = RecordingHooks::new();
    let result = instance.call("grow2", &mut hooks);
    assert_exit(result, ReturnCode::ExecutionFailed, messages::MEMORY_LIMIT);
    for _ in 0..99 {
        instance.call("grow", &mut hooks).unwrap();
    }
    let result = instance.call("grow", &mut hooks);
    assert_exit(result, ReturnCode::ExecutionFailed, messages::MEMORY_LIMIT);
}

const TABLE: &str = r#"
    (module
      (memory (export "memory") 1)
      (table 1 funcref)
      (func (export "grow_huge") (i32.store (i32.const 0) (table.grow (ref.null func) (i32.const -1))))
      (func (export "grow_to_cap")
        (i32.store (i32.const 0) (table.grow (ref.null func) (i32.const 65535))))
      (func (export "grow1") (i32.store (i32.const 0) (table.grow (ref.null func) (i32.const 1)))))
"#;

#[test]
fn table_grow_is_capped_without_allocating() {
    let mut instance = instance_with(v4(), TABLE, 1_000_000);
    let mut hooks = RecordingHooks::new();
    instance.call("grow_huge", &mut hooks).unwrap();
    assert_eq!(stored(&instance), -1);
    instance.call("grow_to_cap", &mut hooks).unwrap();
    assert_eq!(stored(&instance), 1);
    instance.call("grow1", &mut hooks).unwrap();
    assert_eq!(stored(&instance), -1);
}

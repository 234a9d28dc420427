//! Instance memories are reused between instances (a pool on Linux): every instance starts
//! with its declared pages, all zero, whatever the instances before it wrote or grew.

use std::sync::Arc;

use executor_api::{Instance, InstanceAccess, InstanceOptions};
use strata_executor_wasmer::WasmerModule;
use strata_executor_wasmer::testing::RecordingHooks;

use crate::support::{compile, executor_with, v4};

const PAGE: isize = 65_536;

/// `dirty_small` and `dirty_large` grow the memory by 2 pages (to a memory the pool zeroes in
/// place) or by 8 (to one it gives back to the kernel) and fill all of it with 0xAB; `size`
/// stores the page count at 0.
const DIRTY: &str = r#"
    (module
      (memory (export "memory") 2 10)
      (func (export "dirty_small") (call $dirty (i32.const 2)))
      (func (export "dirty_large") (call $dirty (i32.const 8)))
      (func $dirty (param $pages i32) (local $at i32)
        (drop (memory.grow (local.get $pages)))
        (loop $fill
          (i64.store (local.get $at) (i64.const 0xABABABABABABABAB))
          (local.set $at (i32.add (local.get $at) (i32.const 8)))
          (br_if $fill (i32.lt_u (local.get $at) (i32.mul (memory.size) (i32.const 65536))))))
      (func (export "size") (i32.store (i32.const 0) (memory.size))))
"#;

fn module() -> Arc<WasmerModule> {
    let mut cost = v4();
    cost.max_memory_grow_delta = 8;
    compile(&executor_with(cost), DIRTY).expect("compiles")
}

fn fresh(module: &WasmerModule) -> strata_executor_wasmer::WasmerInstance {
    module
        .instantiate_wasmer(&InstanceOptions::with_gas_limit(100_000_000))
        .expect("instantiates")
}

#[test]
fn a_new_instance_sees_nothing_of_the_instances_before_it() {
    let module = module();
    let mut hooks = RecordingHooks::default();
    for round in 0..20 {
        let (function, pages) = if round % 2 == 0 {
            ("dirty_small", 4)
        } else {
            ("dirty_large", 10)
        };
        let mut dirty = fresh(&module);
        dirty.call(function, &mut hooks).expect("fills");
        assert_eq!(dirty.memory_load(pages * PAGE - 1, 1).unwrap(), [0xAB]);
        drop(dirty);

        let mut clean = fresh(&module);
        let contents = clean.memory_load(0, 2 * PAGE).expect("two pages");
        assert!(
            contents.iter().all(|&byte| byte == 0),
            "round {round}: an earlier instance's bytes are visible"
        );
        assert!(
            clean.memory_load(2 * PAGE, 1).is_err(),
            "only the declared pages"
        );
        clean.call("size", &mut hooks).expect("runs");
        assert_eq!(clean.memory_load(0, 4).unwrap(), 2i32.to_le_bytes());
    }
}

#[test]
fn instances_alive_at_once_have_memories_of_their_own() {
    let module = module();
    let mut hooks = RecordingHooks::default();
    let mut first = fresh(&module);
    let mut second = fresh(&module);
    first.call("dirty_small", &mut hooks).expect("fills");
    assert!(
        second
            .memory_load(0, 2 * PAGE)
            .unwrap()
            .iter()
            .all(|&byte| byte == 0)
    );
    second.memory_store(10, &[1, 2, 3]).expect("stores");
    assert_eq!(first.memory_load(10, 3).unwrap(), [0xAB; 3]);
}

//! The managed-map hooks run on a [`Context`] over a
//! [`MemoryInstance`](crate::testing::MemoryInstance), with gas schedule v4 (every map hook
//! 10000, `DataCopyPerByte` 100).

use executor_api::{EarlyExit, ReturnCode};

use super::*;
use crate::errors;
use crate::managed::test_env::{TestEnv, instance};

fn assert_failed(result: Result<impl std::fmt::Debug, EarlyExit>, message: &str) {
    let err = result.expect_err("the hook should stop execution");
    assert_eq!(err.code, ReturnCode::ExecutionFailed, "{err}");
    assert_eq!(err.message, message);
}

#[test]
fn put_get_contains_remove() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(1_000_000);
    let map = managed_map_new(&mut ctx, &mut inst).unwrap();
    assert_eq!(inst.gas_used, 10_000);
    let key = ctx.managed().new_buffer(b"key".to_vec());
    let value = ctx.managed().new_buffer(b"value".to_vec());

    assert_eq!(
        managed_map_contains(&mut ctx, &mut inst, map, key).unwrap(),
        0
    );
    let before = inst.gas_used;
    assert_eq!(
        managed_map_put(&mut ctx, &mut inst, map, key, value).unwrap(),
        0
    );
    assert_eq!(inst.gas_used - before, 10_000 + 5 * 100);
    // The map holds a copy: changing the value buffer afterwards changes nothing.
    ctx.managed().set_buffer(value, b"other".to_vec());
    assert_eq!(
        managed_map_contains(&mut ctx, &mut inst, map, key).unwrap(),
        1
    );

    let before = inst.gas_used;
    assert_eq!(
        managed_map_get(&mut ctx, &mut inst, map, key, 20).unwrap(),
        0
    );
    assert_eq!(ctx.managed().buffer(20).unwrap(), b"value");
    assert_eq!(inst.gas_used - before, 10_000 + 5 * 100);

    assert_eq!(
        managed_map_remove(&mut ctx, &mut inst, map, key, 21).unwrap(),
        0
    );
    assert_eq!(ctx.managed().buffer(21).unwrap(), b"value");
    assert_eq!(
        managed_map_contains(&mut ctx, &mut inst, map, key).unwrap(),
        0
    );
    // Absent keys read as empty buffers.
    managed_map_get(&mut ctx, &mut inst, map, key, 22).unwrap();
    assert_eq!(ctx.managed().buffer(22).unwrap(), b"");
    managed_map_remove(&mut ctx, &mut inst, map, key, 23).unwrap();
    assert_eq!(ctx.managed().buffer(23).unwrap(), b"");
}

#[test]
fn empty_values_read_as_absent() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(1_000_000);
    let map = managed_map_new(&mut ctx, &mut inst).unwrap();
    let key = ctx.managed().new_buffer(b"k".to_vec());
    let empty = ctx.managed().new_buffer(Vec::new());
    managed_map_put(&mut ctx, &mut inst, map, key, empty).unwrap();
    assert_eq!(
        managed_map_contains(&mut ctx, &mut inst, map, key).unwrap(),
        0
    );
}

#[test]
fn missing_maps_keys_and_values_stop_execution() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(1_000_000);
    let map = managed_map_new(&mut ctx, &mut inst).unwrap();
    let key = ctx.managed().new_buffer(b"k".to_vec());
    let no_map = errors::NO_MANAGED_MAP_UNDER_HANDLE;
    let no_buffer = errors::NO_MANAGED_BUFFER_UNDER_HANDLE;
    assert_failed(managed_map_put(&mut ctx, &mut inst, 9, key, key), no_map);
    assert_failed(
        managed_map_put(&mut ctx, &mut inst, map, 99, key),
        no_buffer,
    );
    assert_failed(
        managed_map_put(&mut ctx, &mut inst, map, key, 99),
        no_buffer,
    );
    assert_failed(managed_map_get(&mut ctx, &mut inst, 9, key, 5), no_map);
    assert_failed(managed_map_get(&mut ctx, &mut inst, map, 99, 5), no_buffer);
    assert_failed(managed_map_remove(&mut ctx, &mut inst, 9, key, 5), no_map);
    assert_failed(managed_map_contains(&mut ctx, &mut inst, 9, key), no_map);
    assert_failed(
        managed_map_contains(&mut ctx, &mut inst, map, 99),
        no_buffer,
    );
    assert!(!ctx.managed().has_buffer(5));
}

#[test]
fn maps_get_their_own_handles() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(1_000_000);
    let first = managed_map_new(&mut ctx, &mut inst).unwrap();
    let second = managed_map_new(&mut ctx, &mut inst).unwrap();
    assert_eq!((first, second), (0, 1));
    assert!(REFUSED.is_empty());
}

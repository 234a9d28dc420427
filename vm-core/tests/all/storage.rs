//! Storage: writes with their per-byte costs and statuses, reads through the chain once per
//! transaction, reserved keys, other accounts' storage, locks, and the typed variants.

use blockchain_hooks::{CodeMetadata, ReturnCode};

use crate::harness::*;

const STORAGE: &str = r#"
(module
  (import "env" "getArgument" (func $arg (param i32 i32) (result i32)))
  (import "env" "finish" (func $finish (param i32 i32)))
  (import "env" "int64finish" (func $i64_finish (param i64)))
  (import "env" "storageStore" (func $store (param i32 i32 i32 i32) (result i32)))
  (import "env" "storageLoad" (func $load (param i32 i32 i32) (result i32)))
  (import "env" "storageLoadLength" (func $len (param i32 i32) (result i32)))
  (import "env" "storageLoadFromAddress" (func $load_from (param i32 i32 i32 i32) (result i32)))
  (import "env" "int64storageStore" (func $i64_store (param i32 i32 i64) (result i32)))
  (import "env" "int64storageLoad" (func $i64_load (param i32 i32) (result i64)))
  (import "env" "smallIntStorageStoreSigned" (func $small_store (param i32 i32 i64) (result i32)))
  (import "env" "smallIntStorageLoadSigned" (func $small_load (param i32 i32) (result i64)))
  (import "env" "setStorageLock" (func $lock (param i32 i32 i64) (result i32)))
  (import "env" "getStorageLock" (func $get_lock (param i32 i32) (result i64)))
  (import "env" "isStorageLocked" (func $locked (param i32 i32) (result i32)))
  (import "env" "clearStorageLock" (func $clear_lock (param i32 i32) (result i32)))
  (import "env" "bigIntGetUnsignedArgument" (func $big_arg (param i32 i32)))
  (import "env" "bigIntStorageStoreUnsigned" (func $big_store (param i32 i32 i32) (result i32)))
  (import "env" "bigIntStorageLoadUnsigned" (func $big_load (param i32 i32 i32) (result i32)))
  (import "env" "bigIntFinishUnsigned" (func $big_finish (param i32)))
  (import "env" "mBufferGetArgument" (func $mb_arg (param i32 i32) (result i32)))
  (import "env" "mBufferStorageStore" (func $mb_store (param i32 i32) (result i32)))
  (import "env" "mBufferStorageLoad" (func $mb_load (param i32 i32) (result i32)))
  (import "env" "mBufferStorageLoadFromAddress" (func $mb_load_from (param i32 i32 i32)))
  (import "env" "mBufferFinish" (func $mb_finish (param i32) (result i32)))
  (memory (export "memory") 1)
  ;; key: argument 0 at 0; value: argument 1 at 1000; loaded values at 2000
  (func $key (result i32) (call $arg (i32.const 0) (i32.const 0)))
  (func (export "store")
    (local $k i32)
    (local.set $k (call $key))
    (call $i64_finish (i64.extend_i32_s
      (call $store (i32.const 0) (local.get $k)
                   (i32.const 1000) (call $arg (i32.const 1) (i32.const 1000))))))
  (func (export "load")
    (call $finish (i32.const 2000) (call $load (i32.const 0) (call $key) (i32.const 2000))))
  (func (export "loadTwice")
    (local $k i32)
    (local.set $k (call $key))
    (drop (call $load (i32.const 0) (local.get $k) (i32.const 2000)))
    (call $finish (i32.const 2000) (call $load (i32.const 0) (local.get $k) (i32.const 2000))))
  (func (export "storeThenLoad")
    (local $k i32)
    (local.set $k (call $key))
    (drop (call $store (i32.const 0) (local.get $k)
                       (i32.const 1000) (call $arg (i32.const 1) (i32.const 1000))))
    (call $i64_finish (i64.extend_i32_s (call $len (i32.const 0) (local.get $k))))
    (call $finish (i32.const 2000) (call $load (i32.const 0) (local.get $k) (i32.const 2000))))
  (func (export "length")
    (call $i64_finish (i64.extend_i32_s (call $len (i32.const 0) (call $key)))))
  ;; address: argument 0 at 3000; key: argument 1 at 0
  (func (export "loadFrom")
    (drop (call $arg (i32.const 0) (i32.const 3000)))
    (call $finish (i32.const 2000)
      (call $load_from (i32.const 3000) (i32.const 0) (call $arg (i32.const 1) (i32.const 0))
                       (i32.const 2000))))
  (func (export "managedLoadFrom")
    (drop (call $mb_arg (i32.const 0) (i32.const 1)))
    (drop (call $mb_arg (i32.const 1) (i32.const 2)))
    (call $mb_load_from (i32.const 1) (i32.const 2) (i32.const 3))
    (drop (call $mb_finish (i32.const 3))))
  (func (export "int64")
    (local $k i32)
    (local.set $k (call $key))
    (call $i64_finish (i64.extend_i32_s (call $i64_store (i32.const 0) (local.get $k) (i64.const 258))))
    (call $i64_finish (call $i64_load (i32.const 0) (local.get $k)))
    (call $i64_finish (i64.extend_i32_s (call $small_store (i32.const 0) (local.get $k) (i64.const -2))))
    (call $i64_finish (call $small_load (i32.const 0) (local.get $k))))
  (func (export "int64Load")
    (call $i64_finish (call $i64_load (i32.const 0) (call $key))))
  (func (export "lock")
    (local $k i32)
    (local.set $k (call $key))
    (call $i64_finish (i64.extend_i32_s (call $lock (i32.const 0) (local.get $k) (i64.const 2000))))
    (call $i64_finish (call $get_lock (i32.const 0) (local.get $k)))
    (call $i64_finish (i64.extend_i32_s (call $locked (i32.const 0) (local.get $k))))
    (call $i64_finish (i64.extend_i32_s (call $clear_lock (i32.const 0) (local.get $k))))
    (call $i64_finish (i64.extend_i32_s (call $locked (i32.const 0) (local.get $k)))))
  (func (export "big")
    (local $k i32)
    (local.set $k (call $key))
    (call $big_arg (i32.const 1) (i32.const 1))
    (call $i64_finish (i64.extend_i32_s (call $big_store (i32.const 0) (local.get $k) (i32.const 1))))
    (call $i64_finish (i64.extend_i32_s (call $big_load (i32.const 0) (local.get $k) (i32.const 2))))
    (call $big_finish (i32.const 2)))
  (func (export "buffer")
    (drop (call $mb_arg (i32.const 0) (i32.const 1)))
    (drop (call $mb_arg (i32.const 1) (i32.const 2)))
    (drop (call $mb_store (i32.const 1) (i32.const 2)))
    (drop (call $mb_load (i32.const 1) (i32.const 3)))
    (drop (call $mb_finish (i32.const 3)))))
"#;

fn world() -> World {
    World::free().contract(1, STORAGE)
}

/// The gas of the `store` endpoint's own hooks: two arguments, the finish of the status, and
/// `StorageStore`.
fn store_overhead(w: &World) -> u64 {
    let c = &w.schedule.base_ops_api_cost;
    2 * c.get_argument + c.int64_finish + c.storage_store
}

#[test]
fn a_new_key_is_added_at_store_per_byte() {
    let w = world();
    let out = w.call(1, "store", &[b"counter", b"12345"]);
    assert_ok(&out);
    assert_eq!(out.return_data, vec![vec![2]]);
    let per_byte = &w.schedule.base_operation_cost;
    assert_eq!(
        used(&out),
        w.call_cost(sc(1)) + store_overhead(&w) + 5 * per_byte.store_per_byte
    );
    let updates = &out.output_accounts[&sc(1)].storage_updates;
    assert_eq!(updates.get(b"counter".as_slice()), Some(&b"12345".to_vec()));
    assert_eq!(out.gas_refund, 0);
}

#[test]
fn modifying_deleting_and_rewriting_follow_the_production_costs() {
    let mut w = world();
    w.chain.set_storage(sc(1), b"k", b"abcd");
    let per_byte = w.schedule.base_operation_cost.clone();
    let base = w.call_cost(sc(1)) + store_overhead(&w);

    let longer = w.call(1, "store", &[b"k", b"abcdef"]);
    assert_eq!(longer.return_data, vec![vec![1]]);
    assert_eq!(
        used(&longer),
        base + 4 * per_byte.persist_per_byte + 2 * per_byte.store_per_byte
    );

    let shorter = w.call(1, "store", &[b"k", b"a"]);
    assert_eq!(shorter.return_data, vec![vec![1]]);
    assert_eq!(used(&shorter), base + per_byte.persist_per_byte);
    assert_eq!(shorter.gas_refund, 3 * per_byte.release_per_byte);

    let deleted = w.call(1, "store", &[b"k", b""]);
    assert_eq!(deleted.return_data, vec![vec![3]]);
    assert_eq!(used(&deleted), base);
    assert_eq!(deleted.gas_refund, 4 * per_byte.release_per_byte);
    let updates = &deleted.output_accounts[&sc(1)].storage_updates;
    assert_eq!(updates.get(b"k".as_slice()), Some(&Vec::new()));

    let same = w.call(1, "store", &[b"k", b"abcd"]);
    assert_eq!(same.return_data, vec![Vec::<u8>::new()]);
    assert_eq!(used(&same), base + 4 * per_byte.data_copy_per_byte);
    assert!(same.output_accounts[&sc(1)].storage_updates.is_empty());

    w.commit(&deleted);
    assert_eq!(w.chain.storage_value(&sc(1), b"k"), Vec::<u8>::new());
}

#[test]
fn keys_longer_than_32_bytes_pay_for_the_extra_bytes() {
    let w = world();
    let key = [7u8; 40];
    let out = w.call(1, "store", &[&key, b"v"]);
    assert_ok(&out);
    let per_byte = &w.schedule.base_operation_cost;
    assert_eq!(
        used(&out),
        w.call_cost(sc(1))
            + store_overhead(&w)
            + 8 * per_byte.data_copy_per_byte
            + per_byte.store_per_byte
    );
}

#[test]
fn reads_cost_the_dynamic_load_then_the_cached_load() {
    let mut w = world();
    w.chain.set_storage(sc(1), b"key", b"value");
    w.chain.trie_depth = 2;
    let c = &w.schedule.base_ops_api_cost;
    let d = &w.schedule.dynamic_storage_load;
    let dynamic = d.quadratic_coefficient * 4 + d.linear_coefficient * 2 + d.constant_coefficient;
    assert_eq!(dynamic, 688 * 4 + 31_858 * 2 + 15_287);
    let read = 5 * w.schedule.base_operation_cost.data_copy_per_byte;
    let finish = c.finish + 5 * w.schedule.base_operation_cost.persist_per_byte;

    let once = w.call(1, "load", &[b"key"]);
    assert_eq!(once.return_data, vec![b"value".to_vec()]);
    assert_eq!(
        used(&once),
        w.call_cost(sc(1)) + c.get_argument + read + dynamic + finish
    );
    // Reads are not storage updates.
    assert!(once.output_accounts[&sc(1)].storage_updates.is_empty());

    let twice = w.call(1, "loadTwice", &[b"key"]);
    assert_eq!(
        used(&twice),
        used(&once) + c.cached_storage_load,
        "the second read of a key is cached"
    );
}

#[test]
fn the_minimum_gas_cost_falls_back_to_the_static_cost() {
    let mut schedule = free_opcodes();
    schedule.dynamic_storage_load.constant_coefficient = 1;
    schedule.dynamic_storage_load.linear_coefficient = 0;
    schedule.dynamic_storage_load.quadratic_coefficient = 0;
    let w = World::new(schedule).contract(1, STORAGE);
    let out = w.call(1, "length", &[b"missing"]);
    assert_eq!(out.return_data, vec![Vec::<u8>::new()]);
    let c = &w.schedule.base_ops_api_cost;
    assert_eq!(
        used(&out),
        w.call_cost(sc(1)) + c.get_argument + c.storage_load + c.int64_finish
    );
}

#[test]
fn a_transaction_reads_its_own_writes() {
    let w = world();
    let out = w.call(1, "storeThenLoad", &[b"k", b"fresh"]);
    assert_ok(&out);
    assert_eq!(out.return_data, vec![vec![5], b"fresh".to_vec()]);
}

#[test]
fn reserved_and_protected_keys_cannot_be_written() {
    let w = world();
    assert_failed(
        &w.call(1, "store", &[b"ELRONDtoken", b"x"]),
        ReturnCode::ExecutionFailed,
        "cannot write to storage under reserved key",
    );
    assert_failed(
        &w.call(1, "store", &[b"ELRONDVM@TIMELOCKk", b"x"]),
        ReturnCode::ExecutionFailed,
        "cannot write to protected key",
    );
}

#[test]
fn queries_cannot_write() {
    let w = world();
    let input = call_input(sc(1), "store", &[b"k", b"v"]);
    let out = w.vm.run_query(&input, &w.chain).unwrap();
    assert_failed(
        &out,
        ReturnCode::ExecutionFailed,
        "cannot write on read only mode",
    );
    let input = call_input(sc(1), "load", &[b"k"]);
    assert_ok(&w.vm.run_query(&input, &w.chain).unwrap());
}

#[test]
fn other_accounts_storage_reads_only_where_readable() {
    let mut w = world();
    w.chain = w
        .chain
        .with_contract(sc(2), vec![0], metadata(), owner())
        .with_contract(sc(3), vec![0], CodeMetadata([0x01, 0x00]), owner());
    for address in [sc(2), sc(3), user(2)] {
        w.chain.set_storage(address, b"shared", b"data");
    }
    let read = |address: blockchain_hooks::Address| {
        w.call(1, "loadFrom", &[address.as_bytes(), b"shared"])
            .return_data
    };
    assert_eq!(read(sc(2)), vec![b"data".to_vec()]);
    assert_eq!(read(sc(3)), vec![Vec::<u8>::new()], "not readable");
    assert_eq!(
        read(user(2)),
        vec![b"data".to_vec()],
        "users' storage is readable"
    );
    assert_eq!(read(sc(9)), vec![Vec::<u8>::new()], "missing account");
    let out = w.call(1, "managedLoadFrom", &[sc(2).as_bytes(), b"shared"]);
    assert_eq!(out.return_data, vec![b"data".to_vec()]);
}

#[test]
fn typed_small_ints_round_trip() {
    let w = world();
    let out = w.call(1, "int64", &[b"n"]);
    assert_ok(&out);
    // 258 stored unsigned (added), read back; -2 stored signed (modified), read back.
    assert_eq!(
        out.return_data,
        vec![vec![2], vec![1, 2], vec![1], vec![0xfe]]
    );
    let mut w = world();
    w.chain.set_storage(sc(1), b"n", &[1; 9]);
    assert_failed(
        &w.call(1, "int64Load", &[b"n"]),
        ReturnCode::ExecutionFailed,
        "storage value out of range",
    );
}

#[test]
fn storage_locks_compare_with_the_block_timestamp() {
    let mut w = world();
    w.chain.current_block.timestamp = 1500;
    let out = w.call(1, "lock", &[b"vault"]);
    assert_ok(&out);
    assert_eq!(
        out.return_data,
        vec![vec![2], be(2000), vec![1], vec![3], Vec::new()]
    );
    let updates = &out.output_accounts[&sc(1)].storage_updates;
    assert_eq!(
        updates.get(b"ELRONDVM@TIMELOCKvault".as_slice()),
        Some(&Vec::new())
    );
}

#[test]
fn big_int_and_buffer_variants() {
    let w = world();
    let out = w.call(1, "big", &[b"total", &[1, 0, 0]]);
    assert_ok(&out);
    assert_eq!(out.return_data, vec![vec![2], vec![3], vec![1, 0, 0]]);
    let out = w.call(1, "buffer", &[b"name", b"strata"]);
    assert_ok(&out);
    assert_eq!(out.return_data, vec![b"strata".to_vec()]);
    let updates = &out.output_accounts[&sc(1)].storage_updates;
    assert_eq!(updates.get(b"name".as_slice()), Some(&b"strata".to_vec()));
}

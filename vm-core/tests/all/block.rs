//! Current and previous block information.

use blockchain_hooks::BlockInfo;

use crate::harness::*;

const BLOCK: &str = r#"
(module
  (import "env" "finish" (func $finish (param i32 i32)))
  (import "env" "int64finish" (func $i64_finish (param i64)))
  (import "env" "getBlockTimestamp" (func $ts (result i64)))
  (import "env" "getBlockTimestampMs" (func $ts_ms (result i64)))
  (import "env" "getBlockNonce" (func $nonce (result i64)))
  (import "env" "getBlockRound" (func $round (result i64)))
  (import "env" "getBlockEpoch" (func $epoch (result i64)))
  (import "env" "getBlockRandomSeed" (func $seed (param i32)))
  (import "env" "getPrevBlockTimestamp" (func $p_ts (result i64)))
  (import "env" "getPrevBlockTimestampMs" (func $p_ts_ms (result i64)))
  (import "env" "getPrevBlockNonce" (func $p_nonce (result i64)))
  (import "env" "getPrevBlockRound" (func $p_round (result i64)))
  (import "env" "getPrevBlockEpoch" (func $p_epoch (result i64)))
  (import "env" "getPrevBlockRandomSeed" (func $p_seed (param i32)))
  (import "env" "getStateRootHash" (func $root (param i32)))
  (import "env" "getBlockHash" (func $hash (param i64 i32) (result i32)))
  (import "env" "managedGetBlockRandomSeed" (func $m_seed (param i32)))
  (import "env" "managedGetPrevBlockRandomSeed" (func $m_p_seed (param i32)))
  (import "env" "managedGetStateRootHash" (func $m_root (param i32)))
  (import "env" "mBufferFinish" (func $mb_finish (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "current")
    (call $i64_finish (call $ts)) (call $i64_finish (call $ts_ms))
    (call $i64_finish (call $nonce)) (call $i64_finish (call $round))
    (call $i64_finish (call $epoch))
    (call $seed (i32.const 0)) (call $finish (i32.const 0) (i32.const 48)))
  (func (export "previous")
    (call $i64_finish (call $p_ts)) (call $i64_finish (call $p_ts_ms))
    (call $i64_finish (call $p_nonce)) (call $i64_finish (call $p_round))
    (call $i64_finish (call $p_epoch))
    (call $p_seed (i32.const 0)) (call $finish (i32.const 0) (i32.const 48)))
  (func (export "hashes")
    (call $root (i32.const 0)) (call $finish (i32.const 0) (i32.const 32))
    (call $i64_finish (i64.extend_i32_s (call $hash (i64.const 41) (i32.const 100))))
    (call $finish (i32.const 100) (i32.const 32)))
  (func (export "managed")
    (call $m_seed (i32.const 1)) (drop (call $mb_finish (i32.const 1)))
    (call $m_p_seed (i32.const 1)) (drop (call $mb_finish (i32.const 1)))
    (call $m_root (i32.const 1)) (drop (call $mb_finish (i32.const 1)))))
"#;

fn block(n: u64) -> BlockInfo {
    BlockInfo {
        nonce: n,
        round: n + 1,
        epoch: n as u32 + 2,
        timestamp: n + 3,
        timestamp_ms: (n + 3) * 1000,
        random_seed: vec![n as u8; 48],
    }
}

fn world() -> World {
    let mut w = World::free().contract(1, BLOCK);
    w.chain.current_block = block(10);
    w.chain.previous_block = block(9);
    w.chain.state_root_hash = vec![0x5a; 32];
    w.chain.block_hashes.insert(41, vec![0x41; 32]);
    w
}

#[test]
fn current_and_previous_blocks() {
    let w = world();
    let out = w.call(1, "current", &[]);
    assert_ok(&out);
    assert_eq!(
        out.return_data,
        vec![be(13), be(13_000), be(10), be(11), be(12), vec![10; 48]]
    );
    let c = &w.schedule.base_ops_api_cost;
    let hooks = 2 * c.get_block_time_stamp
        + c.get_block_nonce
        + c.get_block_round
        + c.get_block_epoch
        + c.get_block_random_seed
        + 5 * c.int64_finish
        + c.finish
        + 48 * w.schedule.base_operation_cost.persist_per_byte;
    assert_eq!(used(&out), w.call_cost(sc(1)) + hooks);
    let out = w.call(1, "previous", &[]);
    assert_eq!(
        out.return_data,
        vec![be(12), be(12_000), be(9), be(10), be(11), vec![9; 48]]
    );
}

#[test]
fn hashes_and_managed_seeds() {
    let w = world();
    let out = w.call(1, "hashes", &[]);
    assert_ok(&out);
    assert_eq!(
        out.return_data,
        vec![vec![0x5a; 32], Vec::new(), vec![0x41; 32]]
    );
    let out = w.call(1, "managed", &[]);
    assert_eq!(
        out.return_data,
        vec![vec![10; 48], vec![9; 48], vec![0x5a; 32]]
    );
}

#[test]
fn random_seeds_are_the_chains_bytes_as_they_are() {
    let mut w = world();
    w.chain.current_block.random_seed = vec![7, 7];
    let out = w.call(1, "managed", &[]);
    assert_eq!(out.return_data[0], vec![7, 7]);
    w.chain.current_block.random_seed = Vec::new();
    let out = w.call(1, "managed", &[]);
    assert_eq!(out.return_data[0], Vec::<u8>::new());
}

const EPOCH: &str = r#"
(module
  (import "env" "int64finish" (func $i64_finish (param i64)))
  (import "env" "getBlockRoundTimeMs" (func $round_time (result i64)))
  (import "env" "epochStartBlockTimestampMs" (func $start_ts_ms (result i64)))
  (import "env" "epochStartBlockNonce" (func $start_nonce (result i64)))
  (import "env" "epochStartBlockRound" (func $start_round (result i64)))
  (memory (export "memory") 1)
  (func (export "epoch")
    (call $i64_finish (call $round_time)) (call $i64_finish (call $start_ts_ms))
    (call $i64_finish (call $start_nonce)) (call $i64_finish (call $start_round))))
"#;

#[test]
fn round_time_and_epoch_start_block() {
    let mut w = World::free().contract(1, EPOCH);
    w.chain.round_time_ms = 6_000;
    w.chain.epoch_start_block = block(7);
    let out = w.call(1, "epoch", &[]);
    assert_ok(&out);
    assert_eq!(out.return_data, vec![be(6_000), be(10_000), be(7), be(8)]);
    let c = &w.schedule.base_ops_api_cost;
    let hooks = c.get_round_time
        + c.epoch_start_block_time_stamp
        + c.epoch_start_block_nonce
        + c.epoch_start_block_round
        + 4 * c.int64_finish;
    assert_eq!(used(&out), w.call_cost(sc(1)) + hooks);
}

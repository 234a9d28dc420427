//! Events.

use blockchain_hooks::{LogEntry, ReturnCode};

use crate::harness::*;

const LOGS: &str = r#"
(module
  (import "env" "writeLog" (func $write_log (param i32 i32 i32 i32)))
  (import "env" "writeEventLog" (func $event (param i32 i32 i32 i32 i32)))
  (import "env" "managedWriteLog" (func $m_log (param i32 i32)))
  (import "env" "mBufferGetArgument" (func $mb_arg (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "data!")
  (data (i32.const 100) "\03\00\00\00\02\00\00\00")
  (data (i32.const 200) "onetw")
  (data (i32.const 300) "\00\00\00\05\00\00\00\06")
  (func (export "legacy")
    (call $write_log (i32.const 0) (i32.const 5) (i32.const 1000) (i32.const 2)))
  (func (export "event")
    (call $event (i32.const 2) (i32.const 100) (i32.const 200) (i32.const 0) (i32.const 5)))
  (func (export "managed")
    (drop (call $mb_arg (i32.const 0) (i32.const 5)))
    (drop (call $mb_arg (i32.const 1) (i32.const 6)))
    (drop (call $mb_arg (i32.const 2) (i32.const 7)))
    (drop (call $mb_arg (i32.const 3) (i32.const 8)))
    (call $m_log (i32.const 8) (i32.const 7)))
  (func (export "negative")
    (call $write_log (i32.const 0) (i32.const -1) (i32.const 0) (i32.const 0))))
"#;

fn world() -> World {
    World::free().contract(1, LOGS)
}

fn log(identifier: &str, topics: Vec<Vec<u8>>, data: &[u8]) -> LogEntry {
    LogEntry {
        address: sc(1),
        identifier: identifier.as_bytes().to_vec(),
        topics,
        data: vec![data.to_vec()],
    }
}

#[test]
fn write_log_takes_32_byte_topics() {
    let w = world();
    let out = w.call(1, "legacy", &[]);
    assert_ok(&out);
    assert_eq!(
        out.logs,
        vec![log("legacy", vec![vec![0; 32]; 2], b"data!")]
    );
    let c = &w.schedule;
    let gas = c.base_ops_api_cost.log + c.base_operation_cost.persist_per_byte * (2 * 32 + 5);
    assert_eq!(used(&out), w.call_cost(sc(1)) + gas);
    assert_failed(
        &w.call(1, "negative", &[]),
        ReturnCode::ExecutionFailed,
        "negative length",
    );
}

#[test]
fn write_event_log_takes_an_argument_list() {
    let w = world();
    let out = w.call(1, "event", &[]);
    assert_ok(&out);
    assert_eq!(
        out.logs,
        vec![log(
            "event",
            vec![b"one".to_vec(), b"tw".to_vec()],
            b"data!"
        )]
    );
    let c = &w.schedule;
    let copy = c.base_operation_cost.data_copy_per_byte;
    // Argument list: 2 lengths, then the 5 bytes beyond them; then Log + 5 data bytes.
    let gas = copy * 2 + copy * 3 + c.base_ops_api_cost.log + copy * 5;
    assert_eq!(used(&out), w.call_cost(sc(1)) + gas);
}

#[test]
fn managed_write_log_takes_a_vector_of_buffers() {
    let w = world();
    let topics_vec = [0, 0, 0, 5, 0, 0, 0, 6];
    let out = w.call(1, "managed", &[b"topic-a", b"b", b"payload", &topics_vec]);
    assert_ok(&out);
    assert_eq!(
        out.logs,
        vec![log(
            "managed",
            vec![b"topic-a".to_vec(), b"b".to_vec()],
            b"payload"
        )]
    );
    let c = &w.schedule;
    let copy = c.base_operation_cost.data_copy_per_byte;
    let args = 4 * c.managed_buffer_api_cost.m_buffer_get_argument;
    let gas = args + copy * (8 + 7 + 1) + copy * 7 + c.base_ops_api_cost.log + copy * (8 + 7);
    assert_eq!(used(&out), w.call_cost(sc(1)) + gas);
}

#[test]
fn queries_drop_events() {
    let w = world();
    let out =
        w.vm.run_query(&call_input(sc(1), "legacy", &[]), &w.chain)
            .unwrap();
    assert_ok(&out);
    assert!(out.logs.is_empty());
}

//! Soak (ignored in the normal run: `cargo test -p strata-vm-core --test all soak --
//! --ignored --nocapture`): 100,000 transactions over three contracts on the mock chain,
//! outputs applied, resident memory measured after a warm-up and at the end.

use blockchain_hooks::GasSchedule;

use crate::harness::*;

const COUNTER: &str = r#"
(module
  (import "env" "mBufferGetArgument" (func $arg (param i32 i32) (result i32)))
  (import "env" "mBufferStorageStore" (func $store (param i32 i32) (result i32)))
  (import "env" "mBufferStorageLoad" (func $load (param i32 i32) (result i32)))
  (import "env" "mBufferAppend" (func $append (param i32 i32) (result i32)))
  (import "env" "mBufferFinish" (func $finish (param i32) (result i32)))
  (import "env" "managedWriteLog" (func $log (param i32 i32)))
  (import "env" "mBufferNew" (func $new (result i32)))
  (memory (export "memory") 1)
  (func (export "run")
    (drop (call $arg (i32.const 0) (i32.const 1)))
    (drop (call $arg (i32.const 1) (i32.const 2)))
    (drop (call $load (i32.const 1) (i32.const 3)))
    (drop (call $append (i32.const 2) (i32.const 3)))
    (drop (call $store (i32.const 1) (i32.const 2)))
    (call $log (call $new) (i32.const 2))
    (drop (call $finish (i32.const 2))))
  (func (export "fail") unreachable))
"#;

fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

#[test]
#[ignore = "soak: minutes; run by hand"]
fn soak_100_000_transactions() {
    let mut w = World::new(GasSchedule::v4())
        .contract(1, COUNTER)
        .contract(2, COUNTER)
        .contract(3, COUNTER);
    let total: u32 = std::env::var("SOAK_TXS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let mut start = 0;
    let started = std::time::Instant::now();
    for i in 0..total {
        if i == 1_000 {
            start = rss_kib();
        }
        let n = (i % 3) as u8 + 1;
        // A bounded key space, so the chain state stays bounded too.
        let key = format!("k{}", i % 64);
        let function = if i % 10 == 9 { "fail" } else { "run" };
        let mut input = call_input(sc(n), function, &[key.as_bytes(), b"x"]);
        input.vm_input.gas_provided = 5_000_000;
        let out = w.run(&input);
        if function == "run" {
            assert_ok(&out);
            w.commit(&out);
        }
    }
    let end = rss_kib();
    eprintln!(
        "soak: {total} transactions in {:?}; RSS after 1,000: {start} KiB, at the end: {end} KiB",
        started.elapsed()
    );
}

//! Hostile contracts: each is stopped with the production VM's return code and message, with
//! no abort, bounded host memory and no state change (a failure carries no account, log or
//! return data: [`assert_failed`]). Gas limits are kept small unless a bound independent of
//! gas is under test, so the whole module runs in seconds.

use blockchain_hooks::{ContractCallInput, ReturnCode, VmOutput};
use vm_handler::VmHandler;

use crate::harness::*;

/// A gas limit far above the protocol's per-transaction maximum, as an attacker with a
/// patched node would give.
const HUGE_GAS: u64 = 10_000_000_000_000;

fn call_with_gas(w: &World, function: &str, gas: u64) -> VmOutput {
    let mut input: ContractCallInput = call_input(sc(1), function, &[]);
    input.vm_input.gas_provided = gas;
    w.run(&input)
}

fn failed(w: &World, function: &str, gas: u64, code: ReturnCode, message: &str) {
    let out = call_with_gas(w, function, gas);
    assert_failed(&out, code, message);
}

const EXEC_FAILED: ReturnCode = ReturnCode::ExecutionFailed;

/// The peak resident memory of this process so far, in KiB (Linux), for the report.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

const BOMBS: &str = r#"
(module
  (import "env" "writeLog" (func $write_log (param i32 i32 i32 i32)))
  (import "env" "mBufferSetRandom" (func $random (param i32 i32) (result i32)))
  (import "env" "mBufferSetBytes" (func $set_bytes (param i32 i32 i32) (result i32)))
  (import "env" "mBufferAppend" (func $append (param i32 i32) (result i32)))
  (import "env" "mBufferNew" (func $new (result i32)))
  (import "env" "bigIntNew" (func $bi_new (param i64) (result i32)))
  (import "env" "bigIntShl" (func $shl (param i32 i32 i32)))
  (import "env" "bigIntTDiv" (func $tdiv (param i32 i32 i32)))
  (import "env" "bigIntMul" (func $mul (param i32 i32 i32)))
  (import "env" "storageStore" (func $store (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "x")
  (func (export "write_log_many_topics")
    (call $write_log (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 0x7fffffff)))
  (func (export "random_too_large")
    (drop (call $random (i32.const 1) (i32.const 0x04000001))))
  (func (export "random_at_limit")
    (drop (call $random (i32.const 1) (i32.const 1024))))
  ;; Doubles one buffer to 64 MiB, then copies it under new handles until stopped.
  (func (export "many_huge_buffers") (local $i i32) (local $h i32)
    (drop (call $set_bytes (i32.const 1) (i32.const 0) (i32.const 1)))
    (loop $double
      (drop (call $append (i32.const 1) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $double (i32.lt_u (local.get $i) (i32.const 26))))
    (loop $copy
      (local.set $h (call $new))
      (drop (call $append (local.get $h) (i32.const 1)))
      (br $copy)))
  ;; Big integers of 1 MiB each, forever.
  (func (export "many_big_ints") (local $one i32) (local $h i32)
    (local.set $one (call $bi_new (i64.const 1)))
    (loop $more
      (local.set $h (call $bi_new (i64.const 0)))
      (call $shl (local.get $h) (local.get $one) (i32.const 8388600))
      (br $more)))
  ;; 8 MiB divided by 4 MiB: minutes of long division without a bound.
  (func (export "huge_division") (local $one i32) (local $a i32) (local $b i32)
    (local.set $one (call $bi_new (i64.const 1)))
    (local.set $a (call $bi_new (i64.const 0)))
    (local.set $b (call $bi_new (i64.const 0)))
    (call $shl (local.get $a) (local.get $one) (i32.const 67108000))
    (call $shl (local.get $b) (local.get $one) (i32.const 33554000))
    (call $tdiv (local.get $a) (local.get $a) (local.get $b)))
  (func (export "huge_product") (local $one i32) (local $a i32)
    (local.set $one (call $bi_new (i64.const 1)))
    (local.set $a (call $bi_new (i64.const 0)))
    (call $shl (local.get $a) (local.get $one) (i32.const 16777216))
    (call $mul (local.get $a) (local.get $a) (local.get $a)))
  (func (export "log_spam")
    (loop $more
      (call $write_log (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 0))
      (br $more)))
  (func (export "storage_spam") (local $i i32)
    (loop $more
      (i32.store (i32.const 100) (local.get $i))
      (drop (call $store (i32.const 100) (i32.const 4) (i32.const 0) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $more)))
  (func (export "infinite_loop") (loop $l (br $l)))
  (func $recurse (call $recurse))
  (func (export "infinite_recursion") (call $recurse))
  (func (export "grow_loop")
    (loop $l (drop (memory.grow (i32.const 1))) (br $l))))
"#;

fn bombs() -> World {
    World::free().contract(1, BOMBS)
}

#[test]
fn write_log_with_a_huge_topic_count_reads_before_allocating() {
    // Regression: `numTopics` slots were reserved before any topic was read (a 51 GB abort).
    failed(
        &bombs(),
        "write_log_many_topics",
        1_000 * HUGE_GAS,
        EXEC_FAILED,
        "mem load: bad bounds",
    );
}

#[test]
fn set_random_respects_the_buffer_size_limit() {
    let w = bombs();
    failed(
        &w,
        "random_too_large",
        HUGE_GAS,
        EXEC_FAILED,
        "managed buffer too large",
    );
    assert_ok(&call_with_gas(&w, "random_at_limit", GAS));
}

#[test]
fn managed_memory_is_bounded_per_transaction_whatever_the_gas() {
    failed(
        &bombs(),
        "many_huge_buffers",
        HUGE_GAS,
        EXEC_FAILED,
        strata_vm_core::MANAGED_MEMORY_EXCEEDED,
    );
    failed(
        &bombs(),
        "many_big_ints",
        HUGE_GAS,
        EXEC_FAILED,
        strata_vm_core::MANAGED_MEMORY_EXCEEDED,
    );
    if let Some(peak) = peak_rss_kib() {
        eprintln!("peak RSS after the memory bombs: {peak} KiB");
    }
}

#[test]
fn one_expensive_big_int_operation_cannot_overrun_the_time_limit() {
    let started = std::time::Instant::now();
    let w = bombs();
    failed(
        &w,
        "huge_division",
        HUGE_GAS,
        EXEC_FAILED,
        "big int too large",
    );
    failed(
        &w,
        "huge_product",
        HUGE_GAS,
        EXEC_FAILED,
        "big int too large",
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

#[test]
fn spam_and_loops_run_out_of_gas_with_nothing_kept() {
    let w = World::new(blockchain_hooks::GasSchedule::v4()).contract(1, BOMBS);
    for function in ["log_spam", "storage_spam", "infinite_loop"] {
        failed(
            &w,
            function,
            2_000_000,
            ReturnCode::OutOfGas,
            "not enough gas",
        );
    }
    // Past `MaxMemoryGrow` executions of `memory.grow`, the production VM's breakpoint.
    failed(&w, "grow_loop", 2_000_000, EXEC_FAILED, "execution failed");
}

#[test]
fn infinite_recursion_is_a_contract_failure() {
    let out = call_with_gas(&bombs(), "infinite_recursion", HUGE_GAS);
    assert_failed(&out, EXEC_FAILED, "execution failed");
}

/// Deploys `code` and calls it installed, expecting both refused as invalid code.
fn assert_invalid_code(code: Vec<u8>, why: &str) {
    let w = World::free();
    let input = blockchain_hooks::ContractCreateInput {
        vm_input: vm_input(&[], HUGE_GAS),
        code: code.clone(),
        code_metadata: metadata(),
    };
    let out =
        w.vm.run_smart_contract_create(&input, &w.chain)
            .expect("no infrastructure failure");
    assert_eq!(
        (out.return_code, out.return_message.as_str()),
        (ReturnCode::ContractInvalid, "invalid contract code"),
        "{why}"
    );
    assert_failed(&out, ReturnCode::ContractInvalid, "invalid contract code");
    let mut w = World::free();
    w.chain = w.chain.with_contract(sc(1), code, metadata(), owner());
    let out = call_with_gas(&w, "run", HUGE_GAS);
    assert_eq!(
        (out.return_code, out.return_message.as_str()),
        (ReturnCode::ContractInvalid, "invalid contract code"),
        "{why}"
    );
    assert_failed(&out, ReturnCode::ContractInvalid, "invalid contract code");
}

fn wasm_text(body: &str) -> Vec<u8> {
    wasm(&format!("(module (memory (export \"memory\") 1) {body})"))
}

#[test]
fn segments_outside_memory_or_table_are_invalid_code() {
    // Regression: this failed at instantiation as an infrastructure error.
    assert_invalid_code(
        wasm(
            r#"(module (memory (export "memory") 1) (data (i32.const 70000) "hello")
            (func (export "init")) (func (export "run")))"#,
        ),
        "data segment past one page",
    );
    assert_invalid_code(
        wasm(
            r#"(module (memory (export "memory") 1) (table 1 funcref)
            (elem (i32.const 5) $f) (func $f) (func (export "init")) (func (export "run")))"#,
        ),
        "element segment past the table",
    );
    // At the 20-page edge: the last byte fits, one more does not.
    let edge = 20 * 65536 - 5;
    let fits = format!(
        r#"(module (memory (export "memory") 20) (data (i32.const {edge}) "hello")
            (func (export "init")) (func (export "run")))"#
    );
    let w = World::free().contract(1, &fits);
    assert_ok(&w.call(1, "run", &[]));
    let past = format!(
        r#"(module (memory (export "memory") 20) (data (i32.const {}) "hello")
            (func (export "init")) (func (export "run")))"#,
        edge + 1
    );
    assert_invalid_code(wasm(&past), "data segment past 20 pages");
}

#[test]
fn pathological_modules_are_refused_before_compiling() {
    let many_functions = "(func)".repeat(executor_wasmer::MAX_FUNCTIONS as usize + 1);
    assert_invalid_code(
        wasm_text(&format!(
            "{many_functions} (func (export \"init\")) (func (export \"run\"))"
        )),
        "functions",
    );
    let many_globals =
        "(global i32 (i32.const 0))".repeat(executor_wasmer::MAX_GLOBALS as usize + 1);
    assert_invalid_code(
        wasm_text(&format!(
            "{many_globals} (func (export \"init\")) (func (export \"run\"))"
        )),
        "globals",
    );
    let depth = executor_wasmer::MAX_NESTING_DEPTH as usize + 1;
    let nested = format!("{}{}", "(block ".repeat(depth), ")".repeat(depth));
    assert_invalid_code(
        wasm_text(&format!(
            "(func (export \"init\")) (func (export \"run\") {nested})"
        )),
        "nesting",
    );
    // The default target is not counted.
    let targets = "0 ".repeat(executor_wasmer::MAX_BR_TABLE_TARGETS as usize + 2);
    assert_invalid_code(
        wasm_text(&format!(
            "(func (export \"init\")) (func (export \"run\") (block (br_table {targets} (i32.const 0))))"
        )),
        "br_table",
    );
    let locals = "(local i64)".repeat(executor_wasmer::MAX_LOCALS_PER_FUNCTION as usize + 1);
    assert_invalid_code(
        wasm_text(&format!(
            "(func (export \"init\")) (func (export \"run\") {locals})"
        )),
        "locals",
    );
    let big_data = "\\00".repeat(executor_wasmer::MAX_CODE_BYTES);
    assert_invalid_code(
        wasm_text(&format!(
            "(data (i32.const 0) \"{big_data}\") (func (export \"init\")) (func (export \"run\"))"
        )),
        "code size",
    );
    // Just inside the limits, a module still compiles and runs.
    let functions = "(func)".repeat(1000);
    let w = World::free().contract(1, &format!(
        r#"(module (memory (export "memory") 1) {functions} (func (export "init")) (func (export "run")))"#
    ));
    assert_ok(&w.call(1, "run", &[]));
}

#[test]
fn forbidden_opcodes_of_every_class_are_invalid_code() {
    for body in [
        "(drop (f32.add (f32.const 1) (f32.const 2)))",
        "(drop (f64.const 1))",
        "(drop (i32.trunc_f32_s (f32.const 1)))",
        "(memory.fill (i32.const 0) (i32.const 0) (i32.const 1))",
        "(memory.copy (i32.const 0) (i32.const 0) (i32.const 1))",
        "(drop (v128.const i64x2 0 0))",
        "(drop (i32.atomic.load (i32.const 0)))",
        "(drop (i64.extend_i32_u (i32.wrap_i64 (i64.reinterpret_f64 (f64.const 0)))))",
    ] {
        let text = if body.contains("atomic") {
            format!(
                r#"(module (memory (export "memory") 1 1 shared) (func (export "init")) (func (export "run") {body}))"#
            )
        } else {
            format!(
                r#"(module (memory (export "memory") 1) (func (export "init")) (func (export "run") {body}))"#
            )
        };
        assert_invalid_code(wasm(&text), body);
    }
}

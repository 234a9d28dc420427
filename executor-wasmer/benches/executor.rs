//! Benchmarks of the Wasmer executor: compilation, instantiation, calls, hooks, metering.
//!
//! `cargo bench -p strata-executor-wasmer`; figures are recorded in the crate README.

use std::fmt::Write as _;
use std::hint::black_box;
use std::ptr::NonNull;
use std::sync::Arc;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use executor_api::{CodeHash, GasSchedule, InstanceOptions, Module};
use strata_executor_wasmer::testing::RecordingHooks;
use strata_executor_wasmer::{WasmerConfig, WasmerExecutor, WasmerModule};
use wasmer::sys::vm;

const HOOK_CALLS: u32 = 100;
/// Functions in the large contract: about 50 KB of code.
const LARGE_FUNCTIONS: usize = 310;

/// A contract of about 50 KB: `functions` functions mixing arithmetic, memory, branches,
/// loops, calls and hook calls, like compiled contract code.
fn large_contract(functions: usize) -> Vec<u8> {
    let mut wat = String::from(
        r#"(module
          (import "env" "getNumArguments" (func $num_args (result i32)))
          (import "env" "bigIntAdd" (func $big_add (param i32 i32 i32)))
          (import "env" "mBufferGetLength" (func $buf_len (param i32) (result i32)))
          (memory (export "memory") 17)
          (global $sp (mut i32) (i32.const 65536))
        "#,
    );
    for f in 0..functions {
        let callee = if f == 0 { 0 } else { f - 1 };
        let _ = write!(
            wat,
            r#"(func $f{f} (export "f{f}") (local $a i32) (local $b i64) (local $i i32)
                (local.set $a (call $num_args))
                (if (i32.gt_u (local.get $a) (i32.const {f}))
                  (then (call $big_add (local.get $a) (i32.const 1) (i32.const 2)))
                  (else (local.set $a (i32.add (local.get $a) (call $buf_len (i32.const {f}))))))
                (loop $l
                  (local.set $b (i64.add (local.get $b)
                    (i64.mul (i64.extend_i32_u (local.get $i)) (i64.const {f}))))
                  (i64.store (i32.add (global.get $sp) (i32.shl (local.get $i) (i32.const 3)))
                    (local.get $b))
                  (local.set $a (i32.xor (i32.rotl (local.get $a) (i32.const 5))
                    (i32.load (i32.and (local.get $i) (i32.const 1023)))))
                  (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                    (i32.const 16))))
                (block $out
                  (br_if $out (i32.eqz (local.get $a)))
                  (i32.store (i32.const {addr}) (i32.div_u (local.get $a) (i32.const 3))))
                (if (i32.eq (local.get $a) (i32.const -1)) (then (call $f{callee}))))
            "#,
            addr = (f % 1000) * 4,
        );
    }
    wat.push(')');
    wat::parse_str(&wat).expect("valid WAT")
}

const SMALL: &str = r#"
    (module
      (import "env" "getNumArguments" (func $num_args (result i32)))
      (memory (export "memory") 2)
      (func (export "empty"))
      (func (export "hooks") (local $i i32)
        (loop $l
          (drop (call $num_args))
          (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
            (i32.const 100))))))
"#;

/// Three loops of 1M iterations: a bare counter, a xorshift hash step per iteration, and a
/// body with an `if`/`else` and a forward `br_if` (five metering points per iteration).
const LOOPS: &str = r#"
    (module
      (memory (export "memory") 1)
      (func (export "count") (local $i i64)
        (loop $l
          (br_if $l (i64.lt_u (local.tee $i (i64.add (local.get $i) (i64.const 1)))
            (i64.const 1000000)))))
      (func (export "hash") (local $i i64) (local $x i64)
        (local.set $x (i64.const 88172645463325252))
        (loop $l
          (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 13))))
          (local.set $x (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 7))))
          (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 17))))
          (i64.store (i32.const 0) (local.get $x))
          (br_if $l (i64.lt_u (local.tee $i (i64.add (local.get $i) (i64.const 1)))
            (i64.const 1000000)))))
      (func (export "branchy") (local $i i64) (local $x i64) (local $n i64)
        (loop $l
          (if (i64.eqz (i64.and (local.get $i) (i64.const 1)))
            (then (local.set $x (i64.add (local.get $x) (local.get $i))))
            (else (local.set $x (i64.sub (local.get $x) (i64.const 3)))))
          (block $skip
            (br_if $skip (i64.gt_u (local.get $x) (i64.const 1000)))
            (local.set $n (i64.add (local.get $n) (i64.const 1))))
          (br_if $l (i64.lt_u (local.tee $i (i64.add (local.get $i) (i64.const 1)))
            (i64.const 1000000))))
        (i64.store (i32.const 0) (local.get $n))))
"#;

fn executor() -> WasmerExecutor {
    WasmerExecutor::new(WasmerConfig::new(GasSchedule::v4().wasm_opcode_cost)).expect("executor")
}

fn compile(wat: &str) -> Arc<WasmerModule> {
    let code = wat::parse_str(wat).expect("valid WAT");
    executor()
        .compile_wasmer(CodeHash([1; 32]), &code)
        .expect("compiles")
}

fn options() -> InstanceOptions {
    InstanceOptions {
        gas_limit: u64::MAX / 2,
        time_limit: Some(Duration::from_secs(10)),
    }
}

fn bench_compile(c: &mut Criterion) {
    let code = large_contract(LARGE_FUNCTIONS);
    let mut group = c.benchmark_group("compile");
    group.sample_size(20);
    group.bench_function(format!("contract_{}_bytes", code.len()), |b| {
        b.iter_batched(
            executor,
            |executor| executor.compile_wasmer(CodeHash([2; 32]), black_box(&code)),
            BatchSize::PerIteration,
        );
    });
    group.bench_function("validate_only", |b| {
        let limits = strata_executor_wasmer::Limits::default();
        b.iter(|| strata_executor_wasmer::validate(black_box(&code), &limits));
    });
    group.finish();
}

fn bench_instantiate_and_call(c: &mut Criterion) {
    let module = compile(SMALL);
    let large = executor()
        .compile_wasmer(CodeHash([3; 32]), &large_contract(LARGE_FUNCTIONS))
        .expect("compiles");
    let mut hooks = RecordingHooks::new().without_recording();
    let mut group = c.benchmark_group("instance");
    group.bench_function("instantiate_from_cache", |b| {
        b.iter(|| module.instantiate(&options()));
    });
    group.bench_function("instantiate_from_cache_50kb", |b| {
        b.iter(|| large.instantiate(&options()));
    });
    group.bench_function("instantiate_and_empty_call", |b| {
        b.iter(|| {
            let mut instance = module.instantiate(&options()).expect("instance");
            instance.call("empty", &mut hooks)
        });
    });
    let mut instance = module.instantiate(&options()).expect("instance");
    group.bench_function("empty_call", |b| {
        b.iter(|| instance.call("empty", &mut hooks));
    });
    let mut no_deadline = module
        .instantiate(&InstanceOptions::with_gas_limit(u64::MAX / 2))
        .expect("instance");
    group.bench_function("empty_call_without_time_limit", |b| {
        b.iter(|| no_deadline.call("empty", &mut hooks));
    });
    group.bench_function(format!("call_with_{HOOK_CALLS}_hook_calls"), |b| {
        b.iter(|| instance.call("hooks", &mut hooks));
    });
    group.finish();
}

/// Wasmer's tunables with the executor's memory layout (dynamic, bounds-checked), to
/// separate the cost of metering from the cost of bounds checks.
struct DynamicMemory;

impl wasmer::sys::Tunables for DynamicMemory {
    fn memory_style(&self, _: &wasmer::MemoryType) -> vm::MemoryStyle {
        vm::MemoryStyle::Dynamic {
            offset_guard_size: 0,
        }
    }
    fn table_style(&self, _: &wasmer::TableType) -> vm::TableStyle {
        vm::TableStyle::CallerChecksSignature
    }
    fn create_host_memory(
        &self,
        ty: &wasmer::MemoryType,
        style: &vm::MemoryStyle,
    ) -> Result<vm::VMMemory, vm::MemoryError> {
        vm::VMMemory::new(ty, style)
    }
    unsafe fn create_vm_memory(
        &self,
        ty: &wasmer::MemoryType,
        style: &vm::MemoryStyle,
        location: NonNull<vm::VMMemoryDefinition>,
    ) -> Result<vm::VMMemory, vm::MemoryError> {
        // SAFETY: forwarded from the caller.
        unsafe { vm::VMMemory::from_definition(ty, style, location) }
    }
    fn create_host_table(
        &self,
        ty: &wasmer::TableType,
        style: &vm::TableStyle,
    ) -> Result<vm::VMTable, String> {
        vm::VMTable::new(ty, style)
    }
    unsafe fn create_vm_table(
        &self,
        ty: &wasmer::TableType,
        style: &vm::TableStyle,
        location: NonNull<vm::VMTableDefinition>,
    ) -> Result<vm::VMTable, String> {
        // SAFETY: forwarded from the caller.
        unsafe { vm::VMTable::from_definition(ty, style, location) }
    }
}

/// The loops compiled by plain singlepass, without metering: with Wasmer's default static
/// memory, or with the executor's dynamic memory.
fn unmetered(name: &str, dynamic_memory: bool) -> impl FnMut() {
    let mut engine = wasmer::sys::EngineBuilder::new(wasmer::sys::Singlepass::new()).engine();
    if dynamic_memory {
        engine.set_tunables(DynamicMemory);
    }
    let mut store = wasmer::Store::new(engine);
    let code = wat::parse_str(LOOPS).expect("valid WAT");
    let module = wasmer::Module::new(&store, code).expect("compiles");
    let instance =
        wasmer::Instance::new(&mut store, &module, &wasmer::Imports::new()).expect("instance");
    let function = instance
        .exports
        .get_typed_function::<(), ()>(&store, name)
        .expect("function");
    move || function.call(&mut store).expect("runs")
}

fn bench_metering(c: &mut Criterion) {
    let module = compile(LOOPS);
    let mut hooks = RecordingHooks::new().without_recording();
    let mut group = c.benchmark_group("tight_loop_1M");
    group.sample_size(20);
    for name in ["count", "hash", "branchy"] {
        let mut instance = module.instantiate(&options()).expect("instance");
        group.bench_function(format!("{name}/metered"), |b| {
            b.iter(|| instance.call(name, &mut hooks));
        });
        let mut run = unmetered(name, true);
        group.bench_function(format!("{name}/unmetered"), |b| b.iter(&mut run));
        let mut run = unmetered(name, false);
        group.bench_function(format!("{name}/unmetered_static_memory"), |b| {
            b.iter(&mut run);
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    bench_compile,
    bench_instantiate_and_call,
    bench_metering
);
criterion_main!(benches);

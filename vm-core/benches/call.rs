//! A call of a trivial endpoint (one argument in, one result out) on a cached module: the
//! whole path from `VmHandler::run_smart_contract_call` to the output.

use std::hint::black_box;
use std::sync::Arc;

use blockchain_hooks::{Address, CodeMetadata, ContractCallInput, GasSchedule, VmInput};
use criterion::{Criterion, criterion_group, criterion_main};
use executor_wasmer::{WasmerConfig, WasmerExecutor};
use strata_vm_core::testing::MockChain;
use strata_vm_core::{VmConfig, VmHost};
use vm_handler::VmHandler;

const ECHO: &str = r#"
(module
  (import "env" "getArgument" (func $arg (param i32 i32) (result i32)))
  (import "env" "finish" (func $finish (param i32 i32)))
  (memory (export "memory") 1)
  (func (export "echo")
    (call $finish (i32.const 0) (call $arg (i32.const 0) (i32.const 0)))))
"#;

/// A contract shaped like compiled Rust: `pages` pages, and a call that writes to 8 of its
/// 4 KiB pages (the top of the stack, the data after it) before finishing.
fn touching(pages: u32) -> String {
    let top = pages * 65_536 / 2;
    format!(
        r#"
(module
  (import "env" "finish" (func $finish (param i32 i32)))
  (memory (export "memory") {pages})
  (func (export "touch") (local $at i32)
    (local.set $at (i32.const {top}))
    (loop $pages
      (local.set $at (i32.sub (local.get $at) (i32.const 4096)))
      (i64.store (local.get $at) (i64.const 7))
      (br_if $pages (i32.gt_u (local.get $at) (i32.const {low}))))
    (call $finish (local.get $at) (i32.const 8))))
"#,
        low = top - 8 * 4096,
    )
}

fn bench_call(c: &mut Criterion) {
    let no_time_limit = VmConfig {
        time_limit: None,
        ..VmConfig::default()
    };
    bench_with(c, "call echo (cached module)", VmConfig::default());
    bench_with(
        c,
        "call echo (cached module, no time limit)",
        no_time_limit.clone(),
    );
    for pages in [2, 17] {
        let name = format!("call touching 8 pages of {pages} (cached module)");
        bench_contract(c, &name, &touching(pages), "touch", VmConfig::default());
    }
}

fn bench_with(c: &mut Criterion, name: &str, config: VmConfig) {
    bench_contract(c, name, ECHO, "echo", config);
}

fn bench_contract(c: &mut Criterion, name: &str, wat: &str, function: &str, config: VmConfig) {
    let schedule = GasSchedule::v4();
    let executor = WasmerExecutor::new(WasmerConfig::new(schedule.wasm_opcode_cost.clone()))
        .expect("executor");
    let vm = VmHost::new(Arc::new(executor), schedule, config);
    let mut contract = [0u8; 32];
    contract[8] = 5;
    let contract = Address(contract);
    let caller = Address([1; 32]);
    let code = wat::parse_str(wat).expect("valid WAT");
    let chain = MockChain::new().with_user(caller, 0, 1).with_contract(
        contract,
        code,
        CodeMetadata([5, 6]),
        caller,
    );
    let input = ContractCallInput {
        vm_input: VmInput {
            caller,
            arguments: vec![b"hello".to_vec()],
            gas_provided: 10_000_000,
            ..VmInput::default()
        },
        recipient: contract,
        function: function.into(),
        allow_init: false,
    };
    let warm = vm.run_smart_contract_call(&input, &chain).expect("runs");
    assert!(warm.return_code.is_ok(), "{}", warm.return_message);
    c.bench_function(name, |b| {
        b.iter(|| vm.run_smart_contract_call(black_box(&input), &chain))
    });
}

criterion_group!(benches, bench_call);
criterion_main!(benches);

//! Validation: every rule of the production VM refuses code with `InvalidContract` and a
//! message naming the rule.

use executor_api::{ExecutorError, HOOKS, Module, WasmType};
use strata_executor_wasmer::{Limits, validate};

use crate::support::{compile, executor_with, invalid, v4};

/// A module with one memory and `body` as the body of the exported function `run`.
fn with_body(body: &str) -> String {
    format!(r#"(module (memory (export "memory") 1) (func (export "run") {body}))"#)
}

#[test]
fn a_minimal_contract_is_valid() {
    let wat = with_body("");
    assert!(compile(&executor_with(v4()), &wat).is_ok());
    let code = wat::parse_str(&wat).unwrap();
    assert_eq!(validate(&code, &Limits::default()), Ok(()));
}

#[test]
fn a_contract_shaped_like_multiversx_output_is_valid() {
    let wat = r#"
        (module
          (type $t0 (func (param i32 i32)))
          (type $t1 (func))
          (import "env" "signalError" (func $signal_error (type $t0)))
          (import "env" "getNumArguments" (func $num_args (result i32)))
          (import "env" "bigIntGetUnsignedArgument" (func $arg (param i32 i32)))
          (import "env" "mBufferFinish" (func $finish (param i32) (result i32)))
          (table $T0 2 2 funcref)
          (memory $M0 17)
          (global $sp (mut i32) (i32.const 1048576))
          (global $data_end i32 (i32.const 1048600))
          (global $heap_base i32 (i32.const 1048608))
          (export "memory" (memory $M0))
          (export "init" (func $init))
          (export "getSum" (func $get_sum))
          (export "callBack" (func $init))
          (export "__data_end" (global $data_end))
          (export "__heap_base" (global $heap_base))
          (elem (i32.const 1) func $init)
          (func $init
            (if (call $num_args) (then (call $signal_error (i32.const 1048576) (i32.const 13)))))
          (func $get_sum
            (drop (call $finish (i32.const 0)))
            (call_indirect (type $t1) (i32.const 1)))
          (data (i32.const 1048576) "wrong args..."))
    "#;
    let module = compile(&executor_with(v4()), wat).expect("valid");
    assert_eq!(module.exported_functions(), ["callBack", "getSum", "init"]);
    assert_eq!(
        module.imported_hooks(),
        [
            "bigIntGetUnsignedArgument",
            "getNumArguments",
            "mBufferFinish",
            "signalError"
        ]
    );
}

#[test]
fn malformed_code_is_invalid() {
    let executor = executor_with(v4());
    let err = executor.compile_wasmer(executor_api::CodeHash([0; 32]), b"\0asm\x01\0\0\0garbage");
    assert!(matches!(err, Err(ExecutorError::InvalidContract(m)) if m.contains("malformed")));
    let err = executor.compile_wasmer(executor_api::CodeHash([1; 32]), b"not wasm at all");
    assert!(matches!(err, Err(ExecutorError::InvalidContract(_))));
}

#[test]
fn float_operators_are_refused() {
    let message = invalid(&with_body("(drop (f32.add (f32.const 1) (f32.const 2)))"));
    assert_eq!(message, "function 0: operator F32Const is not allowed");
    let message = invalid(&with_body("(local f64) (drop (f64.sqrt (local.get 0)))"));
    assert_eq!(message, "function 0: operator F64Sqrt is not allowed");
    let message = invalid(&with_body("(drop (i32.trunc_sat_f32_s (f32.const 1)))"));
    assert!(message.contains("is not allowed"), "{message}");
}

#[test]
fn simd_bulk_memory_and_atomic_operators_are_refused() {
    let message = invalid(&with_body("(drop (i32x4.splat (i32.const 1)))"));
    assert_eq!(message, "function 0: operator I32x4Splat is not allowed");
    let message = invalid(&with_body(
        "(memory.copy (i32.const 0) (i32.const 8) (i32.const 8))",
    ));
    assert_eq!(message, "function 0: operator MemoryCopy is not allowed");
    let message = invalid(&with_body(
        "(memory.fill (i32.const 0) (i32.const 0) (i32.const 8))",
    ));
    assert_eq!(message, "function 0: operator MemoryFill is not allowed");
    let message = invalid(&with_body("(drop (i32.atomic.load (i32.const 0)))"));
    assert_eq!(message, "function 0: operator I32AtomicLoad is not allowed");
}

#[test]
fn the_function_index_counts_imports() {
    let message = invalid(
        r#"(module (import "env" "getGasLeft" (func (result i64)))
            (memory (export "memory") 1)
            (func (export "a"))
            (func (export "b") (drop (f32.const 1))))"#,
    );
    assert_eq!(message, "function 2: operator F32Const is not allowed");
}

#[test]
fn exactly_one_declared_and_exported_memory_is_required() {
    assert_eq!(
        invalid(r#"(module (func (export "run")))"#),
        "no memory declared"
    );
    assert_eq!(
        invalid(r#"(module (memory (export "memory") 1) (memory 1) (func (export "run")))"#),
        "more than one memory declared"
    );
    assert_eq!(
        invalid(r#"(module (memory 1) (func (export "run")))"#),
        "the memory is not exported"
    );
    assert_eq!(
        invalid(r#"(module (memory (export "memory") 1 1 shared) (func (export "run")))"#),
        "the memory must be a 32-bit, unshared memory"
    );
}

#[test]
fn memories_of_more_than_20_pages_are_refused() {
    let ok = r#"(module (memory (export "memory") 20) (func (export "run")))"#;
    assert!(compile(&executor_with(v4()), ok).is_ok());
    let ok_max = r#"(module (memory (export "memory") 2 20) (func (export "run")))"#;
    assert!(compile(&executor_with(v4()), ok_max).is_ok());
    assert_eq!(
        invalid(r#"(module (memory (export "memory") 21) (func (export "run")))"#),
        "memory of 21 pages declared, at most 20 allowed"
    );
    assert_eq!(
        invalid(r#"(module (memory (export "memory") 1 21) (func (export "run")))"#),
        "memory of 21 pages declared, at most 20 allowed"
    );
}

#[test]
fn only_hooks_with_their_exact_signature_may_be_imported() {
    let module = |import: &str| {
        format!(r#"(module {import} (memory (export "memory") 1) (func (export "run")))"#)
    };
    assert_eq!(
        invalid(&module(r#"(import "env" "launchMissiles" (func))"#)),
        "import `launchMissiles`: not a VM hook"
    );
    assert_eq!(
        invalid(&module(
            r#"(import "env" "getGasLeft" (func (result i32)))"#
        )),
        "import `getGasLeft`: wrong signature () -> i32, the hook is () -> i64"
    );
    assert_eq!(
        invalid(&module(
            r#"(import "env" "signalError" (func (param i32)))"#
        )),
        "import `signalError`: wrong signature (i32) -> (), the hook is (i32, i32) -> ()"
    );
    assert_eq!(
        invalid(&module(
            r#"(import "wasi" "getGasLeft" (func (result i64)))"#
        )),
        "import `wasi.getGasLeft`: hooks are imported from module `env`"
    );
}

#[test]
fn imported_globals_memories_and_tables_are_refused() {
    let imported_global = r#"(module (import "env" "g" (global i32))
        (memory (export "memory") 1) (func (export "run")))"#;
    assert_eq!(
        invalid(imported_global),
        "import `env.g`: only functions may be imported, not a global"
    );
    let imported_memory = r#"(module (import "env" "memory" (memory 1)) (func (export "run")))"#;
    assert_eq!(
        invalid(imported_memory),
        "import `env.memory`: only functions may be imported, not a memory"
    );
    let imported_table = r#"(module (import "env" "t" (table 1 funcref))
        (memory (export "memory") 1) (func (export "run")))"#;
    assert_eq!(
        invalid(imported_table),
        "import `env.t`: only functions may be imported, not a table"
    );
}

#[test]
fn every_hook_of_the_table_links_with_its_signature() {
    let imports: String = HOOKS
        .iter()
        .map(|hook| {
            let ty = |t: &WasmType| t.name();
            let params: Vec<&str> = hook.params.iter().map(|(_, t)| ty(t)).collect();
            let result = hook
                .result
                .map(|t| format!("(result {})", t.name()))
                .unwrap_or_default();
            format!(
                r#"(import "env" "{}" (func (param {}) {result}))"#,
                hook.name,
                params.join(" ")
            )
        })
        .collect();
    let wat = format!(r#"(module {imports} (memory (export "memory") 1) (func (export "run")))"#);
    let module = compile(&executor_with(v4()), &wat).expect("all hooks link");
    let mut names: Vec<&str> = HOOKS.iter().map(|h| h.name).collect();
    names.sort_unstable();
    assert_eq!(module.imported_hooks(), names);
    assert_eq!(module.imported_hooks().len(), 277);
    let instance = module.instantiate(&executor_api::InstanceOptions::with_gas_limit(10));
    assert!(instance.is_ok());
}

#[test]
fn at_most_one_table_of_65536_elements() {
    let table = |decl: &str| {
        format!(r#"(module (memory (export "memory") 1) {decl} (func (export "run")))"#)
    };
    assert!(compile(&executor_with(v4()), &table("(table 65536 funcref)")).is_ok());
    assert_eq!(
        invalid(&table("(table 65537 funcref)")),
        "table of 65537 elements declared, at most 65536 allowed"
    );
    assert_eq!(
        invalid(&table("(table 1 funcref) (table 1 funcref)")),
        "more than one table declared"
    );
}

#[test]
fn at_most_4000_locals_per_function() {
    let ok = with_body("(local i32) (local i64) (local i32 i32)");
    assert!(compile(&executor_with(v4()), &ok).is_ok());
    let wat = |n: usize| {
        format!(
            r#"(module (memory (export "memory") 1) (func (export "run") (local {})))"#,
            vec!["i64"; n].join(" ")
        )
    };
    assert!(compile(&executor_with(v4()), &wat(4000)).is_ok());
    assert_eq!(
        invalid(&wat(4001)),
        "function 0 declares 4001 locals, at most 4000 allowed"
    );
}

#[test]
fn at_most_100_memory_grow_instructions() {
    let wat = |n: usize| with_body(&"(drop (memory.grow (i32.const 0)))".repeat(n));
    assert!(compile(&executor_with(v4()), &wat(100)).is_ok());
    assert_eq!(invalid(&wat(101)), "more than 100 memory.grow instructions");
}

#[test]
fn exported_function_names_follow_the_rules() {
    let export =
        |name: &str| format!(r#"(module (memory (export "memory") 1) (func (export "{name}")))"#);
    for (name, why) in [
        ("", "empty name"),
        ("1st", "name starts with a digit"),
        ("with-dash", "name has characters other than [a-zA-Z0-9_]"),
        ("getGasLeft", "name of a VM hook"),
        ("MultiESDTNFTTransfer", "name of a built-in function"),
        ("signalError", "name of a VM hook"),
        ("internalVMErrors", "protected name"),
        ("transferValueOnly", "protected name"),
        ("completedTxEvent", "protected name"),
    ] {
        assert_eq!(
            invalid(&export(name)),
            format!("exported function `{name}`: {why}")
        );
    }
    let long = "a".repeat(256);
    assert_eq!(
        invalid(&export(&long)),
        format!("exported function `{long}`: name of 256 bytes or more")
    );
    assert!(compile(&executor_with(v4()), &export(&"a".repeat(255))).is_ok());
    assert!(compile(&executor_with(v4()), &export("_private_9")).is_ok());
}

#[test]
fn reserved_export_names_are_refused() {
    let wat = r#"(module (memory (export "memory") 1) (global (export "strata:gas_remaining") i64
        (i64.const 0)) (func (export "run")))"#;
    assert_eq!(invalid(wat), "export `strata:gas_remaining`: reserved name");
}

#[test]
fn a_start_function_is_refused() {
    let wat = r#"(module (memory (export "memory") 1) (func $s) (start $s) (func (export "run")))"#;
    assert_eq!(invalid(wat), "a start function is not allowed");
}

#[test]
fn functions_with_params_or_results_compile_and_fail_when_called() {
    // The production VM answers 2 (wrong signature) when such a function is called, so
    // they are not a validation error (see the `hooks` area for the call).
    let wat = r#"(module (memory (export "memory") 1) (func (export "f") (param i32)))"#;
    assert!(compile(&executor_with(v4()), wat).is_ok());
}

//! Every hook of the table, called by a contract with hostile arguments: pointers outside the
//! memory, negative and huge lengths, handles that were never created, negative numbers.
//! Whatever a hook makes of them, the host never faults, never answers an infrastructure
//! error, and a failure carries nothing but its code and message (no account change, log or
//! return data). Exact messages per case live in each family's own tests and in `hostile.rs`.

use blockchain_hooks::{ReturnCode, VmOutput};
use executor_api::{HOOKS, HookInfo, WasmType};

use crate::harness::*;

/// One hostile way to fill a hook's parameters.
#[derive(Clone, Copy, Debug)]
enum Args {
    /// Pointers past the end of memory, lengths 16, handles and numbers never created.
    PointerOutOfBounds,
    /// Every `i32` -1 (negative lengths and handles), every `i64` -1.
    Negative,
    /// Pointers at 0, lengths `i32::MAX`, handles `i32::MAX`, numbers `i64::MAX`.
    Huge,
}

fn argument(args: Args, param: &str, ty: WasmType) -> String {
    let pointer = param.ends_with("offset") || param.ends_with("Offset") || param.ends_with("ptr");
    let length = param.contains("length") || param.contains("Length") || param.ends_with("len");
    let value = match (args, ty) {
        (Args::PointerOutOfBounds, _) if pointer => "0x7ffffff0".to_owned(),
        (Args::PointerOutOfBounds, _) if length => "16".to_owned(),
        (Args::PointerOutOfBounds, _) => "7777".to_owned(),
        (Args::Negative, _) => "-1".to_owned(),
        (Args::Huge, _) if pointer => "0".to_owned(),
        (Args::Huge, WasmType::I32) => i32::MAX.to_string(),
        (Args::Huge, WasmType::I64) => i64::MAX.to_string(),
    };
    format!("({}.const {value})", ty.name())
}

/// A contract importing `hook` and calling it once with `args`.
fn contract(hook: &HookInfo, args: Args) -> String {
    let params: Vec<&str> = hook.params.iter().map(|(_, t)| t.name()).collect();
    let result = hook
        .result
        .map(|t| format!("(result {})", t.name()))
        .unwrap_or_default();
    let call_args: Vec<String> = hook
        .params
        .iter()
        .map(|(name, ty)| argument(args, name, *ty))
        .collect();
    let call = format!("(call $hook {})", call_args.join(" "));
    let body = if hook.result.is_some() {
        format!("(drop {call})")
    } else {
        call
    };
    format!(
        r#"(module
          (import "env" "{name}" (func $hook (param {params}) {result}))
          (memory (export "memory") 1)
          (func (export "run") {body}))"#,
        name = hook.name,
        params = params.join(" "),
    )
}

/// The codes a hostile call may end with.
const EXPECTED_CODES: &[ReturnCode] = &[
    ReturnCode::Ok,
    ReturnCode::UserError,
    ReturnCode::OutOfGas,
    ReturnCode::ExecutionFailed,
    ReturnCode::ContractNotFound,
    ReturnCode::ContractInvalid,
    ReturnCode::UpgradeFailed,
];

fn check(hook: &HookInfo, args: Args, out: &VmOutput) {
    let what = format!("{} with {args:?}", hook.name);
    assert!(
        EXPECTED_CODES.contains(&out.return_code),
        "{what}: {} {}",
        out.return_code,
        out.return_message
    );
    if out.return_code != ReturnCode::Ok {
        assert!(!out.return_message.is_empty(), "{what}: no message");
        assert_eq!(out.gas_remaining, 0, "{what}");
        assert!(out.output_accounts.is_empty(), "{what}: {out:?}");
        let only_errors =
            matches!(out.logs.as_slice(), [log] if log.identifier == b"internalVMErrors");
        assert!(only_errors, "{what}: {:?}", out.logs);
        assert!(out.return_data.is_empty(), "{what}");
    }
}

#[test]
fn every_hook_survives_hostile_arguments() {
    let mut failures = 0;
    let mut bad_bounds = 0;
    let mut runs = 0;
    for hook in HOOKS.iter().filter(|h| !h.params.is_empty()) {
        for args in [Args::PointerOutOfBounds, Args::Negative, Args::Huge] {
            let world = World::free().contract(1, &contract(hook, args));
            let out = world.call(1, "run", &[]);
            check(hook, args, &out);
            runs += 1;
            if out.return_code != ReturnCode::Ok {
                failures += 1;
            }
            if out.return_message.contains("bad bounds") {
                bad_bounds += 1;
            }
        }
    }
    // Most hostile calls fail; the bounds checks answer a large share of them.
    println!("{runs} hostile calls: {failures} failed, {bad_bounds} of them on bad bounds");
    assert!(runs > 700, "{runs} runs");
    assert!(failures * 10 > runs * 8, "{failures} of {runs} failed");
    assert!(
        bad_bounds * 5 > runs,
        "{bad_bounds} of {runs} were bad bounds"
    );
}

#[test]
fn out_of_bounds_pointers_are_bad_bounds_in_every_family_that_reads_memory_first() {
    // Hooks whose first parameter is a pointer read or write it before anything else: with
    // that pointer out of bounds they stop with the production VM's bounds message.
    for hook in HOOKS.iter() {
        let Some((first, _)) = hook.params.first() else {
            continue;
        };
        if !(first.ends_with("offset") || first.ends_with("Offset")) {
            continue;
        }
        let out = World::free()
            .contract(1, &contract(hook, Args::PointerOutOfBounds))
            .call(1, "run", &[]);
        check(hook, Args::PointerOutOfBounds, &out);
        assert_ne!(
            out.return_code,
            ReturnCode::Ok,
            "{} accepted a bad pointer",
            hook.name
        );
    }
}

//! Hook calls with arbitrary arguments (pointers, lengths, handles) against a live instance:
//! a contract importing up to 8 hooks of the table calls them in turn with the fuzzer's
//! values; whatever they are, the VM answers with a contract outcome.
#![no_main]

use std::fmt::Write;

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use strata_fuzz::executor_api::{HOOKS, WasmType};

/// Values that hit the edges: handles, lengths, the end of one page, signs.
const INTERESTING: [i64; 12] = [
    0,
    1,
    2,
    -1,
    -25,
    32,
    100,
    65_504,
    65_536,
    i32::MAX as i64,
    i32::MIN as i64,
    i64::MAX,
];

fn value(u: &mut Unstructured<'_>, ty: WasmType) -> Result<String> {
    let raw: i64 = if u.ratio(2, 3)? {
        *u.choose(&INTERESTING)?
    } else {
        u.arbitrary()?
    };
    Ok(match ty {
        WasmType::I32 => format!("(i32.const {})", raw as i32),
        WasmType::I64 => format!("(i64.const {raw})"),
    })
}

fn contract(u: &mut Unstructured<'_>) -> Result<String> {
    let count = u.int_in_range(1..=8)?;
    let mut imports = String::new();
    let mut body = String::new();
    let mut seen = Vec::new();
    for _ in 0..count {
        let index = u.choose_index(HOOKS.len())?;
        let hook = &HOOKS[index];
        if !seen.contains(&index) {
            seen.push(index);
            let params: Vec<_> = hook.params.iter().map(|(_, t)| t.name()).collect();
            let result = hook
                .result
                .map(|t| format!("(result {})", t.name()))
                .unwrap_or_default();
            let _ = write!(
                imports,
                "(import \"env\" \"{}\" (func ${} (param {}) {result}))",
                hook.name,
                hook.name,
                params.join(" ")
            );
        }
        let mut args = String::new();
        for (_, ty) in hook.params {
            args.push_str(&value(u, *ty)?);
        }
        let call = format!("(call ${} {args})", hook.name);
        if hook.result.is_some() {
            let _ = write!(body, "(drop {call})");
        } else {
            body.push_str(&call);
        }
    }
    Ok(format!(
        r#"(module {imports} (memory (export "memory") 1)
        (data (i32.const 0) "\00\00\00\04\00\00\00\01abcdefghijklmnopqrstuvwxyz0123456789")
        (func (export "run") {body}))"#
    ))
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(text) = contract(&mut u) else { return };
    let Ok(code) = wat::parse_str(&text) else {
        return;
    };
    let args = vec![b"arg".to_vec(), vec![0xff; 40]];
    let chain = strata_fuzz::chain_with(code);
    let _ = strata_fuzz::call(&strata_fuzz::vm(), &chain, "run", args, 5_000_000);
});

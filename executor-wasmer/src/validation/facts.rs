//! The [`ModuleFacts`] of code loaded from the disk cache, without validating it again.
//!
//! An artifact is stored only for code that [`super::analyze`] accepted under the same key
//! (limits and costs included), so validating its function bodies again on every load would
//! only repeat a verdict already given, and it was the largest cost of loading a cached
//! contract. The sections are read by the same [`Checker`] (the facts are built by the same
//! code); the function bodies are skipped.

use wasmer::sys::wasmparser::{Parser, Payload};

use super::{Checker, ModuleFacts};
use crate::config::Limits;

/// The facts of `code`, as [`super::analyze`] gives them; `None` when its sections do not
/// pass (then the code is analyzed in full).
pub(crate) fn facts_of(code: &[u8], limits: &Limits) -> Option<ModuleFacts> {
    let mut checker = Checker::new(limits);
    for payload in Parser::new(0).parse_all(code) {
        let payload = payload.ok()?;
        if !matches!(payload, Payload::CodeSectionEntry(_)) {
            checker.section(&payload).ok()?;
        }
    }
    checker.finish().ok()
}

#[cfg(test)]
mod tests {
    use super::facts_of;
    use crate::config::Limits;
    use crate::validation::analyze;

    const WAT: &str = r#"
        (module
          (import "env" "int64finish" (func $finish (param i64)))
          (import "env" "getNumArguments" (func $args (result i32)))
          (import "env" "int64finish" (func $again (param i64)))
          (memory (export "memory") 2)
          (func (export "zeta") (call $finish (i64.extend_i32_u (call $args))))
          (func (export "alpha"))
          (func $takes (param i32))
          (func $gives (result i32) (i32.const 1))
          (export "takes" (func $takes))
          (export "gives" (func $gives))
          (export "alpha_too" (func 3)))
    "#;

    #[test]
    fn the_facts_are_those_of_a_full_analysis() {
        let limits = Limits::default();
        let code = wat::parse_str(WAT).expect("valid WAT");
        let facts = facts_of(&code, &limits).expect("valid sections");
        assert_eq!(facts, analyze(&code, &limits).expect("valid contract"));
        assert_eq!(
            facts.exported_functions,
            ["alpha", "alpha_too", "gives", "takes", "zeta"]
        );
        assert_eq!(facts.nonvoid_functions, ["gives", "takes"]);
        assert_eq!(facts.imported_hooks.len(), 2);

        let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/contracts");
        let mut compared = 0;
        for entry in std::fs::read_dir(examples).expect("the example contracts") {
            let output = entry.expect("an entry").path().join("output");
            for file in std::fs::read_dir(output).into_iter().flatten().flatten() {
                if file.path().extension().is_some_and(|ext| ext == "wasm") {
                    let code = std::fs::read(file.path()).expect("readable");
                    let expected = analyze(&code, &limits).expect("a valid example");
                    assert_eq!(
                        facts_of(&code, &limits),
                        Some(expected),
                        "{:?}",
                        file.path()
                    );
                    compared += 1;
                }
            }
        }
        assert!(compared >= 5, "only {compared} example contracts found");
    }

    #[test]
    fn sections_that_fail_give_no_facts() {
        let limits = Limits::default();
        for wat in [
            r#"(module (import "other" "f" (func)) (memory (export "memory") 1))"#,
            r#"(module (memory 1))"#,
            r#"(module (memory (export "memory") 1) (func (export "getArgument")))"#,
        ] {
            let code = wat::parse_str(wat).expect("valid WAT");
            assert_eq!(facts_of(&code, &limits), None, "{wat}");
        }
    }
}

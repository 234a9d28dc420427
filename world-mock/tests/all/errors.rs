//! Error reporting: malformed JSON and values name the file and the position; steps that
//! cannot run name the step; the runner never panics on input.

use std::sync::Arc;

use strata_world_mock::testing::FakeVm;
use strata_world_mock::{ScenarioRunner, WorldError};

use super::runner::folder;

fn run(text: &str) -> WorldError {
    let dir = folder(&[("bad.scen.json", text)]);
    ScenarioRunner::with_vm(Arc::new(FakeVm))
        .run_file(&dir.path().join("bad.scen.json"))
        .expect_err("the scenario must fail")
}

#[test]
fn malformed_json_names_file_line_and_column() {
    let err = run("{\n  \"steps\": [\n    {\"step\": \"setState\",}\n  ]\n}");
    match &err {
        WorldError::Json { line, column, .. } => assert_eq!((*line, *column), (3, 25)),
        other => panic!("{other}"),
    }
    let text = err.to_string();
    assert!(
        text.contains("bad.scen.json:3:25: malformed JSON"),
        "{text}"
    );
}

#[test]
fn malformed_values_name_the_json_path() {
    let cases = [
        (
            r#"{"steps": [{"step": "setState", "accounts": {"address:a": {"balance": "12x"}}}]}"#,
            "steps[0].accounts.\"address:a\".balance",
            "cannot parse decimal number",
        ),
        (
            r#"{"steps": [{"step": "setState", "accounts": {"str:short": {}}}]}"#,
            "steps[0].accounts.\"str:short\"",
            "an address must be 32 bytes",
        ),
        (
            r#"{"steps": [{"step": "scCall", "tx": {"from": "address:a", "to": "sc:b", "arguments": ["u8:300"]}}]}"#,
            "steps[0].tx.arguments[0]",
            "does not fit in 1 byte",
        ),
        (
            r#"{"steps": [{"step": "teleport"}]}"#,
            "steps[0]",
            "unknown step type \"teleport\"",
        ),
        (
            r#"{"steps": [{"id": "x"}]}"#,
            "steps[0]",
            "needs a \"step\" field",
        ),
        (
            r#"{"steps": [{"step": "scCall", "tx": {"from": "address:a", "fnction": "f"}}]}"#,
            "steps[0].tx.fnction",
            "unknown transaction field",
        ),
        (
            r#"{"steps": [{"step": "scCall", "tx": {}, "expect": {"logs": [5]}}]}"#,
            "steps[0].expect.logs[0]",
            "a log entry is an object",
        ),
        (
            r#"{"gasSchedule": "v9", "steps": []}"#,
            "$.gasSchedule",
            "unknown gas schedule",
        ),
        (r#"[1, 2]"#, "$", "expected a JSON object"),
        (
            r#"{"steps": [{"step": "setState", "accounts": {"address:a": {"code": "file:nope.wasm"}}}]}"#,
            "code",
            "cannot read file",
        ),
    ];
    for (text, path, message) in cases {
        let err = run(text);
        let shown = err.to_string();
        assert!(matches!(err, WorldError::Format { .. }), "{text}: {shown}");
        assert!(shown.contains("bad.scen.json"), "{shown}");
        assert!(shown.contains(path), "{text}: {shown}");
        assert!(shown.contains(message), "{text}: {shown}");
    }
}

#[test]
fn transaction_fields_a_kind_does_not_take_are_refused() {
    // As mx-chain-scenario-go's parser: a query has no sender, value or gas; only calls and
    // transfers carry ESDT; a function, transfer arguments and code only where they apply.
    let cases = [
        (
            r#""scQuery", "tx": {"from": "address:a", "to": "sc:b", "function": "f"}"#,
            "from",
        ),
        (
            r#""scQuery", "tx": {"to": "sc:b", "function": "f", "gasLimit": "5"}"#,
            "gasLimit",
        ),
        (
            r#""scQuery", "tx": {"to": "sc:b", "function": "f", "egldValue": "1"}"#,
            "egldValue",
        ),
        (
            r#""scDeploy", "tx": {"from": "address:a", "esdtValue": []}"#,
            "esdtValue",
        ),
        (
            r#""validatorReward", "tx": {"to": "sc:b", "gasPrice": "0"}"#,
            "gasPrice",
        ),
        (
            r#""transfer", "tx": {"from": "address:a", "to": "sc:b", "function": "f"}"#,
            "function",
        ),
        (
            r#""transfer", "tx": {"from": "address:a", "to": "sc:b", "arguments": ["1"]}"#,
            "arguments",
        ),
        (
            r#""scCall", "tx": {"from": "address:a", "to": "sc:b", "contractCode": "1"}"#,
            "contractCode",
        ),
        (
            r#""scCall", "tx": {"from": "address:a", "to": "sc:b", "codeMetadata": "0x0100"}"#,
            "codeMetadata",
        ),
        (
            r#""scCall", "tx": {"from": "address:a", "to": "sc:b", "comment": "x"}"#,
            "comment",
        ),
    ];
    for (step, field) in cases {
        let text = format!(r#"{{"steps": [{{"step": {step}}}]}}"#);
        let shown = run(&text).to_string();
        assert!(
            shown.contains(&format!("steps[0].tx.{field}")),
            "{text}: {shown}"
        );
        assert!(
            shown.contains("not allowed") || shown.contains("unknown"),
            "{shown}"
        );
    }
    // Empty values are no refusal: a transfer with no arguments, a call's empty metadata.
    let empty = r#"{"steps": [{"step": "scCall", "id": "x", "tx": {"from": "address:ghost", "to": "sc:b",
        "function": "f", "arguments": [], "codeMetadata": "", "gasLimit": "1", "gasPrice": "0"}}]}"#;
    let shown = run(empty).to_string();
    assert!(!shown.contains("not allowed"), "{shown}");
}

#[test]
fn malformed_values_name_line_and_column() {
    let err = run(
        "{\"steps\": [\n  {\"step\": \"setState\",\n   \"accounts\": {\"address:a\": {\"nonce\": \"x1\"}}}]}",
    );
    let text = err.to_string();
    assert!(
        text.contains("bad.scen.json:3:40: at steps[0].accounts"),
        "{text}"
    );
}

#[test]
fn steps_that_cannot_run_name_the_step() {
    let err = run(
        r#"{"steps": [{"step": "scCall", "id": "x", "tx": {"from": "address:ghost", "to": "sc:b",
        "function": "f", "gasLimit": "1", "gasPrice": "0"}}]}"#,
    );
    let text = err.to_string();
    assert!(
        text.contains("step 0 (\"x\")") && text.contains("sender"),
        "{text}"
    );
    let err = run(
        r#"{"steps": [{"step": "setState", "accounts": {"address:a": {}}},
        {"step": "scCall", "tx": {"from": "address:a", "to": "address:b", "function": "f"}}]}"#,
    );
    assert!(err.to_string().contains("does not exist"), "{err}");
    let err = run(r#"{"steps": [{"step": "externalSteps", "path": "missing.steps.json"}]}"#);
    assert!(matches!(err, WorldError::Io { .. }), "{err}");
}

#[test]
fn no_vm_for_contracts_is_a_clear_error() {
    let dir = folder(&[(
        "t.scen.json",
        r#"{"steps": [{"step": "setState", "accounts": {"address:a": {}}},
            {"step": "scDeploy", "tx": {"from": "address:a", "contractCode": "file:adder.wasm", "gasLimit": "1"}}]}"#,
    )]);
    let err = ScenarioRunner::without_vm()
        .run_file(&dir.path().join("t.scen.json"))
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("no VM registered for VM type 0500"),
        "{err}"
    );
}

#[test]
fn garbage_never_panics() {
    let base = r#"{"steps": [{"step": "setState", "accounts": {"address:a": {"balance": "10", "esdt": {"str:T-1": "5"}}}},
        {"step": "scCall", "tx": {"from": "address:a", "to": "address:a", "function": "ESDTTransfer", "arguments": ["str:T-1", "1"], "gasLimit": "1000000"}},
        {"step": "checkState", "accounts": {"address:a": {"nonce": "1", "balance": "*", "storage": "*", "esdt": {"+": ""}}}}]}"#;
    let runner = ScenarioRunner::with_vm(Arc::new(FakeVm));
    let dir = folder(&[]);
    let path = dir.path().join("g.scen.json");
    let bytes = base.as_bytes();
    for cut in (0..bytes.len()).step_by(7) {
        for replacement in ["", "\"", "{", "]", "0x", "*", "-1", "null"] {
            let mut text = String::from_utf8_lossy(&bytes[..cut]).into_owned();
            text.push_str(replacement);
            text.push_str(&String::from_utf8_lossy(&bytes[cut + 1..]));
            std::fs::write(&path, &text).unwrap();
            let _ = runner.run_file(&path);
        }
    }
    std::fs::write(&path, base).unwrap();
    runner.run_file(&path).unwrap();
}

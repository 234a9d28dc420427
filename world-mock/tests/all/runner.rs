//! Step and check semantics, with WAT contracts deployed on the fake VM.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use blockchain_hooks::{BlockchainHooks, GasSchedule};
use num_bigint::BigUint;
use strata_world_mock::testing::FakeVm;
use strata_world_mock::{ScenarioRunner, StepFailure, StepTrace, World, WorldError, reserved_keys};

use super::world::addr;

const ADDER_WAT: &str = r#"(module
  (import "env" "getNumArguments" (func $n (result i32)))
  (memory 1)
  (export "memory" (memory 0))
  (func (export "init"))
  (func (export "add"))
  (func (export "getSum")))"#;

/// A folder with the adder contract compiled from WAT and the given files.
pub fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("adder.wasm"),
        wat::parse_str(ADDER_WAT).unwrap(),
    )
    .unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn runner() -> ScenarioRunner {
    ScenarioRunner::with_vm(Arc::new(FakeVm))
}

fn run(text: &str) -> Result<World, WorldError> {
    let dir = folder(&[("t.scen.json", text)]);
    runner().run_file_world(&dir.path().join("t.scen.json"))
}

fn failure(result: Result<World, WorldError>) -> StepFailure {
    match result {
        Err(WorldError::Check(f)) => *f,
        Err(other) => panic!("expected a check failure, got error {other}"),
        Ok(_) => panic!("expected a check failure, the scenario passed"),
    }
}

const SETUP: &str = r#"
    {"step": "setState",
     "accounts": {
        "address:owner": {"nonce": "0", "balance": "1,000,000"},
        "address:user": {"nonce": "5", "balance": "500"}
     },
     "newAddresses": [{"creatorAddress": "address:owner", "creatorNonce": "0", "newAddress": "sc:adder"}]
    },
    {"step": "scDeploy", "id": "deploy",
     "tx": {"from": "address:owner", "contractCode": "file:adder.wasm", "arguments": ["5"],
            "gasLimit": "5,000", "gasPrice": "0"},
     "expect": {"out": [], "status": "", "gas": "4000"}
    }"#;

fn scenario(steps: &str) -> String {
    format!(r#"{{"name": "t", "steps": [{SETUP}, {steps}]}}"#)
}

#[test]
fn deploy_call_query_and_check_state() {
    let text = scenario(
        r#"
        {"step": "scCall", "id": "add", "tx": {"from": "address:user", "to": "sc:adder",
            "function": "add", "arguments": ["7"], "gasLimit": "2000", "gasPrice": "0"},
         "expect": {"out": [], "status": "0", "message": "", "logs": [], "gas": "1000", "refund": "0"}},
        {"step": "scQuery", "id": "q", "tx": {"to": "sc:adder", "function": "getSum", "arguments": []},
         "expect": {"out": ["7"]}},
        {"step": "scQuery", "tx": {"to": "sc:adder", "function": "add", "arguments": ["100"]}},
        {"step": "checkState", "accounts": {
            "address:owner": {"nonce": "1", "balance": "1,000,000", "storage": {}, "code": ""},
            "address:user": {"nonce": "6", "balance": "500"},
            "sc:adder": {"nonce": "0", "balance": "0", "code": "file:adder.wasm",
                         "owner": "address:owner", "codeMetadata": "0x0506",
                         "storage": {"str:sum": "7", "str:init": "5"}}
        }}"#,
    );
    let world = run(&text).unwrap();
    assert_eq!(world.nonce(&addr("sc:adder")), 0, "queries change no nonce");
}

#[test]
fn failed_transaction_changes_only_nonce_and_gas() {
    let text = scenario(
        r#"
        {"step": "setState", "accounts": {"address:user": {"nonce": "5", "balance": "2500"}}},
        {"step": "scCall", "id": "fails", "tx": {"from": "address:user", "to": "sc:adder",
            "egldValue": "10", "function": "fail", "arguments": ["str:nope"], "gasLimit": "1000", "gasPrice": "2"},
         "expect": {"status": "4", "message": "str:nope",
                    "logs": [{"address": "sc:adder", "endpoint": "str:signalError",
                              "topics": ["address:user", "str:nope"], "data": "*"}]}},
        {"step": "checkState", "accounts": {
            "address:owner": {"nonce": "1", "balance": "1,000,000"},
            "address:user": {"nonce": "6", "balance": "500"},
            "sc:adder": {"balance": "0", "storage": {"str:init": "5"}, "code": "file:adder.wasm"}
        }}"#,
    );
    run(&text).unwrap();
}

#[test]
fn value_moves_with_a_call_and_out_of_funds_is_status_7() {
    let text = scenario(
        r#"
        {"step": "scCall", "tx": {"from": "address:user", "to": "sc:adder", "egldValue": "200",
            "function": "add", "arguments": ["1"], "gasLimit": "1000", "gasPrice": "0"}},
        {"step": "scCall", "tx": {"from": "address:user", "to": "sc:adder", "egldValue": "301",
            "function": "add", "arguments": ["1"], "gasLimit": "1000", "gasPrice": "0"},
         "expect": {"status": "7", "message": ""}},
        {"step": "checkState", "accounts": {
            "address:user": {"nonce": "7", "balance": "300"},
            "sc:adder": {"balance": "200", "storage": {"+": ""}, "code": "file:adder.wasm"},
            "+": ""
        }}"#,
    );
    run(&text).unwrap();
}

#[test]
fn transfers_and_validator_reward() {
    let text = scenario(
        r#"
        {"step": "transfer", "tx": {"from": "address:user", "to": "address:new", "egldValue": "100"}},
        {"step": "validatorReward", "tx": {"to": "sc:adder", "egldValue": "40"}},
        {"step": "validatorReward", "tx": {"to": "sc:adder", "egldValue": "2"}},
        {"step": "checkState", "accounts": {
            "address:user": {"nonce": "6", "balance": "400"},
            "address:new": {"nonce": "0", "balance": "100"},
            "sc:adder": {"balance": "42", "storage": {"str:init": "5"}, "code": "file:adder.wasm"},
            "+": ""
        }}"#,
    );
    let world = run(&text).unwrap();
    // The key the production runner writes, which contracts read.
    assert_eq!(reserved_keys::REWARDS_KEY, b"ELRONDreward");
    let rewards = world
        .storage(&addr("sc:adder"), reserved_keys::REWARDS_KEY)
        .value;
    assert_eq!(BigUint::from_bytes_be(&rewards), BigUint::from(42u8));
}

#[test]
fn esdt_payment_runs_the_builtin_before_the_call() {
    let text = scenario(
        r#"
        {"step": "setState", "accounts": {"address:user": {"nonce": "0", "balance": "0",
            "esdt": {"str:TOK-123456": "1000",
                     "str:NFT-123456": {"instances": [{"nonce": "2", "balance": "1", "attributes": "str:a"}]}}}}},
        {"step": "scCall", "id": "pay", "tx": {"from": "address:user", "to": "sc:adder",
            "esdtValue": [{"tokenIdentifier": "str:TOK-123456", "value": "100"}],
            "function": "payments", "arguments": [], "gasLimit": "1,000,000", "gasPrice": "0"},
         "expect": {"out": ["str:TOK-123456", "", "100"], "gas": "*", "logs": []}},
        {"step": "scCall", "id": "multi", "tx": {"from": "address:user", "to": "sc:adder",
            "esdtValue": [{"tokenIdentifier": "str:TOK-123456", "value": "1"},
                          {"tokenIdentifier": "str:NFT-123456", "nonce": "2", "value": "1"}],
            "function": "fail", "arguments": ["str:no"], "gasLimit": "1,000,000", "gasPrice": "0"},
         "expect": {"status": "4", "message": "str:no", "logs": [{"endpoint": "str:signalError"}]}},
        {"step": "scCall", "id": "builtin-call", "tx": {"from": "address:user", "to": "sc:adder",
            "function": "ESDTTransfer", "arguments": ["str:TOK-123456", "5", "str:payments"],
            "gasLimit": "1,000,000", "gasPrice": "0"},
         "expect": {"out": ["str:TOK-123456", "", "5"], "logs": [{"endpoint": "str:ESDTTransfer"}, "+"]}},
        {"step": "transfer", "tx": {"from": "address:user", "to": "address:friend",
            "esdtValue": [{"tokenIdentifier": "str:NFT-123456", "nonce": "2", "value": "1"}]}},
        {"step": "checkState", "accounts": {
            "address:user": {"nonce": "4", "esdt": {"str:TOK-123456": "895"}},
            "address:friend": {"esdt": {"str:NFT-123456": {"instances": [
                {"nonce": "2", "balance": "1", "attributes": "str:a"}]}}},
            "sc:adder": {"esdt": {"str:TOK-123456": "105", "+": ""}, "code": "file:adder.wasm"},
            "+": ""
        }}"#,
    );
    run(&text).unwrap();
}

#[test]
fn set_state_update_merges() {
    let text = scenario(
        r#"
        {"step": "setState", "accounts": {"sc:adder": {"update": true, "balance": "9",
            "storage": {"str:extra": "1"}}}},
        {"step": "checkState", "accounts": {
            "sc:adder": {"nonce": "0", "balance": "9", "code": "file:adder.wasm", "owner": "address:owner",
                         "storage": {"str:init": "5", "str:extra": "1"}},
            "+": ""
        }}"#,
    );
    run(&text).unwrap();
}

#[test]
fn left_out_fields_are_checked_as_the_production_runner_checks_them() {
    // checkState: nonce and balance 0, username and code empty, no ESDT tokens; storage,
    // code metadata, owner and developer rewards not checked.
    let cases = [
        (
            r#""address:user": {"balance": "500"}, "+": """#,
            "account address:user nonce",
        ),
        (
            r#""address:user": {"nonce": "5"}, "+": """#,
            "account address:user balance",
        ),
        (r#""sc:adder": {}, "+": """#, "account sc:adder code"),
    ];
    for (accounts, field) in cases {
        let text = scenario(&format!(
            r#"{{"step": "checkState", "accounts": {{{accounts}}}}}"#
        ));
        assert_eq!(failure(run(&text)).field, field, "{accounts}");
    }
    run(&scenario(
        r#"{"step": "checkState", "accounts": {"address:user": {"nonce": "5", "balance": "500"},
            "sc:adder": {"code": "file:adder.wasm"}, "address:owner": "*"}}"#,
    ))
    .unwrap();
    // A transaction's expect: status and refund 0, message and out empty; logs and gas
    // not checked.
    let call = |function: &str, expect: &str| {
        scenario(&format!(
            r#"{{"step": "scCall", "id": "c", "tx": {{"from": "address:user", "to": "sc:adder",
                "function": "{function}", "arguments": ["str:t1"], "gasLimit": "2000", "gasPrice": "0"}},
             "expect": {expect}}}"#
        ))
    };
    assert_eq!(
        failure(run(&call("fail", r#"{"status": "4"}"#))).field,
        "message"
    );
    run(&call("fail", r#"{"status": "4", "message": "str:t1"}"#)).unwrap();
    run(&call("log", "{}")).unwrap();
}

#[test]
fn check_state_mismatches_are_reported() {
    let cases = [
        (
            r#""address:user": {"nonce": "5", "balance": "501"}, "+": """#,
            "account address:user balance",
        ),
        (
            r#""address:user": {"nonce": "1", "balance": "500"}, "+": """#,
            "account address:user nonce",
        ),
        (
            r#""sc:adder": {"code": "*", "storage": {"str:init": "5", "str:x": "1"}}, "+": """#,
            "account sc:adder storage str:x",
        ),
        (
            r#""sc:adder": {"code": "*", "storage": {}}, "+": """#,
            "account sc:adder storage",
        ),
        (
            r#""sc:adder": {"code": "str:other"}, "+": """#,
            "account sc:adder code",
        ),
        (
            r#""sc:adder": {"code": "file:adder.wasm", "owner": "address:user"}, "+": """#,
            "account sc:adder owner",
        ),
        (r#""address:user": {}"#, "accounts"),
        (r#""address:ghost": {}, "+": """#, "account address:ghost"),
        (
            r#""address:user": {"nonce": "5", "balance": "500", "esdt": {"str:TOK-1": "5"}}, "+": """#,
            "account address:user esdt TOK-1",
        ),
    ];
    for (accounts, field) in cases {
        let text = scenario(&format!(
            r#"{{"step": "checkState", "accounts": {{{accounts}}}}}"#
        ));
        let f = failure(run(&text));
        assert!(
            f.field.starts_with(field),
            "{accounts}: field {:?}",
            f.field
        );
        assert_eq!(f.step_index, 2);
        assert_eq!(f.step_kind, "checkState");
    }
}

#[test]
fn esdt_check_mismatches_are_reported() {
    let setup = r#"{"step": "setState", "accounts": {"address:holder": {"esdt": {
        "str:TOK-000001": "10",
        "str:NFT-000001": {"instances": [{"nonce": "1", "balance": "1", "attributes": "str:a",
                                          "uri": ["str:u"], "royalties": "100", "creator": "address:holder"}],
                           "lastNonce": "1", "roles": ["ESDTRoleNFTCreate"], "frozen": "true"}}}}}"#;
    let cases = [
        (
            r#""str:TOK-000001": "11""#,
            "esdt TOK-000001 nonce 0 balance",
        ),
        (r#""str:TOK-000001": "10""#, "esdt NFT-000001"),
        (
            r#""str:TOK-000001": "10", "str:NFT-000001": {"instances": [{"nonce": "1", "balance": "1", "attributes": "str:b"}]}"#,
            "esdt NFT-000001 nonce 1 attributes",
        ),
        (
            r#""str:TOK-000001": "10", "str:NFT-000001": {"instances": [{"nonce": "1", "balance": "1", "uri": []}]}"#,
            "esdt NFT-000001 nonce 1 uri",
        ),
        (
            r#""str:TOK-000001": "10", "str:NFT-000001": {"instances": [{"nonce": "1", "balance": "1", "royalties": "5"}]}"#,
            "esdt NFT-000001 nonce 1 royalties",
        ),
        (
            r#""str:TOK-000001": "10", "str:NFT-000001": {"instances": [{"nonce": "1", "balance": "1"}], "lastNonce": "2"}"#,
            "esdt NFT-000001 lastNonce",
        ),
        (
            r#""str:TOK-000001": "10", "str:NFT-000001": {"instances": [{"nonce": "1", "balance": "1"}], "roles": []}"#,
            "esdt NFT-000001 roles",
        ),
        (
            r#""str:TOK-000001": "10", "str:NFT-000001": {"instances": [{"nonce": "1", "balance": "1"}], "frozen": "false"}"#,
            "esdt NFT-000001 frozen",
        ),
    ];
    for (esdt, field) in cases {
        let check = format!(
            r#"{{"step": "checkState", "accounts": {{"address:holder": {{"esdt": {{{esdt}}}}}, "+": ""}}}}"#
        );
        let f = failure(run(&scenario(&format!("{setup}, {check}"))));
        assert_eq!(f.field, format!("account address:holder {field}"), "{esdt}");
    }
    let all = r#""str:TOK-000001": "10", "str:NFT-000001": {"instances": [{"nonce": "1", "balance": "1",
        "attributes": "str:a", "uri": ["str:u"], "royalties": "100", "creator": "address:holder"}],
        "lastNonce": "1", "roles": ["ESDTRoleNFTCreate"], "frozen": "true"}"#;
    let check = format!(
        r#"{{"step": "checkState", "accounts": {{"address:holder": {{"esdt": {{{all}}}}}, "+": ""}}}}"#
    );
    run(&scenario(&format!("{setup}, {check}"))).unwrap();
}

#[test]
fn tx_expectation_mismatches_are_reported() {
    let call = |expect: &str| {
        scenario(&format!(
            r#"{{"step": "scCall", "id": "c", "tx": {{"from": "address:user", "to": "sc:adder",
                "function": "log", "arguments": ["str:t1"], "gasLimit": "2000", "gasPrice": "0"}},
             "expect": {expect}}}"#
        ))
    };
    let cases = [
        (r#"{"status": "4"}"#, "status"),
        (r#"{"message": "str:x"}"#, "message"),
        (r#"{"out": ["1"]}"#, "out"),
        (r#"{"gas": "1"}"#, "gas"),
        (r#"{"refund": "1"}"#, "refund"),
        (r#"{"logs": []}"#, "logs (count)"),
        (r#"{"logs": [{"topics": ["str:t2"]}]}"#, "logs[0].topics"),
        (
            r#"{"logs": [{"endpoint": "str:other"}, "+"]}"#,
            "logs[0].endpoint",
        ),
    ];
    for (expect, field) in cases {
        let f = failure(run(&call(expect)));
        assert_eq!(f.field, field, "{expect}");
        assert_eq!(f.step_id.as_deref(), Some("c"));
        let text = f.to_string();
        assert!(
            text.contains("t.scen.json: step 2 (id \"c\") scCall"),
            "{text}"
        );
    }
    run(&call(r#"{"logs": [{"address": "sc:adder", "endpoint": "str:event", "topics": ["str:t1"], "data": ["str:data"]}]}"#)).unwrap();
    run(&call(r#"{"logs": ["+"], "gas": "1000"}"#)).unwrap();
}

#[test]
fn gas_is_checked_only_with_check_gas() {
    let text = scenario(
        r#"{"step": "scCall", "tx": {"from": "address:user", "to": "sc:adder", "function": "add",
             "arguments": ["1"], "gasLimit": "2000", "gasPrice": "0"}, "expect": {"gas": "5"}}"#,
    );
    assert_eq!(failure(run(&text)).field, "gas");
    let unchecked = text.replacen(r#""name": "t","#, r#""name": "t", "checkGas": false,"#, 1);
    run(&unchecked).unwrap();
}

#[test]
fn external_steps_run_in_place() {
    let steps = r#"{"steps": [{"step": "scCall", "tx": {"from": "address:user", "to": "sc:adder",
        "function": "add", "arguments": ["2"], "gasLimit": "2000", "gasPrice": "0"}}]}"#;
    let main = scenario(
        r#"{"step": "externalSteps", "path": "add.steps.json"},
           {"step": "externalSteps", "path": "add.steps.json"},
           {"step": "checkState", "accounts": {"sc:adder": {"storage": {"str:sum": "4", "+": ""},
               "code": "file:adder.wasm"}, "+": ""}}"#,
    );
    let dir = folder(&[("main.scen.json", &main), ("add.steps.json", steps)]);
    runner()
        .run_file(&dir.path().join("main.scen.json"))
        .unwrap();
}

#[test]
fn one_vm_per_gas_schedule() {
    let made = Arc::new(AtomicUsize::new(0));
    let counter = made.clone();
    let runner = ScenarioRunner::new(move |_: &GasSchedule| {
        counter.fetch_add(1, Ordering::SeqCst);
        Ok(Arc::new(FakeVm) as Arc<dyn vm_handler::VmHandler>)
    });
    let v4 = scenario("{\"step\": \"dumpState\"}");
    let dummy = v4.replacen(
        r#""name": "t","#,
        r#""name": "t", "gasSchedule": "dummy","#,
        1,
    );
    let dir = folder(&[
        ("a.scen.json", &v4),
        ("b.scen.json", &v4),
        ("c.scen.json", &dummy),
    ]);
    for f in ["a", "b", "c"] {
        runner
            .run_file(&dir.path().join(format!("{f}.scen.json")))
            .unwrap();
    }
    assert_eq!(made.load(Ordering::SeqCst), 2);
}

#[test]
fn trace_reports_each_step() {
    let dir = folder(&[("t.scen.json", &scenario("{\"step\": \"dumpState\"}"))]);
    let mut traces: Vec<StepTrace> = Vec::new();
    let mut sink = |t: &StepTrace| traces.push(t.clone());
    runner()
        .run_file_traced(&dir.path().join("t.scen.json"), &mut sink)
        .unwrap();
    let kinds: Vec<&str> = traces.iter().map(|t| t.kind).collect();
    assert_eq!(kinds, ["setState", "scDeploy", "dumpState"]);
    assert_eq!(traces[1].gas_used, Some(FakeVm::COST));
    assert!(
        traces[2]
            .dump
            .as_deref()
            .unwrap_or_default()
            .contains("sc:adder")
    );
}

/// The bundled examples that run no contract pass without any VM.
#[test]
fn bundled_examples_without_contract_calls() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/scenarios");
    let runner = ScenarioRunner::without_vm();
    let mut count = 0;
    for dir in ["transfers", "esdt"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".scen.json"))
            .filter(|p| {
                let text = std::fs::read_to_string(p).unwrap();
                !["\"scCall\"", "\"scDeploy\"", "\"scQuery\""]
                    .iter()
                    .any(|kind| text.contains(kind))
            })
            .collect();
        files.sort();
        for file in files {
            runner
                .run_file(&file)
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            count += 1;
        }
    }
    assert!(count >= 6);
}

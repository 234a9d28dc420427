//! Transfers and calls to other contracts.

use crate::{call, fails, run_steps};

#[test]
fn direct_egld_moves_the_contract_balance() {
    let steps = [
        call("sendEgld", &["address:bob", "120"], r#"{ "out": [], "status": "0", "logs": "*" }"#),
        call("sendEgld", &["address:bob", "1000"], &fails(10, "failed transfer (insufficient funds)")),
        r#"{
            "step": "checkState",
            "accounts": {
                "address:bob": { "balance": "120", "nonce": "*" },
                "sc:kitchen": { "balance": "380", "code": "*", "nonce": "*", "owner": "*", "storage": "*" },
                "+": ""
            }
        }"#
        .to_string(),
    ];
    run_steps(&steps.join(",\n"));
}

#[test]
fn a_synchronous_call_returns_the_callee_result() {
    let steps = [call(
        "callDouble",
        &["sc:callee", "21"],
        r#"{ "out": ["42", "42"], "status": "0" }"#,
    )];
    run_steps(&steps.join(",\n"));
}

#[test]
fn a_promise_runs_its_success_callback_with_the_results_and_the_closure() {
    let steps = [
        call(
            "asyncCall",
            &["sc:callee", "str:double", "5"],
            r#"{ "out": "*", "status": "0" }"#,
        ),
        crate::kitchen_storage(r#"{ "str:callback": "str:done/|0x00|str:/|0x0a|str:/ctx" }"#),
    ];
    run_steps(&steps.join(",\n"));
}

#[test]
fn a_failed_promise_runs_its_error_callback_with_the_code_and_message() {
    let steps = [
        call(
            "asyncCall",
            &["sc:callee", "str:fail", "5"],
            r#"{ "out": "*", "status": "0" }"#,
        ),
        crate::kitchen_storage(r#"{ "str:callback": "str:fail/|0x04|str:/callee failed/ctx" }"#),
    ];
    run_steps(&steps.join(",\n"));
}

//! Transfers and calls to other contracts.

use crate::{call, call_from, fails, run_steps};

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
            "callAsync",
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
            "callAsync",
            &["sc:callee", "str:fail", "5"],
            r#"{ "out": "*", "status": "0" }"#,
        ),
        crate::kitchen_storage(r#"{ "str:callback": "str:fail/|0x04|str:/callee failed/ctx" }"#),
    ];
    run_steps(&steps.join(",\n"));
}

/// An ESDT call step from alice to the kitchen.
fn esdt_call(function: &str, payments: &[(&str, &str)], expect: &str) -> String {
    let payments: Vec<String> = payments
        .iter()
        .map(|(token, value)| format!(r#"{{ "tokenIdentifier": "{token}", "value": "{value}" }}"#))
        .collect();
    format!(
        r#"{{
            "step": "scCall",
            "tx": {{
                "from": "address:alice", "to": "sc:kitchen", "esdtValue": [{}],
                "function": "{function}", "arguments": [], "gasLimit": "50,000,000", "gasPrice": "0"
            }},
            "expect": {expect}
        }}"#,
        payments.join(", ")
    )
}

#[test]
fn esdt_payments_are_read_and_sent_back() {
    let give_alice_tokens = r#"{
        "step": "setState",
        "accounts": {
            "address:alice": { "nonce": "0", "balance": "0", "esdt": { "str:TOK-123456": "100", "str:OTH-abcdef": "100" } }
        }
    }"#;
    let one = "nested:str:TOK-123456|u64:0|biguint:10";
    let two = "nested:str:OTH-abcdef|u64:0|biguint:3";
    let steps = [
        give_alice_tokens.to_string(),
        esdt_call("esdtEcho", &[("str:TOK-123456", "10"), ("str:OTH-abcdef", "3")], &format!(
            r#"{{ "out": ["{one}|{two}"], "status": "0", "logs": "*" }}"#
        )),
        esdt_call("singleEsdt", &[("str:TOK-123456", "10")], &format!(
            r#"{{ "out": ["{one}"], "status": "0", "logs": "*" }}"#
        )),
        esdt_call("singleEsdt", &[], &fails(4, "function expects single ESDT payment")),
        call("esdtBalance", &["str:TOK-123456"], r#"{ "out": ["20"], "status": "0" }"#),
        call("sendEsdt", &["address:bob", "str:TOK-123456", "15"], r#"{ "out": [], "status": "0", "logs": "*" }"#),
        r#"{
            "step": "checkState",
            "accounts": {
                "address:bob": { "esdt": { "str:TOK-123456": "15" }, "balance": "*", "nonce": "*" },
                "sc:kitchen": { "esdt": { "str:TOK-123456": "5", "str:OTH-abcdef": "3" }, "balance": "*", "code": "*", "nonce": "*", "owner": "*", "storage": "*" },
                "+": ""
            }
        }"#
        .to_string(),
    ];
    run_steps(&steps.join(",\n"));
}

#[test]
fn a_deploy_from_source_copies_the_callee() {
    let new_address = r#"{
        "step": "setState",
        "newAddresses": [
            { "creatorAddress": "sc:kitchen", "creatorNonce": "0", "newAddress": "sc:copy" }
        ]
    }"#;
    let steps = [
        new_address.to_string(),
        call(
            "deployCopy",
            &["sc:callee"],
            r#"{ "out": ["sc:copy"], "status": "0", "logs": "*" }"#,
        ),
        call_from(
            "address:bob",
            "sc:copy",
            "0",
            "double",
            &["4"],
            r#"{ "out": ["8"], "status": "0" }"#,
        ),
        format!(
            r#"{{
            "step": "checkState",
            "accounts": {{
                "sc:copy": {{ "code": "{}", "nonce": "*", "balance": "0", "owner": "sc:kitchen", "storage": {{}} }},
                "+": ""
            }}
        }}"#,
            crate::code("callee")
        ),
    ];
    run_steps(&steps.join(",\n"));
}

#[test]
fn the_data_of_an_nft_comes_with_its_metadata() {
    let nft = r#"{
        "step": "setState",
        "accounts": {
            "address:bob": {
                "nonce": "0", "balance": "0",
                "esdt": {
                    "str:NFT-123456": {
                        "instances": [{
                            "nonce": "3", "balance": "1", "creator": "address:alice",
                            "royalties": "500", "hash": "str:h", "uri": ["str:https://x"],
                            "attributes": "str:a"
                        }]
                    },
                    "str:FUN-123456": "7"
                }
            }
        }
    }"#;
    let steps = [
        nft.to_string(),
        call(
            "tokenData",
            &["address:bob", "str:NFT-123456", "3"],
            r#"{ "out": ["1|str:/|str:/|address:alice|str:/|500|str:/https://x"], "status": "0" }"#,
        ),
        call(
            "tokenData",
            &["address:bob", "str:FUN-123456", "0"],
            r#"{ "out": ["7|str:////"], "status": "0" }"#,
        ),
    ];
    run_steps(&steps.join(",\n"));
}

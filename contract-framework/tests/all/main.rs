//! The framework's integration tests: contracts written against it run natively on vm-core
//! through the debugger executor, in scenarios checking results, storage layouts, logs and
//! errors.

mod calls;
mod contracts;
mod storage;
mod values;

use std::path::Path;
use std::sync::Arc;

use blockchain_hooks::GasSchedule;
use executor_debugger::DebuggerExecutor;
use vm_core::{VmConfig, VmHost};
use vm_handler::VmHandler;
use world_mock::ScenarioRunner;

/// The code the scenarios give the test contracts: the debugger runs their native builds.
pub const KITCHEN_CODE: &str = "str:kitchen-native";
/// The callee's code.
pub const CALLEE_CODE: &str = "str:callee-native";

fn runner() -> ScenarioRunner {
    ScenarioRunner::new(|schedule: &GasSchedule| {
        let mut executor = DebuggerExecutor::new();
        executor.register(b"kitchen-native".to_vec(), contracts::kitchen::native());
        executor.register(b"callee-native".to_vec(), contracts::callee::native());
        let vm = VmHost::new(Arc::new(executor), schedule.clone(), VmConfig::default());
        Ok(Arc::new(vm) as Arc<dyn VmHandler>)
    })
}

/// Runs `steps` (a JSON list of scenario steps) after a set-up with the kitchen at
/// `sc:kitchen`, the callee at `sc:callee` and two users holding EGLD.
pub fn run_steps(steps: &str) {
    let scenario = format!(
        r#"{{
            "steps": [
                {{
                    "step": "setState",
                    "accounts": {{
                        "address:alice": {{ "nonce": "0", "balance": "1,000,000" }},
                        "address:bob": {{ "nonce": "0", "balance": "0" }},
                        "sc:kitchen": {{ "nonce": "0", "balance": "500", "code": "{KITCHEN_CODE}", "owner": "address:alice" }},
                        "sc:callee": {{ "nonce": "0", "balance": "0", "code": "{CALLEE_CODE}", "owner": "address:alice" }}
                    }}
                }},
                {steps}
            ]
        }}"#
    );
    if let Err(error) = runner().run_str(&scenario, Path::new("framework-test.scen.json")) {
        panic!("{error}");
    }
}

/// A call step from alice to the kitchen with `function` and `args` (JSON strings), expecting
/// `expect` (a JSON object).
pub fn call(function: &str, args: &[&str], expect: &str) -> String {
    call_from("address:alice", "sc:kitchen", "0", function, args, expect)
}

/// A call step with every field given.
pub fn call_from(
    from: &str,
    to: &str,
    egld: &str,
    function: &str,
    args: &[&str],
    expect: &str,
) -> String {
    let args: Vec<String> = args.iter().map(|a| format!("\"{a}\"")).collect();
    format!(
        r#"{{
            "step": "scCall",
            "tx": {{
                "from": "{from}", "to": "{to}", "egldValue": "{egld}", "function": "{function}",
                "arguments": [{}], "gasLimit": "50,000,000", "gasPrice": "0"
            }},
            "expect": {expect}
        }}"#,
        args.join(", ")
    )
}

/// An expectation of success with results `out` (JSON strings).
pub fn ok(out: &[&str]) -> String {
    let out: Vec<String> = out.iter().map(|o| format!("\"{o}\"")).collect();
    format!(
        r#"{{ "out": [{}], "status": "0", "message": "", "refund": "*" }}"#,
        out.join(", ")
    )
}

/// An expectation of failure with `status` and `message`.
pub fn fails(status: u32, message: &str) -> String {
    format!(r#"{{ "out": [], "status": "{status}", "message": "str:{message}" }}"#)
}

/// A check of the kitchen's storage (a JSON object of key: value).
pub fn kitchen_storage(storage: &str) -> String {
    format!(
        r#"{{
            "step": "checkState",
            "accounts": {{ "sc:kitchen": {{ "storage": {storage}, "code": "*", "balance": "*", "nonce": "*", "owner": "*" }}, "+": "" }}
        }}"#
    )
}

//! The framework's integration tests: two contracts written against it
//! (`test-contracts/kitchen`, `test-contracts/callee`) run on vm-core twice, their wasm builds
//! on Wasmer and their native builds on the debugger executor, in scenarios checking results,
//! storage layouts, logs and errors (not gas: the debugger does not meter opcodes).

mod calls;
mod storage;
mod values;

use std::path::Path;
use std::sync::Arc;

use blockchain_hooks::GasSchedule;
use executor_api::Executor;
use executor_debugger::DebuggerExecutor;
use executor_wasmer::{WasmerConfig, WasmerExecutor};
use vm_core::{VmConfig, VmHost};
use vm_handler::{VmError, VmHandler};
use world_mock::ScenarioRunner;

/// The committed wasm of a test contract.
fn wasm_path(contract: &str) -> String {
    format!(
        "{}/test-contracts/{contract}/output/framework-{contract}.wasm",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// The scenario value of a test contract's code.
pub fn code(contract: &str) -> String {
    format!("file:{}", wasm_path(contract))
}

fn vm(executor: Arc<dyn Executor>, schedule: &GasSchedule) -> Arc<dyn VmHandler> {
    Arc::new(VmHost::new(executor, schedule.clone(), VmConfig::default()))
}

/// vm-core on Wasmer, running the contracts' wasm builds.
fn wasmer_runner() -> ScenarioRunner {
    ScenarioRunner::new(|schedule: &GasSchedule| {
        let config = WasmerConfig::new(schedule.wasm_opcode_cost.clone());
        let executor = WasmerExecutor::new(config).map_err(|e| VmError::Executor(e.to_string()))?;
        Ok(vm(Arc::new(executor), schedule))
    })
}

/// vm-core on the debugger executor, running the contracts' native builds in place of the
/// same wasm.
fn debugger_runner() -> ScenarioRunner {
    ScenarioRunner::new(|schedule: &GasSchedule| {
        let mut executor = DebuggerExecutor::new();
        let read = |contract: &str| {
            std::fs::read(wasm_path(contract)).map_err(|e| VmError::Executor(e.to_string()))
        };
        executor.register(read("kitchen")?, kitchen::native());
        executor.register(read("callee")?, callee::native());
        Ok(vm(Arc::new(executor), schedule))
    })
}

/// Runs `steps` (a JSON list of scenario steps) after a set-up with the kitchen at
/// `sc:kitchen`, the callee at `sc:callee` and two users holding EGLD, once on Wasmer (the
/// wasm builds) and once on the debugger executor (the native builds).
pub fn run_steps(steps: &str) {
    let (kitchen, callee) = (code("kitchen"), code("callee"));
    let scenario = format!(
        r#"{{
            "steps": [
                {{
                    "step": "setState",
                    "accounts": {{
                        "address:alice": {{ "nonce": "0", "balance": "1,000,000" }},
                        "address:bob": {{ "nonce": "0", "balance": "0" }},
                        "sc:kitchen": {{ "nonce": "0", "balance": "500", "code": "{kitchen}", "owner": "address:alice" }},
                        "sc:callee": {{ "nonce": "0", "balance": "0", "code": "{callee}", "owner": "address:alice" }}
                    }}
                }},
                {steps}
            ]
        }}"#
    );
    let file = Path::new("framework-test.scen.json");
    for (name, runner) in [("wasmer", wasmer_runner()), ("debugger", debugger_runner())] {
        if let Err(error) = runner.run_str(&scenario, file) {
            panic!("on the {name} executor: {error}");
        }
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

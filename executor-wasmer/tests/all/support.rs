//! Helpers shared by the test areas.

use std::sync::Arc;

use executor_api::{
    CodeHash, EarlyExit, ExecutorError, GasSchedule, InstanceOptions, OpcodeCost, ReturnCode,
};
use sha2::{Digest, Sha256};
use strata_executor_wasmer::{WasmerConfig, WasmerExecutor, WasmerInstance, WasmerModule};

/// The code hash the VM would use: here the SHA-256 of the code.
pub fn hash_of(code: &[u8]) -> CodeHash {
    CodeHash(Sha256::digest(code).into())
}

/// The opcode costs of gas schedule V4.
pub fn v4() -> OpcodeCost {
    GasSchedule::v4().wasm_opcode_cost
}

/// An executor with `cost` and no disk cache.
pub fn executor_with(cost: OpcodeCost) -> WasmerExecutor {
    WasmerExecutor::new(WasmerConfig::new(cost)).expect("executor")
}

/// Compiles `wat` with `executor`.
pub fn compile(executor: &WasmerExecutor, wat: &str) -> Result<Arc<WasmerModule>, ExecutorError> {
    let code = wat::parse_str(wat).expect("valid WAT");
    executor.compile_wasmer(hash_of(&code), &code)
}

/// An instance of `wat` compiled with `cost`, with `gas_limit`.
pub fn instance_with(cost: OpcodeCost, wat: &str, gas_limit: u64) -> WasmerInstance {
    let module = compile(&executor_with(cost), wat).expect("compiles");
    module
        .instantiate_wasmer(&InstanceOptions::with_gas_limit(gas_limit))
        .expect("instantiates")
}

/// An instance of `wat` compiled with the V4 costs.
pub fn instance(wat: &str, gas_limit: u64) -> WasmerInstance {
    instance_with(v4(), wat, gas_limit)
}

/// The message of the `InvalidContract` error that compiling `wat` must give.
pub fn invalid(wat: &str) -> String {
    match compile(&executor_with(v4()), wat) {
        Err(ExecutorError::InvalidContract(message)) => message,
        Err(other) => panic!("expected InvalidContract, got {other:?}"),
        Ok(_) => panic!("expected InvalidContract, the module compiled"),
    }
}

/// Asserts that `result` is the early exit `code` with `message`.
pub fn assert_exit(result: Result<(), EarlyExit>, code: ReturnCode, message: &str) {
    assert_eq!(result, Err(EarlyExit::new(code, message)));
}

//! Helpers shared by Strata's fuzz targets: a VM on Wasmer against a mock chain, and a
//! generator of small valid contracts restricted to the allowed operators.

pub mod reference;

use std::sync::{Arc, LazyLock};

use blockchain_hooks::{
    Address, CallType, CodeMetadata, ContractCallInput, GasSchedule, VmInput, VmOutput,
};
use executor_wasmer::{WasmerConfig, WasmerExecutor};
use strata_vm_core::testing::MockChain;
use strata_vm_core::{VmConfig, VmHost};
use vm_handler::VmHandler;

pub use strata_blockchain_hooks as blockchain_hooks;
pub use strata_executor_api as executor_api;
pub use strata_executor_wasmer as executor_wasmer;
pub use strata_vm_handler as vm_handler;

/// One executor for every run (modules are cached by hash).
pub static EXECUTOR: LazyLock<Arc<WasmerExecutor>> = LazyLock::new(|| {
    Arc::new(
        WasmerExecutor::new(WasmerConfig::new(GasSchedule::v4().wasm_opcode_cost))
            .expect("executor"),
    )
});

/// A VM with the v4 schedule and a 2 s time limit.
pub fn vm() -> VmHost {
    let config = VmConfig {
        time_limit: Some(std::time::Duration::from_secs(2)),
        ..VmConfig::default()
    };
    VmHost::new(EXECUTOR.clone(), GasSchedule::v4(), config)
}

/// The contract's address.
pub fn contract() -> Address {
    let mut bytes = [0u8; 32];
    bytes[8] = 5;
    bytes[31] = 1;
    Address(bytes)
}

/// The caller.
pub fn user() -> Address {
    Address([2; 32])
}

/// A chain with `code` installed at [`contract`].
pub fn chain_with(code: Vec<u8>) -> MockChain {
    MockChain::new()
        .with_user(user(), 1_000_000, 1)
        .with_contract(contract(), code, CodeMetadata([5, 6]), user())
}

/// Calls `function` of [`contract`] with `gas`.
pub fn call(
    vm: &VmHost,
    chain: &MockChain,
    function: &str,
    args: Vec<Vec<u8>>,
    gas: u64,
) -> VmOutput {
    let input = ContractCallInput {
        vm_input: VmInput {
            caller: user(),
            original_caller: user(),
            arguments: args,
            gas_provided: gas,
            gas_price: 1_000_000_000,
            call_type: CallType::DirectCall,
            current_tx_hash: vec![1; 32],
            original_tx_hash: vec![1; 32],
            ..VmInput::default()
        },
        recipient: contract(),
        function: function.to_owned(),
        allow_init: false,
    };
    match vm.run_smart_contract_call(&input, chain) {
        Ok(out) => out,
        Err(e) => panic!("infrastructure error from contract input: {e}"),
    }
}

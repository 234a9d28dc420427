//! vm-core's integration tests: contracts in WAT, run on the Wasmer executor against a
//! `BlockchainHooks` test double, one module per hook domain.

mod harness;

mod account;
mod args;
mod async_calls;
mod big_float;
mod big_int;
mod block;
mod bls;
mod call_value;
mod calls_managed;
mod coverage;
mod crypto;
mod deploys;
mod elliptic_curve;
mod errors;
mod esdt;
mod flows;
mod hostile;
mod hostile_hooks;
mod logs;
mod managed_buffer;
mod managed_map;
mod properties;
mod small_ints;
mod soak;
mod storage;
mod sync_calls;
mod transfers;

#[test]
fn refused_hooks_are_hooks_of_the_table() {
    let refused = strata_vm_core::refused_hooks();
    for name in &refused {
        assert!(executor_api::hook_info(name).is_some(), "{name}");
        assert!(strata_vm_core::is_refused(name));
    }
    assert!(refused.len() < executor_api::HOOKS.len() + 1);
    assert!(!strata_vm_core::is_refused("notAHook"));
}

//! Transfers and calls to other contracts.
//!
//! Synchronous calls use `managedExecuteOnDestContext` (results come back as buffers);
//! asynchronous calls use promises (`managedCreateAsyncCall`) with named success and error
//! callbacks, which are endpoints of the calling contract marked `#[callback]`; deploys use
//! `managedDeployFromSourceContract` / `managedCreateContract`.

use crate::hooks;
use crate::types::{BigUint, EsdtTokenPayment, ManagedAddress, ManagedBuffer, ManagedVec};

/// The arguments of a call, each a top-encoded value.
pub type CallArgs = ManagedVec<ManagedBuffer>;

/// Sends `amount` EGLD to `to` (no function called).
pub fn direct_egld(to: &ManagedAddress, amount: &BigUint) {
    transfer_execute_egld(to, amount, 0, &ManagedBuffer::new(), &CallArgs::new());
}

/// Sends ESDT `payments` to `to` (no function called).
pub fn direct_esdt(to: &ManagedAddress, payments: &ManagedVec<EsdtTokenPayment>) {
    transfer_execute_esdt(to, payments, 0, &ManagedBuffer::new(), &CallArgs::new());
}

/// Sends `amount` EGLD to `to` and calls `function` there with `args` and `gas`, without
/// waiting (transfer-execute). The VM stops the contract on failure.
pub fn transfer_execute_egld(
    to: &ManagedAddress,
    amount: &BigUint,
    gas: u64,
    function: &ManagedBuffer,
    args: &CallArgs,
) {
    // SAFETY: handles only.
    unsafe {
        hooks::managed_transfer_value_execute(
            to.handle(),
            amount.handle(),
            gas as i64,
            function.handle(),
            args.handle(),
        )
    };
}

/// Sends ESDT `payments` to `to` and calls `function` there (transfer-execute).
pub fn transfer_execute_esdt(
    to: &ManagedAddress,
    payments: &ManagedVec<EsdtTokenPayment>,
    gas: u64,
    function: &ManagedBuffer,
    args: &CallArgs,
) {
    // SAFETY: handles only.
    unsafe {
        hooks::managed_multi_transfer_esdt_nft_execute(
            to.handle(),
            payments.handle(),
            gas as i64,
            function.handle(),
            args.handle(),
        )
    };
}

/// Calls `function` of `to` synchronously with `value` EGLD, `gas` and `args`; the results
/// of the callee, each a buffer. A failing callee fails the caller (the VM stops it).
pub fn execute_on_dest_context(
    to: &ManagedAddress,
    value: &BigUint,
    gas: u64,
    function: &ManagedBuffer,
    args: &CallArgs,
) -> CallArgs {
    let results = CallArgs::new();
    // SAFETY: handles only.
    unsafe {
        hooks::managed_execute_on_dest_context(
            gas as i64,
            to.handle(),
            value.handle(),
            function.handle(),
            args.handle(),
            results.handle(),
        )
    };
    results
}

/// Calls `function` of `to` read-only (no state change allowed); the callee's results.
pub fn execute_read_only(
    to: &ManagedAddress,
    gas: u64,
    function: &ManagedBuffer,
    args: &CallArgs,
) -> CallArgs {
    let results = CallArgs::new();
    // SAFETY: handles only.
    unsafe {
        hooks::managed_execute_read_only(
            gas as i64,
            to.handle(),
            function.handle(),
            args.handle(),
            results.handle(),
        )
    };
    results
}

/// An asynchronous call (a promise): `function` of `to` with `value` EGLD and `args`, run
/// after the caller ends; then `success` or `error` (endpoints of the caller, `#[callback]`)
/// runs with `closure` readable through [`callback_closure`].
#[derive(Debug)]
pub struct AsyncCall<'a> {
    /// The callee.
    pub to: &'a ManagedAddress,
    /// The EGLD sent.
    pub value: &'a BigUint,
    /// The function called.
    pub function: &'a ManagedBuffer,
    /// Its arguments.
    pub args: &'a CallArgs,
    /// The gas given to the callee.
    pub gas: u64,
    /// The gas kept for the callback.
    pub extra_gas_for_callback: u64,
    /// The callback on success (empty: none).
    pub success: &'a str,
    /// The callback on failure (empty: none).
    pub error: &'a str,
    /// Data handed to the callback.
    pub closure: &'a ManagedBuffer,
}

/// Registers the promise `call` (`managedCreateAsyncCall`); the VM stops the contract when it
/// refuses it.
pub fn register_promise(call: &AsyncCall<'_>) {
    // SAFETY: the callback names are valid for their lengths; the rest are handles.
    unsafe {
        hooks::managed_create_async_call(
            call.to.handle(),
            call.value.handle(),
            call.function.handle(),
            call.args.handle(),
            call.success.as_ptr() as isize,
            call.success.len() as isize,
            call.error.as_ptr() as isize,
            call.error.len() as isize,
            call.gas as i64,
            call.extra_gas_for_callback as i64,
            call.closure.handle(),
        )
    };
}

/// In a callback: the closure data its promise registered.
pub fn callback_closure() -> ManagedBuffer {
    let result = ManagedBuffer::new();
    // SAFETY: a handle only.
    unsafe { hooks::managed_get_callback_closure(result.handle()) };
    result
}

/// Deploys a copy of the code of the contract at `source` with `args`, `value` EGLD and
/// `gas`; the new address and the init results.
pub fn deploy_from_source(
    source: &ManagedAddress,
    code_metadata: &ManagedBuffer,
    value: &BigUint,
    gas: u64,
    args: &CallArgs,
) -> (ManagedAddress, CallArgs) {
    let address = ManagedBuffer::new();
    let results = CallArgs::new();
    // SAFETY: handles only.
    unsafe {
        hooks::managed_deploy_from_source_contract(
            gas as i64,
            value.handle(),
            source.handle(),
            code_metadata.handle(),
            args.handle(),
            address.handle(),
            results.handle(),
        )
    };
    (ManagedAddress::from_handle(address.handle()), results)
}

/// Deploys `code` with `args`, `value` EGLD and `gas`; the new address and the init results.
pub fn deploy_contract(
    code: &ManagedBuffer,
    code_metadata: &ManagedBuffer,
    value: &BigUint,
    gas: u64,
    args: &CallArgs,
) -> (ManagedAddress, CallArgs) {
    let address = ManagedBuffer::new();
    let results = CallArgs::new();
    // SAFETY: handles only.
    unsafe {
        hooks::managed_create_contract(
            gas as i64,
            value.handle(),
            code.handle(),
            code_metadata.handle(),
            args.handle(),
            address.handle(),
            results.handle(),
        )
    };
    (ManagedAddress::from_handle(address.handle()), results)
}

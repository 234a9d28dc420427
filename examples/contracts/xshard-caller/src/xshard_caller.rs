//! The caller of the cross-shard example pair: `callRecord(callee, value)` sends the EGLD it
//! gets and `value` to the callee's `record` as a promise (an asynchronous call), with the
//! value as the callback's closure. When the callee succeeds, `on_recorded` stores its result;
//! when it fails, `on_failed` stores the error code and message (and the EGLD comes back).
//! Either way the callback stores the value asked, read from the closure.
//!
//! The callee may be in the caller's shard or in another: the final state is the same (the
//! scenarios run both placements, with `strata test --cross-shard`).
//!
//! Storage: `result`, `errorCode`, `error`, `asked`.
#![no_std]

use strata_contract_framework::prelude::*;

/// Gas given to the callee.
const CALL_GAS: u64 = 10_000_000;
/// Gas kept for the callback.
const CALLBACK_GAS: u64 = 5_000_000;

/// The caller.
#[contract]
pub trait XshardCaller {
    /// The callee's last result.
    #[view(getResult)]
    #[storage_mapper("result")]
    fn result(&self) -> SingleValueMapper<BigUint>;

    /// The last failure's return code (4: user error).
    #[view(getErrorCode)]
    #[storage_mapper("errorCode")]
    fn error_code(&self) -> SingleValueMapper<u32>;

    /// The last failure's message.
    #[view(getError)]
    #[storage_mapper("error")]
    fn error(&self) -> SingleValueMapper<ManagedBuffer>;

    /// The value of the last call whose callback ran.
    #[view(getAsked)]
    #[storage_mapper("asked")]
    fn asked(&self) -> SingleValueMapper<BigUint>;

    /// Nothing to set.
    #[init]
    fn init(&self) {}

    /// Calls `record(value)` on `callee` asynchronously with the EGLD of this call.
    #[endpoint(callRecord)]
    #[payable("EGLD")]
    fn call_record(&self, callee: ManagedAddress, value: BigUint) {
        let mut args = send::CallArgs::new();
        args.push(value.to_bytes_be_buffer());
        send::register_promise(&send::AsyncCall {
            to: &callee,
            value: &call_value::egld_value(),
            function: &ManagedBuffer::from("record"),
            args: &args,
            gas: CALL_GAS,
            extra_gas_for_callback: CALLBACK_GAS,
            success: "on_recorded",
            error: "on_failed",
            closure: &value.to_bytes_be_buffer(),
        });
    }

    /// The callee succeeded: `code` is 0, `result` its answer.
    #[callback]
    fn on_recorded(&self, code: u32, result: BigUint) {
        require!(code == 0, "a success callback with an error code");
        self.result().set(result);
        self.remember_asked();
    }

    /// The callee failed with `code` and `message`.
    #[callback]
    fn on_failed(&self, code: u32, message: ManagedBuffer) {
        self.error_code().set(code);
        self.error().set(message);
        self.remember_asked();
    }

    /// Stores the value the promise was made with (its closure).
    fn remember_asked(&self) {
        let closure = send::callback_closure();
        self.asked().set(BigUint::from_bytes_be_buffer(&closure));
    }
}

//! The callee of the cross-shard example pair: `record(value)` stores the value and who asked,
//! keeps the EGLD sent with it and answers the value doubled; values above 1000 are refused.
//!
//! Storage: `recorded` (the last value), `lastCaller` (the account that recorded it).
#![no_std]

use strata_contract_framework::prelude::*;

/// The largest value `record` accepts.
pub const MAX_VALUE: u64 = 1_000;

/// The error of a value above [`MAX_VALUE`].
pub const TOO_LARGE: &str = "too large to record";

/// The callee.
#[contract]
pub trait XshardCallee {
    /// The last value recorded.
    #[view(getRecorded)]
    #[storage_mapper("recorded")]
    fn recorded(&self) -> SingleValueMapper<BigUint>;

    /// The account that recorded it.
    #[view(getLastCaller)]
    #[storage_mapper("lastCaller")]
    fn last_caller(&self) -> SingleValueMapper<ManagedAddress>;

    /// Nothing to set.
    #[init]
    fn init(&self) {}

    /// Records `value` (at most 1000), keeps the EGLD sent and answers `2 × value`.
    #[endpoint]
    #[payable("EGLD")]
    fn record(&self, value: BigUint) -> BigUint {
        // A big-integer comparison: smaller code here than the framework's `<= u64`.
        let max = BigUint::from(MAX_VALUE);
        require!(value <= max, TOO_LARGE);
        let caller = blockchain::caller();
        self.recorded_event(&caller, &value);
        self.last_caller().set(caller);
        self.recorded().set(&value);
        &value + &value
    }

    /// `caller` recorded `value`.
    #[event("recorded")]
    fn recorded_event(&self, #[indexed] caller: &ManagedAddress, value: &BigUint);
}

//! One of the simplest contracts: a sum in storage (key `sum`) that anyone can add to.
#![no_std]

use strata_contract_framework::prelude::*;

/// A sum anyone can add to.
#[contract]
pub trait Adder {
    /// The current sum.
    #[view(getSum)]
    #[storage_mapper("sum")]
    fn sum(&self) -> SingleValueMapper<BigUint>;

    /// Starts the sum at `initial_value`.
    #[init]
    fn init(&self, initial_value: BigUint) {
        self.sum().set(initial_value);
    }

    /// Sets the sum again on upgrade.
    #[upgrade]
    fn upgrade(&self, initial_value: BigUint) {
        self.init(initial_value);
    }

    /// Adds `value` to the sum.
    #[endpoint]
    fn add(&self, value: BigUint) {
        self.sum().update(|sum| *sum += value);
    }
}

//! The contract the kitchen calls in the framework's tests.
#![no_std]

use strata_contract_framework::prelude::*;

#[contract]
pub trait Callee {
    #[init]
    fn init(&self) {}

    #[endpoint]
    fn double(&self, x: BigUint) -> BigUint {
        &x + &x
    }

    #[endpoint]
    fn fail(&self, _x: BigUint) {
        require!(false, "callee failed");
    }
}

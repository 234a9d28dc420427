//! A fungible token kept in contract storage (not ESDT): a supply minted to the deployer,
//! transfers, allowances and `transfer`/`approve` events, as in the classic ERC-20 shape.
//!
//! Storage: `totalSupply`, `balance` + holder (32 bytes), `allowance` + owner + spender.
#![no_std]

use strata_contract_framework::prelude::*;

/// The errors of the token, as `require!` messages.
pub mod errors {
    /// A transfer above the sender's balance.
    pub const INSUFFICIENT_FUNDS: &str = "insufficient funds";
    /// A `transferFrom` above the allowance.
    pub const ALLOWANCE_EXCEEDED: &str = "allowance exceeded";
}

/// A fungible token in storage.
#[contract]
pub trait Token {
    /// The total supply.
    #[view(totalSupply)]
    #[storage_mapper("totalSupply")]
    fn total_supply(&self) -> SingleValueMapper<BigUint>;

    /// The balance of `address`.
    #[view(balanceOf)]
    #[storage_mapper("balance")]
    fn balance(&self, address: &ManagedAddress) -> SingleValueMapper<BigUint>;

    /// How much `spender` may move from `owner`.
    #[view(allowance)]
    #[storage_mapper("allowance")]
    fn allowance(
        &self,
        owner: &ManagedAddress,
        spender: &ManagedAddress,
    ) -> SingleValueMapper<BigUint>;

    /// Mints `total_supply` to the deployer.
    #[init]
    fn init(&self, total_supply: BigUint) {
        let creator = blockchain::caller();
        self.balance(&creator).set(&total_supply);
        self.total_supply().set(&total_supply);
        self.transfer_event(&ManagedAddress::zero(), &creator, &total_supply);
    }

    /// Moves `amount` from the caller to `to`.
    #[endpoint]
    fn transfer(&self, to: ManagedAddress, amount: BigUint) {
        let sender = blockchain::caller();
        self.move_tokens(&sender, &to, &amount);
    }

    /// Lets `spender` move up to `amount` of the caller's tokens (replacing the previous
    /// allowance).
    #[endpoint]
    fn approve(&self, spender: ManagedAddress, amount: BigUint) {
        let owner = blockchain::caller();
        self.allowance(&owner, &spender).set(&amount);
        self.approve_event(&owner, &spender, &amount);
    }

    /// Moves `amount` from `from` to `to` on the caller's allowance.
    #[endpoint(transferFrom)]
    fn transfer_from(&self, from: ManagedAddress, to: ManagedAddress, amount: BigUint) {
        let spender = blockchain::caller();
        let allowance = self.allowance(&from, &spender);
        let allowed = allowance.get();
        require!(amount <= allowed, errors::ALLOWANCE_EXCEEDED);
        allowance.set(allowed - &amount);
        self.move_tokens(&from, &to, &amount);
    }

    /// Moves `amount` from `from` to `to`, with the `transfer` event.
    fn move_tokens(&self, from: &ManagedAddress, to: &ManagedAddress, amount: &BigUint) {
        let from_balance = self.balance(from);
        let available = from_balance.get();
        require!(*amount <= available, errors::INSUFFICIENT_FUNDS);
        from_balance.set(available - amount);
        self.balance(to).update(|balance| *balance += amount);
        self.transfer_event(from, to, amount);
    }

    /// `amount` moved from `from` to `to` (from the zero address when minted).
    #[event("transfer")]
    fn transfer_event(
        &self,
        #[indexed] from: &ManagedAddress,
        #[indexed] to: &ManagedAddress,
        amount: &BigUint,
    );

    /// `owner` let `spender` move up to `amount`.
    #[event("approve")]
    fn approve_event(
        &self,
        #[indexed] owner: &ManagedAddress,
        #[indexed] spender: &ManagedAddress,
        amount: &BigUint,
    );
}

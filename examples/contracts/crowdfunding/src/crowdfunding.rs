//! A crowdfunding campaign in one ESDT token: donors `fund` it until a deadline; then, if
//! the target was reached, the owner `claim`s everything raised, otherwise each donor
//! `claim`s their deposit back. Nothing is paid twice.
//!
//! Storage: `target`, `deadline`, `tokenIdentifier`, `raised` (the sum of all deposits),
//! `claimed` (set once the owner took the funds), `deposit` + donor (32 bytes).
#![no_std]

use strata_contract_framework::prelude::*;

/// The errors of the campaign, as `require!` messages.
pub mod errors {
    /// `init` with a zero target.
    pub const ZERO_TARGET: &str = "target must be more than 0";
    /// `init` with a deadline not after the current block's timestamp.
    pub const DEADLINE_IN_THE_PAST: &str = "deadline can't be in the past";
    /// `init` with something that is no ESDT identifier (`TICKER-abcdef`).
    pub const INVALID_TOKEN: &str = "invalid token provided";
    /// `fund` at or after the deadline.
    pub const FUND_AFTER_DEADLINE: &str = "cannot fund after deadline";
    /// `fund` with EGLD, another token or an NFT.
    pub const WRONG_TOKEN: &str = "wrong token";
    /// `claim` before the deadline.
    pub const CLAIM_BEFORE_DEADLINE: &str = "cannot claim before deadline";
    /// `claim` of a successful campaign by someone else than the owner.
    pub const ONLY_OWNER: &str = "only owner can claim successful funding";
    /// A second `claim` of the owner.
    pub const ALREADY_CLAIMED: &str = "funds already claimed";
    /// `claim` of a failed campaign by an account with no deposit (left).
    pub const NOTHING_TO_CLAIM: &str = "nothing to claim";
}

/// Where the campaign stands.
#[derive(
    TopEncode, TopDecode, NestedEncode, NestedDecode, TypeAbi, PartialEq, Eq, Clone, Copy, Debug,
)]
pub enum Status {
    /// Before the deadline: donations accepted.
    FundingPeriod,
    /// After the deadline with the target reached: the owner may claim.
    Successful,
    /// After the deadline below the target: donors may claim their deposits back.
    Failed,
}

/// A campaign raising `target` of one ESDT token before `deadline`.
#[contract]
pub trait Crowdfunding {
    /// The amount to raise.
    #[view(getTarget)]
    #[storage_mapper("target")]
    fn target(&self) -> SingleValueMapper<BigUint>;

    /// The end of the funding period (a block timestamp, in seconds).
    #[view(getDeadline)]
    #[storage_mapper("deadline")]
    fn deadline(&self) -> SingleValueMapper<u64>;

    /// The token of the campaign.
    #[view(getCrowdfundingTokenIdentifier)]
    #[storage_mapper("tokenIdentifier")]
    fn token_identifier(&self) -> SingleValueMapper<TokenIdentifier>;

    /// What `donor` deposited and has not claimed back.
    #[view(getDeposit)]
    #[storage_mapper("deposit")]
    fn deposit(&self, donor: &ManagedAddress) -> SingleValueMapper<BigUint>;

    /// The sum of all deposits (refunds do not lower it).
    #[view(getTotalRaised)]
    #[storage_mapper("raised")]
    fn raised(&self) -> SingleValueMapper<BigUint>;

    /// Whether the owner took the funds of the successful campaign.
    #[storage_mapper("claimed")]
    fn claimed(&self) -> SingleValueMapper<bool>;

    /// Starts a campaign for `target` of `token_identifier`, open until `deadline`.
    #[init]
    fn init(&self, target: BigUint, deadline: u64, token_identifier: TokenIdentifier) {
        require!(!target.is_zero(), errors::ZERO_TARGET);
        require!(
            deadline > blockchain::block_timestamp(),
            errors::DEADLINE_IN_THE_PAST
        );
        require!(is_esdt_identifier(&token_identifier), errors::INVALID_TOKEN);
        self.target().set(target);
        self.deadline().set(deadline);
        self.token_identifier().set(token_identifier);
    }

    /// Donates the ESDT payment of the call (the campaign's token only) before the deadline.
    #[endpoint]
    #[payable("*")]
    fn fund(&self) {
        require!(
            self.status() == Status::FundingPeriod,
            errors::FUND_AFTER_DEADLINE
        );
        require!(call_value::egld_value().is_zero(), errors::WRONG_TOKEN);
        let payment = call_value::single_esdt();
        require!(
            payment.token_nonce == 0 && payment.token_identifier == self.token_identifier().get(),
            errors::WRONG_TOKEN
        );
        let donor = blockchain::caller();
        self.deposit(&donor)
            .update(|deposit| *deposit += &payment.amount);
        self.raised().update(|raised| *raised += &payment.amount);
    }

    /// The campaign's state at the current block.
    #[view]
    fn status(&self) -> Status {
        if blockchain::block_timestamp() < self.deadline().get() {
            Status::FundingPeriod
        } else if self.raised().get() >= self.target().get() {
            Status::Successful
        } else {
            Status::Failed
        }
    }

    /// The contract's balance in the campaign's token.
    #[view(getCurrentFunds)]
    fn current_funds(&self) -> BigUint {
        let token = self.token_identifier().get();
        blockchain::esdt_balance(&blockchain::sc_address(), &token, 0)
    }

    /// After the deadline: the owner takes everything raised (successful campaign), or the
    /// caller takes their deposit back (failed campaign).
    #[endpoint]
    fn claim(&self) {
        let caller = blockchain::caller();
        let amount = match self.status() {
            Status::FundingPeriod => sc_panic!(errors::CLAIM_BEFORE_DEADLINE),
            Status::Successful => {
                require!(caller == blockchain::owner_address(), errors::ONLY_OWNER);
                require!(!self.claimed().get(), errors::ALREADY_CLAIMED);
                self.claimed().set(true);
                self.current_funds()
            }
            Status::Failed => {
                let deposit = self.deposit(&caller).take();
                require!(!deposit.is_zero(), errors::NOTHING_TO_CLAIM);
                deposit
            }
        };
        let mut payments = ManagedVec::new();
        payments.push(EsdtTokenPayment::new(
            self.token_identifier().get(),
            0,
            amount,
        ));
        send::direct_esdt(&caller, &payments);
    }
}

/// Whether `token` is an ESDT identifier (`TICKER-abcdef`), as the VM judges it: the hook
/// `validateTokenIdentifier`, which the framework does not wrap, reached by the contract
/// itself (an import on wasm, the running VM's hooks natively).
fn is_esdt_identifier(token: &TokenIdentifier) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        #[link(wasm_import_module = "env")]
        unsafe extern "C" {
            fn validateTokenIdentifier(token_id_handle: i32) -> i32;
        }
        // SAFETY: a handle only.
        unsafe { validateTokenIdentifier(token.handle()) != 0 }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        strata_contract_framework::native::with_vm(|hooks, instance| {
            hooks.validate_token_identifier(instance, token.handle())
        }) != 0
    }
}

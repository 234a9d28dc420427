//! A marketplace for NFTs: a seller lists an NFT by sending it with a price in EGLD; a buyer
//! pays the price and gets the NFT; the seller receives the price minus the royalties, which
//! go to the NFT's creator (both read from the chain with `blockchain::esdt_token_data`, as
//! the protocol stores them with the NFT); a seller may withdraw an NFT not sold.
//!
//! Storage: `listing` + token identifier (nested: 4-byte length, bytes) + nonce (8 bytes):
//! the [`Listing`] (seller, price) of an NFT for sale.
#![no_std]

use strata_contract_framework::prelude::*;

/// The errors of the marketplace, as `require!` messages.
pub mod errors {
    /// `listNft` with a fungible token (nonce 0) or more than one unit.
    pub const NOT_AN_NFT: &str = "only one NFT can be listed at a time";
    /// A zero price.
    pub const ZERO_PRICE: &str = "the price must be positive";
    /// `buy` or `withdraw` of an NFT that is not listed.
    pub const NOT_LISTED: &str = "this NFT is not listed";
    /// A payment different from the price.
    pub const WRONG_PRICE: &str = "the payment must be the price";
    /// `withdraw` by anyone but the seller.
    pub const NOT_SELLER: &str = "only the seller may withdraw";
}

/// The whole of the royalties: 100.00%.
const ROYALTIES_DENOMINATOR: u64 = 10_000;

/// An NFT for sale: who sells it, at what price.
#[derive(TopEncode, TopDecode, NestedEncode, NestedDecode, TypeAbi, Debug)]
pub struct Listing {
    /// The account that listed the NFT, paid when it sells.
    pub seller: ManagedAddress,
    /// The price in EGLD.
    pub price: BigUint,
}

/// The marketplace.
#[contract]
pub trait Marketplace {
    /// The listing of `token` at `nonce`, empty when not for sale.
    #[view(getListing)]
    #[storage_mapper("listing")]
    fn listing(&self, token: &TokenIdentifier, nonce: u64) -> SingleValueMapper<Listing>;

    /// No settings.
    #[init]
    fn init(&self) {}

    /// Lists the NFT sent with the call at `price` EGLD.
    #[endpoint(listNft)]
    #[payable("*")]
    fn list_nft(&self, price: BigUint) {
        let nft = call_value::single_esdt();
        require!(
            nft.token_nonce > 0 && nft.amount == BigUint::from(1u32),
            errors::NOT_AN_NFT
        );
        require!(!price.is_zero(), errors::ZERO_PRICE);
        let seller = blockchain::caller();
        let (token, nonce) = (nft.token_identifier, nft.token_nonce);
        self.listed_event(&token, nonce, &seller, &price);
        self.listing(&token, nonce).set(Listing { seller, price });
    }

    /// Buys the NFT `token` at `nonce`, paying its price in EGLD: the creator gets the
    /// royalties, the seller the rest, the caller the NFT.
    #[endpoint]
    #[payable("EGLD")]
    fn buy(&self, token: TokenIdentifier, nonce: u64) {
        let listing = self.listing(&token, nonce);
        require!(!listing.is_empty(), errors::NOT_LISTED);
        let Listing { seller, price } = listing.take();
        require!(call_value::egld_value() == price, errors::WRONG_PRICE);
        let nft = blockchain::esdt_token_data(&blockchain::sc_address(), &token, nonce);
        let royalties = &price * &nft.royalties / BigUint::from(ROYALTIES_DENOMINATOR);
        if !royalties.is_zero() {
            send::direct_egld(&nft.creator, &royalties);
        }
        send::direct_egld(&seller, &(&price - &royalties));
        let buyer = blockchain::caller();
        self.send_nft(&buyer, &token, nonce);
        self.sold_event(&token, nonce, &buyer, &royalties);
    }

    /// Takes back an NFT not sold (its seller only).
    #[endpoint]
    fn withdraw(&self, token: TokenIdentifier, nonce: u64) {
        let listing = self.listing(&token, nonce);
        require!(!listing.is_empty(), errors::NOT_LISTED);
        let seller = blockchain::caller();
        require!(listing.get().seller == seller, errors::NOT_SELLER);
        listing.clear();
        self.send_nft(&seller, &token, nonce);
    }

    /// Sends one unit of `token` at `nonce` to `to`.
    fn send_nft(&self, to: &ManagedAddress, token: &TokenIdentifier, nonce: u64) {
        let mut nft = ManagedVec::new();
        nft.push(EsdtTokenPayment::new(
            token.clone(),
            nonce,
            BigUint::from(1u32),
        ));
        send::direct_esdt(to, &nft);
    }

    /// `seller` listed `token` at `nonce` for `price`.
    #[event("listed")]
    fn listed_event(
        &self,
        #[indexed] token: &TokenIdentifier,
        #[indexed] nonce: u64,
        #[indexed] seller: &ManagedAddress,
        price: &BigUint,
    );

    /// `buyer` bought `token` at `nonce`; `royalties` went to its creator.
    #[event("sold")]
    fn sold_event(
        &self,
        #[indexed] token: &TokenIdentifier,
        #[indexed] nonce: u64,
        #[indexed] buyer: &ManagedAddress,
        royalties: &BigUint,
    );
}

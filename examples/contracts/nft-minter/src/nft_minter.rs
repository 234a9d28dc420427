//! Mints NFTs of one collection and sells each at a price in EGLD.
//!
//! The collection is issued outside the contract, which holds its `ESDTRoleNFTCreate` role (a
//! scenario gives it in `setState`). The owner creates an NFT with a name, royalties (in
//! hundredths of a percent, at most 10000) and a URI through the `ESDTNFTCreate` built-in
//! function, and sets its price; anyone buys it by paying exactly that price, and the NFT is
//! sent to the buyer. The payments stay in the contract.
//!
//! Storage: `collection` (the token identifier), `priceTag` + nonce (8 bytes, big-endian):
//! the price of an NFT still for sale.
#![no_std]

use strata_contract_framework::prelude::*;

/// The errors of the minter, as `require!` messages.
pub mod errors {
    /// Royalties above 10000 (100%).
    pub const ROYALTIES_TOO_HIGH: &str = "royalties cannot exceed 10000";
    /// `buyNft` of a nonce not for sale (never created, or already sold).
    pub const NOT_FOR_SALE: &str = "this NFT is not for sale";
    /// A payment different from the price.
    pub const WRONG_PRICE: &str = "the payment must be the price";
}

/// The largest royalties: 100.00%.
pub const MAX_ROYALTIES: u32 = 10_000;

/// One NFT minted at a time (quantity 1).
const NFT_AMOUNT: u64 = 1;

/// The NFT minter.
#[contract]
pub trait NftMinter {
    /// The collection the contract creates NFTs of.
    #[view(getCollection)]
    #[storage_mapper("collection")]
    fn collection(&self) -> SingleValueMapper<TokenIdentifier>;

    /// The price of the NFT `nonce`, empty (0) once sold.
    #[view(getPrice)]
    #[storage_mapper("priceTag")]
    fn price_tag(&self, nonce: u64) -> SingleValueMapper<BigUint>;

    /// Remembers the collection; the contract must be given its NFT-create role.
    #[init]
    fn init(&self, collection: TokenIdentifier) {
        self.collection().set(collection);
    }

    /// Creates an NFT (owner only) and puts it on sale at `price`. The call's output is the
    /// new nonce: the result of `ESDTNFTCreate`, which a synchronous call leaves in the
    /// return data.
    #[endpoint(createNft)]
    #[only_owner]
    fn create_nft(&self, name: ManagedBuffer, royalties: u32, uri: ManagedBuffer, price: BigUint) {
        require!(royalties <= MAX_ROYALTIES, errors::ROYALTIES_TOO_HIGH);
        let nonce = self.nft_create(&name, royalties, &uri);
        self.price_tag(nonce).set(price);
    }

    /// Buys the NFT `nonce`, paying its price in EGLD; the NFT goes to the caller.
    #[endpoint(buyNft)]
    #[payable("EGLD")]
    fn buy_nft(&self, nonce: u64) {
        let price_tag = self.price_tag(nonce);
        require!(!price_tag.is_empty(), errors::NOT_FOR_SALE);
        require!(
            call_value::egld_value() == price_tag.get(),
            errors::WRONG_PRICE
        );
        price_tag.clear();
        let mut nft = ManagedVec::new();
        nft.push(EsdtTokenPayment::new(
            self.collection().get(),
            nonce,
            BigUint::from(NFT_AMOUNT),
        ));
        send::direct_esdt(&blockchain::caller(), &nft);
    }

    /// Calls `ESDTNFTCreate` on the contract itself: one NFT with no hash nor attributes.
    fn nft_create(&self, name: &ManagedBuffer, royalties: u32, uri: &ManagedBuffer) -> u64 {
        let mut args = send::CallArgs::new();
        args.push(self.collection().get().as_buffer().clone());
        args.push(BigUint::from(NFT_AMOUNT).to_bytes_be_buffer());
        args.push(name.clone());
        args.push(BigUint::from(royalties).to_bytes_be_buffer());
        args.push(ManagedBuffer::new());
        args.push(ManagedBuffer::new());
        args.push(uri.clone());
        let results = send::execute_on_dest_context(
            &blockchain::sc_address(),
            &BigUint::zero(),
            blockchain::gas_left(),
            &ManagedBuffer::from("ESDTNFTCreate"),
            &args,
        );
        match results.get(0).and_then(|nonce| nonce.parse_as_u64()) {
            Some(nonce) => nonce,
            None => sc_panic!("ESDTNFTCreate gave no nonce"),
        }
    }
}

//! Information about the call, the contract and the chain.

use crate::hooks;
use crate::types::{BigUint, ManagedAddress, ManagedBuffer, ManagedVec, TokenIdentifier};

/// A new buffer filled by a hook taking a destination handle, as an address.
macro_rules! managed_address {
    ($hook:ident) => {{
        let buffer = ManagedBuffer::new();
        // SAFETY: a handle only.
        unsafe { hooks::$hook(buffer.handle()) };
        ManagedAddress::from_handle(buffer.handle())
    }};
}

/// The account that called the contract.
pub fn caller() -> ManagedAddress {
    managed_address!(managed_caller)
}

/// The contract's own address.
pub fn sc_address() -> ManagedAddress {
    managed_address!(managed_sc_address)
}

/// The contract's owner.
pub fn owner_address() -> ManagedAddress {
    managed_address!(managed_owner_address)
}

/// Stops the contract with "Endpoint can only be called by owner" unless the caller is the
/// contract's owner (what `#[only_owner]` endpoints check first).
pub fn check_caller_is_owner() {
    if caller() != owner_address() {
        crate::signal_error(crate::messages::ONLY_OWNER_CALLER);
    }
}

/// The current block's timestamp (seconds).
pub fn block_timestamp() -> u64 {
    // SAFETY: no pointer.
    unsafe { hooks::get_block_timestamp() as u64 }
}

/// The current block's nonce.
pub fn block_nonce() -> u64 {
    // SAFETY: no pointer.
    unsafe { hooks::get_block_nonce() as u64 }
}

/// The current block's round.
pub fn block_round() -> u64 {
    // SAFETY: no pointer.
    unsafe { hooks::get_block_round() as u64 }
}

/// The current block's epoch.
pub fn block_epoch() -> u64 {
    // SAFETY: no pointer.
    unsafe { hooks::get_block_epoch() as u64 }
}

/// The gas left to the contract.
pub fn gas_left() -> u64 {
    // SAFETY: no pointer.
    unsafe { hooks::get_gas_left() as u64 }
}

/// The EGLD balance of `address`.
pub fn balance(address: &ManagedAddress) -> BigUint {
    let bytes = address.to_array();
    let result = BigUint::zero();
    // SAFETY: `bytes` holds the 32 bytes of the address the hook reads.
    unsafe { hooks::big_int_get_external_balance(bytes.as_ptr() as isize, result.handle()) };
    result
}

/// The contract's own EGLD balance.
pub fn sc_balance() -> BigUint {
    balance(&sc_address())
}

/// The balance of `address` in the ESDT `token` at `nonce`.
pub fn esdt_balance(address: &ManagedAddress, token: &TokenIdentifier, nonce: u64) -> BigUint {
    let result = BigUint::zero();
    // SAFETY: handles only.
    unsafe {
        hooks::managed_get_esdt_balance(
            address.handle(),
            token.handle(),
            nonce as i64,
            result.handle(),
        )
    };
    result
}

/// What the chain holds of an ESDT token in an account (`managedGetESDTTokenData`).
#[derive(Debug)]
pub struct EsdtTokenData {
    /// The amount held.
    pub amount: BigUint,
    /// The token's properties (2 bytes; frozen and the like).
    pub properties: ManagedBuffer,
    /// For an NFT or SFT: its hash.
    pub hash: ManagedBuffer,
    /// For an NFT or SFT: its name.
    pub name: ManagedBuffer,
    /// For an NFT or SFT: its attributes.
    pub attributes: ManagedBuffer,
    /// For an NFT or SFT: who created it (an empty buffer for a token without metadata).
    pub creator: ManagedAddress,
    /// For an NFT or SFT: its royalties, in hundredths of a percent (0..=10000).
    pub royalties: BigUint,
    /// For an NFT or SFT: its URIs.
    pub uris: ManagedVec<ManagedBuffer>,
}

/// The data of `token` at `nonce` held by `address` (metadata fields empty for a fungible
/// token or a holding without metadata).
pub fn esdt_token_data(
    address: &ManagedAddress,
    token: &TokenIdentifier,
    nonce: u64,
) -> EsdtTokenData {
    let data = EsdtTokenData {
        amount: BigUint::zero(),
        properties: ManagedBuffer::new(),
        hash: ManagedBuffer::new(),
        name: ManagedBuffer::new(),
        attributes: ManagedBuffer::new(),
        creator: ManagedAddress::from_handle(ManagedBuffer::new().handle()),
        royalties: BigUint::zero(),
        uris: ManagedVec::new(),
    };
    // SAFETY: handles only.
    unsafe {
        hooks::managed_get_esdt_token_data(
            address.handle(),
            token.handle(),
            nonce as i64,
            data.amount.handle(),
            data.properties.handle(),
            data.hash.handle(),
            data.name.handle(),
            data.attributes.handle(),
            data.creator.handle(),
            data.royalties.handle(),
            data.uris.handle(),
        )
    };
    data
}

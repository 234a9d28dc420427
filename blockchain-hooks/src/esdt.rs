use num_bigint::BigUint;

use crate::Address;

/// The kind of an ESDT token, as the protocol numbers it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[repr(u32)]
pub enum EsdtTokenType {
    /// 0: fungible.
    #[default]
    Fungible = 0,
    /// 1: non-fungible.
    NonFungible = 1,
    /// 2: semi-fungible.
    SemiFungible = 2,
    /// 3: meta-ESDT.
    Meta = 3,
}

impl EsdtTokenType {
    /// The protocol's number of the type.
    pub fn as_u32(self) -> u32 {
        self as u32
    }

    /// The type with number `n`, if any.
    pub fn from_u32(n: u32) -> Option<Self> {
        [
            Self::Fungible,
            Self::NonFungible,
            Self::SemiFungible,
            Self::Meta,
        ]
        .get(n as usize)
        .copied()
    }
}

/// A token identifier and nonce: what an account holds a balance of (nonce 0 = fungible).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EsdtKey {
    /// The token identifier, e.g. `b"TOKEN-123456"`.
    pub token: Vec<u8>,
    /// The nonce (0 for fungible tokens).
    pub nonce: u64,
}

/// The metadata of an NFT, SFT or meta-ESDT instance.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EsdtMetadata {
    /// The instance nonce.
    pub nonce: u64,
    /// Name.
    pub name: Vec<u8>,
    /// Creator.
    pub creator: Address,
    /// Royalties, in basis points of 10 000.
    pub royalties: u32,
    /// Hash.
    pub hash: Vec<u8>,
    /// URIs.
    pub uris: Vec<Vec<u8>>,
    /// Attributes.
    pub attributes: Vec<u8>,
}

/// What an account holds of one token and nonce.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EsdtTokenData {
    /// The token type.
    pub token_type: EsdtTokenType,
    /// The balance.
    pub value: BigUint,
    /// The protocol's property bytes; bit 0 of byte 0 means frozen for this account.
    pub properties: Vec<u8>,
    /// The instance metadata (nonce > 0).
    pub metadata: Option<EsdtMetadata>,
}

impl EsdtTokenData {
    /// Whether the account's holding is frozen.
    pub fn is_frozen(&self) -> bool {
        self.properties.first().is_some_and(|b| b & 1 != 0)
    }
}

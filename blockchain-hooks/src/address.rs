use std::fmt;

/// A 32-byte account address.
///
/// Smart-contract addresses start with 8 zero bytes, followed by the 2-byte VM type
/// (`05 00` for this VM); the last byte decides the shard.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Address(pub [u8; 32]);

/// The VM type of contracts this VM runs: bytes 8–9 of their addresses.
pub const WASM_VM_TYPE: [u8; 2] = [5, 0];

impl Address {
    /// The all-zero address.
    pub const ZERO: Address = Address([0; 32]);

    /// The address made of `bytes`, if there are exactly 32.
    pub fn from_slice(bytes: &[u8]) -> Option<Self> {
        bytes.try_into().ok().map(Self)
    }

    /// The address bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Whether the address has the smart-contract layout (8 leading zero bytes).
    pub fn is_smart_contract(&self) -> bool {
        self.0[..8].iter().all(|&b| b == 0)
    }

    /// The VM type of a smart-contract address (bytes 8–9).
    pub fn vm_type(&self) -> [u8; 2] {
        [self.0[8], self.0[9]]
    }
}

impl fmt::Debug for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Address({self})")
    }
}

impl fmt::Display for Address {
    /// Hex, or the readable name for scenario-style addresses (`address:owner`, `sc:adder`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl From<[u8; 32]> for Address {
    fn from(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }
}

/// The two bytes of code metadata stored with a contract.
///
/// Byte 0: upgradeable `0x01`, readable `0x04`, guarded `0x08`; byte 1: payable `0x02`,
/// payable by smart contracts `0x04`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CodeMetadata(pub [u8; 2]);

impl CodeMetadata {
    /// Byte 0: upgradeable.
    pub const UPGRADEABLE: u16 = 0x0100;
    /// Byte 0: readable.
    pub const READABLE: u16 = 0x0400;
    /// Byte 0: guarded.
    pub const GUARDED: u16 = 0x0800;
    /// Byte 1: payable.
    pub const PAYABLE: u16 = 0x0002;
    /// Byte 1: payable by smart contracts.
    pub const PAYABLE_BY_SC: u16 = 0x0004;

    /// The metadata from its bytes: the first two (missing bytes read as 0, more are ignored).
    pub fn from_bytes(bytes: &[u8]) -> Self {
        Self([
            bytes.first().copied().unwrap_or(0),
            bytes.get(1).copied().unwrap_or(0),
        ])
    }

    /// The flags as one big-endian `u16`.
    pub fn bits(&self) -> u16 {
        u16::from_be_bytes(self.0)
    }

    /// Whether `flag` (one of the constants) is set.
    pub fn has(&self, flag: u16) -> bool {
        self.bits() & flag != 0
    }

    /// Upgradeable.
    pub fn is_upgradeable(&self) -> bool {
        self.has(Self::UPGRADEABLE)
    }

    /// Readable by other contracts.
    pub fn is_readable(&self) -> bool {
        self.has(Self::READABLE)
    }

    /// Accepts EGLD and ESDT payments.
    pub fn is_payable(&self) -> bool {
        self.has(Self::PAYABLE)
    }

    /// Accepts payments from smart contracts.
    pub fn is_payable_by_sc(&self) -> bool {
        self.has(Self::PAYABLE_BY_SC)
    }
}

/// What contracts can read about a block.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BlockInfo {
    /// Block nonce.
    pub nonce: u64,
    /// Round.
    pub round: u64,
    /// Epoch.
    pub epoch: u32,
    /// Timestamp, in seconds.
    pub timestamp: u64,
    /// Timestamp, in milliseconds.
    pub timestamp_ms: u64,
    /// Random seed (48 bytes on chain; shorter values are left-padded with zeros by readers).
    pub random_seed: Vec<u8>,
}

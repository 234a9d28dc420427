//! Protected storage keys (prefix `ELROND`) through which builtin functions change what an
//! [`OutputAccount`](blockchain_hooks::OutputAccount) has no field for. The world applies
//! them to the account instead of storing them; a `checkState` ignores every `ELROND` key.

/// The prefix of every protected key.
pub const PROTECTED_PREFIX: &[u8] = b"ELROND";
/// The last NFT nonce an account created of a token: this prefix, then the token identifier
/// (the production key); the value is the big-endian nonce.
pub const LAST_NONCE_PREFIX: &[u8] = b"ELRONDnonce";
/// The account's username.
pub const USERNAME_KEY: &[u8] = b"ELRONDusername";
/// The contract's developer rewards (big-endian).
pub const DEVELOPER_REWARDS_KEY: &[u8] = b"ELRONDdeveloperRewards";
/// The validator rewards a `validatorReward` step accumulates (a real storage key, as the
/// production runner writes it: `ELRONDreward`).
pub const REWARDS_KEY: &[u8] = b"ELRONDreward";

/// The key of the last NFT nonce of `token`.
pub fn last_nonce_key(token: &[u8]) -> Vec<u8> {
    let mut key = LAST_NONCE_PREFIX.to_vec();
    key.extend_from_slice(token);
    key
}

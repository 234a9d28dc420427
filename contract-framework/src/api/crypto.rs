//! Hashes and signature checks computed by the VM.

use crate::hooks;
use crate::types::ManagedBuffer;

macro_rules! managed_hash {
    ($(#[$doc:meta])* $name:ident, $hook:ident) => {
        $(#[$doc])*
        pub fn $name(data: &ManagedBuffer) -> ManagedBuffer {
            let result = ManagedBuffer::new();
            // SAFETY: handles only.
            unsafe { hooks::$hook(data.handle(), result.handle()) };
            result
        }
    };
}

managed_hash!(
    /// The SHA-256 of `data` (32 bytes).
    sha256,
    managed_sha256
);
managed_hash!(
    /// The Keccak-256 of `data` (32 bytes).
    keccak256,
    managed_keccak256
);
managed_hash!(
    /// The RIPEMD-160 of `data` (20 bytes).
    ripemd160,
    managed_ripemd160
);

/// Whether `signature` is `key`'s Ed25519 signature of `message`. The VM stops the contract
/// when it is not (the production VM's behaviour), so this returns `true` when it returns.
pub fn verify_ed25519(
    key: &ManagedBuffer,
    message: &ManagedBuffer,
    signature: &ManagedBuffer,
) -> bool {
    // SAFETY: handles only.
    unsafe {
        hooks::managed_verify_ed25519(key.handle(), message.handle(), signature.handle()) == 0
    }
}

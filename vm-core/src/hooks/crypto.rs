//! Hashes and signature verification (ed25519, secp256k1, secp256r1), with the production
//! VM's semantics, messages and gas (`vmhost/vmhooks/cryptoei.go`, `crypto/hashing`,
//! `crypto/signing`).
//!
//! The hashes cannot fail. A verifier answers 0 for a valid signature; any other outcome
//! stops execution (return code 10, all gas used) with the production VM's masked message
//! ([`ED25519_VERIFY_ERROR`], [`SECP256K1_VERIFY_ERROR`]): its
//! `MaskInternalDependenciesErrors` flag, set by every scenario, hides the back-end's own
//! reason, which the pure functions here still return for tests.

mod ecdsa;
mod ed25519;
mod hash;
mod secp256k1;
mod secp256r1;

pub(crate) use ed25519::{managed_verify_ed25519, verify_ed25519};
pub(crate) use hash::{
    keccak256, managed_keccak256, managed_ripemd160, managed_sha256, ripemd160, sha256,
};
pub(crate) use secp256k1::{
    encode_secp256k1_der_signature, managed_encode_secp256k1_der_signature,
    managed_verify_custom_secp256k1, managed_verify_secp256k1, verify_custom_secp256k1,
    verify_secp256k1,
};
pub(crate) use secp256r1::managed_verify_secp256r1;

use super::prelude::*;

/// Any failed ed25519 verification, as the contract sees it (`ErrEd25519Verify`).
pub(crate) const ED25519_VERIFY_ERROR: &str = "ed25519 verify error";

/// Any failed secp256k1 verification, and any failed secp256r1 one too (`ErrSecp256k1Verify`:
/// both go through the same production code path).
pub(crate) const SECP256K1_VERIFY_ERROR: &str = "secp256k1 verify error";

/// `verifySecp256k1`/`verifyCustomSecp256k1` with a key length other than 33 or 65, checked
/// by the hook itself and therefore not masked (`ErrInvalidPublicKeySize`).
pub(crate) const INVALID_PUBLIC_KEY_SIZE: &str = "invalid public key size";

/// The managed buffer under `handle`, after charging `DataCopyPerByte` for its bytes
/// (`GetBytes` then `ConsumeGasForBytes`).
///
/// # Errors
/// Execution failed, "no managed buffer under the given handle"; out of gas.
fn read_charged(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    handle: i32,
) -> Result<Vec<u8>, EarlyExit> {
    let bytes = crate::abi::buffer(ctx, handle)?;
    crate::abi::charge_copy(ctx, instance, bytes.len())?;
    Ok(bytes)
}

refused! {}

//! `verifyEd25519` and `managedVerifyEd25519` (`crypto/signing/ed25519`, Go's
//! `crypto/ed25519`).
//!
//! Go's verifier is cofactorless, decodes the key leniently, requires a canonical S and
//! compares the recomputed R byte for byte; `ed25519-dalek`'s `verify` (not
//! `verify_strict`) checks exactly that.

use ed25519_dalek::{Signature, Verifier as _, VerifyingKey};

use super::{ED25519_VERIFY_ERROR, read_charged};
use crate::abi::{charge, load, times_len};
use crate::errors::failed;
use crate::hooks::prelude::*;

/// The key length the memory form reads.
const PUBLIC_KEY_LEN: MemLength = 32;
/// The signature length the memory form reads.
const SIGNATURE_LEN: MemLength = 64;

/// Why a signature does not verify; the contract sees [`ED25519_VERIFY_ERROR`] instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub(super) enum Ed25519Error {
    /// A key of other than 32 bytes.
    #[error("public key is invalid")]
    InvalidPublicKey,
    /// Anything else: a key that is not a point, a signature of other than 64 bytes or
    /// with a non-canonical S, or one that does not match.
    #[error("invalid signature")]
    InvalidSignature,
}

/// Checks `signature` of `message` under `key`, as the production VM does.
///
/// # Errors
/// Why it does not verify.
pub(super) fn verify(key: &[u8], message: &[u8], signature: &[u8]) -> Result<(), Ed25519Error> {
    let key: &[u8; 32] = key.try_into().map_err(|_| Ed25519Error::InvalidPublicKey)?;
    let signature = Signature::from_slice(signature).map_err(|_| Ed25519Error::InvalidSignature)?;
    VerifyingKey::from_bytes(key)
        .and_then(|key| key.verify(message, &signature))
        .map_err(|_| Ed25519Error::InvalidSignature)
}

/// Fails with the masked message unless the signature verifies.
fn check(key: &[u8], message: &[u8], signature: &[u8]) -> Result<i32, EarlyExit> {
    verify(key, message, signature)
        .map(|()| 0)
        .map_err(|_| failed(ED25519_VERIFY_ERROR))
}

/// `verifyEd25519`: checks the 64-byte signature at `sig_offset` of `message_length` bytes at
/// `message_offset` under the 32-byte key at `key_offset`; answers 0 if it verifies.
///
/// # Gas
/// `CryptoAPICost.VerifyEd25519`, then `DataCopyPerByte × message_length` (the key and
/// signature bytes are free).
///
/// # Errors
/// Execution failed, "ed25519 verify error", for a signature that does not verify;
/// "mem load: bad bounds" outside the memory; out of gas.
pub(crate) fn verify_ed25519(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_offset: MemPtr,
    message_offset: MemPtr,
    message_length: MemLength,
    sig_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    let costs = ctx.schedule;
    charge(instance, costs.crypto_api_cost.verify_ed25519)?;
    let key = load(instance, key_offset, PUBLIC_KEY_LEN)?;
    let per_byte = costs.base_operation_cost.data_copy_per_byte;
    charge(instance, times_len(per_byte, message_length))?;
    let message = load(instance, message_offset, message_length)?;
    let signature = load(instance, sig_offset, SIGNATURE_LEN)?;
    check(&key, &message, &signature)
}

/// `managedVerifyEd25519`: checks the signature in the buffer under `sig_handle` of the
/// message under `message_handle` under the key under `key_handle`; answers 0 if it
/// verifies.
///
/// # Gas
/// `CryptoAPICost.VerifyEd25519`, then `DataCopyPerByte` per byte of the key, the message
/// and the signature, each charged as it is read.
///
/// # Errors
/// Execution failed, "ed25519 verify error", for a signature that does not verify (a key of
/// other than 32 bytes included); "no managed buffer under the given handle"; out of gas.
pub(crate) fn managed_verify_ed25519(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_handle: i32,
    message_handle: i32,
    sig_handle: i32,
) -> Result<i32, EarlyExit> {
    charge(instance, ctx.schedule.crypto_api_cost.verify_ed25519)?;
    let key = read_charged(ctx, instance, key_handle)?;
    let message = read_charged(ctx, instance, message_handle)?;
    let signature = read_charged(ctx, instance, sig_handle)?;
    check(&key, &message, &signature)
}

#[cfg(test)]
mod tests {
    use ed25519_dalek::{Signer as _, SigningKey};

    use super::{Ed25519Error, verify};

    fn unhex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
            .collect()
    }

    /// RFC 8032 section 7.1, tests 1 to 3: (secret key, public key, message, signature).
    const RFC8032: [(&str, &str, &str, &str); 3] = [
        (
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155\
             5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        ),
        (
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da\
             085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
        ),
        (
            "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac\
             18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
        ),
    ];

    #[test]
    fn rfc8032_vectors_verify_and_are_what_the_secret_keys_sign() {
        for (secret, public, message, signature) in RFC8032 {
            let (public, message, signature) = (unhex(public), unhex(message), unhex(signature));
            let secret: [u8; 32] = unhex(secret).try_into().expect("32 bytes");
            let signing = SigningKey::from_bytes(&secret);
            assert_eq!(signing.verifying_key().as_bytes().as_slice(), public);
            assert_eq!(signing.sign(&message).to_bytes().as_slice(), signature);
            assert_eq!(verify(&public, &message, &signature), Ok(()));
        }
    }

    #[test]
    fn tampered_vectors_do_not_verify() {
        let (_, public, message, signature) = RFC8032[2];
        let (public, message, signature) = (unhex(public), unhex(message), unhex(signature));
        let invalid = Err(Ed25519Error::InvalidSignature);
        let mut other_message = message.clone();
        other_message[0] ^= 1;
        assert_eq!(verify(&public, &other_message, &signature), invalid);
        for index in [0, 31, 32, 63] {
            let mut tampered = signature.clone();
            tampered[index] ^= 0x01;
            assert_eq!(
                verify(&public, &message, &tampered),
                invalid,
                "byte {index}"
            );
        }
        let mut other_key = public.clone();
        other_key[5] ^= 0x10;
        assert_eq!(verify(&other_key, &message, &signature), invalid);
        assert_eq!(verify(&public, &message, &signature[..63]), invalid);
        assert_eq!(
            verify(&public, &message, b"absolutely-invalid-signature"),
            invalid
        );
        assert_eq!(
            verify(&public[..31], &message, &signature),
            Err(Ed25519Error::InvalidPublicKey)
        );
    }

    #[test]
    fn non_canonical_s_is_refused() {
        // S + L (the group order) verifies the same equation but is not canonical.
        let (_, public, message, signature) = RFC8032[0];
        let (public, message, mut signature) = (unhex(public), unhex(message), unhex(signature));
        let order = unhex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
        let mut carry = 0u16;
        for (byte, add) in signature[32..].iter_mut().zip(order) {
            let sum = u16::from(*byte) + u16::from(add) + carry;
            *byte = sum as u8;
            carry = sum >> 8;
        }
        assert_eq!(
            verify(&public, &message, &signature),
            Err(Ed25519Error::InvalidSignature)
        );
    }
}

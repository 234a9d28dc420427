//! Verification, as the production chain's signer (`mx-chain-crypto-go`'s `signing/mcl`
//! over herumi's BLS library, non-ETH mode) does it: a signature σ ∈ G1 of m under a key
//! pk ∈ G2 is valid iff e(σ, Q) = e(H(m), pk), where Q is mcl's `mapToG2(1)` (not the
//! standard G2 generator) and H is [`hash_to_g1`].

use std::sync::OnceLock;

use bls12_381::{G1Affine, G2Affine, G2Prepared, G2Projective, Gt, multi_miller_loop};

use super::encoding::{G2_LEN, decode_g1, decode_g2};
use super::hash::hash_to_g1;

/// Q = mcl's `mapToG2(1)`, the G2 point keys are multiples of, in mcl's encoding.
const Q_MCL_HEX: &str = "cc1ef2d9d8c53b60568548e55c1a3ae34e07ce638182fcbd6476c381db2806dfbb612c123cab0a1400cf1af81a013d0fb3a4f19603d35ca16f6709162ca8fc9e5ffbbdbfa6dc2ad8f655660e3f4c928ce26401a98e65c2168a900f08a5f71d97";

/// Why a signature does not verify, in the production back-end's words where it has them
/// (`mx-chain-crypto-go` errors). The contract never sees them: the hooks mask every one as
/// "bls verify error".
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub(crate) enum BlsError {
    /// A key of other than 96 bytes (`ErrInvalidParam`).
    #[error("parameter is invalid")]
    InvalidParam,
    /// An empty key in a list, or given to the share variant (`ErrEmptyPubKeyString`).
    #[error("public key string is empty")]
    EmptyPublicKey,
    /// Key bytes that are not a point of G2 (mcl's deserializer).
    #[error("err mclBnG2_deserialize")]
    KeyNotAPoint,
    /// An empty message (`ErrNilMessage`).
    #[error("message to be signed or to be verified is nil")]
    NilMessage,
    /// An empty signature (`ErrNilSignature`).
    #[error("signature is nil")]
    NilSignature,
    /// The key is the point at infinity (`ErrInvalidPublicKey`).
    #[error("public key is invalid")]
    InvalidPublicKey,
    /// Signature bytes that are not a point of G1 (herumi's deserializer).
    #[error("err blsSignatureDeserialize")]
    SignatureNotAPoint,
    /// The signature is the point at infinity (`ErrBLSInvalidSignature`).
    #[error("bls12-381: invalid signature")]
    InvalidSignature,
    /// The pairing equation does not hold (`ErrSigNotValid`).
    #[error("signature is invalid")]
    SignatureNotValid,
    /// An empty key list (`ErrNilPublicKeys`).
    #[error("public keys are nil")]
    NilPublicKeys,
    /// The aggregate does not verify, the keys summing to infinity included
    /// (`ErrAggSigNotValid`).
    #[error("aggregate signature is invalid")]
    AggregateNotValid,
}

/// Checks a single signature (`verifyBLS`), in the production back-end's order: the key
/// (96 bytes, a point), the message (not empty), the signature (not empty), the key not
/// infinity, the signature a point and not infinity, then the pairings.
///
/// # Errors
/// Why it does not verify.
pub(crate) fn verify(key: &[u8], message: &[u8], signature: &[u8]) -> Result<(), BlsError> {
    let key = decode_key(key)?;
    if message.is_empty() {
        return Err(BlsError::NilMessage);
    }
    if signature.is_empty() {
        return Err(BlsError::NilSignature);
    }
    if bool::from(key.is_identity()) {
        return Err(BlsError::InvalidPublicKey);
    }
    let signature = decode_g1(signature).map_err(|_| BlsError::SignatureNotAPoint)?;
    if bool::from(signature.is_identity()) {
        return Err(BlsError::InvalidSignature);
    }
    if pairings_match(&signature, message, &key) {
        Ok(())
    } else {
        Err(BlsError::SignatureNotValid)
    }
}

/// Checks a signature share (`VerifySignatureShare` of the KOSK multi-signer): an empty key
/// is refused first, then it is [`verify`].
///
/// # Errors
/// Why it does not verify.
pub(crate) fn verify_share(key: &[u8], message: &[u8], signature: &[u8]) -> Result<(), BlsError> {
    if key.is_empty() {
        return Err(BlsError::EmptyPublicKey);
    }
    verify(key, message, signature)
}

/// Checks an aggregate signature of one message under several keys, KOSK style (no
/// rogue-key coefficients, herumi's `FastAggregateVerify`): e(σ, Q) = e(H(m), Σ pkᵢ).
///
/// Each key must be 96 bytes and a point (infinity allowed, and summed); the list, the
/// signature and the message must not be empty; the signature must be a point; the keys
/// must not sum to infinity.
///
/// # Errors
/// Why it does not verify.
pub(crate) fn verify_aggregated(
    keys: &[Vec<u8>],
    message: &[u8],
    signature: &[u8],
) -> Result<(), BlsError> {
    let mut sum = G2Projective::identity();
    for key in keys {
        if key.is_empty() {
            return Err(BlsError::EmptyPublicKey);
        }
        sum += decode_key(key)?;
    }
    if keys.is_empty() {
        return Err(BlsError::NilPublicKeys);
    }
    if signature.is_empty() {
        return Err(BlsError::NilSignature);
    }
    if message.is_empty() {
        return Err(BlsError::NilMessage);
    }
    let signature = decode_g1(signature).map_err(|_| BlsError::SignatureNotAPoint)?;
    let sum = G2Affine::from(sum);
    if bool::from(sum.is_identity()) || !pairings_match(&signature, message, &sum) {
        return Err(BlsError::AggregateNotValid);
    }
    Ok(())
}

/// A public key: exactly 96 bytes, a point of G2 (`PublicKeyFromByteArray`).
fn decode_key(key: &[u8]) -> Result<G2Affine, BlsError> {
    if key.len() != G2_LEN {
        return Err(BlsError::InvalidParam);
    }
    decode_g2(key).map_err(|_| BlsError::KeyNotAPoint)
}

/// Whether e(σ, Q) = e(H(m), pk), as one multi-pairing e(σ, Q)·e(−H(m), pk) = 1.
fn pairings_match(signature: &G1Affine, message: &[u8], key: &G2Affine) -> bool {
    let (Some(q), Some(hash)) = (q_prepared(), hash_to_g1(message)) else {
        return false;
    };
    let key = G2Prepared::from(*key);
    let minus_hash = -hash;
    multi_miller_loop(&[(signature, q), (&minus_hash, &key)]).final_exponentiation()
        == Gt::identity()
}

/// Q, prepared for the Miller loop once.
fn q_prepared() -> Option<&'static G2Prepared> {
    static Q: OnceLock<Option<G2Prepared>> = OnceLock::new();
    Q.get_or_init(|| q_point().map(G2Prepared::from)).as_ref()
}

/// Q decoded from its mcl encoding (`None` never happens; a test checks it).
fn q_point() -> Option<G2Affine> {
    let bytes: Vec<u8> = (0..Q_MCL_HEX.len())
        .step_by(2)
        .map(|i| {
            Q_MCL_HEX
                .get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        })
        .collect::<Option<_>>()?;
    decode_g2(&bytes).ok()
}

#[cfg(test)]
mod tests;

//! ECDSA as the production VM checks it (`crypto/signing/secp256/secp256.go`).
//!
//! secp256k1 goes through btcec v2: keys compressed (`02`/`03`), uncompressed (`04`) or
//! hybrid (`06`/`07`); signatures in lenient BER (zero padding and a high first bit
//! allowed, bytes after the declared length ignored), any S in `[1, n − 1]` (high S
//! included); five message hashes; `e` is the first 32 bytes of the digest, left-padded,
//! modulo n. k256's own verifier refuses high S, so the equation is checked here with its
//! arithmetic. secp256r1 goes through Go's `crypto/ecdsa`: a 33-byte compressed key, a raw
//! 64-byte `r‖s` with `s ≤ n/2`, SHA-256 of the message.

use k256::elliptic_curve::PrimeField as _;
use k256::elliptic_curve::group::Group as _;
use k256::elliptic_curve::ops::Reduce;
use k256::elliptic_curve::point::{AffineCoordinates as _, DecompressPoint as _};
use k256::elliptic_curve::scalar::IsHigh as _;
use k256::elliptic_curve::sec1::FromEncodedPoint as _;
use k256::elliptic_curve::subtle::Choice;
use k256::{AffinePoint, EncodedPoint, FieldBytes, ProjectivePoint, Scalar, U256};
use p256::ecdsa::signature::hazmat::PrehashVerifier as _;

use super::hash::Hash;

/// Why a signature does not verify; the contract sees the masked
/// [`SECP256K1_VERIFY_ERROR`](super::SECP256K1_VERIFY_ERROR) instead. The texts are the
/// production back-end's where it has one text for the case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub(super) enum EcdsaError {
    /// secp256k1: a key of the wrong length or format, a coordinate not below p, a hybrid
    /// key whose Y parity contradicts its prefix, or a point not on the curve.
    #[error("malformed public key")]
    MalformedPublicKey,
    /// secp256k1: a hash type other than 0 to 4.
    #[error("hasher not supported")]
    HasherNotSupported,
    /// secp256k1: a signature that is not `30 L 02 rl r 02 sl s` with r and s in `[1, n − 1]`.
    #[error("malformed signature")]
    MalformedSignature,
    /// secp256k1: a well-formed signature that does not match.
    #[error("invalid signature")]
    InvalidSignature,
    /// secp256r1: a signature of other than 64 bytes.
    #[error("invalid signature length")]
    InvalidSignatureLength,
    /// secp256r1: S above n/2.
    #[error("signature not normalized")]
    SignatureNotNormalized,
    /// secp256r1: a key of other than 33 bytes.
    #[error("invalid public key length")]
    InvalidPublicKeyLength,
    /// secp256r1: a 33-byte key that is not a compressed point of the curve. Go leaves the
    /// key's coordinates nil and its verifier then fails (not confirmed: it may panic).
    #[error("invalid public key")]
    InvalidPublicKey,
    /// secp256r1: a signature that does not match, r or s out of range included.
    #[error("signature verification failed")]
    VerificationFailed,
}

/// How a secp256k1 message is hashed before signing (`MessageHashType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum MessageHash {
    /// 0: the message itself.
    Plain,
    /// 1: SHA-256.
    Sha256,
    /// 2: double SHA-256 (Bitcoin's; what `verifySecp256k1` uses).
    DoubleSha256,
    /// 3: legacy Keccak-256.
    Keccak256,
    /// 4: RIPEMD-160.
    Ripemd160,
}

impl MessageHash {
    /// The hash type a contract passes (its low byte, as Go's `uint8(hashType)`).
    pub(super) fn from_hook(hash_type: i32) -> Result<Self, EcdsaError> {
        match hash_type.to_le_bytes()[0] {
            0 => Ok(Self::Plain),
            1 => Ok(Self::Sha256),
            2 => Ok(Self::DoubleSha256),
            3 => Ok(Self::Keccak256),
            4 => Ok(Self::Ripemd160),
            _ => Err(EcdsaError::HasherNotSupported),
        }
    }

    fn apply(self, message: &[u8]) -> Vec<u8> {
        match self {
            Self::Plain => message.to_vec(),
            Self::Sha256 => Hash::Sha256.digest(message),
            Self::DoubleSha256 => Hash::Sha256.digest(&Hash::Sha256.digest(message)),
            Self::Keccak256 => Hash::Keccak256.digest(message),
            Self::Ripemd160 => Hash::Ripemd160.digest(message),
        }
    }
}

/// Checks a secp256k1 `signature` (lenient BER) of `message` hashed with `hash_type` under
/// `key`, in the production order: key, hash type, signature, equation.
///
/// # Errors
/// Why it does not verify.
pub(super) fn verify_secp256k1(
    key: &[u8],
    message: &[u8],
    signature: &[u8],
    hash_type: i32,
) -> Result<(), EcdsaError> {
    let key = parse_k1_key(key)?;
    let digest = MessageHash::from_hook(hash_type)?.apply(message);
    let (r, s) = parse_ber(signature)?;
    if k1_equation_holds(key, scalar_from_prefix(&digest), r, s) {
        Ok(())
    } else {
        Err(EcdsaError::InvalidSignature)
    }
}

/// A secp256k1 public key (decred's `ParsePubKey`).
fn parse_k1_key(key: &[u8]) -> Result<ProjectivePoint, EcdsaError> {
    let point: Option<AffinePoint> = match (key.len(), key.first()) {
        (33, Some(&prefix @ (0x02 | 0x03))) => {
            let x = FieldBytes::clone_from_slice(key.get(1..).unwrap_or_default());
            AffinePoint::decompress(&x, Choice::from(prefix & 1)).into()
        }
        (65, Some(&prefix @ (0x04 | 0x06 | 0x07))) => {
            let y_is_odd = key.last().is_some_and(|last| last & 1 == 1);
            if prefix != 0x04 && y_is_odd != (prefix == 0x07) {
                return Err(EcdsaError::MalformedPublicKey);
            }
            let x = FieldBytes::clone_from_slice(key.get(1..33).unwrap_or_default());
            let y = FieldBytes::clone_from_slice(key.get(33..).unwrap_or_default());
            let encoded = EncodedPoint::from_affine_coordinates(&x, &y, false);
            AffinePoint::from_encoded_point(&encoded).into()
        }
        _ => None,
    };
    point
        .map(ProjectivePoint::from)
        .ok_or(EcdsaError::MalformedPublicKey)
}

/// The smallest length of a BER signature (1-byte r and s).
const MIN_SIGNATURE_LEN: usize = 8;

/// `(r, s)` of a lenient BER signature `30 L 02 rl r 02 sl s` (btcec's `ParseSignature`).
fn parse_ber(signature: &[u8]) -> Result<(Scalar, Scalar), EcdsaError> {
    let malformed = EcdsaError::MalformedSignature;
    if signature.len() < MIN_SIGNATURE_LEN || signature.first() != Some(&0x30) {
        return Err(malformed);
    }
    // Go adds the 2 header bytes in 8 bits: lengths 254 and 255 wrap below the minimum.
    let declared = usize::from(signature.get(1).ok_or(malformed)?.wrapping_add(2));
    if declared < MIN_SIGNATURE_LEN {
        return Err(malformed);
    }
    let body = signature.get(2..declared).ok_or(malformed)?;
    let (r, rest) = ber_integer(body, 3)?;
    let (s, rest) = ber_integer(rest, 0)?;
    if !rest.is_empty() {
        return Err(malformed);
    }
    Ok((r, s))
}

/// One `02 len bytes` integer at the start of `bytes`, with at least `room` bytes after it,
/// and what follows it. The value, zero padding stripped, must fit 32 bytes and be in
/// `[1, n − 1]`.
fn ber_integer(bytes: &[u8], room: usize) -> Result<(Scalar, &[u8]), EcdsaError> {
    let malformed = EcdsaError::MalformedSignature;
    let (&marker, rest) = bytes.split_first().ok_or(malformed)?;
    let (&len, rest) = rest.split_first().ok_or(malformed)?;
    let len = usize::from(len);
    if marker != 0x02 || len == 0 || len.saturating_add(room) > rest.len() {
        return Err(malformed);
    }
    let (value, rest) = rest.split_at(len);
    let start = value.iter().position(|&b| b != 0).unwrap_or(value.len());
    let digits = value.get(start..).unwrap_or_default();
    if digits.len() > 32 {
        return Err(malformed);
    }
    let mut repr = FieldBytes::default();
    repr[32 - digits.len()..].copy_from_slice(digits);
    let scalar: Option<Scalar> = Scalar::from_repr(repr).into();
    let scalar = scalar
        .filter(|s| !bool::from(s.is_zero()))
        .ok_or(malformed)?;
    Ok((scalar, rest))
}

/// The first 32 bytes of `bytes`, big-endian and left-padded, modulo n (btcec's
/// `ModNScalar.SetByteSlice`).
fn scalar_from_prefix(bytes: &[u8]) -> Scalar {
    let head = bytes.get(..32).unwrap_or(bytes);
    let mut repr = FieldBytes::default();
    repr[32 - head.len()..].copy_from_slice(head);
    <Scalar as Reduce<U256>>::reduce_bytes(&repr)
}

/// The ECDSA equation: `(e·s⁻¹)·G + (r·s⁻¹)·Q` is not infinity and its x modulo n is r.
fn k1_equation_holds(key: ProjectivePoint, e: Scalar, r: Scalar, s: Scalar) -> bool {
    let Some(w) = Option::<Scalar>::from(s.invert()) else {
        return false;
    };
    let point = ProjectivePoint::GENERATOR * (e * w) + key * (r * w);
    if bool::from(point.is_identity()) {
        return false;
    }
    <Scalar as Reduce<U256>>::reduce_bytes(&point.to_affine().x()) == r
}

/// The DER signature of `(r, s)` (btcec's `Signature.Serialize`): r and s are the first 32
/// bytes of their input modulo n, s is replaced by n − s above n/2, and each integer is
/// minimal (a 0 is `02 01 00`).
pub(super) fn encode_secp256k1_der(r: &[u8], s: &[u8]) -> Vec<u8> {
    let r = scalar_from_prefix(r);
    let mut s = scalar_from_prefix(s);
    if bool::from(s.is_high()) {
        s = -s;
    }
    let (r, s) = (der_integer(&r.to_bytes()), der_integer(&s.to_bytes()));
    let mut out = Vec::with_capacity(6 + r.len() + s.len());
    // Each integer is at most 33 bytes, so every length fits a byte.
    out.extend([0x30, (4 + r.len() + s.len()) as u8]);
    out.extend([0x02, r.len() as u8]);
    out.extend_from_slice(&r);
    out.extend([0x02, s.len() as u8]);
    out.extend_from_slice(&s);
    out
}

/// The minimal two's complement bytes of a non-negative 32-byte big-endian value.
fn der_integer(value: &[u8]) -> Vec<u8> {
    let start = value
        .iter()
        .position(|&b| b != 0)
        .unwrap_or(value.len().saturating_sub(1));
    let digits = &value[start..];
    let mut out = Vec::with_capacity(digits.len() + 1);
    if digits.first().is_some_and(|&b| b & 0x80 != 0) {
        out.push(0);
    }
    out.extend_from_slice(digits);
    out
}

/// Checks a secp256r1 `signature` (raw `r‖s`) of the SHA-256 of `message` under the
/// compressed `key`, in the production order: signature length, S normalisation, key,
/// equation.
///
/// # Errors
/// Why it does not verify.
pub(super) fn verify_secp256r1(
    key: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<(), EcdsaError> {
    if signature.len() != 64 {
        return Err(EcdsaError::InvalidSignatureLength);
    }
    let (r, s) = signature.split_at(32);
    let s_scalar: Option<p256::Scalar> =
        p256::Scalar::from_repr(p256::FieldBytes::clone_from_slice(s)).into();
    if s_scalar.is_none_or(|s| bool::from(s.is_high())) {
        return Err(EcdsaError::SignatureNotNormalized);
    }
    let digest = Hash::Sha256.digest(message);
    if key.len() != 33 {
        return Err(EcdsaError::InvalidPublicKeyLength);
    }
    if !matches!(key.first(), Some(0x02 | 0x03)) {
        return Err(EcdsaError::InvalidPublicKey);
    }
    let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(key)
        .map_err(|_| EcdsaError::InvalidPublicKey)?;
    p256::ecdsa::Signature::from_scalars(
        p256::FieldBytes::clone_from_slice(r),
        p256::FieldBytes::clone_from_slice(s),
    )
    .and_then(|signature| key.verify_prehash(&digest, &signature))
    .map_err(|_| EcdsaError::VerificationFailed)
}

#[cfg(test)]
mod tests;

//! `verifySecp256k1`, `verifyCustomSecp256k1`, `encodeSecp256k1DerSignature` and their
//! managed forms; the managed verification path that `managedVerifySecp256r1` shares.

use super::ecdsa::{self, EcdsaError};
use super::{INVALID_PUBLIC_KEY_SIZE, SECP256K1_VERIFY_ERROR, read_charged};
use crate::abi::{buffer, charge, load, set_buffer, store, times_len};
use crate::errors::failed;
use crate::hooks::prelude::*;

/// The key lengths the memory form accepts: compressed and uncompressed.
const KEY_LENGTHS: [MemLength; 2] = [33, 65];

/// The hash type `verifySecp256k1` uses: double SHA-256.
const DOUBLE_SHA256: i32 = 2;

/// The signature scheme of a managed verification.
#[derive(Clone, Copy, Debug)]
pub(super) enum Scheme {
    /// secp256k1 with a hash type.
    Secp256k1(i32),
    /// secp256r1 (SHA-256).
    Secp256r1,
}

/// Fails with the masked message unless the check passed.
fn masked(result: Result<(), EcdsaError>) -> Result<i32, EarlyExit> {
    result
        .map(|()| 0)
        .map_err(|_| failed(SECP256K1_VERIFY_ERROR))
}

/// The managed verification path (`ManagedVerifyCustomSecp256k1WithHost`): the scheme's base
/// cost, then each buffer read and its copy cost, then the check.
///
/// # Errors
/// Execution failed, "secp256k1 verify error" or "no managed buffer under the given
/// handle"; out of gas.
pub(super) fn managed_verify(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    scheme: Scheme,
    handles: [i32; 3],
) -> Result<i32, EarlyExit> {
    let costs = &ctx.schedule.crypto_api_cost;
    let base = match scheme {
        Scheme::Secp256k1(_) => costs.verify_secp256k1,
        Scheme::Secp256r1 => costs.verify_secp256r1,
    };
    charge(instance, base)?;
    let [key_handle, message_handle, sig_handle] = handles;
    let key = read_charged(ctx, instance, key_handle)?;
    let message = read_charged(ctx, instance, message_handle)?;
    let signature = read_charged(ctx, instance, sig_handle)?;
    masked(match scheme {
        Scheme::Secp256k1(hash_type) => {
            ecdsa::verify_secp256k1(&key, &message, &signature, hash_type)
        }
        Scheme::Secp256r1 => ecdsa::verify_secp256r1(&key, &message, &signature),
    })
}

/// `verifyCustomSecp256k1`: checks the BER signature at `sig_offset` (its length is its
/// second byte + 2) of `message_length` bytes at `message_offset`, hashed as `hash_type`
/// says (its low byte: 0 none, 1 SHA-256, 2 double SHA-256, 3 Keccak-256, 4 RIPEMD-160),
/// under the `key_length`-byte key at `key_offset`; answers 0 if it verifies. High S is
/// accepted.
///
/// # Gas
/// `CryptoAPICost.VerifySecp256k1`, then `DataCopyPerByte × message_length` (the key and
/// signature bytes are free).
///
/// # Errors
/// Execution failed: "invalid public key size" for a key length other than 33 or 65;
/// "secp256k1 verify error" for a signature that does not verify, an unsupported hash type
/// included; "mem load: bad bounds" outside the memory. Out of gas.
pub(crate) fn verify_custom_secp256k1(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_offset: MemPtr,
    key_length: MemLength,
    message_offset: MemPtr,
    message_length: MemLength,
    sig_offset: MemPtr,
    hash_type: i32,
) -> Result<i32, EarlyExit> {
    let costs = ctx.schedule;
    charge(instance, costs.crypto_api_cost.verify_secp256k1)?;
    if !KEY_LENGTHS.contains(&key_length) {
        return Err(failed(INVALID_PUBLIC_KEY_SIZE));
    }
    let key = load(instance, key_offset, key_length)?;
    let per_byte = costs.base_operation_cost.data_copy_per_byte;
    charge(instance, times_len(per_byte, message_length))?;
    let message = load(instance, message_offset, message_length)?;
    let header = load(instance, sig_offset, 2)?;
    let sig_length = header.get(1).map_or(2, |&len| MemLength::from(len) + 2);
    let signature = load(instance, sig_offset, sig_length)?;
    masked(ecdsa::verify_secp256k1(
        &key, &message, &signature, hash_type,
    ))
}

/// `verifySecp256k1`: [`verify_custom_secp256k1`] with double SHA-256.
///
/// # Gas
/// As [`verify_custom_secp256k1`].
///
/// # Errors
/// As [`verify_custom_secp256k1`].
pub(crate) fn verify_secp256k1(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_offset: MemPtr,
    key_length: MemLength,
    message_offset: MemPtr,
    message_length: MemLength,
    sig_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    verify_custom_secp256k1(
        ctx,
        instance,
        key_offset,
        key_length,
        message_offset,
        message_length,
        sig_offset,
        DOUBLE_SHA256,
    )
}

/// `managedVerifyCustomSecp256k1`: checks the BER signature under `sig_handle` of the
/// message under `message_handle`, hashed as `hash_type` says (see
/// [`verify_custom_secp256k1`]), under the key under `key_handle` (33 or 65 bytes);
/// answers 0 if it verifies.
///
/// # Gas
/// `CryptoAPICost.VerifySecp256k1`, then `DataCopyPerByte` per byte of the key, the message
/// and the signature, each charged as it is read.
///
/// # Errors
/// Execution failed, "secp256k1 verify error" for a signature that does not verify (a key
/// of a wrong size included), "no managed buffer under the given handle"; out of gas.
pub(crate) fn managed_verify_custom_secp256k1(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_handle: i32,
    message_handle: i32,
    sig_handle: i32,
    hash_type: i32,
) -> Result<i32, EarlyExit> {
    let handles = [key_handle, message_handle, sig_handle];
    managed_verify(ctx, instance, Scheme::Secp256k1(hash_type), handles)
}

/// `managedVerifySecp256k1`: [`managed_verify_custom_secp256k1`] with double SHA-256.
///
/// # Gas
/// As [`managed_verify_custom_secp256k1`].
///
/// # Errors
/// As [`managed_verify_custom_secp256k1`].
pub(crate) fn managed_verify_secp256k1(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_handle: i32,
    message_handle: i32,
    sig_handle: i32,
) -> Result<i32, EarlyExit> {
    let handles = [key_handle, message_handle, sig_handle];
    managed_verify(ctx, instance, Scheme::Secp256k1(DOUBLE_SHA256), handles)
}

/// `encodeSecp256k1DerSignature`: writes at `sig_offset` the DER signature of `r` and `s`
/// (`r_length` and `s_length` bytes at `r_offset` and `s_offset`; the first 32 bytes of
/// each, modulo n), with S normalised to the lower half; answers 0 (not the length, which
/// is the signature's second byte + 2).
///
/// # Gas
/// `CryptoAPICost.EncodeDERSig` (no per-byte cost).
///
/// # Errors
/// Execution failed, "mem load: bad bounds" or "mem store: bad bounds", outside the
/// memory; out of gas.
pub(crate) fn encode_secp256k1_der_signature(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    r_offset: MemPtr,
    r_length: MemLength,
    s_offset: MemPtr,
    s_length: MemLength,
    sig_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    charge(instance, ctx.schedule.crypto_api_cost.encode_der_sig)?;
    let r = load(instance, r_offset, r_length)?;
    let s = load(instance, s_offset, s_length)?;
    store(instance, sig_offset, &ecdsa::encode_secp256k1_der(&r, &s))?;
    Ok(0)
}

/// `managedEncodeSecp256k1DerSignature`: sets (or creates) `sig_handle` to the DER signature
/// of the buffers under `r_handle` and `s_handle` (see
/// [`encode_secp256k1_der_signature`]); answers 0.
///
/// # Gas
/// `CryptoAPICost.EncodeDERSig` (no per-byte cost).
///
/// # Errors
/// Execution failed, "no managed buffer under the given handle"; out of gas.
pub(crate) fn managed_encode_secp256k1_der_signature(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    r_handle: i32,
    s_handle: i32,
    sig_handle: i32,
) -> Result<i32, EarlyExit> {
    charge(instance, ctx.schedule.crypto_api_cost.encode_der_sig)?;
    let r = buffer(ctx, r_handle)?;
    let s = buffer(ctx, s_handle)?;
    set_buffer(ctx, sig_handle, ecdsa::encode_secp256k1_der(&r, &s));
    Ok(0)
}

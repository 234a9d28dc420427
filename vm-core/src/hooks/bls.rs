//! BLS signatures on BLS12-381, as the production chain's signer configures them:
//! `verifyBLS`, `managedVerifyBLS`, `managedVerifyBLSSignatureShare` and
//! `managedVerifyBLSAggregatedSignature` (`vmhost/vmhooks/cryptoei.go`, `crypto/signing/bls`
//! over `mx-chain-crypto-go`'s herumi/mcl back-end in non-ETH mode).
//!
//! Public keys are G2 points (96 bytes), signatures G1 points (48 bytes), both in mcl's
//! little-endian encoding with a y-parity flag; the hash to G1 is mcl's original
//! SHA-512 + Fouque–Tibouchi map; keys are multiples of mcl's `mapToG2(1)`, not of the
//! standard generator (see the `scheme` submodule).
//!
//! A verifier answers 0 for a valid signature; any other outcome stops execution (return
//! code 10, all gas used) with [`BLS_VERIFY_ERROR`]: the production VM's
//! `MaskInternalDependenciesErrors` flag, set by every scenario, hides the back-end's own
//! reason (the pure functions still return it, for tests). Memory, handle and gas errors
//! of the hook itself are not masked.

mod encoding;
mod hash;
mod scheme;

use crate::abi::{buffer, charge, charge_copy, load, times, times_len};
use crate::errors::failed;

use super::prelude::*;

/// Any failed BLS verification, as the contract sees it (`ErrBlsVerify`).
pub(crate) const BLS_VERIFY_ERROR: &str = "bls verify error";

/// The key length the memory form reads.
const PUBLIC_KEY_LEN: MemLength = encoding::G2_LEN as MemLength;
/// The signature length the memory form reads.
const SIGNATURE_LEN: MemLength = encoding::G1_LEN as MemLength;
/// The length of one handle in a managed vector of buffers.
const HANDLE_LEN: usize = 4;

/// The masked outcome of a verification: 0, or the masked failure.
fn masked(outcome: Result<(), scheme::BlsError>) -> Result<i32, EarlyExit> {
    outcome.map(|()| 0).map_err(|_| failed(BLS_VERIFY_ERROR))
}

/// `verifyBLS`: checks the 48-byte signature at `sig_offset` of the `message_length` bytes
/// at `message_offset` under the 96-byte key at `key_offset`; answers 0 if it verifies.
///
/// # Gas
/// `CryptoAPICost.VerifyBLS`, then `DataCopyPerByte × message_length` (the key and the
/// signature are free).
///
/// # Errors
/// Execution failed, "bls verify error", for a signature that does not verify (an empty
/// message, a key or signature that is not a point or is infinity included);
/// "mem load: bad bounds" outside the memory; out of gas (a negative length runs out of
/// gas).
pub(crate) fn verify_bls(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_offset: MemPtr,
    message_offset: MemPtr,
    message_length: MemLength,
    sig_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    let costs = ctx.schedule;
    charge(instance, costs.crypto_api_cost.verify_bls)?;
    let key = load(instance, key_offset, PUBLIC_KEY_LEN)?;
    let per_byte = costs.base_operation_cost.data_copy_per_byte;
    charge(instance, times_len(per_byte, message_length))?;
    let message = load(instance, message_offset, message_length)?;
    let signature = load(instance, sig_offset, SIGNATURE_LEN)?;
    masked(scheme::verify(&key, &message, &signature))
}

/// `managedVerifyBLS`: checks the signature under `sig_handle` of the message under
/// `message_handle` under the key under `key_handle`; answers 0 if it verifies.
///
/// # Gas
/// `CryptoAPICost.VerifyBLS`, then `DataCopyPerByte` per byte of the key, the message and
/// the signature, each charged as it is read.
///
/// # Errors
/// Execution failed, "bls verify error", for a signature that does not verify (a key of
/// other than 96 bytes or a signature of other than 48 included); "no managed buffer under
/// the given handle"; out of gas.
pub(crate) fn managed_verify_bls(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_handle: i32,
    message_handle: i32,
    sig_handle: i32,
) -> Result<i32, EarlyExit> {
    let cost = ctx.schedule.crypto_api_cost.verify_bls;
    let [key, message, signature] = read_inputs(
        ctx,
        instance,
        cost,
        [key_handle, message_handle, sig_handle],
    )?;
    masked(scheme::verify(&key, &message, &signature))
}

/// `managedVerifyBLSSignatureShare`: checks one signer's share of a multi-signature, which
/// is a plain signature of the message under the signer's key (the multi-signer is KOSK),
/// as [`managed_verify_bls`] does; answers 0 if it verifies.
///
/// # Gas
/// `CryptoAPICost.VerifyBLSSignatureShare`, then `DataCopyPerByte` per byte of the key,
/// the message and the signature, each charged as it is read.
///
/// # Errors
/// As [`managed_verify_bls`].
pub(crate) fn managed_verify_bls_signature_share(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_handle: i32,
    message_handle: i32,
    sig_handle: i32,
) -> Result<i32, EarlyExit> {
    let cost = ctx.schedule.crypto_api_cost.verify_bls_signature_share;
    let [key, message, signature] = read_inputs(
        ctx,
        instance,
        cost,
        [key_handle, message_handle, sig_handle],
    )?;
    masked(scheme::verify_share(&key, &message, &signature))
}

/// `managedVerifyBLSAggregatedSignature`: the buffer under `key_handle` lists the signers'
/// key buffers as 4-byte big-endian handles; checks the aggregate signature under
/// `sig_handle` of the message under `message_handle` against the sum of the keys (KOSK,
/// no rogue-key coefficients); answers 0 if it verifies.
///
/// # Gas
/// `CryptoAPICost.VerifyBLSMultiSig`, then `DataCopyPerByte` per byte of the handle list,
/// the message and the signature; then, reading the list again, `DataCopyPerByte` per byte
/// of the list once more and of each key.
///
/// # Errors
/// Execution failed, "bls verify error", for a signature that does not verify and for any
/// failure reading the keys (a list whose length is not a multiple of 4, a handle with no
/// buffer, out of gas on the keys: the production VM masks those too); "no managed buffer
/// under the given handle" for the list, the message or the signature; out of gas before
/// the keys.
pub(crate) fn managed_verify_bls_aggregated_signature(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_handle: i32,
    message_handle: i32,
    sig_handle: i32,
) -> Result<i32, EarlyExit> {
    let cost = ctx.schedule.crypto_api_cost.verify_bls_multi_sig;
    let [handles, message, signature] = read_inputs(
        ctx,
        instance,
        cost,
        [key_handle, message_handle, sig_handle],
    )?;
    let keys = read_keys(ctx, instance, &handles).map_err(|()| failed(BLS_VERIFY_ERROR))?;
    masked(scheme::verify_aggregated(&keys, &message, &signature))
}

/// Charges `cost`, then reads the three buffers in order, charging `DataCopyPerByte` for
/// each as it is read (`ManagedVerifyBLSWithHost`).
///
/// # Errors
/// "no managed buffer under the given handle"; out of gas.
fn read_inputs(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    cost: u64,
    handles: [i32; 3],
) -> Result<[Vec<u8>; 3], EarlyExit> {
    charge(instance, cost)?;
    let mut out: [Vec<u8>; 3] = Default::default();
    for (slot, handle) in out.iter_mut().zip(handles) {
        let bytes = buffer(ctx, handle)?;
        charge_copy(ctx, instance, bytes.len())?;
        *slot = bytes;
    }
    Ok(out)
}

/// The key buffers the handle list refers to (`ReadManagedVecOfManagedBuffers`), each
/// charged before it is copied.
///
/// # Gas
/// `DataCopyPerByte` for the list, then for each key.
///
/// # Errors
/// `()` for a list whose length is not a multiple of 4, a missing buffer, or out of gas
/// (then all gas is used); the caller masks it.
fn read_keys(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    handles: &[u8],
) -> Result<Vec<Vec<u8>>, ()> {
    let per_byte = ctx.schedule.base_operation_cost.data_copy_per_byte;
    charge(instance, times(per_byte, handles.len())).map_err(|_| ())?;
    if !handles.len().is_multiple_of(HANDLE_LEN) {
        return Err(());
    }
    let mut keys = Vec::with_capacity(handles.len() / HANDLE_LEN);
    for chunk in handles.chunks_exact(HANDLE_LEN) {
        let handle = i32::from_be_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        let buffers = &ctx.managed().buffers;
        let len = buffers.get(handle).map(Vec::len).ok_or(())?;
        charge(instance, times(per_byte, len)).map_err(|_| ())?;
        let key = ctx.managed().buffers.get(handle).cloned().ok_or(())?;
        keys.push(key);
    }
    Ok(keys)
}

refused! {}

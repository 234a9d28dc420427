//! `managedVerifySecp256r1` (P-256): it shares the production VM's managed secp256k1 path,
//! its gas order and its masked message.

use super::secp256k1::{Scheme, managed_verify};
use crate::hooks::prelude::*;

/// `managedVerifySecp256r1`: checks the raw 64-byte `r‖s` signature under `sig_handle` of
/// the SHA-256 of the message under `message_handle` under the 33-byte compressed key under
/// `key_handle`; answers 0 if it verifies. S must be in the lower half of the order.
///
/// # Gas
/// `CryptoAPICost.VerifySecp256r1`, then `DataCopyPerByte` per byte of the key, the message
/// and the signature, each charged as it is read.
///
/// # Errors
/// Execution failed, "secp256k1 verify error" (sic: the production message for every
/// failure, a wrong length or a high S included), "no managed buffer under the given
/// handle"; out of gas.
pub(crate) fn managed_verify_secp256r1(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key_handle: i32,
    message_handle: i32,
    sig_handle: i32,
) -> Result<i32, EarlyExit> {
    let handles = [key_handle, message_handle, sig_handle];
    managed_verify(ctx, instance, Scheme::Secp256r1, handles)
}

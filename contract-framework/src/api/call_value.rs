//! The value the call carries: EGLD, ESDT transfers.

use crate::error::{messages, signal_error};
use crate::hooks;
use crate::types::{BigUint, EsdtTokenPayment, ManagedBuffer, ManagedVec};

/// The EGLD the call carries (0 when none).
pub fn egld_value() -> BigUint {
    let result = BigUint::zero();
    // SAFETY: a handle only.
    unsafe { hooks::big_int_get_call_value(result.handle()) };
    result
}

/// Every ESDT transfer of the call, in order.
pub fn all_esdt_transfers() -> ManagedVec<EsdtTokenPayment> {
    let buffer = ManagedBuffer::new();
    // SAFETY: a handle only.
    unsafe { hooks::managed_get_multi_esdt_call_value(buffer.handle()) };
    ManagedVec::from_buffer(buffer)
}

/// The call's only ESDT transfer; the contract stops with "function expects single ESDT
/// payment" unless there is exactly one.
pub fn single_esdt() -> EsdtTokenPayment {
    let transfers = all_esdt_transfers();
    match (transfers.len(), transfers.get(0)) {
        (1, Some(payment)) => payment,
        _ => signal_error(messages::SINGLE_ESDT_EXPECTED),
    }
}

/// The number of ESDT transfers of the call.
pub fn esdt_transfer_count() -> usize {
    // SAFETY: no pointer.
    usize::try_from(unsafe { hooks::get_num_esdt_transfers() }).unwrap_or(0)
}

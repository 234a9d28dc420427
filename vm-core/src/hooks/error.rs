//! `signalError` and `managedSignalError`: stop with return code 4 and the contract's message.
//!
//! Messages that are not UTF-8 are kept with each bad sequence replaced by U+FFFD, since
//! an output's message is a string.

use super::prelude::*;
use crate::abi::{buffer, charge, charge_copy, load, times, times_len};

/// The user error with `message`.
fn user_error(message: &[u8]) -> EarlyExit {
    EarlyExit::user_error(String::from_utf8_lossy(message))
}

/// `signalError`: stops with the `message_length` bytes at `message_offset`.
///
/// # Gas
/// `SignalError + PersistPerByte × length`, in one charge.
pub(crate) fn signal_error(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    message_offset: MemPtr,
    message_length: MemLength,
) -> Result<(), EarlyExit> {
    let costs = ctx.schedule;
    let gas = times_len(costs.base_operation_cost.persist_per_byte, message_length)
        .saturating_add(costs.base_ops_api_cost.signal_error);
    charge(instance, gas)?;
    let message = load(instance, message_offset, message_length)?;
    Err(user_error(&message))
}

/// `managedSignalError`: stops with the buffer under `err_handle`.
///
/// # Gas
/// `SignalError`, then `DataCopyPerByte` and `PersistPerByte` per byte of the message.
pub(crate) fn managed_signal_error(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    err_handle: i32,
) -> Result<(), EarlyExit> {
    charge(instance, ctx.schedule.base_ops_api_cost.signal_error)?;
    let message = buffer(ctx, err_handle)?;
    charge_copy(ctx, instance, message.len())?;
    charge(
        instance,
        times(
            ctx.schedule.base_operation_cost.persist_per_byte,
            message.len(),
        ),
    )?;
    Err(user_error(&message))
}

refused! {}

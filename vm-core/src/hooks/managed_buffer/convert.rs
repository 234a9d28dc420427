//! Managed buffers to and from big integers, small integers and hexadecimal text (the
//! production VM's `manBufOps.go` and `managedei.go`).

use std::fmt::Write as _;

use num_traits::ToPrimitive;

use crate::errors::{self, failed};
use crate::hooks::big_int::gas::charge_data_copy;
use crate::hooks::prelude::*;
use crate::managed::{
    big_int_from_signed_bytes, big_int_to_signed_bytes, big_int_to_unsigned_bytes, check_buffer_len,
};

/// Charges `gas`, reads the buffer under `handle`, then charges `DataCopyPerByte` per byte;
/// answers a copy of its bytes.
fn read_paid(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    gas: u64,
    handle: i32,
) -> Result<Vec<u8>, EarlyExit> {
    ctx.use_gas(instance, gas)?;
    let bytes = ctx.managed().buffer(handle)?.to_vec();
    charge_data_copy(ctx, instance, bytes.len())?;
    Ok(bytes)
}

/// `mBufferToBigIntUnsigned`: sets (or creates) the big integer from the buffer read as an
/// unsigned big-endian number; answers 0.
///
/// # Gas
/// `MBufferToBigIntUnsigned`, then `DataCopyPerByte` per byte (since the Barnard release).
///
/// # Errors
/// Execution failed for a missing buffer.
pub(crate) fn mbuffer_to_big_int_unsigned(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    m_buffer_handle: i32,
    big_int_handle: i32,
) -> Result<i32, EarlyExit> {
    let gas = ctx
        .schedule
        .managed_buffer_api_cost
        .m_buffer_to_big_int_unsigned;
    let bytes = read_paid(ctx, instance, gas, m_buffer_handle)?;
    ctx.managed()
        .set_big_int_from_unsigned_bytes(big_int_handle, &bytes)?;
    Ok(0)
}

/// `mBufferToBigIntSigned`: sets (or creates) the big integer from the buffer read as a
/// two's complement big-endian number; answers 0.
///
/// # Gas
/// `MBufferToBigIntSigned`, then `DataCopyPerByte` per byte (since the Barnard release).
///
/// # Errors
/// Execution failed for a missing buffer.
pub(crate) fn mbuffer_to_big_int_signed(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    m_buffer_handle: i32,
    big_int_handle: i32,
) -> Result<i32, EarlyExit> {
    let gas = ctx
        .schedule
        .managed_buffer_api_cost
        .m_buffer_to_big_int_signed;
    let bytes = read_paid(ctx, instance, gas, m_buffer_handle)?;
    ctx.managed()
        .set_big_int_from_signed_bytes(big_int_handle, &bytes)?;
    Ok(0)
}

/// `mBufferFromBigIntUnsigned`: sets (or creates) the buffer to the big integer's magnitude
/// (big-endian, minimal, empty for zero); answers 0.
///
/// # Gas
/// `MBufferFromBigIntUnsigned` (no per-byte charge).
///
/// # Errors
/// Execution failed for a missing big integer.
pub(crate) fn mbuffer_from_big_int_unsigned(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    m_buffer_handle: i32,
    big_int_handle: i32,
) -> Result<i32, EarlyExit> {
    let gas = ctx
        .schedule
        .managed_buffer_api_cost
        .m_buffer_from_big_int_unsigned;
    ctx.use_gas(instance, gas)?;
    let managed = ctx.managed();
    let bytes = big_int_to_unsigned_bytes(managed.big_int(big_int_handle)?);
    managed.set_buffer(m_buffer_handle, bytes);
    Ok(0)
}

/// `mBufferFromBigIntSigned`: sets (or creates) the buffer to the big integer in minimal
/// two's complement (empty for zero); answers 0.
///
/// # Gas
/// `MBufferFromBigIntSigned` (no per-byte charge).
///
/// # Errors
/// Execution failed for a missing big integer.
pub(crate) fn mbuffer_from_big_int_signed(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    m_buffer_handle: i32,
    big_int_handle: i32,
) -> Result<i32, EarlyExit> {
    let gas = ctx
        .schedule
        .managed_buffer_api_cost
        .m_buffer_from_big_int_signed;
    ctx.use_gas(instance, gas)?;
    let managed = ctx.managed();
    let bytes = big_int_to_signed_bytes(managed.big_int(big_int_handle)?);
    managed.set_buffer(m_buffer_handle, bytes);
    Ok(0)
}

/// `mBufferToSmallIntUnsigned`: the buffer read as an unsigned big-endian number (leading
/// zeros allowed), as the `i64` with the same bits.
///
/// # Gas
/// `MBufferToSmallIntUnsigned`, then `DataCopyPerByte` per byte.
///
/// # Errors
/// Execution failed for a missing buffer; "bytes cannot be parsed as uint64" above
/// `u64::MAX`.
pub(crate) fn mbuffer_to_small_int_unsigned(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    m_buffer_handle: i32,
) -> Result<i64, EarlyExit> {
    let gas = ctx
        .schedule
        .managed_buffer_api_cost
        .m_buffer_to_small_int_unsigned;
    let bytes = read_paid(ctx, instance, gas, m_buffer_handle)?;
    let value = parse_u64(&bytes).ok_or_else(|| failed(errors::BYTES_EXCEED_UINT64))?;
    Ok(i64::from_ne_bytes(value.to_ne_bytes()))
}

/// `mBufferToSmallIntSigned`: the buffer read as a two's complement big-endian number
/// (sign extension allowed).
///
/// # Gas
/// `MBufferToSmallIntSigned`, then `DataCopyPerByte` per byte.
///
/// # Errors
/// Execution failed for a missing buffer; "bytes cannot be parsed as int64" outside `i64`.
pub(crate) fn mbuffer_to_small_int_signed(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    m_buffer_handle: i32,
) -> Result<i64, EarlyExit> {
    let gas = ctx
        .schedule
        .managed_buffer_api_cost
        .m_buffer_to_small_int_signed;
    let bytes = read_paid(ctx, instance, gas, m_buffer_handle)?;
    big_int_from_signed_bytes(&bytes)
        .to_i64()
        .ok_or_else(|| failed(errors::BYTES_EXCEED_INT64))
}

/// `mBufferFromSmallIntUnsigned`: sets (or creates) the buffer to `value`'s bits as a `u64`,
/// big-endian and minimal (empty for zero).
///
/// # Gas
/// `MBufferFromSmallIntUnsigned`.
///
/// # Errors
/// Out of gas only.
pub(crate) fn mbuffer_from_small_int_unsigned(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    m_buffer_handle: i32,
    value: i64,
) -> Result<(), EarlyExit> {
    let gas = ctx
        .schedule
        .managed_buffer_api_cost
        .m_buffer_from_small_int_unsigned;
    ctx.use_gas(instance, gas)?;
    let bits = u64::from_ne_bytes(value.to_ne_bytes());
    ctx.managed().set_buffer(m_buffer_handle, minimal_be(bits));
    Ok(())
}

/// `mBufferFromSmallIntSigned`: sets (or creates) the buffer to the magnitude of `value`,
/// big-endian and minimal: the production VM writes `big.NewInt(value).Bytes()`, which drops
/// the sign (`-5` gives `[5]`), and so does this VM.
///
/// # Gas
/// `MBufferFromSmallIntSigned`.
///
/// # Errors
/// Out of gas only.
pub(crate) fn mbuffer_from_small_int_signed(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    m_buffer_handle: i32,
    value: i64,
) -> Result<(), EarlyExit> {
    let gas = ctx
        .schedule
        .managed_buffer_api_cost
        .m_buffer_from_small_int_signed;
    ctx.use_gas(instance, gas)?;
    let bytes = minimal_be(value.unsigned_abs());
    ctx.managed().set_buffer(m_buffer_handle, bytes);
    Ok(())
}

/// `managedBufferToHex`: sets (or creates) `dest_handle` to the source's bytes in lowercase
/// hexadecimal.
///
/// # Gas
/// `MBufferSetBytes` only (the production VM's key for this hook; no per-byte charge).
///
/// # Errors
/// Execution failed for a missing source.
pub(crate) fn managed_buffer_to_hex(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    source_handle: i32,
    dest_handle: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.managed_buffer_api_cost.m_buffer_set_bytes;
    ctx.use_gas(instance, gas)?;
    let managed = ctx.managed();
    let source = managed.buffer(source_handle)?;
    check_buffer_len(source.len().saturating_mul(2))?;
    let hex = to_hex(source);
    managed.set_buffer(dest_handle, hex.into_bytes());
    Ok(())
}

/// `bytes` in lowercase hexadecimal.
fn to_hex(bytes: &[u8]) -> String {
    let mut hex = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// `value` big-endian without leading zeros (empty for zero).
fn minimal_be(value: u64) -> Vec<u8> {
    let bytes = value.to_be_bytes();
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    bytes[start..].to_vec()
}

/// The unsigned big-endian number `bytes`, if it fits a `u64` (leading zeros allowed).
fn parse_u64(bytes: &[u8]) -> Option<u64> {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    let digits = &bytes[start..];
    if digits.len() > 8 {
        return None;
    }
    Some(digits.iter().fold(0, |acc, &b| (acc << 8) | u64::from(b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_int_encodings() {
        assert_eq!(minimal_be(0), Vec::<u8>::new());
        assert_eq!(minimal_be(1), vec![1]);
        assert_eq!(minimal_be(0x0100), vec![1, 0]);
        assert_eq!(minimal_be(u64::MAX), vec![0xff; 8]);
        assert_eq!(parse_u64(&[]), Some(0));
        assert_eq!(parse_u64(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 1]), Some(1));
        assert_eq!(parse_u64(&[0xff; 8]), Some(u64::MAX));
        assert_eq!(parse_u64(&[1, 0, 0, 0, 0, 0, 0, 0, 0]), None);
        assert_eq!(to_hex(&[0x00, 0xab, 0x10]), "00ab10");
        assert_eq!(to_hex(&[]), "");
    }
}

//! Creating big integers and converting them to and from bytes, `i64` and decimal text (the
//! production VM's `bigIntOps.go`).

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use super::gas::charge_data_copy;
use crate::errors::{self, failed};
use crate::hooks::prelude::*;
use crate::managed::{big_int_to_signed_bytes, big_int_to_unsigned_bytes, magnitude_bytes};

/// The largest value `bigIntToString` converts, in bytes of magnitude (2.5 MiB, several
/// seconds of work): its text costs more than 6 × 10^8 gas in schedule v4, a transaction's
/// maximum; beyond it the hook fails with "big int too large".
const MAX_TO_STRING_BYTES: u64 = 5 << 19;

/// A byte length as the `i32` a hook answers.
fn len_i32(len: usize) -> i32 {
    i32::try_from(len).unwrap_or(i32::MAX)
}

/// `bigIntNew`: a new big integer holding `small_value`; answers its handle.
///
/// # Gas
/// `BigIntNew`.
///
/// # Errors
/// Out of gas only.
pub(crate) fn big_int_new(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    small_value: i64,
) -> Result<i32, EarlyExit> {
    ctx.use_gas(instance, ctx.schedule.big_int_api_cost.big_int_new)?;
    Ok(ctx.managed().new_big_int(BigInt::from(small_value)))
}

/// `bigIntUnsignedByteLength`: the length of the value's magnitude in bytes (0 for zero).
///
/// # Gas
/// `BigIntUnsignedByteLength`.
///
/// # Errors
/// Execution failed for a missing handle.
pub(crate) fn big_int_unsigned_byte_length(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    reference: i32,
) -> Result<i32, EarlyExit> {
    let gas = ctx.schedule.big_int_api_cost.big_int_unsigned_byte_length;
    ctx.use_gas(instance, gas)?;
    let bytes = magnitude_bytes(ctx.managed().big_int(reference)?);
    Ok(i32::try_from(bytes).unwrap_or(i32::MAX))
}

/// `bigIntSignedByteLength`: the length of the value's minimal two's complement form.
///
/// # Gas
/// `BigIntSignedByteLength`.
///
/// # Errors
/// Execution failed for a missing handle.
pub(crate) fn big_int_signed_byte_length(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    reference: i32,
) -> Result<i32, EarlyExit> {
    let gas = ctx.schedule.big_int_api_cost.big_int_signed_byte_length;
    ctx.use_gas(instance, gas)?;
    let bytes = big_int_to_signed_bytes(ctx.managed().big_int(reference)?);
    Ok(len_i32(bytes.len()))
}

/// Writes `bytes` of the value under `reference` to memory at `offset`: charges `gas`, reads
/// the value, stores, then charges `DataCopyPerByte` per byte; answers the length.
fn get_bytes(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    gas: u64,
    (reference, offset): (i32, MemPtr),
    encode: fn(&BigInt) -> Vec<u8>,
) -> Result<i32, EarlyExit> {
    ctx.use_gas(instance, gas)?;
    let bytes = encode(ctx.managed().big_int(reference)?);
    instance.memory_store(offset, &bytes)?;
    charge_data_copy(ctx, instance, bytes.len())?;
    Ok(len_i32(bytes.len()))
}

/// `bigIntGetUnsignedBytes`: writes the value's magnitude (big-endian, minimal) at
/// `byte_offset`; answers its length.
///
/// # Gas
/// `BigIntGetUnsignedBytes`, then `DataCopyPerByte` per byte written.
///
/// # Errors
/// Execution failed for a missing handle or a write outside memory.
pub(crate) fn big_int_get_unsigned_bytes(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    reference: i32,
    byte_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    let gas = ctx.schedule.big_int_api_cost.big_int_get_unsigned_bytes;
    let target = (reference, byte_offset);
    get_bytes(ctx, instance, gas, target, big_int_to_unsigned_bytes)
}

/// `bigIntGetSignedBytes`: writes the value in minimal two's complement at `byte_offset`;
/// answers its length.
///
/// # Gas
/// `BigIntGetSignedBytes`, then `DataCopyPerByte` per byte written.
///
/// # Errors
/// Execution failed for a missing handle or a write outside memory.
pub(crate) fn big_int_get_signed_bytes(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    reference: i32,
    byte_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    let gas = ctx.schedule.big_int_api_cost.big_int_get_signed_bytes;
    let target = (reference, byte_offset);
    get_bytes(ctx, instance, gas, target, big_int_to_signed_bytes)
}

/// `bigIntSetUnsignedBytes`: sets (or creates) `destination` from the unsigned big-endian
/// bytes at `byte_offset`.
///
/// # Gas
/// `BigIntSetUnsignedBytes`, then `DataCopyPerByte` per byte read.
///
/// # Errors
/// Execution failed for a read outside memory.
pub(crate) fn big_int_set_unsigned_bytes(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    destination: i32,
    byte_offset: MemPtr,
    byte_length: MemLength,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_int_api_cost.big_int_set_unsigned_bytes;
    ctx.use_gas(instance, gas)?;
    let bytes = instance.memory_load(byte_offset, byte_length)?;
    charge_data_copy(ctx, instance, bytes.len())?;
    ctx.managed()
        .set_big_int_from_unsigned_bytes(destination, &bytes)
}

/// `bigIntSetSignedBytes`: sets (or creates) `destination` from the two's complement
/// big-endian bytes at `byte_offset`.
///
/// # Gas
/// `BigIntSetSignedBytes`, then `DataCopyPerByte` per byte read.
///
/// # Errors
/// Execution failed for a read outside memory.
pub(crate) fn big_int_set_signed_bytes(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    destination: i32,
    byte_offset: MemPtr,
    byte_length: MemLength,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_int_api_cost.big_int_set_signed_bytes;
    ctx.use_gas(instance, gas)?;
    let bytes = instance.memory_load(byte_offset, byte_length)?;
    charge_data_copy(ctx, instance, bytes.len())?;
    ctx.managed()
        .set_big_int_from_signed_bytes(destination, &bytes)
}

/// `bigIntIsInt64`: 1 when the value fits an `i64`, else 0.
///
/// # Gas
/// `BigIntIsInt64`.
///
/// # Errors
/// Execution failed for a missing handle.
pub(crate) fn big_int_is_int64(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    destination: i32,
) -> Result<i32, EarlyExit> {
    ctx.use_gas(instance, ctx.schedule.big_int_api_cost.big_int_is_int64)?;
    let value = ctx.managed().big_int(destination)?;
    Ok(i32::from(value.to_i64().is_some()))
}

/// `bigIntGetInt64`: the value as an `i64`. A missing handle is created as zero and reads 0,
/// as in the production VM.
///
/// # Gas
/// `BigIntGetInt64`.
///
/// # Errors
/// Execution failed, "big int cannot be represented as int64", outside `i64`.
pub(crate) fn big_int_get_int64(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    destination: i32,
) -> Result<i64, EarlyExit> {
    ctx.use_gas(instance, ctx.schedule.big_int_api_cost.big_int_get_int64)?;
    let value = ctx.managed().big_int_or_create(destination);
    value
        .to_i64()
        .ok_or_else(|| failed(errors::BIG_INT_NOT_INT64))
}

/// `bigIntSetInt64`: sets (or creates) `destination` to `value`.
///
/// # Gas
/// `BigIntSetInt64`.
///
/// # Errors
/// Out of gas only.
pub(crate) fn big_int_set_int64(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    destination: i32,
    value: i64,
) -> Result<(), EarlyExit> {
    ctx.use_gas(instance, ctx.schedule.big_int_api_cost.big_int_set_int64)?;
    ctx.managed().set_big_int(destination, BigInt::from(value));
    Ok(())
}

/// `bigIntToString`: sets (or creates) the managed buffer `destination` to the value in
/// decimal (with a leading `-` when negative).
///
/// # Gas
/// `BigIntFinishSigned` (the production VM's key for this hook), then `DataCopyPerByte` per
/// character. When the gas left cannot pay for the fewest characters a value of this size
/// has, the hook runs out of gas before converting (the outcome the production VM reaches
/// after converting).
///
/// # Errors
/// Execution failed for a missing big integer, or one above 2.5 MiB (this VM's limit,
/// beyond any transaction's gas).
pub(crate) fn big_int_to_string(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    big_int_handle: i32,
    destination: i32,
) -> Result<(), EarlyExit> {
    let gas = ctx.schedule.big_int_api_cost.big_int_finish_signed;
    ctx.use_gas(instance, gas)?;
    let bits = ctx.managed().big_int(big_int_handle)?.bits();
    let per_byte = ctx.schedule.base_operation_cost.data_copy_per_byte;
    let least_cost = min_decimal_digits(bits).saturating_mul(per_byte);
    if instance.gas_left() < least_cost {
        ctx.use_gas(instance, least_cost)?;
    }
    if bits > 8 * MAX_TO_STRING_BYTES {
        return Err(failed(errors::BIG_INT_TOO_LARGE));
    }
    let text = ctx.managed().big_int(big_int_handle)?.to_string();
    charge_data_copy(ctx, instance, text.len())?;
    ctx.managed().set_buffer(destination, text.into_bytes());
    Ok(())
}

/// The fewest decimal digits a number of `bits` bits has: `⌊(bits - 1) × log10 2⌋ + 1`,
/// rounded down (`log10 2 > 0.30102`).
fn min_decimal_digits(bits: u64) -> u64 {
    match bits {
        0 => 1,
        _ => (bits - 1).saturating_mul(30_102) / 100_000 + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint::BigUint;
    use num_traits::One;

    #[test]
    fn decimal_digits_lower_bound_holds() {
        for bits in 1u64..3000 {
            let smallest = BigUint::one() << (bits - 1);
            let digits = smallest.to_string().len() as u64;
            assert!(min_decimal_digits(bits) <= digits, "{bits}");
            assert!(digits - min_decimal_digits(bits) <= 1, "{bits}");
        }
        assert_eq!(min_decimal_digits(0), 1);
    }
}

//! The gas rules of the production VM's managed types context (`managedType.go`), shared by
//! the big-integer and managed-buffer hooks. Each charge fails execution with out of gas when
//! fewer points are left, as the production VM's bounded gas use.

use num_bigint::BigInt;

use crate::hooks::prelude::*;

/// Big integers up to this many bytes are copied for free (`maxBigIntByteLenForNormalCost`).
const MAX_BIG_INT_BYTES_FOR_NORMAL_COST: u64 = 32;

/// `ConsumeGasForBigIntCopy`: for each value (given by its bit length), when its byte length
/// (`bits / 8`, rounded down) is above 32 bytes, `CopyPerByteForTooBig` per byte.
///
/// # Errors
/// Out of gas.
pub(crate) fn charge_big_int_copy(
    ctx: &Context<'_>,
    instance: &mut dyn InstanceAccess,
    bit_lengths: &[u64],
) -> Result<(), EarlyExit> {
    let per_byte = ctx.schedule.big_int_api_cost.copy_per_byte_for_too_big;
    for &bits in bit_lengths {
        let bytes = bits / 8;
        if bytes > MAX_BIG_INT_BYTES_FOR_NORMAL_COST {
            ctx.use_gas(instance, bytes.saturating_mul(per_byte))?;
        }
    }
    Ok(())
}

/// `ConsumeGasForThisBigIntNumberOfBytes`: `CopyPerByteForTooBig` per byte of a size given as
/// a big integer (the size of a `bigIntPow` or `bigIntShl` result, charged before it is
/// computed). A product at or above `u64::MAX` charges `u64::MAX`; a negative one (the
/// production VM computes it before refusing a negative exponent) charges its magnitude's
/// low 64 bits, as Go's `big.Int.Uint64`.
///
/// # Errors
/// Out of gas.
pub(crate) fn charge_big_int_bytes(
    ctx: &Context<'_>,
    instance: &mut dyn InstanceAccess,
    bytes: &BigInt,
) -> Result<(), EarlyExit> {
    let per_byte = ctx.schedule.big_int_api_cost.copy_per_byte_for_too_big;
    ctx.use_gas(instance, big_int_gas(bytes, per_byte))
}

/// `bytes * per_byte` as the production VM turns it into a gas amount.
pub(crate) fn big_int_gas(bytes: &BigInt, per_byte: u64) -> u64 {
    let gas = bytes * per_byte;
    if gas >= BigInt::from(u64::MAX) {
        return u64::MAX;
    }
    gas.magnitude().iter_u64_digits().next().unwrap_or(0)
}

/// `ConsumeGasForBytes`: `DataCopyPerByte` per byte.
///
/// # Errors
/// Out of gas.
pub(crate) fn charge_data_copy(
    ctx: &Context<'_>,
    instance: &mut dyn InstanceAccess,
    len: usize,
) -> Result<(), EarlyExit> {
    let per_byte = ctx.schedule.base_operation_cost.data_copy_per_byte;
    ctx.use_gas_per_byte(instance, 0, per_byte, len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_gas_saturates_and_takes_the_magnitude_of_negative_sizes() {
        assert_eq!(big_int_gas(&BigInt::from(3), 1000), 3000);
        assert_eq!(big_int_gas(&BigInt::from(0), 1000), 0);
        assert_eq!(big_int_gas(&BigInt::from(-3), 1000), 3000);
        assert_eq!(big_int_gas(&BigInt::from(u64::MAX), 1000), u64::MAX);
        assert_eq!(
            big_int_gas(&(BigInt::from(u64::MAX) / 1000), 1000),
            u64::MAX - 615
        );
        let huge_negative = -(BigInt::from(1) << 70u32) - 5;
        assert_eq!(big_int_gas(&huge_negative, 1), 5);
    }
}

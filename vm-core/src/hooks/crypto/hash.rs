//! `sha256`, `keccak256`, `ripemd160` and their managed forms.
//!
//! The memory forms read `length` bytes at `dataOffset` and write the digest at
//! `resultOffset`; the managed forms set (or create) the output buffer. All answer 0.

use ripemd::Ripemd160;
use sha2::{Digest as _, Sha256};
use sha3::Keccak256;

use crate::abi::{buffer, charge, charge_copy, load, set_buffer, store, times_len};
use crate::hooks::prelude::*;

/// The three hash functions contracts can call (`crypto/hashing/hasher.go`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Hash {
    /// SHA-256, 32 bytes.
    Sha256,
    /// Legacy Keccak-256 (Ethereum's, not SHA3-256), 32 bytes.
    Keccak256,
    /// RIPEMD-160, 20 bytes.
    Ripemd160,
}

impl Hash {
    /// The digest of `data`.
    pub(super) fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Self::Sha256 => Sha256::digest(data).to_vec(),
            Self::Keccak256 => Keccak256::digest(data).to_vec(),
            Self::Ripemd160 => Ripemd160::digest(data).to_vec(),
        }
    }

    /// The hook's base cost (`CryptoAPICost.SHA256`, `.Keccak256`, `.Ripemd160`).
    fn base_cost(self, ctx: &Context<'_>) -> u64 {
        let costs = &ctx.schedule.crypto_api_cost;
        match self {
            Self::Sha256 => costs.sha256,
            Self::Keccak256 => costs.keccak256,
            Self::Ripemd160 => costs.ripemd160,
        }
    }
}

/// The memory form: one charge, read, hash, write.
fn hash_in_memory(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    hash: Hash,
    data_offset: MemPtr,
    length: MemLength,
    result_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    let per_byte = times_len(ctx.schedule.base_operation_cost.data_copy_per_byte, length);
    charge(instance, hash.base_cost(ctx).saturating_add(per_byte))?;
    let data = load(instance, data_offset, length)?;
    store(instance, result_offset, &hash.digest(&data))?;
    Ok(0)
}

/// The managed form: base cost, read, copy cost, hash, set.
fn hash_managed(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    hash: Hash,
    input_handle: i32,
    output_handle: i32,
) -> Result<i32, EarlyExit> {
    charge(instance, hash.base_cost(ctx))?;
    let data = buffer(ctx, input_handle)?;
    charge_copy(ctx, instance, data.len())?;
    set_buffer(ctx, output_handle, hash.digest(&data));
    Ok(0)
}

/// `sha256`: the SHA-256 digest (32 bytes) of `length` bytes at `data_offset`, written at
/// `result_offset`; answers 0.
///
/// # Gas
/// `CryptoAPICost.SHA256 + DataCopyPerByte × length`, in one charge.
///
/// # Errors
/// Out of gas (also for a negative length); execution failed, "mem load: bad bounds" or
/// "mem store: bad bounds", outside the memory.
pub(crate) fn sha256(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    data_offset: MemPtr,
    length: MemLength,
    result_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    hash_in_memory(
        ctx,
        instance,
        Hash::Sha256,
        data_offset,
        length,
        result_offset,
    )
}

/// `managedSha256`: sets (or creates) `output_handle` to the SHA-256 digest of the buffer
/// under `input_handle`; answers 0.
///
/// # Gas
/// `CryptoAPICost.SHA256`, then `DataCopyPerByte` per input byte.
///
/// # Errors
/// Execution failed, "no managed buffer under the given handle"; out of gas.
pub(crate) fn managed_sha256(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    input_handle: i32,
    output_handle: i32,
) -> Result<i32, EarlyExit> {
    hash_managed(ctx, instance, Hash::Sha256, input_handle, output_handle)
}

/// `keccak256`: the legacy Keccak-256 digest (32 bytes, Ethereum's) of `length` bytes at
/// `data_offset`, written at `result_offset`; answers 0.
///
/// # Gas
/// `CryptoAPICost.Keccak256 + DataCopyPerByte × length`, in one charge.
///
/// # Errors
/// As [`sha256`].
pub(crate) fn keccak256(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    data_offset: MemPtr,
    length: MemLength,
    result_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    hash_in_memory(
        ctx,
        instance,
        Hash::Keccak256,
        data_offset,
        length,
        result_offset,
    )
}

/// `managedKeccak256`: sets (or creates) `output_handle` to the Keccak-256 digest of the
/// buffer under `input_handle`; answers 0.
///
/// # Gas
/// `CryptoAPICost.Keccak256`, then `DataCopyPerByte` per input byte.
///
/// # Errors
/// As [`managed_sha256`].
pub(crate) fn managed_keccak256(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    input_handle: i32,
    output_handle: i32,
) -> Result<i32, EarlyExit> {
    hash_managed(ctx, instance, Hash::Keccak256, input_handle, output_handle)
}

/// `ripemd160`: the RIPEMD-160 digest (20 bytes) of `length` bytes at `data_offset`,
/// written at `result_offset`; answers 0.
///
/// # Gas
/// `CryptoAPICost.Ripemd160 + DataCopyPerByte × length`, in one charge.
///
/// # Errors
/// As [`sha256`].
pub(crate) fn ripemd160(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    data_offset: MemPtr,
    length: MemLength,
    result_offset: MemPtr,
) -> Result<i32, EarlyExit> {
    hash_in_memory(
        ctx,
        instance,
        Hash::Ripemd160,
        data_offset,
        length,
        result_offset,
    )
}

/// `managedRipemd160`: sets (or creates) `output_handle` to the RIPEMD-160 digest of the
/// buffer under `input_handle`; answers 0.
///
/// # Gas
/// `CryptoAPICost.Ripemd160`, then `DataCopyPerByte` per input byte.
///
/// # Errors
/// As [`managed_sha256`].
pub(crate) fn managed_ripemd160(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    input_handle: i32,
    output_handle: i32,
) -> Result<i32, EarlyExit> {
    hash_managed(ctx, instance, Hash::Ripemd160, input_handle, output_handle)
}

#[cfg(test)]
mod tests {
    use super::Hash;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn published_digests_of_empty_and_abc() {
        // FIPS 180-2, the Keccak team's reference (pre-SHA3 padding), RIPEMD-160's authors.
        let cases = [
            (
                Hash::Sha256,
                "",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            ),
            (
                Hash::Sha256,
                "abc",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ),
            (
                Hash::Keccak256,
                "",
                "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
            ),
            (
                Hash::Keccak256,
                "abc",
                "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
            ),
            (
                Hash::Ripemd160,
                "",
                "9c1185a5c5e9fc54612808977ee8f548b2258d31",
            ),
            (
                Hash::Ripemd160,
                "abc",
                "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc",
            ),
        ];
        for (hash, input, expected) in cases {
            assert_eq!(
                hex(&hash.digest(input.as_bytes())),
                expected,
                "{hash:?}({input:?})"
            );
        }
    }
}

//! Messages that must match the production VM byte for byte, and the early exits built
//! from them. Executor-level messages (gas, memory, timeout) are in `executor_api::messages`.

use executor_api::EarlyExit;

/// `signalError` and friends with a non-UTF-8 or empty message keep the bytes as they are.
pub const NO_BIG_INT_UNDER_HANDLE: &str = "no bigInt under the given handle";
/// A managed buffer handle that holds nothing.
pub const NO_MANAGED_BUFFER_UNDER_HANDLE: &str = "no managed buffer under the given handle";
/// A managed map handle that holds nothing.
pub const NO_MANAGED_MAP_UNDER_HANDLE: &str = "no managed map under the given handle";
/// Storage writes under the protocol's reserved prefix.
pub const RESERVED_STORAGE_KEY: &str = "cannot write to storage under reserved key";
/// Calling `init` or `callBack` directly.
pub const INVALID_FUNCTION: &str = executor_api::messages::INVALID_FUNCTION;
/// No code at the called address.
pub const CONTRACT_NOT_FOUND: &str = "contract not found";
/// Code that does not validate.
pub const INVALID_CONTRACT_CODE: &str = executor_api::messages::INVALID_CONTRACT_CODE;

/// The protocol's reserved storage prefix.
pub const RESERVED_STORAGE_PREFIX: &[u8] = b"ELROND";

/// The exit of a hook that the VM refuses; contracts importing it are refused before they
/// run, so this is reached only if that check is bypassed.
pub(crate) fn refused_hook(method: &str) -> EarlyExit {
    EarlyExit::execution_failed(format!("VM hook {method} is not supported by this VM"))
}

/// Return code 10 with `message`: a failed execution.
pub(crate) fn failed(message: impl Into<String>) -> EarlyExit {
    EarlyExit::execution_failed(message)
}

// Big integers, managed buffers and managed maps (the production VM's `vmhost/errors.go`).

/// Division or modulo by zero (`bigIntTDiv`, `bigIntTMod`, `bigIntEDiv`, `bigIntEMod`).
pub const DIVISION_BY_ZERO: &str = "division by 0";
/// A value below its lower bound: `bigIntSqrt` and `bigIntLog2` of a negative number,
/// `bigIntPow` with a negative exponent.
pub const BAD_BOUNDS_LOWER: &str = "bad bounds (lower)";
/// `bigIntNot`, `bigIntAnd`, `bigIntOr`, `bigIntXor` on a negative operand.
pub const BITWISE_NEGATIVE: &str = "bitwise operations only allowed on positive integers";
/// `bigIntShl` / `bigIntShr` of a negative number or by a negative amount.
pub const SHIFT_NEGATIVE: &str =
    "bitwise shift operations only allowed on positive integers and by a positive amount";
/// `bigIntGetInt64` of a value outside `i64`.
pub const BIG_INT_NOT_INT64: &str = "big int cannot be represented as int64";
/// `mBufferToSmallIntSigned` of bytes outside `i64`.
pub const BYTES_EXCEED_INT64: &str = "bytes cannot be parsed as int64";
/// `mBufferToSmallIntUnsigned` of bytes outside `u64`.
pub const BYTES_EXCEED_UINT64: &str = "bytes cannot be parsed as uint64";
// A slice outside a managed buffer (`mBufferGetByteSlice`, `mBufferCopyByteSlice`,
// `mBufferSetByteSlice`) fails with `INVALID_ARGUMENT`, declared above.
/// Strata's own limit (no production message): a big integer beyond
/// `MAX_BIG_INT_BYTES`, reachable only with gas far above a transaction's maximum.
pub const BIG_INT_TOO_LARGE: &str = "big int too large";
/// Strata's own limit (no production message): a managed buffer beyond `MAX_BUFFER_BYTES`.
pub const MANAGED_BUFFER_TOO_LARGE: &str = "managed buffer too large";

//! Messages that must match the production VM byte for byte, and the early exits built
//! from them. Executor-level messages (gas, memory, timeout) are in `executor_api::messages`.

use executor_api::EarlyExit;

/// A big integer handle that holds nothing.
pub const NO_BIG_INT_UNDER_HANDLE: &str = "no bigInt under the given handle";
/// A managed buffer handle that holds nothing.
pub const NO_MANAGED_BUFFER_UNDER_HANDLE: &str = "no managed buffer under the given handle";
/// A managed map handle that holds nothing.
pub const NO_MANAGED_MAP_UNDER_HANDLE: &str = "no managed map under the given handle";
/// Storage writes under the protocol's reserved prefix.
pub const RESERVED_STORAGE_KEY: &str = "cannot write to storage under reserved key";
/// Calling `init` or `callBack` directly.
pub const INVALID_FUNCTION: &str = executor_api::messages::INVALID_FUNCTION;
/// No code at the called address (return code 3; the production VM's
/// `ErrContractNotFound`, which wraps "invalid contract code").
pub const CONTRACT_NOT_FOUND: &str = "invalid contract code (not found)";
/// Code that does not validate.
pub const INVALID_CONTRACT_CODE: &str = executor_api::messages::INVALID_CONTRACT_CODE;

/// Calling `init` (or `upgrade`) directly: return code 4.
pub const INIT_CALLED_DIRECTLY: &str = "invalid function (calling init() directly is forbidden)";
/// Calling `callBack` outside an asynchronous callback: return code 4.
pub const CALLBACK_CALLED_DIRECTLY: &str =
    "invalid function (calling callBack() directly is forbidden)";
/// A failed execution without a more precise message (traps, memory limit).
pub const EXECUTION_FAILED: &str = "execution failed";
/// A call type the VM does not run directly.
pub const UNKNOWN_CALL_TYPE: &str = "unknown call type";
/// An upgrade by someone other than the owner, or of a non-upgradeable contract.
pub const UPGRADE_NOT_ALLOWED: &str = "upgrade not allowed";
/// `upgradeContract` without code and code metadata arguments (return code 11).
pub const INVALID_UPGRADE_ARGUMENTS: &str = "upgrade failed (invalid arguments)";
/// An argument or return-data index out of range (`getArgument`, `getReturnData`, …).
pub const INVALID_ARGUMENT: &str = "invalid argument";
/// A small-int argument index out of range.
pub const ARG_INDEX_OUT_OF_RANGE: &str = "argument index out of range";
/// A value that does not fit, or a missing managed argument/return data.
pub const ARG_OUT_OF_RANGE: &str = "argument out of range";
/// A stored value that does not fit a small int.
pub const STORAGE_VALUE_OUT_OF_RANGE: &str = "storage value out of range";
/// Storage writes under the VM's own protected prefix (`ELRONDVM@`).
pub const PROTECTED_STORAGE_KEY: &str = "cannot write to protected key";
/// Storage writes in read-only mode (queries, `executeReadOnly`).
pub const WRITE_ON_READ_ONLY: &str = "cannot write on read only mode";
/// `checkNoPayment` with EGLD.
pub const NON_PAYABLE_EGLD: &str = "function does not accept EGLD payment";
/// `checkNoPayment` with ESDT.
pub const NON_PAYABLE_ESDT: &str = "function does not accept ESDT payment";
/// A value transfer to a contract without the payable flag.
pub const ACCOUNT_NOT_PAYABLE: &str = "sending value to non payable contract";
/// An ESDT transfer index out of range.
pub const INVALID_TOKEN_INDEX: &str = "invalid token index";
/// A single-transfer call-value hook called with several ESDT transfers.
pub const TOO_MANY_ESDT_TRANSFERS: &str = "too many ESDT transfers";
/// NFT metadata asked of a token that has none.
pub const NIL_ESDT_DATA: &str = "nil esdt data";
/// A managed buffer of handles whose length is not a multiple of 4.
pub const INVALID_MANAGED_VEC: &str = "invalid managed vector of managed buffer handles";

/// The chain's answer for an account it does not hold in this shard, as the production test
/// world words it (`GetUserAccount`): "account not found: " and the address in hex.
pub fn account_not_found(address: &[u8]) -> String {
    let hex: String = address.iter().map(|b| format!("{b:02x}")).collect();
    format!("account not found: {hex}")
}

/// The message for an argument count read from memory that is negative or too large.
pub fn negative_num_arguments(count: i32) -> String {
    format!("negative numArguments ({count})")
}

/// The protocol's reserved storage prefix.
pub const RESERVED_STORAGE_PREFIX: &[u8] = b"ELROND";

/// The VM's own protected storage prefix (storage locks, async data): reserved prefix + `VM@`.
pub const VM_STORAGE_PREFIX: &[u8] = b"ELRONDVM@";

/// The exit of a hook that the VM refuses; contracts importing it are refused before they
/// run, so this is reached only if that check is bypassed.
#[allow(
    dead_code,
    reason = "used by `refused!` when a domain refuses hooks; none does now"
)]
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

/// `mBufferSetRandom` with a length below 1.
pub const LENGTH_OF_BUFFER_NOT_CORRECT: &str = "length of buffer is not correct";

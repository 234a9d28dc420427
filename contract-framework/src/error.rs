//! Stopping the contract with a user error (return code 4), and the framework's messages.

use crate::hooks;
use crate::types::ManagedBuffer;

/// Messages of the framework, byte for byte those of the ecosystem's contracts.
pub mod messages {
    /// An endpoint called with more or fewer arguments than it takes.
    pub const WRONG_NUMBER_OF_ARGUMENTS: &str = "wrong number of arguments";
    /// The start of an argument decode error: `argument decode error (NAME): REASON`.
    pub const ARG_DECODE_ERROR_1: &str = "argument decode error (";
    /// Between the argument name and the reason.
    pub const ARG_DECODE_ERROR_2: &str = "): ";
    /// The start of a storage decode error.
    pub const STORAGE_DECODE_ERROR: &str = "storage decode error: ";
    /// The start of a storage encode error.
    pub const STORAGE_ENCODE_ERROR: &str = "storage encode error: ";
    /// The start of a storage key encode error.
    pub const STORAGE_KEY_ENCODE_ERROR: &str = "storage key encode error: ";
    /// The start of a result encode error.
    pub const FINISH_ENCODE_ERROR: &str = "endpoint result encode error: ";
    /// A `BigUint` subtraction below zero.
    pub const BIG_UINT_SUB_NEGATIVE: &str = "cannot subtract because result would be negative";
    /// An `#[only_owner]` endpoint called by another account.
    pub const ONLY_OWNER_CALLER: &str = "Endpoint can only be called by owner";
    /// ESDT sent to an endpoint payable in EGLD only.
    pub const NON_PAYABLE_ESDT: &str = "function does not accept ESDT payment";
    /// A single ESDT payment was expected.
    pub const SINGLE_ESDT_EXPECTED: &str = "function expects single ESDT payment";
    /// A value does not fit the integer type it is decoded into.
    pub const VALUE_OUT_OF_RANGE: &str = "input out of range";
    /// A value longer than its type allows.
    pub const INPUT_TOO_LONG: &str = "input too long";
    /// A value shorter than its type needs.
    pub const INPUT_TOO_SHORT: &str = "input too short";
    /// A byte that is no valid value (a bool other than 0 or 1, an option tag …).
    pub const INVALID_VALUE: &str = "invalid value";
    /// An address argument or value that is not 32 bytes.
    pub const ADDRESS_BAD_LENGTH: &str = "argument has wrong length: 32 bytes expected";
}

/// Stops the contract with a user error and `message` (`signalError`).
pub fn signal_error(message: &str) -> ! {
    signal_error_bytes(message.as_bytes())
}

/// Stops the contract with a user error and the bytes `message`.
pub fn signal_error_bytes(message: &[u8]) -> ! {
    // SAFETY: the pointer and length describe `message`.
    unsafe { hooks::signal_error(message.as_ptr() as isize, message.len() as isize) };
    unreachable_after_exit()
}

/// Stops the contract with a user error whose message is the managed buffer `message`.
pub fn signal_error_buffer(message: &ManagedBuffer) -> ! {
    // SAFETY: a handle only.
    unsafe { hooks::managed_signal_error(message.handle()) };
    unreachable_after_exit()
}

/// After a hook that never returns (the VM stops the contract; natively it unwinds).
pub(crate) fn unreachable_after_exit() -> ! {
    #[cfg(target_arch = "wasm32")]
    {
        core::arch::wasm32::unreachable()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        unreachable!("the VM stops the contract on this hook")
    }
}

/// Stops the contract with a user error and `message` unless `condition` holds.
///
/// ```no_run
/// use strata_contract_framework::require;
///
/// fn withdraw(amount: u64, balance: u64) -> u64 {
///     require!(amount <= balance, "insufficient funds");
///     balance - amount
/// }
/// ```
#[macro_export]
macro_rules! require {
    ($condition:expr, $message:expr $(,)?) => {
        if !($condition) {
            $crate::signal_error($message)
        }
    };
}

/// Stops the contract with a user error and `message` (`sc_panic!("...")`).
#[macro_export]
macro_rules! sc_panic {
    ($message:expr $(,)?) => {
        $crate::signal_error($message)
    };
}

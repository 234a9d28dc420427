use std::fmt;

use crate::ReturnCode;

/// Why a running contract stopped before its function returned.
///
/// A hook returns it to stop execution (signal error, out of gas, a bad pointer, a legacy
/// async call, …) and the executor returns it from [`Instance::call`](crate::Instance::call)
/// for its own stops (traps, out of gas in opcodes, memory limit, timeout). The VM turns it
/// into the output's return code and message unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EarlyExit {
    /// The return code the execution ends with ([`ReturnCode::Ok`] for a stop that is a
    /// success, such as a legacy `asyncCall`).
    pub code: ReturnCode,
    /// The return message.
    pub message: String,
}

impl EarlyExit {
    /// A stop with `code` and `message`.
    pub fn new(code: ReturnCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    /// Return code 4 with the contract's own message (`signalError`).
    pub fn user_error(message: impl Into<String>) -> Self {
        Self::new(ReturnCode::UserError, message)
    }

    /// Return code 5, "not enough gas".
    pub fn out_of_gas() -> Self {
        Self::new(ReturnCode::OutOfGas, messages::NOT_ENOUGH_GAS)
    }

    /// Return code 10 with `message`.
    pub fn execution_failed(message: impl Into<String>) -> Self {
        Self::new(ReturnCode::ExecutionFailed, message)
    }
}

impl fmt::Display for EarlyExit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}): {}",
            self.code,
            self.code.as_u64(),
            self.message
        )
    }
}

impl std::error::Error for EarlyExit {}

/// Messages that must match the production VM, byte for byte.
pub mod messages {
    /// Out of gas.
    pub const NOT_ENOUGH_GAS: &str = "not enough gas";
    /// `memory.grow` past the schedule's limits.
    pub const MEMORY_LIMIT: &str = "memory limit reached";
    /// More nested instances than allowed.
    pub const MAX_INSTANCES: &str = "max instances reached";
    /// A contract that does not validate.
    pub const INVALID_CONTRACT_CODE: &str = "invalid contract code";
    /// A missing function.
    pub const FUNCTION_NOT_FOUND: &str = "invalid function (not found)";
    /// Calling `init` or `callBack` directly.
    pub const INVALID_FUNCTION: &str = "invalid function";
    /// The wall-clock limit stopped the contract.
    pub const EXECUTION_TIMEOUT: &str = "execution timeout";
    /// A hook was given memory outside the instance's linear memory.
    pub const MEM_LOAD_BAD_BOUNDS: &str = "mem load: bad bounds";
    /// A hook was asked to write outside the instance's linear memory.
    pub const MEM_STORE_BAD_BOUNDS: &str = "mem store: bad bounds";
    /// A negative length.
    pub const NEGATIVE_LENGTH: &str = "negative length";
}

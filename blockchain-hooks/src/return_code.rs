use std::fmt;

/// The outcome of a contract execution, as the production VM reports it in `VMOutput`.
///
/// `Display` prints the production text ("ok", "function not found", …); the return
/// *message* of an output is a separate string.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[repr(u8)]
pub enum ReturnCode {
    /// 0: the execution succeeded.
    #[default]
    Ok = 0,
    /// 1: the function does not exist.
    FunctionNotFound = 1,
    /// 2: the function has parameters or results.
    FunctionWrongSignature = 2,
    /// 3: there is no contract at the address.
    ContractNotFound = 3,
    /// 4: the contract signalled an error.
    UserError = 4,
    /// 5: the gas ran out.
    OutOfGas = 5,
    /// 6: the new address is taken.
    AccountCollision = 6,
    /// 7: a transfer needs more funds than the sender has.
    OutOfFunds = 7,
    /// 8: too many nested calls.
    CallStackOverFlow = 8,
    /// 9: the code is not a valid contract.
    ContractInvalid = 9,
    /// 10: any other failure (traps, memory limit, max instances, timeout).
    ExecutionFailed = 10,
    /// 11: an upgrade failed.
    UpgradeFailed = 11,
    /// 12: a simulation failed.
    SimulateFailed = 12,
}

impl ReturnCode {
    /// Every code, in numeric order.
    pub const ALL: [ReturnCode; 13] = [
        Self::Ok,
        Self::FunctionNotFound,
        Self::FunctionWrongSignature,
        Self::ContractNotFound,
        Self::UserError,
        Self::OutOfGas,
        Self::AccountCollision,
        Self::OutOfFunds,
        Self::CallStackOverFlow,
        Self::ContractInvalid,
        Self::ExecutionFailed,
        Self::UpgradeFailed,
        Self::SimulateFailed,
    ];

    /// The production VM's text for the code.
    pub const fn text(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::FunctionNotFound => "function not found",
            Self::FunctionWrongSignature => "wrong signature for function",
            Self::ContractNotFound => "contract not found",
            Self::UserError => "user error",
            Self::OutOfGas => "out of gas",
            Self::AccountCollision => "account collision",
            Self::OutOfFunds => "out of funds",
            Self::CallStackOverFlow => "call stack overflow",
            Self::ContractInvalid => "contract invalid",
            Self::ExecutionFailed => "execution failed",
            Self::UpgradeFailed => "upgrade failed",
            Self::SimulateFailed => "simulate failed",
        }
    }

    /// The numeric code.
    pub const fn as_u64(self) -> u64 {
        self as u64
    }

    /// The code with number `n`, if there is one.
    pub fn from_u64(n: u64) -> Option<Self> {
        Self::ALL.get(usize::try_from(n).ok()?).copied()
    }

    /// Whether this is [`ReturnCode::Ok`].
    pub const fn is_ok(self) -> bool {
        matches!(self, Self::Ok)
    }
}

impl fmt::Display for ReturnCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text())
    }
}

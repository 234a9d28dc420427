use thiserror::Error;

/// A gas schedule that cannot be used.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum GasScheduleError {
    /// The file is not valid TOML.
    #[error("gas schedule is not valid TOML: {0}")]
    Toml(String),
    /// A required key is missing.
    #[error("gas schedule lacks {section}.{key}")]
    MissingKey {
        /// The section, e.g. `BaseOpsAPICost`.
        section: String,
        /// The key, e.g. `GetSCAddress`.
        key: String,
    },
    /// A value is not a non-negative integer.
    #[error("gas schedule value {section}.{key} is not a non-negative integer")]
    NotACost {
        /// The section.
        section: String,
        /// The key.
        key: String,
    },
    /// The schedule file cannot be read.
    #[error("gas schedule file: {0}")]
    Io(String),
    /// A scenario names a schedule that does not exist.
    #[error("unknown gas schedule {0:?} (expected \"v3\", \"v4\", \"dummy\" or \"default\")")]
    UnknownSchedule(String),
}

/// A failure of the chain itself (not of a contract).
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum BlockchainError {
    /// No address can be derived for a deploy.
    #[error("cannot derive a new address: {0}")]
    NewAddress(String),
    /// The builtin function is not known.
    #[error("unknown builtin function {0:?}")]
    UnknownBuiltinFunction(String),
    /// Any other infrastructure failure.
    #[error("blockchain: {0}")]
    Other(String),
}

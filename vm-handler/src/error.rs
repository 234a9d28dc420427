use blockchain_hooks::BlockchainError;
use thiserror::Error;

/// A failure of the VM or of the node around it, never of a contract: a contract's failure is
/// an `Ok(VmOutput)` with a return code other than `Ok`.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum VmError {
    /// The chain failed to answer.
    #[error(transparent)]
    Blockchain(#[from] BlockchainError),
    /// The execution engine failed (not the contract).
    #[error("executor: {0}")]
    Executor(String),
    /// The VM was asked something it cannot do in its configuration.
    #[error("vm: {0}")]
    Config(String),
}

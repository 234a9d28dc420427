use std::path::PathBuf;

use blockchain_hooks::{BlockchainError, GasScheduleError};
use thiserror::Error;
use vm_handler::VmError;

use crate::StepFailure;

/// Everything that can go wrong in the world mock and the scenario runner.
///
/// A *contract* failing is not an error: it is a `VmOutput` with a return code. A scenario
/// whose expectations do not hold is [`WorldError::Check`], naming the file, the step and the
/// field with the expected and actual values.
#[derive(Debug, Error)]
pub enum WorldError {
    /// The file is not valid JSON.
    #[error("{}:{line}:{column}: malformed JSON: {message}", file.display())]
    Json {
        /// The scenario file.
        file: PathBuf,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What serde_json reported.
        message: String,
    },
    /// The JSON is well formed but a field or value is not what the format allows.
    #[error("{}{}: at {path}: {message}", file.display(), position_suffix(position))]
    Format {
        /// The scenario file.
        file: PathBuf,
        /// 1-based line and column where the value starts, when found.
        position: Option<(usize, usize)>,
        /// Where in the document, as a JSON path (`steps[2].tx.arguments[0]`).
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A value expression that cannot be interpreted (the parser adds file and path).
    #[error("{0}")]
    Value(String),
    /// A file cannot be read.
    #[error("{}: {message}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        message: String,
    },
    /// No VM is registered for the VM type of a contract address.
    #[error("no VM registered for VM type {:02x}{:02x} (address {address})", vm_type[0], vm_type[1])]
    UnknownVmType {
        /// Bytes 8–9 of the address.
        vm_type: [u8; 2],
        /// The contract address.
        address: String,
    },
    /// A VM failed as infrastructure (not the contract).
    #[error(transparent)]
    Vm(#[from] VmError),
    /// The chain failed as infrastructure.
    #[error(transparent)]
    Blockchain(#[from] BlockchainError),
    /// A gas schedule that cannot be used.
    #[error(transparent)]
    GasSchedule(#[from] GasScheduleError),
    /// A VM output or a step that cannot be applied to the world (e.g. a negative balance);
    /// nothing of it was applied.
    #[error("cannot apply to the world: {0}")]
    State(String),
    /// A step cannot run (a sender that does not exist, a call to an account without code, …).
    #[error("{}: step {index}{}: {message}", file.display(), id_suffix(id))]
    Step {
        /// The scenario file.
        file: PathBuf,
        /// 0-based step index.
        index: usize,
        /// The step's `id`/`txId`, if any.
        id: Option<String>,
        /// What went wrong.
        message: String,
    },
    /// An expectation of the scenario does not hold.
    #[error("{0}")]
    Check(Box<StepFailure>),
}

fn position_suffix(position: &Option<(usize, usize)>) -> String {
    position
        .map(|(line, column)| format!(":{line}:{column}"))
        .unwrap_or_default()
}

fn id_suffix(id: &Option<String>) -> String {
    id.as_ref()
        .map(|id| format!(" ({id:?})"))
        .unwrap_or_default()
}

impl WorldError {
    /// A value error with `message`.
    pub(crate) fn value(message: impl Into<String>) -> Self {
        Self::Value(message.into())
    }

    /// A state error with `message`.
    pub(crate) fn state(message: impl Into<String>) -> Self {
        Self::State(message.into())
    }
}

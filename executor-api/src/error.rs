use thiserror::Error;

/// Everything that can go wrong in this crate's contracts with an executor.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ExecutorError {
    /// The code is not a contract this VM accepts (validation failed). The VM answers
    /// return code 9, "contract invalid".
    #[error("invalid contract code: {0}")]
    InvalidContract(String),
    /// The engine failed to compile code that passed validation.
    #[error("compilation failed: {0}")]
    Compilation(String),
    /// The engine failed to create an instance.
    #[error("instantiation failed: {0}")]
    Instantiation(String),
    /// Reading or writing the instance's memory outside its bounds, outside a call.
    #[error("memory access out of bounds: offset {offset}, length {length}")]
    MemoryOutOfBounds {
        /// The offset asked for.
        offset: i64,
        /// The length asked for.
        length: i64,
    },
    /// The compiled-module cache failed (I/O); the module is compiled again instead.
    #[error("module cache: {0}")]
    Cache(String),
}

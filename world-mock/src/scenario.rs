//! The scenario JSON format: value interpreter, parser, runner, checks and reports.

pub mod bech32;
mod cause;
mod check_state;
mod checks;
mod code_files;
mod locate;
mod model;
mod parse;
mod parse_accounts;
mod report;
mod runner;
mod state;
mod steps;
mod value;

pub use cause::{UNIMPLEMENTED_HOOKS_CAUSE, split_unimplemented};
pub use report::{StepFailure, display_value, readable};
pub use runner::{
    FileOutcome, RunOptions, ScenarioRunner, StepTrace, TraceSink, TxTrace, VmFactory,
};
pub use steps::{DEFAULT_CODE_METADATA, esdt_builtin_args};
pub use value::{ValueContext, interpret as interpret_value};

//! `strata`: the command-line front of Strata.
//!
//! `strata test [--executor NAME] [--json FILE] [--jobs N] PATH...` runs scenario files
//! (directories recursively, `*.scen.json`) in parallel and ends with `N passed, M failed`;
//! `strata run FILE [--trace]` runs one file and, with `--trace`, prints each step's result,
//! gas used and logs.

/// `println!` that ignores a closed stdout (`strata … | head`) instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// `print!` that ignores a closed stdout.
macro_rules! say_raw {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($arg)*);
    }};
}

mod report;
mod run_cmd;
mod test_cmd;
mod vm;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Runs MultiversX scenario tests (`*.scen.json`) on Strata's VM.
#[derive(Debug, Parser)]
#[command(name = "strata", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The executors a VM can run on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Executor {
    /// Wasmer singlepass, with per-opcode gas metering.
    #[default]
    Wasmer,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Runs scenario files and directories (recursively, `*.scen.json`) in parallel.
    Test {
        /// The executor contracts run on.
        #[arg(long, value_enum, default_value_t = Executor::Wasmer)]
        executor: Executor,
        /// Also write the results as JSON to FILE.
        #[arg(long, value_name = "FILE")]
        json: Option<PathBuf>,
        /// How many files run at once (default: the number of CPUs).
        #[arg(long, short = 'j', value_name = "N")]
        jobs: Option<usize>,
        /// Scenario files or directories.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Runs one scenario file.
    Run {
        /// The executor contracts run on.
        #[arg(long, value_enum, default_value_t = Executor::Wasmer)]
        executor: Executor,
        /// Prints each step's result, gas used and logs.
        #[arg(long)]
        trace: bool,
        /// The scenario file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Test {
            executor,
            json,
            jobs,
            paths,
        } => test_cmd::run(executor, json.as_deref(), jobs, &paths),
        Command::Run {
            executor,
            trace,
            file,
        } => run_cmd::run(executor, trace, &file),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

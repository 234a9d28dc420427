//! `strata`: the command-line front of Strata.
//!
//! `strata test PATH...` runs scenario files (directories recursively, `*.scen.json`) in
//! parallel, printing a line per file as it finishes, and ends with `N passed, M failed`
//! (`, K skipped`); `--filter`, `--json`, `--junit`, `--gas-report` and more shape it.
//! `strata run FILE [--trace[=hooks]]` runs one file, printing each step's transaction,
//! result and gas. `strata inspect FILE` describes a contract. `strata build [PATH...]`
//! compiles contract crates to wasm with their ABI and `.mxsc.json`.

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

mod build_cmd;
mod gas_report;
mod hook_trace;
mod inspect;
mod machine;
mod report;
mod run_cmd;
mod select;
mod test_cmd;
mod vm;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::report::ColorWhen;
use crate::run_cmd::TraceLevel;
use world_mock::RunOptions;

/// Runs MultiversX scenario tests (`*.scen.json`) on Strata's VM.
#[derive(Debug, Parser)]
#[command(name = "strata", version, about)]
struct Cli {
    /// Runs the VM in separate VM-host processes (`strata vm-host`) that ask this process
    /// for every chain read, so a contract fault cannot take the runner down.
    #[arg(long, global = true)]
    out_of_process: bool,
    /// Runs the asynchronous calls a transaction sends to contracts of other shards (the
    /// scenario's `shard` fields) each in its shard as its own transaction, then the callback
    /// back in the caller's shard, as a multi-shard chain does. Without it the runner runs
    /// nothing cross-shard, as the production runner.
    #[arg(long, global = true)]
    cross_shard: bool,
    /// Compiles every contract afresh instead of keeping compiled contracts in the cache
    /// folder (`$STRATA_CACHE_DIR`, else `$XDG_CACHE_HOME/strata`, else `~/.cache/strata`).
    #[arg(long, global = true)]
    no_cache: bool,
    /// When to color the output: auto (a terminal, unless NO_COLOR is set; CLICOLOR_FORCE
    /// forces it), always or never.
    #[arg(long, value_enum, global = true, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
    #[command(subcommand)]
    command: Command,
}

/// The executors a VM can run on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Executor {
    /// Wasmer singlepass, with per-opcode gas metering.
    #[default]
    Wasmer,
    /// The native builds of the bundled example contracts, in this process, for step
    /// debugging (other contracts on Wasmer). Hooks charge gas, opcodes are not metered.
    Debugger,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Runs scenario files and directories (recursively: `*.scen.json` run, `*.awaiting.json`
    /// counted as skipped) in parallel. Exit code 0 all passed, 1 a test failed, 2 a usage
    /// or input error.
    Test {
        /// The executor contracts run on.
        #[arg(long, value_enum, default_value_t = Executor::Wasmer)]
        executor: Executor,
        /// Runs only files whose path contains TEXT (repeatable: any of them).
        #[arg(long, value_name = "TEXT")]
        filter: Vec<String>,
        /// A filter must name the file exactly: its path, file name, or name without
        /// `.scen.json`.
        #[arg(long, requires = "filter")]
        exact: bool,
        /// Succeeds when no file is selected (otherwise exit code 2).
        #[arg(long)]
        allow_empty: bool,
        /// Writes the results as JSON to FILE (`-` for stdout; the human output then goes to
        /// stderr).
        #[arg(long, value_name = "FILE")]
        json: Option<PathBuf>,
        /// Writes the results as JUnit XML to FILE.
        #[arg(long, value_name = "FILE")]
        junit: Option<PathBuf>,
        /// Checks `gas` in every expectation, even where a scenario says `"checkGas": false`.
        #[arg(long)]
        force_check_gas: bool,
        /// Prints a table of gas per contract and endpoint (calls, min, median, max).
        #[arg(long)]
        gas_report: bool,
        /// Writes the gas report as JSON to FILE.
        #[arg(long, value_name = "FILE")]
        gas_report_json: Option<PathBuf>,
        /// How many files run at once (default: the number of CPUs).
        #[arg(long, short = 'j', value_name = "N")]
        jobs: Option<usize>,
        /// Scenario files or directories.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Runs one scenario file. Exit code 0 passed, 1 failed, 2 a usage or input error.
    Run {
        /// The executor contracts run on.
        #[arg(long, value_enum, default_value_t = Executor::Wasmer)]
        executor: Executor,
        /// Prints each step: its transaction, result, gas used and refund, logs and storage
        /// writes; `--trace=hooks` adds every hook call with its arguments and gas.
        #[arg(
            long,
            value_enum,
            num_args = 0..=1,
            require_equals = true,
            default_missing_value = "steps",
            value_name = "LEVEL"
        )]
        trace: Option<TraceLevel>,
        /// Checks `gas` in every expectation, even where a scenario says `"checkGas": false`.
        #[arg(long)]
        force_check_gas: bool,
        /// The scenario file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Describes a contract (`.wasm`, `.mxsc.json` or `.wat`): size, exports, imported hooks
    /// (implemented or refused), the validation verdict, memory and table limits, deploy gas.
    Inspect {
        /// The contract file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Compiles contract crates to wasm: writes `output/<name>.wasm`, `<name>.abi.json` and
    /// `<name>.mxsc.json` per crate. Exit code 0 all built, 1 one failed or the VM would refuse
    /// it, 2 no toolchain or a bad path.
    Build {
        /// Writes the outputs into DIR instead of each crate's `output` folder.
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Builds only the wasm, without the ABI and the `.mxsc.json`.
        #[arg(long)]
        no_abi: bool,
        /// The wasm toolchain: rustup's target when installed, else Debian's (auto).
        #[arg(long, value_enum, default_value_t = build_cmd::ToolchainChoice::Auto)]
        toolchain: build_cmd::ToolchainChoice,
        /// Contract crate folders, or folders holding several (default: `.`).
        #[arg(value_name = "PATH", default_value = ".")]
        paths: Vec<PathBuf>,
    },
    /// The VM host the out-of-process VM starts: speaks the pipe protocol on stdin/stdout.
    #[command(hide = true)]
    VmHost,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    vm::set_out_of_process(cli.out_of_process);
    vm::set_disk_cache(!cli.no_cache);
    let color = cli.color;
    let cross_shard = cli.cross_shard;
    let hook_trace = matches!(
        &cli.command,
        Command::Run {
            trace: Some(TraceLevel::Hooks),
            ..
        }
    );
    if let Command::Test { executor, .. } | Command::Run { executor, .. } = &cli.command
        && let Err(e) = vm::check_executor(*executor, hook_trace)
    {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    let result = match cli.command {
        Command::VmHost => return vm_host_process::serve_stdio(),
        Command::Test {
            executor,
            filter,
            exact,
            allow_empty,
            json,
            junit,
            force_check_gas,
            gas_report,
            gas_report_json,
            jobs,
            paths,
        } => test_cmd::run(&test_cmd::TestArgs {
            executor,
            paths,
            filters: select::Filters {
                texts: filter,
                exact,
            },
            allow_empty,
            jobs,
            json,
            junit,
            color,
            force_check_gas,
            cross_shard,
            gas_report,
            gas_report_json,
        }),
        Command::Run {
            executor,
            trace,
            force_check_gas,
            file,
        } => run_cmd::run(
            executor,
            trace,
            RunOptions {
                force_check_gas,
                cross_shard,
            },
            color,
            &file,
        ),
        Command::Inspect { file } => inspect::run(&file, color),
        Command::Build {
            output,
            no_abi,
            toolchain,
            paths,
        } => build_cmd::run(&build_cmd::BuildArgs {
            paths,
            output,
            no_abi,
            toolchain,
        }),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

//! `strata test`: selects scenario files, runs them in parallel, prints one line per file as it
//! finishes (a failure's diff with it) above the progress bar, then the failures by cause and
//! the closing line `N passed, M failed[, K skipped]`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use world_mock::{RunOptions, ScenarioRunner, StepTrace, UNIMPLEMENTED_HOOKS_CAUSE};

use crate::Executor;
use crate::gas_report::GasReport;
use crate::machine::{Outcome, RunReport, json_report, junit_report, write_out};
use crate::report::{ColorWhen, Style, exit_code, failure_text, summary};
use crate::select::{Filters, collect};

/// What `strata test` was asked.
#[derive(Debug, Default)]
pub struct TestArgs {
    pub executor: Executor,
    pub paths: Vec<PathBuf>,
    pub filters: Filters,
    pub allow_empty: bool,
    pub jobs: Option<usize>,
    pub json: Option<PathBuf>,
    pub junit: Option<PathBuf>,
    pub color: ColorWhen,
    pub force_check_gas: bool,
    pub cross_shard: bool,
    pub gas_report: bool,
    pub gas_report_json: Option<PathBuf>,
}

/// Where the human output goes: stdout, or stderr when the JSON report takes stdout.
#[derive(Clone, Copy, Debug)]
struct Printer {
    style: Style,
    to_stderr: bool,
}

impl Printer {
    fn line(self, text: &str) {
        if self.to_stderr {
            eprintln!("{text}");
        } else {
            say!("{text}");
        }
    }
}

fn progress_bar(len: usize) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(len as u64);
    let style = ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed} {wide_msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

/// The line printed when a file finishes.
fn file_line(style: Style, outcome: &Outcome) -> String {
    let status = match &outcome.result {
        Ok(()) => style.green("PASS"),
        Err(_) => style.red("FAIL"),
    };
    let time = style.dim(&format!("[{:>8.3}s]", outcome.time.as_secs_f64()));
    format!("{status} {time} {}", outcome.file.display())
}

fn run_one(runner: &ScenarioRunner, file: &Path, gas: Option<&GasReport>) -> Outcome {
    let start = Instant::now();
    let result = match gas {
        Some(gas) => runner.run_file_traced(file, &mut |t: &StepTrace| gas.record(t)),
        None => runner.run_file(file),
    };
    Outcome {
        file: file.to_path_buf(),
        time: start.elapsed(),
        result,
    }
}

/// The most worker threads a run starts, whatever `--jobs` asks.
const MAX_JOBS: usize = 256;

/// The worker threads for `jobs` asked and `files` to run: at least one, no more than the
/// files or [`MAX_JOBS`].
fn capped_jobs(jobs: usize, files: usize) -> usize {
    jobs.min(files).clamp(1, MAX_JOBS)
}

/// Refuses a report path that would overwrite a scenario: one of the selected files, or a
/// name of the scenario format (`*.scen.json`, `*.steps.json`).
fn refuse_report_onto_scenario(path: &Path, scenarios: &[PathBuf]) -> Result<()> {
    if path == Path::new("-") {
        return Ok(());
    }
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let same = |file: &PathBuf| match (path.canonicalize(), file.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if name.ends_with(".scen.json") || name.ends_with(".steps.json") || scenarios.iter().any(same) {
        bail!(
            "{}: a report would overwrite a scenario file; write it elsewhere",
            path.display()
        );
    }
    Ok(())
}

fn run_all(
    runner: &ScenarioRunner,
    files: &[PathBuf],
    jobs: Option<usize>,
    printer: Printer,
    gas: Option<&GasReport>,
) -> Result<Vec<Outcome>> {
    let default_jobs = std::thread::available_parallelism().map_or(1, usize::from);
    let workers = capped_jobs(jobs.unwrap_or(default_jobs), files.len());
    let bar = progress_bar(files.len());
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, Outcome)>> = Mutex::new(Vec::with_capacity(files.len()));
    // Plain threads taking the next file in turn: a worker runs one file at a time from start
    // to end, so its timer measures that file only (a work-stealing pool would let a worker
    // waiting inside one file run others).
    let work = || {
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(file) = files.get(index) else { break };
            let outcome = run_one(runner, file, gas);
            let mut text = file_line(printer.style, &outcome);
            if let Err(error) = &outcome.result {
                text.push('\n');
                text.push_str(&failure_text(printer.style, error));
                text.push('\n');
            }
            // One lock orders the lines and keeps the bar below them.
            let mut done = done.lock().unwrap_or_else(|e| e.into_inner());
            match &bar {
                Some(bar) => {
                    bar.suspend(|| printer.line(&text));
                    bar.set_message(file.display().to_string());
                    bar.inc(1);
                }
                None => printer.line(&text),
            }
            done.push((index, outcome));
        }
    };
    std::thread::scope(|scope| -> Result<()> {
        for _ in 0..workers {
            // Contract executions may nest deeply: give each worker a generous stack.
            std::thread::Builder::new()
                .stack_size(64 << 20)
                .spawn_scoped(scope, work)
                .context("starting the worker threads")?;
        }
        Ok(())
    })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let mut done = done.into_inner().unwrap_or_else(|e| e.into_inner());
    done.sort_by_key(|(index, _)| *index);
    Ok(done.into_iter().map(|(_, o)| o).collect())
}

/// How many cause groups the failure summary lists.
const MAX_CAUSES_SHOWN: usize = 20;

/// The failures grouped by cause, largest group first; a contract refused for several hooks
/// counts under each of them.
fn causes_text(style: Style, outcomes: &[Outcome]) -> String {
    let mut groups: Vec<(String, usize)> = Vec::new();
    let mut count = |cause: String| match groups.iter_mut().find(|(c, _)| *c == cause) {
        Some((_, n)) => *n += 1,
        None => groups.push((cause, 1)),
    };
    for error in outcomes.iter().filter_map(|o| o.result.as_ref().err()) {
        let hooks = error.unimplemented_hooks();
        if hooks.is_empty() {
            count(error.cause());
        }
        for hook in hooks {
            count(format!("{UNIMPLEMENTED_HOOKS_CAUSE}{hook}"));
        }
    }
    groups.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let files = |n: usize| if n == 1 { "file" } else { "files" };
    let mut text = style.bold("Failures by cause:");
    for (cause, n) in groups.iter().take(MAX_CAUSES_SHOWN) {
        text.push_str(&format!("\n  {cause} ({n} {})", files(*n)));
    }
    if let Some(rest) = groups.get(MAX_CAUSES_SHOWN..).filter(|r| !r.is_empty()) {
        let n: usize = rest.iter().map(|(_, n)| n).sum();
        text.push_str(&format!(
            "\n  … and {} more causes ({n} {})",
            rest.len(),
            files(n)
        ));
    }
    text
}

fn duration_text(time: Duration) -> String {
    format!("{:.2}s", time.as_secs_f64())
}

/// Runs `strata test`; answers the exit code (0 all passed, 1 a test failed, 2 an input
/// error).
///
/// # Errors
/// A usage or input error (a missing path, nothing selected, an unwritable report).
pub fn run(args: &TestArgs) -> Result<u8> {
    let start = Instant::now();
    let json_to_stdout = args.json.as_deref() == Some(Path::new("-"));
    let printer = Printer {
        style: Style::new(args.color, json_to_stdout),
        to_stderr: json_to_stdout,
    };
    let style = printer.style;
    let selection = collect(&args.paths, &args.filters)?;
    if selection.run.is_empty() && selection.skipped.is_empty() && !args.allow_empty {
        bail!("no scenario file selected (*.scen.json); --allow-empty accepts that");
    }
    let reports = [&args.json, &args.junit, &args.gas_report_json];
    for path in reports.into_iter().flatten() {
        refuse_report_onto_scenario(path, &selection.run)?;
    }
    let runner = crate::vm::runner(args.executor).with_options(RunOptions {
        force_check_gas: args.force_check_gas,
        cross_shard: args.cross_shard,
    });
    let want_gas = args.gas_report || args.gas_report_json.is_some();
    let gas = want_gas.then(GasReport::default);
    let outcomes = run_all(&runner, &selection.run, args.jobs, printer, gas.as_ref())?;
    let report = RunReport {
        outcomes: &outcomes,
        skipped: &selection.skipped,
        time: start.elapsed(),
    };
    if let Some(path) = &args.json {
        let text = serde_json::to_string_pretty(&json_report(&report))?;
        write_out(path, &(text + "\n"))?;
    }
    if let Some(path) = &args.junit {
        write_out(path, &junit_report(&report))?;
    }
    if let Some(gas) = &gas {
        if let Some(path) = &args.gas_report_json {
            let text = serde_json::to_string_pretty(&gas.json())?;
            write_out(path, &(text + "\n"))?;
        }
        if args.gas_report {
            printer.line(&gas.table(style));
        }
    }
    let failed = report.failed();
    let passed = outcomes.len() - failed;
    let skipped = selection.skipped.len();
    printer.line(&style.dim(&format!(
        "{} files run in {} ({passed} passed, {failed} failed, {skipped} skipped)",
        outcomes.len(),
        duration_text(report.time)
    )));
    if failed > 0 {
        printer.line(&causes_text(style, &outcomes));
    }
    let line = summary(passed, failed, skipped);
    printer.line(&if failed == 0 {
        style.green(&line)
    } else {
        style.red(&line)
    });
    Ok(exit_code(failed, report.input_errors()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_are_capped_by_the_files_and_a_maximum() {
        assert_eq!(capped_jobs(10_000, 3), 3);
        assert_eq!(capped_jobs(10_000, 100_000), MAX_JOBS);
        assert_eq!(capped_jobs(0, 5), 1);
        assert_eq!(capped_jobs(2, 0), 1);
    }

    #[test]
    fn reports_never_overwrite_scenarios() {
        let dir = tempfile::tempdir().unwrap();
        let scenario = dir.path().join("a.json");
        std::fs::write(&scenario, "{}").unwrap();
        let selected = vec![scenario.clone()];
        assert!(refuse_report_onto_scenario(&scenario, &selected).is_err());
        let named = dir.path().join("x.scen.json");
        assert!(refuse_report_onto_scenario(&named, &[]).is_err());
        assert!(refuse_report_onto_scenario(Path::new("-"), &selected).is_ok());
        assert!(refuse_report_onto_scenario(&dir.path().join("out.json"), &selected).is_ok());
    }
}

//! `strata test`: runs scenario files in parallel.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use world_mock::{ScenarioRunner, UNIMPLEMENTED_HOOKS_CAUSE, WorldError};

use crate::Executor;
use crate::report::{Style, failure_text, summary};

/// One file's result.
struct Outcome {
    file: PathBuf,
    time: Duration,
    result: Result<(), WorldError>,
}

/// Collects the scenario files: files as given, directories recursively (`*.scen.json`),
/// sorted.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files, 0)?;
        } else if path.is_file() {
            files.push(path.clone());
        } else {
            bail!("{}: no such file or directory", path.display());
        }
    }
    Ok(files)
}

/// How deep directories are searched (a symlink loop stops here).
const MAX_DIR_DEPTH: usize = 64;

fn walk(dir: &Path, files: &mut Vec<PathBuf>, depth: usize) -> Result<()> {
    if depth > MAX_DIR_DEPTH {
        bail!(
            "{}: directories nested deeper than {MAX_DIR_DEPTH}",
            dir.display()
        );
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            walk(&entry, files, depth + 1)?;
        } else if entry
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with(".scen.json"))
        {
            files.push(entry);
        }
    }
    Ok(())
}

fn progress_bar(len: usize) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(len as u64);
    let style = ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

fn run_all(
    runner: &ScenarioRunner,
    files: &[PathBuf],
    jobs: Option<usize>,
) -> Result<Vec<Outcome>> {
    // Contract executions may nest deeply: give each worker a generous stack.
    let mut builder = rayon::ThreadPoolBuilder::new().stack_size(64 << 20);
    if let Some(jobs) = jobs {
        builder = builder.num_threads(jobs.max(1));
    }
    let pool = builder.build().context("starting the worker threads")?;
    let bar = progress_bar(files.len());
    let outcomes = pool.install(|| {
        files
            .par_iter()
            .map(|file| {
                let start = Instant::now();
                let result = runner.run_file(file);
                if let Some(bar) = &bar {
                    bar.set_message(file.display().to_string());
                    bar.inc(1);
                }
                Outcome {
                    file: file.clone(),
                    time: start.elapsed(),
                    result,
                }
            })
            .collect()
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(outcomes)
}

fn write_json(path: &Path, outcomes: &[Outcome]) -> Result<()> {
    let items: Vec<serde_json::Value> = outcomes
        .iter()
        .map(|o| {
            serde_json::json!({
                "file": o.file.display().to_string(),
                "passed": o.result.is_ok(),
                "time_ms": o.time.as_secs_f64() * 1000.0,
                "error": o.result.as_ref().err().map(ToString::to_string),
                "cause": o.result.as_ref().err().map(WorldError::cause),
            })
        })
        .collect();
    let text = serde_json::to_string_pretty(&items)?;
    std::fs::write(path, text + "\n").with_context(|| format!("writing {}", path.display()))
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

/// Runs `strata test`; answers whether everything passed.
pub fn run(
    executor: Executor,
    json: Option<&Path>,
    jobs: Option<usize>,
    paths: &[PathBuf],
) -> Result<bool> {
    let files = collect(paths)?;
    if files.is_empty() {
        eprintln!("warning: no *.scen.json files found");
    }
    let runner = crate::vm::runner(executor);
    let outcomes = run_all(&runner, &files, jobs)?;
    let style = Style::detect();
    let mut failed = 0;
    for outcome in &outcomes {
        if let Err(error) = &outcome.result {
            failed += 1;
            say!("{} {}", style.red("FAIL"), outcome.file.display());
            say!("{}\n", failure_text(style, error));
        }
    }
    if let Some(json) = json {
        write_json(json, &outcomes)?;
    }
    if failed > 0 {
        say!("{}", causes_text(style, &outcomes));
    }
    let passed = outcomes.len() - failed;
    let line = summary(passed, failed);
    say!(
        "{}",
        if failed == 0 {
            style.green(&line)
        } else {
            style.red(&line)
        }
    );
    Ok(failed == 0)
}

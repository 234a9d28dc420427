//! `strata run FILE [--trace]`: runs one file, optionally printing every step.

use std::path::Path;

use anyhow::Result;
use world_mock::{StepTrace, readable};

use crate::Executor;
use crate::report::{Style, failure_text, summary};

fn print_trace(style: Style, file: &Path, trace: &StepTrace) {
    let id = trace
        .id
        .as_deref()
        .map(|id| format!(" {id:?}"))
        .unwrap_or_default();
    let mut head = format!("step {} {}{id}", trace.index, trace.kind);
    if trace.file != file {
        let name = trace.file.file_name().unwrap_or_default().to_string_lossy();
        head = format!("  {name}: {head}");
    }
    let Some(out) = &trace.output else {
        say!("{}", style.bold(&head));
        if let Some(dump) = &trace.dump {
            say_raw!("{dump}");
        }
        return;
    };
    let status = format!("{} ({})", out.return_code.as_u64(), out.return_code);
    let status = if out.return_code.is_ok() {
        style.green(&status)
    } else {
        style.red(&status)
    };
    say!("{}: status {status}", style.bold(&head));
    if !out.return_message.is_empty() {
        say!("  message: {:?}", out.return_message);
    }
    if let Some(gas) = trace.gas_used {
        say!(
            "  gas used: {gas}, remaining: {}, refund: {}",
            out.gas_remaining,
            out.gas_refund
        );
    }
    if !out.return_data.is_empty() {
        let values: Vec<String> = out.return_data.iter().map(|d| readable(d)).collect();
        say!("  out: [{}]", values.join(", "));
    }
    for log in &out.logs {
        let topics: Vec<String> = log.topics.iter().map(|t| readable(t)).collect();
        let data: Vec<String> = log.data.iter().map(|d| readable(d)).collect();
        say!(
            "  {} {} from {}: topics [{}], data [{}]",
            style.dim("log"),
            String::from_utf8_lossy(&log.identifier),
            readable(&log.address.0),
            topics.join(", "),
            data.join(", ")
        );
    }
}

/// Runs `strata run`; answers whether the file passed.
pub fn run(executor: Executor, trace: bool, file: &Path) -> Result<bool> {
    let runner = crate::vm::runner(executor);
    let style = Style::detect();
    let mut sink = |t: &StepTrace| {
        if trace {
            print_trace(style, file, t);
        }
    };
    let result = runner.run_file_traced(file, &mut sink);
    let passed = result.is_ok();
    if let Err(error) = &result {
        say!("{} {}", style.red("FAIL"), file.display());
        say!("{}", failure_text(style, error));
    }
    say!("{}", summary(usize::from(passed), usize::from(!passed)));
    Ok(passed)
}

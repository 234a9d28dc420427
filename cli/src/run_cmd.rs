//! `strata run FILE [--trace[=hooks]]`: runs one file, optionally printing every step: its
//! transaction (from, to, function, arguments, value, ESDT payments, gas limit), its result,
//! gas used and refund, returned values, logs and storage writes; with `hooks`, every hook
//! call with its arguments and gas.

use std::path::Path;

use anyhow::Result;
use clap::ValueEnum;
use world_mock::{RunOptions, StepTrace, TxTrace, display_value};

use crate::Executor;
use crate::hook_trace::{HookCall, HookLog};
use crate::report::{ColorWhen, Style, exit_code, failure_text, is_input_error, summary};

/// How much `--trace` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TraceLevel {
    /// Each step's transaction, result, gas, logs and storage writes.
    Steps,
    /// Also every hook call with its arguments and gas.
    Hooks,
}

fn values(items: &[Vec<u8>]) -> String {
    let parts: Vec<String> = items.iter().map(|i| display_value(i)).collect();
    parts.join(", ")
}

/// The transaction line: `address:owner → sc:adder add(3, 4)`, value, payments, gas limit.
fn tx_lines(kind: &str, tx: &TxTrace) -> Vec<String> {
    let from = if tx.from.0 == [0; 32] {
        "(no sender)".to_owned()
    } else {
        display_value(&tx.from.0)
    };
    let call = match kind {
        "scDeploy" => format!(
            "deploy {} bytes of code, init({})",
            tx.code_size.unwrap_or(0),
            values(&tx.arguments)
        ),
        _ if tx.function.is_empty() => display_value(&tx.to.0),
        _ => format!(
            "{} {}({})",
            display_value(&tx.to.0),
            tx.function,
            values(&tx.arguments)
        ),
    };
    let mut lines = vec![format!("tx: {from} → {call}")];
    let mut extra = Vec::new();
    if tx.egld_value != 0u32.into() {
        extra.push(format!("value {} EGLD-wei", tx.egld_value));
    }
    for t in &tx.esdt {
        let token = String::from_utf8_lossy(&t.token);
        if t.nonce == 0 {
            extra.push(format!("{} {token}", t.value));
        } else {
            extra.push(format!("{} {token} nonce {}", t.value, t.nonce));
        }
    }
    if kind == "scQuery" {
        extra.push("gas: unbounded (query)".to_owned());
    } else if kind != "transfer" || tx.gas_limit != 0 {
        extra.push(format!("gas limit {}", tx.gas_limit));
    }
    if let Some(address) = tx.deployed {
        extra.push(format!("new contract {}", display_value(&address.0)));
    }
    if !extra.is_empty() {
        lines.push(extra.join(", "));
    }
    lines
}

fn print_hooks(style: Style, calls: &[HookCall]) {
    for call in calls {
        let indent = "  ".repeat(call.depth + 1);
        let names = executor_api::hook_info(call.name)
            .map(|h| h.params)
            .unwrap_or_default();
        let args: Vec<String> = call
            .args
            .iter()
            .enumerate()
            .map(|(i, a)| match names.get(i) {
                Some((name, _)) => format!("{name}={a}"),
                None => a.to_string(),
            })
            .collect();
        say!(
            "  {indent}{} {}({}) → {}, gas {}",
            style.dim("hook"),
            call.name,
            args.join(", "),
            call.result,
            call.gas
        );
    }
}

fn print_trace(style: Style, file: &Path, trace: &StepTrace, hooks: &[HookCall]) {
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
    if let Some(tx) = &trace.tx {
        for line in tx_lines(trace.kind, tx) {
            say!("  {line}");
        }
    }
    print_hooks(style, hooks);
    if !out.return_message.is_empty() {
        say!("  message: {:?}", out.return_message);
    }
    if let Some(gas) = trace.gas_used {
        say!("  gas used: {gas}, refund: {}", out.gas_refund);
    }
    if !out.return_data.is_empty() {
        say!("  out: [{}]", values(&out.return_data));
    }
    for log in &out.logs {
        say!(
            "  {} {} from {}: topics [{}], data [{}]",
            style.dim("log"),
            String::from_utf8_lossy(&log.identifier),
            display_value(&log.address.0),
            values(&log.topics),
            values(&log.data)
        );
    }
    for account in out.output_accounts.values() {
        for (key, value) in &account.storage_updates {
            say!(
                "  {} {} {} = {}",
                style.dim("storage"),
                display_value(&account.address.0),
                display_value(key),
                display_value(value)
            );
        }
    }
}

/// Runs `strata run`; answers the exit code (0 passed, 1 failed, 2 an input error).
///
/// # Errors
/// None of its own: a file that cannot be read is reported and answers 2.
pub fn run(
    executor: Executor,
    trace: Option<TraceLevel>,
    options: RunOptions,
    color: ColorWhen,
    file: &Path,
) -> Result<u8> {
    let log = HookLog::default();
    let runner = match trace {
        Some(TraceLevel::Hooks) => crate::hook_trace::runner(log.clone()),
        _ => crate::vm::runner(executor),
    }
    .with_options(options);
    let style = Style::new(color, false);
    let mut sink = |t: &StepTrace| {
        let hooks = log.take();
        if trace.is_some() {
            print_trace(style, file, t, &hooks);
        }
    };
    let result = runner.run_file_traced(file, &mut sink);
    let passed = result.is_ok();
    if let Err(error) = &result {
        say!("{} {}", style.red("FAIL"), file.display());
        say!("{}", failure_text(style, error));
    }
    let failed = usize::from(!passed);
    let input_errors = usize::from(result.as_ref().is_err_and(is_input_error));
    say!("{}", summary(usize::from(passed), failed, 0));
    Ok(exit_code(failed, input_errors))
}

//! Machine-readable results: `--json FILE|-` (a versioned schema) and `--junit FILE`.
//!
//! The JSON report is an object:
//!
//! ```text
//! { "schema_version": 1,
//!   "summary": { "passed", "failed", "skipped", "input_errors", "total", "time_ms" },
//!   "results": [ { "file", "status": "passed" | "failed" | "skipped", "passed", "time_ms",
//!                  "error": human text | null, "cause": cause class | null,
//!                  "failure": { "step_index", "step_id", "step_kind", "field", "expected",
//!                               "actual", "message" } | null } ] }
//! ```
//!
//! `failure` has the structured parts of a failed expectation; for a step that could not run
//! only `step_index`, `step_id` and `message` are set; it is null for a file that failed before
//! any step ran (look at `error` and `cause`).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use serde_json::{Value, json};
use world_mock::WorldError;

use crate::report::is_input_error;

/// The version of the JSON report's layout; raised when a field changes meaning or goes.
pub const SCHEMA_VERSION: u32 = 1;

/// One file's result.
#[derive(Debug)]
pub struct Outcome {
    /// The file.
    pub file: PathBuf,
    /// How long it ran.
    pub time: Duration,
    /// Its verdict.
    pub result: Result<(), WorldError>,
}

/// A whole run.
#[derive(Debug)]
pub struct RunReport<'a> {
    /// The files that ran, in selection order.
    pub outcomes: &'a [Outcome],
    /// The files skipped.
    pub skipped: &'a [PathBuf],
    /// Wall time.
    pub time: Duration,
}

impl RunReport<'_> {
    /// How many failed.
    pub fn failed(&self) -> usize {
        self.outcomes.iter().filter(|o| o.result.is_err()).count()
    }

    /// How many failed because a file could not be read or parsed.
    pub fn input_errors(&self) -> usize {
        self.outcomes
            .iter()
            .filter(|o| o.result.as_ref().is_err_and(is_input_error))
            .count()
    }
}

fn millis(time: Duration) -> f64 {
    time.as_secs_f64() * 1000.0
}

/// The structured parts of a failure, when it has any.
pub fn failure_parts(error: &WorldError) -> Value {
    match error {
        WorldError::Check(f) => json!({
            "step_index": f.step_index,
            "step_id": f.step_id,
            "step_kind": f.step_kind,
            "field": f.field,
            "expected": f.expected,
            "actual": f.actual,
            "message": format!("{}: {} mismatch", f.step_kind, f.field),
        }),
        WorldError::Step {
            index, id, message, ..
        } => json!({
            "step_index": index,
            "step_id": id,
            "step_kind": null,
            "field": null,
            "expected": null,
            "actual": null,
            "message": message,
        }),
        _ => Value::Null,
    }
}

/// The JSON report.
pub fn json_report(report: &RunReport<'_>) -> Value {
    let mut results: Vec<Value> = report
        .outcomes
        .iter()
        .map(|o| {
            let error = o.result.as_ref().err();
            json!({
                "file": o.file.display().to_string(),
                "status": if error.is_some() { "failed" } else { "passed" },
                "passed": error.is_none(),
                "time_ms": millis(o.time),
                "error": error.map(ToString::to_string),
                "cause": error.map(WorldError::cause),
                "failure": error.map_or(Value::Null, failure_parts),
            })
        })
        .collect();
    results.extend(report.skipped.iter().map(|file| {
        json!({
            "file": file.display().to_string(),
            "status": "skipped",
            "passed": null,
            "time_ms": 0.0,
            "error": null,
            "cause": null,
            "failure": null,
        })
    }));
    let failed = report.failed();
    json!({
        "schema_version": SCHEMA_VERSION,
        "summary": {
            "passed": report.outcomes.len() - failed,
            "failed": failed,
            "skipped": report.skipped.len(),
            "input_errors": report.input_errors(),
            "total": report.outcomes.len() + report.skipped.len(),
            "time_ms": millis(report.time),
        },
        "results": results,
    })
}

/// Writes `text` to `path`, or to stdout for `-`.
pub fn write_out(path: &Path, text: &str) -> Result<()> {
    if path == Path::new("-") {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
        return Ok(());
    }
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

/// Text for an XML attribute or element: escaped, without the characters XML 1.0 forbids.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('?'),
            c => out.push(c),
        }
    }
    out
}

/// The JUnit XML report: one testsuite, one testcase per file (`classname` its folder),
/// `<failure>` for a failed test, `<error>` for an input error, `<skipped>` for a skipped file.
pub fn junit_report(report: &RunReport<'_>) -> String {
    let failed = report.failed();
    let errors = report.input_errors();
    let tests = report.outcomes.len() + report.skipped.len();
    let secs = report.time.as_secs_f64();
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let counts = format!(
        "tests=\"{tests}\" failures=\"{}\" errors=\"{errors}\" skipped=\"{}\" time=\"{secs:.3}\"",
        failed - errors,
        report.skipped.len()
    );
    x.push_str(&format!("<testsuites name=\"strata\" {counts}>\n"));
    x.push_str(&format!("  <testsuite name=\"strata test\" {counts}>\n"));
    let case = |file: &Path, time: f64| {
        let class = file
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        format!(
            "    <testcase name=\"{}\" classname=\"{}\" time=\"{time:.3}\"",
            xml(&file.display().to_string()),
            xml(&class)
        )
    };
    for o in report.outcomes {
        x.push_str(&case(&o.file, o.time.as_secs_f64()));
        match &o.result {
            Ok(()) => x.push_str("/>\n"),
            Err(e) => {
                let tag = if is_input_error(e) {
                    "error"
                } else {
                    "failure"
                };
                x.push_str(&format!(
                    ">\n      <{tag} message=\"{}\" type=\"{}\">{}</{tag}>\n    </testcase>\n",
                    xml(&e.cause()),
                    xml(tag),
                    xml(&e.to_string())
                ));
            }
        }
    }
    for file in report.skipped {
        x.push_str(&case(file, 0.0));
        x.push_str(">\n      <skipped message=\"awaiting VM support (*.awaiting.json)\"/>\n    </testcase>\n");
    }
    x.push_str("  </testsuite>\n</testsuites>\n");
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_is_escaped() {
        assert_eq!(
            xml("a<b & \"c\" 'd'>\u{1}"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;?"
        );
    }
}

//! The checks of a step: a transaction's `expect` and a `checkState`.
//!
//! A field a scenario leaves out is checked as the production runner (mx-chain-scenario-go)
//! checks it: in a transaction's `expect`, `status` and `refund` must then be 0, `message`
//! and `out` empty, while `gas` and `logs` are not checked; in a `checkState` account,
//! `nonce` and `balance` must be 0, `username` and `code` empty and `esdt` without tokens,
//! while `storage`, `codeMetadata`, `owner` and `developerRewards` are not checked (see
//! [`strict`]). `gas` is checked only when the scenario's `checkGas` holds.

use blockchain_hooks::{LogEntry, VmOutput};
use num_bigint::BigUint;

use super::model::{Check, CheckList, Expect, LogCheck, LogsCheck};
use super::report::{Mismatch, readable, readable_list};

pub(crate) fn expected_text(check: &Check) -> String {
    match check {
        Check::Unspecified => "(unspecified)".to_owned(),
        Check::Star => "*".to_owned(),
        Check::Value { bytes, original } => format!("{original:?} = {}", readable(bytes)),
    }
}

/// `check`, or for a field the scenario left out, the empty value it then stands for.
pub(crate) fn strict(check: &Check) -> std::borrow::Cow<'_, Check> {
    match check {
        Check::Unspecified => std::borrow::Cow::Owned(Check::Value {
            bytes: Vec::new(),
            original: "(unspecified, so empty)".to_owned(),
        }),
        other => std::borrow::Cow::Borrowed(other),
    }
}

/// Whether `actual` satisfies `check` as bytes.
pub(crate) fn bytes_ok(check: &Check, actual: &[u8]) -> bool {
    match check {
        Check::Unspecified | Check::Star => true,
        Check::Value { bytes, .. } => bytes == actual,
    }
}

/// Whether `actual` satisfies `check` as a number (leading zero bytes do not matter).
pub(crate) fn number_ok(check: &Check, actual: &BigUint) -> bool {
    match check {
        Check::Unspecified | Check::Star => true,
        Check::Value { bytes, .. } => &BigUint::from_bytes_be(bytes) == actual,
    }
}

pub(crate) fn check_bytes(field: &str, check: &Check, actual: &[u8]) -> Result<(), Mismatch> {
    if bytes_ok(check, actual) {
        return Ok(());
    }
    Err(Mismatch::new(field, expected_text(check), readable(actual)))
}

/// The expectation of a number field, as written and as a number.
pub(crate) fn expected_number_text(check: &Check) -> String {
    match check {
        Check::Value { bytes, original } => {
            format!("{original:?} = {}", BigUint::from_bytes_be(bytes))
        }
        other => expected_text(other),
    }
}

pub(crate) fn check_number(field: &str, check: &Check, actual: &BigUint) -> Result<(), Mismatch> {
    if number_ok(check, actual) {
        return Ok(());
    }
    let actual_bytes = actual.to_bytes_be();
    Err(Mismatch::new(
        field,
        expected_number_text(check),
        format!("{actual} (0x{})", hex::encode(actual_bytes)),
    ))
}

pub(crate) fn check_list(
    field: &str,
    check: &CheckList,
    actual: &[Vec<u8>],
) -> Result<(), Mismatch> {
    match check {
        CheckList::Unspecified | CheckList::Star => Ok(()),
        CheckList::Concatenated(c) => check_bytes(field, c, &actual.concat()),
        CheckList::Values(checks) => {
            let all_ok = checks.len() == actual.len()
                && checks.iter().zip(actual).all(|(c, a)| bytes_ok(c, a));
            if all_ok {
                return Ok(());
            }
            let expected: Vec<String> = checks.iter().map(expected_text).collect();
            Err(Mismatch::new(
                field,
                format!("[{}]", expected.join(", ")),
                readable_list(actual),
            ))
        }
    }
}

/// Checks a transaction's output against its `expect`.
pub(crate) fn check_tx(
    expect: &Expect,
    output: &VmOutput,
    check_gas: bool,
) -> Result<(), Mismatch> {
    let status = BigUint::from(output.return_code.as_u64());
    let status_check = match &expect.status {
        Check::Unspecified => Check::Value {
            bytes: Vec::new(),
            original: "0 (unspecified)".to_owned(),
        },
        other => other.clone(),
    };
    if !number_ok(&status_check, &status) {
        return Err(Mismatch::new(
            "status",
            expected_number_text(&status_check),
            format!(
                "{} ({}), message {:?}",
                output.return_code.as_u64(),
                output.return_code,
                output.return_message
            ),
        ));
    }
    check_bytes(
        "message",
        &strict(&expect.message),
        output.return_message.as_bytes(),
    )?;
    let out = match &expect.out {
        CheckList::Unspecified => &CheckList::Values(Vec::new()),
        other => other,
    };
    check_list("out", out, &output.return_data)?;
    if check_gas {
        check_number("gas", &expect.gas, &BigUint::from(output.gas_remaining))?;
    }
    check_number(
        "refund",
        &strict(&expect.refund),
        &BigUint::from(output.gas_refund),
    )?;
    check_logs(&expect.logs, &output.logs)
}

fn log_text(log: &LogEntry) -> String {
    format!(
        "{{address: {}, endpoint: {}, topics: {}, data: {}}}",
        readable(&log.address.0),
        readable(&log.identifier),
        readable_list(&log.topics),
        readable_list(&log.data)
    )
}

fn check_logs(check: &LogsCheck, actual: &[LogEntry]) -> Result<(), Mismatch> {
    let LogsCheck::List {
        entries,
        more_allowed,
    } = check
    else {
        return Ok(());
    };
    if actual.len() < entries.len() || (!more_allowed && actual.len() > entries.len()) {
        let all: Vec<String> = actual.iter().map(log_text).collect();
        return Err(Mismatch::new(
            "logs (count)",
            format!(
                "{}{}",
                entries.len(),
                if *more_allowed { " or more" } else { "" }
            ),
            format!("{}: [{}]", actual.len(), all.join(", ")),
        ));
    }
    for (i, (expected, log)) in entries.iter().zip(actual).enumerate() {
        check_log(i, expected, log)?;
    }
    Ok(())
}

fn check_log(i: usize, expected: &LogCheck, log: &LogEntry) -> Result<(), Mismatch> {
    let wrap = |m: Mismatch| Mismatch {
        field: format!("logs[{i}].{}", m.field),
        expected: format!("{} in {}", m.expected, expected.original),
        actual: format!("{} in {}", m.actual, log_text(log)),
    };
    check_bytes("address", &expected.address, &log.address.0).map_err(wrap)?;
    check_bytes("endpoint", &expected.endpoint, &log.identifier).map_err(wrap)?;
    check_list("topics", &expected.topics, &log.topics).map_err(wrap)?;
    check_list("data", &expected.data, &log.data).map_err(wrap)
}

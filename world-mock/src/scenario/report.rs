//! How failures read: which file, step and field, expected and actual in hex and readable.

use std::fmt;
use std::path::PathBuf;

use num_bigint::BigUint;

/// An expectation of a scenario that does not hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepFailure {
    /// The scenario file the step is in.
    pub file: PathBuf,
    /// The 0-based index of the step in its file.
    pub step_index: usize,
    /// The step's `id`/`txId`.
    pub step_id: Option<String>,
    /// The step type (`scCall`, `checkState`, …).
    pub step_kind: String,
    /// What was checked (`status`, `out[0]`, `account address:alice storage str:sum`, …).
    pub field: String,
    /// What the scenario expects, as written.
    pub expected: String,
    /// What happened, in hex and readable.
    pub actual: String,
}

impl fmt::Display for StepFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: step {}", self.file.display(), self.step_index)?;
        if let Some(id) = &self.step_id {
            write!(f, " (id {id:?})")?;
        }
        writeln!(f, " {}: {} mismatch", self.step_kind, self.field)?;
        writeln!(f, "  expected: {}", self.expected)?;
        write!(f, "  actual:   {}", self.actual)
    }
}

/// A mismatch found by a check, before the runner adds where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Mismatch {
    pub field: String,
    pub expected: String,
    pub actual: String,
}

impl Mismatch {
    pub fn new(
        field: impl Into<String>,
        expected: impl Into<String>,
        actual: impl Into<String>,
    ) -> Self {
        Self {
            field: field.into(),
            expected: expected.into(),
            actual: actual.into(),
        }
    }
}

/// Bytes in hex with a readable form: `0x0a (10)`, `0x616263 ("abc")`,
/// `0x0000…5f (sc:adder)`, `"" (empty)`.
pub fn readable(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return "\"\" (empty)".to_owned();
    }
    let hex = hex::encode(bytes);
    match readable_form(bytes) {
        Some(form) => format!("0x{hex} ({form})"),
        None => format!("0x{hex}"),
    }
}

fn printable(bytes: &[u8]) -> bool {
    bytes.iter().all(|b| (0x20..0x7f).contains(b))
}

fn readable_form(bytes: &[u8]) -> Option<String> {
    if bytes.len() == 32 {
        if bytes[..8].iter().all(|b| *b == 0) && printable(&bytes[10..]) {
            let name = String::from_utf8_lossy(&bytes[10..]);
            return Some(format!("sc:{}", name.trim_end_matches('_')));
        }
        if printable(bytes) {
            let name = String::from_utf8_lossy(bytes);
            return Some(format!("address:{}", name.trim_end_matches('_')));
        }
    }
    if printable(bytes) {
        return Some(format!("{:?}", String::from_utf8_lossy(bytes)));
    }
    if bytes.len() <= 32 {
        return Some(BigUint::from_bytes_be(bytes).to_string());
    }
    None
}

/// A list of byte strings, each readable.
pub(crate) fn readable_list(items: &[Vec<u8>]) -> String {
    let parts: Vec<String> = items.iter().map(|i| readable(i)).collect();
    format!("[{}]", parts.join(", "))
}

/// Bytes as a person reads them, for traces: a scenario address name (`sc:adder`,
/// `address:alice`) where the bytes are one, text when they are printable words, a number
/// when they are a small integer (up to 8 bytes), else hex. Empty is `""`.
pub fn display_value(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return "\"\"".to_owned();
    }
    if bytes.len() == 32
        && let Some(name) = readable_form(bytes).filter(|f| f.contains(':'))
    {
        return name;
    }
    if bytes.len() >= 2 && printable(bytes) && bytes.iter().any(u8::is_ascii_alphabetic) {
        return format!("{:?}", String::from_utf8_lossy(bytes));
    }
    if bytes.len() <= 8 {
        return BigUint::from_bytes_be(bytes).to_string();
    }
    format!("0x{}", hex::encode(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_values_read_as_numbers_text_names_or_hex() {
        assert_eq!(display_value(&[]), "\"\"");
        assert_eq!(display_value(&[5]), "5");
        assert_eq!(display_value(b"A"), "65");
        assert_eq!(display_value(&[1, 0]), "256");
        assert_eq!(display_value(b"sum"), "\"sum\"");
        assert_eq!(display_value(&[0xff; 9]), "0xffffffffffffffffff");
        let mut sc = [b'_'; 32];
        sc[..10].fill(0);
        sc[8] = 5;
        sc[10..15].copy_from_slice(b"adder");
        assert_eq!(display_value(&sc), "sc:adder");
        let mut user = [b'_'; 32];
        user[..5].copy_from_slice(b"alice");
        assert_eq!(display_value(&user), "address:alice");
        assert_eq!(display_value(&[7; 32]), format!("0x{}", "07".repeat(32)));
    }
}

//! A fast reader for the node's schedule layout, the subset of TOML that schedule files use:
//! `[Section]` headers, `Key = 123` lines, comments and blank lines.
//!
//! Parsing the embedded schedules with the full TOML parser was a sixth of the start-up of a
//! one-file `strata test`. Anything outside the subset (quoted keys, dotted keys, other value
//! forms, a repeated key or section, a key before the first section) makes [`sections`]
//! answer `None`, and the caller parses with the full TOML parser, which gives the same result
//! for what this reader accepts and the errors for the rest.

use std::collections::BTreeMap;

/// The sections of a schedule: section → key → cost.
pub(super) type Sections = BTreeMap<String, BTreeMap<String, u64>>;

/// The sections of `text` when it keeps to the subset; `None` otherwise.
pub(super) fn sections(text: &str) -> Option<Sections> {
    let mut sections = Sections::new();
    let mut current: Option<&mut BTreeMap<String, u64>> = None;
    for line in text.lines() {
        let line = strip_comment(line).trim();
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line
            .strip_prefix('[')
            .and_then(|rest| rest.strip_suffix(']'))
        {
            let name = bare_key(name.trim())?;
            if sections.contains_key(name) {
                return None;
            }
            current = Some(sections.entry(name.to_owned()).or_default());
            continue;
        }
        let (key, value) = line.split_once('=')?;
        let (key, value) = (bare_key(key.trim())?, integer(value.trim())?);
        let section = current.as_deref_mut()?;
        if section.insert(key.to_owned(), value).is_some() {
            return None;
        }
    }
    Some(sections)
}

/// `line` up to a `#` (no string values in the subset, so every `#` starts a comment).
fn strip_comment(line: &str) -> &str {
    line.split_once('#').map_or(line, |(before, _)| before)
}

/// `text` when it is a TOML bare key: ASCII letters, digits, `_` and `-`, at least one.
fn bare_key(text: &str) -> Option<&str> {
    let valid = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    valid.then_some(text)
}

/// A TOML decimal integer without sign, underscores or leading zeros, within `i64` (TOML's
/// range) and so non-negative.
fn integer(text: &str) -> Option<u64> {
    let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    if !digits || (text.len() > 1 && text.starts_with('0')) {
        return None;
    }
    text.parse::<i64>().ok().and_then(|v| u64::try_from(v).ok())
}

#[cfg(test)]
mod tests {
    use super::super::{GasSchedule, V3_TOML, V4_TOML};
    use super::sections;

    #[test]
    fn the_embedded_schedules_read_as_the_toml_parser_reads_them() {
        for text in [V3_TOML, V4_TOML] {
            let fast = sections(text).expect("the embedded schedules keep to the subset");
            let fast = GasSchedule::from_sections(&fast).expect("complete");
            let full = GasSchedule::from_full_toml(text).expect("valid TOML");
            assert_eq!(fast, full);
        }
        assert_ne!(GasSchedule::v3(), GasSchedule::v4());
    }

    #[test]
    fn reads_sections_keys_and_comments() {
        let text =
            "# a schedule\n\n[A]\n    X = 1 # one\n    Y = 0\n[B-2]\nZ_z = 9223372036854775807\n";
        let read = sections(text).expect("in the subset");
        assert_eq!(read["A"]["X"], 1);
        assert_eq!(read["A"]["Y"], 0);
        assert_eq!(read["B-2"]["Z_z"], i64::MAX as u64);
        assert_eq!(read.len(), 2);
    }

    #[test]
    fn leaves_everything_else_to_the_toml_parser() {
        for text in [
            "X = 1\n[A]\n",                   // a key before any section
            "[A]\nX = 1\nX = 2\n",            // a repeated key
            "[A]\n[A]\n",                     // a repeated section
            "[A]\nX = 01\n",                  // a leading zero
            "[A]\nX = 1_000\n",               // underscores
            "[A]\nX = -1\n",                  // a sign
            "[A]\nX = 0x10\n",                // hexadecimal
            "[A]\nX = 9223372036854775808\n", // beyond i64
            "[A]\n\"X\" = 1\n",               // a quoted key
            "[A]\na.b = 1\n",                 // a dotted key
            "[A.B]\n",                        // a dotted table
            "[[A]]\n",                        // an array of tables
            "[A]\nX = \"1\"\n",               // a string
            "[A]\nX\n",                       // no value
        ] {
            assert_eq!(sections(text), None, "{text:?}");
        }
    }
}

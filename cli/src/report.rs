//! Printing results: colors only on a terminal and without `NO_COLOR`.

use std::io::IsTerminal;

use world_mock::WorldError;

/// How output is styled.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    color: bool,
}

impl Style {
    /// Colors when stdout is a terminal and `NO_COLOR` is unset or empty.
    pub fn detect() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self {
            color: std::io::stdout().is_terminal() && !no_color,
        }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    pub fn red(self, text: &str) -> String {
        self.paint("31", text)
    }

    pub fn green(self, text: &str) -> String {
        self.paint("32", text)
    }

    pub fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }

    pub fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }
}

/// A failure as a small diff: the step and field, `-` expected, `+` actual.
pub fn failure_text(style: Style, error: &WorldError) -> String {
    match error {
        WorldError::Check(f) => {
            let mut head = format!("{}: step {}", f.file.display(), f.step_index);
            if let Some(id) = &f.step_id {
                head.push_str(&format!(" (id {id:?})"));
            }
            head.push_str(&format!(" {}: {} mismatch", f.step_kind, f.field));
            format!(
                "{}\n  {}\n  {}",
                style.bold(&head),
                style.red(&format!("- expected: {}", f.expected)),
                style.green(&format!("+ actual:   {}", f.actual))
            )
        }
        other => style.red(&other.to_string()),
    }
}

/// The closing line of a test run.
pub fn summary(passed: usize, failed: usize) -> String {
    format!("{passed} passed, {failed} failed")
}

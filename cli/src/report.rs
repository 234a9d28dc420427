//! Printing results: styles through `anstyle`, on or off as `--color` and the environment
//! (`NO_COLOR`, `CLICOLOR_FORCE`, `CLICOLOR`, a terminal) decide through `anstream`.

use anstyle::{AnsiColor, Effects};
use clap::ValueEnum;
use world_mock::WorldError;

/// `--color`: when output is styled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// When stdout is a terminal, unless `NO_COLOR` is set (`CLICOLOR_FORCE` forces it).
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// How output is styled.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    color: bool,
}

impl Style {
    /// Colors as `when` and the environment say, for stdout (stderr when `to_stderr`).
    pub fn new(when: ColorWhen, to_stderr: bool) -> Self {
        let color = match when {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto if to_stderr => {
                anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never
            }
            ColorWhen::Auto => {
                anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
            }
        };
        Self { color }
    }

    fn paint(self, style: anstyle::Style, text: &str) -> String {
        if self.color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_owned()
        }
    }

    pub fn red(self, text: &str) -> String {
        self.paint(AnsiColor::Red.on_default(), text)
    }

    pub fn green(self, text: &str) -> String {
        self.paint(AnsiColor::Green.on_default(), text)
    }

    pub fn yellow(self, text: &str) -> String {
        self.paint(AnsiColor::Yellow.on_default(), text)
    }

    pub fn bold(self, text: &str) -> String {
        self.paint(anstyle::Style::new().effects(Effects::BOLD), text)
    }

    pub fn dim(self, text: &str) -> String {
        self.paint(anstyle::Style::new().effects(Effects::DIMMED), text)
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

/// Whether a failure is an input error (a file that cannot be read or is not a scenario)
/// rather than a test that failed: the run's exit code is then 2.
pub fn is_input_error(error: &WorldError) -> bool {
    matches!(
        error,
        WorldError::Io { .. } | WorldError::Json { .. } | WorldError::Format { .. }
    )
}

/// The closing line of a test run: `N passed, M failed`, `, K skipped` when some were.
pub fn summary(passed: usize, failed: usize, skipped: usize) -> String {
    if skipped > 0 {
        format!("{passed} passed, {failed} failed, {skipped} skipped")
    } else {
        format!("{passed} passed, {failed} failed")
    }
}

/// The exit code of `test` and `run`: 0 all passed, 1 a test failed, 2 an input error.
pub fn exit_code(failed: usize, input_errors: usize) -> u8 {
    if input_errors > 0 {
        2
    } else if failed > 0 {
        1
    } else {
        0
    }
}

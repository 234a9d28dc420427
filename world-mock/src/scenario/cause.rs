//! The cause class of a failed scenario file: a short, stable text that groups files failing
//! for the same reason ("contract imports hooks not implemented: asyncCall", "scCall status 4
//! vs 0: …", "checkState account storage mismatch"), for summaries and expectation files.

use crate::{StepFailure, WorldError};

/// What the VM says of a contract it refuses for its imports; the hook names follow it.
pub const UNIMPLEMENTED_HOOKS_MARKER: &str =
    "the contract imports VM hooks this VM does not implement: ";

/// The cause class's prefix for a contract refused for its imports.
pub const UNIMPLEMENTED_HOOKS_CAUSE: &str = "contract imports hooks not implemented: ";

/// Messages longer than this are cut in a cause class.
const MAX_MESSAGE: usize = 80;

impl WorldError {
    /// The cause class of this failure: the same text for files failing for the same
    /// reason, whatever their step, account or value.
    pub fn cause(&self) -> String {
        match self {
            Self::Check(failure) => failure.cause(),
            Self::Json { .. } => "malformed scenario JSON".to_owned(),
            Self::Format { message, .. } => format!("scenario format: {}", cut(message)),
            Self::Value(message) => format!("scenario value: {}", cut(message)),
            Self::Io { message, .. } => format!("file cannot be read: {}", cut(message)),
            Self::UnknownVmType { vm_type, .. } => format!(
                "no VM registered for VM type {:02x}{:02x}",
                vm_type[0], vm_type[1]
            ),
            Self::Vm(e) => format!("VM infrastructure error: {}", cut(&e.to_string())),
            Self::Blockchain(e) => format!("chain infrastructure error: {}", cut(&e.to_string())),
            Self::GasSchedule(e) => format!("gas schedule: {}", cut(&e.to_string())),
            Self::State(message) => format!("cannot apply to the world: {}", cut(message)),
            Self::Step { message, .. } => format!("step cannot run: {}", cut(message)),
        }
    }

    /// The hooks a refused contract imports, when that is why the file failed.
    pub fn unimplemented_hooks(&self) -> Vec<String> {
        split_unimplemented(&self.cause())
    }
}

/// The hook names of a cause class of [`UNIMPLEMENTED_HOOKS_CAUSE`], else nothing.
pub fn split_unimplemented(cause: &str) -> Vec<String> {
    cause
        .strip_prefix(UNIMPLEMENTED_HOOKS_CAUSE)
        .map(|list| list.split(", ").map(str::to_owned).collect())
        .unwrap_or_default()
}

impl StepFailure {
    /// The cause class of this mismatch; see [`WorldError::cause`].
    pub fn cause(&self) -> String {
        // A refused contract shows in whatever field is checked first (status, message).
        if let Some(rest) = self.actual.split(UNIMPLEMENTED_HOOKS_MARKER).nth(1) {
            let hooks = rest.split('"').next().unwrap_or(rest);
            return format!("{UNIMPLEMENTED_HOOKS_CAUSE}{hooks}");
        }
        if self.field == "status" {
            let (code, message) = status_parts(&self.actual);
            let expected = self.expected.rsplit(" = ").next().unwrap_or(&self.expected);
            let message = if message.is_empty() {
                String::new()
            } else {
                format!(": {}", cut(message))
            };
            return format!("{} status {expected} vs {code}{message}", self.step_kind);
        }
        format!("{} {} mismatch", self.step_kind, field_class(&self.field))
    }
}

/// The code and message of an actual status as the checks write it:
/// `4 (user error), message "…"`.
fn status_parts(actual: &str) -> (&str, &str) {
    let code = actual.split_whitespace().next().unwrap_or("");
    let message = actual
        .split_once(", message \"")
        .map(|(_, rest)| rest.strip_suffix('"').unwrap_or(rest))
        .unwrap_or("");
    (code, message)
}

/// What kind of field a mismatch is about, without indices, names or keys.
fn field_class(field: &str) -> String {
    const ACCOUNT_FIELDS: [&str; 10] = [
        "storage",
        "esdt",
        "balance",
        "nonce",
        "codeMetadata",
        "code",
        "owner",
        "username",
        "developerRewards",
        "shard",
    ];
    if let Some(rest) = field.strip_prefix("account ") {
        let kind = rest
            .split_whitespace()
            .skip(1)
            .find(|word| ACCOUNT_FIELDS.contains(word))
            .unwrap_or("presence");
        return format!("account {kind}");
    }
    let head = field.split_whitespace().next().unwrap_or(field);
    let end = head.find(['[', '.', '(']).unwrap_or(head.len());
    head[..end].to_owned()
}

/// `message`, cut to [`MAX_MESSAGE`] characters.
fn cut(message: &str) -> String {
    let mut chars = message.chars();
    let cut: String = chars.by_ref().take(MAX_MESSAGE).collect();
    if chars.next().is_some() {
        format!("{cut}…")
    } else {
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(kind: &str, field: &str, expected: &str, actual: &str) -> WorldError {
        WorldError::Check(Box::new(StepFailure {
            file: "x.scen.json".into(),
            step_index: 3,
            step_id: Some("id".into()),
            step_kind: kind.into(),
            field: field.into(),
            expected: expected.into(),
            actual: actual.into(),
        }))
    }

    #[test]
    fn refused_contracts_group_by_their_hooks() {
        let e = failure(
            "scCall",
            "status",
            "\"\" = 0",
            "9 (contract invalid), message \"invalid contract code: the contract imports VM \
             hooks this VM does not implement: asyncCall, sha256\"",
        );
        assert_eq!(
            e.cause(),
            "contract imports hooks not implemented: asyncCall, sha256"
        );
        assert_eq!(e.unimplemented_hooks(), ["asyncCall", "sha256"]);
        let e = failure(
            "scCall",
            "message",
            "\"str:failed transfer\"",
            "0x696e76 (\"invalid contract code: the contract imports VM hooks this VM does not \
             implement: transferValue\")",
        );
        assert_eq!(e.unimplemented_hooks(), ["transferValue"]);
    }

    #[test]
    fn status_mismatches_name_both_codes_and_the_message() {
        let e = failure("scDeploy", "status", "\"4\" = 4", "0 (ok), message \"\"");
        assert_eq!(e.cause(), "scDeploy status 4 vs 0");
        let e = failure(
            "scCall",
            "status",
            "\"\" = 0",
            "10 (execution failed), message \"no bigFloat under the given handle\"",
        );
        assert_eq!(
            e.cause(),
            "scCall status 0 vs 10: no bigFloat under the given handle"
        );
        assert!(e.unimplemented_hooks().is_empty());
    }

    #[test]
    fn other_mismatches_drop_indices_names_and_keys() {
        let cases = [
            ("out[1]", "scCall out mismatch"),
            ("logs[0].topics[2]", "scCall logs mismatch"),
            ("logs (count)", "scCall logs mismatch"),
            (
                "account sc:adder storage str:sum",
                "scCall account storage mismatch",
            ),
            (
                "account address:a esdt TOK-123456 nonce 1 balance",
                "scCall account esdt mismatch",
            ),
            ("account address:a", "scCall account presence mismatch"),
        ];
        for (field, cause) in cases {
            assert_eq!(failure("scCall", field, "1", "2").cause(), cause, "{field}");
        }
    }

    #[test]
    fn long_messages_are_cut() {
        let e = WorldError::Step {
            file: "x".into(),
            index: 0,
            id: None,
            message: "m".repeat(200),
        };
        assert_eq!(e.cause().chars().count(), "step cannot run: ".len() + 81);
    }
}

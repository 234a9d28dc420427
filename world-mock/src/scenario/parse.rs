//! JSON → [`Scenario`]: the document, its steps, transactions and expectations. Every error
//! names the file and, for a malformed document, the line and column, else the JSON path.

use std::path::{Path, PathBuf};

use blockchain_hooks::{Address, CodeMetadata, EsdtTransfer, ScheduleName};
use num_bigint::BigUint;
use serde_json::{Map, Value};

use super::model::{
    Check, CheckList, Expect, LogCheck, LogsCheck, Scenario, Step, StepKind, Tx, TxKind, TxStep,
};
use super::value::ValueContext;
use crate::WorldError;

/// Parses scenario documents of one file.
pub(crate) struct Parser {
    pub file: PathBuf,
    pub ctx: ValueContext,
}

/// The largest file the runner reads: a scenario, an `externalSteps` file, or a `file:` /
/// `mxsc:` value (64 MiB, far above any contract or scenario).
pub const MAX_SCENARIO_FILE_BYTES: u64 = 64 << 20;

/// The bytes of the regular file at `path`, at most [`MAX_SCENARIO_FILE_BYTES`]: a FIFO, a
/// device, a directory or a larger file is refused without blocking or reading on.
///
/// # Errors
/// The OS error, or a message naming the refusal.
pub(crate) fn read_regular_file(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let not_regular = || "not a regular file".to_owned();
    let too_large = || format!("larger than {MAX_SCENARIO_FILE_BYTES} bytes");
    // `metadata` follows links without opening, so a FIFO cannot block here.
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    if meta.len() > MAX_SCENARIO_FILE_BYTES {
        return Err(too_large());
    }
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    // The path may have changed since: check the file actually opened.
    if !file.metadata().map_err(|e| e.to_string())?.is_file() {
        return Err(not_regular());
    }
    let mut bytes = Vec::new();
    file.take(MAX_SCENARIO_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_SCENARIO_FILE_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Reads and parses the scenario file at `path` (a regular file, see [`read_regular_file`]).
pub(crate) fn load(path: &Path) -> Result<Scenario, WorldError> {
    let io = |message: String| WorldError::Io {
        path: path.to_path_buf(),
        message,
    };
    let bytes = read_regular_file(path).map_err(io)?;
    let text = String::from_utf8(bytes).map_err(|e| io(e.to_string()))?;
    parse_str(&text, path)
}

/// Parses scenario `text` as if read from `file` (relative paths start at its folder).
pub(crate) fn parse_str(text: &str, file: &Path) -> Result<Scenario, WorldError> {
    let json: Value = serde_json::from_str(text).map_err(|e| WorldError::Json {
        file: file.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let base = file.parent().map(Path::to_path_buf).unwrap_or_default();
    let parser = Parser {
        file: file.to_path_buf(),
        ctx: ValueContext::new(base),
    };
    parser.scenario(&json).map_err(|e| match e {
        WorldError::Format {
            file,
            position: None,
            path,
            message,
        } => WorldError::Format {
            position: super::locate::locate(text, &path),
            file,
            path,
            message,
        },
        other => other,
    })
}

impl Parser {
    pub fn err(&self, path: &str, message: impl Into<String>) -> WorldError {
        WorldError::Format {
            file: self.file.clone(),
            position: None,
            path: path.to_owned(),
            message: message.into(),
        }
    }

    pub fn object<'v>(
        &self,
        v: &'v Value,
        path: &str,
    ) -> Result<&'v Map<String, Value>, WorldError> {
        v.as_object()
            .ok_or_else(|| self.err(path, format!("expected a JSON object, found {}", kind(v))))
    }

    pub fn list<'v>(&self, v: &'v Value, path: &str) -> Result<&'v Vec<Value>, WorldError> {
        v.as_array()
            .ok_or_else(|| self.err(path, format!("expected a JSON list, found {}", kind(v))))
    }

    /// A string field; JSON numbers and booleans are taken as their text.
    pub fn text(&self, v: &Value, path: &str) -> Result<String, WorldError> {
        match v {
            Value::String(s) => Ok(s.clone()),
            Value::Number(n) => Ok(n.to_string()),
            Value::Bool(b) => Ok(b.to_string()),
            other => Err(self.err(path, format!("expected a string, found {}", kind(other)))),
        }
    }

    /// A value expression (or a list / map of them), interpreted.
    pub fn bytes(&self, v: &Value, path: &str) -> Result<Vec<u8>, WorldError> {
        let result = match v {
            Value::Number(_) | Value::Bool(_) => self.ctx.interpret(&self.text(v, path)?),
            other => self.ctx.interpret_json(other),
        };
        result.map_err(|e| self.err(path, e.to_string()))
    }

    pub fn big(&self, v: &Value, path: &str) -> Result<BigUint, WorldError> {
        Ok(BigUint::from_bytes_be(&self.bytes(v, path)?))
    }

    pub fn u64(&self, v: &Value, path: &str) -> Result<u64, WorldError> {
        let n = self.big(v, path)?;
        u64::try_from(&n).map_err(|_| self.err(path, format!("{n} does not fit in 64 bits")))
    }

    pub fn address(&self, v: &Value, path: &str) -> Result<Address, WorldError> {
        let bytes = self.bytes(v, path)?;
        Address::from_slice(&bytes).ok_or_else(|| {
            self.err(
                path,
                format!("an address must be 32 bytes, this is {}", bytes.len()),
            )
        })
    }

    pub fn address_key(&self, key: &str, path: &str) -> Result<Address, WorldError> {
        self.address(&Value::String(key.to_owned()), path)
    }

    /// A check value: `"*"` is anything, otherwise the interpreted bytes.
    pub fn check(&self, v: &Value, path: &str) -> Result<Check, WorldError> {
        if v.as_str() == Some("*") {
            return Ok(Check::Star);
        }
        Ok(Check::Value {
            bytes: self.bytes(v, path)?,
            original: original(v),
        })
    }

    /// A check of a list: `"*"`, a list of check values, or (old form) one value.
    pub fn check_list(&self, v: &Value, path: &str) -> Result<CheckList, WorldError> {
        match v {
            Value::String(s) if s == "*" => Ok(CheckList::Star),
            Value::Array(items) => {
                let checks = items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| self.check(item, &format!("{path}[{i}]")))
                    .collect::<Result<_, _>>()?;
                Ok(CheckList::Values(checks))
            }
            other => Ok(CheckList::Concatenated(self.check(other, path)?)),
        }
    }

    fn scenario(&self, json: &Value) -> Result<Scenario, WorldError> {
        let top = self.object(json, "$")?;
        let mut scenario = Scenario {
            check_gas: true,
            gas_schedule: None,
            steps: Vec::new(),
        };
        for (key, v) in top {
            let path = format!("$.{key}");
            match key.as_str() {
                "name" | "comment" | "traceGas" => {}
                "checkGas" => {
                    scenario.check_gas = v
                        .as_bool()
                        .ok_or_else(|| self.err(&path, "checkGas must be true or false"))?;
                }
                "gasSchedule" => {
                    let name = self.text(v, &path)?;
                    scenario.gas_schedule = Some(
                        ScheduleName::parse(&name).map_err(|e| self.err(&path, e.to_string()))?,
                    );
                }
                "steps" => {
                    for (i, step) in self.list(v, &path)?.iter().enumerate() {
                        scenario
                            .steps
                            .push(self.step(step, &format!("steps[{i}]"))?);
                    }
                }
                other => return Err(self.err(&path, format!("unknown top-level field {other:?}"))),
            }
        }
        Ok(scenario)
    }

    fn step(&self, v: &Value, path: &str) -> Result<Step, WorldError> {
        let map = self.object(v, path)?;
        let kind_name = map
            .get("step")
            .ok_or_else(|| self.err(path, "a step needs a \"step\" field"))?;
        let kind_name = self.text(kind_name, &format!("{path}.step"))?;
        let id = match map.get("id").or_else(|| map.get("txId")) {
            Some(v) => Some(self.text(v, &format!("{path}.id"))?),
            None => None,
        };
        let tx_kind = match kind_name.as_str() {
            "scDeploy" => Some(TxKind::Deploy),
            "scCall" => Some(TxKind::Call),
            "scQuery" => Some(TxKind::Query),
            "transfer" => Some(TxKind::Transfer),
            "validatorReward" => Some(TxKind::ValidatorReward),
            _ => None,
        };
        let kind = if let Some(tx_kind) = tx_kind {
            StepKind::Tx(Box::new(self.tx_step(tx_kind, map, path)?))
        } else {
            match kind_name.as_str() {
                "externalSteps" => StepKind::External(self.external(map, path)?),
                "setState" => StepKind::SetState(Box::new(self.set_state(map, path)?)),
                "checkState" => StepKind::CheckState(self.check_state(map, path)?),
                "dumpState" => StepKind::DumpState,
                other => return Err(self.err(path, format!("unknown step type {other:?}"))),
            }
        };
        Ok(Step { id, kind })
    }

    fn external(&self, map: &Map<String, Value>, path: &str) -> Result<PathBuf, WorldError> {
        let rel = map
            .get("path")
            .ok_or_else(|| self.err(path, "externalSteps needs a \"path\""))?;
        let rel = self.text(rel, &format!("{path}.path"))?;
        Ok(self.ctx.base_dir.join(rel))
    }

    fn tx_step(
        &self,
        kind: TxKind,
        map: &Map<String, Value>,
        path: &str,
    ) -> Result<TxStep, WorldError> {
        let mut step = TxStep {
            kind,
            tx: Tx::default(),
            expect: None,
        };
        for (key, v) in map {
            let p = format!("{path}.{key}");
            match key.as_str() {
                "step" | "id" | "txId" | "comment" | "displayLogs" => {}
                "tx" => step.tx = self.tx(kind, v, &p)?,
                "expect" => step.expect = Some(self.expect(v, &p)?),
                other => return Err(self.err(&p, format!("unknown step field {other:?}"))),
            }
        }
        if !map.contains_key("tx") {
            return Err(self.err(path, "a transaction step needs a \"tx\""));
        }
        Ok(step)
    }

    fn tx(&self, kind: TxKind, v: &Value, path: &str) -> Result<Tx, WorldError> {
        let mut tx = Tx::default();
        for (key, v) in self.object(v, path)? {
            let p = format!("{path}.{key}");
            if !kind.allows(key) {
                return Err(self.not_allowed(&p, key, kind));
            }
            match key.as_str() {
                "from" => tx.from = self.address(v, &p)?,
                "to" if kind == TxKind::Deploy => {
                    if !self.text(v, &p)?.is_empty() {
                        return Err(self.err(&p, "scDeploy takes no \"to\""));
                    }
                }
                "to" => tx.to = self.address(v, &p)?,
                "function" => tx.function = self.text(v, &p)?,
                "value" | "egldValue" => tx.egld_value = self.big(v, &p)?,
                "esdt" | "esdtValue" => tx.esdt = self.tx_esdt(v, &p)?,
                "arguments" => {
                    for (i, arg) in self.list(v, &p)?.iter().enumerate() {
                        tx.arguments.push(self.bytes(arg, &format!("{p}[{i}]"))?);
                    }
                }
                "contractCode" => tx.code = self.bytes(v, &p)?,
                "codeMetadata" => {
                    let bytes = self.bytes(v, &p)?;
                    if !bytes.is_empty() && kind != TxKind::Deploy {
                        return Err(self.not_allowed(&p, key, kind));
                    }
                    tx.code_metadata = Some(CodeMetadata::from_bytes(&bytes));
                }
                "gasLimit" => tx.gas_limit = self.u64(v, &p)?,
                "gasPrice" => tx.gas_price = self.u64(v, &p)?,
                "nonce" => {}
                other => return Err(self.err(&p, format!("unknown transaction field {other:?}"))),
            }
        }
        self.check_tx_fields(kind, &tx, path)?;
        Ok(tx)
    }

    /// The refusal of `field` (at `path`) in a transaction of `kind`.
    fn not_allowed(&self, path: &str, field: &str, kind: TxKind) -> WorldError {
        self.err(
            path,
            format!("{field:?} is not allowed in a {} transaction", kind.name()),
        )
    }

    /// The fields mx-chain-scenario-go refuses only when they are not empty: a function
    /// outside calls and queries, arguments of a transfer, code outside a deploy.
    fn check_tx_fields(&self, kind: TxKind, tx: &Tx, path: &str) -> Result<(), WorldError> {
        let refused = if !tx.function.is_empty() && !matches!(kind, TxKind::Call | TxKind::Query) {
            Some("function")
        } else if !tx.arguments.is_empty() && kind == TxKind::Transfer {
            Some("arguments")
        } else if !tx.code.is_empty() && kind != TxKind::Deploy {
            Some("contractCode")
        } else {
            None
        };
        match refused {
            Some(field) => Err(self.not_allowed(&format!("{path}.{field}"), field, kind)),
            None => Ok(()),
        }
    }

    fn tx_esdt(&self, v: &Value, path: &str) -> Result<Vec<EsdtTransfer>, WorldError> {
        let items: Vec<(String, &Value)> = match v {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| (format!("{path}[{i}]"), item))
                .collect(),
            other => vec![(path.to_owned(), other)],
        };
        let mut out = Vec::new();
        for (p, item) in items {
            let mut transfer = EsdtTransfer::default();
            for (key, v) in self.object(item, &p)? {
                let fp = format!("{p}.{key}");
                match key.as_str() {
                    "tokenIdentifier" => transfer.token = self.bytes(v, &fp)?,
                    "nonce" => transfer.nonce = self.u64(v, &fp)?,
                    "value" => transfer.value = self.big(v, &fp)?,
                    other => {
                        return Err(self.err(&fp, format!("unknown esdtValue field {other:?}")));
                    }
                }
            }
            out.push(transfer);
        }
        Ok(out)
    }

    fn expect(&self, v: &Value, path: &str) -> Result<Expect, WorldError> {
        let mut expect = Expect::default();
        for (key, v) in self.object(v, path)? {
            let p = format!("{path}.{key}");
            match key.as_str() {
                "out" => expect.out = self.check_list(v, &p)?,
                "status" => expect.status = self.check(v, &p)?,
                "message" => expect.message = self.check(v, &p)?,
                "logs" => expect.logs = self.logs(v, &p)?,
                "gas" => expect.gas = self.check(v, &p)?,
                "refund" => expect.refund = self.check(v, &p)?,
                "comment" => {}
                other => return Err(self.err(&p, format!("unknown expect field {other:?}"))),
            }
        }
        Ok(expect)
    }

    fn logs(&self, v: &Value, path: &str) -> Result<LogsCheck, WorldError> {
        if v.as_str() == Some("*") {
            return Ok(LogsCheck::Star);
        }
        let mut entries = Vec::new();
        let mut more_allowed = false;
        for (i, item) in self.list(v, path)?.iter().enumerate() {
            let p = format!("{path}[{i}]");
            match item {
                Value::String(s) if s == "+" => more_allowed = true,
                Value::Object(_) if more_allowed => {
                    return Err(self.err(&p, "no log entry may follow \"+\""));
                }
                Value::Object(map) => entries.push(self.log(map, item, &p)?),
                _ => return Err(self.err(&p, "a log entry is an object or \"+\"")),
            }
        }
        Ok(LogsCheck::List {
            entries,
            more_allowed,
        })
    }

    fn log(
        &self,
        map: &Map<String, Value>,
        item: &Value,
        path: &str,
    ) -> Result<LogCheck, WorldError> {
        let mut log = LogCheck {
            original: item.to_string(),
            ..LogCheck::default()
        };
        for (key, v) in map {
            let p = format!("{path}.{key}");
            match key.as_str() {
                "address" => log.address = self.check(v, &p)?,
                "endpoint" | "identifier" => log.endpoint = self.check(v, &p)?,
                "topics" => log.topics = self.check_list(v, &p)?,
                "data" => log.data = self.check_list(v, &p)?,
                "comment" => {}
                other => return Err(self.err(&p, format!("unknown log field {other:?}"))),
            }
        }
        Ok(log)
    }
}

/// The JSON text of a check value, for messages.
pub(crate) fn original(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod file_tests {
    use super::*;

    #[test]
    fn only_regular_files_up_to_the_cap_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("small.wasm");
        std::fs::write(&small, b"\0asm").unwrap();
        assert_eq!(read_regular_file(&small).unwrap(), b"\0asm");

        // A sparse file one byte over the cap: refused from its size, nothing read.
        let huge = dir.path().join("huge.wasm");
        let file = std::fs::File::create(&huge).unwrap();
        file.set_len(MAX_SCENARIO_FILE_BYTES + 1).unwrap();
        assert!(
            read_regular_file(&huge)
                .unwrap_err()
                .contains("larger than")
        );

        assert_eq!(
            read_regular_file(dir.path()).unwrap_err(),
            "not a regular file"
        );
        // A device that never ends.
        assert_eq!(
            read_regular_file(Path::new("/dev/zero")).unwrap_err(),
            "not a regular file"
        );
        // A FIFO with no writer: opening it would block forever.
        let fifo = dir.path().join("steps.json");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            assert_eq!(read_regular_file(&fifo).unwrap_err(), "not a regular file");
            let err = load(&fifo).unwrap_err().to_string();
            assert!(err.contains("not a regular file"), "{err}");
            let ctx = ValueContext::new(dir.path().to_path_buf());
            let err = ctx.interpret("file:steps.json").unwrap_err().to_string();
            assert!(err.contains("not a regular file"), "{err}");
        }
    }
}

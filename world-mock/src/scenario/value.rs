//! The scenario value interpreter: turns a value expression (`"str:abc"`, `"u64:5"`,
//! `"address:owner"`, lists and maps of them, …) into bytes. Pure, apart from reading the
//! files that `file:` and `mxsc:` name.

use std::path::{Path, PathBuf};

use num_bigint::{BigInt, BigUint, Sign};
use num_traits::Zero;
use serde_json::Value;
use sha3::{Digest, Keccak256};

use crate::WorldError;
use crate::scenario::bech32;
use crate::scenario::code_files::{self, Kind};

/// How deeply `nested:`, `keccak256:` and `|` may nest.
const MAX_DEPTH: usize = 64;

/// Where `file:` and `mxsc:` paths are resolved from (the scenario file's folder).
#[derive(Clone, Debug, Default)]
pub struct ValueContext {
    /// The folder relative paths start from.
    pub base_dir: PathBuf,
}

impl ValueContext {
    /// A context resolving files relative to `base_dir`.
    pub fn new(base_dir: impl Into<PathBuf>) -> Self {
        Self {
            base_dir: base_dir.into(),
        }
    }

    /// Interprets a JSON value: a string, or a list / map of values concatenated (map keys are
    /// comments; entries are taken in key order, as the reference runner does).
    ///
    /// # Errors
    /// [`WorldError::Value`] for anything else or an invalid expression.
    pub fn interpret_json(&self, value: &Value) -> Result<Vec<u8>, WorldError> {
        match value {
            Value::String(s) => self.interpret(s),
            Value::Array(items) => {
                let mut out = Vec::new();
                for item in items {
                    out.extend(self.interpret_json(item)?);
                }
                Ok(out)
            }
            Value::Object(map) => {
                let mut entries: Vec<_> = map.iter().collect();
                entries.sort_by(|a, b| a.0.cmp(b.0));
                let mut out = Vec::new();
                for (_, item) in entries {
                    out.extend(self.interpret_json(item)?);
                }
                Ok(out)
            }
            other => Err(WorldError::value(format!(
                "a value must be a string, a list or a map, not {other}"
            ))),
        }
    }

    /// Interprets one value expression.
    ///
    /// # Errors
    /// [`WorldError::Value`] naming the expression and what is wrong with it.
    pub fn interpret(&self, expr: &str) -> Result<Vec<u8>, WorldError> {
        self.interpret_at(expr, 0)
    }

    fn interpret_at(&self, expr: &str, depth: usize) -> Result<Vec<u8>, WorldError> {
        if depth > MAX_DEPTH {
            return Err(WorldError::value(format!(
                "value nested deeper than {MAX_DEPTH} levels"
            )));
        }
        if expr.is_empty() {
            return Ok(Vec::new());
        }
        if let Some(path) = expr.strip_prefix("mxsc:") {
            return self.mxsc(path);
        }
        if let Some(path) = expr.strip_prefix("file:") {
            return self.read_file(path);
        }
        if let Some(inner) = expr.strip_prefix("keccak256:") {
            let bytes = self.interpret_at(inner, depth + 1)?;
            return Ok(Keccak256::digest(&bytes).to_vec());
        }
        if expr.contains('|') {
            let mut out = Vec::new();
            for part in expr.split('|') {
                out.extend(self.interpret_at(part, depth + 1)?);
            }
            return Ok(out);
        }
        self.interpret_single(expr, depth)
    }

    fn interpret_single(&self, expr: &str, depth: usize) -> Result<Vec<u8>, WorldError> {
        match expr {
            "false" => return Ok(Vec::new()),
            "true" => return Ok(vec![1]),
            _ => {}
        }
        for prefix in ["str:", "``", "''"] {
            if let Some(s) = expr.strip_prefix(prefix) {
                return Ok(s.as_bytes().to_vec());
            }
        }
        if let Some(name) = expr.strip_prefix("address:") {
            return address_expression(name, 0, None).map(|a| a.to_vec());
        }
        if let Some(text) = expr.strip_prefix("bech32:") {
            return bech32_address(text).map(|a| a.to_vec());
        }
        if let Some(name) = expr.strip_prefix("sc:") {
            return address_expression(name, 10, Some(blockchain_hooks::WASM_VM_TYPE))
                .map(|a| a.to_vec());
        }
        if let Some(bytes) = self.fixed_width(expr, depth)? {
            return Ok(bytes);
        }
        number(expr, 0)
    }

    fn fixed_width(&self, expr: &str, depth: usize) -> Result<Option<Vec<u8>>, WorldError> {
        const WIDTHS: [(&str, usize, bool); 8] = [
            ("u64:", 8, false),
            ("u32:", 4, false),
            ("u16:", 2, false),
            ("u8:", 1, false),
            ("i64:", 8, true),
            ("i32:", 4, true),
            ("i16:", 2, true),
            ("i8:", 1, true),
        ];
        for (prefix, width, signed) in WIDTHS {
            if let Some(rest) = expr.strip_prefix(prefix) {
                let bytes = if signed {
                    number(rest, width)?
                } else {
                    unsigned_fixed(rest, width)?
                };
                return Ok(Some(bytes));
            }
        }
        if let Some(rest) = expr.strip_prefix("biguint:") {
            return Ok(Some(length_prefixed(unsigned(rest)?)));
        }
        if let Some(rest) = expr.strip_prefix("nested:") {
            return Ok(Some(length_prefixed(self.interpret_at(rest, depth + 1)?)));
        }
        Ok(None)
    }

    fn resolve(&self, path: &str) -> PathBuf {
        let p = Path::new(path);
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.base_dir.join(p)
        }
    }

    /// The bytes of a file; a `.wat` file is compiled from the WebAssembly text format.
    fn read_file(&self, path: &str) -> Result<Vec<u8>, WorldError> {
        let full = self.resolve(path);
        code_files::load(&full, Kind::File, || {
            let bytes = super::parse::read_regular_file(&full).map_err(|e| {
                WorldError::value(format!("cannot read file {}: {e}", full.display()))
            })?;
            if full.extension().is_some_and(|e| e == "wat") {
                return wat::parse_bytes(&bytes)
                    .map(std::borrow::Cow::into_owned)
                    .map_err(|e| WorldError::value(format!("{}: {e}", full.display())));
            }
            Ok(bytes)
        })
    }

    fn mxsc(&self, path: &str) -> Result<Vec<u8>, WorldError> {
        let full = self.resolve(path);
        code_files::load(&full, Kind::Mxsc, || {
            let text = super::parse::read_regular_file(&full).map_err(|e| {
                WorldError::value(format!("cannot read file {}: {e}", full.display()))
            })?;
            let json: Value = serde_json::from_slice(&text).map_err(|e| {
                WorldError::value(format!("{}: not a .mxsc.json file: {e}", full.display()))
            })?;
            let code = json.get("code").and_then(Value::as_str).ok_or_else(|| {
                WorldError::value(format!("{}: no \"code\" string field", full.display()))
            })?;
            hex::decode(code).map_err(|e| {
                WorldError::value(format!("{}: \"code\" is not hex: {e}", full.display()))
            })
        })
    }
}

/// Interprets `expr` with files resolved from the current directory.
///
/// # Errors
/// As [`ValueContext::interpret`].
pub fn interpret(expr: &str) -> Result<Vec<u8>, WorldError> {
    ValueContext::default().interpret(expr)
}

fn length_prefixed(bytes: Vec<u8>) -> Vec<u8> {
    let mut out = (bytes.len() as u32).to_be_bytes().to_vec();
    out.extend(bytes);
    out
}

/// `address:` (lead 0) and `sc:` (lead 10, VM type at 8–9) addresses: the name right-padded
/// with `_` (or truncated), `name#HH` putting the shard byte `HH` last.
fn address_expression(
    input: &str,
    lead: usize,
    vm_type: Option<[u8; 2]>,
) -> Result<[u8; 32], WorldError> {
    let mut parts = input.split('#');
    let name = parts.next().unwrap_or_default();
    let shard = parts.next();
    if parts.next().is_some() {
        return Err(WorldError::value(format!(
            "only one shard id separator '#' allowed in address expression {input:?}"
        )));
    }
    let mut out = [b'_'; 32];
    out[..lead].fill(0);
    for (slot, byte) in out[lead..].iter_mut().zip(name.bytes()) {
        *slot = byte;
    }
    if let Some(vm_type) = vm_type {
        out[8..10].copy_from_slice(&vm_type);
    }
    if let Some(shard) = shard {
        let byte = hex::decode(shard)
            .ok()
            .filter(|b| b.len() == 1)
            .ok_or_else(|| WorldError::value(format!("bad address shard id {shard:?}")))?;
        out[31] = byte[0];
    }
    Ok(out)
}

fn bech32_address(text: &str) -> Result<[u8; 32], WorldError> {
    let (_, bytes) = bech32::decode(text)?;
    bytes.try_into().map_err(|b: Vec<u8>| {
        WorldError::value(format!(
            "bech32 address {text:?} decodes to {} bytes, not 32",
            b.len()
        ))
    })
}

fn clean_digits(s: &str) -> String {
    s.chars().filter(|c| *c != '_' && *c != ',').collect()
}

/// An unsigned number: decimal, `0x` hex (odd length left-padded) or `0b` binary, minimal
/// big-endian bytes (0 → empty).
fn unsigned(raw: &str) -> Result<Vec<u8>, WorldError> {
    let s = clean_digits(raw);
    let bad = |kind: &str| WorldError::value(format!("cannot parse {kind} number {raw:?}"));
    if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        let padded = if h.len() % 2 == 1 {
            format!("0{h}")
        } else {
            h.to_owned()
        };
        return hex::decode(padded).map_err(|_| bad("hex"));
    }
    let (digits, radix, kind) = match s.strip_prefix("0b").or_else(|| s.strip_prefix("0B")) {
        Some(b) => (b, 2, "binary"),
        None => (s.as_str(), 10, "decimal"),
    };
    if digits.contains('.') {
        return Err(WorldError::value(format!(
            "floating-point values are not supported: {raw:?}"
        )));
    }
    if digits.is_empty() {
        return Err(bad(kind));
    }
    let n = BigUint::parse_bytes(digits.as_bytes(), radix).ok_or_else(|| bad(kind))?;
    Ok(minimal_unsigned(&n))
}

fn minimal_unsigned(n: &BigUint) -> Vec<u8> {
    if n.is_zero() {
        Vec::new()
    } else {
        n.to_bytes_be()
    }
}

fn unsigned_fixed(raw: &str, width: usize) -> Result<Vec<u8>, WorldError> {
    let bytes = unsigned(raw)?;
    if bytes.len() > width {
        return Err(WorldError::value(format!(
            "{raw:?} does not fit in {width} byte(s)"
        )));
    }
    let mut out = vec![0; width - bytes.len()];
    out.extend(bytes);
    Ok(out)
}

/// A number, signed when it starts with `+` or `-`; `width` 0 means minimal length.
fn number(raw: &str, width: usize) -> Result<Vec<u8>, WorldError> {
    let Some(sign) = raw.chars().next().filter(|c| *c == '+' || *c == '-') else {
        return if width == 0 {
            unsigned(raw)
        } else {
            unsigned_fixed(raw, width)
        };
    };
    let magnitude = BigUint::from_bytes_be(&unsigned(&raw[1..])?);
    let sign = if sign == '-' { Sign::Minus } else { Sign::Plus };
    let n = BigInt::from_biguint(sign, magnitude);
    let minimal = if n.is_zero() {
        Vec::new()
    } else {
        n.to_signed_bytes_be()
    };
    if width == 0 {
        return Ok(minimal);
    }
    if minimal.len() > width {
        return Err(WorldError::value(format!(
            "{raw:?} does not fit in {width} byte(s)"
        )));
    }
    let fill = if n.sign() == Sign::Minus { 0xff } else { 0 };
    let mut out = vec![fill; width - minimal.len()];
    out.extend(minimal);
    Ok(out)
}

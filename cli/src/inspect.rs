//! `strata inspect FILE.wasm|FILE.mxsc.json|FILE.wat`: what the VM makes of a contract — its
//! size, exports, imported hooks (each implemented or refused by this VM), the validation
//! verdict with the production VM's message, memory and table limits, and the gas a deploy
//! costs before `init` runs.

use std::path::Path;

use anyhow::{Context, Result, bail};
use blockchain_hooks::GasSchedule;
use executor_wasmer::{Limits, MAX_MEMORY_PAGES, MAX_TABLE_ELEMENTS, validate};
use wasmparser::{ExternalKind, Parser, Payload, TypeRef};

use crate::report::{ColorWhen, Style};

/// What a module declares, read without validating it.
#[derive(Debug, Default)]
pub struct Facts {
    /// Exported names with their kind (`func`, `memory`, …).
    pub exports: Vec<(String, &'static str)>,
    /// Imports: module, name, kind.
    pub imports: Vec<(String, String, &'static str)>,
    /// Memories: initial and maximum pages.
    pub memories: Vec<(u64, Option<u64>)>,
    /// Tables: initial and maximum elements.
    pub tables: Vec<(u64, Option<u64>)>,
}

fn kind_name(kind: ExternalKind) -> &'static str {
    match kind {
        ExternalKind::Func | ExternalKind::FuncExact => "func",
        ExternalKind::Memory => "memory",
        ExternalKind::Table => "table",
        ExternalKind::Global => "global",
        ExternalKind::Tag => "tag",
    }
}

/// Reads what `code` declares; a malformed module reports what came before the error.
pub fn facts(code: &[u8]) -> (Facts, Option<String>) {
    let mut facts = Facts::default();
    let result = (|| -> wasmparser::Result<()> {
        for payload in Parser::new(0).parse_all(code) {
            match payload? {
                Payload::ImportSection(reader) => {
                    for import in reader.into_imports() {
                        let import = import?;
                        let kind = match import.ty {
                            TypeRef::Func(_) | TypeRef::FuncExact(_) => "func",
                            TypeRef::Memory(m) => {
                                facts.memories.push((m.initial, m.maximum));
                                "memory"
                            }
                            TypeRef::Table(t) => {
                                facts.tables.push((t.initial, t.maximum));
                                "table"
                            }
                            TypeRef::Global(_) => "global",
                            TypeRef::Tag(_) => "tag",
                        };
                        facts.imports.push((
                            import.module.to_owned(),
                            import.name.to_owned(),
                            kind,
                        ));
                    }
                }
                Payload::ExportSection(reader) => {
                    for export in reader {
                        let export = export?;
                        facts
                            .exports
                            .push((export.name.to_owned(), kind_name(export.kind)));
                    }
                }
                Payload::MemorySection(reader) => {
                    for memory in reader {
                        let memory = memory?;
                        facts.memories.push((memory.initial, memory.maximum));
                    }
                }
                Payload::TableSection(reader) => {
                    for table in reader {
                        let table = table?;
                        facts.tables.push((table.ty.initial, table.ty.maximum));
                    }
                }
                _ => {}
            }
        }
        Ok(())
    })();
    (facts, result.err().map(|e| e.to_string()))
}

/// Reads a contract's code: wasm bytes, the `code` of a `.mxsc.json`, or a `.wat` compiled.
pub fn load(file: &Path) -> Result<Vec<u8>> {
    let name = file.to_string_lossy();
    if name.ends_with(".wat") {
        return wat::parse_file(file).with_context(|| format!("compiling {}", file.display()));
    }
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    if name.ends_with(".json") {
        let json: serde_json::Value = serde_json::from_slice(&bytes)
            .with_context(|| format!("{}: not a .mxsc.json file", file.display()))?;
        let Some(code) = json.get("code").and_then(serde_json::Value::as_str) else {
            bail!("{}: no \"code\" string field", file.display());
        };
        return hex::decode(code)
            .with_context(|| format!("{}: \"code\" is not hex", file.display()));
    }
    Ok(bytes)
}

/// What this VM does with an imported hook.
fn hook_status(module: &str, name: &str) -> &'static str {
    if module != "env" || executor_api::hook_info(name).is_none() {
        "unknown (not a VM hook)"
    } else if vm_core::is_refused(name) {
        "refused (not implemented yet)"
    } else {
        "implemented"
    }
}

fn limit(max: Option<u64>) -> String {
    max.map_or_else(|| "none".to_owned(), |m| m.to_string())
}

/// The report `strata inspect` prints; answers it and whether the VM accepts the contract.
pub fn describe(file: &Path, code: &[u8], style: Style) -> (String, bool) {
    let mut lines = vec![style.bold(&file.display().to_string())];
    lines.push(format!("size: {} bytes", code.len()));
    let (facts, parse_error) = facts(code);
    let verdict = validate(code, &Limits::default());
    let refused: Vec<&str> = facts
        .imports
        .iter()
        .filter(|(m, n, _)| hook_status(m, n) != "implemented")
        .map(|(_, n, _)| n.as_str())
        .collect();
    match (&verdict, refused.is_empty()) {
        (Ok(()), true) => lines.push(format!("validation: {}", style.green("valid"))),
        (Ok(()), false) => lines.push(format!(
            "validation: {} (deploying it fails: the contract imports VM hooks this VM does not implement: {})",
            style.yellow("valid, but refused"),
            refused.join(", ")
        )),
        (Err(e), _) => lines.push(format!("validation: {} {e}", style.red("invalid:"))),
    }
    if let Some(e) = parse_error {
        lines.push(format!("  (reading stopped: {e})"));
    }
    for (initial, max) in &facts.memories {
        lines.push(format!(
            "memory: {initial} pages initial, maximum {} (the VM allows {MAX_MEMORY_PAGES})",
            limit(*max)
        ));
    }
    for (initial, max) in &facts.tables {
        lines.push(format!(
            "table: {initial} elements initial, maximum {} (the VM allows {MAX_TABLE_ELEMENTS})",
            limit(*max)
        ));
    }
    let funcs: Vec<&str> = facts
        .exports
        .iter()
        .filter(|(_, k)| *k == "func")
        .map(|(n, _)| n.as_str())
        .collect();
    lines.push(format!(
        "exported functions ({}): {}",
        funcs.len(),
        funcs.join(", ")
    ));
    for (name, kind) in facts.exports.iter().filter(|(_, k)| *k != "func") {
        lines.push(format!("exported {kind}: {name}"));
    }
    lines.push(format!("imported hooks ({}):", facts.imports.len()));
    for (module, name, kind) in &facts.imports {
        let status = hook_status(module, name);
        let status = if status == "implemented" {
            style.green(status)
        } else {
            style.red(status)
        };
        let shown = if module == "env" && *kind == "func" {
            name.clone()
        } else {
            format!("{module}.{name} ({kind})")
        };
        lines.push(format!("  {shown}: {status}"));
    }
    for (label, schedule) in [("v3", GasSchedule::v3()), ("v4", GasSchedule::v4())] {
        let create = schedule.base_ops_api_cost.create_contract;
        let per_byte = schedule.base_operation_cost.compile_per_byte;
        let total = create.saturating_add(per_byte.saturating_mul(code.len() as u64));
        lines.push(format!(
            "deploy gas ({label} schedule, before init runs): {total} = CreateContract {create} + CompilePerByte {per_byte} × {} bytes",
            code.len()
        ));
    }
    let accepted = verdict.is_ok() && refused.is_empty();
    (lines.join("\n"), accepted)
}

/// Runs `strata inspect`; answers 0 when the VM accepts the contract, 1 when it refuses it.
///
/// # Errors
/// A file that cannot be read or compiled from text (exit code 2).
pub fn run(file: &Path, color: ColorWhen) -> Result<u8> {
    let code = load(file)?;
    let (text, accepted) = describe(file, &code, Style::new(color, false));
    say!("{text}");
    Ok(if accepted { 0 } else { 1 })
}

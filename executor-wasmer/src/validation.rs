//! Validation of contract code before compilation: the rules of the production VM.

use std::collections::HashMap;
use std::sync::LazyLock;

use executor_api::{ExecutorError, HOOKS, HookInfo, WasmType};
use wasmer::sys::wasmparser::{
    ExternalKind, FuncType, FuncValidatorAllocations, FunctionBody, Import, MemoryType, Operator,
    Parser, Payload, TypeRef, ValType, ValidPayload, Validator, WasmFeatures,
};

use crate::config::{
    Limits, MAX_BR_TABLE_TARGETS, MAX_CODE_BYTES, MAX_FUNCTIONS, MAX_GLOBALS, MAX_NESTING_DEPTH,
    MAX_TABLE_ELEMENTS,
};
use crate::globals::RESERVED_PREFIX;
use crate::operators::{OpKind, is_allowed};

mod facts;
pub(crate) use facts::facts_of;

/// Names no exported function may have besides the hooks: the protocol's built-in functions.
const BUILTIN_FUNCTIONS: &[&str] = &[
    "ClaimDeveloperRewards",
    "ChangeOwnerAddress",
    "SetUserName",
    "MigrateUserName",
    "DeleteUserName",
    "SaveKeyValue",
    "ESDTTransfer",
    "ESDTBurn",
    "ESDTFreeze",
    "ESDTUnFreeze",
    "ESDTWipe",
    "ESDTPause",
    "ESDTUnPause",
    "ESDTSetRole",
    "ESDTUnSetRole",
    "ESDTSetLimitedTransfer",
    "ESDTUnSetLimitedTransfer",
    "ESDTLocalMint",
    "ESDTLocalBurn",
    "ESDTNFTTransfer",
    "ESDTNFTCreate",
    "ESDTNFTAddQuantity",
    "ESDTNFTCreateRoleTransfer",
    "ESDTNFTBurn",
    "ESDTNFTAddURI",
    "ESDTNFTUpdateAttributes",
    "MultiESDTNFTTransfer",
    "SetGuardian",
    "GuardAccount",
    "UnGuardAccount",
    "MigrateDataTrie",
    "ESDTSetTokenType",
    "ESDTModifyRoyalties",
    "ESDTSetNewURIs",
    "ESDTModifyCreator",
    "ESDTMetaDataRecreate",
    "ESDTMetaDataUpdate",
    "ESDTSetBurnRoleForAll",
    "ESDTUnSetBurnRoleForAll",
];

/// Names the protocol uses for its own log events; no exported function may take them.
const PROTECTED_FUNCTIONS: &[&str] = &[
    "internalVMErrors",
    "transferValueOnly",
    "writeLog",
    "signalError",
    "completedTxEvent",
];

/// The hooks by name, with their position in [`HOOKS`].
static HOOKS_BY_NAME: LazyLock<HashMap<&'static str, (usize, &'static HookInfo)>> =
    LazyLock::new(|| {
        HOOKS
            .iter()
            .enumerate()
            .map(|(index, hook)| (hook.name, (index, hook)))
            .collect()
    });

/// The longest exported function name, exclusive.
const MAX_FUNCTION_NAME_LEN: usize = 256;

/// What validation learns about a module, for the executor.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ModuleFacts {
    /// The names of the exported functions, sorted.
    pub(crate) exported_functions: Vec<String>,
    /// The imported hooks, sorted by name, with their position in [`executor_api::HOOKS`].
    pub(crate) imported_hooks: Vec<(String, usize)>,
    /// The exported functions that take parameters or return results, sorted.
    pub(crate) nonvoid_functions: Vec<String>,
}

impl ModuleFacts {
    /// The facts in their documented order, each hook once.
    fn sorted(mut self) -> Self {
        self.exported_functions.sort();
        self.nonvoid_functions.sort();
        self.imported_hooks.sort();
        self.imported_hooks.dedup_by(|a, b| a.0 == b.0);
        self
    }
}

/// Checks `code` against the rules of the production VM, without compiling it.
///
/// A contract must be a valid wasm module with exactly one memory, declared and exported,
/// of at most [`Limits::max_memory_pages`] pages; import only hooks of the table (module
/// `env`, exact signatures) and nothing but functions; contain only the operators of
/// `allowed-opcodes.txt`, at most [`Limits::max_locals_per_function`] locals per function
/// and [`Limits::max_memory_grow_instructions`] `memory.grow` instructions; declare at most
/// one table, of at most [`MAX_TABLE_ELEMENTS`] elements; have no start
/// function; and export functions only under valid names: non-empty, shorter than 256
/// bytes, `[a-zA-Z0-9_]` not starting with a digit, and neither a hook, a built-in
/// function nor a protected name (`signalError`, `writeLog`, …).
///
/// # Errors
/// [`ExecutorError::InvalidContract`] naming the first rule broken.
///
/// ```
/// use strata_executor_wasmer::{Limits, validate};
///
/// let ok = wat::parse_str(r#"(module (memory (export "memory") 1) (func (export "run")))"#)?;
/// assert!(validate(&ok, &Limits::default()).is_ok());
///
/// let float = wat::parse_str(r#"(module (memory (export "memory") 1)
///     (func (export "run") (drop (f32.add (f32.const 1) (f32.const 2)))))"#)?;
/// let err = validate(&float, &Limits::default()).unwrap_err();
/// assert!(err.to_string().contains("operator F32Const is not allowed"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn validate(code: &[u8], limits: &Limits) -> Result<(), ExecutorError> {
    analyze(code, limits).map(|_| ())
}

/// [`validate`], returning what the executor needs to know about the module.
pub(crate) fn analyze(code: &[u8], limits: &Limits) -> Result<ModuleFacts, ExecutorError> {
    if code.len() > MAX_CODE_BYTES {
        return Err(invalid(format!(
            "module of {} bytes, at most {MAX_CODE_BYTES} allowed",
            code.len()
        )));
    }
    let mut checker = Checker::new(limits);
    let mut validator = Validator::new_with_features(features());
    let mut allocations = FuncValidatorAllocations::default();
    for payload in Parser::new(0).parse_all(code) {
        let payload = payload.map_err(|e| invalid(format!("malformed module: {e}")))?;
        match validator
            .payload(&payload)
            .map_err(|e| invalid(format!("invalid module: {e}")))?
        {
            ValidPayload::Func(to_validate, body) => {
                let mut func = to_validate.into_validator(allocations);
                func.validate(&body)
                    .map_err(|e| invalid(format!("invalid function: {e}")))?;
                allocations = func.into_allocations();
                checker.function_body(&body)?;
            }
            ValidPayload::Ok | ValidPayload::Parser(_) | ValidPayload::End(_) => {
                checker.section(&payload)?;
            }
        }
    }
    checker.finish()
}

/// The wasm features a contract may use. Wider than what the engine compiles (SIMD, atomics
/// and several memories parse here) so that they are refused by this module's own rules,
/// with their names.
fn features() -> WasmFeatures {
    WasmFeatures::MUTABLE_GLOBAL
        | WasmFeatures::SATURATING_FLOAT_TO_INT
        | WasmFeatures::SIGN_EXTENSION
        | WasmFeatures::MULTI_VALUE
        | WasmFeatures::REFERENCE_TYPES
        | WasmFeatures::BULK_MEMORY
        | WasmFeatures::SIMD
        | WasmFeatures::THREADS
        | WasmFeatures::MULTI_MEMORY
        | WasmFeatures::FLOATS
        | WasmFeatures::GC_TYPES
}

fn invalid(message: impl Into<String>) -> ExecutorError {
    ExecutorError::InvalidContract(message.into())
}

fn wasm_error(what: &str) -> impl Fn(wasmer::sys::wasmparser::BinaryReaderError) -> ExecutorError {
    move |e| invalid(format!("malformed {what}: {e}"))
}

struct Checker<'l> {
    limits: &'l Limits,
    types: Vec<FuncType>,
    /// The type index of every function, imported ones first.
    function_types: Vec<u32>,
    imported_functions: u32,
    bodies_seen: u32,
    memories: u32,
    tables: u32,
    memory_exported: bool,
    memory_grows: u64,
    br_table_targets: u64,
    facts: ModuleFacts,
}

impl<'l> Checker<'l> {
    fn new(limits: &'l Limits) -> Self {
        Self {
            limits,
            types: Vec::new(),
            function_types: Vec::new(),
            imported_functions: 0,
            bodies_seen: 0,
            memories: 0,
            tables: 0,
            memory_exported: false,
            memory_grows: 0,
            br_table_targets: 0,
            facts: ModuleFacts::default(),
        }
    }

    fn section(&mut self, payload: &Payload<'_>) -> Result<(), ExecutorError> {
        match payload {
            Payload::TypeSection(reader) => {
                for ty in reader.clone().into_iter_err_on_gc_types() {
                    self.types.push(ty.map_err(wasm_error("type section"))?);
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader.clone().into_imports() {
                    self.import(&import.map_err(wasm_error("import section"))?)?;
                }
            }
            Payload::FunctionSection(reader) => {
                let total = u64::from(self.imported_functions) + u64::from(reader.count());
                if total > MAX_FUNCTIONS {
                    return Err(invalid(format!(
                        "{total} functions, at most {MAX_FUNCTIONS} allowed"
                    )));
                }
                for type_index in reader.clone() {
                    let type_index = type_index.map_err(wasm_error("function section"))?;
                    self.function_types.push(type_index);
                }
            }
            Payload::MemorySection(reader) => {
                for memory in reader.clone() {
                    self.memory(&memory.map_err(wasm_error("memory section"))?)?;
                }
            }
            Payload::TableSection(reader) => {
                for table in reader.clone() {
                    self.table(table.map_err(wasm_error("table section"))?.ty.initial)?;
                }
            }
            Payload::ExportSection(reader) => {
                for export in reader.clone() {
                    let export = export.map_err(wasm_error("export section"))?;
                    self.export(export.name, export.kind, export.index)?;
                }
            }
            Payload::GlobalSection(reader) if u64::from(reader.count()) > MAX_GLOBALS => {
                return Err(invalid(format!(
                    "{} globals, at most {MAX_GLOBALS} allowed",
                    reader.count()
                )));
            }
            Payload::StartSection { .. } => {
                return Err(invalid("a start function is not allowed"));
            }
            _ => {}
        }
        Ok(())
    }

    fn import(&mut self, import: &Import<'_>) -> Result<(), ExecutorError> {
        let TypeRef::Func(type_index) = import.ty else {
            return Err(invalid(format!(
                "import `{}.{}`: only functions may be imported, not {}",
                import.module,
                import.name,
                kind_name(&import.ty)
            )));
        };
        if import.module != "env" {
            return Err(invalid(format!(
                "import `{}.{}`: hooks are imported from module `env`",
                import.module, import.name
            )));
        }
        let Some(&(index, hook)) = HOOKS_BY_NAME.get(import.name) else {
            return Err(invalid(format!("import `{}`: not a VM hook", import.name)));
        };
        let ty = usize::try_from(type_index)
            .ok()
            .and_then(|i| self.types.get(i))
            .ok_or_else(|| invalid(format!("import `{}`: unknown type", import.name)))?;
        if !signature_matches(hook, ty) {
            return Err(invalid(format!(
                "import `{}`: wrong signature {}, the hook is {}",
                import.name,
                signature_text(ty),
                hook.wasm_signature()
            )));
        }
        self.facts
            .imported_hooks
            .push((import.name.to_owned(), index));
        self.function_types.push(type_index);
        self.imported_functions += 1;
        Ok(())
    }

    fn memory(&mut self, memory: &MemoryType) -> Result<(), ExecutorError> {
        self.memories += 1;
        if self.memories > 1 {
            return Err(invalid("more than one memory declared"));
        }
        if memory.memory64 || memory.shared {
            return Err(invalid("the memory must be a 32-bit, unshared memory"));
        }
        let pages = memory.maximum.unwrap_or(memory.initial);
        if pages > self.limits.max_memory_pages {
            return Err(invalid(format!(
                "memory of {pages} pages declared, at most {} allowed",
                self.limits.max_memory_pages
            )));
        }
        Ok(())
    }

    fn table(&mut self, initial: u64) -> Result<(), ExecutorError> {
        self.tables += 1;
        if self.tables > 1 {
            return Err(invalid("more than one table declared"));
        }
        if initial > u64::from(MAX_TABLE_ELEMENTS) {
            return Err(invalid(format!(
                "table of {initial} elements declared, at most {MAX_TABLE_ELEMENTS} allowed"
            )));
        }
        Ok(())
    }

    fn export(&mut self, name: &str, kind: ExternalKind, index: u32) -> Result<(), ExecutorError> {
        if name.starts_with(RESERVED_PREFIX) {
            return Err(invalid(format!("export `{name}`: reserved name")));
        }
        match kind {
            ExternalKind::Func => {
                check_function_name(name)
                    .map_err(|why| invalid(format!("exported function `{name}`: {why}")))?;
                self.facts.exported_functions.push(name.to_owned());
                if !self.is_void(index) {
                    self.facts.nonvoid_functions.push(name.to_owned());
                }
            }
            ExternalKind::Memory => self.memory_exported = true,
            _ => {}
        }
        Ok(())
    }

    /// Whether function `index` takes no parameters and returns nothing (an unknown index
    /// is left to the engine's own validation).
    fn is_void(&self, index: u32) -> bool {
        let ty = usize::try_from(index)
            .ok()
            .and_then(|i| self.function_types.get(i))
            .and_then(|&t| usize::try_from(t).ok())
            .and_then(|t| self.types.get(t));
        ty.is_none_or(|ty| ty.params().is_empty() && ty.results().is_empty())
    }

    fn function_body(&mut self, body: &FunctionBody<'_>) -> Result<(), ExecutorError> {
        let index = self.imported_functions + self.bodies_seen;
        self.bodies_seen += 1;
        let mut locals_reader = body.get_locals_reader().map_err(wasm_error("locals"))?;
        let mut locals: u64 = 0;
        for _ in 0..locals_reader.get_count() {
            let (count, _) = locals_reader.read().map_err(wasm_error("locals"))?;
            locals = locals.saturating_add(u64::from(count));
        }
        if locals > self.limits.max_locals_per_function {
            return Err(invalid(format!(
                "function {index} declares {locals} locals, at most {} allowed",
                self.limits.max_locals_per_function
            )));
        }
        let mut operators = body
            .get_operators_reader()
            .map_err(wasm_error("function body"))?;
        let mut depth: u64 = 0;
        while !operators.eof() {
            let operator = operators.read().map_err(wasm_error("function body"))?;
            self.shape(index, &operator, &mut depth)?;
            let kind = OpKind::of(&operator);
            let Some(kind) = kind.filter(|k| is_allowed(*k)) else {
                let name = kind.map_or("an unknown operator", OpKind::name);
                return Err(invalid(format!(
                    "function {index}: operator {name} is not allowed"
                )));
            };
            if kind == OpKind::MemoryGrow {
                self.memory_grows += 1;
                if self.memory_grows > self.limits.max_memory_grow_instructions {
                    return Err(invalid(format!(
                        "more than {} memory.grow instructions",
                        self.limits.max_memory_grow_instructions
                    )));
                }
            }
        }
        Ok(())
    }

    /// Checks the nesting depth of function `index` at `operator` (`depth` is the depth
    /// before it) and the module's `br_table` targets so far.
    fn shape(
        &mut self,
        index: u32,
        operator: &Operator<'_>,
        depth: &mut u64,
    ) -> Result<(), ExecutorError> {
        match operator {
            Operator::Block { .. } | Operator::Loop { .. } | Operator::If { .. } => {
                *depth += 1;
                if *depth > MAX_NESTING_DEPTH {
                    return Err(invalid(format!(
                        "function {index}: blocks nested deeper than {MAX_NESTING_DEPTH}"
                    )));
                }
            }
            Operator::End => *depth = depth.saturating_sub(1),
            Operator::BrTable { targets } => {
                self.br_table_targets = self
                    .br_table_targets
                    .saturating_add(u64::from(targets.len()));
                if self.br_table_targets > MAX_BR_TABLE_TARGETS {
                    return Err(invalid(format!(
                        "more than {MAX_BR_TABLE_TARGETS} br_table targets"
                    )));
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn finish(self) -> Result<ModuleFacts, ExecutorError> {
        if self.memories == 0 {
            return Err(invalid("no memory declared"));
        }
        if !self.memory_exported {
            return Err(invalid("the memory is not exported"));
        }
        Ok(self.facts.sorted())
    }
}

/// Whether `name` may be the name of an exported function; the reason when not.
fn check_function_name(name: &str) -> Result<(), &'static str> {
    if name.is_empty() {
        return Err("empty name");
    }
    if name.len() >= MAX_FUNCTION_NAME_LEN {
        return Err("name of 256 bytes or more");
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        return Err("name starts with a digit");
    }
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err("name has characters other than [a-zA-Z0-9_]");
    }
    if HOOKS_BY_NAME.contains_key(name) {
        return Err("name of a VM hook");
    }
    if BUILTIN_FUNCTIONS.contains(&name) {
        return Err("name of a built-in function");
    }
    if PROTECTED_FUNCTIONS.contains(&name) {
        return Err("protected name");
    }
    Ok(())
}

fn wasm_type(t: WasmType) -> ValType {
    match t {
        WasmType::I32 => ValType::I32,
        WasmType::I64 => ValType::I64,
    }
}

fn signature_matches(hook: &HookInfo, ty: &FuncType) -> bool {
    let params = hook.params.iter().map(|(_, t)| wasm_type(*t));
    let results = hook.result.map(wasm_type);
    ty.params().iter().copied().eq(params) && ty.results().iter().copied().eq(results)
}

fn signature_text(ty: &FuncType) -> String {
    let list = |types: &[ValType]| {
        types
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let results = match ty.results() {
        [] => "()".to_owned(),
        [one] => one.to_string(),
        many => format!("({})", list(many)),
    };
    format!("({}) -> {}", list(ty.params()), results)
}

fn kind_name(ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::Func(_) | TypeRef::FuncExact(_) => "a function",
        TypeRef::Table(_) => "a table",
        TypeRef::Memory(_) => "a memory",
        TypeRef::Global(_) => "a global",
        TypeRef::Tag(_) => "a tag",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_names_follow_the_production_rules() {
        assert_eq!(check_function_name("init"), Ok(()));
        assert_eq!(check_function_name("callBack"), Ok(()));
        assert_eq!(check_function_name("_a9"), Ok(()));
        assert!(check_function_name("").is_err());
        assert!(check_function_name("9lives").is_err());
        assert!(check_function_name("has-dash").is_err());
        assert!(check_function_name("héllo").is_err());
        assert!(check_function_name(&"a".repeat(256)).is_err());
        assert_eq!(check_function_name(&"a".repeat(255)), Ok(()));
        assert!(check_function_name("getGasLeft").is_err());
        assert!(check_function_name("ESDTTransfer").is_err());
        assert!(check_function_name("writeLog").is_err());
    }
}

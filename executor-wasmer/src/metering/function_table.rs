//! The exported functions as one table: an instance needs one export for all of them.
//!
//! Wasmer builds an export map for every instance, with a lookup and an allocation per
//! export of the module (about 1,400 instructions each), so a contract with hundreds of
//! endpoints spent most of its instantiation there. Instead the exported functions go into a
//! `funcref` table exported as [`FUNCTIONS`], in the order of their names (the order of the
//! module's sorted `exported_functions`), and their own exports are dropped; a call finds its
//! function by position.
//!
//! Two steps, because Wasmer decides the style of each table before middlewares run:
//! [`with_function_table`] appends an empty table to the code before compilation, and the
//! metering middleware ([`move_exported_functions`]) sizes it, fills it and moves the
//! exports. Wasmer's public API does not name the type of a table initializer either, so a
//! tiny template module (one function, one table, one element segment) is compiled once with
//! a capturing middleware, and its initializer is cloned and adjusted for each module.

use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use wasmer::sys::{
    EngineBuilder, FunctionMiddleware, MiddlewareError, ModuleMiddleware, Singlepass,
};
use wasmer::{ExportIndex, LocalFunctionIndex, ModuleInfo, TableType, Type};

/// The export name of the table of exported functions.
pub(crate) const FUNCTIONS: &str = "strata:functions";

/// A table entry: `funcref`, no maximum, minimum 0.
const EMPTY_TABLE: [u8; 3] = [0x70, 0x00, 0x00];
const TABLE_SECTION: u8 = 4;

/// Moves a module's exported functions into its last table; `false` if it could not.
type Mover = Box<dyn Fn(&mut ModuleInfo) -> bool + Send + Sync>;

/// `(module (func) (table 1 funcref) (elem (i32.const 0) func 0))`.
const TEMPLATE: &[u8] = &[
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // types: () -> ()
    0x03, 0x02, 0x01, 0x00, // functions: type 0
    0x04, 0x04, 0x01, 0x70, 0x00, 0x01, // tables: funcref, min 1
    0x09, 0x07, 0x01, 0x00, 0x41, 0x00, 0x0b, 0x01, 0x00, // elements: at 0, function 0
    0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b, // code: empty body
];

static MOVER: OnceLock<Option<Mover>> = OnceLock::new();

/// Reads an unsigned LEB128 `u32` at `*pos`, advancing it.
fn read_u32(code: &[u8], pos: &mut usize) -> Option<u32> {
    let mut value: u32 = 0;
    for shift in (0..35).step_by(7) {
        let byte = *code.get(*pos)?;
        *pos += 1;
        value |= u32::from(byte & 0x7f).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

fn write_u32(out: &mut Vec<u8>, mut value: u32) {
    loop {
        let byte = u8::try_from(value & 0x7f).unwrap_or(0);
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// `code` with one more table (empty `funcref`) after its own; `None` if the section
/// layout cannot be read (the code then compiles as it is).
pub(crate) fn with_function_table(code: &[u8]) -> Option<Vec<u8>> {
    let mut pos = 8;
    let mut insert_at = code.len().max(pos);
    while pos < code.len() {
        let start = pos;
        let id = code[pos];
        pos += 1;
        let size = usize::try_from(read_u32(code, &mut pos)?).ok()?;
        let body = pos;
        let end = body.checked_add(size).filter(|end| *end <= code.len())?;
        if id == TABLE_SECTION {
            let mut count_end = body;
            let count = read_u32(code, &mut count_end)?.checked_add(1)?;
            let mut section = Vec::with_capacity(size + 8);
            write_u32(&mut section, count);
            section.extend_from_slice(code.get(count_end..end)?);
            section.extend_from_slice(&EMPTY_TABLE);
            let mut out = code.get(..start)?.to_vec();
            out.push(TABLE_SECTION);
            write_u32(&mut out, u32::try_from(section.len()).ok()?);
            out.extend_from_slice(&section);
            out.extend_from_slice(code.get(end..)?);
            return Some(out);
        }
        // The table section comes after types (1), imports (2) and functions (3).
        if id > TABLE_SECTION && insert_at == code.len().max(8) {
            insert_at = start;
        }
        pos = end;
    }
    let mut out = code.get(..insert_at)?.to_vec();
    out.extend_from_slice(&[TABLE_SECTION, 4, 1]);
    out.extend_from_slice(&EMPTY_TABLE);
    out.extend_from_slice(code.get(insert_at..)?);
    Some(out)
}

/// Captures the template's table initializer as a [`Mover`].
struct Capture(Arc<Mutex<Option<Mover>>>);

impl std::fmt::Debug for Capture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Capture")
    }
}

#[derive(Debug)]
struct PassThrough;

impl FunctionMiddleware<'_> for PassThrough {}

impl ModuleMiddleware for Capture {
    fn generate_function_middleware<'a>(
        &self,
        _index: LocalFunctionIndex,
    ) -> Box<dyn FunctionMiddleware<'a> + 'a> {
        Box::new(PassThrough)
    }

    fn transform_module_info(&self, info: &mut ModuleInfo) -> Result<(), MiddlewareError> {
        let Some(template) = info.table_initializers.first().cloned() else {
            return Ok(());
        };
        let mover: Mover = Box::new(move |info: &mut ModuleInfo| {
            let Some(table_index) = info.tables.keys().next_back() else {
                return false;
            };
            let mut functions: Vec<_> = info
                .exports
                .iter()
                .filter_map(|(name, export)| match export {
                    ExportIndex::Function(index) => Some((name.clone(), *index)),
                    _ => None,
                })
                .collect();
            functions.sort_by(|a, b| a.0.cmp(&b.0));
            let Ok(count) = u32::try_from(functions.len()) else {
                return false;
            };
            info.tables[table_index] = TableType::new(Type::FuncRef, count, Some(count));
            let mut initializer = template.clone();
            initializer.table_index = table_index;
            initializer.elements = functions.into_iter().map(|(_, index)| index).collect();
            info.table_initializers.push(initializer);
            info.exports
                .retain(|_, export| !matches!(export, ExportIndex::Function(_)));
            info.exports
                .insert(FUNCTIONS.to_owned(), ExportIndex::Table(table_index));
            true
        });
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Some(mover);
        Ok(())
    }
}

/// Moves the exported functions of `info` into its last table (the one
/// [`with_function_table`] added) and exports it as [`FUNCTIONS`]; `false` (and `info`
/// unchanged) when the template could not be captured.
pub(super) fn move_exported_functions(info: &mut ModuleInfo) -> bool {
    let mover = MOVER.get_or_init(|| {
        let slot = Arc::new(Mutex::new(None));
        let mut compiler = Singlepass::new();
        // One function: no compile pool.
        compiler.num_threads = std::num::NonZero::<usize>::MIN;
        {
            use wasmer::sys::CompilerConfig;
            compiler.push_middleware(Arc::new(Capture(Arc::clone(&slot))));
        }
        let engine: wasmer::Engine = EngineBuilder::new(compiler).engine().into();
        wasmer::Module::new(&engine, TEMPLATE).ok()?;
        slot.lock().unwrap_or_else(PoisonError::into_inner).take()
    });
    mover.as_ref().is_some_and(|mover| mover(info))
}

#[cfg(test)]
mod tests {
    use super::{TEMPLATE, read_u32, with_function_table, write_u32};

    #[test]
    fn leb128_round_trips() {
        for value in [0, 1, 127, 128, 300, 16_384, u32::MAX] {
            let mut bytes = Vec::new();
            write_u32(&mut bytes, value);
            let mut pos = 0;
            assert_eq!(read_u32(&bytes, &mut pos), Some(value));
            assert_eq!(pos, bytes.len());
        }
        assert_eq!(read_u32(&[0x80, 0x80], &mut 0), None);
    }

    #[test]
    fn a_table_is_appended_or_added() {
        // The template has a table section: one more entry.
        let with = with_function_table(TEMPLATE).unwrap();
        assert_eq!(
            &with[18..27],
            &[0x04, 0x07, 0x02, 0x70, 0x00, 0x01, 0x70, 0x00, 0x00]
        );
        assert_eq!(with.len(), TEMPLATE.len() + 3);
        // Without one: a new section before the first section that follows tables.
        let mut without = TEMPLATE[..18].to_vec();
        without.extend_from_slice(&TEMPLATE[33..]);
        let with = with_function_table(&without).unwrap();
        assert_eq!(&with[18..24], &[0x04, 0x04, 0x01, 0x70, 0x00, 0x00]);
        assert_eq!(&with[24..], &TEMPLATE[33..]);
        // A section running past the end is refused.
        assert_eq!(with_function_table(&TEMPLATE[..20]), None);
    }
}

//! A reference gas meter for the differential target, written apart from executor-wasmer's
//! middleware: it rewrites a module so that any plain engine (wasmi) computes the production
//! VM's gas and limits in wasm globals of the module itself.
//!
//! The rules, from the production executor: every operator's cost (the schedule's
//! `[WASMOpcodeCost]` entry named as wasmparser names the operator) is accumulated; before
//! each control-flow operator the accumulated cost is added to the points used, and the
//! contract stops out of gas when the points used reach the limit (`used >= limit`). A
//! function's declared locals beyond `LocalsUnmetered` add `LocalAllocate` each to its first
//! charge. Before `memory.grow`, the contract stops with "memory limit" once `MaxMemoryGrow`
//! grows have run.
//!
//! The module must declare three mutable globals the rewrite uses: [`GAS`] (i64, points used),
//! [`GROWS`] (i32, grows run) and [`WHY`] (i32, why it stopped: [`STOP_OUT_OF_GAS`] or
//! [`STOP_MEMORY_LIMIT`], 0 for a plain trap).

use strata_blockchain_hooks::OpcodeCost;
use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasm_encoder::{BlockType, CodeSection, Function, Instruction, RawSection};
use wasmparser::{Operator, Parser, Payload};

/// The global holding the points used.
pub const GAS: u32 = 0;
/// The global counting the `memory.grow` executions.
pub const GROWS: u32 = 1;
/// The global saying why the reference run stopped.
pub const WHY: u32 = 2;
/// [`WHY`] after running out of gas.
pub const STOP_OUT_OF_GAS: i32 = 1;
/// [`WHY`] after the `MaxMemoryGrow` limit.
pub const STOP_MEMORY_LIMIT: i32 = 2;

/// The schedule name of `op`: its wasmparser variant name.
fn name(op: &Operator<'_>) -> String {
    let debug = format!("{op:?}");
    debug
        .split(|c: char| c == ' ' || c == '{' || c == '(')
        .next()
        .unwrap_or_default()
        .to_owned()
}

fn is_control_flow(name: &str) -> bool {
    matches!(
        name,
        "Block"
            | "Loop"
            | "If"
            | "Else"
            | "End"
            | "Br"
            | "BrIf"
            | "BrTable"
            | "Return"
            | "Call"
            | "CallIndirect"
            | "Unreachable"
    )
}

/// Sets [`WHY`] to `why` and traps when the i32 on the stack is true.
fn stop_if(f: &mut Function, why: i32) {
    f.instruction(&Instruction::If(BlockType::Empty));
    f.instruction(&Instruction::I32Const(why));
    f.instruction(&Instruction::GlobalSet(WHY));
    f.instruction(&Instruction::Unreachable);
    f.instruction(&Instruction::End);
}

/// `code` with the reference meter for `limit` points.
///
/// # Panics
/// On a module that does not parse, or an operator the schedule does not price (the
/// generator emits allowed operators only).
pub fn instrument(code: &[u8], cost: &OpcodeCost, limit: u64) -> Vec<u8> {
    let mut module = wasm_encoder::Module::new();
    let mut code_section = CodeSection::new();
    let mut code_at = None;
    for payload in Parser::new(0).parse_all(code) {
        let payload = payload.expect("a valid module");
        if let Payload::CodeSectionEntry(body) = &payload {
            code_section.function(&instrument_body(body, cost, limit));
            continue;
        }
        if let Payload::CodeSectionStart { .. } = &payload {
            code_at = Some(());
            continue;
        }
        if let Some((id, range)) = payload.as_section() {
            if code_at.take().is_some() {
                module.section(&code_section);
            }
            let data = &code[usize::try_from(range.start).unwrap()..usize::try_from(range.end).unwrap()];
            module.section(&RawSection { id, data });
        }
    }
    if code_at.is_some() {
        module.section(&code_section);
    }
    module.finish()
}

fn instrument_body(body: &wasmparser::FunctionBody<'_>, cost: &OpcodeCost, limit: u64) -> Function {
    let mut reencoder = RoundtripReencoder;
    let mut locals = Vec::new();
    let mut declared = 0u64;
    for pair in body.get_locals_reader().expect("locals") {
        let (count, ty) = pair.expect("a local");
        declared += u64::from(count);
        locals.push((count, reencoder.val_type(ty).expect("a value type")));
    }
    let mut f = Function::new(locals);
    let mut accumulated = declared.saturating_sub(cost.locals_unmetered) * cost.local_allocate;
    let mut reader = body.get_operators_reader().expect("operators");
    while !reader.eof() {
        let op = reader.read().expect("an operator");
        let name = name(&op);
        accumulated += cost
            .get(&name)
            .unwrap_or_else(|| panic!("{name} has no cost in the schedule"));
        if is_control_flow(&name) {
            f.instruction(&Instruction::GlobalGet(GAS));
            f.instruction(&Instruction::I64Const(accumulated.cast_signed()));
            f.instruction(&Instruction::I64Add);
            f.instruction(&Instruction::GlobalSet(GAS));
            f.instruction(&Instruction::GlobalGet(GAS));
            f.instruction(&Instruction::I64Const(limit.cast_signed()));
            f.instruction(&Instruction::I64GeU);
            stop_if(&mut f, STOP_OUT_OF_GAS);
            accumulated = 0;
        }
        if name == "MemoryGrow" {
            let max = i32::try_from(cost.max_memory_grow).unwrap_or(i32::MAX);
            f.instruction(&Instruction::GlobalGet(GROWS));
            f.instruction(&Instruction::I32Const(max));
            f.instruction(&Instruction::I32GeU);
            stop_if(&mut f, STOP_MEMORY_LIMIT);
            f.instruction(&Instruction::GlobalGet(GROWS));
            f.instruction(&Instruction::I32Const(1));
            f.instruction(&Instruction::I32Add);
            f.instruction(&Instruction::GlobalSet(GROWS));
        }
        f.instruction(&reencoder.instruction(op).expect("a re-encodable operator"));
    }
    f
}

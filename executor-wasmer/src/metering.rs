//! The compile-time middleware: per-opcode gas, the stop threshold and `memory.grow` limits.
//!
//! Gas is charged as the production VM charges it: the cost of every operator is accumulated
//! and, at each control-flow operator (before it runs, its own cost included), subtracted
//! from the remaining points; the production VM stops the contract as out of gas when they
//! drop to 0 or below there. Here only the places where it matters compare the points left
//! with the stop threshold (loop headers, calls, function exits, the point after a possible
//! hook call: see [`checks`]); the others only subtract, and a trap after
//! the points ran out is reported as out of gas, which gives the same results. A function's
//! locals beyond `LocalsUnmetered` add `LocalAllocate` each to the first charge of its body.
//!
//! The same check serves the preemptive stop: the watchdog raises the threshold to
//! `i64::MAX`, so the next check stops the contract. Every loop iteration and every call
//! passes a check, so no code runs long past the deadline.

use std::sync::{Arc, OnceLock};

use wasmer::sys::wasmparser::{BlockType, Operator, ValType};
use wasmer::sys::{FunctionMiddleware, MiddlewareError, MiddlewareReaderState, ModuleMiddleware};
use wasmer::{
    ExportIndex, GlobalInit, GlobalType, LocalFunctionIndex, ModuleInfo, Mutability, Type,
};

use self::checks::{CheckPoints, MAX_UNCHECKED_CHARGE};
use crate::config::Limits;
use crate::globals;
use crate::operators::{CostTable, OpKind};

mod checks;
mod function_table;

pub(crate) use function_table::{FUNCTIONS, with_function_table};

const MIDDLEWARE: &str = "strata_metering";

/// What the injected code and globals look like, part of the disk cache key (artifacts of
/// another layout are compiled again).
pub(crate) const LAYOUT: &str = "metering-5/function-table/loop-header-checks/first-point-checks";

/// Charges of more than this are capped, so that gas arithmetic in wasm never wraps.
const MAX_CHARGE: u64 = (i64::MAX / 4) as u64;

/// The indices of the injected globals in one module.
#[derive(Clone, Copy, Debug)]
struct InjectedGlobals {
    gas_remaining: u32,
    stop_threshold: u32,
    stop_reason: u32,
    memory_grow_count: u32,
    scratch: u32,
}

/// The module middleware; one per compilation, since it records the module's global indices.
#[derive(Debug)]
pub(crate) struct Metering {
    costs: Arc<CostTable>,
    max_memory_grow: i32,
    max_memory_grow_delta: i32,
    /// The injected globals and the number of imported functions, once the module info is
    /// transformed.
    module: OnceLock<(InjectedGlobals, u32)>,
}

impl Metering {
    pub(crate) fn new(costs: Arc<CostTable>, limits: &Limits) -> Self {
        let clamp = |v: u64| i32::try_from(v).unwrap_or(i32::MAX);
        Self {
            costs,
            max_memory_grow: clamp(limits.max_memory_grow),
            max_memory_grow_delta: clamp(limits.max_memory_grow_delta),
            module: OnceLock::new(),
        }
    }
}

/// Appends a mutable global; exports it under `export` if given.
fn add_global(
    info: &mut ModuleInfo,
    export: Option<&str>,
    ty: Type,
    init: GlobalInit,
) -> Result<u32, MiddlewareError> {
    let index = info.globals.push(GlobalType::new(ty, Mutability::Var));
    info.global_initializers.push(init);
    if let Some(name) = export {
        if info.exports.contains_key(name) {
            return Err(MiddlewareError::new(
                MIDDLEWARE,
                format!("export `{name}` is reserved"),
            ));
        }
        info.exports
            .insert(name.to_owned(), ExportIndex::Global(index));
    }
    Ok(index.as_u32())
}

impl ModuleMiddleware for Metering {
    fn generate_function_middleware<'a>(
        &self,
        _local_function_index: LocalFunctionIndex,
    ) -> Box<dyn FunctionMiddleware<'a> + 'a> {
        let module = self.module.get().copied();
        Box::new(FunctionMetering {
            costs: Arc::clone(&self.costs),
            globals: module.map(|(globals, _)| globals),
            checks: CheckPoints::new(module.map_or(0, |(_, imports)| imports)),
            max_memory_grow: self.max_memory_grow,
            max_memory_grow_delta: self.max_memory_grow_delta,
            accumulated: 0,
        })
    }

    fn transform_module_info(&self, info: &mut ModuleInfo) -> Result<(), MiddlewareError> {
        if info.num_imported_globals != 0 || info.memories.len() != 1 {
            return Err(MiddlewareError::new(
                MIDDLEWARE,
                "the module was not validated: imported globals or no single memory",
            ));
        }
        // Pushed one after the other and only the first exported: an instance finds the
        // others next to it (see `globals::Slots::locate`). Every export costs a lookup and
        // an allocation at each instantiation.
        let i64_var = |info: &mut ModuleInfo, export| {
            add_global(info, export, Type::I64, GlobalInit::I64Const(0))
        };
        let i32_var =
            |info: &mut ModuleInfo| add_global(info, None, Type::I32, GlobalInit::I32Const(0));
        let globals = InjectedGlobals {
            gas_remaining: i64_var(info, Some(globals::GAS_REMAINING))?,
            stop_threshold: i64_var(info, None)?,
            stop_reason: i32_var(info)?,
            memory_grow_count: i32_var(info)?,
            scratch: i32_var(info)?,
        };
        debug_assert_eq!(globals.stop_threshold, globals.gas_remaining + 1);
        debug_assert_eq!(globals.stop_reason, globals.gas_remaining + 2);
        // Without the table, the functions stay exported (and instances find them by name).
        function_table::move_exported_functions(info);
        let imports = u32::try_from(info.num_imported_functions).unwrap_or(u32::MAX);
        self.module
            .set((globals, imports))
            .map_err(|_| MiddlewareError::new(MIDDLEWARE, "a middleware serves one module only"))
    }
}

/// The function middleware: accumulates costs and injects the checks.
#[derive(Debug)]
struct FunctionMetering {
    costs: Arc<CostTable>,
    globals: Option<InjectedGlobals>,
    checks: CheckPoints,
    max_memory_grow: i32,
    max_memory_grow_delta: i32,
    accumulated: u64,
}

impl FunctionMetering {
    /// Charges the accumulated cost; with `check` (or a large charge), then stops the
    /// contract if the points left are at or below the threshold.
    fn inject_charge(
        &mut self,
        g: InjectedGlobals,
        check: bool,
        state: &mut MiddlewareReaderState<'_>,
    ) {
        let charge = self.accumulated.min(MAX_CHARGE);
        self.accumulated = 0;
        if charge > 0 {
            state.extend([
                Operator::GlobalGet {
                    global_index: g.gas_remaining,
                },
                Operator::I64Const {
                    value: charge.cast_signed(),
                },
                Operator::I64Sub,
                Operator::GlobalSet {
                    global_index: g.gas_remaining,
                },
            ]);
        }
        if check || charge > MAX_UNCHECKED_CHARGE {
            inject_check(g, state);
        }
    }

    /// Before `memory.grow`: stops the contract past `MaxMemoryGrow` executions or when the
    /// operand exceeds `MaxMemoryGrowDelta`; counts the execution.
    fn inject_memory_grow_checks(&self, g: InjectedGlobals, state: &mut MiddlewareReaderState<'_>) {
        state.extend([
            Operator::GlobalGet {
                global_index: g.memory_grow_count,
            },
            Operator::I32Const {
                value: self.max_memory_grow,
            },
            Operator::I32GeU,
        ]);
        inject_stop_if(g, globals::REASON_MEMORY_LIMIT, state);
        state.extend([
            Operator::GlobalGet {
                global_index: g.memory_grow_count,
            },
            Operator::I32Const { value: 1 },
            Operator::I32Add,
            Operator::GlobalSet {
                global_index: g.memory_grow_count,
            },
            Operator::GlobalSet {
                global_index: g.scratch,
            },
            Operator::GlobalGet {
                global_index: g.scratch,
            },
            Operator::I32Const {
                value: self.max_memory_grow_delta,
            },
            Operator::I32GtU,
        ]);
        inject_stop_if(g, globals::REASON_MEMORY_LIMIT, state);
        state.extend([Operator::GlobalGet {
            global_index: g.scratch,
        }]);
    }
}

/// Stops the contract if the points left are at or below the threshold.
fn inject_check(g: InjectedGlobals, state: &mut MiddlewareReaderState<'_>) {
    state.extend([
        Operator::GlobalGet {
            global_index: g.gas_remaining,
        },
        Operator::GlobalGet {
            global_index: g.stop_threshold,
        },
        Operator::I64LeS,
    ]);
    inject_stop_if(g, globals::REASON_OUT_OF_GAS, state);
}

/// Pops an `i32` condition; when it is true, records `reason` and traps.
fn inject_stop_if(g: InjectedGlobals, reason: i32, state: &mut MiddlewareReaderState<'_>) {
    state.extend([
        Operator::If {
            blockty: BlockType::Empty,
        },
        Operator::I32Const { value: reason },
        Operator::GlobalSet {
            global_index: g.stop_reason,
        },
        Operator::Unreachable,
        Operator::End,
    ]);
}

impl<'a> FunctionMiddleware<'a> for FunctionMetering {
    fn locals_info(&mut self, locals: &[ValType]) {
        let declared = u64::try_from(locals.len()).unwrap_or(u64::MAX);
        let metered = declared.saturating_sub(self.costs.locals_unmetered);
        self.accumulated = self
            .accumulated
            .saturating_add(metered.saturating_mul(self.costs.local_allocate));
    }

    fn feed(
        &mut self,
        operator: Operator<'a>,
        state: &mut MiddlewareReaderState<'a>,
    ) -> Result<(), MiddlewareError> {
        let Some(g) = self.globals else {
            return Err(MiddlewareError::new(
                MIDDLEWARE,
                "module info not transformed",
            ));
        };
        let kind = OpKind::of(&operator)
            .ok_or_else(|| MiddlewareError::new(MIDDLEWARE, "unknown operator"))?;
        let cost = self.costs.cost(kind).ok_or_else(|| {
            MiddlewareError::new(
                MIDDLEWARE,
                format!("operator {} has no cost in the schedule", kind.name()),
            )
        })?;
        self.accumulated = self.accumulated.saturating_add(cost);
        if kind == OpKind::MemoryGrow {
            self.inject_memory_grow_checks(g, state);
        }
        if kind.is_metering_point() {
            let check = self.checks.needs_check(&operator);
            self.inject_charge(g, check, state);
            self.checks.after(&operator);
        }
        let loop_header = matches!(operator, Operator::Loop { .. });
        state.push_operator(operator);
        if loop_header {
            // Every iteration starts here: the check of the branches back to the loop.
            inject_check(g, state);
        }
        Ok(())
    }
}

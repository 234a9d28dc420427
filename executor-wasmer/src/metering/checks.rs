//! Where a metering point must compare the points left with the stop threshold.
//!
//! Every metering point charges its accumulated cost, as the production VM does; only some
//! also check the limit:
//!
//! - the start of every loop iteration (injected after the `loop` operator, where the wasm
//!   stack of the body is empty, which singlepass compiles into shorter code than a check
//!   before the branch back), and every exit of the function (a branch to the function's
//!   frame, `return`, the function's final `end`), so that loops and returns always meet a
//!   check (for the preemptive stop, and so that unchecked charges never add up across
//!   iterations or frames);
//! - a call, since the callee may be a hook (which reads the gas and has side effects) or
//!   recurse;
//! - the first metering point after a call that may have run a hook (a direct call of an
//!   import, or any indirect call): a hook can leave the gas exhausted without stopping the
//!   contract, and the production VM then stops at the next metering point; likewise the
//!   first metering point of every function, which may start a call with no points left.
//!
//! At the other points the production VM would have stopped exactly when the points left
//! go to 0 or below, and the unchecked code after such a point has no observable effect: no
//! hook runs before the next check, which stops the contract as out of gas. A trap in
//! between is reported as out of gas too, when the points left are exhausted (see
//! `WasmerInstance::classify`).

use wasmer::sys::wasmparser::Operator;

/// Charges above this are always checked, so that the unchecked charges between two checks
/// (at most one per operator of a function body, < 2^22) stay far from wrapping an `i64`.
pub(super) const MAX_UNCHECKED_CHARGE: u64 = 1 << 32;

/// The control frames of the function being compiled and the pending checks.
#[derive(Debug)]
pub(super) struct CheckPoints {
    /// Open frames, innermost last: whether each is a `loop`. The first is the function's.
    frames: Vec<bool>,
    /// The next metering point follows a call that may have run a hook.
    after_possible_hook: bool,
    /// Functions below this index are imports (hooks).
    imported_functions: u32,
}

impl CheckPoints {
    pub(super) fn new(imported_functions: u32) -> Self {
        Self {
            frames: vec![false],
            // The function may be the one a call starts with, its points already exhausted
            // (a gas limit of 0, or the hooks of the caller): its first point checks, as
            // after a hook.
            after_possible_hook: true,
            imported_functions,
        }
    }

    /// Whether a branch of `depth` leaves the function (a branch back to a loop meets the
    /// check at the loop's header).
    fn branch_needs_check(&self, depth: u32) -> bool {
        let Ok(depth) = usize::try_from(depth) else {
            return true;
        };
        matches!(
            self.frames.len().checked_sub(depth.saturating_add(1)),
            Some(0) | None
        )
    }

    /// Whether the metering point before `operator` (a control-flow operator) must check
    /// the limit. Call once per metering point, before [`after`](Self::after).
    pub(super) fn needs_check(&mut self, operator: &Operator<'_>) -> bool {
        let pending = std::mem::take(&mut self.after_possible_hook);
        let here = match operator {
            Operator::Br { relative_depth } | Operator::BrIf { relative_depth } => {
                self.branch_needs_check(*relative_depth)
            }
            Operator::BrTable { targets } => {
                self.branch_needs_check(targets.default())
                    || targets
                        .targets()
                        .any(|target| target.map_or(true, |d| self.branch_needs_check(d)))
            }
            Operator::End => self.frames.len() <= 1,
            Operator::Call { .. }
            | Operator::CallIndirect { .. }
            | Operator::ReturnCall { .. }
            | Operator::ReturnCallIndirect { .. }
            | Operator::Return => true,
            _ => false,
        };
        pending || here
    }

    /// Follows the control frames past `operator`.
    pub(super) fn after(&mut self, operator: &Operator<'_>) {
        match operator {
            Operator::Block { .. } | Operator::If { .. } => self.frames.push(false),
            Operator::Loop { .. } => self.frames.push(true),
            Operator::End => {
                self.frames.pop();
            }
            Operator::Call { function_index } => {
                self.after_possible_hook |= *function_index < self.imported_functions;
            }
            Operator::CallIndirect { .. } => self.after_possible_hook = true,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use wasmer::sys::wasmparser::{BlockType, Operator};

    use super::CheckPoints;

    /// Feeds `ops` (all metering points) and returns which ones check.
    fn checks(imports: u32, ops: &[Operator<'static>]) -> Vec<bool> {
        let mut points = CheckPoints::new(imports);
        ops.iter()
            .map(|op| {
                let check = points.needs_check(op);
                points.after(op);
                check
            })
            .collect()
    }

    const EMPTY: BlockType = BlockType::Empty;

    #[test]
    fn calls_and_exits_check_branches_do_not() {
        let ops = [
            Operator::Block { blockty: EMPTY }, // the function's first point: yes
            Operator::Loop { blockty: EMPTY },  // no
            Operator::If { blockty: EMPTY },    // no
            Operator::BrIf { relative_depth: 2 }, // to the block: forward, no
            Operator::Br { relative_depth: 1 }, // to the loop: its header checks
            Operator::Else,                     // no
            Operator::Br { relative_depth: 3 }, // to the function: exit, yes
            Operator::End,                      // end of if: no
            Operator::End,                      // end of loop: no
            Operator::Call { function_index: 5 }, // yes
            Operator::Block { blockty: EMPTY }, // after a local call: no
            Operator::End,                      // no
            Operator::End,                      // end of block: no
            Operator::Return,                   // yes
            Operator::End,                      // the function's end: yes
        ];
        let expected = [
            true, false, false, false, false, false, true, false, false, true, false, false, false,
            true, true,
        ];
        assert_eq!(checks(2, &ops), expected);
    }

    #[test]
    fn the_point_after_a_possible_hook_call_checks() {
        let ops = [
            Operator::Call { function_index: 1 }, // an import: checks, as every call (and first)
            Operator::Block { blockty: EMPTY },   // the point after it: yes
            Operator::Block { blockty: EMPTY },   // no
            Operator::CallIndirect {
                type_index: 0,
                table_index: 0,
            }, // yes
            Operator::End,                        // after an indirect call: yes
            Operator::End,                        // no
        ];
        assert_eq!(checks(2, &ops), [true, true, false, true, true, false]);
    }
}

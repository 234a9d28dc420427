//! Every wasm operator by its wasmparser name, the allowed set, and per-operator tables.

use std::sync::LazyLock;

use executor_api::OpcodeCost;
use wasmer::sys::wasmparser::{self, Operator};

/// The operators a contract may contain, one wasmparser name a line (`#` starts a comment).
pub(crate) const ALLOWED_OPCODES_TXT: &str = include_str!("../allowed-opcodes.txt");

macro_rules! define_operator_kinds {
    ($( @$proposal:ident $op:ident $({ $($arg:ident: $argty:ty),* })? => $visit:ident ($($ann:tt)*) )*) => {
        /// One variant per wasmparser operator, so that tables can be indexed by operator.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub(crate) enum OpKind {
            $( $op, )*
        }

        impl OpKind {
            /// Every kind, in wasmparser's order (the discriminant order).
            pub(crate) const ALL: &'static [OpKind] = &[$(OpKind::$op,)*];

            /// The wasmparser name, e.g. `I32Add`.
            pub(crate) fn name(self) -> &'static str {
                match self {
                    $( OpKind::$op => stringify!($op), )*
                }
            }

            /// The kind of `op`; `None` only for operators newer than this table.
            pub(crate) fn of(op: &Operator<'_>) -> Option<OpKind> {
                #[allow(unreachable_patterns)]
                match op {
                    $( Operator::$op { .. } => Some(OpKind::$op), )*
                    _ => None,
                }
            }
        }
    };
}

wasmparser::for_each_operator!(define_operator_kinds);

impl OpKind {
    /// The table index of this kind.
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// Whether the production VM charges the accumulated cost before this operator.
    pub(crate) fn is_metering_point(self) -> bool {
        matches!(
            self,
            OpKind::Loop
                | OpKind::Block
                | OpKind::End
                | OpKind::If
                | OpKind::Else
                | OpKind::Unreachable
                | OpKind::Br
                | OpKind::BrTable
                | OpKind::BrIf
                | OpKind::Call
                | OpKind::CallIndirect
                | OpKind::Return
                | OpKind::ReturnCall
                | OpKind::ReturnCallIndirect
        )
    }
}

/// Whether each operator kind is in `allowed-opcodes.txt`, indexed by [`OpKind::index`].
static ALLOWED: LazyLock<Vec<bool>> = LazyLock::new(|| {
    let names: Vec<&str> = ALLOWED_OPCODES_TXT
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect();
    OpKind::ALL
        .iter()
        .map(|kind| names.contains(&kind.name()))
        .collect()
});

/// Whether a contract may contain operators of `kind`.
pub(crate) fn is_allowed(kind: OpKind) -> bool {
    ALLOWED.get(kind.index()).copied().unwrap_or(false)
}

/// The cost of every operator kind, looked up once from the schedule section by name;
/// `None` for operators the schedule does not price.
#[derive(Clone, Debug)]
pub(crate) struct CostTable {
    costs: Vec<Option<u64>>,
    /// `LocalAllocate`.
    pub(crate) local_allocate: u64,
    /// `LocalsUnmetered`.
    pub(crate) locals_unmetered: u64,
}

impl CostTable {
    pub(crate) fn new(cost: &OpcodeCost) -> Self {
        Self {
            costs: OpKind::ALL
                .iter()
                .map(|kind| cost.get(kind.name()))
                .collect(),
            local_allocate: cost.local_allocate,
            locals_unmetered: cost.locals_unmetered,
        }
    }

    /// The cost of one operator of `kind`.
    pub(crate) fn cost(&self, kind: OpKind) -> Option<u64> {
        self.costs.get(kind.index()).copied().flatten()
    }
}

#[cfg(test)]
mod tests {
    use executor_api::GasSchedule;

    use super::*;

    #[test]
    fn the_allowed_list_names_real_operators() {
        let allowed: Vec<&str> = OpKind::ALL
            .iter()
            .filter(|k| is_allowed(**k))
            .map(|k| k.name())
            .collect();
        // 128 names, of which `LocalAllocate` is a cost, not an operator, and `Unwind` left
        // the exception-handling proposal.
        assert_eq!(allowed.len(), 126, "{allowed:?}");
        assert!(allowed.contains(&"I32Add"));
        assert!(!allowed.contains(&"F32Add"));
        assert!(!allowed.contains(&"MemoryCopy"));
    }

    #[test]
    fn every_allowed_operator_has_a_cost_in_v3_and_v4() {
        for schedule in [GasSchedule::v3(), GasSchedule::v4()] {
            let table = CostTable::new(&schedule.wasm_opcode_cost);
            for kind in OpKind::ALL.iter().filter(|k| is_allowed(**k)) {
                assert!(table.cost(*kind).is_some(), "{} has no cost", kind.name());
            }
        }
    }
}

//! Gas: the schedule's opcode costs charged as the production VM charges them, on one
//! counter shared with the hooks.

use blockchain_hooks::GasSchedule;
use executor_api::{EarlyExit, Instance, InstanceAccess, OpcodeCost, ReturnCode, messages};
use strata_executor_wasmer::testing::RecordingHooks;

use crate::support::{assert_exit, instance, instance_with};

/// Counts `$i` down from 10 to 0.
const COUNTDOWN: &str = r#"
    (module
      (memory (export "memory") 1)
      (func (export "run") (local $i i32)
        (local.set $i (i32.const 10))
        (loop $l
          (br_if $l (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))))
"#;

/// The gas of `COUNTDOWN` by hand: the operators before the loop are charged at `loop`,
/// the body of each of the 10 iterations at its `br_if`, then the two `end`s.
fn countdown_gas(c: &OpcodeCost) -> u64 {
    (c.i32_const + c.local_set + c.r#loop)
        + 10 * (c.local_get + c.i32_const + c.i32_sub + c.local_tee + c.br_if)
        + 2 * c.end
}

#[test]
fn the_gas_of_a_loop_is_the_schedule_sum() {
    let v4 = GasSchedule::v4().wasm_opcode_cost;
    assert_eq!(countdown_gas(&v4), 275);
    let mut instance = instance_with(v4.clone(), COUNTDOWN, 1_000_000);
    instance.call("run", &mut RecordingHooks::new()).unwrap();
    assert_eq!(instance.gas_used(), countdown_gas(&v4));
    assert_eq!(instance.gas_left(), 1_000_000 - 275);

    // Schedule V3 prices these operators differently from each other.
    let v3 = GasSchedule::v3().wasm_opcode_cost;
    assert_eq!(countdown_gas(&v3), 119);
    let mut instance = instance_with(v3.clone(), COUNTDOWN, 1_000_000);
    instance.call("run", &mut RecordingHooks::new()).unwrap();
    assert_eq!(instance.gas_used(), 119);
}

#[test]
fn gas_accumulates_over_calls_of_one_instance() {
    let mut instance = instance(COUNTDOWN, 1_000_000);
    let mut hooks = RecordingHooks::new();
    instance.call("run", &mut hooks).unwrap();
    instance.call("run", &mut hooks).unwrap();
    assert_eq!(instance.gas_used(), 2 * 275);
}

#[test]
fn locals_beyond_the_unmetered_ones_cost_local_allocate() {
    let c = GasSchedule::v4().wasm_opcode_cost;
    let wat = |locals: usize| {
        format!(
            r#"(module (memory (export "memory") 1)
                (func (export "run") (param i32) (local {})) (func (export "go") (call 0 (i32.const 1))))"#,
            vec!["i64"; locals].join(" ")
        )
    };
    // `go`: i32.const and call, charged at the call; its own end.
    let go = c.i32_const + c.call + c.end;
    for (locals, charged) in [(1, 0), (100, 0), (101, 1), (150, 50)] {
        let mut instance = instance(&wat(locals), 1_000_000);
        instance.call("go", &mut RecordingHooks::new()).unwrap();
        assert_eq!(
            instance.gas_used(),
            go + c.end + charged * c.local_allocate,
            "{locals} locals"
        );
    }
    assert_eq!(c.locals_unmetered, 100);
}

#[test]
fn running_out_of_gas_stops_with_code_5() {
    let mut instance = instance(
        r#"(module (memory (export "memory") 1)
        (func (export "run") (loop (br 0))))"#,
        100_000,
    );
    let result = instance.call("run", &mut RecordingHooks::new());
    assert_exit(result, ReturnCode::OutOfGas, messages::NOT_ENOUGH_GAS);
    assert_eq!(instance.gas_used(), 100_000);
    assert_eq!(instance.early_exit(), Some(&EarlyExit::out_of_gas()));
}

#[test]
fn gas_exactly_used_up_at_a_metering_point_is_out_of_gas() {
    // As in the production VM: a metering point stops the contract when the gas used
    // reaches the limit, not only when it passes it.
    let mut exact = instance(COUNTDOWN, 275);
    let result = exact.call("run", &mut RecordingHooks::new());
    assert_exit(result, ReturnCode::OutOfGas, messages::NOT_ENOUGH_GAS);
    let mut enough = instance(COUNTDOWN, 276);
    enough.call("run", &mut RecordingHooks::new()).unwrap();
    assert_eq!(enough.gas_left(), 1);
}

const GAS_LEFT: &str = r#"
    (module
      (import "env" "getGasLeft" (func $gas_left (result i64)))
      (memory (export "memory") 1)
      (func (export "run") (i64.store (i32.const 0) (call $gas_left))))
"#;

#[test]
fn hooks_read_and_charge_the_same_counter() {
    let c = GasSchedule::v4().wasm_opcode_cost;
    let mut instance = instance(GAS_LEFT, 10_000);
    let mut hooks = RecordingHooks::new().on("getGasLeft", |instance, _| {
        let left = instance.gas_left();
        instance.use_gas(1_000)?;
        Ok(i64::try_from(left).unwrap_or(i64::MAX))
    });
    instance.call("run", &mut hooks).unwrap();
    let stored = instance.memory_load(0, 8).unwrap();
    let before_call = c.i32_const + c.call;
    assert_eq!(
        i64::from_le_bytes(stored.try_into().unwrap()),
        i64::try_from(10_000 - before_call).unwrap()
    );
    assert_eq!(
        instance.gas_used(),
        before_call + 1_000 + c.i64_store + c.end
    );
}

#[test]
fn a_hook_running_out_of_gas_stops_with_its_own_exit() {
    let mut instance = instance(GAS_LEFT, 10_000);
    let mut hooks = RecordingHooks::new().on("getGasLeft", |instance, _| {
        instance.use_gas(1_000_000)?;
        Ok(0)
    });
    let result = instance.call("run", &mut hooks);
    assert_exit(result, ReturnCode::OutOfGas, messages::NOT_ENOUGH_GAS);
    assert_eq!(instance.gas_used(), 10_000);
}

#[test]
fn gas_used_set_past_the_limit_stops_at_the_next_metering_point() {
    let mut instance = instance(GAS_LEFT, 10_000);
    let mut hooks = RecordingHooks::new().on("getGasLeft", |instance, _| {
        instance.set_gas_used(10_001);
        Ok(0)
    });
    let result = instance.call("run", &mut hooks);
    assert_exit(result, ReturnCode::OutOfGas, messages::NOT_ENOUGH_GAS);
    assert_eq!(instance.gas_used(), 10_000);
}

#[test]
fn set_gas_limit_keeps_the_gas_used() {
    let mut instance = instance(COUNTDOWN, 1_000);
    instance.call("run", &mut RecordingHooks::new()).unwrap();
    instance.set_gas_limit(5_000);
    assert_eq!(instance.gas_used(), 275);
    assert_eq!(instance.gas_limit(), 5_000);
    assert_eq!(instance.gas_left(), 5_000 - 275);
    instance.set_gas_used(100);
    instance.call("run", &mut RecordingHooks::new()).unwrap();
    assert_eq!(instance.gas_used(), 375);
    instance.set_gas_limit(300);
    let result = instance.call("run", &mut RecordingHooks::new());
    assert_exit(result, ReturnCode::OutOfGas, messages::NOT_ENOUGH_GAS);
}

#[test]
fn huge_gas_limits_count_from_the_limit() {
    let mut instance = instance(COUNTDOWN, u64::MAX);
    assert_eq!(instance.gas_used(), 0);
    instance.call("run", &mut RecordingHooks::new()).unwrap();
    assert_eq!(instance.gas_used(), 275);
    assert_eq!(instance.gas_left(), u64::MAX - 275);
}

#[test]
fn same_module_input_and_hooks_give_the_same_results_and_gas() {
    let wat = r#"
        (module
          (import "env" "getGasLeft" (func $gas_left (result i64)))
          (memory (export "memory") 1)
          (func (export "run") (local $i i32) (local $acc i64)
            (loop $l
              (local.set $acc (i64.add (local.get $acc)
                (i64.mul (call $gas_left) (i64.extend_i32_u (local.get $i)))))
              (i64.store (i32.shl (local.get $i) (i32.const 3)) (local.get $acc))
              (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                (i32.const 64))))))
    "#;
    let run = || {
        let mut instance = instance(wat, 50_000);
        let mut hooks = RecordingHooks::new().on("getGasLeft", |instance, _| {
            Ok(i64::try_from(instance.gas_left()).unwrap_or(0))
        });
        let result = instance.call("run", &mut hooks);
        (
            result,
            instance.gas_used(),
            instance.memory_load(0, 512).unwrap(),
        )
    };
    let first = run();
    assert_eq!(first.0, Ok(()));
    for _ in 0..3 {
        assert_eq!(run(), first);
    }
}

/// Not every metering point checks the limit; these contracts run out of gas at one that
/// does not (the `block`), then trap before the next one.
const TRAP_AFTER_BLOCK: &str = r#"
    (module
      (memory (export "memory") 1)
      (func (export "divide") (block (drop (i32.div_u (i32.const 1) (i32.const 0)))))
      (func (export "load") (block (drop (i32.load (i32.const 70000)))))
      (func (export "unreachable") (block unreachable)))
"#;

#[test]
fn a_trap_after_the_gas_ran_out_is_out_of_gas() {
    // The production VM stops at the `block` (points left 0): out of gas, not the trap.
    let c = GasSchedule::v4().wasm_opcode_cost;
    // `unreachable` is a metering point itself: it must be paid for to trap.
    let cases = [
        ("divide", "integer divide by zero", 0),
        ("load", "out of bounds memory access", 0),
        ("unreachable", "unreachable", c.unreachable),
    ];
    for (function, trap, trap_cost) in cases {
        let mut exhausted = instance(TRAP_AFTER_BLOCK, c.block);
        let result = exhausted.call(function, &mut RecordingHooks::new());
        assert_exit(result, ReturnCode::OutOfGas, messages::NOT_ENOUGH_GAS);
        assert_eq!(exhausted.gas_used(), c.block, "{function}");
        let mut also_exhausted = instance(TRAP_AFTER_BLOCK, c.block + trap_cost);
        let result = also_exhausted.call(function, &mut RecordingHooks::new());
        assert_exit(result, ReturnCode::OutOfGas, messages::NOT_ENOUGH_GAS);
        // One more point of gas: the contract reaches the trap with gas left.
        let mut enough = instance(TRAP_AFTER_BLOCK, c.block + trap_cost + 1);
        let result = enough.call(function, &mut RecordingHooks::new());
        assert_exit(result, ReturnCode::ExecutionFailed, trap);
    }
}

#[test]
fn with_no_gas_at_all_a_trap_before_the_first_metering_point_is_the_trap() {
    // Found by the differential fuzz target: with a limit of 0 the production VM checks
    // nothing before the first metering point, so a trap there is reported as the trap;
    // a trap after it (the `block` here) is out of gas.
    let straight = r#"
        (module
          (memory (export "memory") 1)
          (func (export "divide") (drop (i32.div_u (i32.const 1) (i32.const 0)))))
    "#;
    let mut none = instance(straight, 0);
    let result = none.call("divide", &mut RecordingHooks::new());
    assert_exit(
        result,
        ReturnCode::ExecutionFailed,
        "integer divide by zero",
    );
    let mut none = instance(TRAP_AFTER_BLOCK, 0);
    let result = none.call("divide", &mut RecordingHooks::new());
    assert_exit(result, ReturnCode::OutOfGas, messages::NOT_ENOUGH_GAS);
}

const HOOK_THEN_TRAP: &str = r#"
    (module
      (import "env" "getGasLeft" (func $gas_left (result i64)))
      (memory (export "memory") 1)
      (func (export "trap_next") (drop (call $gas_left)) (drop (i32.div_u (i32.const 1) (i32.const 0))))
      (func (export "block_then_trap") (drop (call $gas_left))
        (block (drop (i32.div_u (i32.const 1) (i32.const 0))))))
"#;

#[test]
fn a_hook_that_uses_up_the_gas_stops_the_contract_at_the_next_metering_point() {
    // The hook uses exactly the gas left, which does not stop it (gas used = limit).
    let use_all = || {
        RecordingHooks::new().on("getGasLeft", |instance, _| {
            instance.use_gas(instance.gas_left())?;
            Ok(0)
        })
    };
    // A trap before the next metering point: the production VM reports the trap.
    let mut first = instance(HOOK_THEN_TRAP, 10_000);
    let result = first.call("trap_next", &mut use_all());
    assert_exit(
        result,
        ReturnCode::ExecutionFailed,
        "integer divide by zero",
    );
    // A metering point (the `block`) before the trap: out of gas there.
    let mut instance = instance(HOOK_THEN_TRAP, 10_000);
    let result = instance.call("block_then_trap", &mut use_all());
    assert_exit(result, ReturnCode::OutOfGas, messages::NOT_ENOUGH_GAS);
    assert_eq!(instance.gas_used(), 10_000);
}

const GAS_LEFT_LOOP: &str = r#"
    (module
      (import "env" "getGasLeft" (func $gas_left (result i64)))
      (memory (export "memory") 1)
      (func (export "run") (local $i i32)
        (loop $l
          (block $odd
            (br_if $odd (i32.and (local.get $i) (i32.const 1)))
            (nop))
          (i64.store (i32.shl (local.get $i) (i32.const 3)) (call $gas_left))
          (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
            (i32.const 8))))))
"#;

#[test]
fn get_gas_left_is_exact_in_a_loop_with_forward_branches() {
    let c = GasSchedule::v4().wasm_opcode_cost;
    let limit = 100_000;
    let mut instance = instance(GAS_LEFT_LOOP, limit);
    let mut hooks = RecordingHooks::new().on("getGasLeft", |instance, _| {
        Ok(i64::try_from(instance.gas_left()).unwrap_or(-1))
    });
    instance.call("run", &mut hooks).unwrap();
    // By hand: the `block`, the forward `br_if` (taken on odd `i`, which skips the `nop`
    // and the block's `end`), up to the hook call, then the back edge.
    let head = |i: u64| {
        c.block
            + (c.local_get + c.i32_const + c.i32_and + c.br_if)
            + if i.is_multiple_of(2) {
                c.nop + c.end
            } else {
                0
            }
            + (c.local_get + c.i32_const + c.i32_shl + c.call)
    };
    let back_edge = c.i64_store
        + c.local_get
        + c.i32_const
        + c.i32_add
        + c.local_tee
        + c.i32_const
        + c.i32_lt_u
        + c.br_if;
    let mut used = c.r#loop;
    for i in 0..8_u64 {
        used += head(i);
        let stored = instance
            .memory_load(isize::try_from(i * 8).unwrap(), 8)
            .unwrap();
        let left = i64::from_le_bytes(stored.try_into().unwrap());
        assert_eq!(left, i64::try_from(limit - used).unwrap(), "iteration {i}");
        used += back_edge;
    }
    // The loop's `end` and the function's.
    assert_eq!(instance.gas_used(), used + 2 * c.end);
}

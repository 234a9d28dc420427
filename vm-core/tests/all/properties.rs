//! Properties (proptest): a failed transaction changes nothing; the same transaction from the
//! same state gives the same output; a cached module gives the same output as a fresh one.

use blockchain_hooks::{ContractCallInput, GasSchedule, ReturnCode, VmOutput};
use proptest::prelude::*;

use crate::harness::*;

/// `run(key, value, mode)`: stores `value` under `key`, logs it, returns it, then ends as
/// `mode` says: 0 success, 1 `signalError`, 2 an endless loop (out of gas), 3 a bad pointer,
/// 4 `unreachable`, 5 a missing big integer.
const ACTOR: &str = r#"
(module
  (import "env" "mBufferGetArgument" (func $arg (param i32 i32) (result i32)))
  (import "env" "mBufferStorageStore" (func $store (param i32 i32) (result i32)))
  (import "env" "mBufferFinish" (func $finish (param i32) (result i32)))
  (import "env" "managedWriteLog" (func $log (param i32 i32)))
  (import "env" "mBufferNew" (func $new (result i32)))
  (import "env" "mBufferToSmallIntUnsigned" (func $small (param i32) (result i64)))
  (import "env" "signalError" (func $error (param i32 i32)))
  (import "env" "sha256" (func $sha (param i32 i32 i32) (result i32)))
  (import "env" "bigIntGetInt64" (func $get64 (param i32) (result i64)))
  (import "env" "bigIntAdd" (func $add (param i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "refused")
  (func (export "run") (local $mode i64)
    (drop (call $arg (i32.const 0) (i32.const 1)))
    (drop (call $arg (i32.const 1) (i32.const 2)))
    (drop (call $arg (i32.const 2) (i32.const 3)))
    (drop (call $store (i32.const 1) (i32.const 2)))
    (call $log (call $new) (i32.const 2))
    (drop (call $finish (i32.const 2)))
    (local.set $mode (call $small (i32.const 3)))
    (if (i64.eq (local.get $mode) (i64.const 1))
      (then (call $error (i32.const 0) (i32.const 7))))
    (if (i64.eq (local.get $mode) (i64.const 2))
      (then (loop $l (br $l))))
    (if (i64.eq (local.get $mode) (i64.const 3))
      (then (drop (call $sha (i32.const -8) (i32.const 100) (i32.const 0)))))
    (if (i64.eq (local.get $mode) (i64.const 4))
      (then unreachable))
    (if (i64.eq (local.get $mode) (i64.const 5))
      (then (call $add (i32.const 9) (i32.const 77) (i32.const 78))))))
"#;

fn world() -> World {
    World::new(GasSchedule::v4()).contract(1, ACTOR)
}

fn input(key: &[u8], value: &[u8], mode: u8, gas: u64) -> ContractCallInput {
    let mut input = call_input(sc(1), "run", &[key, value, &[mode]]);
    input.vm_input.gas_provided = gas;
    input
}

fn expected_failure(mode: u8) -> Option<(ReturnCode, &'static str)> {
    match mode {
        1 => Some((ReturnCode::UserError, "refused")),
        2 => Some((ReturnCode::OutOfGas, "not enough gas")),
        3 => Some((ReturnCode::ExecutionFailed, "mem load: bad bounds")),
        4 => Some((ReturnCode::ExecutionFailed, "execution failed")),
        5 => Some((
            ReturnCode::ExecutionFailed,
            "no bigInt under the given handle",
        )),
        _ => None,
    }
}

fn key() -> impl Strategy<Value = Vec<u8>> {
    // Reserved `ELROND…` keys are refused by storage: keep to plain keys.
    proptest::collection::vec(b'a'..=b'z', 1..40)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn a_failed_transaction_changes_nothing(
        key in key(),
        value in proptest::collection::vec(any::<u8>(), 0..200),
        mode in 1u8..=5,
        gas in 2_000_000u64..20_000_000,
    ) {
        let w = world();
        let before = format!("{:?}", w.chain);
        let out = w.run(&input(&key, &value, mode, gas));
        let (code, message) = expected_failure(mode).unwrap();
        // A small gas limit may run out before the chosen failure.
        let got = (out.return_code, out.return_message.as_str());
        prop_assert!(
            got == (code, message) || got == (ReturnCode::OutOfGas, "not enough gas"),
            "{:?}",
            got
        );
        prop_assert!(out.output_accounts.is_empty());
        // Nothing but the event reporting the error.
        prop_assert_eq!(out.logs.len(), 1);
        prop_assert_eq!(&out.logs[0].identifier, b"internalVMErrors");
        prop_assert!(out.return_data.is_empty());
        prop_assert_eq!((out.gas_remaining, out.gas_refund), (0, 0));
        prop_assert!(out.deleted_accounts.is_empty());
        let mut chain = w.chain.clone();
        chain.apply(&out);
        prop_assert_eq!(format!("{chain:?}"), before);
    }

    #[test]
    fn the_same_transaction_from_the_same_state_gives_the_same_output(
        key in key(),
        value in proptest::collection::vec(any::<u8>(), 0..200),
        mode in 0u8..=5,
        gas in 2_000_000u64..20_000_000,
    ) {
        let w = world();
        let tx = input(&key, &value, mode, gas);
        let first = w.run(&tx);
        let second = w.run(&tx);
        prop_assert_eq!(&first, &second);
        // And on another VM instance.
        prop_assert_eq!(&first, &world().run(&tx));
        if mode == 0 {
            // Success, unless the storage write outgrew a small gas limit.
            if first.return_code == ReturnCode::Ok {
                prop_assert_eq!(first.return_data.clone(), vec![value.clone()]);
            } else {
                prop_assert_eq!(first.return_code, ReturnCode::OutOfGas);
            }
        }
    }

    #[test]
    fn module_cache_hits_and_misses_give_the_same_output(
        key in key(),
        value in proptest::collection::vec(any::<u8>(), 0..100),
        mode in 0u8..=5,
    ) {
        let tx = input(&key, &value, mode, 5_000_000);
        let cold: VmOutput = world().run(&tx);
        let warm = world();
        let _ = warm.run(&input(b"warm", b"up", 0, 5_000_000));
        prop_assert_eq!(cold, warm.run(&tx));
    }
}

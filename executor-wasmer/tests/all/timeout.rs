//! The wall-clock limit: a running contract is stopped from outside at its deadline.

use std::time::{Duration, Instant};

use executor_api::{Instance, InstanceOptions, ReturnCode, messages};
use strata_executor_wasmer::testing::RecordingHooks;

use crate::support::{assert_exit, compile, executor_with, v4};

const SPIN: &str = r#"
    (module
      (import "env" "getNumArguments" (func $num_args (result i32)))
      (memory (export "memory") 1)
      (func $f (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
      (func (export "spin") (loop (br 0)))
      (func (export "spin_calls") (local $i i32)
        (loop (local.set $i (call $f (local.get $i))) (br 0)))
      (func (export "spin_hooks") (loop (drop (call $num_args)) (br 0)))
      (func (export "spin_branches") (local $i i32)
        (loop $l
          (block $b (br_if $b (i32.and (local.get $i) (i32.const 1))) (local.set $i (i32.const 3)))
          (if (local.get $i) (then (local.set $i (i32.const 0))) (else (local.set $i (i32.const 1))))
          (br $l)))
      (func (export "quick") (local $i i32)
        (loop (br_if 0 (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
          (i32.const 1000))))))
"#;

fn spinning_instance(time_limit: Duration) -> Box<dyn Instance> {
    let module = compile(&executor_with(v4()), SPIN).unwrap();
    let options = InstanceOptions {
        gas_limit: u64::MAX / 2,
        time_limit: Some(time_limit),
    };
    Box::new(module.instantiate_wasmer(&options).unwrap())
}

#[test]
fn an_infinite_loop_stops_at_the_deadline() {
    let mut instance = spinning_instance(Duration::from_millis(100));
    let mut hooks = RecordingHooks::new();
    for function in ["spin", "spin_calls", "spin_hooks", "spin_branches"] {
        let start = Instant::now();
        let result = instance.call(function, &mut hooks);
        let elapsed = start.elapsed();
        assert_exit(
            result,
            ReturnCode::ExecutionFailed,
            messages::EXECUTION_TIMEOUT,
        );
        assert!(
            elapsed >= Duration::from_millis(100) && elapsed < Duration::from_millis(150),
            "{function} stopped after {elapsed:?}"
        );
        // The instance runs again after a timeout.
        instance.call("quick", &mut hooks).unwrap();
    }
}

#[test]
fn calls_that_finish_in_time_are_not_stopped_later() {
    let mut instance = spinning_instance(Duration::from_millis(30));
    let mut hooks = RecordingHooks::new();
    for _ in 0..200 {
        instance.call("quick", &mut hooks).unwrap();
    }
    std::thread::sleep(Duration::from_millis(40));
    instance.call("quick", &mut hooks).unwrap();
}

#[test]
fn concurrent_instances_each_stop_at_their_own_deadline() {
    let handles: Vec<_> = [60, 120]
        .into_iter()
        .map(|ms| {
            std::thread::spawn(move || {
                let mut instance = spinning_instance(Duration::from_millis(ms));
                let start = Instant::now();
                let result = instance.call("spin", &mut RecordingHooks::new());
                (ms, result, start.elapsed())
            })
        })
        .collect();
    for handle in handles {
        let (ms, result, elapsed) = handle.join().unwrap();
        assert_exit(
            result,
            ReturnCode::ExecutionFailed,
            messages::EXECUTION_TIMEOUT,
        );
        let limit = Duration::from_millis(ms);
        assert!(
            elapsed >= limit && elapsed < limit + Duration::from_millis(50),
            "{elapsed:?}"
        );
    }
}

#[test]
fn consecutive_deadlines_each_fire() {
    // A finite (if large) gas limit, so that a watchdog that missed a deadline fails the
    // test with out of gas instead of hanging it.
    let module = compile(&executor_with(v4()), SPIN).unwrap();
    let options = InstanceOptions {
        gas_limit: 10_000_000_000,
        time_limit: Some(Duration::from_millis(50)),
    };
    let mut instance = module.instantiate_wasmer(&options).unwrap();
    let mut hooks = RecordingHooks::new();
    for function in [
        "spin",
        "spin",
        "quick",
        "spin",
        "quick",
        "quick",
        "spin_calls",
    ] {
        let result = instance.call(function, &mut hooks);
        if function == "quick" {
            assert_eq!(result, Ok(()));
        } else {
            assert_exit(
                result,
                ReturnCode::ExecutionFailed,
                messages::EXECUTION_TIMEOUT,
            );
        }
    }
}

thread_local! {
    static INNER: std::cell::RefCell<Option<strata_executor_wasmer::WasmerInstance>> =
        const { std::cell::RefCell::new(None) };
}

#[test]
fn a_nested_call_on_the_same_thread_has_its_own_deadline() {
    // The outer call (10 s) runs hooks that each run an inner instance (40 ms) on the same
    // thread: the inner call stops at its deadline, the outer one goes on and finishes.
    let module = compile(&executor_with(v4()), SPIN).unwrap();
    let inner_options = InstanceOptions {
        gas_limit: u64::MAX / 2,
        time_limit: Some(Duration::from_millis(40)),
    };
    let inner = module.instantiate_wasmer(&inner_options).unwrap();
    INNER.with(|cell| *cell.borrow_mut() = Some(inner));
    let (sender, receiver) = std::sync::mpsc::channel();
    let mut hooks = RecordingHooks::new().on("getNumArguments", move |_, _| {
        INNER.with(|cell| {
            let mut cell = cell.borrow_mut();
            let inner = cell.as_mut().expect("inner instance");
            let start = Instant::now();
            let result = inner.call("spin", &mut RecordingHooks::new());
            sender.send((result, start.elapsed())).unwrap();
            inner.call("quick", &mut RecordingHooks::new())?;
            Ok(0)
        })
    });
    let nested = r#"(module
        (import "env" "getNumArguments" (func $num_args (result i32)))
        (memory (export "memory") 1)
        (func (export "nested") (drop (call $num_args)) (drop (call $num_args))))"#;
    let mut outer = compile(&executor_with(v4()), nested)
        .unwrap()
        .instantiate_wasmer(&InstanceOptions {
            gas_limit: u64::MAX / 2,
            time_limit: Some(Duration::from_secs(10)),
        })
        .unwrap();
    outer.call("nested", &mut hooks).unwrap();
    for _ in 0..2 {
        let (result, elapsed) = receiver.recv().unwrap();
        assert_exit(
            result,
            ReturnCode::ExecutionFailed,
            messages::EXECUTION_TIMEOUT,
        );
        assert!(
            elapsed >= Duration::from_millis(40) && elapsed < Duration::from_millis(90),
            "{elapsed:?}"
        );
    }
}

#[test]
fn many_threads_arming_and_disarming_at_once() {
    // Quick calls on four threads, with a spinning call now and then: every quick call
    // finishes, every spinning one stops at its own deadline, whatever the others do.
    let handles: Vec<_> = (0..4)
        .map(|_| {
            std::thread::spawn(|| {
                let mut instance = spinning_instance(Duration::from_millis(20));
                let mut hooks = RecordingHooks::new();
                for round in 0..3 {
                    for _ in 0..500 {
                        instance.call("quick", &mut hooks).unwrap();
                    }
                    let start = Instant::now();
                    let result = instance.call("spin", &mut hooks);
                    assert_exit(
                        result,
                        ReturnCode::ExecutionFailed,
                        messages::EXECUTION_TIMEOUT,
                    );
                    let elapsed = start.elapsed();
                    assert!(
                        elapsed >= Duration::from_millis(20)
                            && elapsed < Duration::from_millis(120),
                        "round {round}: {elapsed:?}"
                    );
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap();
    }
}

//! Asynchronous calls: promises (`createAsyncCall`) and legacy `asyncCall`, to a contract of
//! the same shard (run at once with the callback) and of another shard (an outgoing
//! `AsynchronousCall` transfer, the destination and the callback run as their own
//! transactions), with the same final state.

use blockchain_hooks::{Address, CallType, ContractCallInput, VmInput, VmOutput};

use crate::harness::*;

/// Memory: 0 the child's address, 32 a zero value, 64 "echo@6869", 80 "fail", 90 "onOk",
/// 100 "onErr", 110 the keys "r", "c", 200.. scratch.
const PARENT: &str = r#"(module
  (import "env" "createAsyncCall" (func $promise (param i32 i32 i32 i32 i32 i32 i32 i32 i64 i64) (result i32)))
  (import "env" "asyncCall" (func $legacy (param i32 i32 i32 i32)))
  (import "env" "getArgument" (func $arg (param i32 i32) (result i32)))
  (import "env" "storageStore" (func $store (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 8) "\05\00")
  (data (i32.const 31) "\02")
  (data (i32.const 64) "echo@6869")
  (data (i32.const 80) "fail")
  (data (i32.const 90) "onOk")
  (data (i32.const 100) "onErr")
  (data (i32.const 110) "rc")
  (func $keep
    (drop (call $store (i32.const 111) (i32.const 1) (i32.const 200) (call $arg (i32.const 0) (i32.const 200))))
    (drop (call $store (i32.const 110) (i32.const 1) (i32.const 300) (call $arg (i32.const 1) (i32.const 300)))))
  (func (export "promise")
    (drop (call $promise (i32.const 0) (i32.const 32) (i32.const 64) (i32.const 9)
      (i32.const 90) (i32.const 4) (i32.const 100) (i32.const 5) (i64.const 5000000) (i64.const 1000000))))
  (func (export "promiseFail")
    (drop (call $promise (i32.const 0) (i32.const 32) (i32.const 80) (i32.const 4)
      (i32.const 90) (i32.const 4) (i32.const 100) (i32.const 5) (i64.const 5000000) (i64.const 1000000))))
  (func (export "promiseNoFunction")
    (drop (call $promise (i32.const 0) (i32.const 32) (i32.const 64) (i32.const 0)
      (i32.const 90) (i32.const 4) (i32.const 100) (i32.const 5) (i64.const 5000000) (i64.const 1000000))))
  (func (export "legacy")
    (call $legacy (i32.const 0) (i32.const 32) (i32.const 64) (i32.const 9))
    (unreachable))
  (func (export "onOk") (call $keep))
  (func (export "onErr") (call $keep))
  (func (export "callBack") (call $keep)))"#;

/// `echo` finishes its argument and stores it; `fail` stores, then signals an error.
const CHILD: &str = r#"(module
  (import "env" "getArgument" (func $arg (param i32 i32) (result i32)))
  (import "env" "storageStore" (func $store (param i32 i32 i32 i32) (result i32)))
  (import "env" "finish" (func $finish (param i32 i32)))
  (import "env" "signalError" (func $signal (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "echild failed")
  (func (export "echo") (local $len i32)
    (local.set $len (call $arg (i32.const 0) (i32.const 100)))
    (drop (call $store (i32.const 0) (i32.const 1) (i32.const 100) (local.get $len)))
    (call $finish (i32.const 100) (local.get $len)))
  (func (export "fail")
    (drop (call $store (i32.const 0) (i32.const 1) (i32.const 1) (i32.const 5)))
    (call $signal (i32.const 1) (i32.const 12))))"#;

/// The bytes of a hex string.
fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

fn world(cross_shard: bool) -> World {
    let mut world = World::free().contract(1, PARENT).contract(2, CHILD);
    if cross_shard {
        world.chain.shards.insert(sc(2), 1);
    }
    world
}

/// The storage of `address` as a list.
fn storage(world: &World, address: Address) -> Vec<(Vec<u8>, Vec<u8>)> {
    world.chain.accounts[&address]
        .storage
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// Runs `function` of the parent; in the cross-shard world, then runs each outgoing
/// asynchronous call as its own transaction in the destination's shard and its callback back
/// on the caller, as a multi-shard chain does. Answers the first output.
fn run(world: &mut World, function: &str) -> VmOutput {
    let out = world.call(1, function, &[]);
    assert_ok(&out);
    world.commit(&out);
    let transfers: Vec<_> = out
        .output_accounts
        .values()
        .flat_map(|a| {
            a.output_transfers
                .iter()
                .map(move |t| (a.address, t.clone()))
        })
        .filter(|(_, t)| t.call_type == CallType::AsynchronousCall)
        .collect();
    for (dest, transfer) in transfers {
        let data = String::from_utf8(transfer.data.clone()).expect("call data");
        let mut parts = data.split('@');
        let function = parts.next().unwrap_or_default().to_owned();
        let arguments = parts.map(unhex).collect();
        let input = |caller, recipient, function, arguments, call_type, gas| ContractCallInput {
            vm_input: VmInput {
                caller,
                arguments,
                call_type,
                gas_provided: gas,
                gas_locked: if call_type == CallType::AsynchronousCallBack {
                    transfer.gas_locked
                } else {
                    0
                },
                async_data: transfer.async_data.clone(),
                current_tx_hash: vec![7; 32],
                original_tx_hash: vec![7; 32],
                ..VmInput::default()
            },
            recipient,
            function,
            allow_init: false,
        };
        let call = input(
            transfer.sender,
            dest,
            function,
            arguments,
            CallType::AsynchronousCall,
            transfer.gas_limit,
        );
        let dest_out = world.run(&call);
        world.commit(&dest_out);
        let args = if dest_out.return_code.is_ok() {
            let mut args = vec![vec![0]];
            args.extend(dest_out.return_data.iter().cloned());
            args
        } else {
            vec![
                vec![dest_out.return_code as u8],
                dest_out.return_message.clone().into_bytes(),
            ]
        };
        let callback = input(
            dest,
            transfer.sender,
            "callBack".to_owned(),
            args,
            CallType::AsynchronousCallBack,
            dest_out.gas_remaining,
        );
        let cb_out = world.run(&callback);
        assert_ok(&cb_out);
        world.commit(&cb_out);
    }
    out
}

#[test]
fn same_shard_promise_runs_the_callee_then_the_success_callback() {
    let mut world = world(false);
    let out = run(&mut world, "promise");
    assert_eq!(out.return_data, vec![b"hi".to_vec()]);
    assert_eq!(
        storage(&world, sc(1)),
        vec![(b"c".to_vec(), vec![0]), (b"r".to_vec(), b"hi".to_vec())]
    );
    assert_eq!(
        storage(&world, sc(2)),
        vec![(b"e".to_vec(), b"hi".to_vec())]
    );
    let labels: Vec<_> = out.logs.iter().map(|l| l.data[0].clone()).collect();
    assert_eq!(
        labels,
        vec![b"AsyncCall".to_vec(), b"AsyncCallback".to_vec()]
    );
}

#[test]
fn same_shard_failing_callee_is_undone_and_the_error_callback_sees_its_error() {
    let mut world = world(false);
    run(&mut world, "promiseFail");
    assert_eq!(
        storage(&world, sc(1)),
        vec![
            (b"c".to_vec(), vec![4]),
            (b"r".to_vec(), b"child failed".to_vec())
        ]
    );
    assert!(storage(&world, sc(2)).is_empty());
}

#[test]
fn legacy_async_call_ends_the_caller_and_runs_call_back() {
    let mut world = world(false);
    let out = run(&mut world, "legacy");
    assert_eq!(out.return_data, vec![b"hi".to_vec()]);
    assert_eq!(
        storage(&world, sc(1)),
        vec![(b"c".to_vec(), vec![0]), (b"r".to_vec(), b"hi".to_vec())]
    );
}

#[test]
fn cross_shard_call_leaves_as_an_asynchronous_transfer() {
    let world = world(true);
    let out = world.call(1, "promise", &[]);
    assert_ok(&out);
    let transfer = &out.output_accounts[&sc(2)].output_transfers[0];
    assert_eq!(transfer.call_type, CallType::AsynchronousCall);
    assert_eq!(transfer.data, b"echo@6869");
    assert_eq!(transfer.gas_limit, 5_000_000);
    let schedule = &world.schedule;
    let code_len = world.code(sc(1)).len() as u64;
    let extra = schedule.base_operation_cost.aot_prepare_per_byte * code_len
        + schedule.base_ops_api_cost.async_call_step
        + schedule.base_ops_api_cost.async_callback_gas_lock;
    assert_eq!(transfer.gas_locked, 1_000_000 + extra);
    assert!(out.return_data.is_empty());
}

#[test]
fn cross_shard_and_same_shard_reach_the_same_state() {
    for function in ["promise", "promiseFail", "legacy"] {
        let mut local = world(false);
        run(&mut local, function);
        let mut remote = world(true);
        run(&mut remote, function);
        for contract in [sc(1), sc(2)] {
            assert_eq!(
                storage(&local, contract),
                storage(&remote, contract),
                "{function}"
            );
        }
    }
}

#[test]
fn a_call_without_function_cannot_leave_for_another_shard() {
    // Empty call data does not parse (`ParseData`): across shards the caller fails.
    let out = world(true).call(1, "promiseNoFunction", &[]);
    assert_failed(
        &out,
        blockchain_hooks::ReturnCode::ExecutionFailed,
        "tokenize failed",
    );
}

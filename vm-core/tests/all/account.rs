//! Account, contract and transaction information.

use blockchain_hooks::ReturnCode;

use crate::harness::*;

const ACCOUNT: &str = r#"
(module
  (import "env" "getArgument" (func $arg (param i32 i32) (result i32)))
  (import "env" "finish" (func $finish (param i32 i32)))
  (import "env" "int64finish" (func $i64_finish (param i64)))
  (import "env" "getSCAddress" (func $sc (param i32)))
  (import "env" "getCaller" (func $caller (param i32)))
  (import "env" "getOwnerAddress" (func $owner (param i32)))
  (import "env" "getExternalBalance" (func $balance (param i32 i32)))
  (import "env" "getGasLeft" (func $gas (result i64)))
  (import "env" "isSmartContract" (func $is_sc (param i32) (result i32)))
  (import "env" "getShardOfAddress" (func $shard (param i32) (result i32)))
  (import "env" "getOriginalTxHash" (func $original (param i32)))
  (import "env" "getCurrentTxHash" (func $current (param i32)))
  (import "env" "getPrevTxHash" (func $prev (param i32)))
  (import "env" "isReservedFunctionName" (func $reserved (param i32) (result i32)))
  (import "env" "managedSCAddress" (func $m_sc (param i32)))
  (import "env" "managedCaller" (func $m_caller (param i32)))
  (import "env" "managedOwnerAddress" (func $m_owner (param i32)))
  (import "env" "managedGetOriginalCallerAddr" (func $m_original (param i32)))
  (import "env" "managedGetRelayerAddr" (func $m_relayer (param i32)))
  (import "env" "managedGetOriginalTxHash" (func $m_tx (param i32)))
  (import "env" "managedGetCodeMetadata" (func $m_metadata (param i32 i32)))
  (import "env" "managedGetCodeHash" (func $m_hash (param i32 i32)))
  (import "env" "managedIsBuiltinFunction" (func $m_builtin (param i32) (result i32)))
  (import "env" "bigIntGetExternalBalance" (func $big_balance (param i32 i32)))
  (import "env" "bigIntFinishUnsigned" (func $big_finish (param i32)))
  (import "env" "mBufferGetArgument" (func $mb_arg (param i32 i32) (result i32)))
  (import "env" "mBufferFinish" (func $mb_finish (param i32) (result i32)))
  (memory (export "memory") 1)
  (func $finish32 (param $at i32) (call $finish (local.get $at) (i32.const 32)))
  (func (export "addresses")
    (call $sc (i32.const 0)) (call $finish32 (i32.const 0))
    (call $caller (i32.const 0)) (call $finish32 (i32.const 0))
    (call $owner (i32.const 0)) (call $finish32 (i32.const 0)))
  (func (export "gasLeft")
    (call $i64_finish (call $gas)))
  (func (export "balanceOf")
    (drop (call $arg (i32.const 0) (i32.const 0)))
    (call $balance (i32.const 0) (i32.const 100))
    (call $finish (i32.const 100) (i32.const 2))
    (call $big_balance (i32.const 0) (i32.const 1))
    (call $big_finish (i32.const 1)))
  (func (export "kind")
    (drop (call $arg (i32.const 0) (i32.const 0)))
    (call $i64_finish (i64.extend_i32_s (call $is_sc (i32.const 0))))
    (call $i64_finish (i64.extend_i32_s (call $shard (i32.const 0)))))
  (func (export "hashes")
    (call $original (i32.const 0)) (call $finish32 (i32.const 0))
    (call $current (i32.const 0)) (call $finish32 (i32.const 0))
    (call $prev (i32.const 0)) (call $finish32 (i32.const 0)))
  (func (export "managed")
    (call $m_sc (i32.const 1)) (drop (call $mb_finish (i32.const 1)))
    (call $m_caller (i32.const 1)) (drop (call $mb_finish (i32.const 1)))
    (call $m_owner (i32.const 1)) (drop (call $mb_finish (i32.const 1)))
    (call $m_original (i32.const 1)) (drop (call $mb_finish (i32.const 1)))
    (call $m_relayer (i32.const 1)) (drop (call $mb_finish (i32.const 1)))
    (call $m_tx (i32.const 1)) (drop (call $mb_finish (i32.const 1))))
  (func (export "codeInfo")
    (drop (call $mb_arg (i32.const 0) (i32.const 1)))
    (call $m_metadata (i32.const 1) (i32.const 2)) (drop (call $mb_finish (i32.const 2)))
    (call $m_hash (i32.const 1) (i32.const 3)) (drop (call $mb_finish (i32.const 3))))
  (func (export "names")
    (drop (call $mb_arg (i32.const 0) (i32.const 1)))
    (call $i64_finish (i64.extend_i32_s (call $reserved (i32.const 1))))
    (call $i64_finish (i64.extend_i32_s (call $m_builtin (i32.const 1)))))
  (func (export "badAddress")
    (call $balance (i32.const 65520) (i32.const 0))))
"#;

fn world() -> World {
    World::free().contract(1, ACCOUNT)
}

#[test]
fn addresses_of_the_contract_caller_and_owner() {
    let w = world();
    let out = w.call(1, "addresses", &[]);
    assert_ok(&out);
    assert_eq!(
        out.return_data,
        vec![sc(1).0.to_vec(), user(2).0.to_vec(), owner().0.to_vec()]
    );
    let c = &w.schedule.base_ops_api_cost;
    let finishes = 3 * (c.finish + 32 * w.schedule.base_operation_cost.persist_per_byte);
    assert_eq!(
        used(&out),
        w.call_cost(sc(1)) + c.get_sc_address + c.get_caller + c.get_owner_address + finishes
    );
}

#[test]
fn gas_left_is_what_remains_after_its_own_cost() {
    let w = world();
    let out = w.call(1, "gasLeft", &[]);
    assert_ok(&out);
    let c = &w.schedule.base_ops_api_cost;
    let left = GAS - w.call_cost(sc(1)) - c.get_gas_left;
    assert_eq!(out.return_data, vec![be(left)]);
    assert_eq!(out.gas_remaining, left - c.int64_finish);
}

#[test]
fn balances_include_this_transactions_value() {
    let w = world();
    let input = with_value(call_input(sc(1), "balanceOf", &[sc(1).as_bytes()]), 300);
    let out = w.run(&input);
    assert_ok(&out);
    assert_eq!(out.return_data, vec![be(300), be(300)]);
    let out = w.call(1, "balanceOf", &[user(2).as_bytes()]);
    // 1 000 000 = 0x0f4240: the first two bytes at the result offset, then the big int.
    assert_eq!(out.return_data, vec![vec![0x0f, 0x42], be(1_000_000)]);
    // Looking at a balance makes the account part of the output, as in the production VM.
    assert!(out.output_accounts.contains_key(&user(2)));
}

#[test]
fn contracts_and_shards() {
    let w = world();
    assert_eq!(
        w.call(1, "kind", &[sc(1).as_bytes()]).return_data,
        vec![vec![1], Vec::new()]
    );
    assert_eq!(
        w.call(1, "kind", &[user(2).as_bytes()]).return_data,
        vec![Vec::new(), Vec::new()]
    );
}

#[test]
fn transaction_hashes() {
    let w = world();
    assert_eq!(
        w.call(1, "hashes", &[]).return_data,
        vec![vec![0x01; 32], vec![0xc1; 32], vec![0x9e; 32]]
    );
}

#[test]
fn managed_account_information() {
    let w = world();
    let mut input = call_input(sc(1), "managed", &[]);
    input.vm_input.original_caller = user(7);
    let out = w.run(&input);
    assert_ok(&out);
    assert_eq!(
        out.return_data,
        vec![
            sc(1).0.to_vec(),
            user(2).0.to_vec(),
            owner().0.to_vec(),
            user(7).0.to_vec(),
            Vec::new(),
            vec![0x01; 32],
        ]
    );
    input.vm_input.relayer = Some(user(8));
    assert_eq!(w.run(&input).return_data[4], user(8).0.to_vec());
}

#[test]
fn code_metadata_and_hash() {
    let w = world();
    let out = w.call(1, "codeInfo", &[sc(1).as_bytes()]);
    assert_ok(&out);
    let hash: [u8; 32] = <sha2::Sha256 as sha2::Digest>::digest(w.code(sc(1))).into();
    assert_eq!(out.return_data, vec![vec![0x05, 0x06], hash.to_vec()]);
    let out = w.call(1, "codeInfo", &[user(2).as_bytes()]);
    assert_eq!(out.return_data, vec![Vec::new(), Vec::new()]);
    // An account the chain does not hold fails as the production test world answers.
    let out = w.call(1, "codeInfo", &[sc(9).as_bytes()]);
    let hex: String = sc(9).0.iter().map(|b| format!("{b:02x}")).collect();
    assert_failed(
        &out,
        ReturnCode::ExecutionFailed,
        &format!("account not found: {hex}"),
    );
}

#[test]
fn reserved_names_are_hooks_builtins_and_upgrade() {
    let mut w = world();
    w.chain.builtin_functions.insert("ESDTTransfer".into());
    let names = |name: &[u8]| w.call(1, "names", &[name]).return_data;
    assert_eq!(names(b"getCaller"), vec![vec![1], Vec::new()]);
    assert_eq!(names(b"ESDTTransfer"), vec![vec![1], vec![1]]);
    assert_eq!(names(b"upgradeContract"), vec![vec![1], Vec::new()]);
    assert_eq!(names(b"myEndpoint"), vec![Vec::new(), Vec::new()]);
}

#[test]
fn an_address_outside_memory_fails_execution() {
    let w = world();
    assert_failed(
        &w.call(1, "badAddress", &[]),
        ReturnCode::ExecutionFailed,
        "mem load: bad bounds",
    );
}

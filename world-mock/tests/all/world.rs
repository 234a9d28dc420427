//! World state: accounts, atomic application of outputs, addresses, shards, VM dispatch.

use std::collections::BTreeMap;
use std::sync::Arc;

use blockchain_hooks::{
    Address, BlockchainHooks, ContractCallInput, EsdtKey, EsdtTokenData, OutputAccount, ReturnCode,
    VmInput, VmOutput, WASM_VM_TYPE,
};
use num_bigint::{BigInt, BigUint};
use strata_world_mock::testing::FakeVm;
use strata_world_mock::{Account, World, WorldError, interpret_value};

pub fn addr(expr: &str) -> Address {
    Address::from_slice(&interpret_value(expr).unwrap()).unwrap()
}

#[test]
fn missing_accounts_read_as_empty() {
    let world = World::new();
    let a = addr("address:nobody");
    assert!(!world.account_exists(&a));
    assert_eq!(world.nonce(&a), 0);
    assert_eq!(world.balance(&a), BigUint::default());
    assert_eq!(world.code(&a), None);
    assert!(world.storage(&a, b"k").value.is_empty());
    assert_eq!(world.esdt_token_data(&a, &EsdtKey::default()), None);
}

#[test]
fn apply_output_is_all_or_nothing() {
    let mut world = World::new();
    let alice = addr("address:alice");
    let bob = addr("address:bob");
    world.set_account(alice, Account::with_balance(10u32));
    let mut output = VmOutput::default();
    output.account_mut(bob).balance_delta = BigInt::from(5);
    output
        .account_mut(bob)
        .storage_updates
        .insert(b"k".to_vec(), b"v".to_vec());
    output.account_mut(alice).balance_delta = BigInt::from(-11);
    let before = world.clone();
    let err = world.apply_output(&output).unwrap_err();
    assert!(matches!(err, WorldError::State(_)), "{err}");
    assert_eq!(world.accounts(), before.accounts(), "nothing applied");

    output.account_mut(alice).balance_delta = BigInt::from(-5);
    world.apply_output(&output).unwrap();
    assert_eq!(world.balance(&alice), BigUint::from(5u32));
    assert_eq!(world.balance(&bob), BigUint::from(5u32));
    assert_eq!(world.storage(&bob, b"k").value, b"v");
}

#[test]
fn failed_output_changes_nothing() {
    let mut world = World::new();
    let mut output = VmOutput::failure(ReturnCode::UserError, "no");
    output.output_accounts.insert(
        addr("address:x"),
        OutputAccount {
            balance_delta: BigInt::from(3),
            ..OutputAccount::default()
        },
    );
    world.apply_output(&output).unwrap();
    assert!(world.accounts().is_empty());
}

#[test]
fn storage_writes_and_deletes() {
    let mut world = World::new();
    let a = addr("sc:c");
    let mut output = VmOutput::default();
    let updates: BTreeMap<Vec<u8>, Vec<u8>> = [
        (b"a".to_vec(), b"1".to_vec()),
        (b"b".to_vec(), b"2".to_vec()),
    ]
    .into();
    output.account_mut(a).storage_updates = updates;
    world.apply_output(&output).unwrap();
    let mut output = VmOutput::default();
    output
        .account_mut(a)
        .storage_updates
        .insert(b"a".to_vec(), Vec::new());
    world.apply_output(&output).unwrap();
    let account = world.account(&a).unwrap();
    assert_eq!(account.storage.len(), 1);
    assert_eq!(account.storage[b"b".as_slice()], b"2");
}

#[test]
fn new_addresses_come_from_the_schedule_else_derivation() {
    let mut world = World::new();
    let owner = addr("address:owner");
    world.set_new_address(owner, 0, addr("sc:adder"));
    assert_eq!(
        world.new_address(&owner, 0, WASM_VM_TYPE).unwrap(),
        addr("sc:adder")
    );
    let derived = world.new_address(&owner, 1, WASM_VM_TYPE).unwrap();
    assert!(derived.is_smart_contract());
    assert_eq!(derived.vm_type(), WASM_VM_TYPE);
    assert_eq!(derived.0[30..], owner.0[30..]);
    assert_ne!(derived, world.new_address(&owner, 2, WASM_VM_TYPE).unwrap());
    assert_eq!(derived, World::mock_address(&owner, 1, WASM_VM_TYPE));
    // As the production test world makes it up.
    assert_eq!(
        hex::encode(World::mock_address(&addr("address:an_account"), 0, WASM_VM_TYPE).0),
        "0000000000000000050011111111616e5f6163636f756e745f5f5f5f5f005f5f"
    );
}

#[test]
fn shards_from_the_address() {
    let mut world = World::new();
    let a = addr("address:a#02");
    assert_eq!(world.shard_of(&a), 0, "one shard by default");
    world.set_shards(3, 1);
    assert_eq!(world.shard_of(&a), 2);
    assert_eq!(world.shard_of(&addr("address:a#03")), 1);
    assert_eq!(world.self_shard(), 1);
    world.set_shard(a, 0);
    assert_eq!(world.shard_of(&a), 0);
}

#[test]
fn transactions_run_on_the_default_vm_whatever_the_address_vm_type() {
    let mut world = World::new();
    let mut contract = addr("sc:other");
    contract.0[8..10].copy_from_slice(&[7, 7]);
    world.set_account(
        contract,
        Account {
            code: Some(vec![1]),
            ..Account::default()
        },
    );
    let input = ContractCallInput {
        vm_input: VmInput {
            gas_provided: 10_000,
            ..VmInput::default()
        },
        recipient: contract,
        function: "getSum".to_owned(),
        allow_init: false,
    };
    // Nothing could run it: a clear error.
    let err = world.execute_call(&input).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("no VM registered for VM type 0500"), "{text}");

    // The production test world runs every transaction on its VM.
    world.register_vm(WASM_VM_TYPE, Arc::new(FakeVm));
    let out = world.execute_call(&input).unwrap();
    assert_eq!(out.return_code, ReturnCode::Ok);
    assert_eq!(out.gas_remaining, 10_000 - FakeVm::COST);
}

#[test]
fn code_hashes_are_blake2b_256() {
    let mut world = World::new();
    let contract = addr("sc:hashed");
    world.set_account(
        contract,
        Account {
            code: Some(b"invalid code, but constant - check its code hash".to_vec()),
            ..Account::default()
        },
    );
    assert_eq!(
        world.code_hash(&contract).map(hex::encode).as_deref(),
        Some("3b29df9a92eba48fb1335b7300c055e812f30a263fe7e300525012fb657617a6")
    );
    assert_eq!(world.code_hash(&addr("address:nobody")), None);
    // The VM keys code it deploys by the chain's hash, so the calls after find its module.
    assert_eq!(
        world.hash_code(b"invalid code, but constant - check its code hash"),
        world.code_hash(&contract)
    );
}

#[test]
fn esdt_updates_set_the_new_state() {
    let mut world = World::new();
    let a = addr("address:a");
    let mut output = VmOutput::default();
    let key = EsdtKey {
        token: b"TOK-123456".to_vec(),
        nonce: 0,
    };
    output.account_mut(a).esdt_updates.insert(
        key.clone(),
        EsdtTokenData {
            value: BigUint::from(7u8),
            ..EsdtTokenData::default()
        },
    );
    world.apply_output(&output).unwrap();
    assert_eq!(world.esdt_balance(&a, &key), BigUint::from(7u8));
    output
        .account_mut(a)
        .esdt_updates
        .insert(key.clone(), EsdtTokenData::default());
    world.apply_output(&output).unwrap();
    assert_eq!(world.esdt_token_data(&a, &key), None);
    assert!(world.account(&a).unwrap().esdt.is_empty());
}

//! The builtin functions: state changes, production log events, gas and refusals.

use blockchain_hooks::{
    Address, BlockchainHooks, ContractCallInput, EsdtKey, GasSchedule, ReturnCode, VmInput,
    VmOutput,
};
use num_bigint::BigUint;
use strata_world_mock::{Account, TokenHolding, World, builtin_messages as msg};

use super::world::addr;

const GAS: u64 = 10_000_000;

fn call(world: &World, from: Address, to: Address, function: &str, args: &[&[u8]]) -> VmOutput {
    let input = ContractCallInput {
        vm_input: VmInput {
            caller: from,
            arguments: args.iter().map(|a| a.to_vec()).collect(),
            gas_provided: GAS,
            ..VmInput::default()
        },
        recipient: to,
        function: function.to_owned(),
        allow_init: false,
    };
    world.process_builtin_function(&input, world).unwrap()
}

fn key(token: &str, nonce: u64) -> EsdtKey {
    EsdtKey {
        token: token.as_bytes().to_vec(),
        nonce,
    }
}

fn fungible(world: &mut World, owner: Address, token: &str, amount: u32, roles: &[&str]) {
    let account = world.account_mut(owner);
    let mut holding = TokenHolding {
        roles: roles.iter().map(|r| r.as_bytes().to_vec()).collect(),
        ..TokenHolding::default()
    };
    if amount > 0 {
        holding.instances.insert(
            0,
            blockchain_hooks::EsdtTokenData {
                value: amount.into(),
                ..Default::default()
            },
        );
    }
    account.esdt.insert(token.as_bytes().to_vec(), holding);
}

fn balance(world: &World, a: Address, token: &str, nonce: u64) -> BigUint {
    world.esdt_balance(&a, &key(token, nonce))
}

#[test]
fn esdt_transfer_moves_tokens_logs_and_charges_gas() {
    let mut world = World::new();
    let (alice, bob) = (addr("address:alice"), addr("address:bob"));
    fungible(&mut world, alice, "TOK-000001", 100, &[]);
    let out = call(&world, alice, bob, "ESDTTransfer", &[b"TOK-000001", &[30]]);
    assert_eq!(out.return_code, ReturnCode::Ok, "{}", out.return_message);
    let cost = GasSchedule::v4().built_in_cost.esdt_transfer;
    assert_eq!(out.gas_remaining, GAS - cost);
    let log = &out.logs[0];
    assert_eq!(log.identifier, b"ESDTTransfer");
    assert_eq!(log.address, alice);
    assert_eq!(
        log.topics,
        vec![b"TOK-000001".to_vec(), vec![], vec![30], bob.0.to_vec()]
    );
    assert_eq!(log.data[1], b"ESDTTransfer");
    world.apply_output(&out).unwrap();
    assert_eq!(balance(&world, alice, "TOK-000001", 0), BigUint::from(70u8));
    assert_eq!(balance(&world, bob, "TOK-000001", 0), BigUint::from(30u8));
}

#[test]
fn esdt_transfer_refusals() {
    let mut world = World::new();
    let (alice, bob) = (addr("address:alice"), addr("address:bob"));
    fungible(&mut world, alice, "TOK-000001", 10, &[]);
    let out = call(&world, alice, bob, "ESDTTransfer", &[b"TOK-000001", &[11]]);
    assert_eq!(out.return_code, ReturnCode::ExecutionFailed);
    assert_eq!(out.return_message, msg::INSUFFICIENT_FUNDS);
    assert!(out.output_accounts.is_empty());
    let out = call(&world, alice, bob, "ESDTTransfer", &[b"TOK-000001", &[]]);
    assert_eq!(out.return_message, msg::NEGATIVE_VALUE);
    let out = call(&world, alice, bob, "ESDTTransfer", &[b"TOK-000001"]);
    assert_eq!(out.return_message, msg::INVALID_ARGUMENTS);
    world.set_token_paused(b"TOK-000001", true);
    let out = call(&world, alice, bob, "ESDTTransfer", &[b"TOK-000001", &[1]]);
    assert_eq!(out.return_message, msg::TOKEN_PAUSED);
    let input = ContractCallInput {
        vm_input: VmInput {
            caller: alice,
            arguments: vec![b"TOK-000001".to_vec(), vec![1]],
            gas_provided: 10,
            ..VmInput::default()
        },
        recipient: bob,
        function: "ESDTTransfer".to_owned(),
        allow_init: false,
    };
    let out = world.process_builtin_function(&input, &world).unwrap();
    assert_eq!(out.return_code, ReturnCode::OutOfGas);
}

#[test]
fn payment_to_a_non_payable_contract_is_refused() {
    let mut world = World::new();
    let alice = addr("address:alice");
    let contract = addr("sc:vault");
    fungible(&mut world, alice, "TOK-000001", 10, &[]);
    world.set_account(
        contract,
        Account {
            code: Some(vec![0]),
            ..Account::default()
        },
    );
    let out = call(
        &world,
        alice,
        contract,
        "ESDTTransfer",
        &[b"TOK-000001", &[1]],
    );
    assert_eq!(out.return_message, msg::NOT_PAYABLE);
    let out = call(
        &world,
        alice,
        contract,
        "ESDTTransfer",
        &[b"TOK-000001", &[1], b"deposit"],
    );
    assert_eq!(out.return_code, ReturnCode::Ok);
    let transfer = &out.output_accounts[&contract].output_transfers[0];
    assert_eq!(transfer.data, b"deposit");
}

#[test]
fn nft_lifecycle_create_add_burn_uri_attributes_transfer() {
    let mut world = World::new();
    let (alice, bob) = (addr("address:alice"), addr("address:bob"));
    let roles = [
        "ESDTRoleNFTCreate",
        "ESDTRoleNFTAddQuantity",
        "ESDTRoleNFTBurn",
        "ESDTRoleNFTAddURI",
        "ESDTRoleNFTUpdateAttributes",
    ];
    fungible(&mut world, alice, "SFT-000001", 0, &roles);
    let create: &[&[u8]] = &[
        b"SFT-000001",
        &[5],
        b"name",
        &[0x01, 0xf4],
        b"hash",
        b"attr",
        b"uri1",
    ];
    for expected_nonce in 1..=2u8 {
        let out = call(&world, alice, alice, "ESDTNFTCreate", create);
        assert_eq!(out.return_code, ReturnCode::Ok, "{}", out.return_message);
        assert_eq!(out.return_data, vec![vec![expected_nonce]]);
        assert_eq!(out.logs[0].identifier, b"ESDTNFTCreate");
        world.apply_output(&out).unwrap();
    }
    assert_eq!(world.esdt_last_nonce(&alice, b"SFT-000001"), 2);
    let data = world
        .esdt_token_data(&alice, &key("SFT-000001", 1))
        .unwrap();
    let meta = data.metadata.unwrap();
    assert_eq!((meta.royalties, meta.creator), (500, alice));
    assert_eq!(meta.uris, vec![b"uri1".to_vec()]);

    for (function, args) in [
        (
            "ESDTNFTAddQuantity",
            vec![b"SFT-000001".to_vec(), vec![1], vec![3]],
        ),
        (
            "ESDTNFTBurn",
            vec![b"SFT-000001".to_vec(), vec![1], vec![2]],
        ),
        (
            "ESDTNFTAddURI",
            vec![b"SFT-000001".to_vec(), vec![1], b"uri2".to_vec()],
        ),
        (
            "ESDTNFTUpdateAttributes",
            vec![b"SFT-000001".to_vec(), vec![1], b"new".to_vec()],
        ),
    ] {
        let refs: Vec<&[u8]> = args.iter().map(Vec::as_slice).collect();
        let out = call(&world, alice, alice, function, &refs);
        assert_eq!(
            out.return_code,
            ReturnCode::Ok,
            "{function}: {}",
            out.return_message
        );
        assert_eq!(out.logs[0].identifier, function.as_bytes());
        world.apply_output(&out).unwrap();
    }
    let data = world
        .esdt_token_data(&alice, &key("SFT-000001", 1))
        .unwrap();
    assert_eq!(data.value, BigUint::from(6u8));
    let meta = data.metadata.unwrap();
    assert_eq!(meta.uris.len(), 2);
    assert_eq!(meta.attributes, b"new");

    let out = call(
        &world,
        alice,
        alice,
        "ESDTNFTTransfer",
        &[b"SFT-000001", &[1], &[4], &bob.0],
    );
    assert_eq!(out.return_code, ReturnCode::Ok, "{}", out.return_message);
    assert_eq!(
        out.logs[0].topics,
        vec![b"SFT-000001".to_vec(), vec![1], vec![4], bob.0.to_vec()]
    );
    world.apply_output(&out).unwrap();
    let received = world.esdt_token_data(&bob, &key("SFT-000001", 1)).unwrap();
    assert_eq!(received.value, BigUint::from(4u8));
    assert_eq!(received.metadata.unwrap().attributes, b"new");
}

#[test]
fn local_mint_and_burn_need_roles() {
    let mut world = World::new();
    let alice = addr("address:alice");
    fungible(&mut world, alice, "TOK-000001", 10, &[]);
    let out = call(
        &world,
        alice,
        alice,
        "ESDTLocalMint",
        &[b"TOK-000001", &[5]],
    );
    assert_eq!(out.return_message, msg::ACTION_NOT_ALLOWED);
    fungible(
        &mut world,
        alice,
        "TOK-000001",
        10,
        &["ESDTRoleLocalMint", "ESDTRoleLocalBurn"],
    );
    let out = call(
        &world,
        alice,
        alice,
        "ESDTLocalMint",
        &[b"TOK-000001", &[5]],
    );
    assert_eq!(
        out.logs[0].topics,
        vec![b"TOK-000001".to_vec(), vec![], vec![5]]
    );
    world.apply_output(&out).unwrap();
    assert_eq!(balance(&world, alice, "TOK-000001", 0), BigUint::from(15u8));
    let out = call(
        &world,
        alice,
        alice,
        "ESDTLocalBurn",
        &[b"TOK-000001", &[16]],
    );
    assert_eq!(out.return_message, msg::INSUFFICIENT_FUNDS);
    let out = call(
        &world,
        alice,
        alice,
        "ESDTLocalBurn",
        &[b"TOK-000001", &[15]],
    );
    world.apply_output(&out).unwrap();
    assert_eq!(balance(&world, alice, "TOK-000001", 0), BigUint::default());
}

#[test]
fn multi_transfer_with_egld() {
    let mut world = World::new();
    let (alice, bob) = (addr("address:alice"), addr("address:bob"));
    fungible(&mut world, alice, "TOK-000001", 10, &[]);
    world.account_mut(alice).balance = 100u32.into();
    let args: &[&[u8]] = &[
        &bob.0,
        &[2],
        b"TOK-000001",
        &[],
        &[4],
        b"EGLD-000000",
        &[],
        &[50],
    ];
    let out = call(&world, alice, alice, "MultiESDTNFTTransfer", args);
    assert_eq!(out.return_code, ReturnCode::Ok, "{}", out.return_message);
    let cost = GasSchedule::v4().built_in_cost.esdt_nft_multi_transfer * 2;
    assert_eq!(out.gas_remaining, GAS - cost);
    assert_eq!(out.logs[0].topics.len(), 7);
    world.apply_output(&out).unwrap();
    assert_eq!(world.balance(&bob), BigUint::from(50u8));
    assert_eq!(world.balance(&alice), BigUint::from(50u8));
    assert_eq!(balance(&world, bob, "TOK-000001", 0), BigUint::from(4u8));
}

#[test]
fn owner_rewards_and_username() {
    let mut world = World::new();
    let (owner, other) = (addr("address:owner"), addr("address:other"));
    let contract = addr("sc:c");
    world.set_account(
        contract,
        Account {
            code: Some(vec![0]),
            owner: Some(owner),
            developer_rewards: 40u32.into(),
            ..Account::default()
        },
    );
    let out = call(&world, other, contract, "ChangeOwnerAddress", &[&other.0]);
    assert_eq!(out.return_code, ReturnCode::ExecutionFailed);
    assert_eq!(out.return_message, msg::NOT_OWNER);
    let out = call(&world, owner, contract, "ClaimDeveloperRewards", &[]);
    assert_eq!(out.return_code, ReturnCode::Ok);
    world.apply_output(&out).unwrap();
    assert_eq!(world.balance(&owner), BigUint::from(40u8));
    assert_eq!(world.developer_rewards(&contract), BigUint::default());
    let out = call(&world, owner, contract, "ChangeOwnerAddress", &[&other.0]);
    world.apply_output(&out).unwrap();
    assert_eq!(world.owner(&contract), Some(other));
    let out = call(&world, owner, other, "SetUserName", &[b"alice.elrond"]);
    world.apply_output(&out).unwrap();
    assert_eq!(world.username(&other), b"alice.elrond");
    assert!(world.account(&other).unwrap().storage.is_empty());

    // Only a DNS contract (sc:dns#00 … sc:dns#fe) deletes a username.
    let out = call(&world, owner, other, "DeleteUserName", &[]);
    assert_eq!(out.return_message, msg::NOT_DNS);
    let dns = addr("sc:dns#07");
    let out = call(&world, dns, other, "DeleteUserName", &[b"extra"]);
    assert_eq!(out.return_message, msg::INVALID_ARGUMENTS);
    let out = call(&world, dns, other, "DeleteUserName", &[]);
    assert_eq!(out.return_code, ReturnCode::Ok);
    world.apply_output(&out).unwrap();
    assert!(world.username(&other).is_empty());
}

#[test]
fn unknown_builtin_is_an_error() {
    let world = World::new();
    let input = ContractCallInput {
        function: "NoSuchBuiltin".to_owned(),
        ..ContractCallInput::default()
    };
    assert!(world.process_builtin_function(&input, &world).is_err());
    assert!(world.is_builtin_function("ESDTNFTTransfer"));
    assert!(world.is_builtin_function("ESDTFreeze"));
    let input = ContractCallInput {
        function: "ESDTFreeze".to_owned(),
        ..ContractCallInput::default()
    };
    let out = world.process_builtin_function(&input, &world).unwrap();
    assert_eq!(out.return_code, ReturnCode::ExecutionFailed);
    assert!(out.return_message.contains("not supported"));
    assert!(!world.is_builtin_function("upgradeContract"));
}

#[test]
fn transaction_payments_convert_to_builtins_as_the_production_runner_does() {
    use blockchain_hooks::EsdtTransfer;
    use strata_world_mock::esdt_builtin_args;
    let (from, to) = (addr("address:from"), addr("sc:to"));
    let pay = |token: &str, nonce: u64| EsdtTransfer {
        token: token.as_bytes().to_vec(),
        nonce,
        value: BigUint::from(10u32),
    };
    let (function, recipient, args) = esdt_builtin_args(from, to, &[pay("TOK-123456", 0)]);
    assert_eq!((function, recipient), ("ESDTTransfer", to));
    assert_eq!(args, [b"TOK-123456".to_vec(), vec![10]]);
    let (function, recipient, args) = esdt_builtin_args(from, to, &[pay("NFT-123456", 3)]);
    assert_eq!((function, recipient), ("ESDTNFTTransfer", from));
    assert_eq!(args[3], to.0.to_vec());
    // A lone EGLD-000000 payment goes through the multi-transfer, which moves EGLD.
    let (function, recipient, args) = esdt_builtin_args(from, to, &[pay("EGLD-000000", 0)]);
    assert_eq!((function, recipient), ("MultiESDTNFTTransfer", from));
    assert_eq!(
        args,
        [
            to.0.to_vec(),
            vec![1],
            b"EGLD-000000".to_vec(),
            vec![],
            vec![10]
        ]
    );

    let mut world = World::new();
    world.set_account(from, Account::with_balance(100u32));
    let refs: Vec<&[u8]> = args.iter().map(Vec::as_slice).collect();
    let out = call(&world, from, from, function, &refs);
    assert_eq!(out.return_code, ReturnCode::Ok, "{}", out.return_message);
    assert_eq!(out.output_accounts[&to].balance_delta, 10.into());
    // Beyond the sender's balance, the multi-transfer names the token.
    world.set_account(from, Account::with_balance(9u32));
    let out = call(&world, from, from, function, &refs);
    assert_eq!(out.return_message, msg::INSUFFICIENT_EGLD_IN_MULTI_TRANSFER);
    assert_eq!(
        out.return_message,
        "insufficient funds for token EGLD-000000"
    );
}

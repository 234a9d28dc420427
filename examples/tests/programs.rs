//! The programs under `examples/` (each VM assembly), run through the functions their `main`
//! calls: the sums they read, the gas difference between Wasmer and native runs, and the JSON
//! chain's file between runs.

#[allow(dead_code)]
#[path = "../examples/wasmer_world.rs"]
mod wasmer_world;

#[allow(dead_code)]
#[path = "../examples/debugger_world.rs"]
mod debugger_world;

#[allow(dead_code)]
#[path = "../examples/json_chain.rs"]
mod json_chain;

use blockchain_hooks::num_bigint::BigUint;

#[test]
fn wasmer_and_debugger_worlds_deploy_add_and_read_the_same_sum() {
    let wasm = wasmer_world::run().unwrap();
    let native = debugger_world::run().unwrap();
    assert_eq!(wasm.sum, BigUint::from(12u32));
    assert_eq!(native.sum, BigUint::from(12u32));
    assert!(wasm.adder.is_smart_contract());
    assert_eq!(wasm.adder, native.adder);
    // The native build ran: hooks charged the same, but no wasm operator was metered.
    assert!(native.add_gas_used > 0);
    assert!(
        native.add_gas_used < wasm.add_gas_used,
        "native {} vs wasm {}",
        native.add_gas_used,
        wasm.add_gas_used
    );
}

#[test]
fn the_json_chain_keeps_its_state_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chain.json");
    assert_eq!(json_chain::run(&path).unwrap(), BigUint::from(12u32));
    assert_eq!(json_chain::run(&path).unwrap(), BigUint::from(19u32));

    let read = || -> json_chain::ChainFile {
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
    };
    let mut file = read();
    assert_eq!((file.block_nonce, file.block_timestamp), (2, 12));
    let user = hex::encode([0x11; 32]);
    assert_eq!(file.accounts[&user].nonce, 3, "a deploy and two calls");
    assert_eq!(file.accounts[&user].balance, "1000000000", "no fees");
    let (address, adder) = file
        .accounts
        .iter_mut()
        .find(|(_, a)| !a.code.is_empty())
        .unwrap();
    assert!(address.starts_with("00000000000000000500"), "{address}");
    assert_eq!(adder.owner.as_deref(), Some(user.as_str()));
    assert_eq!(adder.code_metadata, "0500");
    // The adder's storage: key "sum", 19 big-endian.
    assert_eq!(adder.storage, [("73756d".into(), "13".into())].into());

    // Edited by hand, the file is the chain the next run sees.
    adder.storage.insert("73756d".into(), "64".into());
    std::fs::write(&path, serde_json::to_string(&file).unwrap()).unwrap();
    assert_eq!(json_chain::run(&path).unwrap(), BigUint::from(107u32));
    assert_eq!(read().accounts[&user].nonce, 4);
}

#[test]
fn the_json_chain_reads_its_own_file_format_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chain.json");
    let genesis = json_chain::JsonChain::genesis();
    genesis.save(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    json_chain::JsonChain::load(&path)
        .unwrap()
        .save(&path)
        .unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    let file: json_chain::ChainFile = serde_json::from_str(&text).unwrap();
    assert_eq!(file.accounts.len(), 1);
    assert_eq!(file.block_nonce, 0);

    std::fs::write(&path, r#"{"block_nonce": 0, "block_timestamp": 0, "accounts": {"00": {"nonce": 0, "balance": "1"}}}"#).unwrap();
    let err = json_chain::JsonChain::load(&path).unwrap_err();
    assert!(err.to_string().contains("not 32 bytes"), "{err}");
}

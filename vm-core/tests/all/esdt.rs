//! ESDT token information.

use blockchain_hooks::{EsdtKey, EsdtMetadata, EsdtTokenData, EsdtTokenType, ReturnCode};
use num_bigint::BigUint;

use crate::harness::*;

const ESDT: &str = r#"
(module
  (import "env" "getArgument" (func $arg (param i32 i32) (result i32)))
  (import "env" "finish" (func $finish (param i32 i32)))
  (import "env" "int64finish" (func $i64_finish (param i64)))
  (import "env" "getESDTBalance" (func $balance (param i32 i32 i32 i64 i32) (result i32)))
  (import "env" "getESDTNFTNameLength" (func $name_len (param i32 i32 i32 i64) (result i32)))
  (import "env" "getESDTNFTAttributeLength" (func $attr_len (param i32 i32 i32 i64) (result i32)))
  (import "env" "getESDTNFTURILength" (func $uri_len (param i32 i32 i32 i64) (result i32)))
  (import "env" "getESDTTokenData" (func $data (param i32 i32 i32 i64 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "getESDTLocalRoles" (func $roles (param i32) (result i64)))
  (import "env" "validateTokenIdentifier" (func $valid (param i32) (result i32)))
  (import "env" "getCurrentESDTNFTNonce" (func $last_nonce (param i32 i32 i32) (result i64)))
  (import "env" "managedGetESDTBalance" (func $m_balance (param i32 i32 i64 i32)))
  (import "env" "managedGetESDTTokenData" (func $m_data (param i32 i32 i64 i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "env" "managedGetESDTTokenType" (func $m_type (param i32 i32 i64 i32)))
  (import "env" "managedIsESDTFrozen" (func $m_frozen (param i32 i32 i64) (result i32)))
  (import "env" "managedIsESDTPaused" (func $m_paused (param i32) (result i32)))
  (import "env" "managedIsESDTLimitedTransfer" (func $m_limited (param i32) (result i32)))
  (import "env" "bigIntGetESDTExternalBalance" (func $big_balance (param i32 i32 i32 i64 i32)))
  (import "env" "bigIntFinishUnsigned" (func $big_finish (param i32)))
  (import "env" "mBufferGetArgument" (func $mb_arg (param i32 i32) (result i32)))
  (import "env" "mBufferFinish" (func $mb_finish (param i32) (result i32)))
  (memory (export "memory") 1)
  ;; address: argument 0 at 0; token: argument 1 at 100 (length in $t); nonce 5
  (func $load (result i32)
    (drop (call $arg (i32.const 0) (i32.const 0)))
    (call $arg (i32.const 1) (i32.const 100)))
  (func (export "raw")
    (local $t i32)
    (local.set $t (call $load))
    (call $finish (i32.const 200) (call $balance (i32.const 0) (i32.const 100) (local.get $t) (i64.const 5) (i32.const 200)))
    (call $i64_finish (i64.extend_i32_s (call $name_len (i32.const 0) (i32.const 100) (local.get $t) (i64.const 5))))
    (call $i64_finish (i64.extend_i32_s (call $attr_len (i32.const 0) (i32.const 100) (local.get $t) (i64.const 5))))
    (call $i64_finish (i64.extend_i32_s (call $uri_len (i32.const 0) (i32.const 100) (local.get $t) (i64.const 5))))
    (drop (call $data (i32.const 0) (i32.const 100) (local.get $t) (i64.const 5)
      (i32.const 1) (i32.const 300) (i32.const 400) (i32.const 500) (i32.const 600)
      (i32.const 700) (i32.const 2) (i32.const 800)))
    (call $big_finish (i32.const 1))
    (call $finish (i32.const 500) (i32.const 4))
    (call $finish (i32.const 700) (i32.const 32))
    (call $big_finish (i32.const 2))
    (call $big_balance (i32.const 0) (i32.const 100) (local.get $t) (i64.const 5) (i32.const 3))
    (call $big_finish (i32.const 3)))
  (func (export "nameOfFungible")
    (local $t i32)
    (local.set $t (call $load))
    (drop (call $name_len (i32.const 0) (i32.const 100) (local.get $t) (i64.const 0))))
  (func (export "managed")
    (drop (call $mb_arg (i32.const 0) (i32.const 10)))
    (drop (call $mb_arg (i32.const 1) (i32.const 11)))
    (call $m_balance (i32.const 10) (i32.const 11) (i64.const 5) (i32.const 1))
    (call $big_finish (i32.const 1))
    (call $m_data (i32.const 10) (i32.const 11) (i64.const 5)
      (i32.const 1) (i32.const 20) (i32.const 21) (i32.const 22) (i32.const 23)
      (i32.const 24) (i32.const 2) (i32.const 25))
    (drop (call $mb_finish (i32.const 22)))
    (drop (call $mb_finish (i32.const 25)))
    (call $m_type (i32.const 10) (i32.const 11) (i64.const 5) (i32.const 3))
    (call $big_finish (i32.const 3))
    (call $i64_finish (i64.extend_i32_s (call $m_frozen (i32.const 10) (i32.const 11) (i64.const 5))))
    (call $i64_finish (i64.extend_i32_s (call $m_paused (i32.const 11))))
    (call $i64_finish (i64.extend_i32_s (call $m_limited (i32.const 11)))))
  (func (export "tokenInfo")
    (local $t i32)
    (drop (call $mb_arg (i32.const 1) (i32.const 11)))
    (call $i64_finish (call $roles (i32.const 11)))
    (call $i64_finish (i64.extend_i32_s (call $valid (i32.const 11))))
    (local.set $t (call $load))
    (call $i64_finish (call $last_nonce (i32.const 0) (i32.const 100) (local.get $t)))))
"#;

const NFT: &str = "NFT-abcdef";

fn world() -> World {
    let mut w = World::free().contract(1, ESDT);
    let holding = EsdtTokenData {
        token_type: EsdtTokenType::NonFungible,
        value: BigUint::from(1u32),
        properties: vec![1, 0],
        metadata: Some(EsdtMetadata {
            nonce: 5,
            name: b"Ape".to_vec(),
            creator: user(9),
            royalties: 250,
            hash: vec![0xaa; 4],
            uris: vec![b"https://a".to_vec(), b"https://b".to_vec()],
            attributes: b"color:red".to_vec(),
        }),
    };
    let key = EsdtKey {
        token: NFT.as_bytes().to_vec(),
        nonce: 5,
    };
    let account = w.chain.account_mut(user(2));
    account.esdt.insert(key, holding);
    account.esdt_last_nonce.insert(NFT.as_bytes().to_vec(), 300);
    w.chain.account_mut(sc(1)).esdt_roles.insert(
        NFT.as_bytes().to_vec(),
        vec![b"ESDTRoleNFTCreate".to_vec(), b"ESDTRoleNFTBurn".to_vec()],
    );
    w.chain.paused_tokens.insert(NFT.as_bytes().to_vec());
    w
}

#[test]
fn holdings_through_memory() {
    let w = world();
    let out = w.call(1, "raw", &[user(2).as_bytes(), NFT.as_bytes()]);
    assert_ok(&out);
    assert_eq!(
        out.return_data,
        vec![
            vec![1],
            vec![3],
            vec![9],
            vec![9],
            vec![1],
            b"Ape\0".to_vec(),
            user(9).0.to_vec(),
            vec![250],
            vec![1],
        ]
    );
}

#[test]
fn metadata_of_a_holding_without_metadata_fails() {
    let w = world();
    assert_failed(
        &w.call(1, "nameOfFungible", &[user(2).as_bytes(), NFT.as_bytes()]),
        ReturnCode::ExecutionFailed,
        "nil esdt data",
    );
}

#[test]
fn holdings_through_managed_values() {
    let w = world();
    let out = w.call(1, "managed", &[user(2).as_bytes(), NFT.as_bytes()]);
    assert_ok(&out);
    let uris_vec = &out.return_data[2];
    assert_eq!(uris_vec.len(), 8, "two handles");
    assert_eq!(
        [&out.return_data[..2], &out.return_data[3..]].concat(),
        vec![
            vec![1],
            b"Ape".to_vec(),
            vec![1],
            vec![1],
            vec![1],
            Vec::new()
        ]
    );
}

#[test]
fn roles_identifiers_and_last_nonce() {
    let w = world();
    let out = w.call(1, "tokenInfo", &[user(2).as_bytes(), NFT.as_bytes()]);
    assert_ok(&out);
    // NFT create (4) | NFT burn (16); a valid identifier; last nonce 300.
    assert_eq!(out.return_data, vec![vec![20], vec![1], be(300)]);
    let out = w.call(1, "tokenInfo", &[user(2).as_bytes(), b"nft-ABCDEF"]);
    assert_eq!(out.return_data, vec![Vec::new(), Vec::new(), Vec::new()]);
}

//! BLS hooks: the production VM's scenario vectors through the memory and managed forms,
//! the masked failures, and exact gas under schedule v4.

use blockchain_hooks::ReturnCode;

use crate::harness::*;

/// `crypto_verify_bls.scen.json`.
const KEY: &str = "b5823f6e564251cc03ce7bad3da83e72576e92795d3500bba1acb30ec9a94dce87bb8aa794d67b2d61d15c33f28f6c0c23ba1dfcbf21e8f8b46286ff871afabac925303ddcaddce6254fcff6d3155797db40b3d3b5865e8fc0bd770b3d79b381";
const MESSAGE: &str = "6d65737361676520746f206265207369676e6564";
const SIGNATURE: &str = "af32a2ddf341c08d1eb7232f05dc34e4454155e676b58c40fddf9a036562ac2c01533d2d557cb49d73aa9d7a89744696";
/// The scenario's failing signature: the first byte zeroed.
const BAD_SIGNATURE: &str = "0032a2ddf341c08d1eb7232f05dc34e4454155e676b58c40fddf9a036562ac2c01533d2d557cb49d73aa9d7a89744696";

/// `crypto_verify_bls_share.scen.json`.
const SHARE_KEY: &str = "3e886a4c6e109a151f4105aee65a5192d150ef1fa68d3cd76964a0b086006dbe4324c989deb0e4416c6d6706db1b1910eb2732f08842fb4886067b9ed191109ac2188d76002d2e11da80a3f0ea89fee6b59c834cc478a6bd49cb8a193b1abb16";
const SHARE_MESSAGE: &str = "e96bd0f36b70c5ccc0c4396343bd7d8255b8a526c55fa1e218511fafe6539b8e";
const SHARE_SIGNATURE: &str = "04725db195e37aa237cdbbda76270d4a229b6e7a3651104dc58c4349c0388e8546976fe54a04240530b99064e434c90f";

/// `crypto_verify_bls_aggregated_signature.scen.json`.
const AGGREGATED_KEYS: [&str; 5] = [
    "95f1d96b582f35294eb7dd4589b158e108e1d94cd0dd71ef16140e9b37126ec52dac6f57397f1e041acd7bb77df1d214f9f894e3b7fbf7abeaabc9fab8ff5c2ef05f9841322f301fdb900ac59479c334ac76a2d4ff992cd49bc9b530c25ee293",
    "97aa2862418eb4ea74fddcb511eef9b771e07ff901e7e6abb35847a4bb81e58f189fc9bce4186c6129014fb43002300e959702ef4b9d0c32ebe4d795457095d65b5414efb36edbb8dc66d84a445a92472d4a31cedd4700d5ebb885eb11d3430b",
    "37b73265936a2aaafe652a4dd451a1851c2dbbb32208604787479b31033e2a354615562ea2a5488f9134843362477a139050a0e798dd5ce0f01b35b8d473454ae99633aadde9237f84c87eb366144cca4de3d2cc6acc35e522a3294bf1186800",
    "f46c10d114dcd3019dd4bcd4152fda678c56144eb177c67a6411213b86e206e4e56a9aad1eab0313b13031fda046d715ec4a02612b083dfae0d82a23b643e1a89756c0df3d65c27e87a9c1289628d1a8404f0668a3d87c7451ba1c78fc452693",
    "aa0a97917df9240c537c89e873d7baa5ce1796e8fedfb23cf682b80fa19b8baae35af3754f9b8149985cb2a1fbda0f02c2942d2c99d9af556c9a5e90b8170e6a96379a45dd69351abfb814a16b5665abb7ddb8b096ee9f273de81845cda9728a",
];
const AGGREGATED_MESSAGE: &str = "6d65737361676530";
const AGGREGATED_SIGNATURE: &str = "ae12858363e8caa5b398d3febdd7bc01bc2fae1fef8f486ff4d84a5f3342f2d38085904eb10b73c0879a45d23585ce8f";

/// Schedule v4: `DataCopyPerByte`.
const PER_BYTE: u64 = 100;
/// Schedule v4: `CryptoAPICost.VerifyBLS`, `VerifyBLSSignatureShare`, `VerifyBLSMultiSig`.
const VERIFY_BLS: u64 = 5_000_000;
const VERIFY_SHARE: u64 = 2_000_000;
const VERIFY_MULTI_SIG: u64 = 2_000_000;

/// Hex as a WAT string body (`\b5\82…`).
fn wat_bytes(hex: &str) -> String {
    (0..hex.len())
        .step_by(2)
        .map(|i| format!("\\{}", &hex[i..i + 2]))
        .collect()
}

/// The contract: the vectors in memory, `setup` copying them to managed buffers (single:
/// 1 key, 2 message, 3 signature; share: 4, 5, 6; aggregated: keys 10 to 14, their handle
/// list 7, message 8, signature 9), and one export per case, each calling `setup` first so
/// that its gas minus `setup`'s is the hook's.
fn contract() -> String {
    let keys: String = AGGREGATED_KEYS.iter().map(|k| wat_bytes(k)).collect();
    let set_keys: String = (0..5)
        .map(|i| {
            format!(
                "(drop (call $set (i32.const {}) (i32.const {}) (i32.const 96)))",
                10 + i,
                400 + 96 * i
            )
        })
        .collect();
    format!(
        r#"
(module
  (import "env" "verifyBLS" (func $verify (param i32 i32 i32 i32) (result i32)))
  (import "env" "managedVerifyBLS" (func $m_verify (param i32 i32 i32) (result i32)))
  (import "env" "managedVerifyBLSSignatureShare" (func $m_share (param i32 i32 i32) (result i32)))
  (import "env" "managedVerifyBLSAggregatedSignature" (func $m_agg (param i32 i32 i32) (result i32)))
  (import "env" "mBufferSetBytes" (func $set (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "{key}")
  (data (i32.const 96) "{signature}")
  (data (i32.const 144) "{message}")
  (data (i32.const 200) "{share_key}")
  (data (i32.const 296) "{share_signature}")
  (data (i32.const 344) "{share_message}")
  (data (i32.const 400) "{keys}")
  (data (i32.const 880) "{aggregated_signature}")
  (data (i32.const 928) "{aggregated_message}")
  (data (i32.const 1000) "\00\00\00\0a\00\00\00\0b\00\00\00\0c\00\00\00\0d\00\00\00\0e")
  (data (i32.const 1020) "\00\00\00\0a\00\00\00\63")
  (data (i32.const 1100) "{bad_signature}")
  (func $setup
    (drop (call $set (i32.const 1) (i32.const 0) (i32.const 96)))
    (drop (call $set (i32.const 2) (i32.const 144) (i32.const 20)))
    (drop (call $set (i32.const 3) (i32.const 96) (i32.const 48)))
    (drop (call $set (i32.const 4) (i32.const 200) (i32.const 96)))
    (drop (call $set (i32.const 5) (i32.const 344) (i32.const 32)))
    (drop (call $set (i32.const 6) (i32.const 296) (i32.const 48)))
    (drop (call $set (i32.const 7) (i32.const 1000) (i32.const 20)))
    (drop (call $set (i32.const 8) (i32.const 928) (i32.const 8)))
    (drop (call $set (i32.const 9) (i32.const 880) (i32.const 48)))
    {set_keys}
    (drop (call $set (i32.const 20) (i32.const 0) (i32.const 95)))
    (drop (call $set (i32.const 21) (i32.const 0) (i32.const 0)))
    (drop (call $set (i32.const 22) (i32.const 1000) (i32.const 3)))
    (drop (call $set (i32.const 23) (i32.const 1020) (i32.const 8)))
    (drop (call $set (i32.const 24) (i32.const 2000) (i32.const 96)))
    (drop (call $set (i32.const 25) (i32.const 1100) (i32.const 48))))
  (func $expect_zero (param i32)
    (if (local.get 0) (then unreachable)))
  (func (export "setup") (call $setup))
  (func (export "memory_single")
    (call $setup)
    (call $expect_zero (call $verify (i32.const 0) (i32.const 144) (i32.const 20) (i32.const 96))))
  (func (export "memory_bad_signature")
    (call $setup)
    (drop (call $verify (i32.const 0) (i32.const 144) (i32.const 20) (i32.const 1100))))
  (func (export "memory_empty_message")
    (call $setup)
    (drop (call $verify (i32.const 0) (i32.const 144) (i32.const 0) (i32.const 96))))
  (func (export "memory_negative_length")
    (call $setup)
    (drop (call $verify (i32.const 0) (i32.const 144) (i32.const -1) (i32.const 96))))
  (func (export "memory_infinity_key")
    (call $setup)
    (drop (call $verify (i32.const 2000) (i32.const 144) (i32.const 20) (i32.const 96))))
  (func (export "memory_out_of_bounds")
    (call $setup)
    (drop (call $verify (i32.const 65500) (i32.const 144) (i32.const 20) (i32.const 96))))
  (func (export "managed_single")
    (call $setup)
    (call $expect_zero (call $m_verify (i32.const 1) (i32.const 2) (i32.const 3))))
  (func (export "managed_bad_signature")
    (call $setup)
    (drop (call $m_verify (i32.const 1) (i32.const 2) (i32.const 25))))
  (func (export "managed_short_key")
    (call $setup)
    (drop (call $m_verify (i32.const 20) (i32.const 2) (i32.const 3))))
  (func (export "managed_empty_message")
    (call $setup)
    (drop (call $m_verify (i32.const 1) (i32.const 21) (i32.const 3))))
  (func (export "managed_infinity_key")
    (call $setup)
    (drop (call $m_verify (i32.const 24) (i32.const 2) (i32.const 3))))
  (func (export "managed_missing_signature")
    (call $setup)
    (drop (call $m_verify (i32.const 1) (i32.const 2) (i32.const 77))))
  (func (export "share")
    (call $setup)
    (call $expect_zero (call $m_share (i32.const 4) (i32.const 5) (i32.const 6))))
  (func (export "share_of_another_message")
    (call $setup)
    (drop (call $m_share (i32.const 4) (i32.const 2) (i32.const 6))))
  (func (export "aggregated")
    (call $setup)
    (call $expect_zero (call $m_agg (i32.const 7) (i32.const 8) (i32.const 9))))
  (func (export "aggregated_bad_signature")
    (call $setup)
    (drop (call $m_agg (i32.const 7) (i32.const 8) (i32.const 25))))
  (func (export "aggregated_empty_list")
    (call $setup)
    (drop (call $m_agg (i32.const 21) (i32.const 8) (i32.const 9))))
  (func (export "aggregated_ragged_list")
    (call $setup)
    (drop (call $m_agg (i32.const 22) (i32.const 8) (i32.const 9))))
  (func (export "aggregated_missing_key")
    (call $setup)
    (drop (call $m_agg (i32.const 23) (i32.const 8) (i32.const 9))))
  (func (export "aggregated_missing_list")
    (call $setup)
    (drop (call $m_agg (i32.const 88) (i32.const 8) (i32.const 9)))))
"#,
        key = wat_bytes(KEY),
        signature = wat_bytes(SIGNATURE),
        message = wat_bytes(MESSAGE),
        share_key = wat_bytes(SHARE_KEY),
        share_signature = wat_bytes(SHARE_SIGNATURE),
        share_message = wat_bytes(SHARE_MESSAGE),
        aggregated_signature = wat_bytes(AGGREGATED_SIGNATURE),
        aggregated_message = wat_bytes(AGGREGATED_MESSAGE),
        bad_signature = wat_bytes(BAD_SIGNATURE),
    )
}

fn world() -> World {
    World::free().contract(1, &contract())
}

/// The gas `function` uses beyond `setup`.
fn hook_gas(w: &World, function: &str) -> u64 {
    let setup = w.call(1, "setup", &[]);
    assert_ok(&setup);
    let out = w.call(1, function, &[]);
    assert_ok(&out);
    used(&out) - used(&setup)
}

/// `function` with `gas` beyond what `setup` uses.
fn call_with_gas_after_setup(w: &World, function: &str, gas: u64) -> blockchain_hooks::VmOutput {
    let setup = w.call(1, "setup", &[]);
    assert_ok(&setup);
    let mut input = call_input(sc(1), function, &[]);
    input.vm_input.gas_provided = used(&setup) + gas;
    w.run(&input)
}

#[test]
fn the_scenario_vectors_verify_with_exact_gas() {
    let w = world();
    // VerifyBLS + DataCopyPerByte × message (key and signature free).
    assert_eq!(hook_gas(&w, "memory_single"), VERIFY_BLS + PER_BYTE * 20);
    // VerifyBLS + DataCopyPerByte × (key + message + signature).
    assert_eq!(
        hook_gas(&w, "managed_single"),
        VERIFY_BLS + PER_BYTE * (96 + 20 + 48)
    );
    assert_eq!(
        hook_gas(&w, "share"),
        VERIFY_SHARE + PER_BYTE * (96 + 32 + 48)
    );
    // VerifyBLSMultiSig + list, message and signature; then the list again and 5 keys.
    assert_eq!(
        hook_gas(&w, "aggregated"),
        VERIFY_MULTI_SIG + PER_BYTE * (20 + 8 + 48) + PER_BYTE * (20 + 5 * 96)
    );
}

#[test]
fn failures_are_masked_as_bls_verify_error() {
    let w = world();
    for function in [
        "memory_bad_signature",
        "memory_empty_message",
        "memory_infinity_key",
        "managed_bad_signature",
        "managed_short_key",
        "managed_empty_message",
        "managed_infinity_key",
        "share_of_another_message",
        "aggregated_bad_signature",
        "aggregated_empty_list",
        "aggregated_ragged_list",
        "aggregated_missing_key",
    ] {
        let out = w.call(1, function, &[]);
        assert_failed(&out, ReturnCode::ExecutionFailed, "bls verify error");
    }
}

#[test]
fn memory_handle_and_gas_errors_are_not_masked() {
    let w = world();
    assert_failed(
        &w.call(1, "memory_out_of_bounds", &[]),
        ReturnCode::ExecutionFailed,
        "mem load: bad bounds",
    );
    for function in ["managed_missing_signature", "aggregated_missing_list"] {
        assert_failed(
            &w.call(1, function, &[]),
            ReturnCode::ExecutionFailed,
            "no managed buffer under the given handle",
        );
    }
    // A negative message length is a huge copy charge.
    assert_failed(
        &w.call(1, "memory_negative_length", &[]),
        ReturnCode::OutOfGas,
        "not enough gas",
    );
}

#[test]
fn out_of_gas_reading_the_aggregated_keys_is_masked() {
    let w = world();
    let first_read = VERIFY_MULTI_SIG + PER_BYTE * (20 + 8 + 48);
    // Short of the base cost or the first reads: out of gas.
    for gas in [VERIFY_MULTI_SIG - 1, first_read - 1] {
        let out = call_with_gas_after_setup(&w, "aggregated", gas);
        assert_failed(&out, ReturnCode::OutOfGas, "not enough gas");
    }
    // Short while reading the key list again: the production VM masks it.
    for gas in [first_read + 1, first_read + PER_BYTE * 20 + 50] {
        let out = call_with_gas_after_setup(&w, "aggregated", gas);
        assert_failed(&out, ReturnCode::ExecutionFailed, "bls verify error");
    }
    let enough = first_read + PER_BYTE * (20 + 5 * 96) + 1000;
    assert_ok(&call_with_gas_after_setup(&w, "aggregated", enough));
}

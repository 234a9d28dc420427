//! Hash and signature hooks: published vectors, the cases the production VM's
//! `basic-features` scenarios check, masked messages and exact gas (schedule v4).

use blockchain_hooks::ReturnCode;
use k256::ecdsa::SigningKey;
use k256::ecdsa::signature::hazmat::PrehashSigner as _;
use sha2::{Digest as _, Sha256};

use crate::harness::*;

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

/// `hex` as a WAT string literal's escapes.
fn wat_bytes(hex: &str) -> String {
    hex.as_bytes()
        .chunks(2)
        .map(|pair| format!("\\{}", std::str::from_utf8(pair).expect("ascii")))
        .collect()
}

/// RFC 8032 section 7.1, test 3: public key, signature, message (2 bytes).
const ED_KEY: &str = "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025";
const ED_SIG: &str = "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac\
                      18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a";
const ED_MSG: &str = "af82";

/// Every hash and signature hook: "abc" at 0, the RFC 8032 vector at 512 (key), 544
/// (signature) and 608 (message); arguments go to buffers 1, 2, 3 or to memory at 1024,
/// 2048 and 4096.
fn contract() -> String {
    let vector = wat_bytes(&format!("{ED_KEY}{ED_SIG}{ED_MSG}"));
    format!(
        r#"
(module
  (import "env" "sha256" (func $sha256 (param i32 i32 i32) (result i32)))
  (import "env" "keccak256" (func $keccak256 (param i32 i32 i32) (result i32)))
  (import "env" "ripemd160" (func $ripemd160 (param i32 i32 i32) (result i32)))
  (import "env" "managedSha256" (func $m_sha256 (param i32 i32) (result i32)))
  (import "env" "managedKeccak256" (func $m_keccak256 (param i32 i32) (result i32)))
  (import "env" "managedRipemd160" (func $m_ripemd160 (param i32 i32) (result i32)))
  (import "env" "verifyEd25519" (func $ed25519 (param i32 i32 i32 i32) (result i32)))
  (import "env" "managedVerifyEd25519" (func $m_ed25519 (param i32 i32 i32) (result i32)))
  (import "env" "verifySecp256k1" (func $k1 (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "verifyCustomSecp256k1"
    (func $k1_custom (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "managedVerifySecp256k1" (func $m_k1 (param i32 i32 i32) (result i32)))
  (import "env" "managedVerifyCustomSecp256k1"
    (func $m_k1_custom (param i32 i32 i32 i32) (result i32)))
  (import "env" "encodeSecp256k1DerSignature"
    (func $der (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "managedEncodeSecp256k1DerSignature"
    (func $m_der (param i32 i32 i32) (result i32)))
  (import "env" "managedVerifySecp256r1" (func $m_r1 (param i32 i32 i32) (result i32)))
  (import "env" "mBufferGetArgument" (func $arg (param i32 i32) (result i32)))
  (import "env" "mBufferFinish" (func $mb_finish (param i32) (result i32)))
  (import "env" "getArgument" (func $get_arg (param i32 i32) (result i32)))
  (import "env" "smallIntGetUnsignedArgument" (func $small_arg (param i32) (result i64)))
  (import "env" "finish" (func $finish (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "abc")
  (data (i32.const 512) "{vector}")
  (func $ok (param i32) (if (local.get 0) (then unreachable)))
  (func $three_args
    (drop (call $arg (i32.const 0) (i32.const 1)))
    (drop (call $arg (i32.const 1) (i32.const 2)))
    (drop (call $arg (i32.const 2) (i32.const 3))))
  (func $hash_type (result i32) (i32.wrap_i64 (call $small_arg (i32.const 3))))
  (func (export "hashesOfAbc")
    (call $ok (call $sha256 (i32.const 0) (i32.const 3) (i32.const 64)))
    (call $ok (call $keccak256 (i32.const 0) (i32.const 3) (i32.const 96)))
    (call $ok (call $ripemd160 (i32.const 0) (i32.const 3) (i32.const 128)))
    (call $finish (i32.const 64) (i32.const 32))
    (call $finish (i32.const 96) (i32.const 32))
    (call $finish (i32.const 128) (i32.const 20)))
  (func (export "sha256Only")
    (call $ok (call $sha256 (i32.const 0) (i32.const 3) (i32.const 64))))
  (func (export "sha256NegativeLength")
    (drop (call $sha256 (i32.const 0) (i32.const -1) (i32.const 64))))
  (func (export "sha256ResultOutside")
    (drop (call $sha256 (i32.const 0) (i32.const 3) (i32.const 65530))))
  (func (export "managedHashes")
    (drop (call $arg (i32.const 0) (i32.const 1)))
    (call $ok (call $m_sha256 (i32.const 1) (i32.const 10)))
    (call $ok (call $m_keccak256 (i32.const 1) (i32.const 11)))
    (call $ok (call $m_ripemd160 (i32.const 1) (i32.const 12)))
    (drop (call $mb_finish (i32.const 10)))
    (drop (call $mb_finish (i32.const 11)))
    (drop (call $mb_finish (i32.const 12))))
  (func (export "managedKeccakOnly")
    (drop (call $arg (i32.const 0) (i32.const 1)))
    (call $ok (call $m_keccak256 (i32.const 1) (i32.const 10))))
  (func (export "managedHashMissing")
    (drop (call $m_ripemd160 (i32.const 7) (i32.const 10))))
  (func (export "ed25519Rfc")
    (call $ok (call $ed25519 (i32.const 512) (i32.const 608) (i32.const 2) (i32.const 544))))
  (func (export "ed25519WrongMessage")
    (call $ok (call $ed25519 (i32.const 512) (i32.const 608) (i32.const 1) (i32.const 544))))
  (func (export "managedEd25519")
    (call $three_args)
    (call $ok (call $m_ed25519 (i32.const 1) (i32.const 2) (i32.const 3))))
  (func (export "managedSecp256k1")
    (call $three_args)
    (call $ok (call $m_k1 (i32.const 1) (i32.const 2) (i32.const 3))))
  (func (export "managedCustomSecp256k1")
    (call $three_args)
    (call $ok (call $m_k1_custom (i32.const 1) (i32.const 2) (i32.const 3)
      (call $hash_type))))
  (func (export "managedSecp256r1")
    (call $three_args)
    (call $ok (call $m_r1 (i32.const 1) (i32.const 2) (i32.const 3))))
  (func (export "secp256k1")
    (local $key_len i32) (local $msg_len i32)
    (local.set $key_len (call $get_arg (i32.const 0) (i32.const 1024)))
    (local.set $msg_len (call $get_arg (i32.const 1) (i32.const 2048)))
    (drop (call $get_arg (i32.const 2) (i32.const 4096)))
    (call $ok (call $k1 (i32.const 1024) (local.get $key_len)
      (i32.const 2048) (local.get $msg_len) (i32.const 4096))))
  (func (export "customSecp256k1")
    (local $key_len i32) (local $msg_len i32)
    (local.set $key_len (call $get_arg (i32.const 0) (i32.const 1024)))
    (local.set $msg_len (call $get_arg (i32.const 1) (i32.const 2048)))
    (drop (call $get_arg (i32.const 2) (i32.const 4096)))
    (call $ok (call $k1_custom (i32.const 1024) (local.get $key_len)
      (i32.const 2048) (local.get $msg_len) (i32.const 4096) (call $hash_type))))
  (func (export "derSignature")
    (local $r_len i32) (local $s_len i32)
    (local.set $r_len (call $get_arg (i32.const 0) (i32.const 1024)))
    (local.set $s_len (call $get_arg (i32.const 1) (i32.const 2048)))
    (call $ok (call $der (i32.const 1024) (local.get $r_len)
      (i32.const 2048) (local.get $s_len) (i32.const 4096)))
    (call $finish (i32.const 4096) (i32.add (i32.load8_u (i32.const 4097)) (i32.const 2))))
  (func (export "managedDerSignature")
    (drop (call $arg (i32.const 0) (i32.const 1)))
    (drop (call $arg (i32.const 1) (i32.const 2)))
    (call $ok (call $m_der (i32.const 1) (i32.const 2) (i32.const 3)))
    (drop (call $mb_finish (i32.const 3)))))
"#
    )
}

fn world() -> World {
    World::free().contract(1, &contract())
}

/// `MBufferGetArgument` of the schedule.
fn get_argument_cost(w: &World) -> u64 {
    w.schedule.managed_buffer_api_cost.m_buffer_get_argument
}

#[test]
fn memory_hashes_of_abc_and_their_gas() {
    let w = world();
    let out = w.call(1, "hashesOfAbc", &[]);
    assert_ok(&out);
    assert_eq!(
        out.return_data,
        vec![
            unhex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            unhex("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"),
            unhex("8eb208f7e05d987a9b044a8e98c6b087f15a0bfc"),
        ]
    );
    let out = w.call(1, "sha256Only", &[]);
    assert_ok(&out);
    // SHA256 1 000 000 + DataCopyPerByte 100 × 3, in one charge.
    assert_eq!(used(&out), w.call_cost(sc(1)) + 1_000_300);
}

#[test]
fn memory_hash_failures() {
    let w = world();
    let out = w.call(1, "sha256NegativeLength", &[]);
    assert_failed(&out, ReturnCode::OutOfGas, "not enough gas");
    let out = w.call(1, "sha256ResultOutside", &[]);
    assert_failed(&out, ReturnCode::ExecutionFailed, "mem store: bad bounds");
}

#[test]
fn managed_hashes_as_in_the_production_scenarios() {
    let w = world();
    // crypto_sha256, crypto_keccak256 and crypto_ripemd160 of basic-features.
    let out = w.call(1, "managedHashes", &[&[1, 2, 3]]);
    assert_ok(&out);
    assert_eq!(
        out.return_data[0],
        unhex("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81")
    );
    assert_eq!(
        out.return_data[2],
        unhex("79f901da2609f020adadbf2e5f68a16c8c3f7d57")
    );
    let out = w.call(1, "managedHashes", &[b"a"]);
    assert_ok(&out);
    assert_eq!(
        out.return_data[1],
        unhex("3ac225168df54212a25c1c01fd35bebfea408fdac2e31ddd6f80a4bbf9a5f1cb")
    );
    let data = [7u8; 50];
    let out = w.call(1, "managedKeccakOnly", &[&data]);
    assert_ok(&out);
    // Keccak256 1 000 000, then DataCopyPerByte 100 × 50.
    assert_eq!(
        used(&out),
        w.call_cost(sc(1)) + get_argument_cost(&w) + 1_005_000
    );
    let out = w.call(1, "managedHashMissing", &[]);
    assert_failed(
        &out,
        ReturnCode::ExecutionFailed,
        "no managed buffer under the given handle",
    );
}

#[test]
fn ed25519_rfc8032_in_memory_and_its_gas() {
    let w = world();
    let out = w.call(1, "ed25519Rfc", &[]);
    assert_ok(&out);
    // VerifyEd25519 2 000 000 + DataCopyPerByte 100 × 2 message bytes; key and signature free.
    assert_eq!(used(&out), w.call_cost(sc(1)) + 2_000_200);
    let out = w.call(1, "ed25519WrongMessage", &[]);
    assert_failed(&out, ReturnCode::ExecutionFailed, "ed25519 verify error");
}

#[test]
fn managed_ed25519_as_in_the_production_scenario() {
    let w = world();
    let key = unhex("f2445fdaca6607728fa06e0610062c3468cad6d54f19549916ef577f69c7eb86");
    let message = b"message to sign";
    let signature = unhex(
        "f34eb80f5ef94e0928f42f26b4a14799d52a8f687eb644d6be73a8db3ae85de0\
         59002d369be28c8c188b179dcf6286fd009d540953ea932f70aead52d6aa7d09",
    );
    let out = w.call(1, "managedEd25519", &[&key, message, &signature]);
    assert_ok(&out);
    // VerifyEd25519 2 000 000 + DataCopyPerByte 100 × (32 + 15 + 64).
    assert_eq!(
        used(&out),
        w.call_cost(sc(1)) + 3 * get_argument_cost(&w) + 2_011_100
    );
    for bad in [
        b"absolutely-invalid-signature".to_vec(),
        [&signature[..63], &[signature[63] ^ 1]].concat(),
    ] {
        let out = w.call(1, "managedEd25519", &[&key, message, &bad]);
        assert_failed(&out, ReturnCode::ExecutionFailed, "ed25519 verify error");
    }
    // A key of the wrong size is masked too.
    let out = w.call(1, "managedEd25519", &[&key[..31], message, &signature]);
    assert_failed(&out, ReturnCode::ExecutionFailed, "ed25519 verify error");
}

/// The key and signature of the production scenario `crypto_verify_secp256k1` (steps 5 and
/// 6): double SHA-256 of "message to sign".
const K1_KEY_X: &str = "a673638cb9587cb68ea08dbef685c6f2d2a751a8b3c6f2a7e9a4999e6e4bfaf5";
const K1_KEY_Y: &str = "ca1d22fe57c6103dbaac10cf15d15c0791cab8bb9a04f800e4d215276cb3e008";
const K1_SIG: &str = "3045022100fab29dbcb623e7e96f44665f312b89ffdb9e4d2e2f53353236fbbcf57b2f49bf\
                      02203d6f9c63df8be43121042970a549a2d3baeca093fd37b726ddcc0924638409f5";

#[test]
fn secp256k1_double_sha256_as_in_the_production_scenario() {
    let w = world();
    let compressed = unhex(&format!("02{K1_KEY_X}"));
    let uncompressed = unhex(&format!("04{K1_KEY_X}{K1_KEY_Y}"));
    let signature = unhex(K1_SIG);
    let message = b"message to sign";
    for key in [&compressed, &uncompressed] {
        assert_ok(&w.call(1, "managedSecp256k1", &[key, message, &signature]));
        assert_ok(&w.call(1, "secp256k1", &[key, message, &signature]));
        let out = w.call(1, "secp256k1", &[key, b"message to sigh", &signature]);
        assert_failed(&out, ReturnCode::ExecutionFailed, "secp256k1 verify error");
    }
    let out = w.call(1, "managedSecp256k1", &[&compressed, message, &signature]);
    // VerifySecp256k1 2 000 000 + DataCopyPerByte 100 × (33 + 15 + 71).
    assert_eq!(
        used(&out),
        w.call_cost(sc(1)) + 3 * get_argument_cost(&w) + 2_011_900
    );
    // The memory form refuses other key sizes itself, unmasked; the managed form masks them.
    let out = w.call(1, "secp256k1", &[&uncompressed[..64], message, &signature]);
    assert_failed(&out, ReturnCode::ExecutionFailed, "invalid public key size");
    let out = w.call(
        1,
        "managedSecp256k1",
        &[&uncompressed[..64], message, &signature],
    );
    assert_failed(&out, ReturnCode::ExecutionFailed, "secp256k1 verify error");
}

#[test]
fn custom_secp256k1_and_der_encoding_as_in_the_production_scenario() {
    let w = world();
    // Steps 7 and 8: DER of (r, s), then a raw 32-byte message (hash type 0).
    let r = unhex("90f27b8b488db00b00606796d2987f6a5f59ae62ea05effe84fef5b8b0e54998");
    let s = unhex("4a691139ad57a3f0b906637673aa2f63d1f55cb1a69199d4009eea23ceaddc93");
    let der = [&unhex("3045022100")[..], &r, &[0x02, 0x20], &s].concat();
    for function in ["derSignature", "managedDerSignature"] {
        let out = w.call(1, function, &[&r, &s]);
        assert_ok(&out);
        assert_eq!(out.return_data, vec![der.clone()], "{function}");
    }
    let key = unhex(
        "04e32df42865e97135acfb65f3bae71bdc86f4d49150ad6a440b6f15878109880a\
         0a2b2667f7e725ceea70c673093bf67663e0312623c8e091b13cf2c0f11ef652",
    );
    let message = unhex("ce0677bb30baa8cf067c88db9811f4333d131bf8bcf12fe7065d211dce971008");
    for function in ["customSecp256k1", "managedCustomSecp256k1"] {
        assert_ok(&w.call(1, function, &[&key, &message, &der, &[0]]));
        let out = w.call(1, function, &[&key, &message, &der, &[1]]);
        assert_failed(&out, ReturnCode::ExecutionFailed, "secp256k1 verify error");
    }
}

#[test]
fn der_encoding_normalises_s_and_costs_a_flat_fee() {
    let w = world();
    // n − 1 is the highest S: it becomes 1. r = 0 encodes as 02 01 00.
    let n_minus_one = unhex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140");
    let out = w.call(1, "managedDerSignature", &[&[], &n_minus_one]);
    assert_ok(&out);
    assert_eq!(out.return_data, vec![vec![0x30, 6, 2, 1, 0, 2, 1, 1]]);
    // EncodeDERSig 10 000 000 with no per-byte cost, then mBufferFinish of 8 bytes.
    let schedule = &w.schedule;
    let finish = schedule.managed_buffer_api_cost.m_buffer_finish
        + 8 * schedule.base_operation_cost.persist_per_byte;
    assert_eq!(
        used(&out),
        w.call_cost(sc(1)) + 2 * get_argument_cost(&w) + 10_000_000 + finish
    );
}

/// A signer, its compressed key, and its (low-S) signature of `digest` as `(r, s)`.
fn k256_signature(digest: &[u8]) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let signer = SigningKey::from_slice(&[0x3c; 32]).expect("valid scalar");
    let key = signer.verifying_key().to_encoded_point(true);
    let signature: k256::ecdsa::Signature = signer.sign_prehash(digest).expect("signs");
    let (r, s) = signature.split_bytes();
    (key.as_bytes().to_vec(), r.to_vec(), s.to_vec())
}

/// `30 L 02 len(r) r 02 len(s) s`, with r and s as given (they start below 0x80 or are padded).
fn ber(r: &[u8], s: &[u8]) -> Vec<u8> {
    let mut out = vec![0x30, (4 + r.len() + s.len()) as u8, 0x02, r.len() as u8];
    out.extend_from_slice(r);
    out.extend([0x02, s.len() as u8]);
    out.extend_from_slice(s);
    out
}

#[test]
fn secp256k1_hash_types_high_s_and_lenient_ber() {
    let w = world();
    let message = b"strata";
    let digest = Sha256::digest(message);
    let (key, r, s) = k256_signature(&digest);
    let padded = |value: &[u8]| [&[0u8, 0][..], value].concat();
    let signature = ber(&padded(&r), &padded(&s));
    assert_ok(&w.call(1, "customSecp256k1", &[&key, message, &signature, &[1]]));
    // Hash type 257 is 1 (its low byte); 5 is not supported.
    assert_ok(&w.call(
        1,
        "managedCustomSecp256k1",
        &[&key, message, &signature, &[1, 1]],
    ));
    let out = w.call(
        1,
        "managedCustomSecp256k1",
        &[&key, message, &signature, &[5]],
    );
    assert_failed(&out, ReturnCode::ExecutionFailed, "secp256k1 verify error");
    // n − s verifies too.
    let n = unhex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
    let high_s = subtract(&n, &s);
    let signature = ber(&padded(&r), &padded(&high_s));
    assert_ok(&w.call(
        1,
        "managedCustomSecp256k1",
        &[&key, message, &signature, &[1]],
    ));
    // The memory form reads only the declared length: what follows is not part of it.
    let mut trailing = signature.clone();
    trailing.extend([0xee; 9]);
    assert_ok(&w.call(1, "customSecp256k1", &[&key, message, &trailing, &[1]]));
    // Other hash types: RIPEMD-160 (20 bytes, left-padded) and double SHA-256.
    let ripemd = ripemd::Ripemd160::digest(message);
    let (key, r, s) = k256_signature(&ripemd);
    let signature = ber(&padded(&r), &padded(&s));
    assert_ok(&w.call(
        1,
        "managedCustomSecp256k1",
        &[&key, message, &signature, &[4]],
    ));
    let double = Sha256::digest(Sha256::digest(message));
    let (key, r, s) = k256_signature(&double);
    let signature = ber(&padded(&r), &padded(&s));
    assert_ok(&w.call(1, "secp256k1", &[&key, message, &signature]));
}

/// `a − b` for 32-byte big-endian values, `a ≥ b`.
fn subtract(a: &[u8], b: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; 32];
    let mut borrow = 0i16;
    for i in (0..32).rev() {
        let mut digit = i16::from(a[i]) - i16::from(b[i]) - borrow;
        borrow = i16::from(digit < 0);
        if digit < 0 {
            digit += 256;
        }
        out[i] = digit as u8;
    }
    out
}

#[test]
fn secp256r1_as_in_the_production_scenario() {
    let w = world();
    let key = unhex("02bc52274edebbef8878eacc4d1e0ed4fb213e5b0737389701ae8d59c403325720");
    let message = unhex(
        "bf9facf48b2219db73b50c7ff59ceef2ada56632c71afc555d6bb4072d7634d1d9353acd53517ffb9a06\
         935a89a6454fcaa40c69becf9f8029a271fd252ea55307d00d6e97a30719d48d6b7f993af24e9c5438\
         1cba02a113238eaee9d741cababeb21aaf",
    );
    let signature = unhex(
        "c7877497444274267a4ea6f42deefde23a12e44f1ec1b437018e5c0e2834ce37\
         6dec1b81ebeacf5fbc6882e69af7cafad47bbb96cfb09e8d77d12afff7543052",
    );
    let out = w.call(1, "managedSecp256r1", &[&key, &message, &signature]);
    assert_ok(&out);
    // VerifySecp256r1 2 000 000 + DataCopyPerByte 100 × (33 + 100 + 64).
    assert_eq!(
        used(&out),
        w.call_cost(sc(1)) + 3 * get_argument_cost(&w) + 2_019_700
    );
    let mut tampered = signature.clone();
    tampered[0] = 0;
    let out = w.call(1, "managedSecp256r1", &[&key, &message, &tampered]);
    // The r1 path's failures all read as secp256k1's.
    assert_failed(&out, ReturnCode::ExecutionFailed, "secp256k1 verify error");
}

#[test]
fn secp256r1_refuses_high_s_with_the_masked_message() {
    let w = world();
    // RFC 6979 A.2.5 (P-256, SHA-256, "sample"): its S is high.
    let key = unhex("0360fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6");
    let r = unhex("efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716");
    let s = unhex("f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8");
    let n = unhex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
    let high = [r.clone(), s.clone()].concat();
    let low = [r, subtract(&n, &s)].concat();
    assert_ok(&w.call(1, "managedSecp256r1", &[&key, b"sample", &low]));
    let out = w.call(1, "managedSecp256r1", &[&key, b"sample", &high]);
    assert_failed(&out, ReturnCode::ExecutionFailed, "secp256k1 verify error");
    let out = w.call(1, "managedSecp256r1", &[&key[..32], b"sample", &low]);
    assert_failed(&out, ReturnCode::ExecutionFailed, "secp256k1 verify error");
}

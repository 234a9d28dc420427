//! Small integers (`i64`) as arguments and in storage: signed and unsigned encodings and
//! their range errors.

use blockchain_hooks::ReturnCode;

use crate::harness::*;

const SMALL_INTS: &str = r#"
(module
  (import "env" "smallIntGetSignedArgument" (func $signed_arg (param i32) (result i64)))
  (import "env" "smallIntGetUnsignedArgument" (func $unsigned_arg (param i32) (result i64)))
  (import "env" "smallIntFinishSigned" (func $finish_signed (param i64)))
  (import "env" "smallIntStorageStoreUnsigned" (func $store (param i32 i32 i64) (result i32)))
  (import "env" "smallIntStorageLoadUnsigned" (func $load (param i32 i32) (result i64)))
  (import "env" "smallIntStorageLoadSigned" (func $load_signed (param i32 i32) (result i64)))
  (memory (export "memory") 1)
  (data (i32.const 0) "small")
  (func (export "signedArg")
    (call $finish_signed (call $signed_arg (i32.const 0))))
  (func (export "storeUnsigned")
    (call $finish_signed (i64.extend_i32_s
      (call $store (i32.const 0) (i32.const 5) (call $unsigned_arg (i32.const 0)))))
    (call $finish_signed (call $load (i32.const 0) (i32.const 5))))
  (func (export "loadUnsigned")
    (call $finish_signed (call $load (i32.const 0) (i32.const 5))))
  (func (export "loadSigned")
    (call $finish_signed (call $load_signed (i32.const 0) (i32.const 5)))))
"#;

/// `value` as `smallIntFinishSigned` writes it: minimal two's complement, 0 as empty.
fn signed(value: i64) -> Vec<u8> {
    num_bigint::BigInt::from(value).to_signed_bytes_be()
}

#[test]
fn signed_arguments_read_as_twos_complement() {
    let w = World::free().contract(1, SMALL_INTS);
    for (arg, value) in [
        (vec![0xff], -1i64),
        (vec![0x7f], 127),
        (vec![0x00, 0x80], 128),
        (vec![0x80, 0, 0, 0, 0, 0, 0, 0], i64::MIN),
        (vec![], 0),
    ] {
        let out = w.call(1, "signedArg", &[&arg]);
        assert_ok(&out);
        let expected = if value == 0 { vec![] } else { signed(value) };
        assert_eq!(out.return_data, vec![expected], "{arg:02x?}");
    }
    let out = w.call(1, "signedArg", &[&[1, 0, 0, 0, 0, 0, 0, 0, 0]]);
    assert_failed(&out, ReturnCode::ExecutionFailed, "argument out of range");
    let out = w.call(1, "signedArg", &[]);
    assert_failed(
        &out,
        ReturnCode::ExecutionFailed,
        "argument index out of range",
    );
}

#[test]
fn unsigned_small_ints_round_trip_through_storage() {
    let w = World::free().contract(1, SMALL_INTS);
    let out = w.call(1, "storeUnsigned", &[&[0x01, 0x02]]);
    assert_ok(&out);
    // Storage status 2 (added), then the value read back.
    assert_eq!(out.return_data, vec![vec![2], signed(258)]);
    let stored = &out.output_accounts[&sc(1)].storage_updates[b"small".as_slice()];
    assert_eq!(stored, &vec![0x01, 0x02]);

    // u64::MAX is stored as 8 bytes of 0xff and reads back as -1 through an i64.
    let out = w.call(1, "storeUnsigned", &[&[0xff; 8]]);
    assert_ok(&out);
    assert_eq!(out.return_data[1], signed(-1));
    assert_eq!(
        out.output_accounts[&sc(1)].storage_updates[b"small".as_slice()],
        vec![0xff; 8]
    );
}

#[test]
fn stored_values_too_large_for_a_small_int_fail() {
    let mut w = World::free().contract(1, SMALL_INTS);
    w.chain.set_storage(sc(1), b"small", &[1; 9]);
    let out = w.call(1, "loadUnsigned", &[]);
    assert_failed(
        &out,
        ReturnCode::ExecutionFailed,
        "storage value out of range",
    );
    let out = w.call(1, "loadSigned", &[]);
    assert_failed(
        &out,
        ReturnCode::ExecutionFailed,
        "storage value out of range",
    );
}

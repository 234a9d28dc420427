//! Managed-buffer hooks: bytes, slices, appends, conversions, failures and gas.

use blockchain_hooks::ReturnCode;

use crate::harness::*;

const BUFFERS: &str = r#"
(module
  (import "env" "mBufferNew" (func $new (result i32)))
  (import "env" "mBufferNewFromBytes" (func $from_bytes (param i32 i32) (result i32)))
  (import "env" "mBufferGetLength" (func $len (param i32) (result i32)))
  (import "env" "mBufferGetBytes" (func $get_bytes (param i32 i32) (result i32)))
  (import "env" "mBufferGetByteSlice" (func $get_slice (param i32 i32 i32 i32) (result i32)))
  (import "env" "mBufferCopyByteSlice" (func $copy_slice (param i32 i32 i32 i32) (result i32)))
  (import "env" "mBufferEq" (func $eq (param i32 i32) (result i32)))
  (import "env" "mBufferSetByteSlice" (func $set_slice (param i32 i32 i32 i32) (result i32)))
  (import "env" "mBufferAppend" (func $append (param i32 i32) (result i32)))
  (import "env" "mBufferAppendBytes" (func $append_bytes (param i32 i32 i32) (result i32)))
  (import "env" "mBufferToBigIntSigned" (func $to_big (param i32 i32) (result i32)))
  (import "env" "mBufferFromBigIntUnsigned" (func $from_big (param i32 i32) (result i32)))
  (import "env" "mBufferFromSmallIntSigned" (func $from_small (param i32 i64)))
  (import "env" "mBufferToSmallIntUnsigned" (func $to_small (param i32) (result i64)))
  (import "env" "managedBufferToHex" (func $hex (param i32 i32)))
  (import "env" "mBufferFinish" (func $finish (param i32) (result i32)))
  (import "env" "finish" (func $finish_bytes (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "hello world!abcdef\ff\7f")
  (func (export "helloWorld")
    (drop (call $from_bytes (i32.const 0) (i32.const 5)))
    (drop (call $from_bytes (i32.const 5) (i32.const 6)))
    (drop (call $append (i32.const 0) (i32.const 1)))
    (drop (call $finish (i32.const 0))))
  (func (export "slices")
    (drop (call $from_bytes (i32.const 12) (i32.const 6)))
    (drop (call $copy_slice (i32.const 0) (i32.const 1) (i32.const 3) (i32.const 1)))
    (drop (call $finish (i32.const 1)))
    (drop (call $get_slice (i32.const 0) (i32.const 4) (i32.const 2) (i32.const 100)))
    (call $finish_bytes (i32.const 100) (i32.const 2)))
  (func (export "overwrite")
    (drop (call $from_bytes (i32.const 0) (i32.const 11)))
    (drop (call $set_slice (i32.const 0) (i32.const 6) (i32.const 5) (i32.const 12)))
    (drop (call $append_bytes (i32.const 0) (i32.const 11) (i32.const 1)))
    (drop (call $finish (i32.const 0))))
  (func (export "compare")
    (drop (call $from_bytes (i32.const 0) (i32.const 5)))
    (drop (call $from_bytes (i32.const 0) (i32.const 5)))
    (drop (call $new))
    (if (i32.ne (call $eq (i32.const 0) (i32.const 1)) (i32.const 1)) (then unreachable))
    (if (i32.ne (call $eq (i32.const 0) (i32.const 2)) (i32.const 0)) (then unreachable))
    (if (i32.ne (call $len (i32.const 2)) (i32.const 0)) (then unreachable))
    (drop (call $get_bytes (i32.const 1) (i32.const 200)))
    (call $finish_bytes (i32.const 200) (call $len (i32.const 1))))
  (func (export "conversions")
    (drop (call $from_bytes (i32.const 18) (i32.const 2)))
    (drop (call $to_big (i32.const 0) (i32.const 7)))
    (drop (call $from_big (i32.const 1) (i32.const 7)))
    (drop (call $finish (i32.const 1)))
    (call $hex (i32.const 0) (i32.const 2))
    (drop (call $finish (i32.const 2)))
    (call $from_small (i32.const 3) (i64.const -5))
    (drop (call $finish (i32.const 3)))
    (if (i64.ne (call $to_small (i32.const 3)) (i64.const 5)) (then unreachable)))
  (func (export "sliceOutOfRange")
    (drop (call $from_bytes (i32.const 0) (i32.const 5)))
    (drop (call $finish (call $from_small_result
      (call $get_slice (i32.const 0) (i32.const 3) (i32.const 3) (i32.const 100))))))
  (func (export "negativeSlice")
    (drop (call $from_bytes (i32.const 0) (i32.const 5)))
    (drop (call $finish (call $from_small_result
      (call $copy_slice (i32.const 0) (i32.const -1) (i32.const 2) (i32.const 1))))))
  (func (export "setSliceOutOfRange")
    (drop (call $from_bytes (i32.const 0) (i32.const 5)))
    (drop (call $finish (call $from_small_result
      (call $set_slice (i32.const 0) (i32.const 4) (i32.const 2) (i32.const 0))))))
  (func $from_small_result (param $code i32) (result i32)
    (local $h i32)
    (local.set $h (call $new))
    (call $from_small (local.get $h) (i64.extend_i32_s (local.get $code)))
    (local.get $h))
  (func (export "missingLength")
    (drop (call $len (i32.const 42))))
  (func (export "missingAccumulator")
    (drop (call $from_bytes (i32.const 0) (i32.const 5)))
    (drop (call $append (i32.const 42) (i32.const 0))))
  (func (export "badPointer")
    (drop (call $from_bytes (i32.const 65530) (i32.const 10))))
  (func (export "tooBigForUint64")
    (drop (call $from_bytes (i32.const 0) (i32.const 9)))
    (drop (call $to_small (i32.const 0)))))
"#;

#[test]
fn append_and_finish_charge_exactly() {
    let w = World::free().contract(1, BUFFERS);
    let out = w.call(1, "helloWorld", &[]);
    assert_ok(&out);
    assert_eq!(out.return_data, vec![b"hello world".to_vec()]);
    // MBufferNewFromBytes 2000 × 2 (no per-byte charge), MBufferAppend 2000 + 100 × 6,
    // MBufferFinish 1000 + PersistPerByte 1000 × 11.
    assert_eq!(used(&out), w.call_cost(sc(1)) + 4000 + 2600 + 12_000);
}

#[test]
fn slices_are_copied_out_and_into_buffers() {
    let w = World::free().contract(1, BUFFERS);
    let out = w.call(1, "slices", &[]);
    assert_ok(&out);
    assert_eq!(out.return_data, vec![b"bcd".to_vec(), b"ef".to_vec()]);
    let finish = w.schedule.base_ops_api_cost.finish;
    // NewFromBytes 2000; CopyByteSlice 2000 + 100 × 6 (source) + 100 × 3 (slice);
    // MBufferFinish 1000 + 1000 × 3; GetByteSlice 2000 + 100 × 6 (whole source);
    // finish + 1000 × 2.
    let hooks = 2000 + 2900 + 4000 + 2600 + finish + 2000;
    assert_eq!(used(&out), w.call_cost(sc(1)) + hooks);
}

#[test]
fn byte_slices_are_overwritten_in_place() {
    let w = World::free().contract(1, BUFFERS);
    let out = w.call(1, "overwrite", &[]);
    assert_ok(&out);
    assert_eq!(out.return_data, vec![b"hello abcde!".to_vec()]);
}

#[test]
fn equality_and_lengths() {
    let w = World::free().contract(1, BUFFERS);
    let out = w.call(1, "compare", &[]);
    assert_ok(&out);
    assert_eq!(out.return_data, vec![b"hello".to_vec()]);
}

#[test]
fn conversions_to_big_ints_hex_and_small_ints() {
    let w = World::free().contract(1, BUFFERS);
    let out = w.call(1, "conversions", &[]);
    assert_ok(&out);
    // 0xff7f signed is -129: its magnitude is 0x81. mBufferFromSmallIntSigned drops the sign
    // of -5, as the production VM does.
    assert_eq!(out.return_data, vec![vec![0x81], b"ff7f".to_vec(), vec![5]]);
}

#[test]
fn slices_outside_the_buffer_answer_1_and_execution_goes_on() {
    let w = World::free().contract(1, BUFFERS);
    for function in ["sliceOutOfRange", "negativeSlice", "setSliceOutOfRange"] {
        let out = w.call(1, function, &[]);
        assert_ok(&out);
        assert_eq!(out.return_data, vec![vec![1]], "{function}");
    }
}

#[test]
fn failures_stop_execution_with_the_production_messages() {
    let w = World::free().contract(1, BUFFERS);
    let cases = [
        ("missingLength", "no managed buffer under the given handle"),
        (
            "missingAccumulator",
            "no managed buffer under the given handle",
        ),
        ("badPointer", "mem load: bad bounds"),
        ("tooBigForUint64", "bytes cannot be parsed as uint64"),
    ];
    for (function, message) in cases {
        let out = w.call(1, function, &[]);
        assert_failed(&out, ReturnCode::ExecutionFailed, message);
    }
}

const RANDOM: &str = r#"
(module
  (import "env" "mBufferSetRandom" (func $random (param i32 i32) (result i32)))
  (import "env" "mBufferFinish" (func $finish (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "twoDraws")
    (drop (call $random (i32.const 1) (i32.const 10)))
    (drop (call $finish (i32.const 1)))
    (drop (call $random (i32.const 2) (i32.const 5)))
    (drop (call $finish (i32.const 2))))
  (func (export "zeroLength")
    (drop (call $random (i32.const 1) (i32.const 0)))))
"#;

#[test]
fn random_bytes_are_the_production_generators_and_the_draws_continue() {
    // Expected bytes computed independently from Go's math/rand, seeded with the first 8 bytes
    // of sha256(48 zero bytes ‖ 48 zero bytes ‖ the harness's tx hash c1…c1): the two draws
    // continue one stream.
    let mut w = World::free().contract(1, RANDOM);
    w.chain.previous_block.random_seed = vec![0; 48];
    w.chain.current_block.random_seed = vec![0; 48];
    let out = w.call(1, "twoDraws", &[]);
    assert_ok(&out);
    let hex = |b: &Vec<u8>| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
    let drawn: Vec<String> = out.return_data.iter().map(hex).collect();
    assert_eq!(drawn, ["796219b495b942dd5362", "4cdfeb4f0b"]);
    // MBufferSetRandom 6000 + 100 × 10, then 6000 + 100 × 5; MBufferFinish 1000 + 1000 × len.
    let hooks = 7000 + 11_000 + 6500 + 6000;
    assert_eq!(used(&out), w.call_cost(sc(1)) + hooks);
    assert_eq!(w.call(1, "twoDraws", &[]), out, "deterministic");
    // A chain without seeds (the production test world's blocks without one) seeds the
    // generator with the transaction hash alone: another stream.
    let w = World::free().contract(1, RANDOM);
    assert_ne!(w.call(1, "twoDraws", &[]).return_data, out.return_data);
}

#[test]
fn random_buffers_need_a_positive_length() {
    let w = World::free().contract(1, RANDOM);
    let out = w.call(1, "zeroLength", &[]);
    assert_failed(
        &out,
        ReturnCode::ExecutionFailed,
        "length of buffer is not correct",
    );
}

//! The managed-buffer hooks run on a [`Context`] over a
//! [`MemoryInstance`](crate::testing::MemoryInstance), with gas schedule v4 (`MBufferNew`
//! 2000, `MBufferToBigIntSigned` 5000, `DataCopyPerByte` 100, …).

use executor_api::{EarlyExit, ReturnCode, messages};

use super::*;
use crate::errors;
use crate::managed::MAX_BUFFER_BYTES;
use crate::managed::test_env::{TestEnv, big, instance};

fn assert_failed(result: Result<impl std::fmt::Debug, EarlyExit>, message: &str) {
    let err = result.expect_err("the hook should stop execution");
    assert_eq!(err.code, ReturnCode::ExecutionFailed, "{err}");
    assert_eq!(err.message, message);
}

#[test]
fn new_length_and_bytes() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(1_000_000);
    inst.memory[0..5].copy_from_slice(b"hello");
    let empty = mbuffer_new(&mut ctx, &mut inst).unwrap();
    let hello = mbuffer_new_from_bytes(&mut ctx, &mut inst, 0, 5).unwrap();
    assert_eq!((empty, hello), (0, 1));
    // MBufferNew 2000 + MBufferNewFromBytes 2000, no per-byte charge.
    assert_eq!(inst.gas_used, 4000);
    assert_eq!(mbuffer_get_length(&mut ctx, &mut inst, hello).unwrap(), 5);
    assert_eq!(mbuffer_get_length(&mut ctx, &mut inst, empty).unwrap(), 0);
    let before = inst.gas_used;
    assert_eq!(
        mbuffer_get_bytes(&mut ctx, &mut inst, hello, 100).unwrap(),
        0
    );
    assert_eq!(&inst.memory[100..105], b"hello");
    assert_eq!(inst.gas_used - before, 2000 + 5 * 100);

    let missing = errors::NO_MANAGED_BUFFER_UNDER_HANDLE;
    assert_failed(mbuffer_get_length(&mut ctx, &mut inst, 9), missing);
    assert_failed(mbuffer_get_bytes(&mut ctx, &mut inst, 9, 0), missing);
    let outside = mbuffer_get_bytes(&mut ctx, &mut inst, hello, 1022);
    assert_failed(outside, messages::MEM_STORE_BAD_BOUNDS);
    let outside = mbuffer_new_from_bytes(&mut ctx, &mut inst, 1020, 5);
    assert_failed(outside, messages::MEM_LOAD_BAD_BOUNDS);
}

#[test]
fn slices_out_and_copies() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(1_000_000);
    ctx.managed().set_buffer(1, b"abcdef".to_vec());
    assert_eq!(
        mbuffer_get_byte_slice(&mut ctx, &mut inst, 1, 2, 3, 50).unwrap(),
        0
    );
    assert_eq!(&inst.memory[50..53], b"cde");
    // MBufferGetByteSlice 2000 + DataCopyPerByte × the whole source (6 bytes).
    assert_eq!(inst.gas_used, 2000 + 6 * 100);

    let before = inst.gas_used;
    assert_eq!(
        mbuffer_copy_byte_slice(&mut ctx, &mut inst, 1, 1, 2, 7).unwrap(),
        0
    );
    assert_eq!(ctx.managed().buffer(7).unwrap(), b"bc");
    assert_eq!(inst.gas_used - before, 2000 + 6 * 100 + 2 * 100);
    mbuffer_copy_byte_slice(&mut ctx, &mut inst, 1, 6, 0, 7).unwrap();
    assert_eq!(ctx.managed().buffer(7).unwrap(), b"");

    // Out of bounds: 1, and execution goes on (nothing written, nothing created).
    for (start, len) in [(4, 3), (-1, 2), (0, -1), (7, 0), (i32::MAX, 1)] {
        let slice = mbuffer_get_byte_slice(&mut ctx, &mut inst, 1, start, len, 0);
        assert_eq!(slice, Ok(1), "{start} {len}");
        let copy = mbuffer_copy_byte_slice(&mut ctx, &mut inst, 1, start, len, 8);
        assert_eq!(copy, Ok(1), "{start} {len}");
    }
    assert!(!ctx.managed().has_buffer(8));
    let missing = errors::NO_MANAGED_BUFFER_UNDER_HANDLE;
    assert_failed(
        mbuffer_get_byte_slice(&mut ctx, &mut inst, 9, 0, 0, 0),
        missing,
    );
    assert_failed(
        mbuffer_copy_byte_slice(&mut ctx, &mut inst, 9, 0, 0, 1),
        missing,
    );
}

#[test]
fn equality() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(1_000_000);
    ctx.managed().set_buffer(1, b"abc".to_vec());
    ctx.managed().set_buffer(2, b"abc".to_vec());
    ctx.managed().set_buffer(3, b"abd".to_vec());
    assert_eq!(mbuffer_eq(&mut ctx, &mut inst, 1, 2).unwrap(), 1);
    // MBufferCopyByteSlice 2000 + DataCopyPerByte × (3 + 3).
    assert_eq!(inst.gas_used, 2000 + 6 * 100);
    assert_eq!(mbuffer_eq(&mut ctx, &mut inst, 1, 3).unwrap(), 0);
    assert_eq!(mbuffer_eq(&mut ctx, &mut inst, 3, 3).unwrap(), 1);
    let missing = errors::NO_MANAGED_BUFFER_UNDER_HANDLE;
    assert_failed(mbuffer_eq(&mut ctx, &mut inst, 1, 9), missing);
    assert_failed(mbuffer_eq(&mut ctx, &mut inst, 9, 1), missing);
}

#[test]
fn set_bytes_and_byte_slices() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(1_000_000);
    inst.memory[0..4].copy_from_slice(b"wxyz");
    assert_eq!(mbuffer_set_bytes(&mut ctx, &mut inst, 5, 0, 4).unwrap(), 0);
    assert_eq!(ctx.managed().buffer(5).unwrap(), b"wxyz");
    assert_eq!(inst.gas_used, 2000 + 4 * 100);

    ctx.managed().set_buffer(1, b"abcdef".to_vec());
    let before = inst.gas_used;
    assert_eq!(
        mbuffer_set_byte_slice(&mut ctx, &mut inst, 1, 2, 3, 0).unwrap(),
        0
    );
    assert_eq!(ctx.managed().buffer(1).unwrap(), b"abwxyf");
    assert_eq!(inst.gas_used - before, 2000 + 3 * 100);
    mbuffer_set_byte_slice(&mut ctx, &mut inst, 1, 6, 0, 0).unwrap();

    let unchanged = ctx.managed().buffer(1).unwrap().to_vec();
    assert_eq!(
        mbuffer_set_byte_slice(&mut ctx, &mut inst, 1, 4, 3, 0),
        Ok(1)
    );
    assert_eq!(
        mbuffer_set_byte_slice(&mut ctx, &mut inst, 1, -1, 1, 0),
        Ok(1)
    );
    assert_eq!(ctx.managed().buffer(1).unwrap(), unchanged.as_slice());
    let missing = errors::NO_MANAGED_BUFFER_UNDER_HANDLE;
    assert_failed(
        mbuffer_set_byte_slice(&mut ctx, &mut inst, 9, 0, 1, 0),
        missing,
    );
    let negative_length = mbuffer_set_byte_slice(&mut ctx, &mut inst, 1, 0, -1, 0);
    assert_eq!(
        negative_length.unwrap_err().code,
        ReturnCode::ExecutionFailed
    );
    assert_eq!(ctx.managed().buffer(1).unwrap(), b"abwxyf");
}

#[test]
fn appends_need_an_existing_accumulator() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(1_000_000);
    ctx.managed().set_buffer(1, b"ab".to_vec());
    ctx.managed().set_buffer(2, b"cde".to_vec());
    assert_eq!(mbuffer_append(&mut ctx, &mut inst, 1, 2).unwrap(), 0);
    assert_eq!(ctx.managed().buffer(1).unwrap(), b"abcde");
    assert_eq!(inst.gas_used, 2000 + 3 * 100);
    mbuffer_append(&mut ctx, &mut inst, 1, 1).unwrap();
    assert_eq!(ctx.managed().buffer(1).unwrap(), b"abcdeabcde");

    inst.memory[0..2].copy_from_slice(b"!?");
    let before = inst.gas_used;
    assert_eq!(
        mbuffer_append_bytes(&mut ctx, &mut inst, 2, 0, 2).unwrap(),
        0
    );
    assert_eq!(ctx.managed().buffer(2).unwrap(), b"cde!?");
    assert_eq!(inst.gas_used - before, 2000 + 2 * 100);

    let missing = errors::NO_MANAGED_BUFFER_UNDER_HANDLE;
    assert_failed(mbuffer_append(&mut ctx, &mut inst, 9, 2), missing);
    assert_failed(mbuffer_append(&mut ctx, &mut inst, 2, 9), missing);
    assert_failed(mbuffer_append_bytes(&mut ctx, &mut inst, 9, 0, 2), missing);
    assert!(!ctx.managed().has_buffer(9));
}

#[test]
fn buffers_cannot_grow_past_the_limit() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(u64::MAX);
    ctx.managed()
        .set_buffer(1, vec![7; MAX_BUFFER_BYTES / 2 + 1]);
    let err = mbuffer_append(&mut ctx, &mut inst, 1, 1);
    assert_failed(err, errors::MANAGED_BUFFER_TOO_LARGE);
    let err = managed_buffer_to_hex(&mut ctx, &mut inst, 1, 2);
    assert_failed(err, errors::MANAGED_BUFFER_TOO_LARGE);
}

#[test]
fn big_int_conversions() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(1_000_000);
    ctx.managed().set_buffer(1, vec![0xff, 0x7f]);
    assert_eq!(
        mbuffer_to_big_int_signed(&mut ctx, &mut inst, 1, 2).unwrap(),
        0
    );
    assert_eq!(ctx.managed().big_int(2).unwrap(), &big(-129));
    // MBufferToBigIntSigned 5000 + DataCopyPerByte × 2 (Barnard).
    assert_eq!(inst.gas_used, 5000 + 2 * 100);
    mbuffer_to_big_int_unsigned(&mut ctx, &mut inst, 1, 3).unwrap();
    assert_eq!(ctx.managed().big_int(3).unwrap(), &big(0xff7f));
    assert_eq!(inst.gas_used, 5200 + 2000 + 2 * 100);

    let before = inst.gas_used;
    mbuffer_from_big_int_signed(&mut ctx, &mut inst, 4, 3).unwrap();
    assert_eq!(ctx.managed().buffer(4).unwrap(), &[0x00, 0xff, 0x7f]);
    mbuffer_from_big_int_unsigned(&mut ctx, &mut inst, 5, 2).unwrap();
    assert_eq!(ctx.managed().buffer(5).unwrap(), &[0x81]);
    assert_eq!(inst.gas_used - before, 5000 + 2000);
    ctx.managed().set_big_int(6, big(0));
    mbuffer_from_big_int_signed(&mut ctx, &mut inst, 4, 6).unwrap();
    assert_eq!(ctx.managed().buffer(4).unwrap(), b"");

    let no_buffer = errors::NO_MANAGED_BUFFER_UNDER_HANDLE;
    assert_failed(
        mbuffer_to_big_int_signed(&mut ctx, &mut inst, 9, 2),
        no_buffer,
    );
    let no_big_int = errors::NO_BIG_INT_UNDER_HANDLE;
    assert_failed(
        mbuffer_from_big_int_unsigned(&mut ctx, &mut inst, 1, 99),
        no_big_int,
    );
}

#[test]
fn small_int_conversions() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(1_000_000);
    let mut read = |bytes: &[u8], signed: bool| {
        ctx.managed().set_buffer(1, bytes.to_vec());
        if signed {
            mbuffer_to_small_int_signed(&mut ctx, &mut inst, 1)
        } else {
            mbuffer_to_small_int_unsigned(&mut ctx, &mut inst, 1)
        }
    };
    assert_eq!(read(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 1], false).unwrap(), 1);
    assert_eq!(read(&[0xff; 8], false).unwrap(), -1);
    assert_eq!(read(&[], false).unwrap(), 0);
    assert_failed(
        read(&[1, 0, 0, 0, 0, 0, 0, 0, 0], false),
        errors::BYTES_EXCEED_UINT64,
    );
    assert_eq!(read(&[0xff, 0xff, 0xff], true).unwrap(), -1);
    assert_eq!(read(&[0x00, 0x80], true).unwrap(), 128);
    assert_eq!(read(&[0x80], true).unwrap(), -128);
    assert_failed(
        read(&[0x00, 0x80, 0, 0, 0, 0, 0, 0, 0], true),
        errors::BYTES_EXCEED_INT64,
    );

    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(1_000_000);
    mbuffer_from_small_int_unsigned(&mut ctx, &mut inst, 2, -1).unwrap();
    assert_eq!(ctx.managed().buffer(2).unwrap(), &[0xff; 8]);
    mbuffer_from_small_int_unsigned(&mut ctx, &mut inst, 2, 0).unwrap();
    assert_eq!(ctx.managed().buffer(2).unwrap(), b"");
    assert_eq!(inst.gas_used, 2 * 2000);
    // The production VM drops the sign here (`big.NewInt(v).Bytes()`).
    mbuffer_from_small_int_signed(&mut ctx, &mut inst, 2, -5).unwrap();
    assert_eq!(ctx.managed().buffer(2).unwrap(), &[5]);
    mbuffer_from_small_int_signed(&mut ctx, &mut inst, 2, 256).unwrap();
    assert_eq!(ctx.managed().buffer(2).unwrap(), &[1, 0]);
    assert_eq!(inst.gas_used, 2 * 2000 + 2 * 5000);
    ctx.managed().set_buffer(3, vec![0; 4]);
    let before = inst.gas_used;
    mbuffer_to_small_int_signed(&mut ctx, &mut inst, 3).unwrap();
    assert_eq!(inst.gas_used - before, 5000 + 4 * 100);
}

#[test]
fn hex_encoding() {
    let env = TestEnv::new();
    let mut ctx = env.context();
    let mut inst = instance(1_000_000);
    ctx.managed().set_buffer(1, vec![0x00, 0xab, 0x10, 0xff]);
    managed_buffer_to_hex(&mut ctx, &mut inst, 1, 2).unwrap();
    assert_eq!(ctx.managed().buffer(2).unwrap(), b"00ab10ff");
    // MBufferSetBytes only.
    assert_eq!(inst.gas_used, 2000);
    let missing = errors::NO_MANAGED_BUFFER_UNDER_HANDLE;
    assert_failed(managed_buffer_to_hex(&mut ctx, &mut inst, 9, 2), missing);
}

#[test]
fn every_buffer_hook_is_implemented() {
    assert!(REFUSED.is_empty(), "{REFUSED:?}");
}

//! Endpoint arguments and results, and storage values, through the codec.
//!
//! An argument is decoded with [`load_arg`]: managed types straight from the VM
//! (`bigIntGetUnsignedArgument`, `mBufferGetArgument`), other types from the argument's bytes.
//! A result is encoded with [`finish`]: managed types and small integers with the VM's finish
//! hooks, other types as bytes. Failures stop the contract with the ecosystem's messages.

use alloc::vec::Vec;

use strata_codec::{
    DecodeError, EncodeError, TopDecode, TopDecodeInput, TopEncode, TopEncodeOutput,
};

use super::buffer_io::{BufferReader, managed_from_buffer, managed_to_buffer};
use super::specialized::{cast_value, is_managed, same};
use crate::error::{messages, signal_error, signal_error_buffer};
use crate::hooks;
use crate::types::{BigInt, BigUint, ManagedBuffer, ManagedVec};

/// The argument at `index` of the call, as codec input.
#[derive(Debug, Clone, Copy)]
pub struct ArgInput {
    index: i32,
}

impl ArgInput {
    /// The argument at `index`.
    pub fn new(index: i32) -> Self {
        Self { index }
    }

    /// The argument's bytes in a new managed buffer.
    pub fn to_buffer(self) -> ManagedBuffer {
        let buffer = ManagedBuffer::new();
        // SAFETY: handles only.
        unsafe { hooks::mbuffer_get_argument(self.index, buffer.handle()) };
        buffer
    }
}

impl TopDecodeInput for ArgInput {
    type NestedBuffer = BufferReader;

    fn byte_len(&self) -> usize {
        self.to_buffer().len()
    }

    fn into_bytes(self) -> Vec<u8> {
        self.to_buffer().to_vec()
    }

    fn into_max_size_buffer<const N: usize>(
        self,
        buffer: &mut [u8; N],
    ) -> Result<&[u8], DecodeError> {
        self.to_buffer().into_max_size_buffer(buffer)
    }

    fn supports_specialized_type<T: 'static>() -> bool {
        is_managed::<T>()
    }

    fn into_specialized<T: 'static>(self) -> Result<T, DecodeError> {
        if same::<T, BigUint>() {
            let result = BigUint::zero();
            // SAFETY: handles only.
            unsafe { hooks::big_int_get_unsigned_argument(self.index, result.handle()) };
            return cast_value(result);
        }
        if same::<T, BigInt>() {
            let result = BigInt::zero();
            // SAFETY: handles only.
            unsafe { hooks::big_int_get_signed_argument(self.index, result.handle()) };
            return cast_value(result);
        }
        managed_from_buffer(self.to_buffer())
    }

    fn into_nested_buffer(self) -> BufferReader {
        self.to_buffer().into_nested_buffer()
    }
}

/// The number of arguments of the call.
pub fn num_arguments() -> i32 {
    // SAFETY: no pointer.
    unsafe { hooks::get_num_arguments() }
}

/// Every argument of the call, as buffers (a callback reads the VM's arguments this way).
pub fn all_arguments() -> ManagedVec<ManagedBuffer> {
    let mut arguments = ManagedVec::new();
    for index in 0..num_arguments() {
        arguments.push(ArgInput::new(index).to_buffer());
    }
    arguments
}

/// Stops the contract with "wrong number of arguments" unless the call has at least
/// `minimum` arguments (an endpoint ending with a variadic parameter).
pub fn check_num_arguments_at_least(minimum: i32) {
    if num_arguments() < minimum {
        signal_error(messages::WRONG_NUMBER_OF_ARGUMENTS);
    }
}

/// Stops the contract unless the call has exactly `expected` arguments.
pub fn check_num_arguments(expected: i32) {
    if num_arguments() != expected {
        signal_error(messages::WRONG_NUMBER_OF_ARGUMENTS);
    }
}

/// Stops the contract unless the call carries no EGLD and no ESDT (`checkNoPayment`).
pub fn check_not_payable() {
    // SAFETY: no pointer.
    unsafe { hooks::check_no_payment() };
}

/// The argument at `index` decoded as `T`; on failure the contract stops with
/// `argument decode error (NAME): REASON`.
pub fn load_arg<T: TopDecode>(index: i32, name: &str) -> T {
    match T::top_decode(ArgInput::new(index)) {
        Ok(value) => value,
        Err(error) => {
            let mut message = ManagedBuffer::from(messages::ARG_DECODE_ERROR_1);
            message.append_bytes(name.as_bytes());
            message.append_bytes(messages::ARG_DECODE_ERROR_2.as_bytes());
            message.append_bytes(error.message_bytes());
            signal_error_buffer(&message)
        }
    }
}

/// The call's results, as codec output: each value becomes one result.
#[derive(Debug, Clone, Copy, Default)]
pub struct FinishOutput;

impl TopEncodeOutput for FinishOutput {
    type NestedBuffer = ManagedBuffer;

    fn set_slice_u8(self, bytes: &[u8]) {
        ManagedBuffer::new_from_bytes(bytes).finish();
    }

    fn set_u64(self, value: u64) {
        // SAFETY: no pointer.
        unsafe { hooks::small_int_finish_unsigned(value as i64) };
    }

    fn set_i64(self, value: i64) {
        // SAFETY: no pointer.
        unsafe { hooks::small_int_finish_signed(value) };
    }

    fn supports_specialized_type<T: 'static>() -> bool {
        is_managed::<T>()
    }

    fn set_specialized<T: 'static>(self, value: &T) -> Result<(), EncodeError> {
        if let Some(big) = super::specialized::cast_ref::<T, BigUint>(value) {
            big.finish();
            return Ok(());
        }
        if let Some(big) = super::specialized::cast_ref::<T, BigInt>(value) {
            big.finish();
            return Ok(());
        }
        managed_to_buffer(value)?.finish();
        Ok(())
    }

    fn start_nested_encode(&self) -> ManagedBuffer {
        ManagedBuffer::new()
    }

    fn finalize_nested_encode(self, buffer: ManagedBuffer) {
        buffer.finish();
    }
}

/// Adds `value` to the call's results; on failure the contract stops with
/// `endpoint result encode error: REASON`.
pub fn finish<T: TopEncode>(value: &T) {
    if let Err(error) = value.top_encode(FinishOutput) {
        encode_failure_message(messages::FINISH_ENCODE_ERROR, error);
    }
}

/// Stops the contract with `PREFIX` + the reason of `error`.
pub fn encode_failure_message(prefix: &str, error: EncodeError) -> ! {
    let mut message = ManagedBuffer::from(prefix);
    message.append_bytes(error.message_bytes());
    signal_error_buffer(&message)
}

/// The top-level encoding of `value` in a new managed buffer; on failure the contract stops.
pub fn top_encode_to_buffer<T: TopEncode>(value: &T) -> ManagedBuffer {
    let mut buffer = ManagedBuffer::new();
    if let Err(error) = value.top_encode(&mut buffer) {
        encode_failure_message(messages::FINISH_ENCODE_ERROR, error);
    }
    buffer
}

/// `T` decoded from the top-level encoding in `buffer`.
pub fn top_decode_from_buffer<T: TopDecode>(buffer: ManagedBuffer) -> Result<T, DecodeError> {
    T::top_decode(buffer)
}

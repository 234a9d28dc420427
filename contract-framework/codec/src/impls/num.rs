//! Integers and `bool`.

use crate::{
    DecodeError, EncodeError, NestedDecode, NestedDecodeInput, NestedEncode, NestedEncodeOutput,
    TopDecode, TopDecodeInput, TopEncode, TopEncodeOutput,
};
use alloc::vec::Vec;

impl NestedEncode for u8 {
    fn dep_encode<O: NestedEncodeOutput>(&self, dest: &mut O) -> Result<(), EncodeError> {
        dest.push_byte(*self);
        Ok(())
    }

    fn dep_encode_items<O: NestedEncodeOutput>(
        items: &[u8],
        dest: &mut O,
    ) -> Result<(), EncodeError> {
        dest.write(items);
        Ok(())
    }

    fn top_encode_items<O: TopEncodeOutput>(items: &[u8], output: O) -> Result<(), EncodeError> {
        output.set_slice_u8(items);
        Ok(())
    }
}

impl NestedDecode for u8 {
    fn dep_decode<I: NestedDecodeInput>(input: &mut I) -> Result<u8, DecodeError> {
        input.read_byte()
    }

    fn dep_decode_items<I: NestedDecodeInput>(
        count: usize,
        input: &mut I,
        into: &mut Vec<u8>,
    ) -> Result<(), DecodeError> {
        if count > input.remaining_len() {
            return Err(DecodeError::INPUT_TOO_SHORT);
        }
        let start = into.len();
        into.resize(start + count, 0);
        input.read_into(into.get_mut(start..).unwrap_or_default())
    }

    fn top_decode_items<I: TopDecodeInput>(input: I) -> Result<Vec<u8>, DecodeError> {
        Ok(input.into_bytes())
    }
}

/// Fixed-width big-endian nested encoding of the wider unsigned and signed integers.
macro_rules! nested_fixed_width {
    ($($ty:ty),*) => {$(
        impl NestedEncode for $ty {
            fn dep_encode<O: NestedEncodeOutput>(&self, dest: &mut O) -> Result<(), EncodeError> {
                dest.write(&self.to_be_bytes());
                Ok(())
            }
        }

        impl NestedDecode for $ty {
            fn dep_decode<I: NestedDecodeInput>(input: &mut I) -> Result<$ty, DecodeError> {
                let mut bytes = [0u8; size_of::<$ty>()];
                input.read_into(&mut bytes)?;
                Ok(<$ty>::from_be_bytes(bytes))
            }
        }
    )*};
}

nested_fixed_width!(u16, u32, u64, i8, i16, i32, i64);

/// Minimal big-endian top-level encoding of unsigned integers; a decoded value above the
/// type's maximum is "input too long", as in the ecosystem.
macro_rules! top_unsigned {
    ($($ty:ty => $max:expr),*) => {$(
        impl TopEncode for $ty {
            fn top_encode<O: TopEncodeOutput>(&self, output: O) -> Result<(), EncodeError> {
                output.set_u64(*self as u64);
                Ok(())
            }
        }

        impl TopDecode for $ty {
            fn top_decode<I: TopDecodeInput>(input: I) -> Result<$ty, DecodeError> {
                let value = input.into_u64()?;
                if value > $max as u64 {
                    return Err(DecodeError::INPUT_TOO_LONG);
                }
                Ok(value as $ty)
            }
        }
    )*};
}

top_unsigned!(u8 => u8::MAX, u16 => u16::MAX, u32 => u32::MAX, u64 => u64::MAX);

/// Minimal two's complement top-level encoding of signed integers; a decoded value outside the
/// type's range is "input out of range".
macro_rules! top_signed {
    ($($ty:ty),*) => {$(
        impl TopEncode for $ty {
            fn top_encode<O: TopEncodeOutput>(&self, output: O) -> Result<(), EncodeError> {
                output.set_i64(*self as i64);
                Ok(())
            }
        }

        impl TopDecode for $ty {
            fn top_decode<I: TopDecodeInput>(input: I) -> Result<$ty, DecodeError> {
                <$ty>::try_from(input.into_i64()?).map_err(|_| DecodeError::INPUT_OUT_OF_RANGE)
            }
        }
    )*};
}

top_signed!(i8, i16, i32, i64);

/// `usize` is a u32 everywhere (as on wasm32); on a 64-bit host a larger value does not encode.
fn usize_as_u32(value: usize) -> Result<u32, EncodeError> {
    u32::try_from(value).map_err(|_| EncodeError::LENGTH_TOO_LARGE)
}

impl NestedEncode for usize {
    fn dep_encode<O: NestedEncodeOutput>(&self, dest: &mut O) -> Result<(), EncodeError> {
        usize_as_u32(*self)?.dep_encode(dest)
    }
}

impl NestedDecode for usize {
    fn dep_decode<I: NestedDecodeInput>(input: &mut I) -> Result<usize, DecodeError> {
        Ok(u32::dep_decode(input)? as usize)
    }
}

impl TopEncode for usize {
    fn top_encode<O: TopEncodeOutput>(&self, output: O) -> Result<(), EncodeError> {
        usize_as_u32(*self)?.top_encode(output)
    }
}

impl TopDecode for usize {
    fn top_decode<I: TopDecodeInput>(input: I) -> Result<usize, DecodeError> {
        Ok(u32::top_decode(input)? as usize)
    }
}

/// `isize` is an i32 everywhere (as on wasm32).
fn isize_as_i32(value: isize) -> Result<i32, EncodeError> {
    i32::try_from(value).map_err(|_| EncodeError::LENGTH_TOO_LARGE)
}

impl NestedEncode for isize {
    fn dep_encode<O: NestedEncodeOutput>(&self, dest: &mut O) -> Result<(), EncodeError> {
        isize_as_i32(*self)?.dep_encode(dest)
    }
}

impl NestedDecode for isize {
    fn dep_decode<I: NestedDecodeInput>(input: &mut I) -> Result<isize, DecodeError> {
        Ok(i32::dep_decode(input)? as isize)
    }
}

impl TopEncode for isize {
    fn top_encode<O: TopEncodeOutput>(&self, output: O) -> Result<(), EncodeError> {
        isize_as_i32(*self)?.top_encode(output)
    }
}

impl TopDecode for isize {
    fn top_decode<I: TopDecodeInput>(input: I) -> Result<isize, DecodeError> {
        Ok(i32::top_decode(input)? as isize)
    }
}

impl NestedEncode for bool {
    fn dep_encode<O: NestedEncodeOutput>(&self, dest: &mut O) -> Result<(), EncodeError> {
        dest.push_byte(u8::from(*self));
        Ok(())
    }
}

impl NestedDecode for bool {
    fn dep_decode<I: NestedDecodeInput>(input: &mut I) -> Result<bool, DecodeError> {
        match input.read_byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(DecodeError::INVALID_VALUE),
        }
    }
}

/// `true` is `01`, `false` is empty.
impl TopEncode for bool {
    fn top_encode<O: TopEncodeOutput>(&self, output: O) -> Result<(), EncodeError> {
        output.set_slice_u8(if *self { &[1] } else { &[] });
        Ok(())
    }
}

/// Empty is `false`, `01` is `true`; any other single byte is "invalid value", two or more
/// bytes "input too long".
impl TopDecode for bool {
    fn top_decode<I: TopDecodeInput>(input: I) -> Result<bool, DecodeError> {
        let mut buffer = [0u8; 1];
        match input.into_max_size_buffer(&mut buffer)? {
            [] => Ok(false),
            [1] => Ok(true),
            _ => Err(DecodeError::INVALID_VALUE),
        }
    }
}

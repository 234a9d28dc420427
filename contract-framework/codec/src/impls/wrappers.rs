//! `()`, references, `Box<T>` and `Option<T>`.

use alloc::boxed::Box;

use crate::{
    DecodeError, EncodeError, NestedDecode, NestedDecodeInput, NestedEncode, NestedEncodeOutput,
    TopDecode, TopDecodeInput, TopEncode, TopEncodeOutput, top_decode_from_nested,
};

/// `()` encodes to nothing.
impl NestedEncode for () {
    fn dep_encode<O: NestedEncodeOutput>(&self, _dest: &mut O) -> Result<(), EncodeError> {
        Ok(())
    }
}

/// `()` reads nothing.
impl NestedDecode for () {
    fn dep_decode<I: NestedDecodeInput>(_input: &mut I) -> Result<(), DecodeError> {
        Ok(())
    }
}

/// `()` is empty at top level.
impl TopEncode for () {
    fn top_encode<O: TopEncodeOutput>(&self, output: O) -> Result<(), EncodeError> {
        output.set_slice_u8(&[]);
        Ok(())
    }
}

/// `()` at top level must be empty ("input too long" otherwise).
impl TopDecode for () {
    fn top_decode<I: TopDecodeInput>(input: I) -> Result<(), DecodeError> {
        top_decode_from_nested(input)
    }
}

impl<T: NestedEncode + ?Sized> NestedEncode for &T {
    fn dep_encode<O: NestedEncodeOutput>(&self, dest: &mut O) -> Result<(), EncodeError> {
        (**self).dep_encode(dest)
    }
}

impl<T: TopEncode + ?Sized> TopEncode for &T {
    fn top_encode<O: TopEncodeOutput>(&self, output: O) -> Result<(), EncodeError> {
        (**self).top_encode(output)
    }
}

/// A box encodes as its content.
impl<T: NestedEncode + ?Sized> NestedEncode for Box<T> {
    fn dep_encode<O: NestedEncodeOutput>(&self, dest: &mut O) -> Result<(), EncodeError> {
        (**self).dep_encode(dest)
    }
}

impl<T: NestedDecode> NestedDecode for Box<T> {
    fn dep_decode<I: NestedDecodeInput>(input: &mut I) -> Result<Self, DecodeError> {
        T::dep_decode(input).map(Box::new)
    }
}

impl<T: TopEncode + ?Sized> TopEncode for Box<T> {
    fn top_encode<O: TopEncodeOutput>(&self, output: O) -> Result<(), EncodeError> {
        (**self).top_encode(output)
    }
}

impl<T: TopDecode> TopDecode for Box<T> {
    fn top_decode<I: TopDecodeInput>(input: I) -> Result<Self, DecodeError> {
        T::top_decode(input).map(Box::new)
    }
}

/// Nested: `00` for `None`, `01` then the value for `Some`.
impl<T: NestedEncode> NestedEncode for Option<T> {
    fn dep_encode<O: NestedEncodeOutput>(&self, dest: &mut O) -> Result<(), EncodeError> {
        match self {
            None => {
                dest.push_byte(0);
                Ok(())
            }
            Some(value) => {
                dest.push_byte(1);
                value.dep_encode(dest)
            }
        }
    }
}

/// Nested: a tag other than `00`/`01` is "invalid value".
impl<T: NestedDecode> NestedDecode for Option<T> {
    fn dep_decode<I: NestedDecodeInput>(input: &mut I) -> Result<Self, DecodeError> {
        match input.read_byte()? {
            0 => Ok(None),
            1 => T::dep_decode(input).map(Some),
            _ => Err(DecodeError::INVALID_VALUE),
        }
    }
}

/// Top level: `None` is empty, `Some` is `01` then the value nested (so `Some(0)` differs
/// from `None`).
impl<T: NestedEncode> TopEncode for Option<T> {
    fn top_encode<O: TopEncodeOutput>(&self, output: O) -> Result<(), EncodeError> {
        match self {
            None => {
                output.set_slice_u8(&[]);
                Ok(())
            }
            Some(value) => {
                let mut buffer = output.start_nested_encode();
                buffer.push_byte(1);
                value.dep_encode(&mut buffer)?;
                output.finalize_nested_encode(buffer);
                Ok(())
            }
        }
    }
}

/// Top level: empty or a lone `00` is `None`; `01` + the value nested is `Some`; another tag
/// is "invalid value", bytes after the value "input too long".
impl<T: NestedDecode> TopDecode for Option<T> {
    fn top_decode<I: TopDecodeInput>(input: I) -> Result<Self, DecodeError> {
        let mut buffer = input.into_nested_buffer();
        if buffer.is_depleted() {
            return Ok(None);
        }
        let value = match buffer.read_byte()? {
            0 => None,
            1 => Some(T::dep_decode(&mut buffer)?),
            _ => return Err(DecodeError::INVALID_VALUE),
        };
        if !buffer.is_depleted() {
            return Err(DecodeError::INPUT_TOO_LONG);
        }
        Ok(value)
    }
}

/// `PhantomData` encodes to nothing at both levels.
impl<T: ?Sized> NestedEncode for core::marker::PhantomData<T> {
    fn dep_encode<O: NestedEncodeOutput>(&self, _dest: &mut O) -> Result<(), EncodeError> {
        Ok(())
    }
}

impl<T: ?Sized> NestedDecode for core::marker::PhantomData<T> {
    fn dep_decode<I: NestedDecodeInput>(_input: &mut I) -> Result<Self, DecodeError> {
        Ok(core::marker::PhantomData)
    }
}

impl<T: ?Sized> TopEncode for core::marker::PhantomData<T> {
    fn top_encode<O: TopEncodeOutput>(&self, output: O) -> Result<(), EncodeError> {
        output.set_slice_u8(&[]);
        Ok(())
    }
}

/// Must be empty ("input too long" otherwise).
impl<T: ?Sized> TopDecode for core::marker::PhantomData<T> {
    fn top_decode<I: TopDecodeInput>(input: I) -> Result<Self, DecodeError> {
        top_decode_from_nested(input)
    }
}

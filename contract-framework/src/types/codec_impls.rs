//! The ecosystem's encoding of the managed types.
//!
//! Top-level: a buffer or token identifier is its bytes, a big integer its minimal big-endian
//! bytes (two's complement when signed, 0 = empty), an address its 32 bytes. Nested: the same
//! with a u32 big-endian length first, except the address (always 32 bytes). The framework's
//! own inputs and outputs take the specialized paths (no copy through contract memory).

use strata_codec::{
    DecodeError, EncodeError, NestedDecode, NestedDecodeInput, NestedEncode, NestedEncodeOutput,
    TopDecode, TopDecodeInput, TopEncode, TopEncodeOutput,
};

use crate::types::{
    BigInt, BigUint, EsdtTokenPayment, ManagedAddress, ManagedBuffer, ManagedVec, ManagedVecItem,
    TokenIdentifier,
};

/// Writes a u32 big-endian length, or fails when `len` does not fit.
fn write_len<O: NestedEncodeOutput>(len: usize, dest: &mut O) -> Result<(), EncodeError> {
    let len = u32::try_from(len).map_err(|_| EncodeError::LENGTH_TOO_LARGE)?;
    dest.write(&len.to_be_bytes());
    Ok(())
}

/// Reads a u32 big-endian length and that many bytes into a new managed buffer.
fn read_sized_buffer<I: NestedDecodeInput>(input: &mut I) -> Result<ManagedBuffer, DecodeError> {
    let mut len = [0u8; 4];
    input.read_into(&mut len)?;
    let len = u32::from_be_bytes(len) as usize;
    if len > input.remaining_len() {
        return Err(DecodeError::INPUT_TOO_SHORT);
    }
    let mut bytes = alloc::vec![0u8; len];
    input.read_into(&mut bytes)?;
    Ok(ManagedBuffer::new_from_bytes(&bytes))
}

/// Nested encoding of a buffer: length, then the bytes (appended without a copy when the
/// output is a managed buffer).
fn write_sized_buffer<O: NestedEncodeOutput>(
    buffer: &ManagedBuffer,
    dest: &mut O,
) -> Result<(), EncodeError> {
    write_len(buffer.len(), dest)?;
    if O::supports_specialized_type::<ManagedBuffer>() {
        dest.push_specialized(buffer)
    } else {
        dest.write(&buffer.to_vec());
        Ok(())
    }
}

/// Implements the four codec traits of a managed type whose top-level encoding is a buffer
/// (`$to` gives it, `$from` reads it back).
macro_rules! buffer_codec {
    ($ty:ident, $to:expr, $from:expr) => {
        impl TopEncode for $ty {
            fn top_encode<O: TopEncodeOutput>(&self, output: O) -> Result<(), EncodeError> {
                if O::supports_specialized_type::<$ty>() {
                    return output.set_specialized(self);
                }
                let to: fn(&$ty) -> ManagedBuffer = $to;
                output.set_slice_u8(&to(self).to_vec());
                Ok(())
            }
        }

        impl TopDecode for $ty {
            fn top_decode<I: TopDecodeInput>(input: I) -> Result<Self, DecodeError> {
                if I::supports_specialized_type::<$ty>() {
                    return input.into_specialized();
                }
                let from: fn(ManagedBuffer) -> Result<$ty, DecodeError> = $from;
                from(ManagedBuffer::new_from_bytes(&input.into_bytes()))
            }
        }

        impl NestedEncode for $ty {
            fn dep_encode<O: NestedEncodeOutput>(&self, dest: &mut O) -> Result<(), EncodeError> {
                let to: fn(&$ty) -> ManagedBuffer = $to;
                write_sized_buffer(&to(self), dest)
            }
        }

        impl NestedDecode for $ty {
            fn dep_decode<I: NestedDecodeInput>(input: &mut I) -> Result<Self, DecodeError> {
                let from: fn(ManagedBuffer) -> Result<$ty, DecodeError> = $from;
                from(read_sized_buffer(input)?)
            }
        }
    };
}

buffer_codec!(
    ManagedBuffer,
    |b| ManagedBuffer::from_handle(b.handle()),
    Ok
);
buffer_codec!(
    TokenIdentifier,
    |t| ManagedBuffer::from_handle(t.handle()),
    |b| Ok(TokenIdentifier::from_buffer(b))
);
buffer_codec!(BigUint, BigUint::to_bytes_be_buffer, |b| Ok(
    BigUint::from_bytes_be_buffer(&b)
));
buffer_codec!(BigInt, BigInt::to_signed_bytes_be_buffer, |b| Ok(
    BigInt::from_signed_bytes_be_buffer(&b)
));

impl TopEncode for ManagedAddress {
    fn top_encode<O: TopEncodeOutput>(&self, output: O) -> Result<(), EncodeError> {
        if O::supports_specialized_type::<ManagedAddress>() {
            return output.set_specialized(self);
        }
        output.set_slice_u8(&self.to_array());
        Ok(())
    }
}

impl TopDecode for ManagedAddress {
    fn top_decode<I: TopDecodeInput>(input: I) -> Result<Self, DecodeError> {
        if I::supports_specialized_type::<ManagedAddress>() {
            return input.into_specialized();
        }
        let mut bytes = [0u8; 32];
        match input.byte_len() {
            32 => {
                let slice = input.into_max_size_buffer(&mut bytes)?;
                let mut array = [0u8; 32];
                array.copy_from_slice(slice);
                Ok(ManagedAddress::new_from_bytes(&array))
            }
            len if len < 32 => Err(DecodeError::INPUT_TOO_SHORT),
            _ => Err(DecodeError::INPUT_TOO_LONG),
        }
    }
}

impl NestedEncode for ManagedAddress {
    fn dep_encode<O: NestedEncodeOutput>(&self, dest: &mut O) -> Result<(), EncodeError> {
        if O::supports_specialized_type::<ManagedBuffer>() {
            return dest.push_specialized(self.as_buffer());
        }
        dest.write(&self.to_array());
        Ok(())
    }
}

impl NestedDecode for ManagedAddress {
    fn dep_decode<I: NestedDecodeInput>(input: &mut I) -> Result<Self, DecodeError> {
        let mut bytes = [0u8; 32];
        input.read_into(&mut bytes)?;
        Ok(ManagedAddress::new_from_bytes(&bytes))
    }
}

/// Nested: the token, the nonce (8 bytes), the amount.
impl NestedEncode for EsdtTokenPayment {
    fn dep_encode<O: NestedEncodeOutput>(&self, dest: &mut O) -> Result<(), EncodeError> {
        self.token_identifier.dep_encode(dest)?;
        self.token_nonce.dep_encode(dest)?;
        self.amount.dep_encode(dest)
    }
}

impl NestedDecode for EsdtTokenPayment {
    fn dep_decode<I: NestedDecodeInput>(input: &mut I) -> Result<Self, DecodeError> {
        Ok(EsdtTokenPayment {
            token_identifier: TokenIdentifier::dep_decode(input)?,
            token_nonce: u64::dep_decode(input)?,
            amount: BigUint::dep_decode(input)?,
        })
    }
}

impl TopEncode for EsdtTokenPayment {
    fn top_encode<O: TopEncodeOutput>(&self, output: O) -> Result<(), EncodeError> {
        strata_codec::top_encode_from_nested(self, output)
    }
}

impl TopDecode for EsdtTokenPayment {
    fn top_decode<I: TopDecodeInput>(input: I) -> Result<Self, DecodeError> {
        strata_codec::top_decode_from_nested(input)
    }
}

/// Top-level: the items' nested encodings back to back.
impl<T: ManagedVecItem + NestedEncode> TopEncode for ManagedVec<T> {
    fn top_encode<O: TopEncodeOutput>(&self, output: O) -> Result<(), EncodeError> {
        let mut buffer = output.start_nested_encode();
        for item in self {
            item.dep_encode(&mut buffer)?;
        }
        output.finalize_nested_encode(buffer);
        Ok(())
    }
}

impl<T: ManagedVecItem + NestedDecode> TopDecode for ManagedVec<T> {
    fn top_decode<I: TopDecodeInput>(input: I) -> Result<Self, DecodeError> {
        let mut reader = input.into_nested_buffer();
        let mut list = ManagedVec::new();
        while !reader.is_depleted() {
            list.push(T::dep_decode(&mut reader)?);
        }
        Ok(list)
    }
}

/// Nested: a u32 big-endian count, then the items.
impl<T: ManagedVecItem + NestedEncode> NestedEncode for ManagedVec<T> {
    fn dep_encode<O: NestedEncodeOutput>(&self, dest: &mut O) -> Result<(), EncodeError> {
        write_len(self.len(), dest)?;
        for item in self {
            item.dep_encode(dest)?;
        }
        Ok(())
    }
}

impl<T: ManagedVecItem + NestedDecode> NestedDecode for ManagedVec<T> {
    fn dep_decode<I: NestedDecodeInput>(input: &mut I) -> Result<Self, DecodeError> {
        let mut count = [0u8; 4];
        input.read_into(&mut count)?;
        let mut list = ManagedVec::new();
        for _ in 0..u32::from_be_bytes(count) {
            list.push(T::dep_decode(input)?);
        }
        Ok(list)
    }
}

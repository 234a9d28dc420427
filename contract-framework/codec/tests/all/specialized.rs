//! The extension points a framework uses: its own output and input types, taking some of its
//! types directly (say, a managed buffer by handle) and numbers without byte conversion.

use std::any::Any;

use strata_codec::{
    DecodeError, EncodeError, NestedDecode, NestedDecodeInput, NestedEncode, NestedEncodeOutput,
    TopDecode, TopDecodeInput, TopEncode, TopEncodeOutput,
};

/// Stands for a framework type held by handle.
#[derive(Debug, PartialEq, Clone, Copy)]
struct Handle(i32);

impl NestedEncode for Handle {
    fn dep_encode<O: NestedEncodeOutput>(&self, dest: &mut O) -> Result<(), EncodeError> {
        if O::supports_specialized_type::<Handle>() {
            return dest.push_specialized(self);
        }
        // The generic path: the handle's "contents", as a length-prefixed buffer.
        vec![self.0 as u8; 2].dep_encode(dest)
    }
}

impl NestedDecode for Handle {
    fn dep_decode<I: NestedDecodeInput>(input: &mut I) -> Result<Self, DecodeError> {
        if I::supports_specialized_type::<Handle>() {
            return input.read_specialized();
        }
        let bytes = Vec::<u8>::dep_decode(input)?;
        Ok(Handle(i32::from(
            *bytes.first().ok_or(DecodeError::INVALID_VALUE)?,
        )))
    }
}

impl TopEncode for Handle {
    fn top_encode<O: TopEncodeOutput>(&self, output: O) -> Result<(), EncodeError> {
        if O::supports_specialized_type::<Handle>() {
            return output.set_specialized(self);
        }
        output.set_slice_u8(&[self.0 as u8; 2]);
        Ok(())
    }
}

/// A framework output: records what it was given.
#[derive(Default, Debug, PartialEq)]
struct Recorder {
    bytes: Vec<u8>,
    handles: Vec<i32>,
    numbers: Vec<u64>,
}

impl NestedEncodeOutput for Recorder {
    fn write(&mut self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
    }

    fn supports_specialized_type<T: 'static>() -> bool {
        std::any::TypeId::of::<T>() == std::any::TypeId::of::<Handle>()
    }

    fn push_specialized<T: 'static>(&mut self, value: &T) -> Result<(), EncodeError> {
        let handle = (value as &dyn Any)
            .downcast_ref::<Handle>()
            .ok_or(EncodeError::UNSUPPORTED_OPERATION)?;
        self.handles.push(handle.0);
        Ok(())
    }
}

impl TopEncodeOutput for &mut Recorder {
    type NestedBuffer = Recorder;

    fn set_slice_u8(self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
    }

    fn set_u64(self, value: u64) {
        self.numbers.push(value);
    }

    fn supports_specialized_type<T: 'static>() -> bool {
        <Recorder as NestedEncodeOutput>::supports_specialized_type::<T>()
    }

    fn set_specialized<T: 'static>(self, value: &T) -> Result<(), EncodeError> {
        self.push_specialized(value)
    }

    fn start_nested_encode(&self) -> Recorder {
        Recorder::default()
    }

    fn finalize_nested_encode(self, buffer: Recorder) {
        self.bytes.extend(buffer.bytes);
        self.handles.extend(buffer.handles);
    }
}

/// A framework input: hands out handles from a list, bytes from a slice.
struct Source<'a> {
    bytes: &'a [u8],
    handles: Vec<i32>,
}

impl NestedDecodeInput for Source<'_> {
    fn remaining_len(&self) -> usize {
        self.bytes.len()
    }

    fn read_into(&mut self, into: &mut [u8]) -> Result<(), DecodeError> {
        self.bytes.read_into(into)
    }

    fn supports_specialized_type<T: 'static>() -> bool {
        std::any::TypeId::of::<T>() == std::any::TypeId::of::<Handle>()
    }

    fn read_specialized<T: 'static>(&mut self) -> Result<T, DecodeError> {
        if self.handles.is_empty() {
            return Err(DecodeError::INPUT_TOO_SHORT);
        }
        let mut slot: Option<T> = None;
        let handle = Handle(self.handles.remove(0));
        let target = (&mut slot as &mut dyn Any).downcast_mut::<Option<Handle>>();
        *target.ok_or(DecodeError::UNSUPPORTED_OPERATION)? = Some(handle);
        slot.ok_or(DecodeError::UNSUPPORTED_OPERATION)
    }
}

#[test]
fn outputs_take_their_own_types_directly() {
    let mut recorder = Recorder::default();
    (7u8, Handle(42), vec![Handle(1), Handle(2)])
        .top_encode(&mut recorder)
        .unwrap();
    assert_eq!(recorder.handles, [42, 1, 2]);
    // The other values still go through bytes: 7, then the list's count.
    assert_eq!(recorder.bytes, [7, 0, 0, 0, 2]);

    let mut recorder = Recorder::default();
    Handle(9).top_encode(&mut recorder).unwrap();
    assert_eq!(
        (recorder.handles.as_slice(), recorder.bytes.len()),
        (&[9][..], 0)
    );
}

#[test]
fn outputs_may_take_numbers_without_bytes() {
    let mut recorder = Recorder::default();
    300u32.top_encode(&mut recorder).unwrap();
    assert_eq!(recorder.numbers, [300]);
    assert!(recorder.bytes.is_empty());
}

#[test]
fn byte_outputs_and_inputs_use_the_generic_path() {
    let bytes = strata_codec::top_encode_to_vec_u8(&(Handle(5), 1u8)).unwrap();
    assert_eq!(bytes, [0, 0, 0, 2, 5, 5, 1]);
    assert_eq!(<(Handle, u8)>::top_decode(&bytes[..]), Ok((Handle(5), 1)));
}

#[test]
fn inputs_produce_their_own_types_directly() {
    let mut source = Source {
        bytes: &[0, 0, 0, 2, 3],
        handles: vec![10, 11],
    };
    let handles = Vec::<Handle>::dep_decode(&mut source).unwrap();
    assert_eq!(handles, [Handle(10), Handle(11)]);
    assert_eq!(u8::dep_decode(&mut source), Ok(3));
    assert_eq!(
        Handle::dep_decode(&mut source),
        Err(DecodeError::INPUT_TOO_SHORT)
    );
}

#[test]
fn top_inputs_default_to_no_specialization() {
    fn supports<I: TopDecodeInput>() -> bool {
        I::supports_specialized_type::<Handle>()
    }
    assert!(!supports::<&[u8]>());
    assert!(!supports::<Vec<u8>>());
    let result: Result<Handle, _> = (&[1u8][..]).into_specialized();
    assert_eq!(result, Err(DecodeError::UNSUPPORTED_OPERATION));
}

//! Tuples of up to 16 elements: the elements nested, one after the other, at both levels.

use crate::{
    DecodeError, EncodeError, NestedDecode, NestedDecodeInput, NestedEncode, NestedEncodeOutput,
    TopDecode, TopDecodeInput, TopEncode, TopEncodeOutput, top_decode_from_nested,
    top_encode_from_nested,
};

macro_rules! tuple_impls {
    ($(($($name:ident $index:tt)+))+) => {$(
        impl<$($name: NestedEncode),+> NestedEncode for ($($name,)+) {
            fn dep_encode<O: NestedEncodeOutput>(&self, dest: &mut O) -> Result<(), EncodeError> {
                $(self.$index.dep_encode(dest)?;)+
                Ok(())
            }
        }

        impl<$($name: NestedDecode),+> NestedDecode for ($($name,)+) {
            fn dep_decode<I: NestedDecodeInput>(input: &mut I) -> Result<Self, DecodeError> {
                Ok(($($name::dep_decode(input)?,)+))
            }
        }

        impl<$($name: NestedEncode),+> TopEncode for ($($name,)+) {
            fn top_encode<O: TopEncodeOutput>(&self, output: O) -> Result<(), EncodeError> {
                top_encode_from_nested(self, output)
            }
        }

        impl<$($name: NestedDecode),+> TopDecode for ($($name,)+) {
            fn top_decode<I: TopDecodeInput>(input: I) -> Result<Self, DecodeError> {
                top_decode_from_nested(input)
            }
        }
    )+};
}

tuple_impls! {
    (A 0)
    (A 0 B 1)
    (A 0 B 1 C 2)
    (A 0 B 1 C 2 D 3)
    (A 0 B 1 C 2 D 3 E 4)
    (A 0 B 1 C 2 D 3 E 4 F 5)
    (A 0 B 1 C 2 D 3 E 4 F 5 G 6)
    (A 0 B 1 C 2 D 3 E 4 F 5 G 6 H 7)
    (A 0 B 1 C 2 D 3 E 4 F 5 G 6 H 7 J 8)
    (A 0 B 1 C 2 D 3 E 4 F 5 G 6 H 7 J 8 K 9)
    (A 0 B 1 C 2 D 3 E 4 F 5 G 6 H 7 J 8 K 9 L 10)
    (A 0 B 1 C 2 D 3 E 4 F 5 G 6 H 7 J 8 K 9 L 10 M 11)
    (A 0 B 1 C 2 D 3 E 4 F 5 G 6 H 7 J 8 K 9 L 10 M 11 N 12)
    (A 0 B 1 C 2 D 3 E 4 F 5 G 6 H 7 J 8 K 9 L 10 M 11 N 12 P 13)
    (A 0 B 1 C 2 D 3 E 4 F 5 G 6 H 7 J 8 K 9 L 10 M 11 N 12 P 13 Q 14)
    (A 0 B 1 C 2 D 3 E 4 F 5 G 6 H 7 J 8 K 9 L 10 M 11 N 12 P 13 Q 14 R 15)
}

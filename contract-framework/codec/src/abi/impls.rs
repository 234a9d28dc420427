//! ABI names of Rust's own types, as the ecosystem spells them.

use alloc::{
    boxed::Box,
    format,
    string::{String, ToString},
    vec::Vec,
};

use super::{TypeAbi, TypeDescriptionContainer, TypeName};

macro_rules! named {
    ($($ty:ty => $name:literal),* $(,)?) => {$(
        impl TypeAbi for $ty {
            fn type_name() -> TypeName {
                $name.to_string()
            }
        }
    )*};
}

named! {
    u8 => "u8", u16 => "u16", u32 => "u32", u64 => "u64", usize => "u32",
    i8 => "i8", i16 => "i16", i32 => "i32", i64 => "i64", isize => "i32",
    bool => "bool", () => "()",
    String => "utf-8 string", str => "utf-8 string",
}

/// `bytes` for a list of `u8`, `List<T>` otherwise.
fn list_name<T: TypeAbi>() -> TypeName {
    let item = T::type_name();
    if item == "u8" {
        return "bytes".to_string();
    }
    format!("List<{item}>")
}

macro_rules! list {
    ($($ty:ty),*) => {$(
        impl<T: TypeAbi> TypeAbi for $ty {
            fn type_name() -> TypeName {
                list_name::<T>()
            }

            fn provide_type_descriptions(accumulator: &mut TypeDescriptionContainer) {
                T::provide_type_descriptions(accumulator);
            }
        }
    )*};
}

list!([T], Vec<T>);

/// References and boxes are named as their content (`Box<str>` is a string, `Box<[T]>` a list).
macro_rules! transparent {
    ($($ty:ty),*) => {$(
        impl<T: TypeAbi + ?Sized> TypeAbi for $ty {
            fn type_name() -> TypeName {
                T::type_name()
            }

            fn provide_type_descriptions(accumulator: &mut TypeDescriptionContainer) {
                T::provide_type_descriptions(accumulator);
            }
        }
    )*};
}

transparent!(&T, Box<T>);

impl<T: TypeAbi> TypeAbi for Option<T> {
    fn type_name() -> TypeName {
        format!("Option<{}>", T::type_name())
    }

    fn provide_type_descriptions(accumulator: &mut TypeDescriptionContainer) {
        T::provide_type_descriptions(accumulator);
    }
}

/// An endpoint returning `Result<T, E>` returns a `T` (an error stops the call).
impl<T: TypeAbi, E> TypeAbi for Result<T, E> {
    fn type_name() -> TypeName {
        T::type_name()
    }

    fn provide_type_descriptions(accumulator: &mut TypeDescriptionContainer) {
        T::provide_type_descriptions(accumulator);
    }
}

/// `array<N><T>`, e.g. `array32<u8>`.
impl<T: TypeAbi, const N: usize> TypeAbi for [T; N] {
    fn type_name() -> TypeName {
        format!("array{N}<{}>", T::type_name())
    }

    fn provide_type_descriptions(accumulator: &mut TypeDescriptionContainer) {
        T::provide_type_descriptions(accumulator);
    }
}

/// `tuple<A,B,…>`, no spaces.
macro_rules! tuple {
    ($(($($name:ident)+))+) => {$(
        impl<$($name: TypeAbi),+> TypeAbi for ($($name,)+) {
            fn type_name() -> TypeName {
                let names: Vec<String> = Vec::from([$($name::type_name()),+]);
                format!("tuple<{}>", names.join(","))
            }

            fn provide_type_descriptions(accumulator: &mut TypeDescriptionContainer) {
                $($name::provide_type_descriptions(accumulator);)+
            }
        }
    )+};
}

tuple! {
    (A)
    (A B)
    (A B C)
    (A B C D)
    (A B C D E)
    (A B C D E F)
    (A B C D E F G)
    (A B C D E F G H)
    (A B C D E F G H J)
    (A B C D E F G H J K)
    (A B C D E F G H J K L)
    (A B C D E F G H J K L M)
    (A B C D E F G H J K L M N)
    (A B C D E F G H J K L M N P)
    (A B C D E F G H J K L M N P Q)
    (A B C D E F G H J K L M N P Q R)
}

//! Type descriptions for the contract ABI (`<name>.abi.json`), in the ecosystem's format.
//!
//! [`TypeAbi::type_name`] gives a type's name as the ABI spells it (`u32`, `bytes`, `List<u64>`,
//! `Option<bool>`, `tuple<u8,bytes>`, `array32<u8>`, a struct's own name, …), and
//! [`TypeAbi::provide_type_descriptions`] adds the structs and enums a type uses to a
//! [`TypeDescriptionContainer`], which the framework writes as the ABI's `"types"` object
//! (see [`TypeDescriptionContainer::write_json`]).
//!
//! ```
//! use strata_codec::abi::{TypeAbi, TypeDescriptionContainer};
//!
//! assert_eq!(<Vec<u8>>::type_name(), "bytes");
//! assert_eq!(<Vec<Option<u32>>>::type_name(), "List<Option<u32>>");
//! assert_eq!(<(u8, [u8; 32])>::type_name(), "tuple<u8,array32<u8>>");
//! let mut types = TypeDescriptionContainer::new();
//! <(u8, String)>::provide_type_descriptions(&mut types);
//! assert!(types.is_empty()); // basic types need no description
//! ```

mod description;
mod impls;
mod json;

pub use description::{
    EnumVariantDescription, ExplicitEnumVariantDescription, StructFieldDescription, TypeContents,
    TypeDescription, TypeDescriptionContainer,
};

use alloc::string::String;

/// The derive (`#[derive(TypeAbi)]`), next to the trait of the same name.
pub use strata_codec_derive::TypeAbi;

/// A type's name as the ABI spells it.
pub type TypeName = String;

/// A type that appears in a contract's ABI.
pub trait TypeAbi {
    /// The type's ABI name.
    fn type_name() -> TypeName;

    /// Adds the descriptions of the structs and enums this type is or contains (its own first,
    /// then those of its fields). Basic types add nothing, the default.
    fn provide_type_descriptions(accumulator: &mut TypeDescriptionContainer) {
        let _ = accumulator;
    }
}

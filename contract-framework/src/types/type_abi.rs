//! The ABI names of the managed types, as the ecosystem spells them.

use alloc::string::String;

use strata_codec::abi::{
    StructFieldDescription, TypeAbi, TypeContents, TypeDescription, TypeDescriptionContainer,
    TypeName,
};

use crate::types::{
    BigInt, BigUint, EsdtTokenPayment, ManagedAddress, ManagedBuffer, ManagedVec, ManagedVecItem,
    TokenIdentifier,
};

macro_rules! named {
    ($ty:ty, $name:literal) => {
        impl TypeAbi for $ty {
            fn type_name() -> TypeName {
                String::from($name)
            }
        }
    };
}

named!(ManagedBuffer, "bytes");
named!(BigUint, "BigUint");
named!(BigInt, "BigInt");
named!(ManagedAddress, "Address");
named!(TokenIdentifier, "TokenIdentifier");

impl<T: ManagedVecItem + TypeAbi> TypeAbi for ManagedVec<T> {
    fn type_name() -> TypeName {
        let mut name = String::from("List<");
        name.push_str(&T::type_name());
        name.push('>');
        name
    }

    fn provide_type_descriptions(accumulator: &mut TypeDescriptionContainer) {
        T::provide_type_descriptions(accumulator);
    }
}

impl TypeAbi for EsdtTokenPayment {
    fn type_name() -> TypeName {
        String::from("EsdtTokenPayment")
    }

    fn provide_type_descriptions(accumulator: &mut TypeDescriptionContainer) {
        let name = Self::type_name();
        if !accumulator.reserve_type_name(name.clone()) {
            return;
        }
        let fields = alloc::vec![
            StructFieldDescription::new(&[], "token_identifier", TokenIdentifier::type_name()),
            StructFieldDescription::new(&[], "token_nonce", u64::type_name()),
            StructFieldDescription::new(&[], "amount", BigUint::type_name()),
        ];
        accumulator.insert(
            name,
            TypeDescription::new(&[], TypeContents::Struct(fields)),
        );
    }
}

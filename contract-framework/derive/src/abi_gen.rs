//! `pub fn abi_json()`: the contract's ABI (host builds only), assembled at run time from the
//! methods' signatures and the types' `TypeAbi`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Ident, Type};

use crate::model::{Method, Payable, Role, is_variadic};
use crate::rewrite::framework;

fn strip_reference(ty: &Type) -> &Type {
    match ty {
        Type::Reference(reference) => &reference.elem,
        other => other,
    }
}

fn is_unit(ty: &Type) -> bool {
    matches!(ty, Type::Tuple(tuple) if tuple.elems.is_empty())
}

fn endpoint_abi(method: &Method, name: &str) -> TokenStream {
    let f = framework();
    let docs = &method.docs;
    let only_owner = method.only_owner;
    let mutability = if method.readonly {
        "readonly"
    } else {
        "mutable"
    };
    let payable: Vec<&str> = match method.payable {
        Payable::No => vec![],
        Payable::Egld => vec!["EGLD"],
        Payable::Any => vec!["*"],
    };
    let inputs = method.args.iter().map(|arg| {
        let ty = strip_reference(&arg.ty);
        let label = arg.name.to_string();
        if is_variadic(ty) {
            quote!(abi.multi_param::<#ty>(#label))
        } else {
            quote!(abi.param::<#ty>(#label))
        }
    });
    let outputs = method.output.iter().filter(|ty| !is_unit(ty)).map(|ty| {
        if is_variadic(ty) {
            quote!(abi.multi_param::<#ty>(""))
        } else {
            quote!(abi.param::<#ty>(""))
        }
    });
    quote! {
        #f::abi::EndpointAbi {
            docs: vec![#(#docs.to_string()),*],
            name: #name.to_string(),
            only_owner: #only_owner,
            mutability: #mutability,
            payable_in_tokens: vec![#(#payable.to_string()),*],
            inputs: vec![#(#inputs),*],
            outputs: vec![#(#outputs),*],
        }
    }
}

fn event_abi(method: &Method, identifier: &str) -> TokenStream {
    let f = framework();
    let docs = &method.docs;
    let inputs = method.args.iter().map(|arg| {
        let ty = strip_reference(&arg.ty);
        let label = arg.name.to_string();
        if arg.indexed {
            quote!(abi.indexed_param::<#ty>(#label))
        } else {
            quote!(abi.param::<#ty>(#label))
        }
    });
    quote! {
        #f::abi::EventAbi {
            docs: vec![#(#docs.to_string()),*],
            identifier: #identifier.to_string(),
            inputs: vec![#(#inputs),*],
        }
    }
}

/// The `abi_json` function.
pub fn abi_function(trait_name: &Ident, docs: &[String], methods: &[Method]) -> TokenStream {
    let f = framework();
    let name = trait_name.to_string();
    let parts = methods.iter().filter_map(|method| match &method.role {
        Role::Init => {
            let endpoint = endpoint_abi(method, "init");
            Some(quote!(let e = #endpoint; abi.constructor = Some(e);))
        }
        Role::Upgrade => {
            let endpoint = endpoint_abi(method, "upgrade");
            Some(quote!(let e = #endpoint; abi.upgrade_constructor = Some(e);))
        }
        Role::Callback => Some(quote!(abi.has_callback = true;)),
        Role::Event(identifier) => {
            let event = event_abi(method, identifier);
            Some(quote!(let e = #event; abi.events.push(e);))
        }
        _ => method.export_name().map(|export| {
            let endpoint = endpoint_abi(method, &export);
            quote!(let e = #endpoint; abi.endpoints.push(e);)
        }),
    });
    quote! {
        /// The contract's ABI in the ecosystem's `.abi.json` format.
        #[cfg(not(target_arch = "wasm32"))]
        pub fn abi_json() -> #f::__private::String {
            use #f::__private::{ToString, vec};
            let mut abi = #f::abi::ContractAbi {
                crate_name: env!("CARGO_PKG_NAME").to_string(),
                crate_version: env!("CARGO_PKG_VERSION").to_string(),
                name: #name.to_string(),
                docs: vec![#(#docs.to_string()),*],
                ..Default::default()
            };
            #(#parts)*
            abi.to_json()
        }
    }
}

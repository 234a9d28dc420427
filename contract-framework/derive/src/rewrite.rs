//! The contract trait as emitted: our attributes removed, bodies given to storage and event
//! methods.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{FnArg, ItemTrait, TraitItem, TraitItemFn};

use crate::model::{METHOD_ATTRS, Method, Role};

/// The path of the framework in generated code.
pub fn framework() -> TokenStream {
    quote!(::strata_contract_framework)
}

/// Rewrites `item` in place: bodies for storage and event methods, our attributes stripped.
pub fn rewrite_trait(item: &mut ItemTrait, methods: &[Method]) -> syn::Result<()> {
    let mut index = 0;
    for trait_item in &mut item.items {
        let TraitItem::Fn(function) = trait_item else {
            continue;
        };
        let method = &methods[index];
        index += 1;
        if function.default.is_none() {
            let body = generated_body(method, function)?;
            function.default = Some(syn::parse2(quote!({ #body }))?);
            function.semi_token = None;
        }
        function
            .attrs
            .retain(|attr| !METHOD_ATTRS.iter().any(|name| attr.path().is_ident(name)));
        for input in &mut function.sig.inputs {
            if let FnArg::Typed(typed) = input {
                typed.attrs.retain(|attr| !attr.path().is_ident("indexed"));
            }
        }
    }
    Ok(())
}

fn generated_body(method: &Method, function: &TraitItemFn) -> syn::Result<TokenStream> {
    let f = framework();
    let key_args = |args: &[crate::model::Arg]| {
        let names = args.iter().map(|arg| &arg.name);
        quote!(#( #f::storage::append_key_arg(&mut __key, &#names); )*)
    };
    match &method.role {
        Role::StorageMapper(key) => {
            let append = key_args(&method.args);
            let Some(output) = &method.output else {
                return Err(syn::Error::new_spanned(
                    &function.sig,
                    "a storage mapper returns its mapper",
                ));
            };
            Ok(quote! {
                let mut __key = #f::types::ManagedBuffer::new_from_bytes(#key.as_bytes());
                #append
                <#output as #f::storage::StorageMapper>::new(__key)
            })
        }
        Role::StorageGet(key) => {
            let append = key_args(&method.args);
            Ok(quote! {
                let mut __key = #f::types::ManagedBuffer::new_from_bytes(#key.as_bytes());
                #append
                #f::io::storage_get(&__key)
            })
        }
        Role::StorageSet(key) => {
            let Some((value, key_args_list)) = method.args.split_last() else {
                return Err(syn::Error::new_spanned(
                    &function.sig,
                    "a storage setter takes the value as its last argument",
                ));
            };
            let append = key_args(key_args_list);
            let value = &value.name;
            Ok(quote! {
                let mut __key = #f::types::ManagedBuffer::new_from_bytes(#key.as_bytes());
                #append
                #f::io::storage_set(&__key, &#value)
            })
        }
        Role::Event(identifier) => event_body(method, function, identifier),
        _ => Err(syn::Error::new_spanned(
            &function.sig,
            "this contract method needs a body (or a #[storage_mapper], #[storage] or #[event] attribute)",
        )),
    }
}

fn event_body(
    method: &Method,
    function: &TraitItemFn,
    identifier: &str,
) -> syn::Result<TokenStream> {
    let f = framework();
    let topics = method.args.iter().filter(|a| a.indexed).map(|a| &a.name);
    let data: Vec<_> = method.args.iter().filter(|a| !a.indexed).collect();
    let emit = match data.as_slice() {
        [] => quote!(.emit()),
        [one] => {
            let name = &one.name;
            quote!(.emit_with_data(&#name))
        }
        _ => {
            return Err(syn::Error::new_spanned(
                &function.sig,
                "an event takes at most one argument that is not #[indexed] (its data)",
            ));
        }
    };
    Ok(quote! {
        #f::api::events::EventBuilder::new(#identifier.as_bytes())
            #( .topic(&#topics) )*
            #emit
    })
}

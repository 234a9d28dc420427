//! The `#[contract]` macro of the Strata contract framework.
//!
//! Applied to a trait, it keeps the trait (with bodies filled in for `#[storage_mapper]`,
//! `#[storage]`/`#[storage_get]`/`#[storage_set]` and `#[event]` methods), implements it for
//! `ContractObj`, and generates:
//! - `__endpoints::endpoint_NAME()` per export: the payable check (`#[payable("*")]`,
//!   `#[payable("EGLD")]`, none by default), the argument count check, argument decoding,
//!   the call, result encoding;
//! - on `wasm32` only, `extern "C"` exports under the export names (so that many contracts
//!   link into one native test binary);
//! - on the host, `pub fn native() -> NativeContract` and `pub fn abi_json() -> String`.
//!
//! Exports: `#[init]` → `init`, `#[upgrade]` → `upgrade`, `#[endpoint]`/`#[view]` → the
//! method's name or the one given (`#[view(getSum)]`), `#[callback]` → the method's name.

mod abi_gen;
mod endpoints;
mod model;
mod names;
mod rewrite;

use proc_macro::TokenStream;
use quote::quote;
use syn::{ItemTrait, TraitItem, parse_macro_input};

/// Turns a trait into a contract (see the crate docs).
#[proc_macro_attribute]
pub fn contract(attr: TokenStream, item: TokenStream) -> TokenStream {
    if !attr.is_empty() {
        return syn::Error::new(
            proc_macro2::Span::call_site(),
            "#[contract] takes no arguments",
        )
        .to_compile_error()
        .into();
    }
    let item = parse_macro_input!(item as ItemTrait);
    match expand(item) {
        Ok(tokens) => tokens.into(),
        Err(error) => error.to_compile_error().into(),
    }
}

fn expand(mut item: ItemTrait) -> syn::Result<proc_macro2::TokenStream> {
    let mut methods = Vec::new();
    for trait_item in &item.items {
        if let TraitItem::Fn(function) = trait_item {
            methods.push(model::read_method(function)?);
        }
    }
    names::check_export_names(&item, &methods)?;
    rewrite::rewrite_trait(&mut item, &methods)?;
    let trait_name = item.ident.clone();
    let docs = model::docs(&item.attrs);
    let wrappers = endpoints::wrappers(&trait_name, &methods);
    let exports = endpoints::wasm_exports(&methods);
    let native = endpoints::native_table(&methods);
    let abi = abi_gen::abi_function(&trait_name, &docs, &methods);
    Ok(quote! {
        #item

        /// The contract object: the trait's methods run on it.
        #[derive(Clone, Copy, Debug, Default)]
        pub struct ContractObj;

        impl #trait_name for ContractObj {}

        #wrappers
        #exports
        #native
        #abi
    })
}

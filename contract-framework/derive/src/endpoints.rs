//! The exported functions: one wrapper per endpoint (payable check, argument count, argument
//! decoding, the call, result encoding), the wasm exports (wasm32 only) and the native table.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::Ident;

use crate::model::{Method, Payable, Role, is_variadic};
use crate::rewrite::framework;

/// The exported methods with their export names.
pub fn exported(methods: &[Method]) -> Vec<(&Method, String)> {
    methods
        .iter()
        .filter_map(|m| m.export_name().map(|name| (m, name)))
        .collect()
}

/// The identifier of the wrapper of export `name`.
pub fn wrapper_ident(name: &str) -> Ident {
    Ident::new(&format!("endpoint_{name}"), Span::call_site())
}

/// The wrappers module: `pub fn endpoint_NAME()` for each export.
pub fn wrappers(trait_name: &Ident, methods: &[Method]) -> TokenStream {
    let f = framework();
    let functions = exported(methods).into_iter().map(|(method, name)| {
        let ident = wrapper_ident(&name);
        let method_ident = &method.ident;
        let payable = payable_check(method);
        let owner = if method.only_owner {
            quote!(#f::api::blockchain::check_caller_is_owner();)
        } else {
            quote!()
        };
        let variadic = method.args.last().is_some_and(|arg| is_variadic(&arg.ty));
        let count = if method.role == Role::Callback {
            quote!()
        } else if variadic {
            let n = method.args.len() as i32 - 1;
            quote!(#f::io::check_num_arguments_at_least(#n);)
        } else {
            let n = method.args.len() as i32;
            quote!(#f::io::check_num_arguments(#n);)
        };
        let names = method.args.iter().map(|arg| {
            let name = &arg.name;
            match arg.ty {
                syn::Type::Reference(_) => quote!(&#name),
                _ => quote!(#name),
            }
        });
        let loads = method.args.iter().enumerate().map(|(i, arg)| {
            let (name, index) = (&arg.name, i as i32);
            let ty = match &arg.ty {
                syn::Type::Reference(reference) => &*reference.elem,
                other => other,
            };
            let label = name.to_string();
            if is_variadic(ty) {
                quote!(let #name: #ty = <#ty>::load_remaining(#index, #label);)
            } else {
                quote!(let #name: #ty = #f::io::load_arg::<#ty>(#index, #label);)
            }
        });
        let call = quote!(<super::ContractObj as super::#trait_name>::#method_ident(&super::ContractObj, #(#names),*));
        let body = if method.output.as_ref().is_some_and(is_variadic) {
            quote!(let __result = #call; __result.finish_all();)
        } else if method.output.is_some() {
            quote!(let __result = #call; #f::io::finish(&__result);)
        } else {
            quote!(#call;)
        };
        let doc = format!("The `{name}` export: checks, decodes, calls, encodes.");
        quote! {
            #[doc = #doc]
            pub fn #ident() {
                #payable
                #owner
                #count
                #(#loads)*
                #body
            }
        }
    });
    quote! {
        /// The contract's exported functions, as plain Rust functions.
        #[doc(hidden)]
        #[allow(non_snake_case, clippy::let_unit_value, unused_imports)]
        pub mod __endpoints {
            use super::*;
            #(#functions)*
        }
    }
}

fn payable_check(method: &Method) -> TokenStream {
    let f = framework();
    if method.role == Role::Callback {
        return quote!();
    }
    match method.payable {
        Payable::Any => quote!(),
        Payable::Egld => quote! {
            if #f::api::call_value::esdt_transfer_count() > 0 {
                #f::signal_error(#f::messages::NON_PAYABLE_ESDT);
            }
        },
        Payable::No => quote!(#f::io::check_not_payable();),
    }
}

/// The wasm exports: `extern "C" fn` under each export name, on wasm32 only.
pub fn wasm_exports(methods: &[Method]) -> TokenStream {
    let exports = exported(methods).into_iter().map(|(_, name)| {
        let wrapper = wrapper_ident(&name);
        let ident = format_ident!("__export_{}", name);
        quote! {
            #[unsafe(export_name = #name)]
            pub extern "C" fn #ident() {
                super::__endpoints::#wrapper()
            }
        }
    });
    quote! {
        #[cfg(target_arch = "wasm32")]
        #[doc(hidden)]
        #[allow(non_snake_case)]
        mod __wasm_exports {
            #(#exports)*
        }
    }
}

/// `pub fn native()`: the native endpoint table (host builds only).
pub fn native_table(methods: &[Method]) -> TokenStream {
    let f = framework();
    let entries: Vec<_> = exported(methods)
        .into_iter()
        .map(|(_, name)| {
            let wrapper = wrapper_ident(&name);
            let native = format_ident!("__native_{}", name);
            let function = quote! {
                fn #native(
                    hooks: &mut dyn #f::native::VMHooks,
                    instance: &mut dyn #f::native::InstanceAccess,
                ) {
                    #f::native::run_endpoint(hooks, instance, __endpoints::#wrapper)
                }
            };
            (
                function,
                quote!((#name, #native as #f::native::NativeEndpoint)),
            )
        })
        .collect();
    let functions = entries.iter().map(|(function, _)| function);
    let table = entries.iter().map(|(_, entry)| entry);
    quote! {
        /// The contract compiled natively: its exported functions for the debugger executor.
        #[cfg(not(target_arch = "wasm32"))]
        #[allow(non_snake_case)]
        pub fn native() -> #f::native::NativeContract {
            #(#functions)*
            const ENDPOINTS: &[(&str, #f::native::NativeEndpoint)] = &[#(#table),*];
            #f::native::NativeContract {
                name: env!("CARGO_PKG_NAME"),
                endpoints: ENDPOINTS,
            }
        }
    }
}

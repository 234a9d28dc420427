//! `NestedEncode` and `TopEncode`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DataEnum, DeriveInput, Fields, Index, Path};

use crate::attrs::{bounded_generics, crate_path, discriminants, no_unions, variant_pattern};

/// Statements nested-encoding each expression (a reference to a field) into `__dest`.
fn encode_each(krate: &Path, values: &[TokenStream]) -> TokenStream {
    quote! { #( #krate::NestedEncode::dep_encode(#values, __dest)?; )* }
}

/// `&self.a`, `&self.0`, … for a struct's fields.
fn self_fields(fields: &Fields) -> Vec<TokenStream> {
    fields
        .iter()
        .enumerate()
        .map(|(index, field)| match &field.ident {
            Some(ident) => quote!(&self.#ident),
            None => {
                let index = Index::from(index);
                quote!(&self.#index)
            }
        })
        .collect()
}

/// `match self` arms nested-encoding each variant: its discriminant byte, then its fields.
fn nested_arms(krate: &Path, data: &DataEnum) -> syn::Result<Vec<TokenStream>> {
    let discriminants = discriminants(data)?;
    Ok(data
        .variants
        .iter()
        .zip(discriminants)
        .map(|(variant, discriminant)| {
            let (pattern, bindings) = variant_pattern(variant);
            let values: Vec<TokenStream> = bindings.iter().map(|b| quote!(#b)).collect();
            let fields = encode_each(krate, &values);
            quote! {
                #pattern => {
                    #krate::NestedEncode::dep_encode(&#discriminant, __dest)?;
                    #fields
                }
            }
        })
        .collect())
}

/// The body of `dep_encode` (with `__dest` in scope), also the nested part of `top_encode`.
fn nested_body(krate: &Path, input: &DeriveInput) -> syn::Result<TokenStream> {
    match &input.data {
        Data::Struct(data) => Ok(encode_each(krate, &self_fields(&data.fields))),
        Data::Enum(data) if data.variants.is_empty() => Ok(quote!(match *self {})),
        Data::Enum(data) => {
            let arms = nested_arms(krate, data)?;
            Ok(quote!(match self { #(#arms)* }))
        }
        Data::Union(union) => Err(no_unions(union.union_token.span)),
    }
}

/// The `NestedEncode` impl.
pub fn nested_encode(input: &DeriveInput) -> syn::Result<TokenStream> {
    let krate = crate_path(&input.attrs)?;
    let body = nested_body(&krate, input)?;
    let name = &input.ident;
    let generics = bounded_generics(input, quote!(#krate::NestedEncode));
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    Ok(quote! {
        impl #impl_generics #krate::NestedEncode for #name #ty_generics #where_clause {
            #[allow(unused_variables, unused_mut)]
            fn dep_encode<__O: #krate::NestedEncodeOutput>(
                &self,
                __dest: &mut __O,
            ) -> ::core::result::Result<(), #krate::EncodeError> {
                #body
                ::core::result::Result::Ok(())
            }
        }
    })
}

/// Statements building the nested encoding in the output's buffer and setting it.
fn via_buffer(krate: &Path, encode: TokenStream) -> TokenStream {
    quote! {
        let mut __buffer = #krate::TopEncodeOutput::start_nested_encode(&__output);
        {
            let __dest = &mut __buffer;
            #encode
        }
        #krate::TopEncodeOutput::finalize_nested_encode(__output, __buffer);
        ::core::result::Result::Ok(())
    }
}

/// `match self` arms top-encoding each variant: a fieldless one as its discriminant `u8`,
/// others as discriminant and fields nested.
fn top_arms(krate: &Path, data: &DataEnum) -> syn::Result<Vec<TokenStream>> {
    let discriminants = discriminants(data)?;
    Ok(data
        .variants
        .iter()
        .zip(discriminants)
        .map(|(variant, discriminant)| {
            let (pattern, bindings) = variant_pattern(variant);
            if bindings.is_empty() {
                return quote! {
                    #pattern => #krate::TopEncode::top_encode(&#discriminant, __output),
                };
            }
            let values: Vec<TokenStream> = bindings.iter().map(|b| quote!(#b)).collect();
            let fields = encode_each(krate, &values);
            let build = via_buffer(
                krate,
                quote! {
                    #krate::NestedEncode::dep_encode(&#discriminant, __dest)?;
                    #fields
                },
            );
            quote!(#pattern => { #build })
        })
        .collect())
}

/// The `TopEncode` impl.
pub fn top_encode(input: &DeriveInput) -> syn::Result<TokenStream> {
    let krate = crate_path(&input.attrs)?;
    let body = match &input.data {
        Data::Struct(data) => via_buffer(&krate, encode_each(&krate, &self_fields(&data.fields))),
        Data::Enum(data) if data.variants.is_empty() => quote!(match *self {}),
        Data::Enum(data) => {
            let arms = top_arms(&krate, data)?;
            quote!(match self { #(#arms)* })
        }
        Data::Union(union) => return Err(no_unions(union.union_token.span)),
    };
    let name = &input.ident;
    let generics = bounded_generics(input, quote!(#krate::NestedEncode));
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    Ok(quote! {
        impl #impl_generics #krate::TopEncode for #name #ty_generics #where_clause {
            #[allow(unused_variables, unused_mut)]
            fn top_encode<__O: #krate::TopEncodeOutput>(
                &self,
                __output: __O,
            ) -> ::core::result::Result<(), #krate::EncodeError> {
                #body
            }
        }
    })
}

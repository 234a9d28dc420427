//! `TypeAbi`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields, Path};

use crate::attrs::{bounded_generics, crate_path, discriminants, docs, field_names, no_unions};

/// `StructFieldDescription`s of `fields`, and statements describing their types.
fn describe_fields(krate: &Path, fields: &Fields) -> (TokenStream, TokenStream) {
    let names = field_names(fields);
    let descriptions = fields.iter().zip(&names).map(|(field, name)| {
        let ty = &field.ty;
        let docs = docs(&field.attrs);
        quote! {
            #krate::abi::StructFieldDescription::new(
                &[#(#docs),*],
                #name,
                <#ty as #krate::abi::TypeAbi>::type_name(),
            )
        }
    });
    let types = fields.iter().map(|field| &field.ty);
    (
        quote!(#krate::__private::vec![#(#descriptions),*]),
        quote!(#( <#types as #krate::abi::TypeAbi>::provide_type_descriptions(__accumulator); )*),
    )
}

/// The `TypeContents` expression and the statements describing the field types.
fn contents(krate: &Path, input: &DeriveInput) -> syn::Result<(TokenStream, TokenStream)> {
    match &input.data {
        Data::Struct(data) => {
            let (fields, nested) = describe_fields(krate, &data.fields);
            Ok((quote!(#krate::abi::TypeContents::Struct(#fields)), nested))
        }
        Data::Enum(data) => {
            let discriminants = discriminants(data)?;
            let mut variants = Vec::new();
            let mut nested = Vec::new();
            for (variant, discriminant) in data.variants.iter().zip(discriminants) {
                let (fields, describe) = describe_fields(krate, &variant.fields);
                let docs = docs(&variant.attrs);
                let name = variant.ident.to_string();
                let discriminant = usize::from(discriminant);
                variants.push(quote! {
                    #krate::abi::EnumVariantDescription::new(
                        &[#(#docs),*], #name, #discriminant, #fields,
                    )
                });
                nested.push(describe);
            }
            Ok((
                quote!(#krate::abi::TypeContents::Enum(#krate::__private::vec![#(#variants),*])),
                quote!(#(#nested)*),
            ))
        }
        Data::Union(union) => Err(no_unions(union.union_token.span)),
    }
}

/// `type_name()`: the type's identifier, followed by its type parameters' ABI names
/// (`Name<A,B>`) when it has any.
fn type_name(krate: &Path, input: &DeriveInput) -> TokenStream {
    let name = input.ident.to_string();
    let params: Vec<_> = input.generics.type_params().map(|p| &p.ident).collect();
    if params.is_empty() {
        return quote!(#krate::__private::String::from(#name));
    }
    quote! {
        let mut __name = #krate::__private::String::from(#name);
        __name.push('<');
        #(
            if !__name.ends_with('<') {
                __name.push(',');
            }
            __name.push_str(&<#params as #krate::abi::TypeAbi>::type_name());
        )*
        __name.push('>');
        __name
    }
}

/// The `TypeAbi` impl.
pub fn type_abi(input: &DeriveInput) -> syn::Result<TokenStream> {
    let krate = crate_path(&input.attrs)?;
    let (contents, nested) = contents(&krate, input)?;
    let name_body = type_name(&krate, input);
    let docs = docs(&input.attrs);
    let name = &input.ident;
    let generics = bounded_generics(input, quote!(#krate::abi::TypeAbi));
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    Ok(quote! {
        impl #impl_generics #krate::abi::TypeAbi for #name #ty_generics #where_clause {
            fn type_name() -> #krate::abi::TypeName {
                #name_body
            }

            fn provide_type_descriptions(
                __accumulator: &mut #krate::abi::TypeDescriptionContainer,
            ) {
                let __name = <Self as #krate::abi::TypeAbi>::type_name();
                if !__accumulator.reserve_type_name(::core::clone::Clone::clone(&__name)) {
                    return;
                }
                let __description =
                    #krate::abi::TypeDescription::new(&[#(#docs),*], #contents);
                __accumulator.insert(__name, __description);
                #nested
            }
        }
    })
}

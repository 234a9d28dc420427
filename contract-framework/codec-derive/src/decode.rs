//! `NestedDecode` and `TopDecode`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DataEnum, DeriveInput, Fields, Path};

use crate::attrs::{bounded_generics, construct, crate_path, discriminants, no_unions};

/// Builds `path` (`Self` or `Self::V`) with each field nested-decoded from `input`.
fn decode_fields(
    krate: &Path,
    path: TokenStream,
    fields: &Fields,
    input: &TokenStream,
) -> TokenStream {
    let values = fields
        .iter()
        .map(|field| {
            let ty = &field.ty;
            quote!(<#ty as #krate::NestedDecode>::dep_decode(#input)?)
        })
        .collect();
    construct(path, fields, values)
}

/// Match arms from a discriminant byte to the variant decoded from `input`, and the
/// catch-all "invalid value" arm. `wrap` turns a variant value into the arm's result.
fn variant_arms(
    krate: &Path,
    data: &DataEnum,
    input: &TokenStream,
    wrap: fn(TokenStream) -> TokenStream,
) -> syn::Result<TokenStream> {
    let discriminants = discriminants(data)?;
    let arms = data
        .variants
        .iter()
        .zip(discriminants)
        .map(|(variant, discriminant)| {
            let ident = &variant.ident;
            let value = wrap(decode_fields(
                krate,
                quote!(Self::#ident),
                &variant.fields,
                input,
            ));
            quote!(#discriminant => #value,)
        });
    Ok(quote! {
        #(#arms)*
        _ => return ::core::result::Result::Err(#krate::DecodeError::INVALID_VALUE),
    })
}

fn ok(value: TokenStream) -> TokenStream {
    quote!(::core::result::Result::Ok(#value))
}

fn plain(value: TokenStream) -> TokenStream {
    value
}

/// The `NestedDecode` impl.
pub fn nested_decode(input: &DeriveInput) -> syn::Result<TokenStream> {
    let krate = crate_path(&input.attrs)?;
    let source = quote!(__input);
    let body = match &input.data {
        Data::Struct(data) => ok(decode_fields(&krate, quote!(Self), &data.fields, &source)),
        Data::Enum(data) => {
            let arms = variant_arms(&krate, data, &source, ok)?;
            quote!(match <u8 as #krate::NestedDecode>::dep_decode(__input)? { #arms })
        }
        Data::Union(union) => return Err(no_unions(union.union_token.span)),
    };
    let name = &input.ident;
    let generics = bounded_generics(input, quote!(#krate::NestedDecode));
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    Ok(quote! {
        impl #impl_generics #krate::NestedDecode for #name #ty_generics #where_clause {
            #[allow(unused_variables, unused_mut)]
            fn dep_decode<__I: #krate::NestedDecodeInput>(
                __input: &mut __I,
            ) -> ::core::result::Result<Self, #krate::DecodeError> {
                #body
            }
        }
    })
}

/// Decodes `value_expr` from the whole input's nested buffer and refuses leftover bytes.
fn from_buffer(krate: &Path, value_expr: TokenStream) -> TokenStream {
    quote! {
        let mut __buffer = #krate::TopDecodeInput::into_nested_buffer(__input);
        let __value = #value_expr;
        if !#krate::NestedDecodeInput::is_depleted(&__buffer) {
            return ::core::result::Result::Err(#krate::DecodeError::INPUT_TOO_LONG);
        }
        ::core::result::Result::Ok(__value)
    }
}

/// The body of `top_decode` for an enum.
fn top_enum_body(krate: &Path, data: &DataEnum) -> syn::Result<TokenStream> {
    let all_fieldless = data.variants.iter().all(|v| v.fields.is_empty());
    if all_fieldless && !data.variants.is_empty() {
        let arms = variant_arms(krate, data, &quote!(__input), ok)?;
        return Ok(quote!(match <u8 as #krate::TopDecode>::top_decode(__input)? { #arms }));
    }
    // Empty input: the fieldless variant with discriminant 0 (it top-encodes as empty).
    let zero = data
        .variants
        .iter()
        .zip(discriminants(data)?)
        .find(|(v, d)| *d == 0 && v.fields.is_empty())
        .map(|(v, _)| {
            let ident = &v.ident;
            quote! {
                if #krate::TopDecodeInput::byte_len(&__input) == 0 {
                    return ::core::result::Result::Ok(Self::#ident);
                }
            }
        });
    let arms = variant_arms(krate, data, &quote!(&mut __buffer), plain)?;
    let decode = from_buffer(
        krate,
        quote!(match <u8 as #krate::NestedDecode>::dep_decode(&mut __buffer)? { #arms }),
    );
    Ok(quote!(#zero #decode))
}

/// The `TopDecode` impl.
pub fn top_decode(input: &DeriveInput) -> syn::Result<TokenStream> {
    let krate = crate_path(&input.attrs)?;
    let body = match &input.data {
        Data::Struct(data) => {
            let value = decode_fields(&krate, quote!(Self), &data.fields, &quote!(&mut __buffer));
            from_buffer(&krate, value)
        }
        Data::Enum(data) => top_enum_body(&krate, data)?,
        Data::Union(union) => return Err(no_unions(union.union_token.span)),
    };
    let name = &input.ident;
    let generics = bounded_generics(input, quote!(#krate::NestedDecode));
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    Ok(quote! {
        impl #impl_generics #krate::TopDecode for #name #ty_generics #where_clause {
            #[allow(unused_variables, unused_mut)]
            fn top_decode<__I: #krate::TopDecodeInput>(
                __input: __I,
            ) -> ::core::result::Result<Self, #krate::DecodeError> {
                #body
            }
        }
    })
}

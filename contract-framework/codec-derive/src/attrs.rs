//! What the derives read from the type: the codec's path, discriminants, docs, field names.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::{Attribute, DataEnum, DeriveInput, Expr, Fields, Generics, Ident, Lit, LitStr, Path};

/// The path the generated code names the codec by: `strata_codec` unless
/// `#[codec(crate = "...")]` says otherwise.
pub fn crate_path(attrs: &[Attribute]) -> syn::Result<Path> {
    let mut path: Path = syn::parse_quote!(strata_codec);
    for attr in attrs.iter().filter(|a| a.path().is_ident("codec")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("crate") {
                let value: LitStr = meta.value()?.parse()?;
                path = value.parse()?;
                Ok(())
            } else {
                Err(meta.error("expected `crate = \"path\"`"))
            }
        })?;
    }
    Ok(path)
}

/// The discriminant byte of each variant: explicit `= N` literals, otherwise one more than
/// the previous (0 for the first). Each must fit in a u8 and be unique.
pub fn discriminants(data: &DataEnum) -> syn::Result<Vec<u8>> {
    let mut result: Vec<u8> = Vec::with_capacity(data.variants.len());
    let mut next: u64 = 0;
    for variant in &data.variants {
        let value = match &variant.discriminant {
            Some((_, Expr::Lit(lit))) => match &lit.lit {
                Lit::Int(int) => int.base10_parse::<u64>()?,
                other => return Err(syn::Error::new_spanned(other, "expected an integer")),
            },
            Some((_, expr)) => {
                return Err(syn::Error::new_spanned(
                    expr,
                    "the codec takes integer literal discriminants only",
                ));
            }
            None => next,
        };
        let byte = u8::try_from(value).map_err(|_| {
            syn::Error::new_spanned(&variant.ident, "discriminant does not fit in a u8")
        })?;
        if result.contains(&byte) {
            return Err(syn::Error::new_spanned(
                &variant.ident,
                "two variants with the same discriminant",
            ));
        }
        result.push(byte);
        next = value + 1;
    }
    Ok(result)
}

/// Doc comment lines, each without the one space `///` leaves.
pub fn docs(attrs: &[Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                Expr::Lit(syn::ExprLit {
                    lit: Lit::Str(s), ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .map(|line| line.strip_prefix(' ').unwrap_or(&line).to_string())
        .collect()
}

/// The name each field has in the ABI: its identifier, or `0`, `1`, … for tuple fields.
pub fn field_names(fields: &Fields) -> Vec<String> {
    fields
        .iter()
        .enumerate()
        .map(|(index, field)| match &field.ident {
            Some(ident) => {
                let name = ident.to_string();
                name.strip_prefix("r#").unwrap_or(&name).to_string()
            }
            None => index.to_string(),
        })
        .collect()
}

/// A pattern matching a variant by reference, binding its fields to `__f0`, `__f1`, …, and
/// the bindings.
pub fn variant_pattern(variant: &syn::Variant) -> (TokenStream, Vec<Ident>) {
    let ident = &variant.ident;
    let bindings: Vec<Ident> = (0..variant.fields.len())
        .map(|i| format_ident!("__f{}", i))
        .collect();
    let pattern = match &variant.fields {
        Fields::Named(named) => {
            let names = named.named.iter().map(|f| &f.ident);
            quote!(Self::#ident { #(#names: #bindings),* })
        }
        Fields::Unnamed(_) => quote!(Self::#ident(#(#bindings),*)),
        Fields::Unit => quote!(Self::#ident),
    };
    (pattern, bindings)
}

/// Builds a value of `Self` (or of a variant, `path` = `Self::V`) from one expression per field.
pub fn construct(path: TokenStream, fields: &Fields, values: Vec<TokenStream>) -> TokenStream {
    match fields {
        Fields::Named(named) => {
            let names = named.named.iter().map(|f| &f.ident);
            quote!(#path { #(#names: #values),* })
        }
        Fields::Unnamed(_) => quote!(#path(#(#values),*)),
        Fields::Unit => path,
    }
}

/// The generics with `bound` added to every type parameter.
pub fn bounded_generics(input: &DeriveInput, bound: TokenStream) -> Generics {
    let mut generics = input.generics.clone();
    for param in generics.type_params_mut() {
        param.bounds.push(syn::parse_quote!(#bound));
    }
    generics
}

/// An error for unions, which the codec does not encode.
pub fn no_unions(span: Span) -> syn::Error {
    syn::Error::new(
        span,
        "the codec derives support structs and enums, not unions",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enum_data(source: &str) -> DataEnum {
        let input: DeriveInput = syn::parse_str(source).unwrap();
        match input.data {
            syn::Data::Enum(data) => data,
            _ => unreachable!("an enum"),
        }
    }

    fn error(source: &str) -> String {
        discriminants(&enum_data(source)).unwrap_err().to_string()
    }

    #[test]
    fn discriminants_count_from_the_last_explicit_one() {
        let data = enum_data("enum E { A, B = 5, C, D = 2, F }");
        assert_eq!(discriminants(&data).unwrap(), [0, 5, 6, 2, 3]);
    }

    #[test]
    fn discriminant_errors() {
        assert_eq!(
            error("enum E { A = 256 }"),
            "discriminant does not fit in a u8"
        );
        assert_eq!(
            error("enum E { A = 255, B }"),
            "discriminant does not fit in a u8"
        );
        assert_eq!(
            error("enum E { A = 1, B = 1 }"),
            "two variants with the same discriminant"
        );
        assert_eq!(
            error("enum E { A = 1 + 1 }"),
            "the codec takes integer literal discriminants only"
        );
    }

    #[test]
    fn crate_path_default_and_override() {
        let input: DeriveInput = syn::parse_str("struct S;").unwrap();
        let path = crate_path(&input.attrs).unwrap();
        assert_eq!(quote!(#path).to_string(), "strata_codec");
        let input: DeriveInput =
            syn::parse_str("#[codec(crate = \"fw::codec\")] struct S;").unwrap();
        let path = crate_path(&input.attrs).unwrap();
        assert_eq!(quote!(#path).to_string(), "fw :: codec");
        let input: DeriveInput = syn::parse_str("#[codec(other)] struct S;").unwrap();
        assert!(crate_path(&input.attrs).is_err());
    }

    #[test]
    fn docs_and_field_names() {
        let input: DeriveInput =
            syn::parse_str("/// One.\n///Two\nstruct S { r#type: u8, b: u8 }").unwrap();
        assert_eq!(docs(&input.attrs), ["One.", "Two"]);
        let syn::Data::Struct(data) = input.data else {
            unreachable!("a struct")
        };
        assert_eq!(field_names(&data.fields), ["type", "b"]);
        let input: DeriveInput = syn::parse_str("struct T(u8, u16);").unwrap();
        let syn::Data::Struct(data) = input.data else {
            unreachable!("a struct")
        };
        assert_eq!(field_names(&data.fields), ["0", "1"]);
    }

    #[test]
    fn unions_are_refused() {
        let input: DeriveInput = syn::parse_str("union U { a: u8 }").unwrap();
        let message = crate::encode::nested_encode(&input)
            .unwrap_err()
            .to_string();
        assert_eq!(
            message,
            "the codec derives support structs and enums, not unions"
        );
    }
}

//! The contract trait read into a model: each method with its role and attributes.

use syn::{Attribute, Expr, FnArg, Lit, Meta, Pat, ReturnType, TraitItemFn, Type};

/// What a method of the contract trait is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// `#[init]`: the constructor, exported as `init`.
    Init,
    /// `#[upgrade]`: exported as `upgrade`.
    Upgrade,
    /// `#[endpoint]` / `#[endpoint(name)]`.
    Endpoint,
    /// `#[view]` / `#[view(name)]`: a read-only endpoint.
    View,
    /// `#[callback]`: a promise callback, exported under the method's name.
    Callback,
    /// `#[storage_mapper("key")]`: returns a mapper over the key.
    StorageMapper(String),
    /// `#[storage_get("key")]` or `#[storage("key")]` with a result: reads a value.
    StorageGet(String),
    /// `#[storage_set("key")]` or `#[storage("key")]` without a result: writes its last argument.
    StorageSet(String),
    /// `#[event("name")]`: writes a log.
    Event(String),
    /// Any other method: plain contract code.
    Plain,
}

/// What the payable attribute allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Payable {
    /// Nothing (the default): EGLD or ESDT fails the call.
    No,
    /// `#[payable("EGLD")]`: EGLD only.
    Egld,
    /// `#[payable("*")]`: anything.
    Any,
}

/// One argument of a method.
#[derive(Clone)]
pub struct Arg {
    /// The parameter's name.
    pub name: syn::Ident,
    /// The parameter's type.
    pub ty: Type,
    /// `#[indexed]` (events).
    pub indexed: bool,
}

/// One method of the contract trait.
#[derive(Clone)]
pub struct Method {
    /// The method's name.
    pub ident: syn::Ident,
    /// Its role.
    pub role: Role,
    /// When it is also exposed as an endpoint or view besides its role (a storage mapper
    /// marked `#[view(getSum)]`): the export name.
    pub export: Option<String>,
    /// Whether it is read-only (`#[view]`).
    pub readonly: bool,
    /// The payable attribute.
    pub payable: Payable,
    /// `#[only_owner]`: only the contract's owner may call it.
    pub only_owner: bool,
    /// The arguments after `&self`.
    pub args: Vec<Arg>,
    /// The result type, if any.
    pub output: Option<Type>,
    /// The doc lines.
    pub docs: Vec<String>,
}

/// The string in `#[attr("text")]`, or the ident in `#[attr(name)]`.
fn attr_argument(attr: &Attribute) -> syn::Result<Option<String>> {
    match &attr.meta {
        Meta::Path(_) => Ok(None),
        Meta::List(list) => {
            let expr: Expr = list.parse_args()?;
            match expr {
                Expr::Lit(lit) => match lit.lit {
                    Lit::Str(text) => Ok(Some(text.value())),
                    other => Err(syn::Error::new_spanned(other, "expected a string")),
                },
                Expr::Path(path) => match path.path.get_ident() {
                    Some(ident) => Ok(Some(ident.to_string())),
                    None => Err(syn::Error::new_spanned(path, "expected a name")),
                },
                other => Err(syn::Error::new_spanned(
                    other,
                    "expected a name or a string",
                )),
            }
        }
        Meta::NameValue(nv) => Err(syn::Error::new_spanned(nv, "unexpected `=`")),
    }
}

fn required_argument(attr: &Attribute, what: &str) -> syn::Result<String> {
    attr_argument(attr)?
        .ok_or_else(|| syn::Error::new_spanned(attr, format!("{what} needs a name: (\"…\")")))
}

/// The attribute names the macro consumes on methods.
pub const METHOD_ATTRS: &[&str] = &[
    "init",
    "upgrade",
    "endpoint",
    "view",
    "callback",
    "payable",
    "only_owner",
    "storage_mapper",
    "storage",
    "storage_get",
    "storage_set",
    "event",
];

/// Reads a method of the contract trait.
pub fn read_method(item: &TraitItemFn) -> syn::Result<Method> {
    let mut method = Method {
        ident: item.sig.ident.clone(),
        role: Role::Plain,
        export: None,
        readonly: false,
        payable: Payable::No,
        only_owner: false,
        args: read_args(item)?,
        output: match &item.sig.output {
            ReturnType::Default => None,
            ReturnType::Type(_, ty) => Some((**ty).clone()),
        },
        docs: docs(&item.attrs),
    };
    for attr in &item.attrs {
        let Some(name) = attr.path().get_ident().map(ToString::to_string) else {
            continue;
        };
        read_method_attr(&mut method, attr, &name)?;
    }
    if matches!(method.role, Role::Plain) && method.export.is_some() {
        method.role = if method.readonly {
            Role::View
        } else {
            Role::Endpoint
        };
    }
    Ok(method)
}

fn read_method_attr(method: &mut Method, attr: &Attribute, name: &str) -> syn::Result<()> {
    let ident = method.ident.to_string();
    match name {
        "init" => method.role = Role::Init,
        "upgrade" => method.role = Role::Upgrade,
        "callback" => method.role = Role::Callback,
        "only_owner" => method.only_owner = true,
        "endpoint" | "view" => {
            method.export = Some(attr_argument(attr)?.unwrap_or(ident));
            method.readonly = name == "view";
        }
        "payable" => {
            method.payable = match attr_argument(attr)?.as_deref() {
                Some("*") => Payable::Any,
                Some("EGLD") => Payable::Egld,
                _ => {
                    return Err(syn::Error::new_spanned(
                        attr,
                        "payable takes \"*\" or \"EGLD\"",
                    ));
                }
            }
        }
        "storage_mapper" => {
            method.role = Role::StorageMapper(required_argument(attr, "storage_mapper")?)
        }
        "storage_get" => method.role = Role::StorageGet(required_argument(attr, "storage_get")?),
        "storage_set" => method.role = Role::StorageSet(required_argument(attr, "storage_set")?),
        "storage" => {
            let key = required_argument(attr, "storage")?;
            method.role = if method.output.is_some() {
                Role::StorageGet(key)
            } else {
                Role::StorageSet(key)
            };
        }
        "event" => method.role = Role::Event(required_argument(attr, "event")?),
        _ => {}
    }
    Ok(())
}

fn read_args(item: &TraitItemFn) -> syn::Result<Vec<Arg>> {
    let mut args = Vec::new();
    let mut has_self = false;
    for input in &item.sig.inputs {
        match input {
            FnArg::Receiver(receiver) => {
                if receiver.reference.is_none() || receiver.mutability.is_some() {
                    return Err(syn::Error::new_spanned(
                        receiver,
                        "contract methods take &self",
                    ));
                }
                has_self = true;
            }
            FnArg::Typed(typed) => {
                let Pat::Ident(pat) = &*typed.pat else {
                    return Err(syn::Error::new_spanned(
                        &typed.pat,
                        "expected a parameter name",
                    ));
                };
                args.push(Arg {
                    name: pat.ident.clone(),
                    ty: (*typed.ty).clone(),
                    indexed: typed.attrs.iter().any(|a| a.path().is_ident("indexed")),
                });
            }
        }
    }
    if !has_self {
        return Err(syn::Error::new_spanned(
            &item.sig,
            "contract methods take &self",
        ));
    }
    if let Some((_, before_last)) = args.split_last()
        && let Some(arg) = before_last.iter().find(|arg| is_variadic(&arg.ty))
    {
        return Err(syn::Error::new_spanned(
            &arg.name,
            "only the last parameter can be variadic (MultiValueEncoded)",
        ));
    }
    Ok(args)
}

/// Whether `ty` is the framework's variadic `MultiValueEncoded<…>` (by its last path
/// segment).
pub fn is_variadic(ty: &Type) -> bool {
    match ty {
        Type::Path(path) => path
            .path
            .segments
            .last()
            .is_some_and(|segment| segment.ident == "MultiValueEncoded"),
        _ => false,
    }
}

/// The `///` lines of `attrs`, trimmed of one leading space.
pub fn docs(attrs: &[Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter_map(|attr| match &attr.meta {
            Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                Expr::Lit(syn::ExprLit {
                    lit: Lit::Str(text),
                    ..
                }) => Some(
                    text.value()
                        .strip_prefix(' ')
                        .map_or_else(|| text.value(), ToString::to_string),
                ),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

impl Method {
    /// The export name, for methods that are exported.
    pub fn export_name(&self) -> Option<String> {
        match &self.role {
            Role::Init => Some("init".into()),
            Role::Upgrade => Some("upgrade".into()),
            Role::Callback => Some(self.ident.to_string()),
            _ => self.export.clone(),
        }
    }
}

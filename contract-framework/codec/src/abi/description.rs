//! The descriptions of structs and enums, and the container that collects them.

use alloc::{
    collections::BTreeMap,
    string::{String, ToString},
    vec::Vec,
};

use super::TypeName;

/// What the ABI says of one struct or enum (the value under its name in `"types"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeDescription {
    /// Doc comment lines (`"docs"`, omitted when empty).
    pub docs: Vec<String>,
    /// Its fields or variants.
    pub contents: TypeContents,
}

impl TypeDescription {
    /// Stands for a type while its fields are described (so a recursive type terminates);
    /// never written to the ABI.
    pub const PLACEHOLDER: TypeDescription = TypeDescription {
        docs: Vec::new(),
        contents: TypeContents::NotSpecified,
    };

    /// A description with docs given as string slices (used by the derive).
    pub fn new(docs: &[&str], contents: TypeContents) -> Self {
        TypeDescription {
            docs: strings(docs),
            contents,
        }
    }
}

/// The shape of a described type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeContents {
    /// Not described (a placeholder); left out of the ABI.
    NotSpecified,
    /// `"type": "struct"` with `"fields"`.
    Struct(Vec<StructFieldDescription>),
    /// `"type": "enum"` with `"variants"` (name, discriminant, fields).
    Enum(Vec<EnumVariantDescription>),
    /// `"type": "explicit-enum"`: variants encoded by name, no discriminant, no fields.
    ExplicitEnum(Vec<ExplicitEnumVariantDescription>),
}

impl TypeContents {
    /// Whether it is more than a placeholder.
    pub fn is_specified(&self) -> bool {
        !matches!(self, TypeContents::NotSpecified)
    }
}

/// One field of a struct or of an enum variant (`{"name": .., "type": ..}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StructFieldDescription {
    /// Doc comment lines.
    pub docs: Vec<String>,
    /// The field's name; `"0"`, `"1"`, … for tuple fields.
    pub name: String,
    /// The field type's ABI name.
    pub field_type: TypeName,
}

impl StructFieldDescription {
    /// A field description (used by the derive).
    pub fn new(docs: &[&str], name: &str, field_type: TypeName) -> Self {
        StructFieldDescription {
            docs: strings(docs),
            name: name.to_string(),
            field_type,
        }
    }
}

/// One variant of an enum (`{"name": .., "discriminant": N, "fields": [..]}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumVariantDescription {
    /// Doc comment lines.
    pub docs: Vec<String>,
    /// The variant's name.
    pub name: String,
    /// The byte the variant is encoded with.
    pub discriminant: usize,
    /// Its fields (`"fields"`, omitted when empty).
    pub fields: Vec<StructFieldDescription>,
}

impl EnumVariantDescription {
    /// A variant description (used by the derive).
    pub fn new(
        docs: &[&str],
        name: &str,
        discriminant: usize,
        fields: Vec<StructFieldDescription>,
    ) -> Self {
        EnumVariantDescription {
            docs: strings(docs),
            name: name.to_string(),
            discriminant,
            fields,
        }
    }
}

/// One variant of an explicit enum (name only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExplicitEnumVariantDescription {
    /// Doc comment lines.
    pub docs: Vec<String>,
    /// The variant's name.
    pub name: String,
}

/// The structs and enums a contract's ABI describes, by ABI name, in name order (the order the
/// ecosystem writes `"types"` in).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypeDescriptionContainer {
    /// The descriptions, by type name.
    pub types: BTreeMap<TypeName, TypeDescription>,
}

impl TypeDescriptionContainer {
    /// An empty container.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether `type_name` is described or reserved.
    pub fn contains_type(&self, type_name: &str) -> bool {
        self.types.contains_key(type_name)
    }

    /// Reserves `type_name` with a placeholder before its fields are described, so a type that
    /// contains itself is described once. Returns `false` if it was already there (nothing to do).
    pub fn reserve_type_name(&mut self, type_name: TypeName) -> bool {
        if self.types.contains_key(&type_name) {
            return false;
        }
        self.types.insert(type_name, TypeDescription::PLACEHOLDER);
        true
    }

    /// Sets the description of `type_name`.
    pub fn insert(&mut self, type_name: TypeName, description: TypeDescription) {
        self.types.insert(type_name, description);
    }

    /// The description of `type_name`.
    pub fn get(&self, type_name: &str) -> Option<&TypeDescription> {
        self.types.get(type_name)
    }

    /// Whether no type is described.
    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }

    /// How many types are described or reserved.
    pub fn len(&self) -> usize {
        self.types.len()
    }

    /// The specified descriptions in name order (placeholders left out).
    pub fn iter_specified(&self) -> impl Iterator<Item = (&TypeName, &TypeDescription)> {
        self.types.iter().filter(|(_, d)| d.contents.is_specified())
    }
}

fn strings(lines: &[&str]) -> Vec<String> {
    lines.iter().map(|line| line.to_string()).collect()
}

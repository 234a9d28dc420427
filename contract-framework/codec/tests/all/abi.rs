//! ABI names and type descriptions.

use strata_codec::abi::{
    EnumVariantDescription, StructFieldDescription, TypeAbi, TypeContents, TypeDescription,
    TypeDescriptionContainer,
};

#[test]
fn basic_type_names_as_the_ecosystem_spells_them() {
    assert_eq!(u8::type_name(), "u8");
    assert_eq!(u16::type_name(), "u16");
    assert_eq!(u64::type_name(), "u64");
    assert_eq!(usize::type_name(), "u32");
    assert_eq!(isize::type_name(), "i32");
    assert_eq!(i64::type_name(), "i64");
    assert_eq!(bool::type_name(), "bool");
    assert_eq!(<()>::type_name(), "()");
    assert_eq!(String::type_name(), "utf-8 string");
    assert_eq!(<&str>::type_name(), "utf-8 string");
    assert_eq!(<Box<str>>::type_name(), "utf-8 string");
    assert_eq!(<Vec<u8>>::type_name(), "bytes");
    assert_eq!(<Box<[u8]>>::type_name(), "bytes");
    assert_eq!(<&[u8]>::type_name(), "bytes");
    assert_eq!(<Vec<u32>>::type_name(), "List<u32>");
    assert_eq!(<Vec<Vec<u8>>>::type_name(), "List<bytes>");
    assert_eq!(<Option<bool>>::type_name(), "Option<bool>");
    assert_eq!(<Box<u16>>::type_name(), "u16");
    assert_eq!(<Result<u8, ()>>::type_name(), "u8");
    assert_eq!(<[u8; 32]>::type_name(), "array32<u8>");
    assert_eq!(<[u64; 2]>::type_name(), "array2<u64>");
    assert_eq!(<(u8,)>::type_name(), "tuple<u8>");
    assert_eq!(
        <(u8, Vec<u8>, Option<i32>)>::type_name(),
        "tuple<u8,bytes,Option<i32>>"
    );
}

/// A payment.
#[derive(TypeAbi)]
#[allow(dead_code)]
struct Payment {
    /// Who receives it.
    to: [u8; 32],
    amount: u64,
    status: Status,
}

#[derive(TypeAbi)]
#[allow(dead_code)]
#[repr(u8)]
enum Status {
    /// Not yet.
    Pending,
    Done(u32, Vec<u8>),
    Failed {
        reason: String,
    },
    Later = 7,
}

#[derive(TypeAbi)]
#[allow(dead_code)]
struct Tree {
    children: Vec<Tree>,
}

#[derive(TypeAbi)]
#[allow(dead_code)]
struct Holder<T> {
    inner: Option<T>,
}

fn field(name: &str, ty: &str) -> StructFieldDescription {
    StructFieldDescription::new(&[], name, ty.to_string())
}

#[test]
fn derived_struct_and_enum_descriptions() {
    assert_eq!(Payment::type_name(), "Payment");
    let mut types = TypeDescriptionContainer::new();
    <Vec<Payment>>::provide_type_descriptions(&mut types);
    assert_eq!(types.len(), 2);
    let payment = types.get("Payment").unwrap();
    assert_eq!(payment.docs, ["A payment."]);
    let TypeContents::Struct(fields) = &payment.contents else {
        panic!("not a struct")
    };
    assert_eq!(
        fields[0],
        StructFieldDescription::new(&["Who receives it."], "to", "array32<u8>".into())
    );
    assert_eq!(
        fields[1..],
        [field("amount", "u64"), field("status", "Status")]
    );
    let status = types.get("Status").unwrap();
    let expected = TypeContents::Enum(vec![
        EnumVariantDescription::new(&["Not yet."], "Pending", 0, vec![]),
        EnumVariantDescription::new(&[], "Done", 1, vec![field("0", "u32"), field("1", "bytes")]),
        EnumVariantDescription::new(&[], "Failed", 2, vec![field("reason", "utf-8 string")]),
        EnumVariantDescription::new(&[], "Later", 7, vec![]),
    ]);
    assert_eq!(status.contents, expected);
}

#[test]
fn recursive_and_generic_types() {
    let mut types = TypeDescriptionContainer::new();
    Tree::provide_type_descriptions(&mut types);
    assert_eq!(types.len(), 1);
    assert_eq!(
        types.get("Tree").unwrap().contents,
        TypeContents::Struct(vec![field("children", "List<Tree>")])
    );
    assert_eq!(<Holder<u8>>::type_name(), "Holder<u8>");
    assert_eq!(<Holder<(u8, bool)>>::type_name(), "Holder<tuple<u8,bool>>");
}

#[test]
fn types_json_is_the_ecosystem_layout() {
    let mut types = TypeDescriptionContainer::new();
    Payment::provide_type_descriptions(&mut types);
    // A placeholder never reaches the JSON.
    types.reserve_type_name("Unfinished".into());
    let mut json = String::new();
    types.write_json(&mut json, 1);
    let expected = r#"{
        "Payment": {
            "type": "struct",
            "docs": [
                "A payment."
            ],
            "fields": [
                {
                    "docs": [
                        "Who receives it."
                    ],
                    "name": "to",
                    "type": "array32<u8>"
                },
                {
                    "name": "amount",
                    "type": "u64"
                },
                {
                    "name": "status",
                    "type": "Status"
                }
            ]
        },
        "Status": {
            "type": "enum",
            "variants": [
                {
                    "docs": [
                        "Not yet."
                    ],
                    "name": "Pending",
                    "discriminant": 0
                },
                {
                    "name": "Done",
                    "discriminant": 1,
                    "fields": [
                        {
                            "name": "0",
                            "type": "u32"
                        },
                        {
                            "name": "1",
                            "type": "bytes"
                        }
                    ]
                },
                {
                    "name": "Failed",
                    "discriminant": 2,
                    "fields": [
                        {
                            "name": "reason",
                            "type": "utf-8 string"
                        }
                    ]
                },
                {
                    "name": "Later",
                    "discriminant": 7
                }
            ]
        }
    }"#;
    assert_eq!(json, expected);
}

#[test]
fn json_empty_container_and_escapes() {
    let mut json = String::new();
    TypeDescriptionContainer::new().write_json(&mut json, 1);
    assert_eq!(json, "{}");
    let mut types = TypeDescriptionContainer::new();
    types.insert(
        "Q".into(),
        TypeDescription::new(&["say \"hi\"\\\n\u{1}"], TypeContents::Struct(vec![])),
    );
    let mut json = String::new();
    types.write_json(&mut json, 0);
    let expected = "{\n    \"Q\": {\n        \"type\": \"struct\",\n        \"docs\": [\n            \"say \\\"hi\\\"\\\\\\n\\u0001\"\n        ]\n    }\n}";
    assert_eq!(json, expected);
}

//! The token's ABI and native table, as the `#[contract]` macro generates them.

#[test]
fn the_abi_matches_the_committed_file() {
    let abi = token::abi_json();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/output/token.abi.json");
    if std::env::var_os("STRATA_BLESS").is_some() {
        std::fs::write(path, &abi).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        abi, expected,
        "run with STRATA_BLESS=1 to update output/token.abi.json"
    );
}

#[test]
fn the_abi_lists_views_events_and_indexed_topics() {
    let abi = token::abi_json();
    assert!(abi.contains("\"name\": \"transferFrom\",\n            \"mutability\": \"mutable\""));
    assert!(abi.contains("\"name\": \"balanceOf\",\n            \"mutability\": \"readonly\""));
    let event = "\"identifier\": \"approve\",\n            \"inputs\": [\n                {\n                    \"name\": \"owner\",\n                    \"type\": \"Address\",\n                    \"indexed\": true\n                },";
    assert!(abi.contains(event), "{abi}");
    assert!(abi.contains(
        "\"name\": \"amount\",\n                    \"type\": \"BigUint\"\n                }"
    ));
}

#[test]
fn the_native_table_lists_every_export() {
    let native = token::native();
    assert_eq!(native.name, "token");
    assert_eq!(
        native.exported_functions(),
        [
            "allowance",
            "approve",
            "balanceOf",
            "init",
            "totalSupply",
            "transfer",
            "transferFrom"
        ]
    );
}

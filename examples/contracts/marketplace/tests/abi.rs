//! The marketplace's ABI and native table, as the `#[contract]` macro generates them.

#[test]
fn the_abi_matches_the_committed_file() {
    let abi = marketplace::abi_json();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/output/marketplace.abi.json");
    if std::env::var_os("STRATA_BLESS").is_some() {
        std::fs::write(path, &abi).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        abi, expected,
        "run with STRATA_BLESS=1 to update output/marketplace.abi.json"
    );
}

#[test]
fn the_abi_describes_the_listing_struct_and_the_events() {
    let abi = marketplace::abi_json();
    assert!(
        abi.contains("\"Listing\": {\n            \"type\": \"struct\","),
        "{abi}"
    );
    assert!(abi.contains("\"identifier\": \"sold\","));
    let list = "\"name\": \"listNft\",\n            \"mutability\": \"mutable\",\n            \"payableInTokens\": [\n                \"*\"\n            ],";
    assert!(abi.contains(list), "{abi}");
}

#[test]
fn the_native_table_lists_every_export() {
    let native = marketplace::native();
    assert_eq!(native.name, "marketplace");
    assert_eq!(
        native.exported_functions(),
        ["buy", "getListing", "init", "listNft", "withdraw"]
    );
}

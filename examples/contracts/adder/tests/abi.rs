//! The adder's ABI and native table, as the `#[contract]` macro generates them.

#[test]
fn the_abi_describes_the_adder() {
    let abi = adder::abi_json();
    let expected_path = concat!(env!("CARGO_MANIFEST_DIR"), "/output/adder.abi.json");
    if std::env::var_os("STRATA_BLESS").is_some() {
        std::fs::write(expected_path, &abi).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(expected_path).unwrap_or_default();
    assert_eq!(
        abi, expected,
        "run with STRATA_BLESS=1 to update output/adder.abi.json"
    );
    assert!(abi.contains("\"name\": \"Adder\""));
    assert!(abi.contains("\"name\": \"getSum\",\n            \"mutability\": \"readonly\""));
}

#[test]
fn the_native_table_lists_every_export() {
    let native = adder::native();
    assert_eq!(native.name, "adder");
    assert_eq!(
        native.exported_functions(),
        ["add", "getSum", "init", "upgrade"]
    );
}

//! The callee's ABI and native table, as the `#[contract]` macro generates them.

#[test]
fn the_abi_matches_the_committed_file() {
    let abi = xshard_callee::abi_json();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/output/xshard-callee.abi.json");
    if std::env::var_os("STRATA_BLESS").is_some() {
        std::fs::write(path, &abi).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        abi, expected,
        "run with STRATA_BLESS=1 to update output/xshard-callee.abi.json"
    );
}

#[test]
fn record_takes_egld_and_answers_a_big_uint() {
    let abi = xshard_callee::abi_json();
    let record = "\"name\": \"record\",\n            \"mutability\": \"mutable\",\n            \"payableInTokens\": [\n                \"EGLD\"\n            ],";
    assert!(abi.contains(record), "{abi}");
    assert!(abi.contains("\"identifier\": \"recorded\","));
}

#[test]
fn the_native_table_lists_every_export() {
    let native = xshard_callee::native();
    assert_eq!(native.name, "xshard-callee");
    assert_eq!(
        native.exported_functions(),
        ["getLastCaller", "getRecorded", "init", "record"]
    );
}

//! The caller's ABI and native table, as the `#[contract]` macro generates them.

#[test]
fn the_abi_matches_the_committed_file() {
    let abi = xshard_caller::abi_json();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/output/xshard-caller.abi.json");
    if std::env::var_os("STRATA_BLESS").is_some() {
        std::fs::write(path, &abi).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        abi, expected,
        "run with STRATA_BLESS=1 to update output/xshard-caller.abi.json"
    );
}

#[test]
fn the_abi_has_a_payable_call_and_readonly_views() {
    let abi = xshard_caller::abi_json();
    let call = "\"name\": \"callRecord\",\n            \"mutability\": \"mutable\",\n            \"payableInTokens\": [\n                \"EGLD\"\n            ],";
    assert!(abi.contains(call), "{abi}");
    assert!(abi.contains("\"name\": \"getError\",\n            \"mutability\": \"readonly\""));
}

#[test]
fn the_callbacks_are_exported_under_the_names_the_promise_gives() {
    let native = xshard_caller::native();
    assert_eq!(native.name, "xshard-caller");
    assert_eq!(
        native.exported_functions(),
        [
            "callRecord",
            "getAsked",
            "getError",
            "getErrorCode",
            "getResult",
            "init",
            "on_failed",
            "on_recorded"
        ]
    );
}

//! The crowdfunding contract's ABI and native table, as the `#[contract]` macro generates them.

#[test]
fn the_abi_matches_the_committed_file() {
    let abi = crowdfunding::abi_json();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/output/crowdfunding.abi.json");
    if std::env::var_os("STRATA_BLESS").is_some() {
        std::fs::write(path, &abi).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        abi, expected,
        "run with STRATA_BLESS=1 to update output/crowdfunding.abi.json"
    );
}

#[test]
fn the_abi_describes_the_status_enum_and_the_payable_fund() {
    let abi = crowdfunding::abi_json();
    assert!(abi.contains("\"name\": \"fund\",\n            \"mutability\": \"mutable\",\n            \"payableInTokens\": [\n                \"*\"\n            ]"), "{abi}");
    assert!(abi.contains("\"name\": \"status\",\n            \"mutability\": \"readonly\""));
    let status = abi
        .find("\"Status\": {\n            \"type\": \"enum\"")
        .expect("the Status type");
    let variants = &abi[status..];
    let order =
        ["\"FundingPeriod\"", "\"Successful\"", "\"Failed\""].map(|name| variants.find(name));
    assert!(order.iter().all(Option::is_some), "{variants}");
    assert!(
        order.windows(2).all(|pair| pair[0] < pair[1]),
        "variants out of order"
    );
}

#[test]
fn the_native_table_lists_every_export() {
    let native = crowdfunding::native();
    assert_eq!(native.name, "crowdfunding");
    assert_eq!(
        native.exported_functions(),
        [
            "claim",
            "fund",
            "getCrowdfundingTokenIdentifier",
            "getCurrentFunds",
            "getDeadline",
            "getDeposit",
            "getTarget",
            "getTotalRaised",
            "init",
            "status"
        ]
    );
}

#[test]
fn the_status_encodes_as_its_index() {
    use crowdfunding::Status;
    use strata_contract_framework::strata_codec::{TopDecode, top_encode_to_vec_u8};
    assert_eq!(
        top_encode_to_vec_u8(&Status::FundingPeriod).unwrap(),
        [0u8; 0]
    );
    assert_eq!(top_encode_to_vec_u8(&Status::Successful).unwrap(), [1]);
    assert_eq!(top_encode_to_vec_u8(&Status::Failed).unwrap(), [2]);
    assert_eq!(Status::top_decode(&[2u8][..]), Ok(Status::Failed));
    assert!(Status::top_decode(&[3u8][..]).is_err());
}

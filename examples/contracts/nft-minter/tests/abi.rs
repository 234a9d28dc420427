//! The NFT minter's ABI and native table, as the `#[contract]` macro generates them.

#[test]
fn the_abi_matches_the_committed_file() {
    let abi = nft_minter::abi_json();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/output/nft-minter.abi.json");
    if std::env::var_os("STRATA_BLESS").is_some() {
        std::fs::write(path, &abi).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        abi, expected,
        "run with STRATA_BLESS=1 to update output/nft-minter.abi.json"
    );
}

#[test]
fn the_abi_has_a_payable_buy_and_readonly_views() {
    let abi = nft_minter::abi_json();
    let buy = "\"name\": \"buyNft\",\n            \"mutability\": \"mutable\",\n            \"payableInTokens\": [\n                \"EGLD\"\n            ],";
    assert!(abi.contains(buy), "{abi}");
    assert!(abi.contains("\"name\": \"getPrice\",\n            \"mutability\": \"readonly\""));
    assert!(abi.contains("\"name\": \"royalties\",\n                    \"type\": \"u32\""));
}

#[test]
fn the_native_table_lists_every_export() {
    let native = nft_minter::native();
    assert_eq!(native.name, "nft-minter");
    assert_eq!(
        native.exported_functions(),
        ["buyNft", "createNft", "getCollection", "getPrice", "init"]
    );
}

#[test]
fn royalties_are_bounded_at_one_hundred_percent() {
    assert_eq!(nft_minter::MAX_ROYALTIES, 10_000);
}

//! The multisig's ABI and native table, as the `#[contract]` macro generates them.

#[test]
fn the_abi_matches_the_committed_file() {
    let abi = multisig::abi_json();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/output/multisig.abi.json");
    if std::env::var_os("STRATA_BLESS").is_some() {
        std::fs::write(path, &abi).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        abi, expected,
        "run with STRATA_BLESS=1 to update output/multisig.abi.json"
    );
}

#[test]
fn the_abi_describes_actions_and_events() {
    let abi = multisig::abi_json();
    assert!(
        abi.contains("\"name\": \"SendTransferExecute\",\n                    \"discriminant\": 4"),
        "{abi}"
    );
    assert!(
        abi.contains("\"name\": \"arguments\",\n                    \"type\": \"List<bytes>\"")
    );
    assert!(abi.contains("\"identifier\": \"actionPerformed\""));
    // The board and the call's arguments are variadic, one VM argument each.
    assert!(abi.contains("\"name\": \"board\",\n                \"type\": \"variadic<Address>\",\n                \"multi_arg\": true"), "{abi}");
    assert!(
        abi.contains("\"type\": \"variadic<bytes>\",\n                    \"multi_arg\": true")
    );
    assert!(abi.contains("\"name\": \"getActionData\",\n            \"mutability\": \"readonly\""));
}

#[test]
fn the_native_table_lists_every_export() {
    let native = multisig::native();
    assert_eq!(native.name, "multisig");
    assert_eq!(
        native.exported_functions(),
        [
            "deposit",
            "discardAction",
            "getActionData",
            "getActionLastIndex",
            "getActionSignerCount",
            "getActionSigners",
            "getActionValidSignerCount",
            "getAllBoardMembers",
            "getNumBoardMembers",
            "getQuorum",
            "init",
            "isBoardMember",
            "performAction",
            "proposeAddBoardMember",
            "proposeChangeQuorum",
            "proposeRemoveBoardMember",
            "proposeTransferExecute",
            "quorumReached",
            "sign",
            "signed",
            "unsign"
        ]
    );
}

#[test]
fn actions_encode_as_the_scenarios_spell_them() {
    use multisig::Action;
    use strata_contract_framework::strata_codec::{TopDecode, top_encode_to_vec_u8};
    // "0x03|u32:3" in the scenarios: the discriminant, then the quorum nested (4 bytes).
    let change = top_encode_to_vec_u8(&Action::ChangeQuorum(3)).unwrap();
    assert_eq!(change, [3, 0, 0, 0, 3]);
    assert!(matches!(
        Action::top_decode(&change[..]),
        Ok(Action::ChangeQuorum(3))
    ));
    // A cleared entry (empty storage) reads as `Nothing`, which is not pending.
    let cleared = Action::top_decode(&[0u8; 0][..]).unwrap();
    assert!(!cleared.is_pending());
    assert!(Action::ChangeQuorum(1).is_pending());
    assert!(Action::top_decode(&[5u8][..]).is_err());
}

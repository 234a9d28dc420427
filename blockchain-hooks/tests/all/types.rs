use strata_blockchain_hooks::{
    Address, CodeMetadata, EsdtTokenData, EsdtTokenType, ReturnCode, VmOutput, WASM_VM_TYPE,
};

#[test]
fn contract_addresses_have_eight_zero_bytes_and_a_vm_type() {
    let mut bytes = [7u8; 32];
    assert!(!Address(bytes).is_smart_contract());
    bytes[..8].fill(0);
    bytes[8..10].copy_from_slice(&WASM_VM_TYPE);
    let address = Address(bytes);
    assert!(address.is_smart_contract());
    assert_eq!(address.vm_type(), [5, 0]);
    assert_eq!(Address::from_slice(&bytes[..31]), None);
    assert_eq!(address.to_string().len(), 64);
}

#[test]
fn code_metadata_flags_read_from_their_bytes() {
    let metadata = CodeMetadata::from_bytes(&[0x05, 0x02]);
    assert!(metadata.is_upgradeable() && metadata.is_readable() && metadata.is_payable());
    assert!(!metadata.is_payable_by_sc());
    assert_eq!(CodeMetadata::from_bytes(&[]).bits(), 0);
    assert_eq!(CodeMetadata::from_bytes(&[1]).0, [1, 0]);
}

#[test]
fn esdt_data_knows_frozen_and_types() {
    let data = EsdtTokenData {
        properties: vec![1, 0],
        ..Default::default()
    };
    assert!(data.is_frozen());
    assert!(!EsdtTokenData::default().is_frozen());
    assert_eq!(
        EsdtTokenType::from_u32(2),
        Some(EsdtTokenType::SemiFungible)
    );
    assert_eq!(EsdtTokenType::from_u32(4), None);
}

#[test]
fn a_failed_output_changes_nothing() {
    let mut output = VmOutput::failure(ReturnCode::UserError, "nope");
    assert!(output.output_accounts.is_empty() && output.return_data.is_empty());
    output.account_mut(Address::ZERO).nonce = Some(1);
    assert_eq!(
        output.output_accounts[&Address::ZERO].address,
        Address::ZERO
    );
}

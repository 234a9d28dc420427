use strata_blockchain_hooks::ReturnCode;

#[test]
fn return_codes_print_the_production_texts() {
    let texts: Vec<(u64, String)> = ReturnCode::ALL
        .iter()
        .map(|c| (c.as_u64(), c.to_string()))
        .collect();
    let expected = [
        "ok",
        "function not found",
        "wrong signature for function",
        "contract not found",
        "user error",
        "out of gas",
        "account collision",
        "out of funds",
        "call stack overflow",
        "contract invalid",
        "execution failed",
        "upgrade failed",
        "simulate failed",
    ];
    for (i, (code, text)) in texts.iter().enumerate() {
        assert_eq!(*code, i as u64);
        assert_eq!(text, expected[i]);
        assert_eq!(ReturnCode::from_u64(*code).map(|c| c.as_u64()), Some(*code));
    }
    assert_eq!(ReturnCode::from_u64(13), None);
}

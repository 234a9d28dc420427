//! The value interpreter against a table of every syntax of the scenario format.

use strata_world_mock::ValueContext;

fn hex(s: &str) -> Vec<u8> {
    hex::decode(s).expect("test table hex")
}

fn addr(prefix: &[u8], name: &str, fill: u8) -> Vec<u8> {
    let mut out = prefix.to_vec();
    out.extend(name.bytes());
    out.resize(32, fill);
    out
}

#[test]
fn table_of_value_syntaxes() {
    let mut sc_adder = vec![0u8; 8];
    sc_adder.extend([5, 0]);
    sc_adder.extend(b"adder");
    sc_adder.resize(32, b'_');
    let mut sc_shard = sc_adder.clone();
    sc_shard[31] = 0x01;
    let mut owner_shard = addr(b"", "owner", b'_');
    owner_shard[31] = 0xff;
    let long_name = "a_very_long_account_name_that_overflows_32_bytes";
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("", vec![]),
        ("0", vec![]),
        ("1", vec![1]),
        ("255", vec![0xff]),
        ("256", vec![1, 0]),
        ("1,000_000", hex("0f4240")),
        ("0x", vec![]),
        ("0x0", vec![0]),
        ("0x123", hex("0123")),
        ("0X00ff", hex("00ff")),
        ("0b101", vec![5]),
        ("0b0", vec![]),
        ("true", vec![1]),
        ("false", vec![]),
        ("-1", vec![0xff]),
        ("+1", vec![1]),
        ("+0", vec![]),
        ("-0", vec![]),
        ("+128", hex("0080")),
        ("-128", vec![0x80]),
        ("-129", hex("ff7f")),
        ("+255", hex("00ff")),
        ("str:abc", b"abc".to_vec()),
        ("str:", vec![]),
        ("``abc", b"abc".to_vec()),
        ("''abc", b"abc".to_vec()),
        ("u8:0", vec![0]),
        ("u8:255", vec![0xff]),
        ("u16:1", hex("0001")),
        ("u32:1", hex("00000001")),
        ("u64:0", vec![0; 8]),
        ("u64:0x0102", hex("0000000000000102")),
        ("i8:-1", vec![0xff]),
        ("i16:-2", hex("fffe")),
        ("i32:+5", hex("00000005")),
        ("i64:-1", vec![0xff; 8]),
        ("i64:7", hex("0000000000000007")),
        ("biguint:0", hex("00000000")),
        ("biguint:256", hex("000000020100")),
        ("nested:str:ab", hex("000000026162")),
        ("nested:", hex("00000000")),
        ("nested:u32:1", hex("0000000400000001")),
        ("address:owner", addr(b"", "owner", b'_')),
        ("address:", vec![b'_'; 32]),
        ("address:owner#ff", owner_shard),
        (
            "address:a_very_long_account_name_that_overflows_32_bytes",
            long_name.as_bytes()[..32].to_vec(),
        ),
        ("sc:adder", sc_adder),
        ("sc:adder#01", sc_shard),
        (
            "bech32:erd1qyu5wthldzr8wx5c9ucg8kjagg0jfs53s8nr3zpz3hypefsdd8ssycr6th",
            hex("0139472eff6886771a982f3083da5d421f24c29181e63888228dc81ca60d69e1"),
        ),
        (
            "keccak256:str:",
            hex("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"),
        ),
        ("str:a|str:b", b"ab".to_vec()),
        ("u8:1|u16:2|str:x", hex("01000278")),
        ("1|0|2", vec![1, 2]),
    ];
    let ctx = ValueContext::default();
    for (expr, expected) in cases {
        let got = ctx
            .interpret(expr)
            .unwrap_or_else(|e| panic!("{expr:?} failed: {e}"));
        assert_eq!(got, expected, "value {expr:?}");
    }
}

#[test]
fn keccak_takes_the_whole_concatenation() {
    let ctx = ValueContext::default();
    assert_eq!(
        ctx.interpret("keccak256:str:a|str:b").unwrap(),
        ctx.interpret("keccak256:str:ab").unwrap()
    );
    assert_eq!(ctx.interpret("keccak256:str:ab").unwrap().len(), 32);
}

#[test]
fn lists_and_maps_concatenate() {
    let ctx = ValueContext::default();
    let list = serde_json::json!(["u8:1", ["str:a", "u16:2"], ""]);
    assert_eq!(
        ctx.interpret_json(&list).unwrap(),
        hex("0161 0002".replace(' ', "").as_str())
    );
    // Map keys are comments; entries are taken in key order.
    let map = serde_json::json!({"2-second": "u8:2", "1-first": "u8:1"});
    assert_eq!(ctx.interpret_json(&map).unwrap(), vec![1, 2]);
}

#[test]
fn files_and_mxsc() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("code.wasm"), [0u8, 0x61, 0x73, 0x6d]).unwrap();
    std::fs::write(
        dir.path().join("c.mxsc.json"),
        r#"{"name": "c", "code": "0061736d01000000"}"#,
    )
    .unwrap();
    let ctx = ValueContext::new(dir.path());
    assert_eq!(
        ctx.interpret("file:code.wasm").unwrap(),
        vec![0, 0x61, 0x73, 0x6d]
    );
    assert_eq!(
        ctx.interpret("mxsc:c.mxsc.json").unwrap(),
        hex("0061736d01000000")
    );
    let err = ctx.interpret("file:missing.wasm").unwrap_err().to_string();
    assert!(err.contains("missing.wasm"), "{err}");
}

#[test]
fn invalid_values_are_clear_errors() {
    let ctx = ValueContext::default();
    let cases = [
        ("u8:256", "does not fit in 1 byte"),
        ("i8:+128", "does not fit in 1 byte"),
        ("abc", "cannot parse decimal number \"abc\""),
        ("0xzz", "cannot parse hex number"),
        ("0b102", "cannot parse binary number"),
        ("u32:", "cannot parse decimal number"),
        ("address:a#b#c", "only one shard id separator"),
        ("address:a#zz", "bad address shard id"),
        ("bech32:erd1xyz", "invalid bech32"),
        ("1.5", "floating-point values are not supported"),
    ];
    for (expr, message) in cases {
        let err = ctx.interpret(expr).expect_err(expr).to_string();
        assert!(err.contains(message), "{expr:?}: {err}");
    }
    let err = ctx
        .interpret_json(&serde_json::json!(5))
        .unwrap_err()
        .to_string();
    assert!(err.contains("must be a string"), "{err}");
}

//! Arguments, results, errors, call value, events and blockchain information.

use crate::{call, call_from, fails, ok, run_steps};

#[test]
fn big_integers_compute_and_signal_a_negative_unsigned_result() {
    let steps = [
        call("difference", &["10", "3"], &ok(&["7"])),
        call(
            "difference",
            &["3", "10"],
            &fails(4, "cannot subtract because result would be negative"),
        ),
        call("signed", &["3", "10"], &ok(&["-7"])),
        call("compareThousand", &["999"], &ok(&["0"])),
        call("compareThousand", &["1000"], &ok(&["1"])),
        call("compareThousand", &["0x010000000000000000"], &ok(&["2"])),
    ];
    run_steps(&steps.join(",\n"));
}

#[test]
fn arguments_are_counted_and_decoded_with_the_ecosystem_messages() {
    let steps = [
        call("small", &["41"], &ok(&["42"])),
        call(
            "small",
            &["0x0100"],
            &fails(4, "argument decode error (x): input too long"),
        ),
        call("small", &[], &fails(4, "wrong number of arguments")),
        call("sumAll", &["1"], &ok(&["1"])),
        call("sumAll", &["1", "2", "3"], &ok(&["4", "6", "6"])),
        call("sumAll", &[], &fails(4, "wrong number of arguments")),
        call(
            "sumAll",
            &["1", "0x010000000000000000"],
            &fails(4, "argument decode error (rest): input too long"),
        ),
        call("difference", &["1"], &fails(4, "wrong number of arguments")),
    ];
    run_steps(&steps.join(",\n"));
}

#[test]
fn a_panic_is_a_user_error_with_panic_occurred() {
    run_steps(&call("boom", &[], &fails(4, "panic occurred")));
}

#[test]
fn payable_endpoints_take_egld_and_others_refuse_it() {
    let deposit_expect = r#"{
        "out": ["25"], "status": "0",
        "logs": [{
            "address": "sc:kitchen", "endpoint": "str:deposit",
            "topics": ["str:deposit", "address:alice"], "data": ["25"]
        }]
    }"#;
    let steps = [
        call_from(
            "address:alice",
            "sc:kitchen",
            "25",
            "deposit",
            &[],
            deposit_expect,
        ),
        call_from(
            "address:alice",
            "sc:kitchen",
            "5",
            "egldOnly",
            &[],
            &ok(&["5"]),
        ),
        call_from(
            "address:alice",
            "sc:kitchen",
            "5",
            "small",
            &["1"],
            &fails(10, "function does not accept EGLD payment"),
        ),
    ];
    run_steps(&steps.join(",\n"));
}

#[test]
fn blockchain_information_reads_the_caller_the_contract_and_the_block() {
    let steps = [
        r#"{ "step": "setState", "currentBlockInfo": { "blockNonce": "77" } }"#.to_string(),
        call("whoami", &[], &ok(&["address:alice"])),
        call_from(
            "address:bob",
            "sc:kitchen",
            "0",
            "whoami",
            &[],
            &ok(&["address:bob"]),
        ),
        call("me", &[], &ok(&["sc:kitchen"])),
        call("blockNonce", &[], &ok(&["77"])),
        call("ownerOnly", &["5"], &ok(&["5"])),
        call_from(
            "address:bob",
            "sc:kitchen",
            "0",
            "ownerOnly",
            &["5"],
            &fails(4, "Endpoint can only be called by owner"),
        ),
        call("egldBalance", &["address:alice"], &ok(&["1,000,000"])),
        call("egldBalance", &["address:bob"], &ok(&["0"])),
        call("ownBalance", &[], &ok(&["500"])),
    ];
    run_steps(&steps.join(",\n"));
}

#[test]
fn the_heap_grows_memory_for_large_allocations() {
    // 2 x 100,000 bytes: more than the initial memory, so the wasm allocator grows it.
    let sum: u64 = (0..100_000u64).map(|i| i % 256).sum::<u64>() + 100_000;
    let steps = [
        call("heapSum", &["10"], &ok(&["55"])),
        call("heapSum", &["100000"], &ok(&[&sum.to_string()])),
    ];
    run_steps(&steps.join(",\n"));
}

#[test]
fn hashes_and_storage_of_another_account_come_from_the_vm() {
    let sha = "0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    let keccak = "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45";
    let steps = [
        call("sha", &["str:abc"], &ok(&[sha])),
        call("keccak", &["str:abc"], &ok(&[keccak])),
        call("plainSet", &["9", "1234"], &ok(&[])),
        call(
            "storageOf",
            &["sc:kitchen", "str:plain|u8:9"],
            &ok(&["1234"]),
        ),
        call("storageOf", &["sc:callee", "str:nothing"], &ok(&[""])),
    ];
    run_steps(&steps.join(",\n"));
}

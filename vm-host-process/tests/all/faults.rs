//! A VM host that dies, hangs, writes garbage or speaks another version: the node gets an
//! error, nothing to apply, and the next execution runs on a new host.

use std::time::{Duration, Instant};

use blockchain_hooks::ReturnCode;
use strata_vm_host_process::{HostCommand, OutOfProcessVm, protocol};
use vm_core::VmConfig;
use vm_handler::{VmError, VmHandler};

use crate::harness::{
    Tap, call, chain, host_command, in_process, out_of_process, schedule, signal,
};

fn assert_fault(result: &Result<blockchain_hooks::VmOutput, VmError>, what: &str) {
    match result {
        Err(VmError::Executor(message)) => {
            assert!(message.starts_with("out-of-process VM host"), "{message}");
            assert!(message.contains(what), "{message}");
        }
        other => panic!("expected a VM host fault ({what}), got {other:?}"),
    }
}

#[test]
fn killing_the_host_mid_call_is_an_error_and_the_next_call_runs() {
    let vm = out_of_process(&schedule());
    let chain = chain();
    let expected = in_process(&schedule())
        .run_smart_contract_call(&call("heavy"), &chain)
        .unwrap();
    assert_eq!(expected.return_code, ReturnCode::Ok);
    vm.warm_up().unwrap();
    let pid = vm.idle_host_pids()[0];
    let tap = Tap::new(&chain, || signal(pid, "-KILL"));
    let result = vm.run_smart_contract_call(&call("heavy"), &tap);
    assert_fault(&result, "signal: 9");
    assert!(vm.idle_host_pids().is_empty());
    let again = vm.run_smart_contract_call(&call("heavy"), &chain).unwrap();
    assert_eq!(again, expected);
    assert_ne!(vm.idle_host_pids(), vec![pid]);
}

#[test]
fn a_host_hung_past_the_deadline_is_an_error_and_replaced() {
    let vm = out_of_process(&schedule()).with_deadline(Duration::from_millis(500));
    let chain = chain();
    vm.warm_up().unwrap();
    let pid = vm.idle_host_pids()[0];
    // Stopped while it waits for the node's answer: it never sends the next question.
    let tap = Tap::new(&chain, || signal(pid, "-STOP"));
    let start = Instant::now();
    let result = vm.run_smart_contract_call(&call("heavy"), &tap);
    assert_fault(&result, "no answer within 500 ms");
    assert!(start.elapsed() < Duration::from_secs(5));
    let output = vm.run_smart_contract_call(&call("small"), &chain).unwrap();
    assert_eq!(output.return_data, vec![b"value-of-the-key".to_vec()]);
}

/// A "host" that says hello and then writes `garbage` for any execution.
fn liar(garbage: &[u8]) -> (OutOfProcessVm, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut hello = Vec::new();
    protocol::write_frame(&mut hello, &protocol::hello(protocol::PROTOCOL_VERSION)).unwrap();
    std::fs::write(dir.path().join("hello"), hello).unwrap();
    std::fs::write(dir.path().join("garbage"), garbage).unwrap();
    let script = format!(
        "cd {}; cat hello; head -c 1 >/dev/null; cat garbage; sleep 30",
        dir.path().display()
    );
    let command = HostCommand::new("sh").arg("-c").arg(script);
    let vm = OutOfProcessVm::new(command, &schedule(), &VmConfig::default())
        .with_deadline(Duration::from_secs(5));
    (vm, dir)
}

#[test]
fn a_corrupted_message_is_detected() {
    let mut frame = Vec::new();
    let done = protocol::Message::Done(Ok(blockchain_hooks::VmOutput::default()));
    protocol::write_frame(&mut frame, &protocol::encode(&done).unwrap()).unwrap();
    let last = frame.len() - 1;
    frame[last] ^= 1;
    let (vm, _dir) = liar(&frame);
    let result = vm.run_smart_contract_call(&call("small"), &chain());
    assert_fault(&result, "corrupt frame: checksum");
}

#[test]
fn a_truncated_message_is_detected() {
    let mut frame = Vec::new();
    let done = protocol::Message::Done(Ok(blockchain_hooks::VmOutput::default()));
    protocol::write_frame(&mut frame, &protocol::encode(&done).unwrap()).unwrap();
    frame.truncate(frame.len() - 1);
    // The host closes its output inside the frame (and lives on).
    let dir = tempfile::tempdir().unwrap();
    let mut hello = Vec::new();
    protocol::write_frame(&mut hello, &protocol::hello(protocol::PROTOCOL_VERSION)).unwrap();
    std::fs::write(dir.path().join("out"), [hello, frame].concat()).unwrap();
    let script = format!("cat {}/out; exec >&-; sleep 30", dir.path().display());
    let vm = OutOfProcessVm::new(
        HostCommand::new("sh").arg("-c").arg(script),
        &schedule(),
        &VmConfig::default(),
    );
    let result = vm.run_smart_contract_call(&call("small"), &chain());
    assert_fault(&result, "truncated frame");
}

#[test]
fn a_message_that_is_not_one_is_detected() {
    let mut frame = Vec::new();
    protocol::write_frame(&mut frame, &[0xfe, 0xff, 0x13]).unwrap();
    let (vm, _dir) = liar(&frame);
    let result = vm.run_smart_contract_call(&call("small"), &chain());
    assert_fault(&result, "corrupt message");
}

#[test]
fn another_protocol_version_is_refused_at_the_handshake() {
    let command = host_command().arg("--protocol-version").arg("99");
    let vm = OutOfProcessVm::new(command, &schedule(), &VmConfig::default());
    let result = vm.run_smart_contract_call(&call("small"), &chain());
    assert_eq!(
        result,
        Err(VmError::Config(format!(
            "out-of-process VM host refused: protocol version mismatch: the peer speaks \
             version 99, this side speaks version {}; refused",
            protocol::PROTOCOL_VERSION
        )))
    );
}

#[test]
fn a_program_that_is_no_host_is_refused() {
    let vm = OutOfProcessVm::new(
        HostCommand::new("sh")
            .arg("-c")
            .arg("echo hello world; sleep 5"),
        &schedule(),
        &VmConfig::default(),
    );
    let result = vm.run_smart_contract_call(&call("small"), &chain());
    assert!(matches!(result, Err(VmError::Executor(_))), "{result:?}");
    let missing = OutOfProcessVm::new(
        HostCommand::new("/nonexistent/strata"),
        &schedule(),
        &VmConfig::default(),
    );
    let result = missing.run_smart_contract_call(&call("small"), &chain());
    assert!(
        matches!(&result, Err(VmError::Executor(m)) if m.contains("cannot start /nonexistent/strata")),
        "{result:?}"
    );
}

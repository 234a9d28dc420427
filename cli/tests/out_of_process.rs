//! `strata test --out-of-process` and the hidden `strata vm-host` it starts.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

#[test]
fn scenarios_pass_out_of_process() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/scenarios");
    let out = Command::new(env!("CARGO_BIN_EXE_strata"))
        .args(["test", "--out-of-process"])
        .arg(examples.join("adder"))
        .arg(examples.join("storage"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
}

/// A frame: length, CRC-32, payload (the hello: `STRATAVM` and the version).
fn hello_frame(version: u32) -> Vec<u8> {
    let payload = [b"STRATAVM".as_slice(), &version.to_le_bytes()].concat();
    let mut crc = !0u32;
    for byte in &payload {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    [(payload.len() as u32).to_le_bytes(), (!crc).to_le_bytes()]
        .concat()
        .into_iter()
        .chain(payload)
        .collect()
}

#[test]
fn the_vm_host_says_hello_and_refuses_another_version() {
    let mut host = Command::new(env!("CARGO_BIN_EXE_strata"))
        .arg("vm-host")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    host.stdin
        .take()
        .unwrap()
        .write_all(&hello_frame(99))
        .unwrap();
    let mut said = Vec::new();
    host.stdout.take().unwrap().read_to_end(&mut said).unwrap();
    let mut stderr = String::new();
    host.stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = host.wait().unwrap();
    let ours = vm_host_process::PROTOCOL_VERSION;
    assert_eq!(said, hello_frame(ours));
    assert_eq!(status.code(), Some(3));
    assert_eq!(
        stderr.trim(),
        format!(
            "strata vm-host: protocol version mismatch: the peer speaks version 99, this side \
             speaks version {ours}; refused"
        )
    );
}

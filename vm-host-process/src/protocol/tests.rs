use blockchain_hooks::{Address, ContractCallInput, GasSchedule, VmOutput};
use vm_core::VmConfig;

use super::*;

fn frame_of(message: &Message) -> Vec<u8> {
    let mut out = Vec::new();
    write_frame(&mut out, &encode(message).unwrap()).unwrap();
    out
}

fn sample() -> Message {
    Message::Call(ContractCallInput {
        recipient: Address([7; 32]),
        function: "add".into(),
        ..ContractCallInput::default()
    })
}

#[test]
fn a_frame_is_length_checksum_and_payload() {
    let frame = frame_of(&sample());
    let payload = encode(&sample()).unwrap();
    assert_eq!(frame[..4], (payload.len() as u32).to_le_bytes());
    assert_eq!(frame[4..8], crc32fast::hash(&payload).to_le_bytes());
    assert_eq!(frame[8..], payload[..]);
    assert_eq!(
        decode(&read_frame(&mut frame.as_slice()).unwrap()).unwrap(),
        sample()
    );
}

#[test]
fn a_truncated_frame_is_detected() {
    let frame = frame_of(&sample());
    for cut in [1, 7, 8, frame.len() - 1] {
        let err = read_frame(&mut &frame[..cut]).unwrap_err();
        assert!(
            matches!(err, ProtocolError::Truncated { .. }),
            "cut at {cut}: {err:?}"
        );
    }
    assert_eq!(read_frame(&mut &[][..]), Err(ProtocolError::Closed));
}

#[test]
fn a_corrupted_byte_anywhere_is_detected() {
    let frame = frame_of(&sample());
    for at in 4..frame.len() {
        let mut bad = frame.clone();
        bad[at] ^= 0x10;
        let err = read_frame(&mut bad.as_slice()).unwrap_err();
        assert!(
            matches!(err, ProtocolError::Checksum { .. }),
            "byte {at}: {err:?}"
        );
    }
    // A corrupted length: too long for the limit, or longer than what follows.
    let mut bad = frame.clone();
    bad[3] = 0xff;
    assert_eq!(
        read_frame(&mut bad.as_slice()),
        Err(ProtocolError::TooLong(u32::from_le_bytes([
            bad[0], bad[1], bad[2], 0xff
        ])))
    );
    let mut bad = frame;
    bad[0] = bad[0].wrapping_add(1);
    assert!(matches!(
        read_frame(&mut bad.as_slice()),
        Err(ProtocolError::Truncated { .. })
    ));
}

#[test]
fn a_checksummed_payload_that_is_no_message_is_refused() {
    let mut frame = Vec::new();
    write_frame(&mut frame, &[0xee, 1, 2]).unwrap();
    let payload = read_frame(&mut frame.as_slice()).unwrap();
    assert!(matches!(decode(&payload), Err(ProtocolError::Decode(_))));
    let mut long = encode(&sample()).unwrap();
    long.push(0);
    assert_eq!(
        decode(&long),
        Err(ProtocolError::Decode("1 bytes after the message".into()))
    );
}

#[test]
fn the_hello_carries_the_version_and_another_one_is_refused() {
    assert_eq!(hello(1), b"STRATAVM\x01\x00\x00\x00");
    assert_eq!(check_hello(&hello(PROTOCOL_VERSION)), Ok(()));
    let err = check_hello(&hello(PROTOCOL_VERSION + 1)).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "protocol version mismatch: the peer speaks version {}, this side speaks version \
             {PROTOCOL_VERSION}; refused",
            PROTOCOL_VERSION + 1
        )
    );
    assert_eq!(
        check_hello(b"STRATAVX\x01\0\0\0"),
        Err(ProtocolError::NotAHost)
    );
    assert_eq!(check_hello(b"STRATAVM\x01"), Err(ProtocolError::NotAHost));
}

#[test]
fn the_configuration_carries_the_schedule_and_limits_exactly() {
    for schedule in [GasSchedule::v3(), GasSchedule::v4(), GasSchedule::dummy()] {
        let mut config = VmConfig {
            max_instances: 17,
            time_limit: Some(std::time::Duration::from_millis(1234)),
            ..VmConfig::default()
        };
        config.features.barnard_opcodes = false;
        let wire = HostConfig::new(&schedule, &config);
        let back = decode(&encode(&Message::Configure(wire)).unwrap()).unwrap();
        let Message::Configure(back) = back else {
            panic!("{back:?}")
        };
        let (s, c) = back.parts().unwrap();
        assert_eq!(s, schedule);
        assert_eq!(c, config);
    }
}

#[test]
fn an_output_survives_the_wire() {
    let mut output = VmOutput::failure(blockchain_hooks::ReturnCode::UserError, "boom");
    output.account_mut(Address([1; 32])).balance_delta = (-5).into();
    output
        .account_mut(Address([1; 32]))
        .storage_updates
        .insert(b"k".to_vec(), b"v".to_vec());
    let message = Message::Done(Ok(output));
    assert_eq!(decode(&encode(&message).unwrap()).unwrap(), message);
}

//! The wire format between a node and its VM host.
//!
//! Every message is one frame: a 4-byte little-endian payload length, the 4-byte
//! little-endian CRC-32 of the payload, then the payload. The first frame each side sends is
//! the hello ([`HELLO_MAGIC`] and the little-endian [`PROTOCOL_VERSION`], a layout that never
//! changes); every later payload is one [`Message`] in postcard. A side refuses a peer whose
//! hello carries another version.

mod messages;

use std::io::{Read, Write};

use thiserror::Error;

pub use messages::{HookCall, HookReply, HostConfig, Message, WireVmError};

/// The version of the protocol this build speaks; any change of [`Message`] bumps it.
pub const PROTOCOL_VERSION: u32 = 2;

/// The first bytes of the hello frame.
pub const HELLO_MAGIC: [u8; 8] = *b"STRATAVM";

/// Frames longer than this are refused as corrupt before anything is allocated for them.
pub const MAX_FRAME: u32 = 256 << 20;

/// Why a frame could not be read or written, or the peer broke the protocol.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ProtocolError {
    /// The pipe failed.
    #[error("pipe: {0}")]
    Io(String),
    /// The stream ended before the first byte of a frame.
    #[error("the peer closed the pipe")]
    Closed,
    /// The stream ended inside a frame.
    #[error("truncated frame: {got} of {expected} bytes")]
    Truncated {
        /// Bytes the frame should have (header included).
        expected: usize,
        /// Bytes that arrived.
        got: usize,
    },
    /// A frame whose length is over [`MAX_FRAME`].
    #[error("corrupt frame: length {0} is over the limit")]
    TooLong(u32),
    /// A frame whose checksum does not match its payload.
    #[error("corrupt frame: checksum {found:#010x}, expected {expected:#010x}")]
    Checksum {
        /// The checksum of the bytes received.
        found: u32,
        /// The checksum the header announced.
        expected: u32,
    },
    /// A payload that is not a message.
    #[error("corrupt message: {0}")]
    Decode(String),
    /// The peer's first frame is not a hello.
    #[error("the peer is not a Strata VM host (no hello)")]
    NotAHost,
    /// The peer speaks another version of the protocol.
    #[error(
        "protocol version mismatch: the peer speaks version {peer}, this side speaks \
         version {ours}; refused"
    )]
    VersionMismatch {
        /// The peer's version.
        peer: u32,
        /// Ours.
        ours: u32,
    },
    /// A message that has no place at this point of the exchange.
    #[error("unexpected message: {0}")]
    Unexpected(String),
    /// The peer did not answer in time.
    #[error("no answer within {0} ms")]
    Timeout(u128),
}

fn io(e: std::io::Error) -> ProtocolError {
    ProtocolError::Io(e.to_string())
}

/// Writes one frame holding `payload`.
///
/// # Errors
/// [`ProtocolError::Io`] when the pipe fails; [`ProtocolError::TooLong`] for a payload over
/// [`MAX_FRAME`].
pub fn write_frame(out: &mut dyn Write, payload: &[u8]) -> Result<(), ProtocolError> {
    let len = u32::try_from(payload.len())
        .ok()
        .filter(|&n| n <= MAX_FRAME)
        .ok_or(ProtocolError::TooLong(u32::MAX))?;
    let mut frame = Vec::with_capacity(payload.len() + 8);
    frame.extend_from_slice(&len.to_le_bytes());
    frame.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    frame.extend_from_slice(payload);
    out.write_all(&frame).map_err(io)?;
    out.flush().map_err(io)
}

/// Reads one frame and answers its payload, checked against its length and checksum.
///
/// # Errors
/// [`ProtocolError::Closed`] at a clean end of stream, [`ProtocolError::Truncated`] for a
/// stream that ends inside a frame, [`ProtocolError::TooLong`] and
/// [`ProtocolError::Checksum`] for a corrupt frame, [`ProtocolError::Io`] for a pipe failure.
pub fn read_frame(input: &mut dyn Read) -> Result<Vec<u8>, ProtocolError> {
    let mut header = [0u8; 8];
    let got = read_full(input, &mut header)?;
    if got == 0 {
        return Err(ProtocolError::Closed);
    }
    if got < header.len() {
        return Err(ProtocolError::Truncated { expected: 8, got });
    }
    let len = u32::from_le_bytes([header[0], header[1], header[2], header[3]]);
    let expected = u32::from_le_bytes([header[4], header[5], header[6], header[7]]);
    if len > MAX_FRAME {
        return Err(ProtocolError::TooLong(len));
    }
    // Grows as bytes arrive: a corrupt length allocates nothing it does not receive.
    let mut payload = Vec::new();
    input
        .take(u64::from(len))
        .read_to_end(&mut payload)
        .map_err(io)?;
    if payload.len() < len as usize {
        return Err(ProtocolError::Truncated {
            expected: len as usize + 8,
            got: payload.len() + 8,
        });
    }
    let found = crc32fast::hash(&payload);
    if found != expected {
        return Err(ProtocolError::Checksum { found, expected });
    }
    Ok(payload)
}

/// Reads into `buf` until it is full or the stream ends; answers the bytes read.
fn read_full(input: &mut dyn Read, buf: &mut [u8]) -> Result<usize, ProtocolError> {
    let mut got = 0;
    while got < buf.len() {
        match input.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io(e)),
        }
    }
    Ok(got)
}

/// The hello payload of `version`.
pub fn hello(version: u32) -> Vec<u8> {
    let mut payload = HELLO_MAGIC.to_vec();
    payload.extend_from_slice(&version.to_le_bytes());
    payload
}

/// Checks a peer's hello payload against [`PROTOCOL_VERSION`].
///
/// # Errors
/// [`ProtocolError::NotAHost`] for a payload that is no hello,
/// [`ProtocolError::VersionMismatch`] for another version.
pub fn check_hello(payload: &[u8]) -> Result<(), ProtocolError> {
    let (magic, version) = payload
        .split_at_checked(HELLO_MAGIC.len())
        .filter(|(magic, rest)| *magic == HELLO_MAGIC && rest.len() == 4)
        .ok_or(ProtocolError::NotAHost)?;
    let _ = magic;
    let peer = u32::from_le_bytes([version[0], version[1], version[2], version[3]]);
    if peer != PROTOCOL_VERSION {
        return Err(ProtocolError::VersionMismatch {
            peer,
            ours: PROTOCOL_VERSION,
        });
    }
    Ok(())
}

/// The payload of `message`.
///
/// # Errors
/// [`ProtocolError::Decode`] if the message cannot be encoded (it always can).
pub fn encode(message: &Message) -> Result<Vec<u8>, ProtocolError> {
    postcard::to_stdvec(message).map_err(|e| ProtocolError::Decode(e.to_string()))
}

/// The message in `payload`, which must hold exactly one.
///
/// # Errors
/// [`ProtocolError::Decode`] for bytes that are not one message.
pub fn decode(payload: &[u8]) -> Result<Message, ProtocolError> {
    let (message, rest) = postcard::take_from_bytes::<Message>(payload)
        .map_err(|e| ProtocolError::Decode(e.to_string()))?;
    if !rest.is_empty() {
        return Err(ProtocolError::Decode(format!(
            "{} bytes after the message",
            rest.len()
        )));
    }
    Ok(message)
}

#[cfg(test)]
mod tests;

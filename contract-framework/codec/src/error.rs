//! The codec's two error types, each carrying the ecosystem's message.

use core::fmt;

/// An encoding failure, carrying a static message.
///
/// Encoding into bytes rarely fails; the cases are an output that cannot take a value
/// ([`EncodeError::UNSUPPORTED_OPERATION`]) and a length that does not fit the u32 the format
/// uses ([`EncodeError::LENGTH_TOO_LARGE`], only reachable on 64-bit hosts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EncodeError(&'static str);

impl EncodeError {
    /// The output cannot take this kind of value.
    pub const UNSUPPORTED_OPERATION: EncodeError = EncodeError("unsupported operation");
    /// A length or `usize` does not fit in the u32 the format stores it as.
    pub const LENGTH_TOO_LARGE: EncodeError = EncodeError("value does not fit in u32");

    /// An error with a custom message.
    pub const fn new(message: &'static str) -> Self {
        EncodeError(message)
    }

    /// The message, as text.
    pub const fn message(&self) -> &'static str {
        self.0
    }

    /// The message, as bytes (what a contract passes to `signalError`).
    pub const fn message_bytes(&self) -> &'static [u8] {
        self.0.as_bytes()
    }
}

impl From<&'static str> for EncodeError {
    fn from(message: &'static str) -> Self {
        EncodeError(message)
    }
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// A decoding failure, carrying the ecosystem's static message (contracts report it as
/// `argument decode error (<name>): <message>` or `storage decode error: <message>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecodeError(&'static str);

impl DecodeError {
    /// The input ended before the value did.
    pub const INPUT_TOO_SHORT: DecodeError = DecodeError("input too short");
    /// Bytes were left after the value, or an unsigned number is larger than its type.
    pub const INPUT_TOO_LONG: DecodeError = DecodeError("input too long");
    /// A signed number does not fit its type.
    pub const INPUT_OUT_OF_RANGE: DecodeError = DecodeError("input out of range");
    /// A bool, option tag or enum discriminant that names no value.
    pub const INVALID_VALUE: DecodeError = DecodeError("invalid value");
    /// The input cannot produce this kind of value.
    pub const UNSUPPORTED_OPERATION: DecodeError = DecodeError("unsupported operation");
    /// A fixed-size array could not be filled.
    pub const ARRAY_DECODE_ERROR: DecodeError = DecodeError("array decode error");
    /// A string is not valid UTF-8.
    pub const UTF8_DECODE_ERROR: DecodeError = DecodeError("utf-8 decode error");

    /// An error with a custom message.
    pub const fn new(message: &'static str) -> Self {
        DecodeError(message)
    }

    /// The message, as text.
    pub const fn message(&self) -> &'static str {
        self.0
    }

    /// The message, as bytes (what a contract passes to `signalError`).
    pub const fn message_bytes(&self) -> &'static [u8] {
        self.0.as_bytes()
    }
}

impl From<&'static str> for DecodeError {
    fn from(message: &'static str) -> Self {
        DecodeError(message)
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

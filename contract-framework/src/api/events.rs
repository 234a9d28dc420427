//! Logs (events) in the ecosystem's layout: the first topic is the event's name, the indexed
//! arguments follow as top-encoded topics, and the data is the one non-indexed argument,
//! top-encoded (empty when the event has none).

use strata_codec::TopEncode;

use crate::hooks;
use crate::io::top_encode_to_buffer;
use crate::types::{ManagedBuffer, ManagedVec};

/// An event being built: its topics and data.
#[derive(Debug)]
pub struct EventBuilder {
    topics: ManagedVec<ManagedBuffer>,
}

impl EventBuilder {
    /// An event whose first topic is `identifier`.
    pub fn new(identifier: &[u8]) -> Self {
        let mut topics = ManagedVec::new();
        topics.push(ManagedBuffer::new_from_bytes(identifier));
        Self { topics }
    }

    /// Adds an indexed argument as a topic.
    pub fn topic<T: TopEncode>(mut self, value: &T) -> Self {
        self.topics.push(top_encode_to_buffer(value));
        self
    }

    /// Writes the log with `data` (a non-indexed argument).
    pub fn emit_with_data<T: TopEncode>(self, data: &T) {
        write_log(&self.topics, &top_encode_to_buffer(data));
    }

    /// Writes the log with empty data.
    pub fn emit(self) {
        write_log(&self.topics, &ManagedBuffer::new());
    }
}

/// Writes a log with `topics` and `data` (`managedWriteLog`).
pub fn write_log(topics: &ManagedVec<ManagedBuffer>, data: &ManagedBuffer) {
    // SAFETY: handles only.
    unsafe { hooks::managed_write_log(topics.handle(), data.handle()) };
}

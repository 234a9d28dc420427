//! The symmetric question-and-answer layer both sides run: a side waiting for an answer
//! serves the questions the other side asks meanwhile, from its own chain objects.

mod remote;
mod serve;

use std::cell::RefCell;

use blockchain_hooks::BlockchainHooks;

use crate::protocol::{Message, ProtocolError};

pub(crate) use remote::Remote;

/// One side's end of the pipe pair. A link that failed once stays failed: every later
/// `send` or `recv` answers the first error.
pub(crate) trait Transport {
    /// Sends one message.
    fn send(&self, message: &Message) -> Result<(), ProtocolError>;
    /// Receives one message.
    fn recv(&self) -> Result<Message, ProtocolError>;
    /// Marks the link failed with `error` (kept if it already failed).
    fn fail(&self, error: ProtocolError);
}

/// The sticky failure of a link.
#[derive(Debug, Default)]
pub(crate) struct Failure(RefCell<Option<ProtocolError>>);

impl Failure {
    /// The first failure, if any.
    pub(crate) fn check(&self) -> Result<(), ProtocolError> {
        match &*self.0.borrow() {
            Some(e) => Err(e.clone()),
            None => Ok(()),
        }
    }

    /// Records `error` unless a failure is already recorded; answers the first.
    pub(crate) fn set(&self, error: ProtocolError) -> ProtocolError {
        self.0.borrow_mut().get_or_insert(error).clone()
    }

    /// `result`, recording its error.
    pub(crate) fn track<T>(&self, result: Result<T, ProtocolError>) -> Result<T, ProtocolError> {
        result.map_err(|e| self.set(e))
    }
}

/// The chain objects a side can be asked about: its own chain (node side) and the state
/// objects it handed over with builtin calls, innermost last. Object `n` is at depth `n`.
#[derive(Clone, Copy)]
pub(crate) struct Objects<'a> {
    object: &'a dyn BlockchainHooks,
    parent: Option<&'a Objects<'a>>,
    depth: u32,
}

impl<'a> Objects<'a> {
    /// `object` on top of `parent`.
    pub(crate) fn push(object: &'a dyn BlockchainHooks, parent: Option<&'a Objects<'a>>) -> Self {
        let depth = parent.map_or(0, |p| p.depth + 1);
        Self {
            object,
            parent,
            depth,
        }
    }

    /// The number of `self` for the other side.
    pub(crate) fn depth(&self) -> u32 {
        self.depth
    }

    fn get(&self, depth: u32) -> Option<&'a dyn BlockchainHooks> {
        let mut at = Some(self);
        while let Some(objects) = at {
            if objects.depth == depth {
                return Some(objects.object);
            }
            at = objects.parent;
        }
        None
    }
}

/// Receives messages, serving every [`Message::Hook`] question from `objects`, until one
/// that is not a question arrives; answers it.
pub(crate) fn pump(
    link: &dyn Transport,
    objects: Option<&Objects<'_>>,
) -> Result<Message, ProtocolError> {
    loop {
        match link.recv()? {
            Message::Hook { target, call } => {
                let reply = serve::answer(link, objects, target, call);
                link.send(&Message::HookReply(reply))?;
            }
            other => return Ok(other),
        }
    }
}

#[cfg(test)]
mod tests;

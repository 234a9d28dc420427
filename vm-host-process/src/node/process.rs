use std::cell::RefCell;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use thiserror::Error;

use super::HostCommand;
use crate::protocol::{self, Message, PROTOCOL_VERSION, ProtocolError};
use crate::rpc::{Failure, Transport};

/// Why a VM host could not be started.
#[derive(Debug, Error)]
pub(crate) enum StartError {
    /// The program did not start.
    #[error("cannot start {program}: {error}")]
    Spawn {
        /// The program.
        program: String,
        /// Why.
        error: String,
    },
    /// The handshake or the configuration failed.
    #[error(transparent)]
    Protocol(#[from] ProtocolError),
}

/// The node's end of a host's pipe pair. A thread reads the host's frames into a channel,
/// so every wait has a deadline.
#[derive(Debug)]
pub(crate) struct ChildLink {
    stdin: RefCell<ChildStdin>,
    frames: Receiver<Result<Vec<u8>, ProtocolError>>,
    deadline: Duration,
    failure: Failure,
}

impl ChildLink {
    fn send_raw(&self, payload: &[u8]) -> Result<(), ProtocolError> {
        self.failure.check()?;
        let result = protocol::write_frame(&mut *self.stdin.borrow_mut(), payload);
        self.failure.track(result)
    }

    fn recv_raw(&self) -> Result<Vec<u8>, ProtocolError> {
        self.failure.check()?;
        let result = match self.frames.recv_timeout(self.deadline) {
            Ok(frame) => frame,
            Err(RecvTimeoutError::Timeout) => {
                Err(ProtocolError::Timeout(self.deadline.as_millis()))
            }
            Err(RecvTimeoutError::Disconnected) => Err(ProtocolError::Closed),
        };
        self.failure.track(result)
    }
}

impl Transport for ChildLink {
    fn send(&self, message: &Message) -> Result<(), ProtocolError> {
        self.send_raw(&protocol::encode(message)?)
    }

    fn recv(&self) -> Result<Message, ProtocolError> {
        let payload = self.recv_raw()?;
        self.failure.track(protocol::decode(&payload))
    }

    fn fail(&self, error: ProtocolError) {
        self.failure.set(error);
    }
}

/// A running VM host. Dropping it kills the process.
#[derive(Debug)]
pub(crate) struct HostProcess {
    child: Child,
    link: ChildLink,
    generation: Option<u64>,
}

impl HostProcess {
    /// Starts `command` and exchanges hellos.
    pub(crate) fn start(command: &HostCommand, deadline: Duration) -> Result<Self, StartError> {
        let mut child = Command::new(&command.program)
            .args(&command.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| StartError::Spawn {
                program: command.program.display().to_string(),
                error: e.to_string(),
            })?;
        let (Some(stdin), Some(mut stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(ProtocolError::Io("no pipes to the VM host".into()).into());
        };
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            loop {
                let frame = protocol::read_frame(&mut stdout);
                let stop = frame.is_err();
                if tx.send(frame).is_err() || stop {
                    break;
                }
            }
        });
        let host = Self {
            child,
            link: ChildLink {
                stdin: RefCell::new(stdin),
                frames: rx,
                deadline,
                failure: Failure::default(),
            },
            generation: None,
        };
        host.link.send_raw(&protocol::hello(PROTOCOL_VERSION))?;
        protocol::check_hello(&host.link.recv_raw()?)?;
        Ok(host)
    }

    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }

    pub(crate) fn link(&self) -> &ChildLink {
        &self.link
    }

    pub(crate) fn generation(&self) -> Option<u64> {
        self.generation
    }

    pub(crate) fn set_generation(&mut self, generation: u64) {
        self.generation = Some(generation);
    }

    /// Kills the host (if it still runs) and tells how it ended.
    pub(crate) fn kill(mut self) -> String {
        let _ = self.child.kill();
        match self.child.wait() {
            Ok(status) => format!("VM host {status}"),
            Err(e) => format!("VM host status unknown: {e}"),
        }
    }
}

impl Drop for HostProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

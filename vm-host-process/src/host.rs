//! The VM-host side: vm-core on the Wasmer executor, serving one node over a pipe pair. It
//! holds no chain state: every read goes to the node, as a [`Message::Hook`] question.

use std::cell::RefCell;
use std::io::{Read, Write};
use std::process::ExitCode;
use std::sync::Arc;

use executor_wasmer::{WasmerConfig, WasmerExecutor};
use vm_core::VmHost;
use vm_handler::{VmError, VmHandler};

use crate::protocol::{self, HostConfig, Message, PROTOCOL_VERSION, ProtocolError, WireVmError};
use crate::rpc::{Failure, Remote, Transport};

/// The host's end of the link: the node's questions come on `input`, its answers go out.
pub(crate) struct StreamLink<R, W> {
    input: RefCell<R>,
    output: RefCell<W>,
    failure: Failure,
}

impl<R: Read, W: Write> StreamLink<R, W> {
    /// The link reading `input` and writing `output`.
    pub(crate) fn new(input: R, output: W) -> Self {
        Self {
            input: RefCell::new(input),
            output: RefCell::new(output),
            failure: Failure::default(),
        }
    }

    fn send_raw(&self, payload: &[u8]) -> Result<(), ProtocolError> {
        self.failure.check()?;
        let result = protocol::write_frame(&mut *self.output.borrow_mut(), payload);
        self.failure.track(result)
    }

    fn recv_raw(&self) -> Result<Vec<u8>, ProtocolError> {
        self.failure.check()?;
        let result = protocol::read_frame(&mut *self.input.borrow_mut());
        self.failure.track(result)
    }
}

impl<R: Read, W: Write> Transport for StreamLink<R, W> {
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

/// Serves a node on `input`/`output` with [`PROTOCOL_VERSION`] until the node closes the
/// pipe.
///
/// # Errors
/// [`ProtocolError`] when the node breaks the protocol (another version, garbage, a message
/// out of place) or the pipe fails; a clean close is `Ok`.
pub fn serve(input: impl Read, output: impl Write) -> Result<(), ProtocolError> {
    serve_version(input, output, PROTOCOL_VERSION)
}

/// [`serve`], announcing `version` in the hello (tests of the handshake use another).
///
/// # Errors
/// As [`serve`].
pub fn serve_version(
    input: impl Read,
    output: impl Write,
    version: u32,
) -> Result<(), ProtocolError> {
    let link = StreamLink::new(input, output);
    link.send_raw(&protocol::hello(version))?;
    protocol::check_hello(&link.recv_raw()?)?;
    let mut vm: Result<VmHost, VmError> = Err(VmError::Config("VM host not configured".into()));
    loop {
        let message = match link.recv() {
            Err(ProtocolError::Closed) => return Ok(()),
            other => other?,
        };
        let result = match message {
            Message::Configure(config) => {
                vm = build(&config);
                continue;
            }
            Message::Create(input) => match &vm {
                Ok(vm) => vm.run_smart_contract_create(&input, &Remote::new(&link, 0, None)),
                Err(e) => Err(e.clone()),
            },
            Message::Call(input) => match &vm {
                Ok(vm) => vm.run_smart_contract_call(&input, &Remote::new(&link, 0, None)),
                Err(e) => Err(e.clone()),
            },
            other => {
                return Err(ProtocolError::Unexpected(format!(
                    "{} while waiting for an execution",
                    other.kind()
                )));
            }
        };
        // A link that failed during the execution means the node is gone or broke the
        // protocol: the output (built on empty answers) is worthless.
        link.failure.check()?;
        link.send(&Message::Done(result.map_err(WireVmError::from)))?;
    }
}

/// The VM `config` describes: vm-core on a new Wasmer executor.
fn build(config: &HostConfig) -> Result<VmHost, VmError> {
    let (schedule, vm_config) = config.parts().map_err(|e| VmError::Config(e.to_string()))?;
    let executor = WasmerExecutor::new(WasmerConfig::new(schedule.wasm_opcode_cost.clone()))
        .map_err(|e| VmError::Executor(e.to_string()))?;
    Ok(VmHost::new(Arc::new(executor), schedule, vm_config))
}

/// Serves the node on standard input and output, reporting a protocol failure on standard
/// error: what `strata vm-host` runs.
pub fn serve_stdio() -> ExitCode {
    let stdin = std::io::stdin().lock();
    let stdout = std::io::stdout().lock();
    match serve(stdin, stdout) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("strata vm-host: {e}");
            ExitCode::from(3)
        }
    }
}

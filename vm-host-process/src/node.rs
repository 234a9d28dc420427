//! The node side: [`OutOfProcessVm`], a [`VmHandler`] whose executions run in VM-host
//! processes and whose chain reads are answered here, from the node's real hooks.

mod process;

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use blockchain_hooks::{
    BlockchainHooks, ContractCallInput, ContractCreateInput, GasSchedule, VmOutput,
};
use vm_core::VmConfig;
use vm_handler::{VmError, VmHandler};

use crate::protocol::{HostConfig, Message, ProtocolError};
use crate::rpc::{Objects, Transport, pump};
use process::HostProcess;

/// How long the node waits for any message of the VM host before it declares it hung.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(60);

/// The program (and arguments) that starts a VM host speaking the protocol on its standard
/// input and output, e.g. `strata vm-host`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostCommand {
    /// The executable.
    pub program: PathBuf,
    /// Its arguments.
    pub args: Vec<OsString>,
}

impl HostCommand {
    /// `program` without arguments.
    pub fn new(program: impl Into<PathBuf>) -> Self {
        Self {
            program: program.into(),
            args: Vec::new(),
        }
    }

    /// Adds an argument.
    pub fn arg(mut self, arg: impl Into<OsString>) -> Self {
        self.args.push(arg.into());
        self
    }
}

/// The VM in other processes: each execution is sent to a VM host, every chain read the VM
/// makes comes back as a question answered from the `chain` of the call, and the output
/// returns. Nothing but the output crosses back: a VM host that crashes, hangs past the
/// deadline or writes garbage gives an [`VmError::Executor`] (nothing to apply), is killed,
/// and a fresh one starts for the next execution.
///
/// Idle hosts are kept for the next executions, one per execution running at once.
#[derive(Debug)]
pub struct OutOfProcessVm {
    command: HostCommand,
    deadline: Duration,
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    config: HostConfig,
    /// Bumped at each configuration change; a host configured earlier is reconfigured.
    generation: u64,
    idle: Vec<HostProcess>,
}

impl OutOfProcessVm {
    /// A VM whose hosts `command` starts, configured with `schedule` and `config`. No host
    /// starts before the first execution.
    pub fn new(command: HostCommand, schedule: &GasSchedule, config: &VmConfig) -> Self {
        Self {
            command,
            deadline: DEFAULT_DEADLINE,
            state: Mutex::new(State {
                config: HostConfig::new(schedule, config),
                generation: 0,
                idle: Vec::new(),
            }),
        }
    }

    /// Sets how long the node waits for each message of a VM host.
    pub fn with_deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// The process ids of the idle VM hosts (the one the next execution uses is the last).
    pub fn idle_host_pids(&self) -> Vec<u32> {
        self.lock().idle.iter().map(HostProcess::pid).collect()
    }

    /// Starts a VM host now and keeps it idle, so the first execution does not wait for it.
    ///
    /// # Errors
    /// As an execution's, when the host cannot be started or refuses the handshake.
    pub fn warm_up(&self) -> Result<(), VmError> {
        let host = self.checkout()?;
        self.checkin(host);
        Ok(())
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// An idle host, or a new one, configured with the current configuration.
    fn checkout(&self) -> Result<HostProcess, VmError> {
        let (host, config, generation) = {
            let mut state = self.lock();
            (state.idle.pop(), state.config.clone(), state.generation)
        };
        let mut host = match host {
            Some(host) => host,
            None => HostProcess::start(&self.command, self.deadline).map_err(|e| fault(&e))?,
        };
        if host.generation() != Some(generation) {
            host.link()
                .send(&Message::Configure(config))
                .map_err(|e| fault(&e.into()))?;
            host.set_generation(generation);
        }
        Ok(host)
    }

    fn checkin(&self, host: HostProcess) {
        self.lock().idle.push(host);
    }

    fn execute(&self, request: Message, chain: &dyn BlockchainHooks) -> Result<VmOutput, VmError> {
        let host = self.checkout()?;
        let objects = Objects::push(chain, None);
        let link = host.link();
        let outcome = link
            .send(&request)
            .and_then(|()| pump(link, Some(&objects)))
            .and_then(|reply| match reply {
                Message::Done(result) => Ok(result),
                other => Err(ProtocolError::Unexpected(format!(
                    "{} while waiting for the outcome",
                    other.kind()
                ))),
            });
        match outcome {
            Ok(result) => {
                self.checkin(host);
                result.map_err(VmError::from)
            }
            Err(e) => {
                let status = host.kill();
                Err(VmError::Executor(format!(
                    "out-of-process VM host failed: {e} ({status}); nothing is applied, and \
                     a new host starts for the next execution"
                )))
            }
        }
    }
}

/// The error of a host that could not be started or configured.
fn fault(e: &StartError) -> VmError {
    match e {
        StartError::Protocol(e @ ProtocolError::VersionMismatch { .. }) => {
            VmError::Config(format!("out-of-process VM host refused: {e}"))
        }
        e => VmError::Executor(format!("out-of-process VM host: {e}")),
    }
}

pub(crate) use process::StartError;

impl VmHandler for OutOfProcessVm {
    fn run_smart_contract_create(
        &self,
        input: &ContractCreateInput,
        chain: &dyn BlockchainHooks,
    ) -> Result<VmOutput, VmError> {
        self.execute(Message::Create(input.clone()), chain)
    }

    fn run_smart_contract_call(
        &self,
        input: &ContractCallInput,
        chain: &dyn BlockchainHooks,
    ) -> Result<VmOutput, VmError> {
        self.execute(Message::Call(input.clone()), chain)
    }

    fn gas_schedule_change(&self, schedule: GasSchedule) -> Result<(), VmError> {
        let mut state = self.lock();
        let (_, config) = state
            .config
            .parts()
            .map_err(|e| VmError::Config(e.to_string()))?;
        state.config = HostConfig::new(&schedule, &config);
        state.generation += 1;
        Ok(())
    }
}

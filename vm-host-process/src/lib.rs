//! Strata's VM in its own process, so that a fault in contract execution cannot take the
//! node down.
//!
//! The node side is [`OutOfProcessVm`], a [`VmHandler`](vm_handler::VmHandler): each
//! execution is sent to a VM-host process (`strata vm-host`, or any program that runs
//! [`serve_stdio`]) over its standard input and output; the VM host runs vm-core on the
//! Wasmer executor and asks the node every chain read, which the node answers from its real
//! [`BlockchainHooks`](blockchain_hooks::BlockchainHooks); the output comes back. The VM
//! host holds no chain state. The [`protocol`] is length-prefixed, checksummed postcard,
//! opened by a versioned hello.
//!
//! A VM host that crashes, hangs past the deadline or writes garbage gives a
//! [`VmError`](vm_handler::VmError) (nothing is applied) and is replaced for the next
//! execution.
//!
//! ```no_run
//! use strata_vm_host_process::{HostCommand, OutOfProcessVm};
//! use blockchain_hooks::GasSchedule;
//! use vm_core::VmConfig;
//!
//! let strata = std::env::current_exe().unwrap();
//! let vm = OutOfProcessVm::new(
//!     HostCommand::new(strata).arg("vm-host"),
//!     &GasSchedule::v4(),
//!     &VmConfig::default(),
//! );
//! vm.warm_up().unwrap(); // starts a VM host and checks its protocol version
//! ```

mod host;
mod node;
pub mod protocol;
mod rpc;

pub use host::{serve, serve_stdio, serve_version};
pub use node::{DEFAULT_DEADLINE, HostCommand, OutOfProcessVm};
pub use protocol::{PROTOCOL_VERSION, ProtocolError};

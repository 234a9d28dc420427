//! Contracts compiled natively, which the debugger executor runs in the host process.
//!
//! A contract framework compiles the same contract source twice: to wasm, where the hooks are
//! imports of module `env`, and natively, where each exported function becomes a
//! [`NativeEndpoint`] that the debugger executor calls with the running VM's hooks. A
//! [`NativeContract`] lists a contract's endpoints under their export names.
//!
//! The rules a native endpoint follows, so that it behaves as its wasm build does:
//! - pointers it passes to hooks ([`MemPtr`]) are real addresses of its own
//!   memory, valid for the length it gives;
//! - when a hook returns an [`EarlyExit`], the endpoint stops at once by
//!   unwinding with that value as the payload (`std::panic::resume_unwind(Box::new(exit))`),
//!   and the executor returns it from the call unchanged;
//! - any other panic is the contract's own failure: the executor answers a user error with
//!   [`NATIVE_PANIC_MESSAGE`], the message a framework's wasm panic handler signals too.

use crate::{EarlyExit, InstanceAccess, MemLength, MemPtr, VMHooks};

/// One exported function of a native contract: called with the hooks of the running VM and
/// the instance's memory and gas, exactly once per call.
pub type NativeEndpoint = fn(&mut dyn VMHooks, &mut dyn InstanceAccess);

/// The user-error message of a contract that panicked (return code 4), in both builds.
pub const NATIVE_PANIC_MESSAGE: &str = "panic occurred";

/// The value of a hook call made by a native endpoint; when the hook stopped the contract,
/// the unwind that stops the endpoint, with the [`EarlyExit`] as payload (the rule above).
pub fn stop_on_exit<T>(result: Result<T, EarlyExit>) -> T {
    result.unwrap_or_else(|exit| std::panic::resume_unwind(Box::new(exit)))
}

/// The address and length of `bytes`, as a native endpoint passes them to hooks.
pub fn memory_of(bytes: &[u8]) -> (MemPtr, MemLength) {
    let address = bytes.as_ptr().expose_provenance();
    // Addresses and lengths of live objects fit in `isize`.
    (address as MemPtr, bytes.len() as MemLength)
}

/// A contract compiled into the host: its name and its exported functions.
#[derive(Clone, Copy)]
pub struct NativeContract {
    /// The contract's name, for logs and the debugger (`"adder"`).
    pub name: &'static str,
    /// The exported functions, by export name (`"init"`, `"add"`, `"callBack"`, …).
    pub endpoints: &'static [(&'static str, NativeEndpoint)],
}

impl NativeContract {
    /// The endpoint exported as `name`, if any.
    pub fn endpoint(&self, name: &str) -> Option<NativeEndpoint> {
        self.endpoints
            .iter()
            .find(|(export, _)| *export == name)
            .map(|(_, f)| *f)
    }

    /// The export names, sorted.
    pub fn exported_functions(&self) -> Vec<String> {
        let mut names: Vec<String> = self.endpoints.iter().map(|(n, _)| n.to_string()).collect();
        names.sort();
        names
    }
}

impl std::fmt::Debug for NativeContract {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NativeContract")
            .field("name", &self.name)
            .field("endpoints", &self.exported_functions())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noop(_: &mut dyn VMHooks, _: &mut dyn InstanceAccess) {}

    #[test]
    fn endpoints_are_found_by_export_name() {
        let contract = NativeContract {
            name: "adder",
            endpoints: &[("init", noop), ("add", noop)],
        };
        assert!(contract.endpoint("add").is_some());
        assert!(contract.endpoint("sub").is_none());
        assert_eq!(contract.exported_functions(), ["add", "init"]);
    }
}

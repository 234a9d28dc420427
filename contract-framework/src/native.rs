//! The native backend: hooks called on the running VM, in the host process.
//!
//! The debugger executor calls a contract's [`NativeEndpoint`]
//! with the VM's hooks and the instance's memory and gas. [`run_endpoint`] (called by the code
//! `#[contract]` generates) pushes them on a thread-local stack for the time of the endpoint and
//! pops them on the way out, unwinding included; a nested call (a hook that runs another
//! contract) pushes its own frame on the same thread and pops it before the hook returns.
//!
//! A hook that answers [`EarlyExit`] unwinds with that value as the panic payload
//! (`std::panic::resume_unwind`), as executor-api's `native` module requires.

use core::cell::RefCell;
use std::vec::Vec;

pub use executor_api::{
    EarlyExit, InstanceAccess, MemPtr, NativeContract, NativeEndpoint, VMHooks,
};

/// The hooks and instance of one running native endpoint, lifetimes erased: they are only
/// used while [`run_endpoint`] runs, which outlives every use.
#[derive(Clone, Copy)]
struct Frame {
    hooks: *mut (dyn VMHooks + 'static),
    instance: *mut (dyn InstanceAccess + 'static),
}

std::thread_local! {
    static FRAMES: RefCell<Vec<Frame>> = const { RefCell::new(Vec::new()) };
}

/// Pops the frame it guards, also when the endpoint unwinds.
struct PopOnDrop;

impl Drop for PopOnDrop {
    fn drop(&mut self) {
        FRAMES.with(|frames| frames.borrow_mut().pop());
    }
}

/// Runs `body` (an endpoint's code) with `hooks` and `instance` as the VM the framework's hooks
/// call; nested calls on the same thread stack up.
pub fn run_endpoint(hooks: &mut dyn VMHooks, instance: &mut dyn InstanceAccess, body: fn()) {
    // SAFETY: only the lifetime bounds of the trait objects change; the pointers are popped
    // (PopOnDrop) before this function returns, while both borrows are still alive.
    let frame = unsafe {
        Frame {
            hooks: core::mem::transmute::<*mut dyn VMHooks, *mut (dyn VMHooks + 'static)>(hooks),
            instance: core::mem::transmute::<
                *mut dyn InstanceAccess,
                *mut (dyn InstanceAccess + 'static),
            >(instance),
        }
    };
    FRAMES.with(|frames| frames.borrow_mut().push(frame));
    let _pop = PopOnDrop;
    body();
}

/// Whether a native endpoint is running on this thread.
pub fn in_endpoint() -> bool {
    FRAMES.with(|frames| !frames.borrow().is_empty())
}

/// Calls `f` with the innermost running endpoint's hooks and instance; an early exit unwinds.
///
/// The framework's hook layer goes through it; a contract can too, natively, to call a hook
/// the framework does not wrap (on wasm it declares the import itself).
///
/// # Panics
/// When no native endpoint runs on this thread (framework code called outside a contract).
pub fn with_vm<R>(
    f: impl FnOnce(&mut dyn VMHooks, &mut dyn InstanceAccess) -> Result<R, EarlyExit>,
) -> R {
    let frame = FRAMES.with(|frames| frames.borrow().last().copied());
    let Some(frame) = frame else {
        panic!("a contract hook was called outside a native endpoint");
    };
    // SAFETY: the frame's pointers are alive while its `run_endpoint` runs (see `Frame`); no
    // other reference to them is used during this call (a nested endpoint uses its own frame).
    executor_api::native::stop_on_exit(unsafe { f(&mut *frame.hooks, &mut *frame.instance) })
}

//! The globals the metering middleware adds to every module, and raw access to their values.
//!
//! The middleware appends mutable globals one after the other and exports the first,
//! [`GAS_REMAINING`], under a name no contract may use (validation refuses any export
//! starting with [`RESERVED_PREFIX`]); the others are found next to it, since Wasmer lays
//! out the definitions of an instance's own globals in index order, each
//! `VMOffsets::size_of_vmglobal_local` bytes long.

use std::ptr::NonNull;
use std::sync::atomic::{AtomicI64, Ordering};

use wasmer::sys::vm::VMOffsets;
use wasmer::{AsStoreMut, Extern, Instance};

/// The prefix of every export this crate adds to a module.
pub(crate) const RESERVED_PREFIX: &str = "strata:";
/// `i64`: gas points left; the contract stops when it drops to [`STOP_THRESHOLD`] or below.
pub(crate) const GAS_REMAINING: &str = "strata:gas_remaining";

/// Stop reason value: nothing stopped the contract from injected code.
pub(crate) const REASON_NONE: i32 = 0;
/// Stop reason value: a metering point found the gas exhausted (or the threshold raised).
pub(crate) const REASON_OUT_OF_GAS: i32 = 1;
/// Stop reason value: a `memory.grow` broke `MaxMemoryGrow` or `MaxMemoryGrowDelta`.
pub(crate) const REASON_MEMORY_LIMIT: i32 = 2;

/// The globals after [`GAS_REMAINING`], in order (not exported):
/// - `i64` stop threshold: 0 normally; the watchdog sets it to `i64::MAX` to stop the
///   contract at its next metering point. Only the watchdog writes it while wasm runs.
/// - `i32` stop reason: why injected code trapped ([`REASON_OUT_OF_GAS`],
///   [`REASON_MEMORY_LIMIT`]).
/// - `i32`: how many `memory.grow` the instance executed.
/// - `i32`: scratch space to duplicate the operand of `memory.grow`.
const STOP_THRESHOLD_POSITION: usize = 1;
/// See [`STOP_THRESHOLD_POSITION`].
const STOP_REASON_POSITION: usize = 2;

/// A raw pointer to the value of one global of an instance.
///
/// Wasmer's `Global::get` needs `&mut` access to the store, which the `&self` methods of
/// `InstanceAccess` cannot give, and the watchdog must write [`STOP_THRESHOLD`] from its own
/// thread; both go through the global's definition directly.
///
/// Invariant: the pointer was taken from an instance owned by the store that also owns
/// every copy of the slot (in the instance wrapper and in the function environment), and a
/// global's definition never moves while its instance lives. Accesses from the store's
/// thread happen while no wasm code of the instance runs (before or after a call, or inside
/// a host function, where wasm is suspended), except for the watchdog's atomic store.
#[derive(Clone, Copy, Debug)]
pub(crate) struct GlobalSlot(NonNull<i64>);

// SAFETY: the slot points into an instance owned by a `Store`, which is `Send`; the slot is
// only dereferenced by the thread that currently owns the store, or atomically (the
// watchdog, which stops using it before the call that registered it returns).
unsafe impl Send for GlobalSlot {}

impl GlobalSlot {
    /// The slot of the exported global `name` of `instance`.
    pub(crate) fn locate(
        store: &mut impl AsStoreMut,
        instance: &Instance,
        name: &str,
    ) -> Option<Self> {
        let global = instance.exports.get_global(name).ok()?.clone();
        // Only the `sys` backend is compiled in, so the extern is always a `sys` one.
        let wasmer::sys::vm::VMExtern::Global(handle) =
            Extern::Global(global).to_vm_extern().unwrap_sys()
        else {
            return None;
        };
        let vm_global = handle.get(store.objects_mut().as_sys());
        Some(Self(vm_global.vmglobal().cast::<i64>()))
    }

    /// The raw pointer, for the watchdog's lock-free registry.
    pub(crate) fn as_raw(self) -> *mut i64 {
        self.0.as_ptr()
    }

    /// The slot of a pointer from [`as_raw`](Self::as_raw); `None` for a null pointer.
    pub(crate) fn from_raw(ptr: *mut i64) -> Option<Self> {
        NonNull::new(ptr).map(Self)
    }

    /// The slot of the global `position` places after this one (see the module doc).
    fn after(self, position: usize) -> Self {
        let stride = usize::from(VMOffsets::new_for_trampolines(8).size_of_vmglobal_local());
        // SAFETY: the definitions of an instance's own globals are one array in its
        // `VMContext`, in index order; callers only ask for globals that exist.
        Self(unsafe { self.0.byte_add(stride * position) })
    }

    /// The value, as an `i64` global.
    pub(crate) fn get_i64(self) -> i64 {
        // SAFETY: see the type's invariant; the definition is 16-byte aligned and starts
        // with the value, an `i64` for the globals read this way.
        unsafe { self.0.as_ptr().read() }
    }

    /// Sets the value, as an `i64` global.
    pub(crate) fn set_i64(self, value: i64) {
        // SAFETY: see `get_i64`.
        unsafe { self.0.as_ptr().write(value) }
    }

    /// The value, as an `i32` global (the low half of the raw value, little-endian).
    pub(crate) fn get_i32(self) -> i32 {
        // SAFETY: see `get_i64`; an `i32` global's value is the first 4 bytes.
        unsafe { self.0.cast::<i32>().as_ptr().read() }
    }

    /// Sets the value, as an `i32` global.
    pub(crate) fn set_i32(self, value: i32) {
        // SAFETY: see `get_i32`.
        unsafe { self.0.cast::<i32>().as_ptr().write(value) }
    }

    /// Stores `value` atomically, for a write from another thread while wasm may run.
    pub(crate) fn store_atomic_i64(self, value: i64) {
        // SAFETY: the pointer is valid and 8-byte aligned (see the invariant), and every
        // access from Rust while wasm may run goes through this atomic; generated code only
        // reads it with plain aligned 8-byte loads, which are single-copy atomic on the
        // targets Wasmer's singlepass supports (x86-64, aarch64, riscv64).
        let atomic = unsafe { AtomicI64::from_ptr(self.0.as_ptr()) };
        atomic.store(value, Ordering::SeqCst);
    }
}

/// The slots of one instance's injected globals.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Slots {
    pub(crate) gas_remaining: GlobalSlot,
    pub(crate) stop_threshold: GlobalSlot,
    pub(crate) stop_reason: GlobalSlot,
}

impl Slots {
    /// The slots of `instance`; `None` when the module was not compiled by this crate.
    pub(crate) fn locate(store: &mut impl AsStoreMut, instance: &Instance) -> Option<Self> {
        let gas_remaining = GlobalSlot::locate(store, instance, GAS_REMAINING)?;
        Some(Self {
            gas_remaining,
            stop_threshold: gas_remaining.after(STOP_THRESHOLD_POSITION),
            stop_reason: gas_remaining.after(STOP_REASON_POSITION),
        })
    }
}

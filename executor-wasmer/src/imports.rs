//! The `env` imports: one host function per hook of the table, generated from
//! [`executor_api::for_each_vm_hook!`], each dispatching to the `VMHooks` of the running call.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr::NonNull;

use executor_api::{EarlyExit, InstanceAccess, MemLength, MemPtr, VMHooks};
use wasmer::{
    AsStoreMut, AsStoreRef, Function, FunctionEnv, FunctionEnvMut, Memory, RuntimeError, Store,
    StoreMut,
};

use crate::globals::Slots;
use crate::memory;

/// The `VMHooks` of the running call, as a raw pointer with its lifetime erased.
///
/// Invariant (upheld by `WasmerInstance::call`): the pointer is set from the `&mut dyn
/// VMHooks` that `call` received, only for the duration of the wasm call, and cleared on
/// every exit path before `call` returns; while set, `call` does not touch the reference
/// itself, so the host functions' `&mut` derived from the pointer is the only one alive.
/// Host functions of one instance never nest (a hook cannot re-enter the instance it was
/// called from, which `call` borrows mutably).
#[derive(Clone, Copy)]
pub(crate) struct HooksPtr(NonNull<dyn VMHooks>);

// SAFETY: the pointer is only dereferenced by host functions, which run on the thread that
// runs `WasmerInstance::call`, the thread that owns the `&mut dyn VMHooks` for the call.
unsafe impl Send for HooksPtr {}

impl HooksPtr {
    /// Erases the lifetime of `hooks`; see the type's invariant.
    pub(crate) fn new(hooks: &mut dyn VMHooks) -> Self {
        let ptr: NonNull<dyn VMHooks + '_> = NonNull::from(hooks);
        // SAFETY: only the trait object's lifetime bound changes (same layout); the pointer
        // is never dereferenced after the borrow it came from ends (type invariant).
        Self(unsafe { std::mem::transmute::<NonNull<dyn VMHooks + '_>, NonNull<dyn VMHooks>>(ptr) })
    }
}

/// What an instance's host functions need, kept in the store as the function environment.
#[derive(Default)]
pub(crate) struct Env {
    /// The hooks of the running call, `None` outside calls.
    pub(crate) hooks: Option<HooksPtr>,
    /// Memory and gas of the instance, set right after instantiation.
    pub(crate) state: Option<InstanceState>,
    /// A hook of the running call returned with the points left at 0 or below (without
    /// stopping the contract): the production VM stops at the next metering point, which
    /// checks, so a trap before it is not out of gas.
    pub(crate) hook_left_no_gas: bool,
}

/// The memory and gas of one instance.
#[derive(Clone, Debug)]
pub(crate) struct InstanceState {
    pub(crate) memory: Memory,
    pub(crate) slots: Slots,
    /// The gas limit; the remaining points are in the `gas_remaining` global.
    pub(crate) gas_limit: u64,
}

impl InstanceState {
    /// The limit the remaining points count down from: the gas limit, capped at `i64::MAX`
    /// (wasm integers are signed).
    fn points_base(&self) -> i128 {
        i128::from(self.gas_limit.min(i64::MAX.cast_unsigned()))
    }

    pub(crate) fn gas_used(&self) -> u64 {
        let used = self.points_base() - i128::from(self.slots.gas_remaining.get_i64());
        u64::try_from(used.max(0)).unwrap_or(u64::MAX)
    }

    pub(crate) fn set_gas_used(&self, used: u64) {
        let remaining = self.points_base() - i128::from(used);
        let remaining = remaining.clamp(i128::from(i64::MIN / 4), i128::from(i64::MAX));
        self.slots
            .gas_remaining
            .set_i64(i64::try_from(remaining).unwrap_or(i64::MIN / 4));
    }

    /// Sets the limit, keeping the points used.
    pub(crate) fn set_gas_limit(&mut self, limit: u64) {
        let used = self.gas_used();
        self.gas_limit = limit;
        self.set_gas_used(used);
    }

    pub(crate) fn load(
        &self,
        store: &impl AsStoreRef,
        offset: MemPtr,
        length: MemLength,
    ) -> Result<Vec<u8>, EarlyExit> {
        memory::load(&self.memory.view(store), offset, length)
    }

    pub(crate) fn store(
        &self,
        store: &impl AsStoreRef,
        offset: MemPtr,
        data: &[u8],
    ) -> Result<(), EarlyExit> {
        memory::store(&self.memory.view(store), offset, data)
    }
}

/// The instance as a hook sees it during a call.
struct CallView<'a> {
    store: StoreMut<'a>,
    state: &'a InstanceState,
}

impl InstanceAccess for CallView<'_> {
    fn memory_load(&self, offset: MemPtr, length: MemLength) -> Result<Vec<u8>, EarlyExit> {
        self.state.load(&self.store, offset, length)
    }

    fn memory_store(&mut self, offset: MemPtr, data: &[u8]) -> Result<(), EarlyExit> {
        self.state.store(&self.store, offset, data)
    }

    fn gas_used(&self) -> u64 {
        self.state.gas_used()
    }

    fn set_gas_used(&mut self, used: u64) {
        self.state.set_gas_used(used);
    }

    fn gas_limit(&self) -> u64 {
        self.state.gas_limit
    }
}

/// Runs one hook: builds the view, calls `hook` with the call's `VMHooks`, and turns an
/// early exit or a panic into a trap that carries the [`EarlyExit`].
fn dispatch<R>(
    ctx: &mut FunctionEnvMut<'_, Env>,
    name: &'static str,
    hook: impl FnOnce(&mut dyn VMHooks, &mut dyn InstanceAccess) -> Result<R, EarlyExit>,
) -> Result<R, RuntimeError> {
    let (env, store) = ctx.data_and_store_mut();
    let (Some(mut hooks), Some(state)) = (env.hooks, env.state.as_ref()) else {
        return Err(stop(EarlyExit::execution_failed(format!(
            "hook {name} called outside a call"
        ))));
    };
    let mut view = CallView { store, state };
    // SAFETY: see `HooksPtr`: set for the running call only, and this is the only reference
    // derived from it while the hook runs.
    let hooks = unsafe { hooks.0.as_mut() };
    let result = catch_unwind(AssertUnwindSafe(|| hook(hooks, &mut view)));
    if state.slots.gas_remaining.get_i64() <= 0 {
        env.hook_left_no_gas = true;
    }
    match result {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(exit)) => Err(stop(exit)),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            Err(stop(EarlyExit::execution_failed(format!(
                "hook {name} panicked: {what}"
            ))))
        }
    }
}

/// A trap carrying `exit`, recovered unchanged by `WasmerInstance::call`.
fn stop(exit: EarlyExit) -> RuntimeError {
    RuntimeError::user(Box::new(exit))
}

/// Creates the host function of one hook in a store.
pub(crate) type HostFunctionMaker = fn(&mut Store, &FunctionEnv<Env>) -> Function;

/// The wasm type of a parameter type of the table.
macro_rules! wasm_param {
    (MemPtr) => {
        i32
    };
    (MemLength) => {
        i32
    };
    (i32) => {
        i32
    };
    (i64) => {
        i64
    };
}

/// The wasm result of a hook: its result type, or `()`.
macro_rules! wasm_result {
    () => {
        ()
    };
    ($ret:ident) => {
        wasm_param!($ret)
    };
}

/// Converts a wasm argument to the hook's parameter type. Pointers are unsigned offsets;
/// lengths keep their sign so that a negative length is refused, not read as huge.
macro_rules! from_wasm {
    (MemPtr, $v:ident) => {
        MemPtr::try_from($v.cast_unsigned()).unwrap_or(MemPtr::MAX)
    };
    (MemLength, $v:ident) => {
        MemLength::try_from($v).unwrap_or(MemLength::MIN)
    };
    (i32, $v:ident) => {
        $v
    };
    (i64, $v:ident) => {
        $v
    };
}

macro_rules! host_functions {
    ($(
        $(#[$doc:meta])*
        $wasm:ident [$group:ident $category:literal $gas:literal]
        fn $method:ident($($arg:ident: $ty:ident),*) $(-> $ret:ident)?;
    )*) => {
        /// One maker per hook, in the order of [`executor_api::HOOKS`].
        pub(crate) static HOST_FUNCTIONS: &[HostFunctionMaker] = &[
            $(
                {
                    fn make(store: &mut Store, env: &FunctionEnv<Env>) -> Function {
                        Function::new_typed_with_env(
                            store,
                            env,
                            |mut ctx: FunctionEnvMut<'_, Env>, $($arg: wasm_param!($ty)),*|
                                -> Result<wasm_result!($($ret)?), RuntimeError> {
                                dispatch(&mut ctx, stringify!($wasm), |hooks, instance| {
                                    hooks.$method(instance, $(from_wasm!($ty, $arg)),*)
                                })
                            },
                        )
                    }
                    make
                },
            )*
        ];
    };
}

executor_api::for_each_vm_hook!(host_functions);

/// The imports of a module, in its order: the host functions of the hooks it imports (and
/// only those, so that instantiation stays cheap); `hooks` holds their positions in
/// [`executor_api::HOOKS`].
pub(crate) fn build_imports(
    store: &mut Store,
    env: &FunctionEnv<Env>,
    hooks: &[usize],
) -> Vec<wasmer::Extern> {
    hooks
        .iter()
        .filter_map(|index| HOST_FUNCTIONS.get(*index))
        .map(|make| wasmer::Extern::Function(make(store, env)))
        .collect()
}

/// The mutable state of an instance outside calls.
pub(crate) fn state_of_mut<'s>(
    env: &FunctionEnv<Env>,
    store: &'s mut impl AsStoreMut,
) -> Option<&'s mut InstanceState> {
    env.as_mut(store).state.as_mut()
}

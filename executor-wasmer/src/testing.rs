//! Test doubles: [`RecordingHooks`], a `VMHooks` whose every hook records its call and
//! answers what the test configured.

use std::collections::HashMap;
use std::fmt;

use executor_api::{EarlyExit, InstanceAccess, MemLength, MemPtr, VMHooks};

/// What a configured hook does: gets the instance and the call's arguments (each widened
/// to `i64`) and returns the hook's result (narrowed to its wasm type; ignored for hooks
/// without a result) or an early exit.
pub type HookHandler =
    Box<dyn FnMut(&mut dyn InstanceAccess, &[i64]) -> Result<i64, EarlyExit> + Send>;

/// One recorded hook call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HookCall {
    /// The hook's wasm name, e.g. `getGasLeft`.
    pub name: &'static str,
    /// The arguments, widened to `i64` (pointers as unsigned offsets).
    pub args: Vec<i64>,
}

/// A `VMHooks` for tests: records every call; a hook answers with its configured handler,
/// or `Ok(0)` when none was configured.
///
/// ```
/// use executor_api::EarlyExit;
/// use strata_executor_wasmer::testing::RecordingHooks;
///
/// let hooks = RecordingHooks::new()
///     .returning("getGasLeft", 42)
///     .failing("signalError", EarlyExit::user_error("boom"));
/// assert!(hooks.calls().is_empty());
/// ```
#[derive(Default)]
pub struct RecordingHooks {
    calls: Vec<HookCall>,
    handlers: HashMap<String, HookHandler>,
    not_recording: bool,
}

impl fmt::Debug for RecordingHooks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut configured: Vec<&String> = self.handlers.keys().collect();
        configured.sort();
        f.debug_struct("RecordingHooks")
            .field("calls", &self.calls)
            .field("configured", &configured)
            .field("recording", &!self.not_recording)
            .finish()
    }
}

impl RecordingHooks {
    /// Hooks that all answer `Ok(0)`.
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes the hook named `hook` (wasm name) run `handler`.
    pub fn on(
        mut self,
        hook: &str,
        handler: impl FnMut(&mut dyn InstanceAccess, &[i64]) -> Result<i64, EarlyExit> + Send + 'static,
    ) -> Self {
        self.handlers.insert(hook.to_owned(), Box::new(handler));
        self
    }

    /// Makes `hook` return `value`.
    pub fn returning(self, hook: &str, value: i64) -> Self {
        self.on(hook, move |_, _| Ok(value))
    }

    /// Makes `hook` stop execution with `exit`.
    pub fn failing(self, hook: &str, exit: EarlyExit) -> Self {
        self.on(hook, move |_, _| Err(exit.clone()))
    }

    /// Stops recording calls (for benchmarks: the handlers still run).
    pub fn without_recording(mut self) -> Self {
        self.not_recording = true;
        self
    }

    /// The calls recorded so far, in order.
    pub fn calls(&self) -> &[HookCall] {
        &self.calls
    }

    /// The names of the hooks called so far, in order.
    pub fn call_names(&self) -> Vec<&'static str> {
        self.calls.iter().map(|c| c.name).collect()
    }

    /// Forgets the recorded calls.
    pub fn clear_calls(&mut self) {
        self.calls.clear();
    }

    fn handle(
        &mut self,
        name: &'static str,
        instance: &mut dyn InstanceAccess,
        args: Vec<i64>,
    ) -> Result<i64, EarlyExit> {
        let result = match self.handlers.get_mut(name) {
            Some(handler) => handler(instance, &args),
            None => Ok(0),
        };
        if !self.not_recording {
            self.calls.push(HookCall { name, args });
        }
        result
    }
}

/// Widens an argument of any parameter type of the table to `i64`.
trait Widen {
    fn widen(self) -> i64;
}

impl Widen for i32 {
    fn widen(self) -> i64 {
        i64::from(self)
    }
}

impl Widen for i64 {
    fn widen(self) -> i64 {
        self
    }
}

impl Widen for isize {
    fn widen(self) -> i64 {
        i64::try_from(self).unwrap_or(i64::MAX)
    }
}

/// Narrows a handler's `i64` answer to the hook's result type.
macro_rules! narrow {
    ($value:ident) => {{
        let _ = $value;
    }};
    ($value:ident, i32) => {
        $value as i32
    };
    ($value:ident, i64) => {
        $value
    };
}

macro_rules! recording_hooks {
    ($(
        $(#[$doc:meta])*
        $wasm:ident [$group:ident $category:literal $gas:literal]
        fn $method:ident($($arg:ident: $ty:ident),*) $(-> $ret:ident)?;
    )*) => {
        impl VMHooks for RecordingHooks {
            $(
                fn $method(
                    &mut self,
                    instance: &mut dyn InstanceAccess,
                    $($arg: $ty),*
                ) -> Result<executor_api::hook_return_type!($($ret)?), EarlyExit> {
                    let value = self.handle(
                        stringify!($wasm),
                        instance,
                        vec![$(Widen::widen($arg)),*],
                    )?;
                    Ok(narrow!(value $(, $ret)?))
                }
            )*
        }
    };
}

executor_api::for_each_vm_hook!(recording_hooks);

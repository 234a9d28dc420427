//! The wall-clock limit: one shared thread that stops running contracts at their deadline.
//!
//! A call with a time limit registers its deadline and the slot of its instance's stop
//! threshold; at the deadline the watchdog raises the threshold to `i64::MAX` (so the next
//! metering point stops the contract) and marks the registration as fired. The call
//! deregisters before returning; since the watchdog only touches slots under the registry
//! lock, it never writes to an instance after its call is over. One thread serves the whole
//! process, started on first use and idle while nothing is registered.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use crate::globals::GlobalSlot;

struct Target {
    threshold: GlobalSlot,
    fired: Arc<AtomicBool>,
}

#[derive(Default)]
struct Registry {
    next_id: u64,
    deadlines: BTreeMap<(Instant, u64), Target>,
    /// When the watchdog wakes up next by itself: `None` while it sleeps until notified.
    /// A new deadline wakes it only if it is earlier, so that the usual call (registered and
    /// removed long before its deadline) costs no thread switch.
    wakes_at: Option<Instant>,
}

struct Watchdog {
    registry: Mutex<Registry>,
    wake: Condvar,
}

static WATCHDOG: OnceLock<Option<&'static Watchdog>> = OnceLock::new();

impl Watchdog {
    /// The process's watchdog; `None` if its thread could not be started.
    fn get() -> Option<&'static Watchdog> {
        *WATCHDOG.get_or_init(|| {
            let watchdog: &'static Watchdog = Box::leak(Box::new(Watchdog {
                registry: Mutex::new(Registry::default()),
                wake: Condvar::new(),
            }));
            std::thread::Builder::new()
                .name("strata-wasmer-watchdog".to_owned())
                .spawn(move || watchdog.run())
                .ok()
                .map(|_| watchdog)
        })
    }

    fn lock(&self) -> MutexGuard<'_, Registry> {
        self.registry.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn run(&self) {
        let mut registry = self.lock();
        loop {
            let now = Instant::now();
            while let Some(entry) = registry.deadlines.first_entry() {
                if entry.key().0 > now {
                    break;
                }
                let target = entry.remove();
                target.threshold.store_atomic_i64(i64::MAX);
                target.fired.store(true, Ordering::SeqCst);
            }
            let next = registry
                .deadlines
                .keys()
                .next()
                .map(|(deadline, _)| *deadline);
            registry.wakes_at = next;
            registry = match next {
                Some(deadline) => {
                    let wait = deadline.saturating_duration_since(now);
                    self.wake
                        .wait_timeout(registry, wait)
                        .unwrap_or_else(PoisonError::into_inner)
                        .0
                }
                None => self
                    .wake
                    .wait(registry)
                    .unwrap_or_else(PoisonError::into_inner),
            };
        }
    }
}

/// A registered deadline; dropping it deregisters it.
pub(crate) struct Deadline {
    key: (Instant, u64),
    fired: Arc<AtomicBool>,
    watchdog: &'static Watchdog,
}

impl Deadline {
    /// Arms a stop of the instance whose stop threshold is `threshold` after `limit`.
    ///
    /// The slot must stay valid until the returned value is dropped.
    ///
    /// # Errors
    /// When the watchdog thread cannot be started.
    pub(crate) fn arm(threshold: GlobalSlot, limit: Duration) -> Result<Self, &'static str> {
        let watchdog = Watchdog::get().ok_or("cannot start the watchdog thread")?;
        let deadline = Instant::now()
            .checked_add(limit)
            .unwrap_or_else(|| Instant::now() + Duration::from_secs(86_400 * 365));
        let fired = Arc::new(AtomicBool::new(false));
        let mut registry = watchdog.lock();
        let key = (deadline, registry.next_id);
        registry.next_id += 1;
        let wake = registry.wakes_at.is_none_or(|wakes_at| deadline < wakes_at);
        if wake {
            registry.wakes_at = Some(deadline);
        }
        registry.deadlines.insert(
            key,
            Target {
                threshold,
                fired: Arc::clone(&fired),
            },
        );
        drop(registry);
        if wake {
            watchdog.wake.notify_one();
        }
        Ok(Self {
            key,
            fired,
            watchdog,
        })
    }

    /// Deregisters the deadline; whether it passed and the watchdog raised the threshold.
    /// After this, the watchdog no longer touches the slot.
    pub(crate) fn disarm(self) -> bool {
        self.watchdog.lock().deadlines.remove(&self.key);
        // The watchdog sets `fired` under the lock when it removes the entry, so the value
        // read after our removal is final.
        self.fired.load(Ordering::SeqCst)
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        self.watchdog.lock().deadlines.remove(&self.key);
    }
}

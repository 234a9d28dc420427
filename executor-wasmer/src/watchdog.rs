//! The wall-clock limit: one shared thread that stops running contracts at their deadline.
//!
//! Arming and disarming a deadline take no lock and never wake the watchdog in the usual
//! case, so that a call with a time limit costs a few atomic operations more than one
//! without:
//!
//! - Each thread owns a few [`Entry`] records (one per nesting level of its calls), taken
//!   once from a process-wide list that the watchdog scans, and given back when the thread
//!   ends. Arming writes the deadline and the stop-threshold slot into a free entry and
//!   publishes it with a new generation; disarming is one compare-and-swap back to free.
//! - The watchdog claims a passed entry with a compare-and-swap of the same generation
//!   before it writes `i64::MAX` to the slot (so the next metering point stops the
//!   contract); a disarm that loses that race waits for the write to finish. The watchdog
//!   therefore never writes to an instance whose call has returned.
//! - The watchdog publishes when it wakes up next ([`Watchdog::next_wake`]); only a deadline
//!   earlier than that (a first call after idling, or a shorter limit than the running
//!   ones) wakes it through the condition variable.

use std::cell::RefCell;
use std::ptr;
use std::sync::atomic::{AtomicPtr, AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use crate::globals::GlobalSlot;

/// Entry status (the low two bits of [`Entry::state`]): not in use.
const FREE: u64 = 0;
/// Entry status: a call is running with this deadline.
const ARMED: u64 = 1;
/// Entry status: the watchdog claimed the entry and is writing the threshold.
const FIRING: u64 = 2;
/// Entry status: the watchdog raised the threshold; the call has not disarmed yet.
const FIRED: u64 = 3;
const STATUS: u64 = 3;
/// One generation step in [`Entry::state`] (above the status bits).
const GENERATION: u64 = 4;

/// While nothing is armed the watchdog still wakes up this often for a while, so that calls
/// arriving one after the other do not each have to wake it.
const IDLE_TICK: Duration = Duration::from_secs(1);
/// Empty ticks after which the watchdog sleeps until woken.
const IDLE_TICKS_BEFORE_SLEEP: u32 = 30;

/// One deadline slot, owned by one thread at a time.
#[derive(Debug, Default)]
struct Entry {
    /// `generation * GENERATION + status`.
    state: AtomicU64,
    /// Nanoseconds since [`epoch`].
    deadline: AtomicU64,
    /// The stop threshold to raise.
    target: AtomicPtr<i64>,
}

struct Watchdog {
    /// Every entry ever made, scanned by the watchdog; entries are never freed.
    entries: Mutex<Vec<&'static Entry>>,
    /// Entries given back by ended threads.
    pool: Mutex<Vec<&'static Entry>>,
    /// The watchdog wakes up by then by itself (nanoseconds since [`epoch`]).
    next_wake: AtomicU64,
    /// Set when a deadline earlier than `next_wake` was armed.
    notified: Mutex<bool>,
    wake: Condvar,
}

static WATCHDOG: OnceLock<Option<&'static Watchdog>> = OnceLock::new();
static EPOCH: OnceLock<Instant> = OnceLock::new();

fn epoch() -> Instant {
    *EPOCH.get_or_init(Instant::now)
}

/// Nanoseconds since [`epoch`].
fn now_ns() -> u64 {
    u64::try_from(epoch().elapsed().as_nanos()).unwrap_or(u64::MAX)
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Watchdog {
    /// The process's watchdog; `None` if its thread could not be started.
    fn get() -> Option<&'static Watchdog> {
        *WATCHDOG.get_or_init(|| {
            epoch();
            let watchdog: &'static Watchdog = Box::leak(Box::new(Watchdog {
                entries: Mutex::new(Vec::new()),
                pool: Mutex::new(Vec::new()),
                next_wake: AtomicU64::new(u64::MAX),
                notified: Mutex::new(false),
                wake: Condvar::new(),
            }));
            std::thread::Builder::new()
                .name("strata-wasmer-watchdog".to_owned())
                .spawn(move || watchdog.run())
                .ok()
                .map(|_| watchdog)
        })
    }

    /// An entry for the calling thread: from the pool, or a new one.
    fn take_entry(&self) -> &'static Entry {
        if let Some(entry) = lock(&self.pool).pop() {
            return entry;
        }
        let entry: &'static Entry = Box::leak(Box::default());
        lock(&self.entries).push(entry);
        entry
    }

    /// Fires the passed deadlines; the earliest deadline still armed (`u64::MAX` if none).
    fn scan(&self, now: u64) -> u64 {
        let mut earliest = u64::MAX;
        for entry in lock(&self.entries).iter() {
            let state = entry.state.load(Ordering::SeqCst);
            if state & STATUS != ARMED {
                continue;
            }
            let deadline = entry.deadline.load(Ordering::SeqCst);
            if deadline > now {
                earliest = earliest.min(deadline);
                continue;
            }
            let target = entry.target.load(Ordering::SeqCst);
            let generation = state & !STATUS;
            if entry
                .state
                .compare_exchange(
                    state,
                    generation | FIRING,
                    Ordering::SeqCst,
                    Ordering::SeqCst,
                )
                .is_ok()
            {
                // The claim succeeded with the generation the target was read under, so
                // the call is still running and the slot valid until it sees FIRED.
                if let Some(slot) = GlobalSlot::from_raw(target) {
                    slot.store_atomic_i64(i64::MAX);
                }
                entry.state.store(generation | FIRED, Ordering::SeqCst);
            }
        }
        earliest
    }

    fn run(&self) {
        let mut idle_ticks = 0_u32;
        loop {
            let now = now_ns();
            let mut earliest = self.scan(now);
            if earliest == u64::MAX && idle_ticks < IDLE_TICKS_BEFORE_SLEEP {
                idle_ticks += 1;
                earliest = now.saturating_add(duration_ns(IDLE_TICK));
            } else if earliest != u64::MAX {
                idle_ticks = 0;
            }
            self.next_wake.store(earliest, Ordering::SeqCst);
            // A deadline armed during the scan, before `next_wake` was published, may be
            // earlier and its call did not notify: look again.
            if self.scan(now) < earliest {
                continue;
            }
            let mut notified = lock(&self.notified);
            if !*notified {
                notified = if earliest == u64::MAX {
                    self.wake
                        .wait(notified)
                        .unwrap_or_else(PoisonError::into_inner)
                } else {
                    let wait = Duration::from_nanos(earliest.saturating_sub(now_ns()));
                    self.wake
                        .wait_timeout(notified, wait)
                        .unwrap_or_else(PoisonError::into_inner)
                        .0
                };
            }
            *notified = false;
        }
    }

    /// Wakes the watchdog for a deadline earlier than it planned.
    fn notify(&self) {
        *lock(&self.notified) = true;
        self.wake.notify_one();
    }
}

fn duration_ns(duration: Duration) -> u64 {
    u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX)
}

/// The entries of the current thread; given back to the pool when the thread ends.
struct ThreadEntries(Vec<&'static Entry>);

impl Drop for ThreadEntries {
    fn drop(&mut self) {
        if let Some(watchdog) = WATCHDOG.get().copied().flatten() {
            lock(&watchdog.pool).extend(self.0.drain(..));
        }
    }
}

thread_local! {
    static THREAD_ENTRIES: RefCell<ThreadEntries> = const { RefCell::new(ThreadEntries(Vec::new())) };
}

/// A free entry of the current thread, taking one more from the watchdog if all are in use
/// (calls nest).
fn free_entry(watchdog: &Watchdog) -> Option<&'static Entry> {
    THREAD_ENTRIES
        .try_with(|entries| {
            let mut entries = entries.borrow_mut();
            let free = entries
                .0
                .iter()
                .find(|e| e.state.load(Ordering::Relaxed) & STATUS == FREE)
                .copied();
            free.unwrap_or_else(|| {
                let entry = watchdog.take_entry();
                entries.0.push(entry);
                entry
            })
        })
        .ok()
}

/// A registered deadline; dropping it deregisters it.
pub(crate) struct Deadline {
    entry: &'static Entry,
    armed: u64,
    /// The entry belongs to the arming thread.
    _not_send: std::marker::PhantomData<*const ()>,
}

impl Deadline {
    /// Arms a stop of the instance whose stop threshold is `threshold` after `limit`.
    ///
    /// The slot must stay valid until the returned value is dropped.
    ///
    /// # Errors
    /// When the watchdog thread cannot be started (or the thread is ending).
    pub(crate) fn arm(threshold: GlobalSlot, limit: Duration) -> Result<Self, &'static str> {
        let watchdog = Watchdog::get().ok_or("cannot start the watchdog thread")?;
        let entry = free_entry(watchdog).ok_or("the thread is ending")?;
        let deadline = now_ns().saturating_add(duration_ns(limit));
        let free = entry.state.load(Ordering::Relaxed);
        let armed = (free & !STATUS).wrapping_add(GENERATION) | ARMED;
        entry.target.store(threshold.as_raw(), Ordering::Relaxed);
        entry.deadline.store(deadline, Ordering::Relaxed);
        entry.state.store(armed, Ordering::SeqCst);
        if deadline < watchdog.next_wake.load(Ordering::SeqCst) {
            watchdog.notify();
        }
        Ok(Self {
            entry,
            armed,
            _not_send: std::marker::PhantomData,
        })
    }

    /// Deregisters the deadline; whether it passed and the watchdog raised the threshold.
    /// After this, the watchdog no longer touches the slot.
    pub(crate) fn disarm(self) -> bool {
        let fired = self.release();
        std::mem::forget(self);
        fired
    }

    fn release(&self) -> bool {
        let free = (self.armed & !STATUS) | FREE;
        let state = &self.entry.state;
        if state
            .compare_exchange(self.armed, free, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
        {
            return false;
        }
        // The watchdog claimed the entry: wait until its write is done.
        while state.load(Ordering::SeqCst) & STATUS == FIRING {
            std::thread::yield_now();
        }
        self.entry.target.store(ptr::null_mut(), Ordering::Relaxed);
        state.store(free, Ordering::SeqCst);
        true
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        self.release();
    }
}

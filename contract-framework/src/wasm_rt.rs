//! The wasm backend's runtime: a bump allocator over `memory.grow` and the panic handler.
//!
//! The allocator never frees: a contract call is short and the instance is dropped after it.
//! It starts at `__heap_base` (the end of the stack and static data) and grows memory one page
//! per `memory.grow`, the most the production schedule (V4's `MaxMemoryGrowDelta`) allows; an
//! allocation it cannot serve stops the contract (`unreachable`, execution failed).

use core::alloc::{GlobalAlloc, Layout};
use core::arch::wasm32;
use core::cell::UnsafeCell;

const PAGE: usize = 65536;

unsafe extern "C" {
    /// The first free byte after the stack and the static data (set by the linker).
    static __heap_base: u8;
}

/// A bump allocator: `next` up to `end` (the end of memory), both 0 until the first
/// allocation.
struct BumpAllocator {
    state: UnsafeCell<(usize, usize)>,
}

// SAFETY: a wasm contract runs on one thread.
unsafe impl Sync for BumpAllocator {}

unsafe impl GlobalAlloc for BumpAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: single-threaded (see `Sync`); no reference to the state outlives this call.
        let state = unsafe { &mut *self.state.get() };
        if state.1 == 0 {
            *state = (
                &raw const __heap_base as usize,
                wasm32::memory_size(0) * PAGE,
            );
        }
        let (next, mut end) = *state;
        let start = (next + layout.align() - 1) & !(layout.align() - 1);
        let Some(stop) = start.checked_add(layout.size()) else {
            return core::ptr::null_mut();
        };
        while end < stop {
            if wasm32::memory_grow(0, 1) == usize::MAX {
                return core::ptr::null_mut();
            }
            end += PAGE;
        }
        *state = (stop, end);
        start as *mut u8
    }

    unsafe fn dealloc(&self, _ptr: *mut u8, _layout: Layout) {}
}

#[global_allocator]
static ALLOCATOR: BumpAllocator = BumpAllocator {
    state: UnsafeCell::new((0, 0)),
};

/// The text the wasm build signals on a panic, as executor-api's `NATIVE_PANIC_MESSAGE`.
const PANIC_MESSAGE: &[u8] = b"panic occurred";

#[panic_handler]
fn panic(_info: &core::panic::PanicInfo<'_>) -> ! {
    // SAFETY: the message is a static byte string.
    unsafe {
        crate::hooks::signal_error(
            PANIC_MESSAGE.as_ptr() as isize,
            PANIC_MESSAGE.len() as isize,
        );
    }
    wasm32::unreachable()
}

//! The wasm backend's runtime: a bump allocator over `memory.grow` and the panic handler.
//!
//! The allocator never frees: a contract call is short and the instance is dropped after it.
//! It grows memory by whole pages, at most the VM's 10 pages per `memory.grow`; an allocation
//! it cannot serve stops the contract (`unreachable`, execution failed).

use core::alloc::{GlobalAlloc, Layout};
use core::arch::wasm32;
use core::cell::UnsafeCell;

const PAGE: usize = 65536;
/// The most pages one `memory.grow` may ask for (the schedule's `MaxMemoryGrowDelta`).
const MAX_GROW_PAGES: usize = 10;

/// A bump allocator: `next` up to `end`, both 0 until the first allocation.
struct BumpAllocator {
    state: UnsafeCell<(usize, usize)>,
}

// SAFETY: a wasm contract runs on one thread.
unsafe impl Sync for BumpAllocator {}

unsafe impl GlobalAlloc for BumpAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: single-threaded (see `Sync`); no reference to the state outlives this call.
        let state = unsafe { &mut *self.state.get() };
        let (next, end) = *state;
        let start = (next + layout.align() - 1) & !(layout.align() - 1);
        let Some(stop) = start.checked_add(layout.size()) else {
            return core::ptr::null_mut();
        };
        if next != 0 && stop <= end {
            state.0 = stop;
            return start as *mut u8;
        }
        let pages = layout.size().div_ceil(PAGE) + 1;
        if pages > MAX_GROW_PAGES {
            return core::ptr::null_mut();
        }
        let previous = wasm32::memory_grow(0, pages);
        if previous == usize::MAX {
            return core::ptr::null_mut();
        }
        let base = previous * PAGE;
        let start = (base + layout.align() - 1) & !(layout.align() - 1);
        *state = (start + layout.size(), base + pages * PAGE);
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

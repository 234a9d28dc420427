//! Instance memories kept mapped between instances (Linux).
//!
//! Mapping an instance's memory, faulting its pages in and unmapping it again was most of the
//! cost of a short contract call, spent in the kernel. Here a memory lives in a [`Region`], a
//! private anonymous mapping of [`RESERVE`] bytes, readable and writable in full, that goes
//! back to a process-wide pool when its instance is dropped, zeroed first: a small memory
//! (up to [`ZERO_IN_PLACE`]) by writing zeros, keeping its pages; a larger one by
//! `madvise(MADV_DONTNEED)`, after which the kernel has dropped its pages and the next
//! instance reads zeros (the Linux semantics of that advice on private anonymous memory).
//!
//! Only the first `current_length` bytes are ever reachable: compiled code checks every
//! access against the length (the dynamic style of [`super::ContractTunables`]), and the host
//! reads and writes through views bounded by it. So only the most a memory ever reached needs
//! zeroing. A memory that outgrows its region moves to a larger one, as a dynamic Wasmer
//! memory moves to a larger mapping. The pool holds at most [`POOL_REGIONS`] regions.

use std::ptr::NonNull;
use std::sync::Mutex;

use wasmer::sys::vm::{LinearMemory, MemoryError, MemoryStyle, VMMemoryDefinition};
use wasmer::{MemoryType, Pages};

/// The granularity of `madvise`: the smallest page size of the platforms served.
const PAGE: usize = 4096;

/// The longest memory zeroed in place rather than by `madvise`: 4 wasm pages. Up to there,
/// writing zeros costs less than the system call and the page fault of each 4 KiB page the
/// next instance touches (measured: a fault costs about what zeroing 30 such pages does);
/// beyond, contracts touch few of their pages (a 17-page contract with 8 touched: a draw).
/// Regions zeroed in place keep their pages: the pool holds at most
/// `POOL_REGIONS * ZERO_IN_PLACE` bytes of memory.
pub(crate) const ZERO_IN_PLACE: usize = 256 << 10;

/// The bytes of address space a region maps unless a memory asks for more: 16 MiB (256
/// pages), above what the production limits let a contract reach (20 pages declared, 100
/// grows of at most 1 page under gas schedule V4).
pub(crate) const RESERVE: usize = 16 << 20;

/// The most emptied regions the pool keeps; further regions are unmapped.
pub(crate) const POOL_REGIONS: usize = 32;

/// Emptied regions, the most recently returned last.
static POOL: Mutex<Vec<Region>> = Mutex::new(Vec::new());

/// A private anonymous mapping, readable and writable, unmapped on drop.
#[derive(Debug)]
pub(crate) struct Region {
    base: NonNull<u8>,
    capacity: usize,
}

// SAFETY: a region is plain memory owned by one memory (or the pool) at a time.
unsafe impl Send for Region {}
// SAFETY: as above; shared references give out nothing but the base address.
unsafe impl Sync for Region {}

impl Region {
    /// Maps `capacity` bytes (a multiple of the page size), zero-filled on first touch.
    fn map(capacity: usize) -> Result<Self, MemoryError> {
        // SAFETY: a fresh anonymous mapping at an address of the kernel's choosing touches
        // no existing memory.
        let base = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                capacity,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if base == libc::MAP_FAILED {
            return Err(MemoryError::Region(format!(
                "mapping {capacity} bytes of linear memory failed: {}",
                std::io::Error::last_os_error()
            )));
        }
        let base = NonNull::new(base.cast::<u8>())
            .ok_or_else(|| MemoryError::Region("mmap returned a null address".into()))?;
        Ok(Self { base, capacity })
    }

    /// The first byte of the mapping.
    pub(crate) fn base(&self) -> *mut u8 {
        self.base.as_ptr()
    }

    /// Its size in bytes.
    pub(crate) fn capacity(&self) -> usize {
        self.capacity
    }

    /// Zeroes the first `length` bytes: in place up to [`ZERO_IN_PLACE`] bytes, else by
    /// dropping their pages. `false` when the kernel refused (the region must then not be
    /// reused).
    fn empty(&self, length: usize) -> bool {
        let length = length.min(self.capacity).next_multiple_of(PAGE);
        if length <= ZERO_IN_PLACE {
            // SAFETY: as below; the range is mapped readable and writable.
            unsafe { self.base.as_ptr().write_bytes(0, length) };
            return true;
        }
        // SAFETY: the range lies in this region's own mapping (the capacity is a multiple of
        // the page size), which nothing references any more (its memory was dropped).
        let status =
            unsafe { libc::madvise(self.base.as_ptr().cast(), length, libc::MADV_DONTNEED) };
        status == 0
    }
}

impl Drop for Region {
    fn drop(&mut self) {
        // SAFETY: the mapping is this region's and nothing references it any more. A failed
        // munmap leaks address space, nothing else.
        unsafe {
            libc::munmap(self.base.as_ptr().cast(), self.capacity);
        }
    }
}

/// A zero-filled region of at least `bytes` bytes: a pooled one when one is large enough.
pub(crate) fn take(bytes: usize) -> Result<Region, MemoryError> {
    let pooled = {
        let mut pool = POOL.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let position = pool.iter().rposition(|region| region.capacity >= bytes);
        position.map(|index| pool.swap_remove(index))
    };
    match pooled {
        Some(region) => Ok(region),
        None => Region::map(bytes.max(RESERVE).next_multiple_of(RESERVE)),
    }
}

/// Returns a region to the pool, its first `used` bytes emptied (the most its memory ever
/// reached: nothing beyond was reachable); unmaps it when the pool is full or emptying failed.
pub(crate) fn give(region: Region, used: usize) {
    if !region.empty(used) {
        return;
    }
    let mut pool = POOL.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if pool.len() < POOL_REGIONS {
        pool.push(region);
    }
}

/// The number of regions in the pool now.
#[cfg(test)]
pub(crate) fn pooled() -> usize {
    POOL.lock().map(|pool| pool.len()).unwrap_or(0)
}

/// A linear memory in a pooled [`Region`], its definition in the instance's `VMContext`.
#[derive(Debug)]
pub(crate) struct PooledMemory {
    /// `Some` until dropped.
    region: Option<Region>,
    /// Where compiled code reads the base and the length.
    definition: NonNull<VMMemoryDefinition>,
    /// The type the module declared (its minimum, its maximum).
    declared: MemoryType,
    /// The largest length the memory has had in its current region.
    high_water: usize,
}

// SAFETY: the definition lives in the instance that owns this memory and moves with it; a
// memory is used by one thread at a time (Wasmer's store discipline).
unsafe impl Send for PooledMemory {}
// SAFETY: shared references only read the definition.
unsafe impl Sync for PooledMemory {}

impl PooledMemory {
    /// A memory of `ty.minimum` pages whose definition is written at `definition`.
    ///
    /// # Safety
    /// `definition` must point to the `VMMemoryDefinition` of the instance this memory is
    /// created for, valid for as long as the memory.
    pub(crate) unsafe fn new(
        ty: &MemoryType,
        definition: NonNull<VMMemoryDefinition>,
    ) -> Result<Self, MemoryError> {
        if ty.minimum > Pages::max_value() {
            return Err(MemoryError::MinimumMemoryTooLarge {
                min_requested: ty.minimum,
                max_allowed: Pages::max_value(),
            });
        }
        if let Some(maximum) = ty.maximum
            && maximum < ty.minimum
        {
            return Err(MemoryError::InvalidMemory {
                reason: format!(
                    "the maximum ({} pages) is less than the minimum ({} pages)",
                    maximum.0, ty.minimum.0
                ),
            });
        }
        let length = ty.minimum.bytes().0;
        let region = take(length)?;
        let mut memory = Self {
            region: Some(region),
            definition,
            declared: *ty,
            high_water: 0,
        };
        memory.publish(length);
        Ok(memory)
    }

    /// The region (present until drop).
    fn region(&self) -> &Region {
        self.region.as_ref().expect("a live memory has its region")
    }

    /// Writes the region's base and `length` into the definition.
    fn publish(&mut self, length: usize) {
        self.high_water = self.high_water.max(length);
        let base = self.region().base();
        // SAFETY: `new`'s caller guarantees the definition outlives this memory, and the
        // instance is not running while its memory is created or grown by the host.
        unsafe {
            let definition = self.definition.as_mut();
            definition.base = base;
            definition.current_length = length;
        }
    }

    /// The current length in bytes, as compiled code sees it.
    fn length(&self) -> usize {
        // SAFETY: see `publish`.
        unsafe { self.definition.as_ref().current_length }
    }

    /// Moves the contents to a region of at least `bytes` bytes.
    fn relocate(&mut self, bytes: usize) -> Result<(), MemoryError> {
        let larger = take(bytes)?;
        let length = self.length();
        // SAFETY: both ranges are `length` bytes inside distinct live mappings.
        unsafe {
            std::ptr::copy_nonoverlapping(self.region().base(), larger.base(), length);
        }
        let used = std::mem::replace(&mut self.high_water, length);
        if let Some(old) = self.region.replace(larger) {
            give(old, used);
        }
        Ok(())
    }
}

impl LinearMemory for PooledMemory {
    fn ty(&self) -> MemoryType {
        MemoryType {
            minimum: self.size(),
            ..self.declared
        }
    }

    fn size(&self) -> Pages {
        // Lengths are whole pages and at most 65,536 of them.
        Pages((self.length() / wasmer::WASM_PAGE_SIZE) as u32)
    }

    fn style(&self) -> MemoryStyle {
        MemoryStyle::Dynamic {
            offset_guard_size: 0,
        }
    }

    fn grow(&mut self, delta: Pages) -> Result<Pages, MemoryError> {
        let current = self.size();
        if delta.0 == 0 {
            return Ok(current);
        }
        let refused = MemoryError::CouldNotGrow {
            current,
            attempted_delta: delta,
        };
        let Some(grown) = current.checked_add(delta) else {
            return Err(refused);
        };
        if grown > Pages::max_value() || self.declared.maximum.is_some_and(|max| grown > max) {
            return Err(refused);
        }
        let bytes = grown.bytes().0;
        if bytes > self.region().capacity() {
            self.relocate(bytes)?;
        }
        self.publish(bytes);
        Ok(current)
    }

    fn grow_at_least(&mut self, min_size: u64) -> Result<(), MemoryError> {
        let length = self.length() as u64;
        if length >= min_size {
            return Ok(());
        }
        let pages = (min_size - length).div_ceil(wasmer::WASM_PAGE_SIZE as u64);
        let pages = u32::try_from(pages).map_err(|_| MemoryError::CouldNotGrow {
            current: self.size(),
            attempted_delta: Pages(u32::MAX),
        })?;
        self.grow(Pages(pages)).map(|_| ())
    }

    fn reset(&mut self) -> Result<(), MemoryError> {
        self.publish(0);
        Ok(())
    }

    fn vmmemory(&self) -> NonNull<VMMemoryDefinition> {
        self.definition
    }

    fn try_clone(&self) -> Result<Box<dyn LinearMemory + Send + Sync + 'static>, MemoryError> {
        Err(MemoryError::MemoryNotShared)
    }

    fn copy(&self) -> Result<Box<dyn LinearMemory + Send + Sync + 'static>, MemoryError> {
        Err(MemoryError::UnsupportedOperation {
            message: "contract memories are not copied".into(),
        })
    }
}

impl Drop for PooledMemory {
    fn drop(&mut self) {
        if let Some(region) = self.region.take() {
            give(region, self.high_water);
        }
    }
}

#[cfg(test)]
mod tests;

use std::ptr::NonNull;

use wasmer::sys::vm::{LinearMemory, MemoryError, VMMemoryDefinition};
use wasmer::{MemoryType, Pages, WASM_PAGE_SIZE};

use super::{PooledMemory, RESERVE, Region, ZERO_IN_PLACE, give, pooled, take};

/// A definition slot, as an instance's `VMContext` would hold it.
fn slot() -> Box<VMMemoryDefinition> {
    Box::new(VMMemoryDefinition {
        base: std::ptr::null_mut(),
        current_length: 0,
    })
}

fn memory(slot: &mut VMMemoryDefinition, minimum: u32, maximum: Option<u32>) -> PooledMemory {
    let ty = MemoryType::new(minimum, maximum, false);
    // SAFETY: every test keeps its slot alive for longer than the memory.
    unsafe { PooledMemory::new(&ty, NonNull::from(slot)) }.expect("memory")
}

/// The bytes `[0, length)` of the memory behind `slot`.
fn contents(slot: &VMMemoryDefinition) -> &[u8] {
    // SAFETY: the definition describes a live mapping of at least that length.
    unsafe { std::slice::from_raw_parts(slot.base, slot.current_length) }
}

fn write(slot: &VMMemoryDefinition, offset: usize, byte: u8) {
    assert!(offset < slot.current_length);
    // SAFETY: in bounds, checked above.
    unsafe { slot.base.add(offset).write(byte) }
}

#[test]
fn an_emptied_region_reads_as_zeros() {
    let region = Region::map(RESERVE).expect("maps");
    // SAFETY: the whole region is mapped readable and writable.
    let bytes = unsafe { std::slice::from_raw_parts_mut(region.base(), region.capacity()) };
    bytes[0] = 1;
    bytes[RESERVE / 2] = 2;
    bytes[RESERVE - 1] = 3;
    assert!(region.empty(RESERVE));
    assert!(bytes.iter().all(|&byte| byte == 0));
}

#[test]
fn a_small_length_is_zeroed_in_place() {
    let region = Region::map(RESERVE).expect("maps");
    // SAFETY: the whole region is mapped readable and writable.
    let bytes = unsafe { std::slice::from_raw_parts_mut(region.base(), region.capacity()) };
    bytes[0] = 1;
    bytes[ZERO_IN_PLACE - 1] = 2;
    bytes[ZERO_IN_PLACE] = 3;
    assert!(region.empty(ZERO_IN_PLACE - 1000));
    assert!(bytes[..ZERO_IN_PLACE].iter().all(|&byte| byte == 0));
    assert_eq!(
        bytes[ZERO_IN_PLACE], 3,
        "beyond the length asked: not reachable, not zeroed"
    );
}

#[test]
fn a_region_returned_to_the_pool_comes_back_empty() {
    let region = take(WASM_PAGE_SIZE).expect("takes");
    assert_eq!(region.capacity(), RESERVE);
    // SAFETY: the whole region is mapped readable and writable.
    unsafe { region.base().write_bytes(0xAB, 3 * WASM_PAGE_SIZE) };
    give(region, 3 * WASM_PAGE_SIZE);
    assert!(pooled() >= 1);
    // Whichever region comes back (other tests share the pool), it reads as zeros.
    let again = take(WASM_PAGE_SIZE).expect("takes");
    // SAFETY: as above.
    let bytes = unsafe { std::slice::from_raw_parts(again.base(), 3 * WASM_PAGE_SIZE) };
    assert!(bytes.iter().all(|&byte| byte == 0));
    give(again, 0);
}

#[test]
fn a_new_memory_publishes_its_base_and_length() {
    let mut slot = slot();
    let memory = memory(&mut slot, 2, Some(20));
    assert_eq!(slot.current_length, 2 * WASM_PAGE_SIZE);
    assert!(!slot.base.is_null());
    assert_eq!(memory.size(), Pages(2));
    assert_eq!(memory.ty(), MemoryType::new(2, Some(20), false));
    assert!(contents(&slot).iter().all(|&byte| byte == 0));
}

#[test]
fn grow_keeps_contents_and_stops_at_the_declared_maximum() {
    let mut slot = slot();
    let mut memory = memory(&mut slot, 1, Some(4));
    write(&slot, 100, 7);
    assert_eq!(memory.grow(Pages(2)), Ok(Pages(1)));
    assert_eq!(slot.current_length, 3 * WASM_PAGE_SIZE);
    assert_eq!(contents(&slot)[100], 7);
    assert_eq!(memory.grow(Pages(0)), Ok(Pages(3)));
    assert!(matches!(
        memory.grow(Pages(2)),
        Err(MemoryError::CouldNotGrow {
            current: Pages(3),
            attempted_delta: Pages(2)
        })
    ));
    assert_eq!(memory.size(), Pages(3));
    assert_eq!(memory.ty().minimum, Pages(3));
}

#[test]
fn growing_past_the_region_moves_the_memory_and_keeps_its_contents() {
    let mut slot = slot();
    let mut memory = memory(&mut slot, 1, None);
    let first_base = slot.base;
    write(&slot, 0, 1);
    write(&slot, WASM_PAGE_SIZE - 1, 2);
    let pages_in_reserve = (RESERVE / WASM_PAGE_SIZE) as u32;
    assert_eq!(memory.grow(Pages(pages_in_reserve)), Ok(Pages(1)));
    assert_ne!(slot.base, first_base, "a larger region");
    assert_eq!(
        slot.current_length,
        (pages_in_reserve as usize + 1) * WASM_PAGE_SIZE
    );
    let bytes = contents(&slot);
    assert_eq!((bytes[0], bytes[WASM_PAGE_SIZE - 1]), (1, 2));
    assert!(bytes[WASM_PAGE_SIZE..].iter().all(|&byte| byte == 0));
    write(&slot, slot.current_length - 1, 3);
}

#[test]
fn grow_past_the_wasm_limit_is_refused() {
    let mut slot = slot();
    let mut memory = memory(&mut slot, 1, None);
    assert!(memory.grow(Pages(u32::MAX)).is_err());
    assert!(memory.grow(Pages::max_value()).is_err());
    assert_eq!(memory.size(), Pages(1));
}

#[test]
fn grow_at_least_and_reset() {
    let mut slot = slot();
    let mut memory = memory(&mut slot, 1, Some(10));
    memory
        .grow_at_least(WASM_PAGE_SIZE as u64 + 1)
        .expect("grows");
    assert_eq!(memory.size(), Pages(2));
    memory.grow_at_least(10).expect("already large enough");
    assert_eq!(memory.size(), Pages(2));
    memory.reset().expect("resets");
    assert_eq!((memory.size(), slot.current_length), (Pages(0), 0));
}

#[test]
fn a_maximum_below_the_minimum_is_refused() {
    let mut slot = slot();
    let ty = MemoryType::new(3, Some(2), false);
    // SAFETY: the slot outlives the attempt.
    let result = unsafe { PooledMemory::new(&ty, NonNull::from(&mut *slot)) };
    assert!(matches!(result, Err(MemoryError::InvalidMemory { .. })));
}

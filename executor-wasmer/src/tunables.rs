//! How instances lay out their memories: dynamic, bounds-checked memories.
//!
//! Wasmer's default (static) memories reserve 8 GiB of address space per instance so that
//! generated code needs no bounds checks; mapping and unmapping that reservation is most of
//! the cost of an instance. A contract's memory is small (20 pages declared, grown by a few
//! pages at most), so memories here map only their size (one `mmap`, no guard region to
//! protect), and the generated code checks bounds: a little slower per memory access, much cheaper per
//! instance, and the VM makes one instance per contract call.
//!
//! A memory declared with 0 pages is the exception: see [`ContractTunables::memory_style`].
//!
//! On Linux, dynamic memories come from a pool of mappings kept between instances (see
//! [`pool`]): an instance neither maps nor unmaps memory, and starts with no page faulted in.
//!
//! Tables are capped at [`MAX_TABLE_ELEMENTS`], whatever maximum the contract declares, so
//! that `table.grow` cannot make the host allocate without bound.

use std::ptr::NonNull;

use wasmer::sys::Tunables;
use wasmer::sys::vm::{
    MemoryError, MemoryStyle, TableStyle, VMMemory, VMMemoryDefinition, VMTable, VMTableDefinition,
};
use wasmer::{MemoryType, TableType};

use crate::config::MAX_TABLE_ELEMENTS;

#[cfg(target_os = "linux")]
pub(crate) mod pool;

/// No guard after a dynamic memory: singlepass checks every access in full (address plus
/// constant offset plus size against the length), so a guard region would only cost a
/// second system call (`mprotect`) per instance.
const OFFSET_GUARD: u64 = 0;

/// A description of these tunables, part of the disk cache key (they shape compiled code).
pub(crate) const PROFILE: &str = "dynamic-memory/no-guard/static-if-empty";

/// `true` for the memories [`pool`] serves: dynamic, unshared.
#[cfg(target_os = "linux")]
fn pooled(ty: &MemoryType, style: &MemoryStyle) -> bool {
    !ty.shared && matches!(style, MemoryStyle::Dynamic { .. })
}

/// The engine tunables of this executor.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct ContractTunables;

impl Tunables for ContractTunables {
    fn memory_style(&self, memory: &MemoryType) -> MemoryStyle {
        if memory.minimum.0 == 0 {
            // Singlepass checks a dynamic access as `address + offset <= length - size`,
            // which wraps for a length of 0 and lets any address through. A memory that
            // starts empty gets Wasmer's static layout instead (guard pages instead of
            // checks, 8 GiB of address space reserved): correct at any length, costly, and
            // rare (compiled contracts declare 2 pages or more).
            return MemoryStyle::Static;
        }
        MemoryStyle::Dynamic {
            offset_guard_size: OFFSET_GUARD,
        }
    }

    fn table_style(&self, _table: &TableType) -> TableStyle {
        TableStyle::CallerChecksSignature
    }

    fn create_host_memory(
        &self,
        ty: &MemoryType,
        style: &MemoryStyle,
    ) -> Result<VMMemory, MemoryError> {
        VMMemory::new(ty, style)
    }

    unsafe fn create_vm_memory(
        &self,
        ty: &MemoryType,
        style: &MemoryStyle,
        vm_definition_location: NonNull<VMMemoryDefinition>,
    ) -> Result<VMMemory, MemoryError> {
        #[cfg(target_os = "linux")]
        if pooled(ty, style) {
            // SAFETY: forwarded from the caller, who guarantees `vm_definition_location` for
            // the life of the instance, and so of its memory.
            let memory = unsafe { pool::PooledMemory::new(ty, vm_definition_location) }?;
            return Ok(VMMemory(Box::new(memory)));
        }
        // SAFETY: forwarded from the caller, who guarantees `vm_definition_location`.
        unsafe { VMMemory::from_definition(ty, style, vm_definition_location) }
    }

    fn create_host_table(&self, ty: &TableType, style: &TableStyle) -> Result<VMTable, String> {
        VMTable::new(&capped(ty), style)
    }

    unsafe fn create_vm_table(
        &self,
        ty: &TableType,
        style: &TableStyle,
        vm_definition_location: NonNull<VMTableDefinition>,
    ) -> Result<VMTable, String> {
        // SAFETY: forwarded from the caller, who guarantees `vm_definition_location`.
        unsafe { VMTable::from_definition(&capped(ty), style, vm_definition_location) }
    }
}

/// `ty` with its maximum lowered to [`MAX_TABLE_ELEMENTS`].
fn capped(ty: &TableType) -> TableType {
    let maximum = ty.maximum.unwrap_or(u32::MAX).min(MAX_TABLE_ELEMENTS);
    TableType {
        maximum: Some(maximum.max(ty.minimum)),
        ..*ty
    }
}

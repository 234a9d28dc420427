//! Managed maps: new, put, get, remove, contains, with the production VM's semantics,
//! messages and gas (`vmhost/vmhooks/manMapOps.go` and the map functions of
//! `vmhost/contexts/managedType.go`).
//!
//! Keys and values are the contents of managed buffers, copied in and out. A missing map
//! fails execution with "no managed map under the given handle", a missing key or value
//! buffer with "no managed buffer under the given handle".

use super::big_int::gas::charge_data_copy;
use super::prelude::*;

/// The hooks of this domain that the VM refuses: none.
pub(crate) const REFUSED: &[&str] = &[];

/// `managedMapNew`: a new empty map; answers its handle.
///
/// # Gas
/// `ManagedMapNew`.
///
/// # Errors
/// Out of gas only.
pub(crate) fn managed_map_new(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
) -> Result<i32, EarlyExit> {
    ctx.use_gas(instance, ctx.schedule.managed_map_api_cost.managed_map_new)?;
    Ok(ctx.managed().new_map())
}

/// `managedMapPut`: puts the value buffer's bytes under the key buffer's bytes; answers 0.
///
/// # Gas
/// `ManagedMapPut`, then `DataCopyPerByte` per byte of the value.
///
/// # Errors
/// Execution failed for a missing map, key or value.
pub(crate) fn managed_map_put(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    m_map_handle: i32,
    key_handle: i32,
    value_handle: i32,
) -> Result<i32, EarlyExit> {
    ctx.use_gas(instance, ctx.schedule.managed_map_api_cost.managed_map_put)?;
    let len = ctx
        .managed()
        .map_put(m_map_handle, key_handle, value_handle)?;
    charge_data_copy(ctx, instance, len)?;
    Ok(0)
}

/// `managedMapGet`: sets (or creates) the output buffer to the value under the key buffer's
/// bytes, empty when absent; answers 0.
///
/// # Gas
/// `ManagedMapGet`, then `DataCopyPerByte` per byte of the value.
///
/// # Errors
/// Execution failed for a missing map or key.
pub(crate) fn managed_map_get(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    m_map_handle: i32,
    key_handle: i32,
    out_value_handle: i32,
) -> Result<i32, EarlyExit> {
    ctx.use_gas(instance, ctx.schedule.managed_map_api_cost.managed_map_get)?;
    let managed = ctx.managed();
    let value = managed
        .map_get(m_map_handle, key_handle)?
        .map(<[u8]>::to_vec)
        .unwrap_or_default();
    let len = value.len();
    managed.set_buffer(out_value_handle, value);
    charge_data_copy(ctx, instance, len)?;
    Ok(0)
}

/// `managedMapRemove`: removes the value under the key buffer's bytes and sets (or creates)
/// the output buffer to it, empty when absent; answers 0.
///
/// # Gas
/// `ManagedMapRemove`, then `DataCopyPerByte` per byte of the value.
///
/// # Errors
/// Execution failed for a missing map or key.
pub(crate) fn managed_map_remove(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    m_map_handle: i32,
    key_handle: i32,
    out_value_handle: i32,
) -> Result<i32, EarlyExit> {
    let gas = ctx.schedule.managed_map_api_cost.managed_map_remove;
    ctx.use_gas(instance, gas)?;
    let managed = ctx.managed();
    let value = managed
        .map_remove(m_map_handle, key_handle)?
        .unwrap_or_default();
    let len = value.len();
    managed.set_buffer(out_value_handle, value);
    charge_data_copy(ctx, instance, len)?;
    Ok(0)
}

/// `managedMapContains`: 1 when the map holds a non-empty value under the key buffer's
/// bytes, else 0 (a key put with an empty value reads as absent).
///
/// # Gas
/// `ManagedMapContains`.
///
/// # Errors
/// Execution failed for a missing map or key.
pub(crate) fn managed_map_contains(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    m_map_handle: i32,
    key_handle: i32,
) -> Result<i32, EarlyExit> {
    let gas = ctx.schedule.managed_map_api_cost.managed_map_contains;
    ctx.use_gas(instance, gas)?;
    let found = ctx.managed().map_contains(m_map_handle, key_handle)?;
    Ok(i32::from(found))
}

#[cfg(test)]
mod tests;

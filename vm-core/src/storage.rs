//! Storage as the contracts see it: an overlay of this transaction's writes and the values it
//! read, over the chain. Reads go through [`BlockchainHooks::storage`](blockchain_hooks::BlockchainHooks::storage)
//! once per key and transaction; writes only go into the output.
//!
//! Gas follows the production VM's `storageContext`: reading a key longer than 32 bytes costs
//! `DataCopyPerByte` per extra byte, and the value `DataCopyPerByte` per byte, unless the key
//! was seen before in the transaction; the load itself costs `CachedStorageLoad` for a seen key,
//! else the `DynamicStorageLoad` polynomial of the trie depth (or the hook's static cost when
//! the polynomial falls under `MinimumGasCost`). Writes cost by how the value changes: see
//! [`set`].

use blockchain_hooks::Address;
use executor_api::{EarlyExit, InstanceAccess};

use crate::Context;
use crate::abi::{ADDRESS_LEN, charge, times};
use crate::errors::{self, failed};

/// What `storageStore` and friends return: how the write changed the key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(i32)]
pub(crate) enum StorageStatus {
    /// The value was already there.
    Unchanged = 0,
    /// An existing value changed.
    Modified = 1,
    /// An empty key got a value.
    Added = 2,
    /// A value was removed.
    Deleted = 3,
}

/// A value read, where it came from, and the depth the chain found it at.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    /// The value (empty for a missing key).
    pub value: Vec<u8>,
    /// Trie depth for the dynamic load cost (0 when cached).
    pub trie_depth: u32,
    /// Whether the transaction had seen the key before (no chain read).
    pub used_cache: bool,
}

/// Keys under the protocol's prefix (`ELROND`); the node writes them, contracts may not.
fn is_protocol_protected(key: &[u8]) -> bool {
    key.starts_with(errors::RESERVED_STORAGE_PREFIX)
}

/// Keys under the VM's own prefix (`ELRONDVM@`): storage locks and async data.
fn is_vm_protected(key: &[u8]) -> bool {
    key.starts_with(errors::VM_STORAGE_PREFIX)
}

/// Reads `key` of `address` without gas (`getStorageFromAddressUnmetered`). Protocol keys are
/// always read from the chain (a builtin function may have changed them); others once per
/// transaction, remembered, and the account shows up in the output.
pub(crate) fn load_unmetered(ctx: &mut Context<'_>, address: Address, key: &[u8]) -> Loaded {
    if is_protocol_protected(key) && !is_vm_protected(key) {
        let read = ctx.chain.storage(&address, key);
        return Loaded {
            value: read.value,
            trie_depth: read.trie_depth,
            used_cache: false,
        };
    }
    ctx.output.account_mut(address);
    if let Some(value) = ctx.output.known_value(&address, key) {
        return Loaded {
            value: value.clone(),
            trie_depth: 0,
            used_cache: true,
        };
    }
    let read = ctx.chain.storage(&address, key);
    ctx.output
        .remember_read(address, key.to_vec(), read.value.clone());
    Loaded {
        value: read.value,
        trie_depth: read.trie_depth,
        used_cache: false,
    }
}

/// Charges `DataCopyPerByte` for the key bytes beyond 32, unless cached.
fn charge_key(
    ctx: &Context<'_>,
    instance: &mut dyn InstanceAccess,
    key: &[u8],
    used_cache: bool,
) -> Result<(), EarlyExit> {
    let extra = key.len().saturating_sub(ADDRESS_LEN);
    if extra == 0 || used_cache {
        return Ok(());
    }
    charge(
        instance,
        times(ctx.schedule.base_operation_cost.data_copy_per_byte, extra),
    )
}

/// Charges the key and value bytes of an uncached read.
fn charge_read(
    ctx: &Context<'_>,
    instance: &mut dyn InstanceAccess,
    key: &[u8],
    loaded: &Loaded,
) -> Result<(), EarlyExit> {
    charge_key(ctx, instance, key, loaded.used_cache)?;
    if loaded.used_cache {
        return Ok(());
    }
    charge(
        instance,
        times(
            ctx.schedule.base_operation_cost.data_copy_per_byte,
            loaded.value.len(),
        ),
    )
}

/// Reads `key` of the running contract, charging its bytes (`GetStorage`).
///
/// # Errors
/// Out of gas.
pub(crate) fn get(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key: &[u8],
) -> Result<Loaded, EarlyExit> {
    let contract = ctx.contract();
    let loaded = load_unmetered(ctx, contract, key);
    charge_read(ctx, instance, key, &loaded)?;
    Ok(loaded)
}

/// Reads `key` of `address` (`GetStorageFromAddress`): another account's storage reads as
/// empty when the account does not exist, or when it is a contract that is not readable.
///
/// # Errors
/// Out of gas.
pub(crate) fn get_from_address(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    address: &[u8],
    key: &[u8],
) -> Result<Loaded, EarlyExit> {
    get_from_address_or(ctx, instance, address, key, Vec::new)
}

/// As [`get_from_address`], with `fallback` as the value of an empty protocol key (ESDT data
/// the chain answers through dedicated methods rather than storage).
///
/// # Errors
/// Out of gas.
pub(crate) fn get_from_address_or(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    address: &[u8],
    key: &[u8],
    fallback: impl FnOnce() -> Vec<u8>,
) -> Result<Loaded, EarlyExit> {
    let contract = ctx.contract();
    let target = Address::from_slice(address);
    let other = target.is_none_or(|a| a != contract);
    let unreadable = match target {
        Some(a) if other => {
            !ctx.chain.account_exists(&a)
                || (a.is_smart_contract() && !ctx.chain.code_metadata(&a).is_readable())
        }
        Some(_) => false,
        None => true,
    };
    let Some(target) = target.filter(|_| !unreadable) else {
        charge_key(ctx, instance, key, false)?;
        return Ok(Loaded::default());
    };
    let mut loaded = load_unmetered(ctx, target, key);
    if loaded.value.is_empty() && is_protocol_protected(key) && !is_vm_protected(key) {
        loaded.value = fallback();
    }
    charge_read(ctx, instance, key, &loaded)?;
    Ok(loaded)
}

/// Charges the load itself (`UseGasForStorageLoad`): `CachedStorageLoad` for a cached key,
/// else the `DynamicStorageLoad` cost of the trie depth (`static_cost` when it falls under
/// `MinimumGasCost`).
///
/// # Errors
/// Out of gas; execution failed if the schedule's polynomial overflows or is negative.
pub(crate) fn charge_load(
    ctx: &Context<'_>,
    instance: &mut dyn InstanceAccess,
    loaded: &Loaded,
    static_cost: u64,
) -> Result<(), EarlyExit> {
    let cost = if loaded.used_cache {
        ctx.schedule.base_ops_api_cost.cached_storage_load
    } else {
        dynamic_load_cost(ctx, loaded.trie_depth, static_cost)?
    };
    charge(instance, cost)
}

/// `a·d² + b·d + c` with the schedule's signed coefficients, or `static_cost` below the
/// minimum (`computeGasForStorageLoadBasedOnTrieDepth`).
fn dynamic_load_cost(ctx: &Context<'_>, depth: u32, static_cost: u64) -> Result<u64, EarlyExit> {
    let c = &ctx.schedule.dynamic_storage_load;
    let signed = |value: u64, sign: u64| -> Option<i64> {
        let value = i64::try_from(value).ok()?;
        Some(if sign == 1 { -value } else { value })
    };
    let depth = i64::from(depth);
    let fx = (|| {
        let quadratic = signed(c.quadratic_coefficient, c.sign_of_quadratic)?;
        let linear = signed(c.linear_coefficient, c.sign_of_linear)?;
        let constant = signed(c.constant_coefficient, c.sign_of_constant)?;
        quadratic
            .checked_mul(depth.checked_mul(depth)?)?
            .checked_add(linear.checked_mul(depth)?)?
            .checked_add(constant)
    })()
    .ok_or_else(|| failed("storage load cost overflow"))?;
    let Ok(fx) = u64::try_from(fx) else {
        return Err(failed(format!(
            "invalid value for gas cost, quadratic coefficient = {}, linear coefficient = {}, \
             constant coefficient = {}, trie depth = {depth}",
            c.quadratic_coefficient, c.linear_coefficient, c.constant_coefficient
        )));
    };
    Ok(if fx < c.minimum_gas_cost {
        static_cost
    } else {
        fx
    })
}

/// Writes `value` under `key` of the running contract (`SetStorage`): only the VM itself
/// (`protected`) writes under `ELRONDVM@`; nobody under the rest of `ELROND`.
///
/// # Gas
/// `DataCopyPerByte` per key byte beyond 32 if the key was not seen before; then, by how the
/// value changes: unchanged, `DataCopyPerByte` per byte if not seen before; added,
/// `StorePerByte` per byte; deleted, `ReleasePerByte` per old byte refunded; longer,
/// `PersistPerByte` per old byte + `StorePerByte` per new byte; shorter, `PersistPerByte` per
/// byte kept and `ReleasePerByte` per byte dropped refunded.
///
/// # Errors
/// Execution failed in read-only mode ("cannot write on read only mode"), for a reserved key
/// ("cannot write to storage under reserved key") or a protected one; out of gas.
pub(crate) fn set(
    ctx: &mut Context<'_>,
    instance: &mut dyn InstanceAccess,
    key: &[u8],
    value: &[u8],
    protected: bool,
) -> Result<StorageStatus, EarlyExit> {
    if ctx.read_only() {
        return Err(failed(errors::WRITE_ON_READ_ONLY));
    }
    if is_protocol_protected(key) && !is_vm_protected(key) {
        return Err(failed(errors::RESERVED_STORAGE_KEY));
    }
    if is_vm_protected(key) && !protected {
        return Err(failed(errors::PROTECTED_STORAGE_KEY));
    }
    let contract = ctx.contract();
    let (old, used_cache) = match ctx.output.known_value(&contract, key) {
        Some(old) => (old.clone(), true),
        None => (load_unmetered(ctx, contract, key).value, false),
    };
    charge_key(ctx, instance, key, used_cache)?;
    let costs = &ctx.schedule.base_operation_cost;
    if old == value {
        let cost = if used_cache {
            0
        } else {
            times(costs.data_copy_per_byte, value.len())
        };
        charge(instance, cost)?;
        return Ok(StorageStatus::Unchanged);
    }
    let (store, persist, release) = (
        costs.store_per_byte,
        costs.persist_per_byte,
        costs.release_per_byte,
    );
    ctx.output
        .write_storage(contract, key.to_vec(), value.to_vec());
    if old.is_empty() {
        charge(instance, times(store, value.len()))?;
        return Ok(StorageStatus::Added);
    }
    if value.is_empty() {
        ctx.output.refund(times(release, old.len()));
        return Ok(StorageStatus::Deleted);
    }
    if value.len() > old.len() {
        let cost = times(persist, old.len()).saturating_add(times(store, value.len() - old.len()));
        charge(instance, cost)?;
    } else if value.len() < old.len() {
        charge(instance, times(persist, value.len()))?;
        ctx.output.refund(times(release, old.len() - value.len()));
    }
    Ok(StorageStatus::Modified)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use blockchain_hooks::{GasSchedule, OpcodeCost, VmInput};
    use executor_api::{CodeHash, Executor, ExecutorError, Module};

    use super::*;
    use crate::testing::{MemoryInstance, MockChain};
    use crate::{Frame, VmConfig};

    struct NoEngine;

    impl Executor for NoEngine {
        fn compile(&self, _: CodeHash, _: &[u8]) -> Result<Arc<dyn Module>, ExecutorError> {
            Err(ExecutorError::Compilation("none".into()))
        }
        fn cached(&self, _: CodeHash) -> Option<Arc<dyn Module>> {
            None
        }
        fn set_opcode_cost(&self, _: &OpcodeCost) {}
        fn name(&self) -> &'static str {
            "none"
        }
    }

    fn with_context(chain: &MockChain, test: impl FnOnce(&mut Context<'_>)) {
        let (schedule, config) = (GasSchedule::v4(), VmConfig::default());
        let mut ctx = Context::new(chain, &schedule, &NoEngine, &config);
        ctx.frames
            .push(Frame::new(Address::ZERO, "test", VmInput::default()));
        test(&mut ctx);
    }

    #[test]
    fn statuses_and_costs_of_writes() {
        let mut chain = MockChain::new();
        chain.set_storage(Address::ZERO, b"old", b"abc");
        with_context(&chain, |ctx| {
            let mut instance = MemoryInstance::new(0, u64::MAX);
            let added = set(ctx, &mut instance, b"new", b"xy", false).unwrap();
            assert_eq!((added, instance.gas_used), (StorageStatus::Added, 20_000));
            let unchanged = set(ctx, &mut instance, b"new", b"xy", false).unwrap();
            assert_eq!(unchanged, StorageStatus::Unchanged);
            assert_eq!(
                instance.gas_used, 20_000,
                "a cached unchanged write is free"
            );
            let deleted = set(ctx, &mut instance, b"old", b"", false).unwrap();
            assert_eq!(deleted, StorageStatus::Deleted);
            assert_eq!(ctx.output.output().gas_refund, 3_000);
            let loaded = get(ctx, &mut instance, b"old").unwrap();
            assert!(loaded.used_cache && loaded.value.is_empty());
        });
    }

    #[test]
    fn reserved_prefixes_and_read_only_mode() {
        let chain = MockChain::new();
        with_context(&chain, |ctx| {
            let mut instance = MemoryInstance::new(0, u64::MAX);
            let reserved = set(ctx, &mut instance, b"ELRONDx", b"1", false).unwrap_err();
            assert_eq!(reserved.message, errors::RESERVED_STORAGE_KEY);
            let lock = set(ctx, &mut instance, b"ELRONDVM@TIMELOCKx", b"1", true);
            assert_eq!(lock.unwrap(), StorageStatus::Added);
            ctx.frame_mut().read_only = true;
            let read_only = set(ctx, &mut instance, b"k", b"1", false).unwrap_err();
            assert_eq!(read_only.message, errors::WRITE_ON_READ_ONLY);
        });
    }

    #[test]
    fn dynamic_load_cost_of_the_trie_depth() {
        let chain = MockChain::new();
        with_context(&chain, |ctx| {
            assert_eq!(dynamic_load_cost(ctx, 0, 7).unwrap(), 15_287);
            assert_eq!(
                dynamic_load_cost(ctx, 3, 7).unwrap(),
                688 * 9 + 31_858 * 3 + 15_287
            );
        });
    }
}

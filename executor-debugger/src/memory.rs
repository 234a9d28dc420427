//! The memory of a native contract, reached by real addresses.
//!
//! A native contract passes hooks pointers into its own (host) memory: `MemPtr` values that
//! are addresses, not offsets into a linear memory. Nothing can check that such an address
//! is valid; the executor trusts the contract as it trusts any host code linked into the
//! process, and only refuses what is certainly wrong, with the messages Wasmer uses for an
//! access outside the linear memory: a negative pointer or length, a null pointer with a
//! non-zero length, a range that wraps around the address space, or more than
//! [`MAX_ACCESS`] bytes at once.

use executor_api::{EarlyExit, MemLength, MemPtr, messages};

/// The most bytes one hook reads or writes at once (64 MiB, the VM's bound of one managed
/// buffer): a larger length is a contract's mistake, refused before anything is allocated.
pub const MAX_ACCESS: usize = 64 << 20;

/// The address and length of `[offset, offset + length)` if it passes the checks above;
/// `None` otherwise. A zero length is accepted at any non-negative address (nothing is
/// touched), as a zero-length access at any offset within the bounds is in wasm.
fn range(offset: MemPtr, length: MemLength) -> Option<(usize, usize)> {
    let address = usize::try_from(offset).ok()?;
    let len = usize::try_from(length).ok()?;
    if len == 0 {
        return Some((address, 0));
    }
    if address == 0 || len > MAX_ACCESS {
        return None;
    }
    let end = address.checked_add(len)?;
    (end <= isize::MAX as usize).then_some((address, len))
}

/// Reads `length` bytes at address `offset`.
///
/// # Errors
/// Execution failed, [`messages::MEM_LOAD_BAD_BOUNDS`], for a range the checks above refuse.
pub(crate) fn load(offset: MemPtr, length: MemLength) -> Result<Vec<u8>, EarlyExit> {
    let (address, len) = range(offset, length)
        .ok_or_else(|| EarlyExit::execution_failed(messages::MEM_LOAD_BAD_BOUNDS))?;
    if len == 0 {
        return Ok(Vec::new());
    }
    let ptr = std::ptr::with_exposed_provenance::<u8>(address);
    // SAFETY: the native-contract rule of `executor_api::native`: a pointer a contract gives
    // a hook is a real address of its own memory, valid for reads of the length it gives.
    // `range` checked that the pointer is not null, that the range does not wrap and that
    // its length is within `isize::MAX`, as `from_raw_parts` requires; the bytes are copied
    // out before the contract runs again.
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
    Ok(bytes.to_vec())
}

/// Writes `data` at address `offset`.
///
/// # Errors
/// Execution failed, [`messages::MEM_STORE_BAD_BOUNDS`], for a range the checks above refuse.
pub(crate) fn store(offset: MemPtr, data: &[u8]) -> Result<(), EarlyExit> {
    let bad = || EarlyExit::execution_failed(messages::MEM_STORE_BAD_BOUNDS);
    let length = MemLength::try_from(data.len()).map_err(|_| bad())?;
    let (address, len) = range(offset, length).ok_or_else(bad)?;
    if len == 0 {
        return Ok(());
    }
    let ptr = std::ptr::with_exposed_provenance_mut::<u8>(address);
    // SAFETY: as in `load`, the contract guarantees the address is valid for writes of
    // `data.len()` bytes (its own buffer, given to the hook for the result). `copy` allows
    // the source and destination to overlap, should a hook write back bytes it read there.
    unsafe { std::ptr::copy(data.as_ptr(), ptr, len) };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_refuse_what_is_certainly_wrong() {
        assert_eq!(range(0x1000, 4), Some((0x1000, 4)));
        assert_eq!(range(0, 0), Some((0, 0)));
        assert_eq!(range(0, 1), None, "null pointer");
        assert_eq!(range(-8, 0), None, "negative pointer");
        assert_eq!(range(0x1000, -1), None, "negative length");
        assert_eq!(range(isize::MAX - 2, 8), None, "past the address space");
        let too_long = MemLength::try_from(MAX_ACCESS + 1).unwrap();
        assert_eq!(range(0x1000, too_long), None, "over the access bound");
    }

    #[test]
    fn loads_and_stores_reach_real_memory() {
        let mut buffer = [1u8, 2, 3, 4, 5, 6];
        let address = buffer.as_mut_ptr().expose_provenance() as MemPtr;
        assert_eq!(load(address + 1, 3).unwrap(), [2, 3, 4]);
        store(address + 2, &[9, 9]).unwrap();
        assert_eq!(buffer, [1, 2, 9, 9, 5, 6]);
        assert_eq!(load(address, 0).unwrap(), Vec::<u8>::new());
    }

    #[test]
    fn bad_accesses_answer_wasmers_messages() {
        let load_err = load(0, 4).unwrap_err();
        assert_eq!(
            load_err,
            EarlyExit::execution_failed("mem load: bad bounds")
        );
        let store_err = store(0, &[1]).unwrap_err();
        assert_eq!(
            store_err,
            EarlyExit::execution_failed("mem store: bad bounds")
        );
        assert_eq!(
            load(0x1000, -4).unwrap_err().message,
            "mem load: bad bounds"
        );
    }
}

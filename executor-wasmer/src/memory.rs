//! Bounds-checked access to an instance's linear memory.

use executor_api::{EarlyExit, MemLength, MemPtr, messages};
use wasmer::MemoryView;

/// The range `[offset, offset + length)` if it lies inside a memory of `size` bytes.
fn range(offset: MemPtr, length: MemLength, size: u64) -> Option<(u64, usize)> {
    let start = u64::try_from(offset).ok()?;
    let len = u64::try_from(length).ok()?;
    let end = start.checked_add(len)?;
    (end <= size).then_some((start, usize::try_from(len).ok()?))
}

/// Reads `length` bytes at `offset`.
///
/// # Errors
/// Execution failed, [`messages::MEM_LOAD_BAD_BOUNDS`], when the range is not inside the
/// memory or `length` is negative.
pub(crate) fn load(
    view: &MemoryView<'_>,
    offset: MemPtr,
    length: MemLength,
) -> Result<Vec<u8>, EarlyExit> {
    let bad = || EarlyExit::execution_failed(messages::MEM_LOAD_BAD_BOUNDS);
    let (start, len) = range(offset, length, view.data_size()).ok_or_else(bad)?;
    let mut data = vec![0; len];
    view.read(start, &mut data).map_err(|_| bad())?;
    Ok(data)
}

/// Writes `data` at `offset`.
///
/// # Errors
/// Execution failed, [`messages::MEM_STORE_BAD_BOUNDS`], when the range is not inside the
/// memory.
pub(crate) fn store(view: &MemoryView<'_>, offset: MemPtr, data: &[u8]) -> Result<(), EarlyExit> {
    let bad = || EarlyExit::execution_failed(messages::MEM_STORE_BAD_BOUNDS);
    let length = MemLength::try_from(data.len()).map_err(|_| bad())?;
    let (start, _) = range(offset, length, view.data_size()).ok_or_else(bad)?;
    view.write(start, data).map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::range;

    #[test]
    fn ranges_are_checked_without_overflow() {
        assert_eq!(range(0, 10, 10), Some((0, 10)));
        assert_eq!(range(10, 0, 10), Some((10, 0)));
        assert_eq!(range(10, 1, 10), None);
        assert_eq!(range(-1, 1, 10), None);
        assert_eq!(range(0, -1, 10), None);
        assert_eq!(range(isize::MAX, isize::MAX, 1 << 20), None);
    }
}

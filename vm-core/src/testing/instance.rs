use executor_api::{EarlyExit, InstanceAccess, MemLength, MemPtr, messages};

/// An [`InstanceAccess`] over a plain byte vector and a gas counter: what a hook sees of a
/// running contract, without an engine. Offsets index the vector.
#[derive(Clone, Debug)]
pub struct MemoryInstance {
    /// The linear memory.
    pub memory: Vec<u8>,
    /// Gas used.
    pub gas_used: u64,
    /// Gas limit.
    pub gas_limit: u64,
}

impl MemoryInstance {
    /// `size` zero bytes of memory and `gas_limit` gas.
    pub fn new(size: usize, gas_limit: u64) -> Self {
        Self {
            memory: vec![0; size],
            gas_used: 0,
            gas_limit,
        }
    }

    fn range(&self, offset: MemPtr, length: MemLength) -> Option<std::ops::Range<usize>> {
        let start = usize::try_from(offset).ok()?;
        let end = start.checked_add(usize::try_from(length).ok()?)?;
        (end <= self.memory.len()).then_some(start..end)
    }
}

impl InstanceAccess for MemoryInstance {
    fn memory_load(&self, offset: MemPtr, length: MemLength) -> Result<Vec<u8>, EarlyExit> {
        let range = self
            .range(offset, length)
            .ok_or_else(|| EarlyExit::execution_failed(messages::MEM_LOAD_BAD_BOUNDS))?;
        Ok(self.memory[range].to_vec())
    }

    fn memory_store(&mut self, offset: MemPtr, data: &[u8]) -> Result<(), EarlyExit> {
        let length = MemLength::try_from(data.len()).unwrap_or(MemLength::MAX);
        let range = self
            .range(offset, length)
            .ok_or_else(|| EarlyExit::execution_failed(messages::MEM_STORE_BAD_BOUNDS))?;
        self.memory[range].copy_from_slice(data);
        Ok(())
    }

    fn gas_used(&self) -> u64 {
        self.gas_used
    }

    fn set_gas_used(&mut self, used: u64) {
        self.gas_used = used;
    }

    fn gas_limit(&self) -> u64 {
        self.gas_limit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_bounds_accesses_fail_execution() {
        let mut instance = MemoryInstance::new(16, 100);
        instance.memory_store(12, &[1, 2, 3, 4]).unwrap();
        assert_eq!(instance.memory_load(12, 4).unwrap(), vec![1, 2, 3, 4]);
        assert_eq!(
            instance.memory_load(13, 4).unwrap_err().code,
            executor_api::ReturnCode::ExecutionFailed
        );
        assert!(instance.memory_load(-1, 1).is_err());
        assert!(instance.memory_load(0, -1).is_err());
        assert!(instance.memory_store(15, &[0, 0]).is_err());
        assert!(instance.use_gas(101).is_err());
        assert_eq!(instance.gas_used(), 100);
    }
}

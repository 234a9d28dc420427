//! The in-memory module cache: at most a configured number of compiled modules, the oldest
//! dropped first, so that a node meeting ever new contracts keeps bounded memory (each module
//! holds executable memory mappings).

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use executor_api::CodeHash;

use crate::WasmerModule;

/// Compiled modules by code hash, first in, first out beyond the capacity.
#[derive(Debug)]
pub(crate) struct ModuleCache {
    modules: HashMap<CodeHash, Arc<WasmerModule>>,
    order: VecDeque<CodeHash>,
    capacity: usize,
}

impl ModuleCache {
    /// An empty cache of at most `capacity` modules (at least one).
    pub(crate) fn new(capacity: usize) -> Self {
        Self {
            modules: HashMap::new(),
            order: VecDeque::new(),
            capacity: capacity.max(1),
        }
    }

    pub(crate) fn get(&self, hash: &CodeHash) -> Option<&Arc<WasmerModule>> {
        self.modules.get(hash)
    }

    /// Keeps `module`, dropping the oldest module when the cache is full.
    pub(crate) fn insert(&mut self, hash: CodeHash, module: Arc<WasmerModule>) {
        if self.modules.insert(hash, module).is_some() {
            return;
        }
        self.order.push_back(hash);
        while self.modules.len() > self.capacity {
            let Some(oldest) = self.order.pop_front() else {
                break;
            };
            self.modules.remove(&oldest);
        }
    }

    pub(crate) fn clear(&mut self) {
        self.modules.clear();
        self.order.clear();
    }
}

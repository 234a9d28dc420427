//! The transient output of a transaction: every change accumulates here and reaches the
//! chain only through the returned [`VmOutput`], and only on success.
//!
//! Beside the output itself, the journal keeps the storage values read from the chain in this
//! transaction: the production VM keeps them in its output accounts (as unwritten storage
//! updates) and drops them at the end, so a nested call that fails forgets its reads too.

use std::collections::HashMap;

use blockchain_hooks::{Address, LogEntry, OutputAccount, VmOutput};

/// A position in the output to come back to: [`OutputJournal::revert`] undoes everything
/// recorded since, [`OutputJournal::commit`] keeps it.
#[derive(Debug)]
#[must_use = "a checkpoint is either committed or reverted"]
pub struct Checkpoint {
    depth: usize,
}

/// Everything a checkpoint restores.
#[derive(Clone, Debug, Default)]
struct State {
    output: VmOutput,
    reads: HashMap<(Address, Vec<u8>), Vec<u8>>,
    /// The EGLD balance changes builtin functions made (part of `output`'s deltas too).
    builtin_egld: HashMap<Address, num_bigint::BigInt>,
}

/// The output under construction, with explicit checkpoints for nested executions.
///
/// Checkpoints snapshot the accumulated state; nested calls are few (at most the instance
/// limit), so a snapshot is cheaper than a journal of inverse operations to get right.
#[derive(Debug, Default)]
pub struct OutputJournal {
    current: State,
    snapshots: Vec<State>,
}

impl OutputJournal {
    /// The output so far.
    pub fn output(&self) -> &VmOutput {
        &self.current.output
    }

    /// The output so far, to change.
    pub fn output_mut(&mut self) -> &mut VmOutput {
        &mut self.current.output
    }

    /// The output account of `address`, created empty if absent (the production VM creates
    /// one whenever it looks at an account's balance, nonce or storage).
    pub fn account_mut(&mut self, address: Address) -> &mut OutputAccount {
        self.current.output.account_mut(address)
    }

    /// Adds a log entry.
    pub fn push_log(&mut self, log: LogEntry) {
        self.current.output.logs.push(log);
    }

    /// Appends `data` to the return data.
    pub fn finish(&mut self, data: Vec<u8>) {
        self.current.output.return_data.push(data);
    }

    /// Adds `amount` to the gas refunded (storage released).
    pub fn refund(&mut self, amount: u64) {
        let refund = &mut self.current.output.gas_refund;
        *refund = refund.saturating_add(amount);
    }

    /// The value written under `key` of `address` in this transaction, if any.
    pub fn written(&self, address: &Address, key: &[u8]) -> Option<&Vec<u8>> {
        self.current
            .output
            .output_accounts
            .get(address)
            .and_then(|account| account.storage_updates.get(key))
    }

    /// The value of `key` of `address` as this transaction sees it without asking the chain:
    /// written here, or read from the chain before.
    pub fn known_value(&self, address: &Address, key: &[u8]) -> Option<&Vec<u8>> {
        self.written(address, key)
            .or_else(|| self.current.reads.get(&(*address, key.to_vec())))
    }

    /// Remembers a value read from the chain's storage.
    pub fn remember_read(&mut self, address: Address, key: Vec<u8>, value: Vec<u8>) {
        self.current.reads.insert((address, key), value);
    }

    /// Records a storage write (an empty value deletes the key).
    /// Records an EGLD balance change a builtin function made (it is in the output's deltas
    /// as well): the production VM's builtins write balances to the state itself, so later
    /// builtins see them, while the VM's own value transfers stay in its output.
    pub fn add_builtin_egld(&mut self, address: Address, delta: &num_bigint::BigInt) {
        *self.current.builtin_egld.entry(address).or_default() += delta;
    }

    /// The EGLD balance changes builtin functions made to `address` so far.
    pub fn builtin_egld(&self, address: &Address) -> num_bigint::BigInt {
        self.current
            .builtin_egld
            .get(address)
            .cloned()
            .unwrap_or_default()
    }

    pub fn write_storage(&mut self, address: Address, key: Vec<u8>, value: Vec<u8>) {
        self.account_mut(address).storage_updates.insert(key, value);
    }

    /// Marks the current state.
    pub fn checkpoint(&mut self) -> Checkpoint {
        self.snapshots.push(self.current.clone());
        Checkpoint {
            depth: self.snapshots.len(),
        }
    }

    /// Keeps everything since `checkpoint`.
    pub fn commit(&mut self, checkpoint: Checkpoint) {
        debug_assert_eq!(
            checkpoint.depth,
            self.snapshots.len(),
            "checkpoints close in order"
        );
        self.snapshots.truncate(checkpoint.depth.saturating_sub(1));
    }

    /// Undoes everything since `checkpoint`.
    pub fn revert(&mut self, checkpoint: Checkpoint) {
        debug_assert_eq!(
            checkpoint.depth,
            self.snapshots.len(),
            "checkpoints close in order"
        );
        if let Some(snapshot) = self
            .snapshots
            .drain(checkpoint.depth.saturating_sub(1)..)
            .next()
        {
            self.current = snapshot;
        }
    }

    /// The finished output.
    pub fn into_output(self) -> VmOutput {
        self.current.output
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revert_undoes_and_commit_keeps() {
        let mut journal = OutputJournal::default();
        journal.finish(b"a".to_vec());
        let outer = journal.checkpoint();
        journal.finish(b"b".to_vec());
        let inner = journal.checkpoint();
        journal.account_mut(Address::ZERO).nonce = Some(3);
        journal.remember_read(Address::ZERO, b"k".to_vec(), b"v".to_vec());
        journal.revert(inner);
        assert!(journal.output().output_accounts.is_empty());
        assert_eq!(journal.known_value(&Address::ZERO, b"k"), None);
        journal.commit(outer);
        assert_eq!(
            journal.output().return_data,
            vec![b"a".to_vec(), b"b".to_vec()]
        );
    }

    #[test]
    fn writes_shadow_reads() {
        let mut journal = OutputJournal::default();
        journal.remember_read(Address::ZERO, b"k".to_vec(), b"old".to_vec());
        assert_eq!(
            journal.known_value(&Address::ZERO, b"k"),
            Some(&b"old".to_vec())
        );
        journal.write_storage(Address::ZERO, b"k".to_vec(), b"new".to_vec());
        assert_eq!(
            journal.known_value(&Address::ZERO, b"k"),
            Some(&b"new".to_vec())
        );
        journal.refund(7);
        journal.refund(u64::MAX);
        assert_eq!(journal.output().gas_refund, u64::MAX);
    }
}

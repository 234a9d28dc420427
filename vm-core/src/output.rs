//! The transient output of a transaction: every change accumulates here and reaches the
//! chain only through the returned [`VmOutput`], and only on success.

use blockchain_hooks::{LogEntry, VmOutput};

/// A position in the output to come back to: [`OutputJournal::revert`] undoes everything
/// recorded since, [`OutputJournal::commit`] keeps it.
#[derive(Debug)]
#[must_use = "a checkpoint is either committed or reverted"]
pub struct Checkpoint {
    depth: usize,
}

/// The output under construction, with explicit checkpoints for nested executions.
///
/// Checkpoints snapshot the accumulated state; nested calls are few (at most the instance
/// limit), so a snapshot is cheaper than a journal of inverse operations to get right.
#[derive(Debug, Default)]
pub struct OutputJournal {
    current: VmOutput,
    snapshots: Vec<VmOutput>,
}

impl OutputJournal {
    /// The output so far.
    pub fn output(&self) -> &VmOutput {
        &self.current
    }

    /// The output so far, to change.
    pub fn output_mut(&mut self) -> &mut VmOutput {
        &mut self.current
    }

    /// Adds a log entry.
    pub fn push_log(&mut self, log: LogEntry) {
        self.current.logs.push(log);
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
        self.snapshots.truncate(checkpoint.depth - 1);
    }

    /// Undoes everything since `checkpoint`.
    pub fn revert(&mut self, checkpoint: Checkpoint) {
        debug_assert_eq!(
            checkpoint.depth,
            self.snapshots.len(),
            "checkpoints close in order"
        );
        if let Some(snapshot) = self.snapshots.drain(checkpoint.depth - 1..).next() {
            self.current = snapshot;
        }
    }

    /// The finished output.
    pub fn into_output(self) -> VmOutput {
        self.current
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use blockchain_hooks::Address;

    #[test]
    fn revert_undoes_and_commit_keeps() {
        let mut journal = OutputJournal::default();
        journal.output_mut().return_data.push(b"a".to_vec());
        let outer = journal.checkpoint();
        journal.output_mut().return_data.push(b"b".to_vec());
        let inner = journal.checkpoint();
        journal.output_mut().account_mut(Address::ZERO).nonce = Some(3);
        journal.revert(inner);
        assert!(journal.output().output_accounts.is_empty());
        journal.commit(outer);
        assert_eq!(
            journal.output().return_data,
            vec![b"a".to_vec(), b"b".to_vec()]
        );
    }
}

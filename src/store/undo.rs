//! Putting back what a transaction overwrote when its flush to disk fails: the
//! operator is told the save failed, so the running store must not keep it
//! either (and must not write it to disk later).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use sled::IVec;
use sled::transaction::{TransactionalTree, UnabortableTransactionError};

use super::Store;

/// Which tree a write went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Which {
    Cases,
    Events,
    Meta,
    Summaries,
}

/// The previous value of every key a transaction wrote, in write order.
#[derive(Debug, Default, Clone)]
pub(crate) struct Undo(Vec<(Which, Vec<u8>, Option<IVec>)>);

/// The undo of a transaction's last attempt, kept outside it: when sled fails
/// to commit with an I/O error, what the attempt wrote may be in memory while
/// the undo the closure returned is lost with the error.
#[derive(Debug, Default)]
pub(crate) struct LastAttempt(std::cell::RefCell<Undo>);

impl LastAttempt {
    pub(crate) fn keep(&self, undo: &Undo) {
        *self.0.borrow_mut() = undo.clone();
    }

    pub(crate) fn take(self) -> Undo {
        self.0.into_inner()
    }
}

impl Undo {
    /// Writes `value` at `key` in `tree`, remembering what was there.
    pub fn insert(
        &mut self,
        tree: &TransactionalTree,
        which: Which,
        key: &[u8],
        value: impl Into<IVec>,
    ) -> Result<(), UnabortableTransactionError> {
        let old = tree.insert(key, value)?;
        self.0.push((which, key.to_vec(), old));
        Ok(())
    }
}

impl Store {
    /// Puts back what `undo` recorded, newest write first. Best effort: if
    /// this fails too, the store is marked failed anyway and refuses to save.
    pub(crate) fn roll_back(&self, undo: &Undo) {
        use sled::Transactional;
        let trees = (&self.cases, &self.events, &self.meta, &self.summaries);
        let _ = trees.transaction(|(cases, events, meta, summaries)| {
            for (which, key, old) in undo.0.iter().rev() {
                let tree = match which {
                    Which::Cases => cases,
                    Which::Events => events,
                    Which::Meta => meta,
                    Which::Summaries => summaries,
                };
                match old {
                    Some(value) => tree.insert(key.as_slice(), value.clone())?,
                    None => tree.remove(key.as_slice())?,
                };
            }
            Ok::<(), sled::transaction::ConflictableTransactionError<()>>(())
        });
    }
}

/// What saves that could not be flushed left in the running store's memory:
/// sled stops writing after an I/O error, so taking them back may fail too.
/// Reads look here first and see each such key as it was before, so that
/// nothing the operator was told is not saved shows anywhere until restart.
#[derive(Debug, Clone, Default)]
pub(crate) struct Ghosts(Arc<Mutex<OnDisk>>);

/// Per tree and key, the value on disk (`None`: no record).
type OnDisk = HashMap<(Which, Vec<u8>), Option<IVec>>;

impl Ghosts {
    /// Remembers the values `undo` overwrote; the first failure's value of a
    /// key is the one on disk.
    pub(crate) fn record(&self, undo: &Undo) {
        let mut map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        for (which, key, old) in &undo.0 {
            map.entry((*which, key.clone())).or_insert_with(|| old.clone());
        }
    }

    /// `Some(value on disk)` for a key a failed save wrote, `None` otherwise.
    pub(crate) fn get(&self, which: Which, key: &[u8]) -> Option<Option<IVec>> {
        let map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if map.is_empty() {
            return None;
        }
        map.get(&(which, key.to_vec())).cloned()
    }

    /// Every key of `which` a failed save wrote, with its value on disk.
    pub(crate) fn of(&self, which: Which) -> Vec<(Vec<u8>, Option<IVec>)> {
        let map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        map.iter()
            .filter(|((w, _), _)| *w == which)
            .map(|((_, key), old)| (key.clone(), old.clone()))
            .collect()
    }
}

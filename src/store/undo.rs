//! Putting back what a transaction overwrote when its flush to disk fails: the
//! operator is told the save failed, so the running store must not keep it
//! either (and must not write it to disk later).

use sled::IVec;
use sled::transaction::{TransactionalTree, UnabortableTransactionError};

use super::Store;

/// Which tree a write went to.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Which {
    Cases,
    Events,
    Meta,
}

/// The previous value of every key a transaction wrote, in write order.
#[derive(Debug, Default)]
pub(crate) struct Undo(Vec<(Which, Vec<u8>, Option<IVec>)>);

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
        let _ = (&self.cases, &self.events, &self.meta).transaction(|(cases, events, meta)| {
            for (which, key, old) in undo.0.iter().rev() {
                let tree = match which {
                    Which::Cases => cases,
                    Which::Events => events,
                    Which::Meta => meta,
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

//! The desk's store as the source of full cases for the shared queue: read
//! through the desk's slot, so that a case opened while the database is lent
//! to a maintenance job is simply not there (the board says so) rather than
//! keeping the job from having the database.

use std::sync::Arc;

use super::cases::{CaseSource, Cases};
use crate::desk::Slot;
use crate::domain::case::{Case, CaseId};
use crate::store::{Store, StoreError};

/// The queue as a desk holds it: every case of `store` in brief, the full
/// cases read through `slot` (the desk's hold on the same store) when a
/// board opens one; and the records that could not be read.
pub fn read_queue(store: &Store, slot: &Slot) -> (Cases, Vec<StoreError>) {
    let loaded = store.summaries();
    (
        Cases::of_summaries(loaded.summaries, Arc::new(slot.clone())),
        loaded.unreadable,
    )
}

impl CaseSource for Slot {
    fn case(&self, id: CaseId) -> Option<Case> {
        self.with(|store| store.get(id).ok()).ok().flatten()
    }

    fn descriptions(&self, each: &mut dyn FnMut(CaseId, String)) {
        // While the database is lent out there is nothing to read: the
        // search goes without the descriptions until the desk reads the
        // queue anew after the job.
        let _ = self.with(|store| store.each_description(each));
    }
}

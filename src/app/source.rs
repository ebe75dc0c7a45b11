//! The desk's store as the source of full cases for the shared queue: read
//! through the desk's slot, so that a case opened while the database is lent
//! to a maintenance job is simply not there (the board says so) rather than
//! keeping the job from having the database.

use super::cases::CaseSource;
use crate::desk::Slot;
use crate::domain::case::{Case, CaseId};

impl CaseSource for Slot {
    fn case(&self, id: CaseId) -> Option<Case> {
        self.with(|store| store.get(id).ok()).ok().flatten()
    }

    fn descriptions(&self) -> Vec<(CaseId, String)> {
        self.with(|store| {
            store
                .load()
                .cases
                .into_iter()
                .map(|case| (case.id, case.description))
                .collect()
        })
        .unwrap_or_default()
    }
}

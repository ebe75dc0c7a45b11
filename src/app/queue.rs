//! The queue every screen of one desk shows: one copy of the cases and their
//! search index, shared by all the operators' sessions in a process. Each
//! session keeps only its own view (filters, selection, forms); what changes
//! is put here once and then every session redraws from it.

use std::sync::Arc;

use parking_lot::{MappedRwLockReadGuard, RwLock, RwLockReadGuard};

use chrono::{DateTime, Utc};

use super::cases::Cases;
use crate::desk::Held;
use crate::domain::case::{Case, CaseId};
use crate::domain::deadlines::CaseClocks;
use crate::domain::query::Filter;
use crate::domain::workflow::Rules;

/// A handle on the shared queue; cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct Queue(Arc<RwLock<Cases>>);

impl Queue {
    pub fn new(cases: Cases) -> Queue {
        Queue(Arc::new(RwLock::new(cases)))
    }

    /// The cases as they stand, for as long as the guard is held. Readers
    /// may nest (a screen drawing reads in several places): a writer waiting
    /// does not block a second read on the same thread.
    pub fn read(&self) -> RwLockReadGuard<'_, Cases> {
        self.0.read_recursive()
    }

    /// One case, for as long as the guard is held.
    pub fn case(&self, id: CaseId) -> Option<MappedRwLockReadGuard<'_, Case>> {
        RwLockReadGuard::try_map(self.read(), |cases| cases.get(id)).ok()
    }

    /// Puts a case as it stands now; `false` if it is older than the one held
    /// (every session may put what it saved: the newest version stays).
    pub fn put(&self, case: Case) -> bool {
        self.0.write().put(case)
    }

    pub fn remove(&self, id: CaseId) {
        self.0.write().remove(id);
    }

    /// Puts a queue read anew in the place of this one.
    pub fn replace(&self, cases: Cases) {
        *self.0.write() = cases;
    }

    /// Whether `other` is this same queue.
    pub fn same(&self, other: &Queue) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// A desk's selections answered from the queue in memory, without reading
/// or decoding the store.
impl Held for Queue {
    fn select(&self, filter: &Filter, rules: &Rules, now: DateTime<Utc>) -> Vec<Case> {
        let cases = self.read();
        let mut chosen: Vec<(&Case, CaseClocks)> = cases
            .iter()
            .map(|case| (case, CaseClocks::of(case, &rules.policy, now)))
            .filter(|(case, clocks)| filter.matches(case, clocks))
            .collect();
        chosen.sort_by_key(|(case, clocks)| (clocks.urgency(), case.id));
        chosen.into_iter().map(|(case, _)| case.clone()).collect()
    }
}

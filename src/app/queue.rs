//! The queue every screen of one desk shows: one copy of the cases and their
//! search index, shared by all the operators' sessions in a process. Each
//! session keeps only its own view (filters, selection, forms); what changes
//! is put here once and then every session redraws from it.

use std::sync::Arc;

use parking_lot::{RwLock, RwLockReadGuard};

use chrono::{DateTime, Utc};

use super::cases::Cases;
use crate::desk::Held;
use crate::domain::case::{Case, CaseId};
use crate::domain::deadlines::Clocks;
use crate::domain::query::{Filter, most_urgent_first};
use crate::domain::summary::Summary;
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

    /// One full case, read from the store if no screen had it open yet.
    pub fn case(&self, id: CaseId) -> Option<Arc<Case>> {
        self.read().case(id)
    }

    /// Makes the search look through the descriptions too: they are read
    /// once, when a search first needs them.
    pub fn describe(&self) {
        if !self.read().is_described() {
            self.0.write().describe();
        }
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
/// or decoding the store (but the descriptions, once, for a text filter).
impl Held for Queue {
    fn select(&self, filter: &Filter, rules: &Rules, now: DateTime<Utc>) -> Vec<Summary> {
        if filter.text.is_some() {
            self.describe();
        }
        let cases = self.read();
        let mut counted = Clocks::new(&rules.policy, now);
        let chosen = match filter.text {
            // The search entries hold the descriptions.
            Some(_) => most_urgent_first(
                cases.iter().zip(cases.search_entries()).map(|(case, entry)| {
                    let description = entry.text.get(entry.fields[4] as usize..).unwrap_or("");
                    (case, description)
                }),
                filter,
                &mut counted,
            ),
            None => most_urgent_first(cases.iter().map(|case| (case, "")), filter, &mut counted),
        };
        chosen.into_iter().cloned().collect()
    }
}

//! The cases an App works with: every case of the store, kept current as
//! changes come in, with what the search looks through.

use std::collections::HashMap;

use crate::domain::case::{Case, CaseId};
use crate::domain::contact::phone_key;
use crate::domain::query::searchable_text;

/// One case's text as the search reads it, prepared once per change.
#[derive(Debug, Clone)]
pub struct SearchEntry {
    pub id: CaseId,
    /// Lower-cased number, contact, organisation, e-mail, phone and description.
    pub text: String,
    /// The phone number reduced to its digits, Dutch prefix normalised.
    pub phone: String,
    pub name: String,
}

#[derive(Debug, Default, Clone)]
pub struct Cases {
    by_id: HashMap<CaseId, Case>,
    search: HashMap<CaseId, SearchEntry>,
}

impl Cases {
    pub fn new(cases: Vec<Case>) -> Self {
        let mut all = Self::default();
        for case in cases {
            all.put(case);
        }
        all
    }

    /// Adds or replaces a case; returns whether it was newer than what was held.
    pub fn put(&mut self, case: Case) -> bool {
        if self
            .by_id
            .get(&case.id)
            .is_some_and(|old| old.version > case.version)
        {
            return false;
        }
        let entry = SearchEntry {
            id: case.id,
            text: searchable_text(&case),
            phone: case.contact.phone.as_deref().map(phone_key).unwrap_or_default(),
            name: case.contact.name.to_lowercase(),
        };
        self.search.insert(case.id, entry);
        self.by_id.insert(case.id, case);
        true
    }

    pub fn get(&self, id: CaseId) -> Option<&Case> {
        self.by_id.get(&id)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Case> {
        self.by_id.values()
    }

    pub fn search_entries(&self) -> impl Iterator<Item = &SearchEntry> {
        self.search.values()
    }

    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// The names of everyone who handles or is involved in a case, for pickers.
    pub fn staff(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .by_id
            .values()
            .flat_map(|c| c.handler.iter().chain(c.involved.iter()))
            .cloned()
            .collect();
        names.sort_by_key(|n| n.to_lowercase());
        names.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        names
    }
}

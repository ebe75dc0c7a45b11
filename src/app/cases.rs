//! The cases an App works with: every case of the store, kept current as
//! changes come in, with what the search looks through.
//!
//! The cases are kept in one vector, in the order they came (the store's
//! case-number order, new ones at the end), with an index by number beside
//! it: a queue of 100,000 cases is taken over from the store without moving
//! or rehashing any of them, and the search reads its entries in one sweep.

use std::collections::{HashMap, HashSet};

use crate::domain::case::{Case, CaseId};
use crate::domain::contact::phone_key;

/// One case's text as the search reads it, prepared once per change.
#[derive(Debug, Clone)]
pub struct SearchEntry {
    pub id: CaseId,
    /// Lower-cased number, contact, organisation, e-mail, phone and description.
    pub text: String,
    /// The phone number reduced to its digits, Dutch prefix normalised.
    pub phone: String,
    pub name: String,
    /// Whether the case is still being worked on (results show open ones first).
    pub open: bool,
    /// Where the name, organisation, e-mail, phone and description start in
    /// `text`, in bytes: what a match ranks by.
    pub fields: [u32; 5],
}

impl SearchEntry {
    fn of(case: &Case) -> SearchEntry {
        let text = search_text(case);
        let name = case.contact.name.to_lowercase();
        SearchEntry {
            id: case.id,
            fields: super::search::fields(&text, &name),
            text,
            phone: case.contact.phone.as_deref().map(phone_key).unwrap_or_default(),
            name,
            open: case.is_open(),
        }
    }
}

/// `domain::query::searchable_text(case)`, built in one pass: number,
/// name, organisation, e-mail, phone and description on lines of their own,
/// lower-cased. Each part is lower-cased on its own, which gives the same
/// text: the only lower case that depends on its neighbours (a final sigma)
/// looks no further than the line break between two parts.
fn search_text(case: &Case) -> String {
    let c = &case.contact;
    let parts = [
        c.name.as_str(),
        c.organisation.as_deref().unwrap_or(""),
        c.email.as_deref().unwrap_or(""),
        c.phone.as_deref().unwrap_or(""),
        case.description.as_str(),
    ];
    let mut text = String::with_capacity(16 + parts.iter().map(|p| p.len() + 1).sum::<usize>());
    text.push_str(&case.id.to_string());
    text.make_ascii_lowercase();
    for part in parts {
        text.push('\n');
        if part.is_ascii() {
            let start = text.len();
            text.push_str(part);
            text[start..].make_ascii_lowercase();
        } else {
            text.push_str(&part.to_lowercase());
        }
    }
    text
}

#[derive(Debug, Default, Clone)]
pub struct Cases {
    /// Every case, each number once.
    cases: Vec<Case>,
    /// The search entry of `cases[i]` at `search[i]`.
    search: Vec<SearchEntry>,
    /// Where each case is in `cases`.
    index: HashMap<CaseId, usize>,
}

/// Below this many cases the search entries are prepared on one thread.
const PARALLEL_FROM: usize = 4096;

impl Cases {
    /// Takes over the cases; of two with the same number, the newer version
    /// is kept (the later one when both are the same version).
    pub fn new(mut cases: Vec<Case>) -> Self {
        let mut index: HashMap<CaseId, usize> = HashMap::with_capacity(cases.len());
        let mut dropped = Vec::new();
        for (i, case) in cases.iter().enumerate() {
            if let Some(held) = index.get_mut(&case.id) {
                if cases[*held].version > case.version {
                    dropped.push(i);
                    continue;
                }
                dropped.push(*held);
                *held = i;
            } else {
                index.insert(case.id, i);
            }
        }
        if !dropped.is_empty() {
            // Only a damaged store holds a number twice: rare enough to do simply.
            dropped.sort_unstable();
            let mut i = 0;
            cases.retain(|_| {
                let keep = dropped.binary_search(&i).is_err();
                i += 1;
                keep
            });
            index = cases.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
        }
        let search = entries(&cases);
        Self { cases, search, index }
    }

    /// Adds or replaces a case; returns whether it was newer than what was held.
    pub fn put(&mut self, case: Case) -> bool {
        match self.index.get(&case.id).copied() {
            Some(i) if self.cases[i].version > case.version => false,
            Some(i) => {
                self.search[i] = SearchEntry::of(&case);
                self.cases[i] = case;
                true
            }
            None => {
                self.index.insert(case.id, self.cases.len());
                self.search.push(SearchEntry::of(&case));
                self.cases.push(case);
                true
            }
        }
    }

    /// Takes a case out (the store no longer holds it). Rare: done simply.
    pub fn remove(&mut self, id: CaseId) {
        let Some(i) = self.index.remove(&id) else { return };
        self.cases.remove(i);
        self.search.remove(i);
        for (j, case) in self.cases.iter().enumerate().skip(i) {
            self.index.insert(case.id, j);
        }
    }

    pub fn get(&self, id: CaseId) -> Option<&Case> {
        self.index.get(&id).map(|&i| &self.cases[i])
    }

    pub fn iter(&self) -> impl Iterator<Item = &Case> {
        self.cases.iter()
    }

    /// The cases still being worked on, without reading the others.
    pub fn iter_open(&self) -> impl Iterator<Item = &Case> {
        self.search
            .iter()
            .zip(&self.cases)
            .filter(|(entry, _)| entry.open)
            .map(|(_, case)| case)
    }

    pub fn search_entries(&self) -> impl Iterator<Item = &SearchEntry> {
        self.search.iter()
    }

    /// The search entries as one slice, for searching it in parts.
    pub fn search_slice(&self) -> &[SearchEntry] {
        &self.search
    }

    pub fn len(&self) -> usize {
        self.cases.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cases.is_empty()
    }

    /// The names of everyone who handles or is involved in a case, for pickers.
    pub fn staff(&self) -> Vec<String> {
        // A few people handle thousands of cases: each name is taken once, in
        // the order first met, before sorting.
        let mut seen: HashSet<&str> = HashSet::new();
        let mut names: Vec<String> = self
            .cases
            .iter()
            .flat_map(|c| c.handler.iter().chain(c.involved.iter()))
            .filter(|n| seen.insert(n.as_str()))
            .cloned()
            .collect();
        names.sort_by_key(|n| n.to_lowercase());
        names.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        names
    }
}

/// The search entries of `cases`, in order; prepared on every core when there
/// are many. This thread prepares the first part straight into the result.
fn entries(cases: &[Case]) -> Vec<SearchEntry> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if cases.len() < PARALLEL_FROM || threads < 2 {
        return cases.iter().map(SearchEntry::of).collect();
    }
    let part = cases.len().div_ceil(threads);
    let (first, rest) = cases.split_at(part);
    std::thread::scope(|scope| {
        let others: Vec<_> = rest
            .chunks(part)
            .map(|chunk| scope.spawn(move || chunk.iter().map(SearchEntry::of).collect::<Vec<_>>()))
            .collect();
        let mut all = Vec::with_capacity(cases.len());
        all.extend(first.iter().map(SearchEntry::of));
        for other in others {
            match other.join() {
                Ok(entries) => all.extend(entries),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::intake::Intake;
    use crate::domain::query::searchable_text;
    use crate::domain::workflow::{Ctx, Rules, register};
    use proptest::prelude::*;

    fn case(seq: u32, name: &str, version: u32) -> Case {
        let rules = Rules::default();
        let ctx = Ctx {
            now: chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default(),
            actor: "anna",
            rules: &rules,
        };
        let intake = Intake {
            name: name.into(),
            phone: "06-12345678".into(),
            service: "Other".into(),
            description: "Something went wrong.".into(),
            ..Intake::default()
        };
        let mut case = register(CaseId::new(2026, seq), &intake, &ctx)
            .expect("registers")
            .0;
        case.version = version;
        case
    }

    #[test]
    fn the_newest_version_of_a_number_is_kept() {
        let cases = Cases::new(vec![
            case(1, "Old", 2),
            case(2, "Other", 1),
            case(1, "Older", 1),
            case(1, "Same", 2),
        ]);
        assert_eq!(cases.len(), 2);
        let one = cases.get(CaseId::new(2026, 1)).expect("held");
        assert_eq!(one.contact.name, "Same");
        assert_eq!(cases.search_entries().count(), 2);
        let entry = cases
            .search_entries()
            .find(|e| e.id == CaseId::new(2026, 1))
            .expect("entry");
        assert_eq!(entry.name, "same");
        assert!(cases.get(CaseId::new(2026, 2)).is_some());
    }

    #[test]
    fn put_replaces_only_with_a_version_as_new() {
        let mut cases = Cases::new(vec![case(1, "Jan", 2)]);
        assert!(!cases.put(case(1, "Stale", 1)));
        assert!(cases.put(case(1, "Piet", 3)));
        assert!(cases.put(case(7, "New", 1)));
        assert_eq!(cases.len(), 2);
        assert_eq!(
            cases.get(CaseId::new(2026, 1)).map(|c| c.contact.name.as_str()),
            Some("Piet")
        );
        let names: Vec<&str> = cases.search_entries().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["piet", "new"]);
    }

    proptest! {
        #[test]
        fn search_text_is_the_searchable_text(
            name in "[AΣσİiß'\\. \n-]{1,8}",
            organisation in "[AΣİß'\\. -]{0,6}",
            description in "[aAΣİẞß'\\. \n]{1,12}",
        ) {
            let mut case = case(42, "x", 1);
            case.contact.name = name;
            case.contact.organisation = Some(organisation).filter(|o| !o.is_empty());
            case.contact.email = Some("ΣA@B.NL".into());
            case.description = description;
            prop_assert_eq!(search_text(&case), searchable_text(&case));
        }
    }

    #[test]
    fn a_case_taken_out_is_gone_and_the_others_stay_found() {
        let mut cases = Cases::new((1..=4).map(|seq| case(seq, &format!("N{seq}"), 1)).collect());
        cases.remove(CaseId::new(2026, 2));
        cases.remove(CaseId::new(2026, 9));
        assert_eq!(cases.len(), 3);
        assert!(cases.get(CaseId::new(2026, 2)).is_none());
        for seq in [1, 3, 4] {
            let id = CaseId::new(2026, seq);
            assert_eq!(cases.get(id).map(|c| c.id), Some(id));
        }
        assert!(
            cases
                .iter()
                .zip(cases.search_entries())
                .all(|(c, e)| c.id == e.id)
        );
        cases.remove(CaseId::new(2026, 4));
        assert!(cases.put(case(4, "Back", 1)));
        assert_eq!(cases.len(), 3);
    }

    #[test]
    fn staff_is_every_name_once_in_order_as_before() {
        let people = [
            (Some("Piet"), vec!["anna"]),
            (Some("anna"), vec![]),
            (Some("Anna"), vec!["Bram", "piet"]),
            (None, vec!["Anna"]),
            (Some("Piet"), vec!["Carla"]),
        ];
        let cases = Cases::new(
            people
                .iter()
                .enumerate()
                .map(|(i, (handler, involved))| {
                    let mut case = case(i as u32 + 1, "x", 1);
                    case.handler = handler.map(String::from);
                    case.involved = involved.iter().map(|s| s.to_string()).collect();
                    case
                })
                .collect(),
        );
        // What it was: every name, sorted case-blind (stably), the first kept.
        let mut all: Vec<String> = cases
            .iter()
            .flat_map(|c| c.handler.iter().chain(c.involved.iter()))
            .cloned()
            .collect();
        all.sort_by_key(|n| n.to_lowercase());
        all.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        assert_eq!(cases.staff(), all);
        assert_eq!(cases.staff(), ["anna", "Bram", "Carla", "Piet"]);
    }

    #[test]
    fn many_cases_are_indexed_in_parallel_in_order() {
        let cases: Vec<Case> = (1..=PARALLEL_FROM as u32 + 10)
            .map(|seq| case(seq, &format!("Name {seq}"), 1))
            .collect();
        let cases = Cases::new(cases);
        assert!(
            cases
                .iter()
                .zip(cases.search_entries())
                .all(|(c, e)| c.id == e.id && e.text == searchable_text(c))
        );
    }
}

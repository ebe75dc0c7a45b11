//! The cases an App works with: a summary of every case of the store, kept
//! current as changes come in, with what the search looks through; and the
//! full cases read when they are opened.
//!
//! The summaries are kept in one vector, in the order they came (the store's
//! case-number order, new ones at the end), with an index by number beside
//! it: a queue of 100,000 cases is taken over from the store without moving
//! or rehashing any of them, and the search reads its entries in one sweep.
//! A full case (description, contact log, the texts of every step) is read
//! from its [`CaseSource`] when a screen asks for it, and kept while it is
//! in use; the descriptions the search looks through are read once, when a
//! search first asks for them ([`Cases::describe`]).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use parking_lot::Mutex;

use crate::domain::case::{Case, CaseId};
use crate::domain::complainant;
use crate::domain::summary::Summary;

pub use super::search_entry::SearchEntry;
use super::search_entry::entries;

/// Where full cases are read from when a screen opens one: the store the
/// desk holds.
pub trait CaseSource: Send + Sync + std::fmt::Debug {
    /// The case as it stands, if it can be read now.
    fn case(&self, id: CaseId) -> Option<Case>;
    /// Hands every case's description to `each`, for the search.
    fn descriptions(&self, each: &mut dyn FnMut(CaseId, String));
}

/// How many full cases are kept read beyond those in use: each board has at
/// most a few open at a time.
const KEPT: usize = 256;

/// The full cases read so far, the least recently asked for going first.
#[derive(Debug, Default)]
struct Full {
    cases: HashMap<CaseId, (Arc<Case>, u64)>,
    tick: u64,
}

impl Full {
    fn get(&mut self, id: CaseId) -> Option<Arc<Case>> {
        self.tick += 1;
        let tick = self.tick;
        self.cases.get_mut(&id).map(|(case, used)| {
            *used = tick;
            case.clone()
        })
    }

    fn keep(&mut self, case: Arc<Case>, bounded: bool) {
        self.tick += 1;
        self.cases.insert(case.id, (case, self.tick));
        if bounded && self.cases.len() > KEPT {
            let oldest = self
                .cases
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(id, _)| *id);
            if let Some(id) = oldest {
                self.cases.remove(&id);
            }
        }
    }
}

#[derive(Debug, Default)]
pub struct Cases {
    /// Every case in brief, each number once.
    summaries: Vec<Summary>,
    /// The search entry of `summaries[i]` at `search[i]`: prepared when
    /// first asked for (a search, the intake), not to open the board.
    search: OnceLock<Vec<SearchEntry>>,
    /// Where each case is in `summaries`.
    index: HashMap<CaseId, usize>,
    /// Where full cases are read from; `None` when they are all held (a
    /// queue made of full cases: the demo, the tests).
    source: Option<Arc<dyn CaseSource>>,
    full: Mutex<Full>,
    /// Whether the search entries hold the descriptions.
    described: bool,
    /// How many open cases each repeat complainant has, worked out when a
    /// board first asks after a change: once for every board of the desk.
    repeats: OnceLock<HashMap<CaseId, usize>>,
    /// Who the complainant of each open case is ([`complainant::keys`]),
    /// made once per case and kept up to date as cases change.
    people: OnceLock<HashMap<CaseId, Vec<String>>>,
}

impl Clone for Cases {
    fn clone(&self) -> Self {
        Cases {
            summaries: self.summaries.clone(),
            search: self.search.clone(),
            index: self.index.clone(),
            source: self.source.clone(),
            full: Mutex::new(Full {
                cases: self.full.lock().cases.clone(),
                tick: 0,
            }),
            described: self.described,
            repeats: self.repeats.clone(),
            people: self.people.clone(),
        }
    }
}

impl Cases {
    /// A queue of full cases, all held: of two with the same number, the
    /// newer version is kept (the later one when both are the same version).
    pub fn new(cases: Vec<Case>) -> Self {
        let cases = newest(cases, |c| (c.id, c.version));
        let search = OnceLock::from(entries(&cases, SearchEntry::of));
        let summaries: Vec<Summary> = cases.iter().map(Summary::of).collect();
        let mut full = Full::default();
        for case in cases {
            full.keep(Arc::new(case), false);
        }
        Self {
            index: index(&summaries),
            summaries,
            search,
            source: None,
            full: Mutex::new(full),
            described: true,
            repeats: OnceLock::new(),
            people: OnceLock::new(),
        }
    }

    /// A queue of summaries, the full cases read from `source` when asked for.
    pub fn of_summaries(summaries: Vec<Summary>, source: Arc<dyn CaseSource>) -> Self {
        let summaries = newest(summaries, |s| (s.id, s.version));
        Self {
            index: index(&summaries),
            summaries,
            search: OnceLock::new(),
            source: Some(source),
            full: Mutex::default(),
            described: false,
            repeats: OnceLock::new(),
            people: OnceLock::new(),
        }
    }

    /// Adds or replaces a case; returns whether it was newer than what was held.
    pub fn put(&mut self, case: Case) -> bool {
        let summary = Summary::of(&case);
        let mut entry = SearchEntry::of(&case);
        if !self.described {
            // Until the search reads every description, no entry holds one:
            // a search matches the same whichever cases changed since.
            entry = SearchEntry::of_summary(&case);
        }
        let search = self.search.get_mut();
        match self.index.get(&case.id).copied() {
            Some(i) if self.summaries[i].version > case.version => return false,
            Some(i) => {
                if let Some(search) = search {
                    search[i] = entry;
                }
                self.summaries[i] = summary;
            }
            None => {
                self.index.insert(case.id, self.summaries.len());
                if let Some(search) = search {
                    search.push(entry);
                }
                self.summaries.push(summary);
            }
        }
        if let Some(people) = self.people.get_mut() {
            if case.is_open() {
                people.insert(case.id, complainant::keys(&case.contact));
            } else {
                people.remove(&case.id);
            }
        }
        self.full.get_mut().keep(Arc::new(case), self.source.is_some());
        self.repeats.take();
        true
    }

    /// Takes a case out (the store no longer holds it). Rare: done simply.
    pub fn remove(&mut self, id: CaseId) {
        let Some(i) = self.index.remove(&id) else { return };
        self.summaries.remove(i);
        if let Some(search) = self.search.get_mut() {
            search.remove(i);
        }
        self.full.get_mut().cases.remove(&id);
        if let Some(people) = self.people.get_mut() {
            people.remove(&id);
        }
        self.repeats.take();
        for (j, summary) in self.summaries.iter().enumerate().skip(i) {
            self.index.insert(summary.id, j);
        }
    }

    /// A case in brief.
    pub fn get(&self, id: CaseId) -> Option<&Summary> {
        self.index.get(&id).map(|&i| &self.summaries[i])
    }

    /// The full case, read from the source if it is not held yet; `None`
    /// when the queue has no such case or it cannot be read now (the
    /// database is lent to a maintenance job).
    pub fn case(&self, id: CaseId) -> Option<Arc<Case>> {
        let summary = self.get(id)?;
        if let Some(case) = self.full.lock().get(id) {
            return Some(case);
        }
        let case = Arc::new(self.source.as_ref()?.case(id)?);
        // Only the version the queue holds is kept: a newer one is on its
        // way through the feed, and an older one is not what the board shows.
        if case.version == summary.version {
            self.full.lock().keep(case.clone(), true);
        }
        Some(case)
    }

    /// Reads every description into the search entries, once.
    pub fn describe(&mut self) {
        if self.described {
            return;
        }
        self.entries();
        let Some(search) = self.search.get_mut() else {
            return;
        };
        if let Some(source) = &self.source {
            let index = &self.index;
            source.descriptions(&mut |id, description| {
                if let Some(&i) = index.get(&id) {
                    search[i].describe(&description);
                }
            });
        }
        // The cases the source had no description of (none, or a case put
        // since) are described from what is held.
        let full = self.full.get_mut();
        for entry in search.iter_mut().filter(|e| !e.described) {
            match full.cases.get(&entry.id) {
                Some((case, _)) => entry.describe(&case.description),
                None => entry.described = true,
            }
        }
        self.described = true;
    }

    /// Whether the search entries hold every description.
    pub fn is_described(&self) -> bool {
        self.described
    }

    pub fn iter(&self) -> impl Iterator<Item = &Summary> {
        self.summaries.iter()
    }

    /// The cases still being worked on.
    pub fn iter_open(&self) -> impl Iterator<Item = &Summary> {
        self.summaries.iter().filter(|summary| summary.is_open())
    }

    /// For each open case whose complainant has other open cases: how many
    /// they have ([`complainant::repeats`]).
    pub fn repeats(&self) -> &HashMap<CaseId, usize> {
        self.repeats.get_or_init(|| {
            let people = self.people.get_or_init(|| {
                self.iter_open()
                    .map(|summary| (summary.id, complainant::keys(&summary.contact)))
                    .collect()
            });
            complainant::repeats(people.iter().map(|(id, keys)| (*id, keys.as_slice())))
        })
    }

    /// The search entries, prepared the first time they are asked for.
    fn entries(&self) -> &Vec<SearchEntry> {
        self.search
            .get_or_init(|| entries(&self.summaries, SearchEntry::of_summary))
    }

    pub fn search_entries(&self) -> impl Iterator<Item = &SearchEntry> {
        self.entries().iter()
    }

    /// The search entries as one slice, for searching it in parts.
    pub fn search_slice(&self) -> &[SearchEntry] {
        self.entries()
    }

    pub fn len(&self) -> usize {
        self.summaries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.summaries.is_empty()
    }

    /// The names of everyone who handles or is involved in a case, for pickers.
    pub fn staff(&self) -> Vec<String> {
        // A few people handle thousands of cases: each name is taken once, in
        // the order first met, before sorting.
        let mut seen: HashSet<&str> = HashSet::new();
        let mut names: Vec<String> = self
            .summaries
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

/// Each number once, the newest version kept (the later of two alike), in
/// the order they came.
fn newest<T>(mut items: Vec<T>, key: impl Fn(&T) -> (CaseId, u32)) -> Vec<T> {
    let mut held: HashMap<CaseId, usize> = HashMap::with_capacity(items.len());
    let mut dropped = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let (id, version) = key(item);
        match held.get_mut(&id) {
            Some(at) if key(&items[*at]).1 > version => dropped.push(i),
            Some(at) => {
                dropped.push(*at);
                *at = i;
            }
            None => {
                held.insert(id, i);
            }
        }
    }
    if !dropped.is_empty() {
        // Only a damaged store holds a number twice: rare enough to do simply.
        dropped.sort_unstable();
        let mut i = 0;
        items.retain(|_| {
            let keep = dropped.binary_search(&i).is_err();
            i += 1;
            keep
        });
    }
    items
}

fn index(summaries: &[Summary]) -> HashMap<CaseId, usize> {
    summaries.iter().enumerate().map(|(i, s)| (s.id, i)).collect()
}

#[cfg(test)]
mod tests {
    use super::super::search_entry::PARALLEL_FROM;
    use super::*;
    use crate::domain::intake::Intake;
    use crate::domain::query::searchable_text;
    use crate::domain::workflow::{Ctx, Rules, register};

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
            cases.iter().zip(cases.search_entries()).all(|(c, e)| c.id == e.id
                && Some(e.text.clone()) == cases.case(c.id).map(|c| searchable_text(&c)))
        );
    }

    /// A store stand-in that counts what is read from it.
    #[derive(Debug, Default)]
    struct Counting {
        cases: parking_lot::Mutex<HashMap<CaseId, Case>>,
        reads: std::sync::atomic::AtomicUsize,
        description_reads: std::sync::atomic::AtomicUsize,
    }

    impl CaseSource for Counting {
        fn case(&self, id: CaseId) -> Option<Case> {
            self.reads.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            self.cases.lock().get(&id).cloned()
        }
        fn descriptions(&self, each: &mut dyn FnMut(CaseId, String)) {
            self.description_reads
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            for case in self.cases.lock().values() {
                each(case.id, case.description.clone());
            }
        }
    }

    fn of_summaries(cases: &[Case]) -> (Cases, Arc<Counting>) {
        let source = Arc::new(Counting::default());
        source
            .cases
            .lock()
            .extend(cases.iter().map(|c| (c.id, c.clone())));
        let summaries = cases.iter().map(Summary::of).collect();
        (Cases::of_summaries(summaries, source.clone()), source)
    }

    #[test]
    fn a_full_case_is_read_when_first_opened_and_then_held() {
        let all: Vec<Case> = (1..=3).map(|seq| case(seq, &format!("N{seq}"), 1)).collect();
        let (cases, source) = of_summaries(&all);
        let reads = || source.reads.load(std::sync::atomic::Ordering::SeqCst);
        assert_eq!(reads(), 0, "nothing is read in full to hold the queue");
        let id = CaseId::new(2026, 2);
        assert_eq!(cases.case(id).as_deref(), Some(&all[1]));
        assert_eq!(cases.case(id).as_deref(), Some(&all[1]));
        assert_eq!(reads(), 1, "read once, then held");
        assert!(cases.case(CaseId::new(2026, 9)).is_none());
        assert_eq!(reads(), 1, "a number the queue does not hold is not looked for");
    }

    #[test]
    fn a_case_put_is_what_opening_it_shows_without_reading_the_store() {
        let all: Vec<Case> = (1..=2).map(|seq| case(seq, "Jan", 1)).collect();
        let (mut cases, source) = of_summaries(&all);
        let mut changed = all[0].clone();
        changed.description = "The invoice was wrong again.".into();
        changed.version = 2;
        assert!(cases.put(changed.clone()));
        assert_eq!(cases.case(changed.id).as_deref(), Some(&changed));
        assert_eq!(cases.get(changed.id), Some(&Summary::of(&changed)));
        assert_eq!(source.reads.load(std::sync::atomic::Ordering::SeqCst), 0);
    }

    #[test]
    fn a_stored_version_other_than_the_queues_is_shown_but_not_held() {
        let all = vec![case(1, "Jan", 1)];
        let (cases, source) = of_summaries(&all);
        let mut newer = all[0].clone();
        newer.version = 2;
        source.cases.lock().insert(newer.id, newer.clone());
        assert_eq!(cases.case(newer.id).as_deref(), Some(&newer));
        cases.case(newer.id);
        assert_eq!(
            source.reads.load(std::sync::atomic::Ordering::SeqCst),
            2,
            "read again until the feed brings the queue the same version"
        );
    }

    #[test]
    fn descriptions_are_searched_once_read_and_read_once() {
        let mut all: Vec<Case> = (1..=3).map(|seq| case(seq, &format!("N{seq}"), 1)).collect();
        all[2].description = "Ransomware op de server.".into();
        let (mut cases, source) = of_summaries(&all);
        let found = |cases: &Cases| super::super::search::find(cases, "ransomware").1;
        assert_eq!(found(&cases), 0, "not read yet");
        cases.describe();
        cases.describe();
        assert_eq!(found(&cases), 1);
        assert_eq!(
            source.description_reads.load(std::sync::atomic::Ordering::SeqCst),
            1
        );
        let mut changed = all[0].clone();
        changed.description = "Ook ransomware.".into();
        changed.version = 2;
        cases.put(changed);
        assert_eq!(
            found(&cases),
            2,
            "a case put after reading is searched with its description"
        );
        assert!(
            cases
                .search_entries()
                .all(|e| e.text == searchable_text(&cases.case(e.id).unwrap()))
        );
    }
}

//! The learnings register: what the closed cases taught, grouped by service
//! and then by root cause, with the cases behind each — the input for the
//! company's service improvement. Texts that differ only in case, blanks or a
//! final full stop are counted as one (see [`normalise`]); the first spelling
//! (of the lowest case number) is shown.

use std::collections::HashMap;

use super::case::CaseId;
use super::report::normalise;
use super::summary::Summary;
use super::workflow::State;

/// One learning and the cases that recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lesson {
    pub text: String,
    pub cases: Vec<CaseId>,
}

/// One root cause of one service, with what was learnt from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The service's name, as the register was asked to name it.
    pub service: String,
    /// As first written; empty when none was recorded.
    pub root_cause: String,
    /// Every case behind the entry, in number order.
    pub cases: Vec<CaseId>,
    /// Most often recorded first.
    pub lessons: Vec<Lesson>,
}

impl Entry {
    /// Whether every word (lower-cased) occurs in the service, the root cause,
    /// a learning or a case number.
    pub fn matches(&self, words: &[String]) -> bool {
        if words.is_empty() {
            return true;
        }
        let mut text = format!("{} {}", self.service, self.root_cause);
        for lesson in &self.lessons {
            text.push(' ');
            text.push_str(&lesson.text);
        }
        for id in &self.cases {
            text.push(' ');
            text.push_str(&id.to_string());
        }
        let text = text.to_lowercase();
        words.iter().all(|w| text.contains(w.as_str()))
    }
}

/// The query's words, lower-cased.
pub fn words(query: &str) -> Vec<String> {
    query.split_whitespace().map(str::to_lowercase).collect()
}

/// The register of every closed (not withdrawn) case with learnings: services
/// by name (`service_name` names a service id), and within a service the root
/// causes with the most cases first.
pub fn register<'a>(
    cases: impl IntoIterator<Item = &'a Summary>,
    service_name: impl Fn(&str) -> String,
) -> Vec<Entry> {
    let mut closed: Vec<&Summary> = cases
        .into_iter()
        .filter(|c| c.state == State::Closed && !c.withdrawn && !c.learnings.trim().is_empty())
        .collect();
    closed.sort_by_key(|c| c.id);
    // In the order first seen; indexed by (service, normalised root cause),
    // and the lessons by (entry, normalised learning).
    let mut entries: Vec<Entry> = Vec::new();
    let mut entry_at: HashMap<(&str, String), usize> = HashMap::new();
    let mut lesson_at: HashMap<(usize, String), usize> = HashMap::new();
    for case in closed {
        let e = *entry_at
            .entry((case.service.as_str(), normalise(&case.root_cause)))
            .or_insert_with(|| {
                entries.push(Entry {
                    service: service_name(&case.service),
                    root_cause: case.root_cause.trim().to_string(),
                    cases: Vec::new(),
                    lessons: Vec::new(),
                });
                entries.len() - 1
            });
        let entry = &mut entries[e];
        entry.cases.push(case.id);
        let l = *lesson_at
            .entry((e, normalise(&case.learnings)))
            .or_insert_with(|| {
                entry.lessons.push(Lesson {
                    text: case.learnings.trim().to_string(),
                    cases: Vec::new(),
                });
                entry.lessons.len() - 1
            });
        entry.lessons[l].cases.push(case.id);
    }
    for entry in &mut entries {
        entry.lessons.sort_by_key(|l| std::cmp::Reverse(l.cases.len()));
    }
    entries.sort_by(|a, b| {
        a.service
            .to_lowercase()
            .cmp(&b.service.to_lowercase())
            .then_with(|| b.cases.len().cmp(&a.cases.len()))
            .then_with(|| a.root_cause.to_lowercase().cmp(&b.root_cause.to_lowercase()))
    });
    entries
}

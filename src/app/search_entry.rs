//! What the search reads of each case: its number, contact and (once read)
//! description, lower-cased in one text with where each field starts,
//! prepared once per change of the case, for every case in one sweep.

use crate::domain::case::{Case, CaseId};
use crate::domain::contact::phone_key;
use crate::domain::summary::Standing;

/// One case's text as the search reads it, prepared once per change.
#[derive(Debug, Clone)]
pub struct SearchEntry {
    pub id: CaseId,
    /// Lower-cased number, contact, organisation, e-mail, phone and (once
    /// read) description.
    pub text: String,
    /// The phone number reduced to its digits, Dutch prefix normalised.
    pub phone: String,
    pub name: String,
    /// Whether the case is still being worked on (results show open ones first).
    pub open: bool,
    /// Where the name, organisation, e-mail, phone and description start in
    /// `text`, in bytes: what a match ranks by.
    pub fields: [u32; 5],
    /// Whether `text` holds the description.
    pub(crate) described: bool,
}

impl SearchEntry {
    pub(super) fn of(case: &Case) -> SearchEntry {
        let mut entry = SearchEntry::of_summary(case);
        entry.describe(&case.description);
        entry
    }

    /// The entry without the description: the text ends where it would start.
    pub(super) fn of_summary<C: Standing + ?Sized>(case: &C) -> SearchEntry {
        let text = search_text(case);
        let name = case.contact().name.to_lowercase();
        SearchEntry {
            id: case.id(),
            fields: super::search::fields(&text, &name),
            text,
            phone: case.contact().phone.as_deref().map(phone_key).unwrap_or_default(),
            name,
            open: case.is_open(),
            described: false,
        }
    }

    pub(super) fn describe(&mut self, description: &str) {
        if !self.described {
            push_lowercase(&mut self.text, description);
            self.described = true;
        }
    }
}

/// `domain::query::searchable_text(case)` without the description, built in
/// one pass: number, name, organisation, e-mail and phone on lines of their
/// own, lower-cased, and the line break before the description. Each part is
/// lower-cased on its own, which gives the same text: the only lower case that
/// depends on its neighbours (a final sigma) looks no further than the line
/// break between two parts.
fn search_text<C: Standing + ?Sized>(case: &C) -> String {
    let c = case.contact();
    let parts = [
        c.name.as_str(),
        c.organisation.as_deref().unwrap_or(""),
        c.email.as_deref().unwrap_or(""),
        c.phone.as_deref().unwrap_or(""),
    ];
    let mut text = String::with_capacity(16 + parts.iter().map(|p| p.len() + 1).sum::<usize>());
    text.push_str(&case.id().to_string());
    text.make_ascii_lowercase();
    for part in parts {
        text.push('\n');
        push_lowercase(&mut text, part);
    }
    text.push('\n');
    text
}

fn push_lowercase(text: &mut String, part: &str) {
    if part.is_ascii() {
        let start = text.len();
        text.push_str(part);
        text[start..].make_ascii_lowercase();
    } else {
        text.push_str(&part.to_lowercase());
    }
}

/// Below this many cases the search entries are prepared on one thread.
pub(super) const PARALLEL_FROM: usize = 4096;

/// The search entries of `items`, in order; prepared on every core when there
/// are many. This thread prepares the first part straight into the result.
pub(super) fn entries<T: Sync>(items: &[T], entry: fn(&T) -> SearchEntry) -> Vec<SearchEntry> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if items.len() < PARALLEL_FROM || threads < 2 {
        return items.iter().map(entry).collect();
    }
    let part = items.len().div_ceil(threads);
    let (first, rest) = items.split_at(part);
    std::thread::scope(|scope| {
        let others: Vec<_> = rest
            .chunks(part)
            .map(|chunk| scope.spawn(move || chunk.iter().map(entry).collect::<Vec<_>>()))
            .collect();
        let mut all = Vec::with_capacity(items.len());
        all.extend(first.iter().map(entry));
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

    fn case() -> Case {
        let rules = Rules::default();
        let ctx = Ctx {
            now: chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default(),
            actor: "anna",
            rules: &rules,
        };
        let intake = Intake {
            name: "x".into(),
            phone: "06-12345678".into(),
            service: "Other".into(),
            description: "Something went wrong.".into(),
            ..Intake::default()
        };
        register(CaseId::new(2026, 42), &intake, &ctx)
            .expect("registers")
            .0
    }

    proptest! {
        #[test]
        fn search_text_is_the_searchable_text(
            name in "[AΣσİiß'\\. \n-]{1,8}",
            organisation in "[AΣİß'\\. -]{0,6}",
            description in "[aAΣİẞß'\\. \n]{1,12}",
        ) {
            let mut case = case();
            case.contact.name = name;
            case.contact.organisation = Some(organisation).filter(|o| !o.is_empty());
            case.contact.email = Some("ΣA@B.NL".into());
            case.description = description;
            prop_assert_eq!(SearchEntry::of(&case).text, searchable_text(&case));
        }
    }
}

//! Search as you type over every case, open and closed: case number, contact
//! name, organisation, phone number, e-mail address and description.
//!
//! Each keystroke scans the prepared, lower-cased [`SearchEntry`] of every case
//! once with plain substring tests: no allocation per case, so a queue of
//! 100,000 cases answers within a few milliseconds (see `tests/search.rs`).

use std::cmp::Reverse;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Style;
use ratatui_textarea::TextArea;

use super::cases::{Cases, SearchEntry};
use super::modal::{Outcome, Typed};
use super::{Action, App, Effect};
use crate::domain::case::CaseId;
use crate::domain::contact::phone_key;

/// The most results kept; typing more narrows them down.
pub const MAX_RESULTS: usize = 200;

/// How well a case matches, best first: the order of the results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rank {
    /// The query is the case's number (`K-2026-0042`, `2026-42`, `42`).
    Number,
    NamePrefix,
    Name,
    Organisation,
    Phone,
    /// The case's number contains a word with a digit in it (`K-2026-004`).
    NumberPart,
    Email,
    Description,
}

/// One case found, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub id: CaseId,
    pub rank: Rank,
}

/// The search overlay's state: the one-line query, what it found, the selection.
#[derive(Debug, Clone)]
pub struct Search {
    pub input: TextArea<'static>,
    /// The best [`MAX_RESULTS`] matches, best first.
    pub hits: Vec<Hit>,
    /// How many cases matched in all.
    pub total: usize,
    /// The selected hit, by index into `hits`.
    pub selected: usize,
}

impl Default for Search {
    fn default() -> Self {
        let mut input = TextArea::default();
        // One line: no underlined "current line", just the cursor.
        input.set_cursor_line_style(Style::default());
        Search {
            input,
            hits: Vec::new(),
            total: 0,
            selected: 0,
        }
    }
}

impl Search {
    /// The query as typed.
    pub fn query(&self) -> &str {
        self.input.lines().first().map_or("", String::as_str)
    }

    /// The query's words, lower-cased: what the results are marked with.
    pub fn words(&self) -> Vec<String> {
        self.query().split_whitespace().map(str::to_lowercase).collect()
    }

    pub fn selected_hit(&self) -> Option<Hit> {
        self.hits.get(self.selected).copied()
    }

    /// Searches `cases` again for the query as it now stands.
    pub fn refresh(&mut self, cases: &Cases) {
        let (hits, total) = find(cases, self.query());
        self.hits = hits;
        self.total = total;
        self.selected = 0;
    }

    fn select(&mut self, delta: isize) {
        let last = self.hits.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last.max(0)) as usize;
    }

    /// Types a key into the query; returns whether the query changed. Keys
    /// that would break the one line (Enter, Tab, control characters) are
    /// refused here, since the editor itself is a multi-line one.
    fn type_key(&mut self, key: KeyEvent) -> bool {
        let breaks_line = matches!(key.code, KeyCode::Enter | KeyCode::Tab | KeyCode::BackTab)
            || (key.code == KeyCode::Char('m') && key.modifiers.contains(KeyModifiers::CONTROL))
            || matches!(key.code, KeyCode::Char(c) if hostile(c));
        if breaks_line {
            return false;
        }
        let before = self.query().to_string();
        self.input.input(key);
        self.keep_one_line();
        self.query() != before
    }

    /// Pastes text into the query: line breaks and tabs become spaces, other
    /// control characters (escape sequences among them) are dropped.
    fn paste(&mut self, text: &str) -> bool {
        let clean: String = text
            .chars()
            .map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c })
            .filter(|&c| !hostile(c))
            .collect();
        self.input.insert_str(clean)
    }

    /// Joins the editor's lines should one ever have been split.
    fn keep_one_line(&mut self) {
        if self.input.lines().len() > 1 {
            let joined = self.input.lines().join(" ");
            let mut input = TextArea::new(vec![joined]);
            input.set_cursor_line_style(Style::default());
            input.move_cursor(ratatui_textarea::CursorMove::End);
            self.input = input;
        }
    }
}

/// Characters that must not reach the terminal raw: control characters
/// (escape sequences among them) and bidirectional overrides. The query is
/// drawn as typed, so they are kept out of it.
fn hostile(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Handles input while the search is open: typing searches, the arrows choose,
/// Enter opens the chosen case, Esc closes.
pub fn handle(app: &mut App, search: &mut Search, typed: Typed) -> (Outcome, Vec<Effect>) {
    let changed = match typed {
        Typed::Action(Action::Back) => return (Outcome::Close, Vec::new()),
        Typed::Action(Action::Open) => {
            return match search.selected_hit() {
                Some(hit) => (Outcome::Close, app.open_case(hit.id)),
                None => (Outcome::Stay, Vec::new()),
            };
        }
        Typed::Action(Action::Up) => {
            search.select(-1);
            false
        }
        Typed::Action(Action::Down) => {
            search.select(1);
            false
        }
        Typed::Action(_) => false,
        Typed::Key(key) => search.type_key(key),
        Typed::Paste(text) => search.paste(&text),
    };
    if changed {
        search.refresh(&app.cases);
    }
    (Outcome::Stay, Vec::new())
}

/// The query, prepared once per keystroke.
#[derive(Debug, Default)]
struct Query {
    words: Vec<Word>,
    number: Option<Number>,
    /// The whole query as a fragment of a phone number: `+31 6 1234` is one
    /// number, not three words.
    phone: Option<String>,
}

#[derive(Debug)]
struct Word {
    text: String,
    phone: Option<String>,
}

/// A case number as an operator may say it.
#[derive(Debug, Clone, Copy)]
enum Number {
    Id(CaseId),
    /// Only the sequence (`0042`, `42`), in any year.
    Seq(u32),
}

impl Query {
    fn new(text: &str) -> Query {
        let text = text.trim();
        Query {
            words: text
                .split_whitespace()
                .map(|w| Word {
                    text: w.to_lowercase(),
                    phone: phone_fragment(w),
                })
                .collect(),
            number: number(text),
            phone: phone_fragment(text),
        }
    }
}

fn number(text: &str) -> Option<Number> {
    if let Ok(id) = CaseId::parse(text) {
        return Some(Number::Id(id));
    }
    let digits = !text.is_empty() && text.len() <= 9 && text.bytes().all(|b| b.is_ascii_digit());
    digits
        .then(|| text.parse().ok())
        .flatten()
        .filter(|&n| n > 0)
        .map(Number::Seq)
}

/// The digits a phone number must contain for `text` to be part of it: only
/// for text written like a phone number with at least four digits, normalised
/// like the stored numbers (`+31 6` → `06`) and without the leading trunk 0,
/// so `0612` and `+31 612` both find `06-12345678`.
fn phone_fragment(text: &str) -> Option<String> {
    let phone_like = text.chars().all(|c| c.is_ascii_digit() || "+-() .".contains(c));
    let digits = text.chars().filter(char::is_ascii_digit).count();
    if !phone_like || digits < 4 {
        return None;
    }
    let key = phone_key(text);
    Some(key.strip_prefix('0').unwrap_or(&key).to_string())
}

/// The fields of a prepared entry, as slices of its lower-cased text.
struct Fields<'a> {
    number: &'a str,
    name: &'a str,
    organisation: &'a str,
    email: &'a str,
    phone: &'a str,
    description: &'a str,
}

/// Splits an entry's text, which `domain::query::searchable_text` writes as
/// number, name, organisation, e-mail, phone and description on lines of their
/// own. The name is skipped by its known length, so a name or description with
/// a line break in it cannot shift the other fields.
fn fields(entry: &SearchEntry) -> Fields<'_> {
    let (number, rest) = entry.text.split_once('\n').unwrap_or((&entry.text, ""));
    let tail = rest
        .strip_prefix(entry.name.as_str())
        .and_then(|r| r.strip_prefix('\n'))
        .unwrap_or_else(|| rest.split_once('\n').map_or("", |(_, t)| t));
    let mut parts = tail.splitn(4, '\n');
    Fields {
        number,
        name: &entry.name,
        organisation: parts.next().unwrap_or(""),
        email: parts.next().unwrap_or(""),
        phone: parts.next().unwrap_or(""),
        description: parts.next().unwrap_or(""),
    }
}

/// The best field a word occurs in.
fn word_rank(f: &Fields<'_>, phone_key: &str, word: &Word) -> Option<Rank> {
    let w = word.text.as_str();
    let in_phone = || f.phone.contains(w) || word.phone.as_ref().is_some_and(|p| phone_matches(phone_key, p));
    if f.name.starts_with(w) {
        Some(Rank::NamePrefix)
    } else if f.name.contains(w) {
        Some(Rank::Name)
    } else if f.organisation.contains(w) {
        Some(Rank::Organisation)
    } else if in_phone() {
        Some(Rank::Phone)
    } else if w.contains(|c: char| c.is_ascii_digit()) && f.number.contains(w) {
        // Only a word with a digit: `k` or `-` is in every number.
        Some(Rank::NumberPart)
    } else if f.email.contains(w) {
        Some(Rank::Email)
    } else if f.description.contains(w) {
        Some(Rank::Description)
    } else {
        None
    }
}

fn phone_matches(phone_key: &str, fragment: &str) -> bool {
    !phone_key.is_empty() && phone_key.contains(fragment)
}

/// How an entry matches the query, if it does: its number exactly, else the
/// best field any word is in, provided every word is in some field, or the
/// whole query is part of its phone number.
fn rank(entry: &SearchEntry, query: &Query) -> Option<Rank> {
    let exact = match query.number {
        Some(Number::Id(id)) => entry.id == id,
        Some(Number::Seq(seq)) => entry.id.seq() == seq,
        None => false,
    };
    if exact {
        return Some(Rank::Number);
    }
    let f = fields(entry);
    let mut best: Option<Rank> = None;
    for word in &query.words {
        match word_rank(&f, &entry.phone, word) {
            Some(r) => best = Some(best.map_or(r, |b| b.min(r))),
            None => {
                best = None;
                break;
            }
        }
    }
    let phone = query
        .phone
        .as_ref()
        .filter(|p| phone_matches(&entry.phone, p))
        .map(|_| Rank::Phone);
    match (best, phone) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The cases matching `query`, best first: by rank, then open before closed,
/// then newest first; at most [`MAX_RESULTS`], with how many matched in all.
/// An empty query finds nothing.
pub fn find(cases: &Cases, query: &str) -> (Vec<Hit>, usize) {
    let query = Query::new(query);
    if query.words.is_empty() {
        return (Vec::new(), 0);
    }
    let mut found: Vec<(Rank, bool, Reverse<CaseId>)> = cases
        .search_entries()
        .filter_map(|entry| {
            let rank = rank(entry, &query)?;
            let closed = cases.get(entry.id).is_none_or(|c| !c.is_open());
            Some((rank, closed, Reverse(entry.id)))
        })
        .collect();
    let total = found.len();
    if found.len() > MAX_RESULTS {
        found.select_nth_unstable(MAX_RESULTS - 1);
        found.truncate(MAX_RESULTS);
    }
    found.sort_unstable();
    let hits = found
        .into_iter()
        .map(|(rank, _, Reverse(id))| Hit { id, rank })
        .collect();
    (hits, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_numbers_as_operators_say_them() {
        assert!(matches!(number("K-2026-0042"), Some(Number::Id(id)) if id == CaseId::new(2026, 42)));
        assert!(matches!(number("2026-42"), Some(Number::Id(id)) if id == CaseId::new(2026, 42)));
        assert!(matches!(number("0042"), Some(Number::Seq(42))));
        assert!(matches!(number("42"), Some(Number::Seq(42))));
        assert!(number("0").is_none());
        assert!(number("jan").is_none());
    }

    #[test]
    fn phone_fragments_are_normalised() {
        assert_eq!(phone_fragment("+31 6 1234").as_deref(), Some("61234"));
        assert_eq!(phone_fragment("06-1234").as_deref(), Some("61234"));
        assert_eq!(phone_fragment("123"), None);
        assert_eq!(phone_fragment("jan 1234"), None);
    }

    #[test]
    fn entries_split_into_their_fields() {
        let entry = SearchEntry {
            id: CaseId::new(2026, 1),
            text: "k-2026-0001\njan\nde\nvries\nbv\njan@x.nl\n06-1\nline one\nline two".into(),
            phone: "061".into(),
            name: "jan\nde\nvries".into(),
        };
        let f = fields(&entry);
        assert_eq!(f.number, "k-2026-0001");
        assert_eq!(f.organisation, "bv");
        assert_eq!(f.email, "jan@x.nl");
        assert_eq!(f.phone, "06-1");
        assert_eq!(f.description, "line one\nline two");
    }
}

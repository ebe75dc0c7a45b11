//! Search as you type over every case, open and closed: case number, contact
//! name, organisation, phone number, e-mail address and description.
//!
//! Each keystroke scans the prepared, lower-cased [`SearchEntry`] of every case
//! with one substring test per word, without allocating, on every core for a
//! large queue; a word is looked for by its rarest character (a `memchr`)
//! and then compared whole. Only the cases that match are ranked. The ignored
//! test in `tests/search.rs` measures a queue of 100,000 cases; so does
//! `klachtdesk bench`.

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
        self.query() != before
    }

    /// Pastes text into the query: line breaks and tabs become spaces, other
    /// control characters (escape sequences among them) are dropped.
    fn paste(&mut self, text: &str) -> bool {
        // A query is one line: a pasted page is cut, so every keystroke stays quick.
        let room = crate::domain::contact::MAX_LINE.saturating_sub(self.query().chars().count());
        let clean: String = text
            .chars()
            .map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c })
            .filter(|&c| !hostile(c))
            .take(room)
            .collect();
        self.input.insert_str(clean)
    }
}

/// Characters that must not reach the terminal raw: control characters
/// (escape sequences among them) and bidirectional overrides. The query is
/// drawn as typed, so they are kept out of it.
pub(super) fn hostile(c: char) -> bool {
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
        search.refresh(&app.cases.read());
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
    phone: Option<Needle>,
}

#[derive(Debug)]
struct Word {
    text: Needle,
    phone: Option<Needle>,
}

/// Text to look for in many others, prepared once per keystroke.
#[derive(Debug)]
struct Needle {
    text: String,
    /// The character of `text` least common in what is searched, and where
    /// it is in `text` (in bytes): what is looked for first.
    anchor: char,
    anchor_at: usize,
}

impl Needle {
    fn new(text: String) -> Needle {
        let (anchor_at, anchor) = text
            .char_indices()
            .min_by_key(|&(_, c)| commonness(c))
            .unwrap_or((0, ' '));
        Needle {
            text,
            anchor,
            anchor_at,
        }
    }

    fn as_str(&self) -> &str {
        &self.text
    }

    /// Where the text first occurs in `hay`, in bytes: `hay.find(text)`, found
    /// faster by looking for its anchor first.
    fn find_in(&self, hay: &str) -> Option<usize> {
        if self.text.is_empty() {
            return Some(0);
        }
        let needle = self.text.as_bytes();
        let bytes = hay.as_bytes();
        let mut from = 0;
        while let Some(i) = hay.get(from..).and_then(|rest| rest.find(self.anchor)) {
            let at = from + i;
            if let Some(start) = at.checked_sub(self.anchor_at)
                && bytes.get(start..).is_some_and(|b| b.starts_with(needle))
            {
                return Some(start);
            }
            from = at + self.anchor.len_utf8();
        }
        None
    }

    fn is_in(&self, hay: &str) -> bool {
        self.find_in(hay).is_some()
    }
}

/// How common a character is in the lower-cased text searched: Dutch and
/// English prose, case numbers (each starts with `k-`), e-mail addresses and
/// phone numbers. Only the order matters; characters not listed are rare.
fn commonness(c: char) -> u8 {
    const ORDER: &str = " e-\nantiorsd0l12k.hucmg@vw5p3b946f78yjz,x'q";
    ORDER
        .chars()
        .position(|o| o == c)
        .map_or(0, |i| (ORDER.chars().count() - i) as u8)
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
                    text: Needle::new(w.to_lowercase()),
                    phone: phone_fragment(w).map(Needle::new),
                })
                .collect(),
            number: number(text),
            // One word is its own phone fragment already.
            phone: phone_fragment(text)
                .filter(|_| text.split_whitespace().nth(1).is_some())
                .map(Needle::new),
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

/// Where the fields after the number start in an entry's lower-cased text,
/// in bytes: name, organisation, e-mail, phone, description.
#[derive(Debug, Clone, Copy)]
struct Layout([usize; 5]);

/// Reads where the fields after the number start in an entry's lower-cased
/// `text`, which `domain::query::searchable_text` writes as number, name,
/// organisation, e-mail, phone and description on lines of their own; `name`
/// is the lower-cased name. The name is skipped by its known length, so a
/// name with a line break in it cannot shift the other fields. Read once per
/// change of a case, for [`SearchEntry::fields`].
pub(crate) fn fields(text: &str, name: &str) -> [u32; 5] {
    let next_line = |from: usize| {
        text.get(from..)
            .and_then(|rest| rest.find('\n'))
            .map_or(text.len(), |i| from + i + 1)
    };
    let start = next_line(0);
    let after_name = start + name.len();
    let organisation = if text.get(start..after_name) == Some(name) {
        after_name + 1
    } else {
        next_line(start)
    };
    let email = next_line(organisation);
    let phone = next_line(email);
    [start, organisation, email, phone, next_line(phone)].map(|at| u32::try_from(at).unwrap_or(u32::MAX))
}

/// What a match ranks by the field it is in, in the order the fields come.
const FIELD_RANKS: [Rank; 6] = [
    Rank::NumberPart,
    Rank::Name,
    Rank::Organisation,
    Rank::Email,
    Rank::Phone,
    Rank::Description,
];

impl Layout {
    /// The layout of an entry, as read when it was made ([`fields`]).
    fn of(entry: &SearchEntry) -> Layout {
        Layout(entry.fields.map(|at| at as usize))
    }

    /// What a match at byte `at` ranks, by the field it is in.
    fn rank_at(&self, at: usize) -> Rank {
        FIELD_RANKS[self.0.iter().filter(|&&start| at >= start).count()]
    }
}

/// The best field a word occurs in, from its first occurrence at `at`. The
/// fields come in the text nearly in the order they rank, so one search mostly
/// settles it; only a match in the number (which ranks below the phone) or in
/// the e-mail address (the phone follows it) needs a second look.
fn text_rank(entry: &SearchEntry, layout: &Layout, w: &Needle, at: usize) -> Option<Rank> {
    let text = entry.text.as_str();
    let [name, _, _, phone, description] = layout.0;
    match layout.rank_at(at) {
        Rank::NumberPart => {
            // Only a word with a digit counts here: `k` or `-` is in every number.
            let here = w
                .as_str()
                .contains(|c: char| c.is_ascii_digit())
                .then_some(Rank::NumberPart);
            let later = text
                .get(name..)
                .and_then(|rest| w.find_in(rest))
                .and_then(|i| text_rank(entry, layout, w, name + i));
            later.into_iter().chain(here).min()
        }
        Rank::Name if at == name => Some(Rank::NamePrefix),
        Rank::Email if text.get(phone..description).is_some_and(|p| w.is_in(p)) => Some(Rank::Phone),
        rank => Some(rank),
    }
}

fn phone_matches(phone_key: &str, fragment: &Needle) -> bool {
    !phone_key.is_empty() && fragment.is_in(phone_key)
}

fn word_by_phone(entry: &SearchEntry, word: &Word) -> bool {
    word.phone
        .as_ref()
        .is_some_and(|p| phone_matches(&entry.phone, p))
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
    let by_phone = query
        .phone
        .as_ref()
        .is_some_and(|p| phone_matches(&entry.phone, p));
    // Most cases fail here, on one plain scan of their text per word.
    let every_word = query
        .words
        .iter()
        .all(|w| w.text.is_in(&entry.text) || word_by_phone(entry, w));
    if !every_word {
        return by_phone.then_some(Rank::Phone);
    }
    let layout = Layout::of(entry);
    let words = query.words.iter().filter_map(|w| {
        let in_text = w
            .text
            .find_in(&entry.text)
            .and_then(|at| text_rank(entry, &layout, &w.text, at));
        let in_phone = word_by_phone(entry, w).then_some(Rank::Phone);
        in_text.into_iter().chain(in_phone).min()
    });
    words.chain(by_phone.then_some(Rank::Phone)).min()
}

/// The cases matching `query`, best first: by rank, then open before closed,
/// then newest first; at most [`MAX_RESULTS`], with how many matched in all.
/// An empty query finds nothing.
pub fn find(cases: &Cases, query: &str) -> (Vec<Hit>, usize) {
    let query = Query::new(query);
    if query.words.is_empty() {
        return (Vec::new(), 0);
    }
    let matched = matching(cases.search_slice(), &query);
    let total = matched.len();
    let cutoff = cutoff(&matched);
    let mut found: Vec<Found> = matched
        .into_iter()
        .filter(|(rank, _, _)| *rank as usize <= cutoff)
        .collect();
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

/// A match as the results are ordered: rank, closed after open, newest first.
type Found = (Rank, bool, Reverse<CaseId>);

/// Below this many cases the search runs on one thread.
const PARALLEL_FROM: usize = 8192;

/// Every entry that matches, in entry order; a large queue is split over the cores.
fn matching(entries: &[SearchEntry], query: &Query) -> Vec<Found> {
    let scan = |part: &[SearchEntry]| -> Vec<Found> {
        part.iter()
            .filter_map(|entry| rank(entry, query).map(|rank| (rank, !entry.open, Reverse(entry.id))))
            .collect()
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if entries.len() < PARALLEL_FROM || threads < 2 {
        return scan(entries);
    }
    std::thread::scope(|scope| {
        let mut parts = entries.chunks(entries.len().div_ceil(threads));
        let first = parts.next().unwrap_or_default();
        let others: Vec<_> = parts.map(|part| scope.spawn(move || scan(part))).collect();
        let mut all = scan(first);
        for other in others {
            match other.join() {
                Ok(found) => all.extend(found),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    })
}

/// The worst rank (as `Rank as usize`) that still has a place among the
/// first [`MAX_RESULTS`].
fn cutoff(found: &[Found]) -> usize {
    let mut per_rank = [0usize; Rank::Description as usize + 1];
    for (rank, _, _) in found {
        per_rank[*rank as usize] += 1;
    }
    let mut seen = 0;
    per_rank
        .iter()
        .position(|n| {
            seen += n;
            seen >= MAX_RESULTS
        })
        .unwrap_or(Rank::Description as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn word(text: &str) -> Needle {
        Needle::new(text.to_string())
    }

    #[test]
    fn words_are_found_where_str_find_finds_them() {
        let hay = "k-2026-0042\njan de vries\nbäkkerij ßé\njan@x.nl\n06-12\naab aaab jan";
        for needle in [
            "j", "jan", "aab", "ab", "ßé", "é", "k-2026", "x.nl\n06", "vries\nb", "zzz", "bäk",
        ] {
            assert_eq!(word(needle).find_in(hay), hay.find(needle), "{needle}");
        }
        assert_eq!(word("jan").find_in(""), None);
        assert_eq!(word("ab").find_in("a"), None);
    }

    proptest! {
        #[test]
        fn finding_by_anchor_is_str_find(hay in "[abjé\n0-]{0,40}", needle in "[abjé\n0-]{1,4}") {
            prop_assert_eq!(word(&needle).find_in(&hay), hay.find(needle.as_str()));
        }
    }

    #[test]
    fn entries_split_into_their_fields() {
        let text = "k-2026-0001\njan\nde\nvries\nbv\njan@x.nl\n06-1\nline one\nline two";
        let name = "jan\nde\nvries";
        let entry = SearchEntry {
            id: CaseId::new(2026, 1),
            text: text.into(),
            phone: "061".into(),
            name: name.into(),
            open: true,
            fields: fields(text, name),
            described: true,
        };
        let layout = Layout::of(&entry);
        let rank_at = |needle: &str| layout.rank_at(entry.text.find(needle).unwrap());
        assert_eq!(rank_at("2026"), Rank::NumberPart);
        assert_eq!(rank_at("vries"), Rank::Name);
        assert_eq!(rank_at("bv"), Rank::Organisation);
        assert_eq!(rank_at("@x"), Rank::Email);
        assert_eq!(rank_at("06-1"), Rank::Phone);
        assert_eq!(rank_at("line two"), Rank::Description);
    }
}

//! Which cases an operator asks for: filters on state, service, deadline and
//! handler, and a free-text match over what a caller might say to identify a case.

use super::case::{Case, Channel};
use super::contact::phone_key;
use super::deadlines::{CaseClocks, Clocks};
use super::summary::Standing;
use super::workflow::State;

/// Conditions a case must all meet; an empty filter matches every case.
/// Breached and due today are the two kinds of urgent: asked for together,
/// a case that is either matches.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Filter {
    /// Only these states; empty means any.
    pub states: Vec<State>,
    pub service: Option<String>,
    pub handler: Option<String>,
    pub channel: Option<Channel>,
    pub breached: bool,
    pub due_today: bool,
    pub text: Option<String>,
}

impl Filter {
    pub fn matches(&self, case: &Case, clocks: &CaseClocks) -> bool {
        self.matches_but_text(case, clocks) && self.text.as_ref().is_none_or(|t| text_matches(case, t))
    }

    /// Every condition but the text: what a case's summary can answer alone.
    pub fn matches_but_text<C: Standing + ?Sized>(&self, case: &C, clocks: &CaseClocks) -> bool {
        (self.states.is_empty() || self.states.contains(&case.state()))
            && self
                .service
                .as_ref()
                .is_none_or(|s| case.service().eq_ignore_ascii_case(s.trim()))
            && self
                .handler
                .as_ref()
                .is_none_or(|h| case.handler().is_some_and(|c| c.eq_ignore_ascii_case(h.trim())))
            && self.channel.is_none_or(|c| case.channel() == c)
            && self.urgent_matches(clocks)
    }
}

/// The cases `filter` chooses, most urgent first (then by number), their
/// clocks counted with `counted`; each case comes with its description
/// (empty is fine when the filter looks for no text).
pub fn most_urgent_first<'a, C: Standing + 'a>(
    cases: impl IntoIterator<Item = (&'a C, &'a str)>,
    filter: &Filter,
    counted: &mut Clocks,
) -> Vec<&'a C> {
    let mut chosen: Vec<(&C, CaseClocks)> = cases
        .into_iter()
        .map(|(case, description)| (case, description, CaseClocks::in_queue(case, counted)))
        .filter(|(case, description, clocks)| {
            filter.matches_but_text(*case, clocks)
                && filter
                    .text
                    .as_ref()
                    .is_none_or(|text| text_matches_in(*case, description, text))
        })
        .map(|(case, _, clocks)| (case, clocks))
        .collect();
    chosen.sort_by_key(|(case, clocks)| (clocks.urgency(), case.id()));
    chosen.into_iter().map(|(case, _)| case).collect()
}

impl Filter {
    fn urgent_matches(&self, clocks: &CaseClocks) -> bool {
        if !self.breached && !self.due_today {
            return true;
        }
        (self.breached && clocks.is_breached()) || (self.due_today && clocks.is_due_today())
    }
}

/// Whether every word of `query` occurs in the case's number, contact name,
/// organisation, e-mail, phone number (ignoring spaces and +31/0 prefixes) or
/// description, ignoring case.
pub fn text_matches(case: &Case, query: &str) -> bool {
    text_matches_in(case, &case.description, query)
}

/// [`text_matches`] of a case told by its summary, with its description.
pub fn text_matches_in<C: Standing + ?Sized>(case: &C, description: &str, query: &str) -> bool {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return true;
    }
    let phone = case.contact().phone.as_deref().map(phone_key).unwrap_or_default();
    // A number typed with spaces (`+31 6 1234`) is one phone fragment, not three words.
    if phone_matches(&phone, query.trim()) {
        return true;
    }
    let haystack = searchable_text_in(case, description);
    words
        .iter()
        .all(|w| haystack.contains(w.as_str()) || phone_matches(&phone, w))
}

/// The lower-cased text a search looks through.
pub fn searchable_text(case: &Case) -> String {
    searchable_text_in(case, &case.description)
}

fn searchable_text_in<C: Standing + ?Sized>(case: &C, description: &str) -> String {
    let c = case.contact();
    [
        case.id().to_string().as_str(),
        &c.name,
        c.organisation.as_deref().unwrap_or(""),
        c.email.as_deref().unwrap_or(""),
        c.phone.as_deref().unwrap_or(""),
        description,
    ]
    .join("\n")
    .to_lowercase()
}

/// A typed fragment of a phone number matches when its digits (with a Dutch
/// prefix normalised) occur in the number's key.
fn phone_matches(phone: &str, word: &str) -> bool {
    let digits = word.chars().filter(char::is_ascii_digit).count();
    if phone.is_empty() || digits < 4 || !word.chars().all(|c| c.is_ascii_digit() || "+-() ".contains(c)) {
        return false;
    }
    let key = phone_key(word);
    let key = key.strip_prefix('0').unwrap_or(&key);
    phone.contains(key)
}

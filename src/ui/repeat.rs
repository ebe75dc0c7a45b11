//! The repeat-complainant marker: a card's case number followed by how many
//! open cases its complainant has (`K-2026-0042 2×`), on the board and in the
//! queue view alike. The help's legend says what it means.

use crate::app::board::Card;
use crate::i18n::{Lang, T};

/// The case number as a card shows it, with the marker when it applies.
pub fn label(lang: Lang, card: &Card) -> String {
    if card.repeat > 1 {
        format!("{} {}", card.id, marker(lang, card.repeat))
    } else {
        card.id.to_string()
    }
}

/// `2×`: the complainant's open cases.
pub fn marker(lang: Lang, count: usize) -> String {
    lang.fill(T::RepeatMarker, &[("count", &count)])
}

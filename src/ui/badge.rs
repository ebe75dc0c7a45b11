//! The badge of a card or a queue row: the running target's, or the
//! promise to the complainant's when that is more urgent (`call back today
//! 12:00`), amber on its day and red once broken, as the targets.

use super::theme::Urgency;
use crate::app::App;
use crate::app::board::Card;
use crate::domain::promise::PromiseStatus;
use crate::domain::summary::{Standing, Summary};
use crate::i18n;
use crate::sanitize::fit;
use unicode_width::UnicodeWidthStr;

/// The badge in at most `width` columns: a promise's words are cut before
/// its moment is.
pub fn of(app: &App, case: &Summary, card: &Card, width: usize) -> (String, Urgency) {
    if let (Some((due, status)), Some((_, what))) = (card.promise, case.next_promise()) {
        let badge = |what: &str| i18n::promise_badge(app.lang, what, due, status, app.now, &app.rules.policy);
        let mut text = badge(what);
        let over = text.width().saturating_sub(width);
        if over > 0 {
            text = badge(&fit(what, what.width().saturating_sub(over).max(1)));
        }
        let urgency = match status {
            PromiseStatus::Breached => Urgency::Breached,
            PromiseStatus::DueToday => Urgency::Soon,
            PromiseStatus::OnTrack | PromiseStatus::Kept { .. } => Urgency::OnTrack,
        };
        return (text, urgency);
    }
    (
        i18n::badge(app.lang, card.target, &card.status),
        Urgency::of(&card.status),
    )
}

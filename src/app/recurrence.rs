//! The recurrence alert: when this operator closes a case or records its
//! root cause, and it is the k-th case on its service with that cause within
//! the configured days, the board says so once, over the board, until the
//! operator dismisses it. Counting reads the queue's summaries, once per save.

use std::collections::HashSet;

use super::modal::{Outcome, Typed};
use super::{Action, App, Modal};
use crate::domain::case::{Case, CaseId};
use crate::domain::recurrence::alert;
use crate::domain::report::normalise;
use crate::domain::workflow::{Command, Edit};
use crate::i18n::{Lang, T, service_name};

/// What the alert says: case `id` is the `nth` on `service` with `cause`
/// within `days` days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecurrenceAlert {
    pub id: CaseId,
    pub nth: usize,
    pub days: u32,
    pub service: String,
    pub cause: String,
}

impl RecurrenceAlert {
    /// `3rd complaint about Security monitoring (SOC): alert not escalated, in 30 days`.
    pub fn text(&self, lang: Lang) -> String {
        lang.fill(
            T::RecurrenceAlert,
            &[
                ("nth", &ordinal(lang, self.nth)),
                ("service", &service_name(lang, &self.service)),
                ("cause", &crate::sanitize::one_line(self.cause.trim())),
                ("days", &self.days),
            ],
        )
    }
}

/// The alerts this operator has seen: a case and its cause are told once.
#[derive(Debug, Clone, Default)]
pub struct Told(HashSet<(CaseId, String)>);

/// After this operator's `commands` on `case` were saved: the alert, if the
/// save closed the case or recorded its root cause and the cause recurs.
pub fn check(app: &mut App, case: &Case, commands: &[Command]) {
    let at = commands.iter().find_map(|c| match c {
        Command::Close { .. } => Some(case.closed_at.unwrap_or(app.now)),
        Command::CommunicateOutcome { .. } => Some(case.outcome_communicated_at.unwrap_or(app.now)),
        Command::Edit { edits } if edits.iter().any(|e| matches!(e, Edit::RootCause(_))) => Some(app.now),
        _ => None,
    });
    let Some(at) = at else { return };
    if case.withdrawal.is_some() {
        return;
    }
    let pattern = app.settings.patterns;
    let nth = alert(
        app.cases.read().iter(),
        case.id,
        &case.service,
        &case.root_cause,
        at,
        pattern,
    );
    let Some(nth) = nth else { return };
    if !app.told.0.insert((case.id, normalise(&case.root_cause))) {
        return;
    }
    let shown = RecurrenceAlert {
        id: case.id,
        nth,
        days: pattern.days,
        service: case.service.clone(),
        cause: case.root_cause.clone(),
    };
    // Over whatever the save left open: the form is closed by now.
    if app.modal.is_none() {
        app.modal = Some(Modal::Recurrence(Box::new(shown)));
    }
}

/// Keys over the alert: Esc or Enter dismisses it.
pub fn handle(typed: &Typed) -> Outcome {
    match typed {
        Typed::Action(Action::Back | Action::Open) => Outcome::Close,
        _ => Outcome::Stay,
    }
}

/// `3rd` / `3e`.
pub fn ordinal(lang: Lang, n: usize) -> String {
    let key = match (n % 10, n % 100) {
        (_, 11..=13) => T::OrdinalOther,
        (1, _) => T::OrdinalFirst,
        (2, _) => T::OrdinalSecond,
        (3, _) => T::OrdinalThird,
        _ => T::OrdinalOther,
    };
    lang.fill(key, &[("n", &n)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_in_english_and_dutch() {
        let en: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111]
            .iter()
            .map(|n| ordinal(Lang::En, *n))
            .collect();
        assert_eq!(
            en,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th"
            ]
        );
        assert_eq!(ordinal(Lang::Nl, 3), "3e");
        assert_eq!(ordinal(Lang::Nl, 22), "22e");
    }
}

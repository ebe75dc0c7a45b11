//! Taking back a change: the operator's own last change on a case, within a
//! few minutes, nobody else having changed the case since. The case goes back
//! to how it was before the change, and the take-back is recorded as an event
//! of its own, so the audit trail keeps both.

use chrono::Duration;

use super::case::Case;
use super::event::{Event, EventKind};
use super::problem::{Problem, Refusal};
use super::workflow::{Command, Ctx, Step};

/// How long after a change its operator can take it back.
pub const WINDOW_MINUTES: i64 = 10;

/// Takes back the change that begins with event `seq` of `current`: every
/// event from `seq` on, given as `since` (one change may record several, as
/// a letter marked sent records the contact and the step). `before` rebuilds
/// the case as it was before the change (version `seq - 1`); it is called
/// only once the take-back is allowed.
pub fn take_back(
    current: &Case,
    since: &[Event],
    seq: u32,
    ctx: &Ctx,
    before: impl FnOnce() -> Option<Case>,
) -> Result<(Case, Event), Refusal> {
    let (first, last) = match (since.first(), since.last()) {
        (Some(first), Some(last)) if first.seq == seq && last.seq == current.version => (first, last),
        _ => return Err(Problem::CannotUndo(Some(Step::Undo)).into()),
    };
    if first.actor != ctx.actor {
        return Err(Problem::NotYourChange {
            by: first.actor.clone(),
        }
        .into());
    }
    if let Some(other) = since.iter().rfind(|e| e.actor != ctx.actor) {
        return Err(Problem::ChangedSince {
            by: other.actor.clone(),
            at: other.at,
        }
        .into());
    }
    if let Some(fixed) = since.iter().find(|e| !reversible(e)) {
        return Err(Problem::CannotUndo(step_of(fixed)).into());
    }
    if ctx.now - first.at > Duration::minutes(WINDOW_MINUTES) {
        return Err(Problem::UndoTooLate { at: first.at }.into());
    }
    let mut next = before()
        .filter(|b| b.id == current.id && b.version + 1 == seq)
        .ok_or_else(|| Refusal::one(Problem::CannotUndo(step_of(last))))?;
    next.version = current.version + 1;
    let event = Event::between(
        Some(current),
        &next,
        EventKind::Command(Command::Undo { seq }),
        ctx.now,
        ctx.actor,
    );
    Ok((next, event))
}

/// A registration is withdrawn, not taken back; removed personal data stays
/// removed; a take-back is not taken back in turn.
fn reversible(event: &Event) -> bool {
    !matches!(
        &event.kind,
        EventKind::Registered | EventKind::Command(Command::Anonymise { .. } | Command::Undo { .. })
    )
}

/// The step an event recorded; none for a registration.
fn step_of(event: &Event) -> Option<Step> {
    match &event.kind {
        EventKind::Registered => None,
        EventKind::Command(c) => Some(c.step()),
    }
}

/// The events of a trail that still stand: without the changes taken back
/// and without the take-backs themselves, for figures that count steps.
pub fn standing(events: &[Event]) -> Vec<&Event> {
    let undone: Vec<std::ops::Range<u32>> = events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Command(Command::Undo { seq }) => Some(*seq..e.seq + 1),
            _ => None,
        })
        .collect();
    events
        .iter()
        .filter(|e| !undone.iter().any(|r| r.contains(&e.seq)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{AckVia, CaseId, Channel};
    use crate::domain::intake::Intake;
    use crate::domain::workflow::{self, Rules};
    use chrono::{DateTime, TimeZone, Utc};

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 10, 9, minute, 0).unwrap()
    }

    fn ctx<'a>(rules: &'a Rules, actor: &'a str, minute: u32) -> Ctx<'a> {
        Ctx {
            now: at(minute),
            actor,
            rules,
        }
    }

    fn registered(rules: &Rules) -> (Case, Event) {
        let intake = Intake {
            name: "Jan de Vries".into(),
            phone: "0612345678".into(),
            email: String::new(),
            organisation: String::new(),
            service: rules.services.services()[0].clone(),
            channel: Channel::Phone,
            complained_at: None,
            description: "No call back".into(),
            ..Intake::default()
        };
        workflow::register(CaseId::new(2026, 1), &intake, &ctx(rules, "anna", 0)).unwrap()
    }

    fn acknowledged(rules: &Rules, minute: u32) -> (Case, Case, Event) {
        let (case, _) = registered(rules);
        let command = Command::Acknowledge {
            at: at(minute),
            via: AckVia::Email,
        };
        let (next, event) = workflow::apply(&case, &command, &ctx(rules, "anna", minute)).unwrap();
        (case, next, event)
    }

    #[test]
    fn the_case_goes_back_and_the_trail_keeps_both() {
        let rules = Rules::default();
        let (before, now, ack) = acknowledged(&rules, 1);
        let since = [ack.clone()];
        let (back, event) =
            take_back(&now, &since, 2, &ctx(&rules, "anna", 5), || Some(before.clone())).unwrap();
        assert_eq!(back.state, before.state);
        assert_eq!(back.acknowledgement, None);
        assert_eq!(back.version, 3);
        assert_eq!(event.seq, 3);
        assert_eq!(event.kind, EventKind::Command(Command::Undo { seq: 2 }));
        assert!(standing(&[ack.clone(), event]).is_empty());
    }

    #[test]
    fn refused_with_a_reason() {
        let rules = Rules::default();
        let (before, now, ack) = acknowledged(&rules, 1);
        let refused = |seq, actor, minute| {
            take_back(
                &now,
                std::slice::from_ref(&ack),
                seq,
                &ctx(&rules, actor, minute),
                || Some(before.clone()),
            )
            .unwrap_err()
            .0
        };
        assert_eq!(refused(1, "anna", 2), [Problem::CannotUndo(Some(Step::Undo))]);
        assert_eq!(
            refused(2, "bram", 2),
            [Problem::NotYourChange { by: "anna".into() }]
        );
        assert_eq!(refused(2, "anna", 12), [Problem::UndoTooLate { at: at(1) }]);
        let (case, registration) = registered(&rules);
        let refusal = take_back(&case, &[registration], 1, &ctx(&rules, "anna", 1), || None).unwrap_err();
        assert_eq!(refusal.0, [Problem::CannotUndo(None)]);
    }
}

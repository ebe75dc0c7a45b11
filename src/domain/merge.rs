//! Several operators on one case: a save made on an older version of a case
//! is saved over the current one when it only sets fields and nobody changed
//! those fields meanwhile; otherwise each field someone else changed is a
//! conflict, named with their value, so that nothing anybody typed is lost.

use super::case::Case;
use super::event::Event;
use super::problem::{Field, Problem};
use super::workflow::Command;

/// Whether a command means the same on a newer version of the case: it sets
/// fields (an edit, the handler, the involved staff) or adds a contact to the
/// log (which overwrites nothing), and moves nothing. The procedure's steps
/// and anonymising depend on the state the operator saw, so they need the
/// version they were made on.
pub fn only_sets_fields(command: &Command) -> bool {
    matches!(
        command,
        Command::Edit { .. }
            | Command::AssignHandler { .. }
            | Command::SetInvolved { .. }
            | Command::LogContact { .. }
    )
}

/// The audited fields whose value differs between two versions of a case.
/// A field set to the value it already has is not among them.
pub fn changed_fields(before: &Case, after: &Case) -> Vec<Field> {
    before
        .audited_values()
        .into_iter()
        .zip(after.audited_values())
        .filter(|((_, was), (_, now))| was != now)
        .map(|((field, _), _)| field)
        .collect()
}

/// One conflict for each of `mine` (the fields a save would change) that
/// someone changed in `since` (the audit events after the version the save
/// was made on, oldest first): who changed it last, when, and to what.
pub fn conflicts(mine: &[Field], since: &[Event]) -> Vec<Problem> {
    let now = since.last().map_or(0, |e| e.seq);
    mine.iter()
        .filter_map(|field| {
            since.iter().rev().find_map(|event| {
                let change = event.changes.iter().rfind(|c| c.field == *field)?;
                Some(Problem::Conflict {
                    field: *field,
                    by: event.actor.clone(),
                    at: event.at,
                    theirs: change.after.clone(),
                    now,
                })
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::CaseId;
    use crate::domain::event::{EventKind, FieldChange};
    use crate::domain::workflow::State;
    use chrono::{TimeZone, Utc};

    fn event(seq: u32, actor: &str, minute: u32, changes: &[(Field, &str)]) -> Event {
        Event {
            case: CaseId::new(2026, 1),
            seq,
            at: Utc.with_ymd_and_hms(2026, 3, 10, 13, minute, 0).unwrap(),
            actor: actor.into(),
            kind: EventKind::Registered,
            from: Some(State::Received),
            to: State::Received,
            changes: changes
                .iter()
                .map(|(field, after)| FieldChange {
                    field: *field,
                    before: String::new(),
                    after: (*after).into(),
                })
                .collect(),
        }
    }

    #[test]
    fn the_last_change_of_a_field_is_the_one_that_stands() {
        let since = [
            event(3, "bram", 1, &[(Field::Outcome, "first")]),
            event(4, "carla", 2, &[(Field::Solution, "other")]),
            event(5, "dirk", 3, &[(Field::Outcome, "second")]),
        ];
        assert_eq!(
            conflicts(&[Field::Outcome, Field::Name], &since),
            [Problem::Conflict {
                field: Field::Outcome,
                by: "dirk".into(),
                at: Utc.with_ymd_and_hms(2026, 3, 10, 13, 3, 0).unwrap(),
                theirs: "second".into(),
                now: 5,
            }]
        );
    }

    #[test]
    fn untouched_fields_do_not_conflict() {
        let since = [event(3, "bram", 1, &[(Field::Outcome, "x")])];
        assert!(conflicts(&[Field::Handler], &since).is_empty());
        assert!(conflicts(&[], &since).is_empty());
    }
}

//! Checking a case read from a file the way the desk would have made it: its
//! audit trail is played again from the registration, each event's command
//! under the desk's rules with the event's own time and actor, and must give
//! back every event as recorded and the snapshot as written. So an imported
//! case passes every guard a case made at the desk passes — contact details,
//! the service catalogue, text limits, dates not in the future, the states'
//! required fields — and no state can be imported that its trail does not reach.
//!
//! Two things cannot be played again exactly, and are compared as follows:
//!
//! * Deadline verdicts depend on the calendar and targets in force when the
//!   step was done. Replaying must give the same verdicts in the same order for
//!   the same target, start and moment met; the rest of each verdict (target
//!   length, due date, on time, working days) is kept as recorded, so reports
//!   on past periods stay as they were. A recorded verdict must agree with
//!   itself: on time exactly when met before its deadline.
//! * Anonymised cases (their trail holds an anonymisation) had their personal
//!   data removed from every earlier event, so those events are compared
//!   without personal data, and removed e-mail addresses and phone numbers are
//!   replayed as valid stand-ins. Their snapshot must still match exactly.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::CaseTrail;
use super::problem::TrailProblem;
use super::strict::{Difference, difference};
use crate::domain::case::{Case, CaseId, Channel, TargetVerdict};
use crate::domain::event::{Event, EventKind};
use crate::domain::intake::Intake;
use crate::domain::privacy::{PERSONAL, REMOVED, scrub_event};
use crate::domain::problem::Field;
use crate::domain::remedy::Remedy;
use crate::domain::undo;
use crate::domain::workflow::{self, Command, Ctx, Edit, Rules};

/// Stand-ins for a removed e-mail address and phone number: valid, so that the
/// steps that check them pass as they did before the removal.
const EMAIL_STAND_IN: &str = "removed@example.invalid";
const PHONE_STAND_IN: &str = "0000000000";

/// A case whose audit trail leads to its snapshot under the desk's rules. Only
/// [`verify`] makes one, so whatever takes it knows the case was checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified(CaseTrail);

impl Verified {
    pub fn case(&self) -> &Case {
        &self.0.case
    }
    pub fn events(&self) -> &[Event] {
        &self.0.events
    }
    pub fn into_trail(self) -> CaseTrail {
        self.0
    }
}

/// Checks `trail` as described above; `now` is the importer's clock, and no
/// event may lie after it.
pub fn verify(trail: CaseTrail, rules: &Rules, now: DateTime<Utc>) -> Result<Verified, TrailProblem> {
    let CaseTrail { case, events } = &trail;
    check_numbering(case, events)?;
    if let Some(e) = events.iter().find(|e| e.at > now) {
        return Err(TrailProblem::InFuture { seq: e.seq, at: e.at });
    }
    let anonymised = events
        .iter()
        .any(|e| matches!(&e.kind, EventKind::Command(Command::Anonymise { .. })));
    let mut replayed = replay(case.id, events, rules, anonymised)?;
    check_verdicts(&replayed.verdicts, &case.verdicts)?;
    replayed.verdicts.clone_from(&case.verdicts);
    if let Some(d) = differs(&replayed, case) {
        return Err(TrailProblem::SnapshotDiffers(d));
    }
    let missing = workflow::missing_for_state(case);
    if !missing.is_empty() {
        return Err(TrailProblem::Incomplete {
            state: case.state,
            missing,
        });
    }
    Ok(Verified(trail))
}

/// Events numbered 1, 2, 3… for this case, as many as the snapshot's version.
fn check_numbering(case: &Case, events: &[Event]) -> Result<(), TrailProblem> {
    if events.is_empty() {
        return Err(TrailProblem::NoTrail);
    }
    if let Some(index) = events
        .iter()
        .zip(1..)
        .position(|(e, seq)| e.case != case.id || e.seq != seq)
    {
        return Err(TrailProblem::Numbering { index: index + 1 });
    }
    if case.version as usize != events.len() {
        return Err(TrailProblem::Version {
            version: case.version,
            events: events.len(),
        });
    }
    Ok(())
}

/// The case the trail's commands make, each event checked against its replay.
fn replay(id: CaseId, events: &[Event], rules: &Rules, anonymised: bool) -> Result<Case, TrailProblem> {
    let first = &events[0];
    if first.kind != EventKind::Registered {
        return Err(TrailProblem::NotRegistration);
    }
    let (mut case, event) = workflow::register(id, &intake_of(first, anonymised), &ctx(first, rules))
        .map_err(|refusal| TrailProblem::Refused {
            seq: 1,
            step: None,
            refusal,
        })?;
    same_event(&event, first, anonymised)?;
    // Every version so far, for a take-back to go back to.
    let mut versions = vec![case.clone()];
    for given in &events[1..] {
        let EventKind::Command(command) = &given.kind else {
            return Err(TrailProblem::SecondRegistration { seq: given.seq });
        };
        let command = if anonymised {
            stand_ins(command)
        } else {
            Cow::Borrowed(command)
        };
        let done = match command.as_ref() {
            Command::Undo { seq } => {
                let from = seq.saturating_sub(1) as usize;
                let since = events.get(from..case.version as usize).unwrap_or_default();
                let before = || seq.checked_sub(2).and_then(|i| versions.get(i as usize)).cloned();
                undo::take_back(&case, since, *seq, &ctx(given, rules), before)
            }
            command => workflow::apply(&case, command, &ctx(given, rules)),
        };
        let (next, event) = done.map_err(|refusal| TrailProblem::Refused {
            seq: given.seq,
            step: Some(command.step()),
            refusal,
        })?;
        same_event(&event, given, anonymised)?;
        versions.push(next.clone());
        case = next;
    }
    Ok(case)
}

/// The case `events` (a trail from its registration on, without removed
/// personal data) lead to under `rules`: how a case was at an earlier
/// version, for taking back the change after it.
pub fn rebuild(id: CaseId, events: &[Event], rules: &Rules) -> Result<Case, TrailProblem> {
    if events.is_empty() {
        return Err(TrailProblem::NoTrail);
    }
    replay(id, events, rules, false)
}

/// The context an event was made in: its time and actor, the desk's rules.
fn ctx<'a>(event: &'a Event, rules: &'a Rules) -> Ctx<'a> {
    Ctx {
        now: event.at,
        actor: &event.actor,
        rules,
    }
}

/// What the operator typed at registration, as the registration recorded it.
/// A value that cannot be read back is left out, and the replayed
/// registration then differs from the recorded one, which is reported.
fn intake_of(registration: &Event, anonymised: bool) -> Intake {
    let value = |field: Field| {
        registration
            .changes
            .iter()
            .find(|c| c.field == field)
            .map(|c| c.after.clone())
            .unwrap_or_default()
    };
    let stand_in = |value: String, stand_in: &str| {
        if anonymised && value == REMOVED {
            stand_in.to_string()
        } else {
            value
        }
    };
    let channel = value(Field::Channel);
    Intake {
        name: value(Field::Name),
        phone: stand_in(value(Field::Phone), PHONE_STAND_IN),
        email: stand_in(value(Field::Email), EMAIL_STAND_IN),
        organisation: value(Field::Organisation),
        service: value(Field::Service),
        channel: Channel::ALL
            .into_iter()
            .find(|c| c.slug() == channel)
            .unwrap_or(Channel::Phone),
        complained_at: DateTime::parse_from_rfc3339(&value(Field::ComplainedAt))
            .ok()
            .map(|t| t.with_timezone(&Utc)),
        description: value(Field::Description),
        remedy: Remedy::from_slug(&value(Field::Remedy)),
        remedy_text: value(Field::RemedyText),
    }
}

/// The command with removed contact details replaced by valid stand-ins.
fn stand_ins(command: &Command) -> Cow<'_, Command> {
    let Command::Edit { edits } = command else {
        return Cow::Borrowed(command);
    };
    let edits = edits
        .iter()
        .map(|edit| match edit {
            Edit::Email(v) if v == REMOVED => Edit::Email(EMAIL_STAND_IN.into()),
            Edit::Phone(v) if v == REMOVED => Edit::Phone(PHONE_STAND_IN.into()),
            other => other.clone(),
        })
        .collect();
    Cow::Owned(Command::Edit { edits })
}

fn same_event(replayed: &Event, given: &Event, anonymised: bool) -> Result<(), TrailProblem> {
    let found = if anonymised {
        differs(&impersonal(replayed), &impersonal(given))
    } else {
        differs(replayed, given)
    };
    match found {
        None => Ok(()),
        Some(difference) => Err(TrailProblem::EventDiffers {
            seq: given.seq,
            difference,
        }),
    }
}

/// The event without any personal data, nor the changes of personal fields.
fn impersonal(event: &Event) -> Event {
    let mut event = scrub_event(event);
    event.changes.retain(|c| !PERSONAL.contains(&c.field));
    event
}

/// The replayed verdicts must be the recorded ones as to target, start and the
/// moment met; a recorded verdict must agree with its own deadline.
fn check_verdicts(replayed: &[TargetVerdict], given: &[TargetVerdict]) -> Result<(), TrailProblem> {
    let wrong = |index: usize, what| {
        Err(TrailProblem::VerdictDiffers {
            index: index + 1,
            what,
        })
    };
    for (i, (r, g)) in replayed.iter().zip(given).enumerate() {
        if r.target != g.target {
            return wrong(i, "target");
        }
        if r.verdict.started_at != g.verdict.started_at {
            return wrong(i, "started_at");
        }
        if r.verdict.met_at != g.verdict.met_at {
            return wrong(i, "met_at");
        }
        if g.verdict.on_time != (g.verdict.met_at < g.verdict.due.deadline) {
            return wrong(i, "on_time");
        }
        if g.verdict.on_time && g.verdict.working_days_late != 0 {
            return wrong(i, "working_days_late");
        }
    }
    if replayed.len() != given.len() {
        return wrong(replayed.len().min(given.len()), "count");
    }
    Ok(())
}

/// Where the two first differ, as their JSON shows it; `None` when equal.
fn differs<T: Serialize + PartialEq>(replayed: &T, given: &T) -> Option<Difference> {
    if replayed == given {
        return None;
    }
    let json = |v: &T| serde_json::to_value(v).unwrap_or_default();
    Some(difference(&json(replayed), &json(given)).unwrap_or(Difference {
        path: "(all)".into(),
        left: String::new(),
        right: String::new(),
    }))
}

//! A case's past, read back from its audit trail: the state it was in at some
//! moment, a field's value after some event, and each stretch during which a
//! deadline clock ran. Reports are built on these, so that a report about a
//! past period does not change when the case moves on.

use chrono::{DateTime, Utc};

use crate::domain::case::{Case, Target};
use crate::domain::clock::{Due, Policy};
use crate::domain::event::{Event, EventKind};
use crate::domain::problem::Field;
use crate::domain::workflow::{Command, State};

/// The state the case was in just before the moment `end`: where the last
/// event before it took it. `None` when it did not exist yet. A case without
/// any audit trail (which the store never writes) counts with its present
/// state from the moment it was registered.
pub fn state_before(case: &Case, events: &[Event], end: DateTime<Utc>) -> Option<State> {
    if events.is_empty() {
        return (case.registered_at < end).then_some(case.state);
    }
    events.iter().take_while(|e| e.at < end).last().map(|e| e.to)
}

/// A field's value just after the event numbered `seq`: the last change of it
/// recorded up to and including that event; `None` when the trail never
/// recorded one.
pub fn value_after(events: &[Event], field: Field, seq: u32) -> Option<&str> {
    events
        .iter()
        .take_while(|e| e.seq <= seq)
        .flat_map(|e| e.changes.iter())
        .filter(|c| c.field == field)
        .last()
        .map(|c| c.after.as_str())
}

/// The command an event records, if it records one.
pub fn command(event: &Event) -> Option<&Command> {
    match &event.kind {
        EventKind::Command(c) => Some(c),
        EventKind::Registered => None,
    }
}

/// How a clock stopped running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The target was met: the acknowledgement sent, the outcome communicated.
    Met,
    /// Information was requested: the outcome clock starts again when it comes in.
    Paused,
    /// The complaint was withdrawn.
    Withdrawn,
}

/// One stretch during which a deadline clock ran.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub target: Target,
    pub started_at: DateTime<Utc>,
    pub due: Due,
    /// When and how it stopped; `None` while it still runs.
    pub end: Option<(DateTime<Utc>, Stop)>,
}

impl Run {
    /// Whether the deadline passed while the clock ran, as seen at `now`.
    pub fn breached(&self, now: DateTime<Utc>) -> bool {
        let stopped = self.end.map_or(now, |(at, _)| at.min(now));
        stopped >= self.due.deadline && now >= self.due.deadline
    }

    pub fn met_at(&self) -> Option<DateTime<Utc>> {
        match self.end {
            Some((at, Stop::Met)) => Some(at),
            _ => None,
        }
    }
}

/// Every stretch the case's clocks ran: the acknowledgement's from the
/// complaint to the acknowledgement (or withdrawal), and the outcome's from each
/// admission, answered information request or reopening to the next outcome,
/// information request or withdrawal. A met stretch takes its deadline from the
/// verdict recorded at the time.
pub fn runs(case: &Case, events: &[Event], policy: &Policy) -> Vec<Run> {
    let mut runs = Vec::new();
    if let Some(run) = acknowledge_run(case, events, policy) {
        runs.push(run);
    }
    let mut running: Option<DateTime<Utc>> = None;
    for event in crate::domain::undo::standing(events) {
        let Some(command) = command(event) else { continue };
        let stop = match command {
            Command::TakeIntoTreatment { .. }
            | Command::InformationReceived { .. }
            | Command::Reopen { .. } => {
                running = Some(event.happened_at());
                continue;
            }
            Command::CommunicateOutcome { .. } => Stop::Met,
            Command::RequestInformation { .. } => Stop::Paused,
            Command::Withdraw { .. } => Stop::Withdrawn,
            _ => continue,
        };
        if let Some(since) = running.take() {
            runs.push(outcome_run(
                case,
                policy,
                since,
                Some((event.happened_at(), stop)),
            ));
        }
    }
    if let Some(since) = running {
        runs.push(outcome_run(case, policy, since, None));
    }
    runs
}

fn acknowledge_run(case: &Case, events: &[Event], policy: &Policy) -> Option<Run> {
    let started_at = case.complained_at;
    if let Some(v) = case.verdict(Target::Acknowledge) {
        return Some(Run {
            target: Target::Acknowledge,
            started_at,
            due: v.due,
            end: Some((v.met_at, Stop::Met)),
        });
    }
    let withdrawn = events
        .iter()
        .find(|e| e.from == Some(State::Received) && matches!(command(e), Some(Command::Withdraw { .. })))
        .map(|e| (e.happened_at(), Stop::Withdrawn));
    // Without an acknowledgement or a withdrawal the clock can only still be
    // running; a case that left Received otherwise has no trail to read.
    if withdrawn.is_none() && case.state != State::Received {
        return None;
    }
    Some(Run {
        target: Target::Acknowledge,
        started_at,
        due: policy.due(started_at, policy.acknowledge_days),
        end: withdrawn,
    })
}

fn outcome_run(
    case: &Case,
    policy: &Policy,
    since: DateTime<Utc>,
    end: Option<(DateTime<Utc>, Stop)>,
) -> Run {
    let recorded = case
        .verdicts
        .iter()
        .find(|v| v.target == Target::Outcome && v.verdict.started_at == since);
    Run {
        target: Target::Outcome,
        started_at: since,
        due: recorded.map_or_else(|| policy.due(since, policy.outcome_days), |v| v.verdict.due),
        end,
    }
}

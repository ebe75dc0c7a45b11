//! JSON for scripts: a case with its `id` and `state` at the top level, its
//! deadlines as they stand now, and (for `show`) its audit trail.

use serde::Serialize;

use crate::domain::case::Case;
use crate::domain::clock::ClockStatus;
use crate::domain::deadlines::CaseClocks;
use crate::domain::event::Event;
use crate::domain::promise::PromiseStatus;

#[derive(Serialize)]
pub struct CaseJson<'a> {
    #[serde(flatten)]
    case: &'a Case,
    deadlines: Deadlines,
    #[serde(skip_serializing_if = "Option::is_none")]
    events: Option<&'a [Event]>,
}

#[derive(Serialize)]
struct Deadlines {
    acknowledge: Clock,
    outcome: Clock,
    /// The outstanding promise due first, on an open case.
    #[serde(skip_serializing_if = "Option::is_none")]
    promise: Option<Clock>,
}

#[derive(Serialize, Default)]
struct Clock {
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    due: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    deadline: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    working_days_left: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hours_left: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    working_days_late: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hours_late: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    met_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    waiting_since: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    working_days_waiting: Option<u32>,
    /// Waiting long enough to chase the complainant (`[targets] chase_after_days`).
    #[serde(skip_serializing_if = "Option::is_none")]
    chase: Option<bool>,
}

pub fn case<'a>(case: &'a Case, clocks: &CaseClocks, events: Option<&'a [Event]>) -> CaseJson<'a> {
    CaseJson {
        case,
        deadlines: Deadlines {
            acknowledge: clock(&clocks.acknowledge),
            outcome: clock(&clocks.outcome),
            promise: clocks.promise.map(|(due, status)| promise_clock(due, status)),
        },
        events,
    }
}

/// A promise's clock: its moment, and whether it is on track, due today or broken.
fn promise_clock(due: chrono::DateTime<chrono::Utc>, status: PromiseStatus) -> Clock {
    Clock {
        status: match status {
            PromiseStatus::OnTrack => "on-track",
            PromiseStatus::DueToday => "due-today",
            PromiseStatus::Breached => "breached",
            PromiseStatus::Kept { on_time: true } => "met-on-time",
            PromiseStatus::Kept { on_time: false } => "met-late",
        },
        deadline: Some(due.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        ..Clock::default()
    }
}

fn clock(status: &ClockStatus) -> Clock {
    let stamp = |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let with_due = |status, due: &crate::domain::clock::Due| Clock {
        status,
        due: Some(due.day.to_string()),
        deadline: Some(stamp(due.deadline)),
        ..Clock::default()
    };
    match status {
        ClockStatus::NotStarted => Clock {
            status: "not-started",
            ..Clock::default()
        },
        ClockStatus::Paused {
            since,
            working_days_waiting,
            chase,
        } => Clock {
            status: "paused",
            waiting_since: Some(stamp(*since)),
            working_days_waiting: Some(*working_days_waiting),
            chase: Some(*chase),
            ..Clock::default()
        },
        ClockStatus::OnTrack {
            due,
            working_days_left,
            hours_left,
        } => Clock {
            working_days_left: Some(*working_days_left),
            hours_left: Some(*hours_left),
            ..with_due("on-track", due)
        },
        ClockStatus::DueToday { due } => with_due("due-today", due),
        ClockStatus::Breached {
            due,
            working_days_late,
            hours_late,
        } => Clock {
            working_days_late: Some(*working_days_late),
            hours_late: Some(*hours_late),
            ..with_due("breached", due)
        },
        ClockStatus::Met(v) => Clock {
            working_days_late: Some(v.working_days_late),
            met_at: Some(stamp(v.met_at)),
            ..with_due(if v.on_time { "met-on-time" } else { "met-late" }, &v.due)
        },
    }
}

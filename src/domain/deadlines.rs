//! The two deadline clocks of a case: which is running, paused or met.

use chrono::{DateTime, Utc};

use super::case::{Case, Target};
use super::clock::{ClockStatus, Policy, Timer};
use super::workflow::State;

/// Both targets of one case at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseClocks {
    pub acknowledge: ClockStatus,
    pub outcome: ClockStatus,
}

impl CaseClocks {
    pub fn of(case: &Case, policy: &Policy, now: DateTime<Utc>) -> Self {
        let acknowledge = match case.verdict(Target::Acknowledge) {
            Some(v) => ClockStatus::Met(v.clone()),
            None if case.state == State::Received => policy.status(
                Timer::Running {
                    since: case.complained_at,
                },
                policy.acknowledge_days,
                now,
            ),
            None => ClockStatus::NotStarted,
        };
        let outcome = match (case.state, case.outcome_clock_since) {
            (State::InTreatment, Some(since)) => {
                policy.status(Timer::Running { since }, policy.outcome_days, now)
            }
            (State::Waiting, _) => ClockStatus::Paused,
            _ => match case.verdict(Target::Outcome) {
                Some(v) => ClockStatus::Met(v.clone()),
                None => ClockStatus::NotStarted,
            },
        };
        Self { acknowledge, outcome }
    }

    /// The target that matters now: the acknowledgement until it is met, then the
    /// outcome once its clock has started.
    pub fn current(&self) -> (Target, &ClockStatus) {
        match (&self.acknowledge, &self.outcome) {
            (ClockStatus::Met(_), ClockStatus::NotStarted) => (Target::Acknowledge, &self.acknowledge),
            (ClockStatus::Met(_) | ClockStatus::NotStarted, _) => (Target::Outcome, &self.outcome),
            _ => (Target::Acknowledge, &self.acknowledge),
        }
    }

    pub fn is_breached(&self) -> bool {
        self.acknowledge.is_breached() || self.outcome.is_breached()
    }

    pub fn is_due_today(&self) -> bool {
        matches!(self.acknowledge, ClockStatus::DueToday { .. })
            || matches!(self.outcome, ClockStatus::DueToday { .. })
    }

    /// Sorts the most urgent first: breached (latest deadline passed longest ago
    /// first), then running by nearest deadline, then paused, not started and met.
    pub fn urgency(&self) -> (u8, i64) {
        match self.current().1 {
            ClockStatus::Breached { due, .. } => (0, due.deadline.timestamp()),
            ClockStatus::DueToday { due } | ClockStatus::OnTrack { due, .. } => (1, due.deadline.timestamp()),
            ClockStatus::Paused => (2, 0),
            ClockStatus::NotStarted => (3, 0),
            ClockStatus::Met(_) => (4, 0),
        }
    }
}

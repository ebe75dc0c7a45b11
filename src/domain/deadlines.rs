//! The two deadline clocks of a case: which is running, paused or met.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

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
        Self::with(
            case,
            &mut |since, days| policy.status(Timer::Running { since }, days, now),
            policy,
        )
    }

    /// The same as [`CaseClocks::of`], for many cases at one moment: see [`Clocks`].
    pub fn in_queue(case: &Case, clocks: &mut Clocks) -> Self {
        let policy = clocks.policy;
        Self::with(case, &mut |since, days| clocks.running(since, days), policy)
    }

    /// Both targets, with `running(since, days)` the status of a running one.
    fn with(
        case: &Case,
        running: &mut dyn FnMut(DateTime<Utc>, u32) -> ClockStatus,
        policy: &Policy,
    ) -> Self {
        let acknowledge = match case.verdict(Target::Acknowledge) {
            Some(v) => ClockStatus::Met(v.clone()),
            None if case.state == State::Received => running(case.complained_at, policy.acknowledge_days),
            None => ClockStatus::NotStarted,
        };
        let outcome = match (case.state, case.outcome_clock_since) {
            (State::InTreatment, Some(since)) => running(since, policy.outcome_days),
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

/// The running clocks of many cases at one moment, as the board derives
/// them: a running target's status depends only on the day (in Amsterdam) it
/// started and its length, and the cases of a queue started on a few dozen
/// days, so each day's working-day counting is done once.
#[derive(Debug)]
pub struct Clocks<'a> {
    policy: &'a Policy,
    now: DateTime<Utc>,
    known: HashMap<(NaiveDate, u32), ClockStatus>,
}

impl<'a> Clocks<'a> {
    pub fn new(policy: &'a Policy, now: DateTime<Utc>) -> Self {
        Clocks {
            policy,
            now,
            known: HashMap::new(),
        }
    }

    /// `policy.status(Timer::Running { since }, days, now)`.
    fn running(&mut self, since: DateTime<Utc>, days: u32) -> ClockStatus {
        let (policy, now) = (self.policy, self.now);
        self.known
            .entry((policy.local_date(since), days))
            .or_insert_with(|| policy.status(Timer::Running { since }, days, now))
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn a_queue_of_clocks_is_the_clocks_of_each_case() {
        let policy = Policy::default();
        let now: DateTime<Utc> = "2026-11-26T09:00:00Z".parse().unwrap();
        let mut clocks = Clocks::new(&policy, now);
        // Every quarter of an hour over five weeks, so that starts share days
        // and cross midnight, weekends and the deadlines' ends of day.
        for quarter in 0..(35 * 96) {
            let since = now - Duration::minutes(15 * quarter);
            for days in [0, 1, 2, 10] {
                assert_eq!(
                    clocks.running(since, days),
                    policy.status(Timer::Running { since }, days, now),
                    "{since} + {days}"
                );
            }
        }
    }
}

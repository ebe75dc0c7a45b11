//! The two deadline clocks of a case: which is running, paused or met.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::case::Target;
use super::clock::{ClockStatus, Policy, Timer};
use super::promise::{PromiseStatus, status_of};
use super::summary::Standing;
use super::workflow::State;

/// Both targets of one case at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseClocks {
    pub acknowledge: ClockStatus,
    pub outcome: ClockStatus,
    /// The outstanding promise due first, and where it stands: a deadline of its own.
    pub promise: Option<(DateTime<Utc>, PromiseStatus)>,
}

impl CaseClocks {
    pub fn of<C: Standing + ?Sized>(case: &C, policy: &Policy, now: DateTime<Utc>) -> Self {
        Self::with(
            case,
            &mut |since, days| match days {
                Some(days) => policy.status(Timer::Running { since }, days, now),
                None => policy.status(Timer::Paused { since }, 0, now),
            },
            policy,
            now,
        )
    }

    /// The same as [`CaseClocks::of`], for many cases at one moment: see [`Clocks`].
    pub fn in_queue<C: Standing + ?Sized>(case: &C, clocks: &mut Clocks) -> Self {
        let (policy, now) = (clocks.policy, clocks.now);
        Self::with(case, &mut |since, days| clocks.status(since, days), policy, now)
    }

    /// Both targets, with `status(since, Some(days))` the status of a running
    /// one and `status(since, None)` of one paused since `since`.
    fn with<C: Standing + ?Sized>(
        case: &C,
        status: &mut dyn FnMut(DateTime<Utc>, Option<u32>) -> ClockStatus,
        policy: &Policy,
        now: DateTime<Utc>,
    ) -> Self {
        let acknowledge = match case.verdict(Target::Acknowledge) {
            Some(v) => ClockStatus::Met(v.clone()),
            None if case.state() == State::Received => {
                status(case.complained_at(), Some(policy.acknowledge_days))
            }
            None => ClockStatus::NotStarted,
        };
        let outcome = match (case.state(), case.outcome_clock_since()) {
            (State::InTreatment, Some(since)) => status(since, Some(policy.outcome_days)),
            (State::Waiting, _) => status(case.waiting_since(), None),
            _ => match case.verdict(Target::Outcome) {
                Some(v) => ClockStatus::Met(v.clone()),
                None => ClockStatus::NotStarted,
            },
        };
        // A closed case owes nothing more on the desk's clocks.
        let promise = case
            .next_promise()
            .filter(|_| case.is_open())
            .map(|(due, _)| (due, status_of(due, None, policy, now)));
        Self {
            acknowledge,
            outcome,
            promise,
        }
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
        self.acknowledge.is_breached()
            || self.outcome.is_breached()
            || self.promise_is(PromiseStatus::Breached)
    }

    pub fn is_due_today(&self) -> bool {
        matches!(self.acknowledge, ClockStatus::DueToday { .. })
            || matches!(self.outcome, ClockStatus::DueToday { .. })
            || self.promise_is(PromiseStatus::DueToday)
    }

    fn promise_is(&self, status: PromiseStatus) -> bool {
        self.promise.is_some_and(|(_, s)| s == status)
    }

    /// Sorts the most urgent first: breached (latest deadline passed longest ago
    /// first), then running by nearest deadline, then paused, not started and
    /// met. An outstanding promise counts as a running deadline: the case
    /// sorts by whichever of its target and its promise is more urgent.
    pub fn urgency(&self) -> (u8, i64) {
        let promise = self.promise.map(|(due, status)| match status {
            PromiseStatus::Breached => (0, due.timestamp()),
            _ => (1, due.timestamp()),
        });
        let target = self.target_urgency();
        promise.map_or(target, |p| p.min(target))
    }

    /// Whether the outstanding promise is more urgent than the target, so
    /// that it is what a card shows.
    pub fn promise_leads(&self) -> bool {
        self.promise.is_some() && self.urgency() < self.target_urgency()
    }

    fn target_urgency(&self) -> (u8, i64) {
        match self.current().1 {
            ClockStatus::Breached { due, .. } => (0, due.deadline.timestamp()),
            ClockStatus::DueToday { due } | ClockStatus::OnTrack { due, .. } => (1, due.deadline.timestamp()),
            ClockStatus::Paused { since, .. } => (2, since.timestamp()),
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
    waited: HashMap<NaiveDate, ClockStatus>,
}

impl<'a> Clocks<'a> {
    pub fn new(policy: &'a Policy, now: DateTime<Utc>) -> Self {
        Clocks {
            policy,
            now,
            known: HashMap::new(),
            waited: HashMap::new(),
        }
    }

    /// `policy.status(Timer::Running { since }, days, now)`, or with `days`
    /// `None` of a clock paused since `since`.
    fn status(&mut self, since: DateTime<Utc>, days: Option<u32>) -> ClockStatus {
        let (policy, now) = (self.policy, self.now);
        let Some(days) = days else {
            let mut status = self
                .waited
                .entry(policy.local_date(since))
                .or_insert_with(|| policy.paused(since, now))
                .clone();
            // The days waited depend on the day only; the moment is the case's own.
            if let ClockStatus::Paused { since: at, .. } = &mut status {
                *at = since;
            }
            return status;
        };
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
                    clocks.status(since, Some(days)),
                    policy.status(Timer::Running { since }, days, now),
                    "{since} + {days}"
                );
            }
            assert_eq!(
                clocks.status(since, None),
                policy.status(Timer::Paused { since }, 0, now),
                "waiting since {since}"
            );
        }
    }
}

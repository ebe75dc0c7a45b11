//! A promise made to the complainant ("I'll call you back Thursday before
//! noon"): a deadline of its own, kept by logging the call back or marking it
//! done, moved only with a reason.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::clock::Policy;
use super::moment;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Promise {
    /// What was promised, in the operator's words.
    pub what: String,
    /// When it is due (after the last move, if it was moved).
    #[serde(with = "moment")]
    pub due: DateTime<Utc>,
    #[serde(with = "moment")]
    pub made_at: DateTime<Utc>,
    pub made_by: String,
    /// When it was kept; `None` while it is outstanding.
    #[serde(with = "moment::option")]
    pub kept_at: Option<DateTime<Utc>>,
    /// Each time it was moved, oldest first.
    #[serde(default)]
    pub moves: Vec<PromiseMove>,
}

/// A promise moved to another moment, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromiseMove {
    #[serde(with = "moment")]
    pub from: DateTime<Utc>,
    #[serde(with = "moment")]
    pub to: DateTime<Utc>,
    pub reason: String,
    #[serde(with = "moment")]
    pub at: DateTime<Utc>,
    pub by: String,
}

/// Where a promise stands at some moment: amber on its day, red once its
/// moment has passed, as the targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromiseStatus {
    OnTrack,
    DueToday,
    Breached,
    Kept { on_time: bool },
}

impl Promise {
    pub fn is_outstanding(&self) -> bool {
        self.kept_at.is_none()
    }

    /// Whether it was kept by its (last agreed) moment; `None` while outstanding.
    pub fn kept_on_time(&self) -> Option<bool> {
        self.kept_at.map(|kept| kept <= self.due)
    }

    pub fn status(&self, policy: &Policy, now: DateTime<Utc>) -> PromiseStatus {
        status_of(self.due, self.kept_on_time(), policy, now)
    }
}

/// The status of a promise due at `due`, kept (on time or not) or not.
pub fn status_of(
    due: DateTime<Utc>,
    kept_on_time: Option<bool>,
    policy: &Policy,
    now: DateTime<Utc>,
) -> PromiseStatus {
    match kept_on_time {
        Some(on_time) => PromiseStatus::Kept { on_time },
        None if now > due => PromiseStatus::Breached,
        None if policy.local_date(now) == policy.local_date(due) => PromiseStatus::DueToday,
        None => PromiseStatus::OnTrack,
    }
}

/// The outstanding promise due first, with its place among the case's promises.
pub fn next_outstanding(promises: &[Promise]) -> Option<(usize, &Promise)> {
    promises
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_outstanding())
        .min_by_key(|(i, p)| (p.due, *i))
}

/// "By when" when the operator says nothing: the end of the next working day.
pub fn default_due(policy: &Policy, now: DateTime<Utc>) -> DateTime<Utc> {
    policy.due(now, 1).deadline
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn promise(due: &str, kept: Option<&str>) -> Promise {
        Promise {
            what: "call back".into(),
            due: t(due),
            made_at: t("2026-12-01T08:00:00Z"),
            made_by: "anna".into(),
            kept_at: kept.map(t),
            moves: Vec::new(),
        }
    }

    #[test]
    fn by_default_a_promise_is_due_at_the_end_of_the_next_working_day() {
        let policy = Policy::default();
        // Friday 4 December 2026, 10:00 in Amsterdam: due Monday 17:00.
        assert_eq!(
            default_due(&policy, t("2026-12-04T09:00:00Z")),
            t("2026-12-07T16:00:00Z")
        );
        // Christmas Eve (Thursday): Christmas and Boxing Day are skipped.
        assert_eq!(
            default_due(&policy, t("2026-12-24T09:00:00Z")),
            t("2026-12-28T16:00:00Z")
        );
    }

    #[test]
    fn amber_on_its_day_red_once_past_and_kept_on_time_or_late() {
        let policy = Policy::default();
        let p = promise("2026-12-03T11:00:00Z", None);
        assert_eq!(
            p.status(&policy, t("2026-12-02T09:00:00Z")),
            PromiseStatus::OnTrack
        );
        assert_eq!(
            p.status(&policy, t("2026-12-03T07:00:00Z")),
            PromiseStatus::DueToday
        );
        assert_eq!(
            p.status(&policy, t("2026-12-03T11:00:00Z")),
            PromiseStatus::DueToday
        );
        assert_eq!(
            p.status(&policy, t("2026-12-03T11:00:01Z")),
            PromiseStatus::Breached
        );
        let on_time = promise("2026-12-03T11:00:00Z", Some("2026-12-03T10:59:00Z"));
        let late = promise("2026-12-03T11:00:00Z", Some("2026-12-03T12:00:00Z"));
        assert_eq!(on_time.kept_on_time(), Some(true));
        assert_eq!(late.kept_on_time(), Some(false));
        assert_eq!(
            late.status(&policy, t("2026-12-09T09:00:00Z")),
            PromiseStatus::Kept { on_time: false }
        );
    }

    #[test]
    fn the_next_promise_is_the_outstanding_one_due_first() {
        let promises = [
            promise("2026-12-01T11:00:00Z", Some("2026-12-01T10:00:00Z")),
            promise("2026-12-09T11:00:00Z", None),
            promise("2026-12-04T11:00:00Z", None),
        ];
        assert_eq!(next_outstanding(&promises).map(|(i, _)| i), Some(2));
        assert_eq!(next_outstanding(&promises[..1]), None);
    }
}

//! Patterns caught while they are small: the same root cause on the same
//! service, again and again within a few weeks. Root causes are compared
//! after [`normalise`] (case, blanks and a final full stop do not count).
//!
//! A case counts from the moment its cause was settled: when it was closed,
//! else when its outcome was communicated, else (a cause drafted on a case
//! still in treatment) when it was registered. Withdrawn cases do not count.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use super::case::{CaseId, Target};
use super::report::normalise;
use super::summary::Summary;

/// When a cause counts as recurring: `count` cases within `days` days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pattern {
    pub count: usize,
    pub days: u32,
}

impl Default for Pattern {
    fn default() -> Self {
        Pattern { count: 3, days: 30 }
    }
}

/// The moment case `s` counts at for its root cause; `None` when it has no
/// root cause or was withdrawn.
pub fn counted_at(s: &Summary) -> Option<DateTime<Utc>> {
    if s.withdrawn || s.root_cause.trim().is_empty() {
        return None;
    }
    let communicated = s
        .verdicts
        .iter()
        .rev()
        .find(|v| v.target == Target::Outcome)
        .map(|v| v.verdict.met_at);
    Some(s.closed_at.or(communicated).unwrap_or(s.registered_at))
}

/// Which of the cases case `id` is, on `service` with `root_cause` at `at`:
/// 1 plus the other cases with the same cause on that service counted in the
/// `days` days up to `at`.
pub fn nth<'a>(
    cases: impl IntoIterator<Item = &'a Summary>,
    id: CaseId,
    service: &str,
    root_cause: &str,
    at: DateTime<Utc>,
    days: u32,
) -> usize {
    let cause = normalise(root_cause);
    if cause.is_empty() {
        return 0;
    }
    let from = at - Duration::days(i64::from(days));
    let others = cases
        .into_iter()
        .filter(|s| s.id != id && s.service == service)
        .filter(|s| counted_at(s).is_some_and(|t| from <= t && t <= at))
        .filter(|s| normalise(&s.root_cause) == cause)
        .count();
    1 + others
}

/// The alert for case `id`: `Some(k)` when it is the k-th with that cause
/// within the pattern's days and k reaches the pattern's count.
pub fn alert<'a>(
    cases: impl IntoIterator<Item = &'a Summary>,
    id: CaseId,
    service: &str,
    root_cause: &str,
    at: DateTime<Utc>,
    pattern: Pattern,
) -> Option<usize> {
    let k = nth(cases, id, service, root_cause, at, pattern.days);
    (k >= pattern.count.max(1)).then_some(k)
}

/// The causes that recurred at some time: per (service, normalised cause),
/// the most cases found within the pattern's days, when that reaches its count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recurring(HashMap<(String, String), usize>);

impl Recurring {
    pub fn find<'a>(cases: impl IntoIterator<Item = &'a Summary>, pattern: Pattern) -> Recurring {
        let mut moments: HashMap<(String, String), Vec<DateTime<Utc>>> = HashMap::new();
        for s in cases {
            if let Some(at) = counted_at(s) {
                moments
                    .entry((s.service.clone(), normalise(&s.root_cause)))
                    .or_default()
                    .push(at);
            }
        }
        let window = Duration::days(i64::from(pattern.days));
        let most = moments.into_iter().filter_map(|(key, mut at)| {
            at.sort_unstable();
            // The widest run of moments no more than the window apart.
            let mut first = 0;
            let mut most = 0;
            for last in 0..at.len() {
                while at[last] - at[first] > window {
                    first += 1;
                }
                most = most.max(last + 1 - first);
            }
            (most >= pattern.count.max(1)).then_some((key, most))
        });
        Recurring(most.collect())
    }

    /// How many cases of this cause on `service` (as stored) fell within the
    /// days, if it recurred.
    pub fn of(&self, service: &str, root_cause: &str) -> Option<usize> {
        self.0.get(&(service.to_string(), normalise(root_cause))).copied()
    }

    /// The same, keyed by whatever `name` makes of a service (its name in a
    /// language), for lists that hold services by name.
    pub fn by_name(&self, name: impl Fn(&str) -> String) -> Recurring {
        Recurring(
            self.0
                .iter()
                .map(|((service, cause), n)| ((name(service), cause.clone()), *n))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::intake::Intake;
    use crate::domain::workflow::{Ctx, Rules, State, register};
    use chrono::TimeZone;

    fn day(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, 12, 0, 0).unwrap()
    }

    fn closed(seq: u32, service: &str, cause: &str, on: u32) -> Summary {
        let rules = Rules::default();
        let ctx = Ctx {
            now: day(1),
            actor: "anna",
            rules: &rules,
        };
        let intake = Intake {
            name: "Jan".into(),
            phone: "06-12345678".into(),
            service: service.into(),
            description: "Something went wrong.".into(),
            ..Intake::default()
        };
        let mut case = register(CaseId::new(2026, seq), &intake, &ctx)
            .expect("registers")
            .0;
        case.root_cause = cause.into();
        case.state = State::Closed;
        case.closed_at = Some(day(on));
        Summary::of(&case)
    }

    const SOC: &str = "Security monitoring (SOC)";

    #[test]
    fn the_same_cause_is_counted_whatever_its_case_and_spacing() {
        let cases = [
            closed(1, SOC, "Alert not escalated", 2),
            closed(2, SOC, "  alert   NOT escalated.", 10),
            closed(3, SOC, "Something else", 11),
            closed(4, "Other", "Alert not escalated", 12),
        ];
        let k = nth(
            &cases,
            CaseId::new(2026, 9),
            SOC,
            "alert not escalated",
            day(20),
            30,
        );
        assert_eq!(k, 3, "this one and the two of the same service and cause");
    }

    #[test]
    fn only_cases_within_the_days_count() {
        let cases = [
            closed(1, SOC, "Alert not escalated", 1),
            closed(2, SOC, "Alert not escalated", 25),
        ];
        let at = day(1) + Duration::days(31);
        assert_eq!(
            nth(&cases, CaseId::new(2026, 9), SOC, "Alert not escalated", at, 30),
            2
        );
        assert_eq!(
            nth(&cases, CaseId::new(2026, 9), SOC, "Alert not escalated", at, 31),
            3
        );
    }

    #[test]
    fn the_case_itself_and_cases_without_a_cause_count_once_or_not_at_all() {
        let cases = [
            closed(1, SOC, "Alert not escalated", 2),
            closed(2, SOC, "", 3),
            closed(9, SOC, "Alert not escalated", 4),
        ];
        assert_eq!(
            nth(
                &cases,
                CaseId::new(2026, 9),
                SOC,
                "Alert not escalated",
                day(5),
                30
            ),
            2
        );
        assert_eq!(nth(&cases, CaseId::new(2026, 9), SOC, "  ", day(5), 30), 0);
    }

    #[test]
    fn an_alert_from_the_patterns_count() {
        let two = [closed(1, SOC, "X", 2), closed(2, SOC, "x", 3)];
        let p = Pattern::default();
        assert_eq!(alert(&two[..1], CaseId::new(2026, 9), SOC, "X", day(5), p), None);
        assert_eq!(alert(&two, CaseId::new(2026, 9), SOC, "X", day(5), p), Some(3));
    }

    #[test]
    fn recurring_causes_are_those_with_enough_cases_in_some_window() {
        let cases = [
            closed(1, SOC, "Alert not escalated", 1),
            closed(2, SOC, "alert not escalated", 20),
            closed(3, SOC, "Alert not escalated.", 28),
            closed(4, SOC, "Slow reply", 1),
            closed(5, SOC, "Slow reply", 20),
        ];
        let found = Recurring::find(&cases, Pattern::default());
        assert_eq!(found.of(SOC, "ALERT not escalated"), Some(3));
        assert_eq!(found.of(SOC, "Slow reply"), None);
        let spread = Recurring::find(&cases, Pattern { count: 3, days: 10 });
        assert_eq!(spread.of(SOC, "Alert not escalated"), None);
        let named = found.by_name(|s| s.to_uppercase());
        assert_eq!(named.of(&SOC.to_uppercase(), "alert not escalated"), Some(3));
    }
}

//! The figures for a period: complaints received, open cases, admissibility,
//! deadlines met, breaches, satisfaction, remedies granted, repeat
//! complainants and root causes.
//!
//! Everything comes from what was recorded when it happened — the audit trail
//! and the verdicts stored with each case — never from a clock status computed
//! at the time of asking, so a report about a past period stays the same after
//! its cases move on. What describes the complaint itself (its date, service,
//! channel and contact) is read from the case as it stands, so that a late
//! registration or a corrected complaint date counts where it belongs.
//!
//! Percentiles are by nearest rank: the p-th percentile of n sorted values is
//! the value at rank ⌈p·n/100⌉ (the median is the lower middle value).

pub mod csv;
mod grouping;
mod period;
mod promises;
mod trail;

use std::collections::HashMap;

use chrono::{DateTime, Utc};

pub use period::{IsoWeek, Period, PeriodError, PeriodKind};
pub use promises::PromisesKept;
pub use trail::{Run, Stop, runs, state_before, value_after};

use super::case::{Case, CaseId, Channel, Satisfaction, Target};
use super::clock::Policy;
use super::event::Event;
use super::problem::Field;
use super::remedy::Granted;
use super::workflow::{Command, Rules, State};

/// Complaints received in one ISO week of the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekCount {
    pub week: IsoWeek,
    pub count: usize,
}

/// How one target fared among the verdicts recorded in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compliance {
    pub target: Target,
    /// The target in working days, as the policy sets it now.
    pub days: u32,
    /// Verdicts recorded in the period.
    pub met: usize,
    pub on_time: usize,
    /// Working days taken: the median and the 90th percentile, by nearest rank.
    pub median: Option<u32>,
    pub p90: Option<u32>,
}

/// A deadline breached in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breach {
    pub case: CaseId,
    pub target: Target,
    /// The last working day of the target.
    pub due: chrono::NaiveDate,
    /// When it was met late in the period; `None` when it was not met by the
    /// end of the period (or by now, for a period not yet over).
    pub met_at: Option<DateTime<Utc>>,
    /// Working days late: when met, or at the end of the period.
    pub working_days_late: u32,
}

/// One contact with more than one complaint in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeat {
    pub name: String,
    pub organisation: Option<String>,
    /// Their complaints in the period, oldest first.
    pub cases: Vec<CaseId>,
}

/// One root cause of one service, with the cases it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cause {
    /// As first written.
    pub text: String,
    pub cases: Vec<CaseId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceCauses {
    pub service: String,
    /// Most frequent first.
    pub causes: Vec<Cause>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub period: Period,
    /// The moment the figures stand at: the end of the period, or now when
    /// the period is not over yet.
    pub as_of: DateTime<Utc>,
    /// Complaints made in the period (by the complaint's date), per ISO week.
    pub weeks: Vec<WeekCount>,
    /// Per service, most complaints first.
    pub services: Vec<(String, usize)>,
    /// Per channel, every channel.
    pub channels: Vec<(Channel, usize)>,
    /// Open cases at the end of the period, per open state.
    pub open: Vec<(State, usize)>,
    /// Admissibility decisions made in the period.
    pub admissible: usize,
    pub not_admissible: usize,
    pub acknowledge: Compliance,
    pub outcome: Compliance,
    /// By due day, then case.
    pub breaches: Vec<Breach>,
    /// The satisfaction recorded at each closing in the period.
    pub satisfaction: Vec<(Satisfaction, usize)>,
    /// Of the outcomes communicated in the period to a complainant who said
    /// what they want, how many granted it, partly or not.
    pub remedy_granted: Vec<(Granted, usize)>,
    /// Most complaints first.
    pub repeats: Vec<Repeat>,
    /// The root causes of the outcomes communicated in the period, per service
    /// (by name).
    pub root_causes: Vec<ServiceCauses>,
    /// Promises to the complainant due in the period, and kept on time.
    pub promises: PromisesKept,
}

impl Report {
    /// The figures for `period` from every case and its audit trail, as they
    /// stand at `now`.
    pub fn compute(
        history: &[(Case, Vec<Event>)],
        period: Period,
        rules: &Rules,
        now: DateTime<Utc>,
    ) -> Report {
        let policy = &rules.policy;
        // The period as instants: from its first midnight to the one after it.
        let start = period.starts_at(policy);
        let end = period.ends_at(policy);
        let in_period = |t: DateTime<Utc>| start <= t && t < end;
        let as_of = end.min(now);

        let received: Vec<&Case> = {
            let mut cases: Vec<&Case> = history
                .iter()
                .map(|(c, _)| c)
                .filter(|c| in_period(c.complained_at))
                .collect();
            cases.sort_by_key(|c| (c.complained_at, c.id));
            cases
        };

        let mut admissible = 0;
        let mut not_admissible = 0;
        let mut satisfaction: HashMap<Satisfaction, usize> = HashMap::new();
        let mut granted: HashMap<Granted, usize> = HashMap::new();
        let mut causes: Vec<(DateTime<Utc>, CaseId, &str, String)> = Vec::new();
        let mut open: HashMap<State, usize> = HashMap::new();
        let mut breaches = Vec::new();
        for (case, events) in history {
            if let Some(state) = state_before(case, events, end)
                && state.is_open()
            {
                *open.entry(state).or_default() += 1;
            }
            let standing = crate::domain::undo::standing(events);
            for event in standing.into_iter().filter(|e| in_period(e.happened_at())) {
                match trail::command(event) {
                    Some(Command::TakeIntoTreatment { .. }) => admissible += 1,
                    Some(Command::DeclareNotAdmissible { .. }) => not_admissible += 1,
                    Some(Command::Close {
                        satisfaction: given, ..
                    }) => {
                        let recorded = value_after(events, Field::Satisfaction, event.seq)
                            .and_then(|slug| Satisfaction::ALL.into_iter().find(|s| s.slug() == slug));
                        if let Some(s) = recorded.or(*given).or(case.satisfaction) {
                            *satisfaction.entry(s).or_default() += 1;
                        }
                    }
                    Some(Command::CommunicateOutcome { root_cause, .. }) => {
                        // As the trail stood at the outcome: a remedy sought
                        // then, and the answer to it given with the step.
                        let sought =
                            value_after(events, Field::Remedy, event.seq).is_some_and(|s| !s.is_empty());
                        let answer =
                            value_after(events, Field::RemedyGranted, event.seq).and_then(Granted::from_slug);
                        if sought && let Some(g) = answer {
                            *granted.entry(g).or_default() += 1;
                        }
                        let text = value_after(events, Field::RootCause, event.seq)
                            .filter(|t| !t.trim().is_empty())
                            .or(Some(root_cause.as_str()).filter(|t| !t.trim().is_empty()))
                            .unwrap_or(case.root_cause.as_str());
                        if !text.trim().is_empty() {
                            causes.push((
                                event.happened_at(),
                                case.id,
                                case.service.as_str(),
                                text.trim().to_string(),
                            ));
                        }
                    }
                    _ => {}
                }
            }
            // A finished case that saw nothing in or after the period had no
            // clock running into it.
            if case.is_open() || events.last().is_none_or(|e| e.at >= start) {
                breaches.extend(case_breaches(case, events, period, policy, now));
            }
        }
        breaches.sort_by_key(|b| (b.due, b.case, b.target == Target::Outcome));

        Report {
            period,
            as_of,
            weeks: weeks(&received, period, policy),
            services: services(&received),
            channels: Channel::ALL
                .into_iter()
                .map(|ch| (ch, received.iter().filter(|c| c.channel == ch).count()))
                .collect(),
            open: State::OPEN
                .into_iter()
                .map(|s| (s, open.get(&s).copied().unwrap_or(0)))
                .collect(),
            admissible,
            not_admissible,
            acknowledge: compliance(history, Target::Acknowledge, policy.acknowledge_days, &in_period),
            outcome: compliance(history, Target::Outcome, policy.outcome_days, &in_period),
            breaches,
            satisfaction: Satisfaction::ALL
                .into_iter()
                .map(|s| (s, satisfaction.get(&s).copied().unwrap_or(0)))
                .collect(),
            remedy_granted: Granted::ALL
                .into_iter()
                .map(|g| (g, granted.get(&g).copied().unwrap_or(0)))
                .collect(),
            repeats: grouping::repeats(&received),
            root_causes: grouping::root_causes(causes),
            promises: promises::kept(history.iter().map(|(c, _)| c), &in_period, as_of),
        }
    }

    /// Complaints received in the period.
    pub fn received(&self) -> usize {
        self.weeks.iter().map(|w| w.count).sum()
    }

    /// Cases open at the end of the period.
    pub fn open_total(&self) -> usize {
        self.open.iter().map(|(_, n)| n).sum()
    }

    pub fn satisfaction_total(&self) -> usize {
        self.satisfaction.iter().map(|(_, n)| n).sum()
    }

    /// Outcomes in the period that answered a remedy sought.
    pub fn remedy_total(&self) -> usize {
        self.remedy_granted.iter().map(|(_, n)| n).sum()
    }
}

/// `part` of `whole` in whole percents, rounded half up; `None` of nothing.
pub fn percent(part: usize, whole: usize) -> Option<usize> {
    (whole > 0).then(|| (part * 200 + whole) / (whole * 2))
}

/// The nearest-rank `p`-th percentile of `sorted` (ascending).
pub fn nearest_rank(sorted: &[u32], p: usize) -> Option<u32> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

/// Root causes and learnings are counted together when they differ only in
/// case, surrounding or repeated blanks, or a final full stop.
pub fn normalise(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.join(" ").trim_end_matches('.').trim_end().to_lowercase()
}

fn weeks(received: &[&Case], period: Period, policy: &Policy) -> Vec<WeekCount> {
    let mut per_monday: HashMap<chrono::NaiveDate, usize> = HashMap::new();
    for case in received {
        *per_monday
            .entry(Period::monday_of(policy.local_date(case.complained_at)))
            .or_default() += 1;
    }
    period
        .weeks()
        .into_iter()
        .map(|week| WeekCount {
            week,
            count: per_monday.get(&week.monday).copied().unwrap_or(0),
        })
        .collect()
}

fn services(received: &[&Case]) -> Vec<(String, usize)> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for case in received {
        *counts.entry(case.service.as_str()).or_default() += 1;
    }
    let mut counts: Vec<(String, usize)> = counts.into_iter().map(|(s, n)| (s.to_string(), n)).collect();
    counts.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| a.0.to_lowercase().cmp(&b.0.to_lowercase()))
            .then_with(|| a.0.cmp(&b.0))
    });
    counts
}

fn compliance(
    history: &[(Case, Vec<Event>)],
    target: Target,
    days: u32,
    in_period: &dyn Fn(DateTime<Utc>) -> bool,
) -> Compliance {
    let verdicts: Vec<_> = history
        .iter()
        .flat_map(|(c, _)| c.verdicts.iter())
        .filter(|v| v.target == target && in_period(v.verdict.met_at))
        .map(|v| &v.verdict)
        .collect();
    let mut taken: Vec<u32> = verdicts.iter().map(|v| v.working_days_taken).collect();
    taken.sort_unstable();
    Compliance {
        target,
        days,
        met: verdicts.len(),
        on_time: verdicts.iter().filter(|v| v.on_time).count(),
        median: nearest_rank(&taken, 50),
        p90: nearest_rank(&taken, 90),
    }
}

/// The case's deadlines breached in the period: met late in it, or due in it
/// and not met by its end (or by now, for a period not yet over).
fn case_breaches(
    case: &Case,
    events: &[Event],
    period: Period,
    policy: &Policy,
    now: DateTime<Utc>,
) -> Vec<Breach> {
    let mut found = Vec::new();
    for v in case.verdicts.iter().filter(|v| !v.verdict.on_time) {
        if period.contains(policy.local_date(v.verdict.met_at)) {
            found.push(Breach {
                case: case.id,
                target: v.target,
                due: v.verdict.due.day,
                met_at: Some(v.verdict.met_at),
                working_days_late: v.verdict.working_days_late,
            });
        }
    }
    let today = policy.local_date(now);
    for run in runs(case, events, policy) {
        if !period.contains(run.due.day) || !run.breached(now) {
            continue;
        }
        let met_in_time_for_the_report = run.met_at().is_some_and(|at| policy.local_date(at) <= period.to);
        if met_in_time_for_the_report {
            continue;
        }
        let stopped = run
            .end
            .filter(|(_, how)| *how != Stop::Met)
            .map(|(at, _)| policy.local_date(at));
        let until = [Some(period.to), Some(today), stopped]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(today);
        found.push(Breach {
            case: case.id,
            target: run.target,
            due: run.due.day,
            met_at: None,
            working_days_late: policy.calendar.working_days_between(run.due.day, until),
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        assert_eq!(nearest_rank(&[], 50), None);
        assert_eq!(nearest_rank(&[4], 90), Some(4));
        // n = 4: the median is rank 2, p90 rank ⌈3.6⌉ = 4.
        assert_eq!(nearest_rank(&[1, 2, 3, 9], 50), Some(2));
        assert_eq!(nearest_rank(&[1, 2, 3, 9], 90), Some(9));
        // n = 10: p90 is rank 9.
        let ten: Vec<u32> = (1..=10).collect();
        assert_eq!(nearest_rank(&ten, 90), Some(9));
        assert_eq!(nearest_rank(&ten, 50), Some(5));
    }

    #[test]
    fn percentages_round_half_up() {
        assert_eq!(percent(0, 0), None);
        assert_eq!(percent(1, 3), Some(33));
        assert_eq!(percent(2, 3), Some(67));
        assert_eq!(percent(1, 8), Some(13));
        assert_eq!(percent(3, 3), Some(100));
    }

    #[test]
    fn normalised_texts() {
        assert_eq!(
            normalise("  Escalation  list outdated. "),
            "escalation list outdated"
        );
        assert_eq!(normalise("ESCALATION list outdated"), "escalation list outdated");
    }
}

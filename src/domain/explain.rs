//! A deadline explained: which clock runs for a case, from which moment (the
//! step and its time), every day from the start to the result counted or
//! skipped and why, the end of the working day and the result; for a paused
//! clock since when; and the verdicts recorded for the targets already met.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc, Weekday};

use super::calendar::HolidayKind;
use super::case::{Case, Satisfaction, Target, TargetVerdict};
use super::clock::{ClockStatus, Due, Policy};
use super::deadlines::CaseClocks;
use super::summary::{Standing, Summary};
use super::workflow::Step;

/// Why a day does not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOff {
    Weekend(Weekday),
    /// A public holiday or a configured closing day.
    Holiday(HolidayKind),
}

/// What one day of the count is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayCount {
    /// The day the clock started: it never counts, whatever the time of day.
    Start {
        /// The start came after the working day had ended.
        after_end_of_day: bool,
        /// The start fell on a day off.
        off: Option<DayOff>,
    },
    /// The n-th working day counted.
    Counted(u32),
    Skipped(DayOff),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub date: NaiveDate,
    pub count: DayCount,
}

/// How a target of `days` working days started at `start` comes to its due moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueExplained {
    pub start: DateTime<Utc>,
    pub days: u32,
    /// Every day from the start day to the due day, in order.
    pub day_by_day: Vec<Day>,
    pub end_of_day: NaiveTime,
    pub due: Due,
}

/// Explains [`Policy::due`] for a target of `days` working days started at `start`.
pub fn explain_due(policy: &Policy, start: DateTime<Utc>, days: u32) -> DueExplained {
    let calendar = &policy.calendar;
    let why_off = |date: NaiveDate| {
        calendar.day_off(date).map(DayOff::Holiday).or_else(|| {
            matches!(date.weekday(), Weekday::Sat | Weekday::Sun).then(|| DayOff::Weekend(date.weekday()))
        })
    };
    let first = policy.local_date(start);
    let mut day_by_day = vec![Day {
        date: first,
        count: DayCount::Start {
            after_end_of_day: start >= policy.local_to_utc(first, policy.end_of_day),
            off: why_off(first),
        },
    }];
    let mut counted = 0;
    let mut date = first;
    while counted < days {
        let Some(next) = date.succ_opt() else { break };
        date = next;
        let count = match why_off(date) {
            Some(off) => DayCount::Skipped(off),
            None => {
                counted += 1;
                DayCount::Counted(counted)
            }
        };
        day_by_day.push(Day { date, count });
    }
    DueExplained {
        start,
        days,
        day_by_day,
        end_of_day: policy.end_of_day,
        due: policy.due(start, days),
    }
}

/// What started a clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Began {
    /// The acknowledgement clock runs from the moment of the complaint.
    Complaint,
    Step(Step),
    /// The outcome clock runs, but what started it is not known here.
    Unknown,
}

/// The clock that matters now for a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClockExplained {
    Running {
        began: Began,
        due: DueExplained,
        /// Where it stands now: on track, due today or breached.
        status: ClockStatus,
    },
    /// Waiting for information: the outcome clock does not run.
    Paused {
        since: DateTime<Utc>,
        working_days_waiting: u32,
        /// The length it starts again with, in full, when the information comes in.
        days: u32,
    },
    /// No clock runs (the target met, the case finished or not yet taken on).
    Stopped,
}

/// A case's deadline explained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineExplained {
    pub target: Target,
    pub clock: ClockExplained,
    /// The verdicts recorded when targets were met, oldest first.
    pub verdicts: Vec<TargetVerdict>,
}

/// A case, or its summary, that can tell what started its outcome clock.
pub trait ClockStart: Standing {
    /// The step that started the running outcome clock, if that can be told.
    fn outcome_started_by(&self) -> Option<Step>;
}

impl ClockStart for Case {
    fn outcome_started_by(&self) -> Option<Step> {
        let since = self.outcome_clock_since?;
        if self.info_requests.iter().any(|r| r.received_at == Some(since)) {
            Some(Step::InformationReceived)
        } else if self.satisfaction == Some(Satisfaction::Unsatisfied)
            && self.outcome_communicated_at.is_some()
        {
            Some(Step::Reopen)
        } else if self
            .admissibility
            .as_ref()
            .is_some_and(|a| a.admissible && a.decided_at == since)
        {
            Some(Step::TakeIntoTreatment)
        } else {
            None
        }
    }
}

impl ClockStart for Summary {
    fn outcome_started_by(&self) -> Option<Step> {
        // A summary keeps no information requests: only the admission is told apart.
        let since = self.outcome_clock_since?;
        self.admissibility
            .as_ref()
            .is_some_and(|a| a.admissible && a.decided_at == since)
            .then_some(Step::TakeIntoTreatment)
    }
}

/// The clock that matters now for `case` at `now`, explained.
pub fn explain_case<C: ClockStart + ?Sized>(
    case: &C,
    policy: &Policy,
    now: DateTime<Utc>,
) -> DeadlineExplained {
    let clocks = CaseClocks::of(case, policy, now);
    let (target, status) = clocks.current();
    let clock = match status {
        ClockStatus::Paused {
            since,
            working_days_waiting,
            ..
        } => ClockExplained::Paused {
            since: *since,
            working_days_waiting: *working_days_waiting,
            days: policy.outcome_days,
        },
        status if status.is_running() => {
            let (began, since, days) = match target {
                Target::Acknowledge => (
                    Began::Complaint,
                    Some(case.complained_at()),
                    policy.acknowledge_days,
                ),
                Target::Outcome => (
                    case.outcome_started_by().map_or(Began::Unknown, Began::Step),
                    case.outcome_clock_since(),
                    policy.outcome_days,
                ),
            };
            match since {
                Some(since) => ClockExplained::Running {
                    began,
                    due: explain_due(policy, since, days),
                    status: status.clone(),
                },
                None => ClockExplained::Stopped,
            }
        }
        _ => ClockExplained::Stopped,
    };
    DeadlineExplained {
        target,
        clock,
        verdicts: case.verdicts().to_vec(),
    }
}

/// What saving a step now would make of a clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhatIf {
    /// The clock (re)starts in full and is due then.
    Due { target: Target, due: Due },
    /// The clock stops until the information comes in.
    Pauses { target: Target },
}

/// What `step` done at `at` makes of a clock; `None` for a step that moves none.
pub fn what_if(step: Step, at: DateTime<Utc>, policy: &Policy) -> Option<WhatIf> {
    let target = Target::Outcome;
    match step {
        Step::TakeIntoTreatment | Step::InformationReceived | Step::Reopen => Some(WhatIf::Due {
            target,
            due: policy.due(at, policy.outcome_days),
        }),
        Step::RequestInformation => Some(WhatIf::Pauses { target }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::{CalendarSettings, WorkCalendar};
    use DayCount::{Counted, Skipped, Start};
    use DayOff::{Holiday, Weekend};

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    /// An Amsterdam local time, "YYYY-MM-DD HH:MM".
    fn ams(policy: &Policy, text: &str) -> DateTime<Utc> {
        let (date, time) = text.split_once(' ').unwrap();
        policy.local_to_utc(d(date), NaiveTime::parse_from_str(time, "%H:%M").unwrap())
    }

    fn counts(explained: &DueExplained) -> Vec<(NaiveDate, DayCount)> {
        explained
            .day_by_day
            .iter()
            .map(|day| (day.date, day.count))
            .collect()
    }

    fn start(after_end_of_day: bool, off: Option<DayOff>) -> DayCount {
        Start {
            after_end_of_day,
            off,
        }
    }

    #[test]
    fn whit_monday_is_skipped_by_its_name_and_the_weekend_by_its_days() {
        let p = Policy::default();
        // Friday 22 May 2026; Whit Monday is 25 May.
        let e = explain_due(&p, ams(&p, "2026-05-22 10:00"), 2);
        assert_eq!(
            counts(&e),
            [
                (d("2026-05-22"), start(false, None)),
                (d("2026-05-23"), Skipped(Weekend(Weekday::Sat))),
                (d("2026-05-24"), Skipped(Holiday(HolidayKind::WhitSunday))),
                (d("2026-05-25"), Skipped(Holiday(HolidayKind::WhitMonday))),
                (d("2026-05-26"), Counted(1)),
                (d("2026-05-27"), Counted(2)),
            ]
        );
        assert_eq!(e.due, p.due(e.start, 2));
        assert_eq!(e.due.day, d("2026-05-27"));
    }

    #[test]
    fn a_closing_day_is_skipped() {
        let p = Policy {
            calendar: WorkCalendar::new(CalendarSettings {
                closing_days: vec![d("2026-12-24")],
                ..CalendarSettings::default()
            }),
            ..Policy::default()
        };
        let e = explain_due(&p, ams(&p, "2026-12-23 09:00"), 2);
        assert_eq!(
            counts(&e)[1..],
            [
                (d("2026-12-24"), Skipped(Holiday(HolidayKind::ClosingDay))),
                (d("2026-12-25"), Skipped(Holiday(HolidayKind::ChristmasDay))),
                (d("2026-12-26"), Skipped(Holiday(HolidayKind::BoxingDay))),
                (d("2026-12-27"), Skipped(Weekend(Weekday::Sun))),
                (d("2026-12-28"), Counted(1)),
                (d("2026-12-29"), Counted(2)),
            ]
        );
        assert_eq!(e.due.day, d("2026-12-29"));
    }

    #[test]
    fn a_start_after_the_end_of_the_working_day_is_marked_and_changes_nothing() {
        let p = Policy::default();
        let late = explain_due(&p, ams(&p, "2026-11-23 17:30"), 2);
        let early = explain_due(&p, ams(&p, "2026-11-23 09:30"), 2);
        assert_eq!(late.day_by_day[0].count, start(true, None));
        assert_eq!(early.day_by_day[0].count, start(false, None));
        assert_eq!(late.due.day, d("2026-11-25"));
        assert_eq!(late.due.day, early.due.day);
        assert_eq!(late.due.deadline, ams(&p, "2026-11-25 17:00"));
    }

    #[test]
    fn a_weekend_start_is_a_day_off_that_does_not_count() {
        let p = Policy::default();
        let e = explain_due(&p, ams(&p, "2026-11-21 11:00"), 2);
        assert_eq!(
            counts(&e),
            [
                (d("2026-11-21"), start(false, Some(Weekend(Weekday::Sat)))),
                (d("2026-11-22"), Skipped(Weekend(Weekday::Sun))),
                (d("2026-11-23"), Counted(1)),
                (d("2026-11-24"), Counted(2)),
            ]
        );
    }

    #[test]
    fn the_day_by_day_count_agrees_with_the_due_date() {
        let p = Policy::default();
        let mut start = ams(&p, "2026-01-01 08:00");
        for _ in 0..400 {
            for days in [0, 1, 2, 10] {
                let e = explain_due(&p, start, days);
                assert_eq!(e.due, p.due(start, days));
                assert_eq!(e.day_by_day.last().unwrap().date, e.due.day, "{start} + {days}");
                let counted = e
                    .day_by_day
                    .iter()
                    .filter(|d| matches!(d.count, Counted(_)))
                    .count();
                assert_eq!(counted, days as usize);
            }
            start += chrono::Duration::hours(22);
        }
    }
}

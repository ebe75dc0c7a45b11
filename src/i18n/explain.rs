//! A deadline explained in words: the clock, from which moment, the days
//! counted and skipped (each day off by its name), the end of the working
//! day and the result. One text for the command line and the board.

use crate::domain::case::{CaseId, Target};
use crate::domain::explain::{
    Began, ClockExplained, DayCount, DayOff, DeadlineExplained, DueExplained, WhatIf,
};

use super::{Lang, T, clock, date, date_short, datetime, holiday_key, step_key, target_key, time, weekday};

/// The days from the start to the due day, one a line, then the rules that
/// made them and the result.
pub fn due_explained(lang: Lang, e: &DueExplained) -> Vec<String> {
    let end = e.end_of_day.format("%H:%M").to_string();
    let why = |off: DayOff, date| match off {
        DayOff::Weekend(_) => weekday(lang, date),
        DayOff::Holiday(kind) => lang.t(holiday_key(kind)).to_string(),
    };
    let mut lines: Vec<String> = e
        .day_by_day
        .iter()
        .map(|day| {
            let what = match day.count {
                DayCount::Start { off: Some(off), .. } => {
                    lang.fill(T::ExplainStartOff, &[("why", &why(off, day.date))])
                }
                DayCount::Start {
                    after_end_of_day: true,
                    ..
                } => lang.fill(T::ExplainStartLate, &[("time", &end)]),
                DayCount::Start { .. } => lang.t(T::ExplainStartDay).to_string(),
                DayCount::Counted(n) => lang.fill(T::ExplainCounted, &[("n", &n)]),
                DayCount::Skipped(off) => lang.fill(T::ExplainSkipped, &[("why", &why(off, day.date))]),
            };
            format!("  {:<17}{what}", date(lang, day.date))
        })
        .collect();
    lines.push(lang.t(T::ExplainStartRule).to_string());
    lines.push(lang.fill(T::ExplainEndOfDay, &[("time", &end)]));
    lines.push(lang.fill(T::ExplainDue, &[("at", &datetime(lang, e.due.deadline))]));
    lines
}

/// The clock that matters now for case `id`, then the verdicts recorded.
pub fn deadline_explained(lang: Lang, id: CaseId, e: &DeadlineExplained) -> Vec<String> {
    let mut lines = vec![lang.fill(T::ExplainTitle, &[("id", &id)]), String::new()];
    match &e.clock {
        ClockExplained::Running { began, due, status } => {
            let heading = match e.target {
                Target::Acknowledge => T::ExplainClockAcknowledge,
                Target::Outcome => T::ExplainClockOutcome,
            };
            lines.push(lang.fill(heading, &[("days", &due.days)]));
            let at = datetime(lang, due.start);
            lines.push(match began {
                Began::Complaint => lang.fill(T::ExplainFromComplaint, &[("at", &at)]),
                Began::Step(step) => lang.fill(
                    T::ExplainFromStep,
                    &[("step", &lang.t(step_key(*step))), ("at", &at)],
                ),
                Began::Unknown => lang.fill(T::ExplainFromMoment, &[("at", &at)]),
            });
            lines.extend(due_explained(lang, due));
            lines.push(lang.fill(T::ExplainNow, &[("status", &clock(lang, status))]));
        }
        ClockExplained::Paused {
            since,
            working_days_waiting,
            days,
        } => {
            lines.push(lang.fill(
                T::ExplainPaused,
                &[("at", &datetime(lang, *since)), ("days", working_days_waiting)],
            ));
            lines.push(lang.fill(T::ExplainPausedRestart, &[("days", days)]));
        }
        ClockExplained::Stopped => lines.push(lang.t(T::ExplainStopped).to_string()),
    }
    lines.push(String::new());
    if e.verdicts.is_empty() {
        lines.push(lang.t(T::ExplainNoVerdicts).to_string());
        return lines;
    }
    lines.push(lang.t(T::ExplainVerdicts).to_string());
    for recorded in &e.verdicts {
        let v = &recorded.verdict;
        let met = crate::domain::clock::ClockStatus::Met(v.clone());
        lines.push(format!(
            "  {}",
            lang.fill(
                T::ExplainVerdict,
                &[
                    ("target", &lang.t(target_key(recorded.target))),
                    ("days", &v.days),
                    ("start", &datetime(lang, v.started_at)),
                    ("due", &datetime(lang, v.due.deadline)),
                    ("verdict", &clock(lang, &met)),
                ],
            )
        ));
    }
    lines
}

/// The line a step's form shows: what saving it now makes of the clock.
pub fn what_if(lang: Lang, what: &WhatIf) -> String {
    match what {
        WhatIf::Due { target, due } => lang.fill(
            T::WhatIfDue,
            &[
                ("target", &lang.t(target_key(*target))),
                (
                    "at",
                    &format!("{} {}", date_short(lang, due.day), time(due.deadline)),
                ),
            ],
        ),
        WhatIf::Pauses { target } => lang.fill(T::WhatIfPaused, &[("target", &lang.t(target_key(*target)))]),
    }
}

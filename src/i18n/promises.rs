//! Promises to the complainant in words: when one is due, as an operator
//! says it on the phone (`today 12:00`, `tomorrow 17:00`, `Thu 3 Dec 12:00`),
//! its badge, its lines in the case pane and the audit trail.

use chrono::{DateTime, Utc};

use super::{Lang, T, date_short, datetime, time};
use crate::domain::clock::Policy;
use crate::domain::promise::{Promise, PromiseStatus};

/// When `due` is, seen from `now`: today, tomorrow, or the day and date.
pub fn promise_when(lang: Lang, due: DateTime<Utc>, now: DateTime<Utc>, policy: &Policy) -> String {
    let (day, today) = (policy.local_date(due), policy.local_date(now));
    let at = time(due);
    if day == today {
        lang.fill(T::PromiseToday, &[("time", &at)])
    } else if today.succ_opt() == Some(day) {
        lang.fill(T::PromiseTomorrow, &[("time", &at)])
    } else {
        format!("{} {at}", date_short(lang, day))
    }
}

/// The badge of an outstanding promise: `call back today 12:00`, or late.
pub fn promise_badge(
    lang: Lang,
    what: &str,
    due: DateTime<Utc>,
    status: PromiseStatus,
    now: DateTime<Utc>,
    policy: &Policy,
) -> String {
    let when = promise_when(lang, due, now, policy);
    let what = crate::sanitize::one_line(what);
    let key = if status == PromiseStatus::Breached {
        T::PromiseBadgeLate
    } else {
        T::PromiseBadge
    };
    lang.fill(key, &[("what", &what), ("when", &when)])
}

/// One promise as a choice in a form: `call back · today 12:00`.
pub fn promise_option(lang: Lang, promise: &Promise, now: DateTime<Utc>, policy: &Policy) -> String {
    let when = promise_when(lang, promise.due, now, policy);
    let what = crate::sanitize::one_line(&promise.what);
    lang.fill(T::PromiseOption, &[("what", &what), ("when", &when)])
}

/// The lines of one promise in the case pane: where it stands, then each move.
pub fn promise_lines(lang: Lang, promise: &Promise) -> Vec<String> {
    let what = crate::sanitize::one_line(&promise.what);
    let due = datetime(lang, promise.due);
    let first = match (promise.kept_at, promise.kept_on_time()) {
        (Some(kept), Some(true)) => lang.fill(
            T::PromiseKeptOnTime,
            &[("what", &what), ("when", &datetime(lang, kept))],
        ),
        (Some(kept), _) => lang.fill(
            T::PromiseKeptLate,
            &[("what", &what), ("when", &datetime(lang, kept)), ("due", &due)],
        ),
        (None, _) => lang.fill(T::PromiseOutstanding, &[("what", &what), ("when", &due)]),
    };
    let moves = promise.moves.iter().map(|m| {
        lang.fill(
            T::PromiseMoved,
            &[
                ("from", &datetime(lang, m.from)),
                ("to", &datetime(lang, m.to)),
                ("by", &crate::sanitize::one_line(&m.by)),
                ("reason", &crate::sanitize::one_line(&m.reason)),
            ],
        )
    });
    std::iter::once(first).chain(moves).collect()
}

/// The outstanding promises as the audit trail records them (`due | what`
/// per line), in words: `call back: due Thu 3 Dec 2026 12:00; …`.
pub fn audited(lang: Lang, raw: &str) -> String {
    raw.lines()
        .map(|line| match line.split_once(" | ") {
            Some((due, what)) => match DateTime::parse_from_rfc3339(due) {
                Ok(due) => lang.fill(
                    T::PromiseOutstanding,
                    &[
                        ("what", &what),
                        ("when", &datetime(lang, due.with_timezone(&Utc))),
                    ],
                ),
                Err(_) => line.to_string(),
            },
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

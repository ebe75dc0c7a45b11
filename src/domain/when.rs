//! Reading the moments operators type: `now`, `today 9:30`, `yesterday`,
//! `2026-11-20 14:00`, `20-11-2026`, RFC 3339. Local times are Amsterdam time.
//! Only years from 2000 to 2099 are dates: case numbers carry the year, and a
//! year outside these is a typing error (`06-12-26` would be the year 6).

use std::ops::RangeInclusive;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};

use super::clock::Policy;

/// The years a date may fall in (local time).
pub const YEARS: RangeInclusive<i32> = 2000..=2099;

/// The moment `text` names, relative to `now`; `None` when it is not understood
/// or its local year lies outside [`YEARS`].
pub fn parse_moment(text: &str, now: DateTime<Utc>, policy: &Policy) -> Option<DateTime<Utc>> {
    moment(text, now, policy).filter(|t| YEARS.contains(&policy.local_date(*t).year()))
}

fn moment(text: &str, now: DateTime<Utc>, policy: &Policy) -> Option<DateTime<Utc>> {
    let text = text.trim().to_lowercase();
    if matches!(text.as_str(), "now" | "nu") {
        return Some(now);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(&text.to_uppercase()) {
        return Some(t.with_timezone(&Utc));
    }
    let today = policy.local_date(now);
    let mut words = text.split_whitespace();
    let first = words.next()?;
    let relative = match first {
        "today" | "vandaag" => Some(today),
        "yesterday" | "gisteren" => today.pred_opt(),
        _ => None,
    };
    if let Some(day) = relative {
        let time = match (words.next(), words.next()) {
            (None, _) => NaiveTime::MIN,
            (Some(t), None) => parse_time(t)?,
            _ => return None,
        };
        return Some(policy.local_to_utc(day, time));
    }
    if let Some(time) = parse_time(&text) {
        return Some(policy.local_to_utc(today, time));
    }
    let local = parse_local(&text)?;
    Some(policy.local_to_utc(local.date(), local.time()))
}

/// A local date and time without a zone: `YYYY-MM-DD[ HH:MM[:SS]]` (also with `T`)
/// or `DD-MM-YYYY[ HH:MM]`, in one of [`YEARS`].
pub fn parse_local(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    let (date, time) = match text.split_once(['T', 't', ' ']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (text, None),
    };
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(date, "%d-%m-%Y"))
        .ok()
        .filter(|d| YEARS.contains(&d.year()))?;
    let time = match time {
        None => NaiveTime::MIN,
        Some(t) => parse_time(t)?,
    };
    Some(date.and_time(time))
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
        .or_else(|_| NaiveTime::parse_from_str(text, "%H.%M"))
        .ok()
}

/// A duration in whole hours, rounded down, never negative.
pub fn whole_hours(d: Duration) -> u32 {
    u32::try_from(d.num_hours().max(0)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        // Thursday 26 November 2026, 10:15 in Amsterdam (UTC+1).
        Utc.with_ymd_and_hms(2026, 11, 26, 9, 15, 0).unwrap()
    }

    fn at(text: &str) -> Option<String> {
        parse_moment(text, now(), &Policy::default()).map(|t| t.to_rfc3339())
    }

    #[test]
    fn words_operators_type() {
        assert_eq!(at("now"), Some(now().to_rfc3339()));
        assert_eq!(at("today 9:30").as_deref(), Some("2026-11-26T08:30:00+00:00"));
        assert_eq!(at("Vandaag 09:30").as_deref(), Some("2026-11-26T08:30:00+00:00"));
        assert_eq!(at("yesterday").as_deref(), Some("2026-11-24T23:00:00+00:00"));
        assert_eq!(at("gisteren 16:45").as_deref(), Some("2026-11-25T15:45:00+00:00"));
        assert_eq!(at("8:05").as_deref(), Some("2026-11-26T07:05:00+00:00"));
    }

    #[test]
    fn iso_and_dutch_dates() {
        assert_eq!(at("2026-11-20").as_deref(), Some("2026-11-19T23:00:00+00:00"));
        assert_eq!(
            at("2026-11-20T14:00").as_deref(),
            Some("2026-11-20T13:00:00+00:00")
        );
        assert_eq!(
            at("2026-07-20 14:00").as_deref(),
            Some("2026-07-20T12:00:00+00:00")
        );
        assert_eq!(
            at("20-11-2026 14:00").as_deref(),
            Some("2026-11-20T13:00:00+00:00")
        );
        assert_eq!(
            at("2026-11-20T14:00:00+01:00").as_deref(),
            Some("2026-11-20T13:00:00+00:00")
        );
    }

    #[test]
    fn nonsense_is_not_a_moment() {
        for text in [
            "",
            "tomorrowish",
            "today 25:00",
            "2026-13-01",
            "yesterday 9:30 pm",
            "32-01-2026",
        ] {
            assert_eq!(at(text), None, "{text}");
        }
    }

    #[test]
    fn years_outside_2000_to_2099_and_two_digit_years_are_not_dates() {
        for text in [
            "06-12-26 10:00",
            "26-12-06",
            "0999-01-01",
            "1999-12-31 23:59",
            "2100-01-01",
            "31-12-1999",
            "9999-12-31T23:30Z",
            "9999-12-31T23:30:00Z",
            // 23:30 UTC is already 2100 in Amsterdam.
            "2099-12-31T23:30:00Z",
            "1999-12-31T22:59:59Z",
        ] {
            assert_eq!(at(text), None, "{text}");
        }
        for (text, utc) in [
            ("2000-01-01", "1999-12-31T23:00:00+00:00"),
            ("1999-12-31T23:00:00Z", "1999-12-31T23:00:00+00:00"),
            ("31-12-2099 23:59", "2099-12-31T22:59:00+00:00"),
        ] {
            assert_eq!(at(text).as_deref(), Some(utc), "{text}");
        }
    }
}

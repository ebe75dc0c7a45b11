//! Reading the "by when" of a promise as operators say it to a caller:
//! `tomorrow`, `thu 12:00`, `vrijdag`, `2026-12-10 12:00`, or nothing for the
//! default. A day without a time means the end of that working day; a weekday
//! means the next such day (today if it is that day).

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};

use super::clock::Policy;
use super::promise::default_due;
use super::when::{parse_local, parse_moment};

/// The moment `text` names as a promise's due moment; blank gives the
/// default (the end of the next working day). `None` when not understood.
pub fn parse_due(text: &str, now: DateTime<Utc>, policy: &Policy) -> Option<DateTime<Utc>> {
    let text = text.trim().to_lowercase();
    if text.is_empty() {
        return Some(default_due(policy, now));
    }
    let mut words = text.split_whitespace();
    let first = words.next()?;
    if let Some(day) = day_word(first, policy.local_date(now)) {
        let time = match (words.next(), words.next()) {
            (None, _) => policy.end_of_day,
            (Some(t), None) => time(t)?,
            _ => return None,
        };
        return Some(policy.local_to_utc(day, time));
    }
    // A date alone is the end of that day, not its first minute.
    if !text.contains([' ', 't', ':'])
        && let Some(local) = parse_local(&text)
    {
        return Some(policy.local_to_utc(local.date(), policy.end_of_day));
    }
    parse_moment(&text, now, policy)
}

fn day_word(word: &str, today: NaiveDate) -> Option<NaiveDate> {
    let word = word.trim_end_matches('.');
    match word {
        "today" | "vandaag" => return Some(today),
        "tomorrow" | "morgen" => return today.succ_opt(),
        _ => {}
    }
    let weekday = [
        (Weekday::Mon, ["mon", "monday", "ma", "maandag"]),
        (Weekday::Tue, ["tue", "tuesday", "di", "dinsdag"]),
        (Weekday::Wed, ["wed", "wednesday", "wo", "woensdag"]),
        (Weekday::Thu, ["thu", "thursday", "do", "donderdag"]),
        (Weekday::Fri, ["fri", "friday", "vr", "vrijdag"]),
        (Weekday::Sat, ["sat", "saturday", "za", "zaterdag"]),
        (Weekday::Sun, ["sun", "sunday", "zo", "zondag"]),
    ]
    .into_iter()
    .find(|(_, names)| names.contains(&word))?
    .0;
    let ahead = (7 + weekday.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
    Some(today + Duration::days(i64::from(ahead)))
}

fn time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H.%M"))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        // Tuesday 1 December 2026, 10:15 in Amsterdam (UTC+1).
        "2026-12-01T09:15:00Z".parse().unwrap()
    }

    fn due(text: &str) -> Option<String> {
        parse_due(text, now(), &Policy::default()).map(|t| t.to_rfc3339())
    }

    #[test]
    fn what_operators_say_to_a_caller() {
        let wednesday_five = Some("2026-12-02T16:00:00+00:00".to_string());
        assert_eq!(due(""), wednesday_five);
        assert_eq!(due("tomorrow"), wednesday_five);
        assert_eq!(due("Morgen"), wednesday_five);
        assert_eq!(due("thu 12:00").as_deref(), Some("2026-12-03T11:00:00+00:00"));
        assert_eq!(
            due("donderdag 12.00").as_deref(),
            Some("2026-12-03T11:00:00+00:00")
        );
        assert_eq!(due("tue 16:00").as_deref(), Some("2026-12-01T15:00:00+00:00"));
        assert_eq!(due("mon").as_deref(), Some("2026-12-07T16:00:00+00:00"));
        assert_eq!(due("2026-12-10").as_deref(), Some("2026-12-10T16:00:00+00:00"));
        assert_eq!(
            due("2026-12-10 12:00").as_deref(),
            Some("2026-12-10T11:00:00+00:00")
        );
        assert_eq!(due("15:00").as_deref(), Some("2026-12-01T14:00:00+00:00"));
        for nonsense in ["thursdayish", "thu noon", "tomorrow 9 am", "32-12-2026"] {
            assert_eq!(due(nonsense), None, "{nonsense}");
        }
    }
}

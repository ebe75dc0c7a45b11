//! Amsterdam local time in tests, written as a person reads it.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;

/// Amsterdam local time, "YYYY-MM-DD HH:MM", as UTC.
pub fn ams(text: &str) -> DateTime<Utc> {
    let local = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap();
    Amsterdam
        .from_local_datetime(&local)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

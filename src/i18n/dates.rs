//! Dates and times as the operator reads them: Amsterdam time, in their language.

use chrono::{DateTime, Locale, NaiveDate, Utc};
use chrono_tz::Europe::Amsterdam;

use super::Lang;

fn locale(lang: Lang) -> Locale {
    match lang {
        Lang::En => Locale::en_GB,
        Lang::Nl => Locale::nl_NL,
    }
}

/// `Thu 26 Nov 2026 10:15` / `do 26 nov 2026 10:15`.
pub fn datetime(lang: Lang, t: DateTime<Utc>) -> String {
    t.with_timezone(&Amsterdam)
        .format_localized("%a %-d %b %Y %H:%M", locale(lang))
        .to_string()
}

/// `Thu 26 Nov 2026` / `do 26 nov 2026`.
pub fn date(lang: Lang, d: NaiveDate) -> String {
    d.format_localized("%a %-d %b %Y", locale(lang)).to_string()
}

/// `Thu 26 Nov` / `do 26 nov`: a date this year, short.
pub fn date_short(lang: Lang, d: NaiveDate) -> String {
    d.format_localized("%a %-d %b", locale(lang)).to_string()
}

/// `Saturday` / `zaterdag`: the day of the week in full.
pub fn weekday(lang: Lang, d: NaiveDate) -> String {
    d.format_localized("%A", locale(lang)).to_string()
}

/// `10:15`, Amsterdam time.
pub fn time(t: DateTime<Utc>) -> String {
    t.with_timezone(&Amsterdam).format("%H:%M").to_string()
}

/// A moment as machines and scripts read it: ISO 8601 in Amsterdam time.
pub fn iso_local(t: DateTime<Utc>) -> String {
    t.with_timezone(&Amsterdam).format("%Y-%m-%d %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn dates_in_the_operators_language() {
        let t = Utc.with_ymd_and_hms(2026, 11, 26, 9, 15, 0).unwrap();
        assert_eq!(datetime(Lang::En, t), "Thu 26 Nov 2026 10:15");
        assert_eq!(datetime(Lang::Nl, t), "do 26 nov 2026 10:15");
        assert_eq!(time(t), "10:15");
        let summer = Utc.with_ymd_and_hms(2026, 7, 1, 15, 0, 0).unwrap();
        assert_eq!(iso_local(summer), "2026-07-01 17:00");
    }
}

//! Dutch working days: public holidays, optional days off and company closing days.

use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};
use serde::{Deserialize, Serialize};

/// Whether Liberation Day (5 May) is a day off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum LiberationDay {
    /// Never a day off.
    #[default]
    Never,
    /// A day off in years divisible by five (2025, 2030, …).
    EveryFifthYear,
    /// A day off every year.
    EveryYear,
}

/// The company-specific part of the working-day calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct CalendarSettings {
    /// Whether Good Friday is a day off.
    pub good_friday_off: bool,
    /// When Liberation Day is a day off.
    pub liberation_day: LiberationDay,
    /// Extra company closing days; always days off.
    #[serde(with = "serde_date::vec")]
    pub closing_days: Vec<NaiveDate>,
}

/// Why a day is off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HolidayKind {
    NewYear,
    GoodFriday,
    EasterSunday,
    EasterMonday,
    KingsDay,
    LiberationDay,
    Ascension,
    WhitSunday,
    WhitMonday,
    ChristmasDay,
    BoxingDay,
    ClosingDay,
}

/// A day off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    pub kind: HolidayKind,
}

/// Decides which days are working days.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WorkCalendar {
    settings: CalendarSettings,
    /// `settings.closing_days`, sorted and deduplicated for binary search.
    closing_days: Vec<NaiveDate>,
}

/// Days relative to Easter Sunday that can be days off.
const EASTER_OFFSETS: [i64; 6] = [-2, 0, 1, 39, 49, 50];

impl WorkCalendar {
    /// A calendar with the given settings.
    pub fn new(settings: CalendarSettings) -> Self {
        let mut closing_days = settings.closing_days.clone();
        closing_days.sort_unstable();
        closing_days.dedup();
        Self {
            settings,
            closing_days,
        }
    }

    /// The settings this calendar was made with.
    pub fn settings(&self) -> &CalendarSettings {
        &self.settings
    }

    /// Days off in `year` (the holidays enabled by the settings and the closing
    /// days in that year), sorted by date, one entry per date. Weekend days are
    /// listed only when they are a day off in their own right (Easter Sunday,
    /// Whit Sunday, a holiday that falls on a weekend).
    pub fn holidays(&self, year: i32) -> Vec<Holiday> {
        let fixed = [(1, 1), (4, 26), (4, 27), (5, 5), (12, 25), (12, 26)]
            .into_iter()
            .filter_map(|(month, day)| NaiveDate::from_ymd_opt(year, month, day));
        let easter = easter_opt(year).into_iter().flat_map(|easter| {
            EASTER_OFFSETS
                .into_iter()
                .filter_map(move |offset| easter.checked_add_signed(TimeDelta::days(offset)))
        });
        let start = self.closing_days.partition_point(|d| d.year() < year);
        let end = self.closing_days.partition_point(|d| d.year() <= year);
        let closing = self.closing_days[start..end].iter().copied();

        // Candidates are classified by `day_off`, so the list always agrees with
        // `is_working_day`, including which kind wins when two coincide.
        let mut days: Vec<Holiday> = fixed
            .chain(easter)
            .chain(closing)
            .filter_map(|date| self.day_off(date).map(|kind| Holiday { date, kind }))
            .collect();
        days.sort_by_key(|h| h.date);
        days.dedup_by_key(|h| h.date);
        days
    }

    /// Monday–Friday and not a day off.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && self.day_off(date).is_none()
    }

    /// The `n`th working day strictly after `date` (`date` itself never counts).
    /// `n == 0` returns `date`. Stops at chrono's last representable date.
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> NaiveDate {
        let mut day = date;
        let mut left = n;
        while left > 0 {
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// The number of working days `d` with `from < d <= to`; 0 when `to <= from`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        if to <= from {
            return 0;
        }
        let count = from
            .iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| self.is_working_day(*d))
            .count();
        u32::try_from(count).unwrap_or(u32::MAX)
    }

    /// Why `date` is a day off, weekends aside. When two reasons coincide
    /// (Ascension on 5 May, a closing day on a holiday) the public holiday wins.
    pub fn day_off(&self, date: NaiveDate) -> Option<HolidayKind> {
        use HolidayKind as K;
        let fixed = match (date.month(), date.day()) {
            (1, 1) => Some(K::NewYear),
            (4, 27) if date.weekday() != Weekday::Sun => Some(K::KingsDay),
            (4, 26) if date.weekday() == Weekday::Sat => Some(K::KingsDay),
            (12, 25) => Some(K::ChristmasDay),
            (12, 26) => Some(K::BoxingDay),
            _ => None,
        };
        fixed
            .or_else(|| self.easter_day_off(date))
            .or_else(|| {
                let off = match self.settings.liberation_day {
                    LiberationDay::Never => false,
                    LiberationDay::EveryFifthYear => date.year().rem_euclid(5) == 0,
                    LiberationDay::EveryYear => true,
                };
                (off && (date.month(), date.day()) == (5, 5)).then_some(K::LiberationDay)
            })
            .or_else(|| {
                self.closing_days
                    .binary_search(&date)
                    .is_ok()
                    .then_some(K::ClosingDay)
            })
    }

    fn easter_day_off(&self, date: NaiveDate) -> Option<HolidayKind> {
        // Good Friday (from 20 March) to Whit Monday (until 14 June).
        if !(3..=6).contains(&date.month()) {
            return None;
        }
        let easter = easter_opt(date.year())?;
        match (date - easter).num_days() {
            -2 if self.settings.good_friday_off => Some(HolidayKind::GoodFriday),
            0 => Some(HolidayKind::EasterSunday),
            1 => Some(HolidayKind::EasterMonday),
            39 => Some(HolidayKind::Ascension),
            49 => Some(HolidayKind::WhitSunday),
            50 => Some(HolidayKind::WhitMonday),
            _ => None,
        }
    }
}

/// Easter Sunday of `year` in the Gregorian calendar (anonymous / Meeus–Jones–Butcher).
///
/// # Panics
/// When `year` is outside the range of [`NaiveDate`].
pub fn easter_sunday(year: i32) -> NaiveDate {
    easter_opt(year).expect("year outside chrono's date range")
}

fn easter_opt(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let (d, e) = (b.div_euclid(4), b.rem_euclid(4));
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    NaiveDate::from_ymd_opt(year, (n / 31) as u32, (n % 31 + 1) as u32)
}

/// Serde helpers storing a [`NaiveDate`] as `"YYYY-MM-DD"`, the same text as
/// chrono's own `serde` feature (not enabled for this crate).
pub mod serde_date {
    use chrono::NaiveDate;
    use serde::{Deserializer, Serializer, de::Error};

    /// Writes the date as `"YYYY-MM-DD"`.
    pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(date)
    }

    /// Reads a `"YYYY-MM-DD"` date. Every verdict of every stored case holds
    /// one, so the plain form is read without allocating and without chrono's
    /// general parser; anything else is left to that parser, as before.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        deserializer.deserialize_str(DateVisitor)
    }

    struct DateVisitor;

    impl serde::de::Visitor<'_> for DateVisitor {
        type Value = NaiveDate;

        // What `String::deserialize` says, so a mistake reads as it did.
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: Error>(self, text: &str) -> Result<NaiveDate, E> {
            plain(text).map_or_else(|| text.parse().map_err(E::custom), Ok)
        }
    }

    /// `text.parse()` when `text` is a valid date written `YYYY-MM-DD`.
    pub(super) fn plain(text: &str) -> Option<NaiveDate> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let number = |digits: &[u8]| {
            digits.iter().try_fold(0u32, |n, &d| {
                d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
            })
        };
        let year = i32::try_from(number(&b[..4])?).ok()?;
        NaiveDate::from_ymd_opt(year, number(&b[5..7])?, number(&b[8..])?)
    }

    /// The same for a `Vec<NaiveDate>`.
    pub mod vec {
        use chrono::NaiveDate;
        use serde::{Deserialize, Deserializer, Serializer, de::Error};

        /// Writes the dates as a sequence of `"YYYY-MM-DD"` strings.
        pub fn serialize<S: Serializer>(dates: &[NaiveDate], serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(dates.iter().map(ToString::to_string))
        }

        /// Reads a sequence of `"YYYY-MM-DD"` strings.
        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<NaiveDate>, D::Error> {
            Vec::<String>::deserialize(deserializer)?
                .iter()
                .map(|text| text.parse().map_err(D::Error::custom))
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use HolidayKind as K;
    use proptest::prelude::*;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn dates(text: &str) -> Vec<NaiveDate> {
        text.split_whitespace().map(d).collect()
    }

    fn with(good_friday_off: bool, liberation_day: LiberationDay) -> WorkCalendar {
        let closing_days = vec![];
        WorkCalendar::new(CalendarSettings {
            good_friday_off,
            liberation_day,
            closing_days,
        })
    }

    fn days_off(cal: &WorkCalendar, year: i32) -> Vec<(NaiveDate, HolidayKind)> {
        cal.holidays(year).iter().map(|h| (h.date, h.kind)).collect()
    }

    #[test]
    fn easter_sunday_known_years() {
        let known = dates(
            "1583-04-10 1818-03-22 1943-04-25 1961-04-02 2000-04-23 2008-03-23 2019-04-21 \
             2024-03-31 2025-04-20 2026-04-05 2027-03-28 2028-04-16 2029-04-01 2030-04-21 \
             2038-04-25 2285-03-22",
        );
        for date in known {
            assert_eq!(easter_sunday(date.year()), date);
        }
        for year in 1583..=9999 {
            let easter = easter_sunday(year);
            assert_eq!(easter.weekday(), Weekday::Sun, "{year}");
            let (first, last) = (d(&format!("{year}-03-22")), d(&format!("{year}-04-25")));
            assert!((first..=last).contains(&easter), "{year}");
        }
    }

    #[test]
    fn public_holidays_2024_to_2030() {
        // New Year, Easter Sunday and Monday, King's Day, Ascension, Whit Sunday and Monday, Christmas.
        let table = "
            2024-01-01 2024-03-31 2024-04-01 2024-04-27 2024-05-09 2024-05-19 2024-05-20 2024-12-25 2024-12-26
            2025-01-01 2025-04-20 2025-04-21 2025-04-26 2025-05-29 2025-06-08 2025-06-09 2025-12-25 2025-12-26
            2026-01-01 2026-04-05 2026-04-06 2026-04-27 2026-05-14 2026-05-24 2026-05-25 2026-12-25 2026-12-26
            2027-01-01 2027-03-28 2027-03-29 2027-04-27 2027-05-06 2027-05-16 2027-05-17 2027-12-25 2027-12-26
            2028-01-01 2028-04-16 2028-04-17 2028-04-27 2028-05-25 2028-06-04 2028-06-05 2028-12-25 2028-12-26
            2029-01-01 2029-04-01 2029-04-02 2029-04-27 2029-05-10 2029-05-20 2029-05-21 2029-12-25 2029-12-26
            2030-01-01 2030-04-21 2030-04-22 2030-04-27 2030-05-30 2030-06-09 2030-06-10 2030-12-25 2030-12-26";
        let kinds = [
            K::NewYear,
            K::EasterSunday,
            K::EasterMonday,
            K::KingsDay,
            K::Ascension,
            K::WhitSunday,
            K::WhitMonday,
            K::ChristmasDay,
            K::BoxingDay,
        ];
        let cal = WorkCalendar::default();
        for line in table.trim().lines() {
            let expected: Vec<_> = dates(line).into_iter().zip(kinds).collect();
            let year = expected[0].0.year();
            assert_eq!(days_off(&cal, year), expected, "{year}");
            assert!(expected.iter().all(|(date, _)| !cal.is_working_day(*date)));
        }
    }

    #[test]
    fn kings_day_moves_to_saturday_when_27_april_is_a_sunday() {
        let cal = WorkCalendar::default();
        for year in [2025, 2031] {
            assert_eq!(d(&format!("{year}-04-27")).weekday(), Weekday::Sun);
            let kings: Vec<_> = days_off(&cal, year)
                .into_iter()
                .filter(|h| h.1 == K::KingsDay)
                .collect();
            assert_eq!(kings, [(d(&format!("{year}-04-26")), K::KingsDay)]);
            assert!(cal.is_working_day(d(&format!("{year}-04-28"))));
        }
        // 2026: the 27th is a Monday and is off; Friday the 24th is not.
        assert!(!cal.is_working_day(d("2026-04-27")));
        assert!(cal.is_working_day(d("2026-04-24")));
    }

    #[test]
    fn good_friday_only_when_enabled() {
        let fridays = dates("2024-03-29 2025-04-18 2026-04-03 2027-03-26 2028-04-14 2029-03-30 2030-04-19");
        let (default, off) = (WorkCalendar::default(), with(true, LiberationDay::Never));
        for friday in fridays {
            assert!(default.is_working_day(friday), "{friday}");
            assert!(
                !days_off(&default, friday.year())
                    .iter()
                    .any(|h| h.1 == K::GoodFriday)
            );
            assert!(!off.is_working_day(friday), "{friday}");
            assert!(days_off(&off, friday.year()).contains(&(friday, K::GoodFriday)));
        }
    }

    #[test]
    fn liberation_day_settings() {
        let never = WorkCalendar::default();
        let fifth = with(false, LiberationDay::EveryFifthYear);
        let every = with(false, LiberationDay::EveryYear);
        let listed = |cal: &WorkCalendar, year| {
            days_off(cal, year).contains(&(d(&format!("{year}-05-05")), K::LiberationDay))
        };
        // 5 May 2025 is a Monday, 5 May 2026 a Tuesday.
        assert!(never.is_working_day(d("2025-05-05")));
        assert!(!fifth.is_working_day(d("2025-05-05")));
        assert!(fifth.is_working_day(d("2026-05-05")));
        assert!(!every.is_working_day(d("2026-05-05")));
        for year in 2024..=2030 {
            assert!(!listed(&never, year));
            assert_eq!(listed(&fifth, year), year == 2025 || year == 2030, "{year}");
            assert!(listed(&every, year));
        }
        // 2016: Ascension fell on 5 May; listed once, as the public holiday.
        let may5: Vec<_> = days_off(&every, 2016)
            .into_iter()
            .filter(|h| h.0 == d("2016-05-05"))
            .collect();
        assert_eq!(may5, [(d("2016-05-05"), K::Ascension)]);
    }

    #[test]
    fn closing_days() {
        let cal = WorkCalendar::new(CalendarSettings {
            closing_days: dates("2026-05-15 2025-12-31 2026-12-25 2026-05-15"),
            ..CalendarSettings::default()
        });
        assert!(!cal.is_working_day(d("2026-05-15")));
        assert!(!cal.is_working_day(d("2025-12-31")));
        assert!(WorkCalendar::default().is_working_day(d("2026-05-15")));
        let list = days_off(&cal, 2026);
        assert!(list.contains(&(d("2026-05-15"), K::ClosingDay)));
        assert!(list.contains(&(d("2026-12-25"), K::ChristmasDay)));
        assert_eq!(list.len(), 10);
        assert_eq!(
            days_off(&cal, 2025).last(),
            Some(&(d("2025-12-31"), K::ClosingDay))
        );
        assert_eq!(cal.settings().closing_days.len(), 4);
        // Ascension Thursday and the closing Friday: Wednesday + 1 is Monday.
        assert_eq!(cal.add_working_days(d("2026-05-13"), 1), d("2026-05-18"));
    }

    #[test]
    fn holidays_agree_with_is_working_day() {
        let cal = WorkCalendar::new(CalendarSettings {
            good_friday_off: true,
            liberation_day: LiberationDay::EveryFifthYear,
            closing_days: dates("2027-07-01 2027-07-03"),
        });
        for year in 2015..=2040 {
            let list = cal.holidays(year);
            assert!(list.windows(2).all(|w| w[0].date < w[1].date));
            for date in d(&format!("{year}-01-01"))
                .iter_days()
                .take_while(|x| x.year() == year)
            {
                let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
                let listed = list.iter().any(|h| h.date == date);
                assert_eq!(cal.is_working_day(date), !weekend && !listed, "{date}");
            }
        }
    }

    #[test]
    fn add_working_days_examples() {
        let cases = "
            2026-01-09  1 2026-01-12  Friday + 1 is Monday
            2026-01-09  5 2026-01-16
            2026-01-12  2 2026-01-14
            2026-01-09  0 2026-01-09  n = 0 is the date itself
            2026-04-02  1 2026-04-03  Easter 2026: Good Friday is a working day by default,
            2026-04-02  2 2026-04-07  Easter Monday is not
            2026-05-13  1 2026-05-15  Ascension Thursday 14 May
            2026-05-13  2 2026-05-18
            2026-05-22  1 2026-05-26  Whit Monday 25 May
            2026-05-22 10 2026-06-08
            2025-12-23  2 2025-12-29  Christmas on Thursday and Friday
            2025-12-24  1 2025-12-29
            2025-12-24  2 2025-12-30
            2025-12-31  1 2026-01-02  New Year on Thursday
            2025-12-24 10 2026-01-12
            2026-01-03  1 2026-01-05  from a Saturday: the start day never counts
            2026-01-04  2 2026-01-06  from a Sunday
            2026-04-06  1 2026-04-07  from Easter Monday
            2026-04-27  1 2026-04-28  from King's Day";
        let cal = WorkCalendar::default();
        for line in cases.trim().lines() {
            let words: Vec<_> = line.split_whitespace().collect();
            let (from, n, expected) = (d(words[0]), words[1].parse().unwrap(), d(words[2]));
            assert_eq!(cal.add_working_days(from, n), expected, "{from} + {n}");
        }
        let good_friday = with(true, LiberationDay::Never);
        assert_eq!(good_friday.add_working_days(d("2026-04-02"), 1), d("2026-04-07"));
        assert_eq!(good_friday.add_working_days(d("2026-04-02"), 2), d("2026-04-08"));
    }

    #[test]
    fn working_days_between_examples() {
        let cal = WorkCalendar::default();
        let between = |from, to| cal.working_days_between(d(from), d(to));
        assert_eq!(between("2026-01-12", "2026-01-12"), 0);
        assert_eq!(between("2026-01-16", "2026-01-12"), 0);
        assert_eq!(between("2026-01-12", "2026-01-16"), 4);
        assert_eq!(between("2026-01-16", "2026-01-19"), 1);
        assert_eq!(between("2026-01-17", "2026-01-18"), 0);
        assert_eq!(between("2025-12-24", "2025-12-29"), 1);
        // 261 weekdays minus six weekday holidays.
        assert_eq!(between("2025-12-31", "2026-12-31"), 255);
    }

    #[test]
    fn extreme_dates_do_not_panic() {
        let cal = with(true, LiberationDay::EveryYear);
        assert_eq!(cal.add_working_days(NaiveDate::MAX, 1), NaiveDate::MAX);
        assert_eq!(cal.working_days_between(NaiveDate::MAX, NaiveDate::MIN), 0);
        let _ = cal.is_working_day(NaiveDate::MIN);
        let _ = cal.is_working_day(NaiveDate::MAX);
        assert_eq!(cal.holidays(1583).len(), 11);
        assert_eq!(cal.holidays(9999).len(), 11);
        assert!(cal.holidays(i32::MAX).is_empty());
    }

    #[test]
    fn settings_serialize_and_default() {
        let settings = CalendarSettings {
            good_friday_off: true,
            liberation_day: LiberationDay::EveryFifthYear,
            closing_days: dates("2026-05-15"),
        };
        let json = serde_json::to_string(&settings).unwrap();
        let expected =
            r#"{"good_friday_off":true,"liberation_day":"every_fifth_year","closing_days":["2026-05-15"]}"#;
        assert_eq!(json, expected);
        let parse = serde_json::from_str::<CalendarSettings>;
        assert_eq!(parse(&json).unwrap(), settings);
        assert_eq!(parse("{}").unwrap(), CalendarSettings::default());
        assert!(parse(r#"{"closing_days":["2026-13-01"]}"#).is_err());
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (0u64..40_000).prop_map(|n| d("2000-01-01") + chrono::Days::new(n))
    }

    fn any_calendar() -> impl Strategy<Value = WorkCalendar> {
        let liberation = prop_oneof![
            Just(LiberationDay::Never),
            Just(LiberationDay::EveryFifthYear),
            Just(LiberationDay::EveryYear),
        ];
        let closing = prop::collection::vec(any_date(), 0..20);
        (any::<bool>(), liberation, closing).prop_map(|(good_friday_off, liberation_day, closing_days)| {
            WorkCalendar::new(CalendarSettings {
                good_friday_off,
                liberation_day,
                closing_days,
            })
        })
    }

    #[test]
    fn dates_read_as_chrono_reads_them() {
        for text in [
            "2026-11-26",
            "0000-01-01",
            "9999-12-31",
            "2024-02-29",
            "2025-02-29",
            "2026-13-01",
        ] {
            let ours: Result<NaiveDate, serde_json::Error> =
                serde_json::from_str(&format!("\"{text}\"")).map(|w: Wrapped| w.0);
            assert_eq!(ours.ok(), text.parse::<NaiveDate>().ok(), "{text}");
        }
        let wrong = serde_json::from_str::<Wrapped>("5").unwrap_err().to_string();
        assert!(wrong.contains("expected a string"), "{wrong}");
        let config = bincode::config::standard();
        let bytes = bincode::serde::encode_to_vec(Wrapped(d("2026-03-30")), config).unwrap();
        let (back, _): (Wrapped, usize) = bincode::serde::decode_from_slice(&bytes, config).unwrap();
        assert_eq!(back.0, d("2026-03-30"));
    }

    #[derive(Debug, serde::Serialize, serde::Deserialize)]
    struct Wrapped(#[serde(with = "serde_date")] NaiveDate);

    proptest! {
        #[test]
        fn plain_dates_are_what_chrono_parses(text in "[0-9-]{10}|[0-9]{4}-[0-9]{2}-[0-9]{2}") {
            if let Some(date) = serde_date::plain(&text) {
                prop_assert_eq!(Ok(date), text.parse::<NaiveDate>());
            }
        }

        #[test]
        fn added_day_is_a_later_working_day(cal in any_calendar(), date in any_date(), n in 1u32..400) {
            let due = cal.add_working_days(date, n);
            prop_assert!(due > date);
            prop_assert!(cal.is_working_day(due));
            prop_assert_eq!(cal.working_days_between(date, due), n);
            prop_assert_eq!(cal.working_days_between(date, due.pred_opt().unwrap()), n - 1);
        }

        #[test]
        fn add_working_days_is_monotonic(
            cal in any_calendar(), a in any_date(), b in any_date(), n in 0u32..400,
        ) {
            let (early, late) = if a <= b { (a, b) } else { (b, a) };
            prop_assert!(cal.add_working_days(early, n) <= cal.add_working_days(late, n));
        }
    }
}

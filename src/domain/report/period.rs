//! The stretch of time a report is about: whole local (Amsterdam) days, from
//! and to inclusive, and how to step to the period before or after it.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveTime, Utc};

use crate::domain::clock::Policy;

/// What kind of period, so that stepping keeps its length: a month steps to
/// the month before, a custom period by its own number of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PeriodKind {
    Month,
    Quarter,
    Year,
    Custom,
}

impl PeriodKind {
    /// The kind's name in JSON and CSV.
    pub fn slug(self) -> &'static str {
        match self {
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Year => "year",
            PeriodKind::Custom => "custom",
        }
    }
}

/// Local dates `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub kind: PeriodKind,
}

/// Why a custom period cannot be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodError {
    FromAfterTo { from: NaiveDate, to: NaiveDate },
}

/// One ISO week of a period: its number, and its Monday (which may lie before
/// the period when the period starts mid-week).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IsoWeek {
    pub year: i32,
    pub week: u32,
    pub monday: NaiveDate,
}

impl IsoWeek {
    /// `2026-W45`.
    pub fn label(&self) -> String {
        format!("{}-W{:02}", self.year, self.week)
    }
}

impl Period {
    /// The calendar month `day` is in.
    pub fn month_of(day: NaiveDate) -> Period {
        let from = day.with_day(1).unwrap_or(day);
        let to = from
            .checked_add_months(Months::new(1))
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX);
        Period {
            from,
            to,
            kind: PeriodKind::Month,
        }
    }

    /// The quarter (January–March, …) `day` is in.
    pub fn quarter_of(day: NaiveDate) -> Period {
        let first_month = (day.month0() / 3) * 3 + 1;
        let from = NaiveDate::from_ymd_opt(day.year(), first_month, 1).unwrap_or(day);
        let to = from
            .checked_add_months(Months::new(3))
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX);
        Period {
            from,
            to,
            kind: PeriodKind::Quarter,
        }
    }

    /// The calendar year `day` is in.
    pub fn year_of(day: NaiveDate) -> Period {
        let from = NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day);
        let to = NaiveDate::from_ymd_opt(day.year(), 12, 31).unwrap_or(NaiveDate::MAX);
        Period {
            from,
            to,
            kind: PeriodKind::Year,
        }
    }

    pub fn this_month(today: NaiveDate) -> Period {
        Period::month_of(today)
    }

    pub fn last_month(today: NaiveDate) -> Period {
        Period::month_of(today).prev()
    }

    pub fn this_quarter(today: NaiveDate) -> Period {
        Period::quarter_of(today)
    }

    pub fn this_year(today: NaiveDate) -> Period {
        Period::year_of(today)
    }

    /// Any stretch of whole days, `from` not after `to`.
    pub fn custom(from: NaiveDate, to: NaiveDate) -> Result<Period, PeriodError> {
        if from > to {
            return Err(PeriodError::FromAfterTo { from, to });
        }
        Ok(Period {
            from,
            to,
            kind: PeriodKind::Custom,
        })
    }

    /// The period of `kind` that holds `day`; a custom one keeps this one's length.
    pub fn of_kind(self, kind: PeriodKind, day: NaiveDate) -> Period {
        match kind {
            PeriodKind::Month => Period::month_of(day),
            PeriodKind::Quarter => Period::quarter_of(day),
            PeriodKind::Year => Period::year_of(day),
            PeriodKind::Custom => self,
        }
    }

    /// The next kind in the cycle month → quarter → year → month, holding `from`.
    pub fn cycle_kind(self) -> Period {
        let next = match self.kind {
            PeriodKind::Month => PeriodKind::Quarter,
            PeriodKind::Quarter => PeriodKind::Year,
            PeriodKind::Year | PeriodKind::Custom => PeriodKind::Month,
        };
        self.of_kind(next, self.from)
    }

    /// How many days the period has.
    /// The first moment of the period: its first day's midnight, there.
    pub fn starts_at(self, policy: &Policy) -> DateTime<Utc> {
        policy.local_to_utc(self.from, NaiveTime::MIN)
    }

    /// The moment after the period: the midnight after its last day.
    pub fn ends_at(self, policy: &Policy) -> DateTime<Utc> {
        self.to.succ_opt().map_or(DateTime::<Utc>::MAX_UTC, |d| {
            policy.local_to_utc(d, NaiveTime::MIN)
        })
    }

    pub fn days(self) -> u64 {
        u64::try_from((self.to - self.from).num_days() + 1).unwrap_or(1)
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// The period of the same kind just before this one (itself at the edge of time).
    pub fn prev(self) -> Period {
        let before = match self.kind {
            PeriodKind::Month => self.from.checked_sub_months(Months::new(1)),
            PeriodKind::Quarter => self.from.checked_sub_months(Months::new(3)),
            PeriodKind::Year => self.from.checked_sub_months(Months::new(12)),
            PeriodKind::Custom => {
                let len = Days::new(self.days());
                return match (self.from.checked_sub_days(len), self.to.checked_sub_days(len)) {
                    (Some(from), Some(to)) => Period { from, to, ..self },
                    _ => self,
                };
            }
        };
        before.map_or(self, |day| self.of_kind(self.kind, day))
    }

    /// The period of the same kind just after this one (itself at the edge of time).
    pub fn next(self) -> Period {
        if self.kind == PeriodKind::Custom {
            let len = Days::new(self.days());
            return match (self.from.checked_add_days(len), self.to.checked_add_days(len)) {
                (Some(from), Some(to)) => Period { from, to, ..self },
                _ => self,
            };
        }
        self.to
            .succ_opt()
            .map_or(self, |day| self.of_kind(self.kind, day))
    }

    /// The ISO weeks the period touches, in order.
    pub fn weeks(self) -> Vec<IsoWeek> {
        let mut monday = Period::monday_of(self.from);
        let mut weeks = Vec::new();
        while monday <= self.to {
            let week = monday.iso_week();
            weeks.push(IsoWeek {
                year: week.year(),
                week: week.week(),
                monday,
            });
            match monday.checked_add_days(Days::new(7)) {
                Some(next) => monday = next,
                None => break,
            }
        }
        weeks
    }

    /// The Monday of the ISO week `day` falls in.
    pub fn monday_of(day: NaiveDate) -> NaiveDate {
        let back = Days::new(u64::from(day.weekday().num_days_from_monday()));
        day.checked_sub_days(back).unwrap_or(day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn span(p: Period) -> (NaiveDate, NaiveDate) {
        (p.from, p.to)
    }

    #[test]
    fn the_named_periods() {
        let today = d("2026-11-26");
        assert_eq!(
            span(Period::this_month(today)),
            (d("2026-11-01"), d("2026-11-30"))
        );
        assert_eq!(
            span(Period::last_month(today)),
            (d("2026-10-01"), d("2026-10-31"))
        );
        assert_eq!(
            span(Period::this_quarter(today)),
            (d("2026-10-01"), d("2026-12-31"))
        );
        assert_eq!(span(Period::this_year(today)), (d("2026-01-01"), d("2026-12-31")));
        assert_eq!(
            span(Period::last_month(d("2026-01-15"))),
            (d("2025-12-01"), d("2025-12-31"))
        );
        assert_eq!(
            span(Period::this_month(d("2028-02-10"))),
            (d("2028-02-01"), d("2028-02-29"))
        );
    }

    #[test]
    fn stepping_keeps_the_kind() {
        let march = Period::month_of(d("2026-03-31"));
        assert_eq!(span(march.prev()), (d("2026-02-01"), d("2026-02-28")));
        assert_eq!(span(march.next()), (d("2026-04-01"), d("2026-04-30")));
        let q1 = Period::quarter_of(d("2026-02-01"));
        assert_eq!(span(q1.prev()), (d("2025-10-01"), d("2025-12-31")));
        assert_eq!(span(q1.next()), (d("2026-04-01"), d("2026-06-30")));
        let year = Period::year_of(d("2026-06-01"));
        assert_eq!(span(year.next()), (d("2027-01-01"), d("2027-12-31")));
        let custom = Period::custom(d("2026-11-10"), d("2026-11-16")).unwrap();
        assert_eq!(span(custom.prev()), (d("2026-11-03"), d("2026-11-09")));
        assert_eq!(span(custom.next()), (d("2026-11-17"), d("2026-11-23")));
        assert_eq!(custom.next().kind, PeriodKind::Custom);
        assert_eq!(
            Period::custom(d("2026-11-10"), d("2026-11-09")),
            Err(PeriodError::FromAfterTo {
                from: d("2026-11-10"),
                to: d("2026-11-09")
            })
        );
    }

    #[test]
    fn the_edges_of_time_do_not_panic() {
        for day in [NaiveDate::MIN, NaiveDate::MAX] {
            for p in [
                Period::month_of(day),
                Period::quarter_of(day),
                Period::year_of(day),
            ] {
                let _ = (p.prev(), p.next(), p.cycle_kind(), p.days());
            }
            let p = Period::custom(day, day).unwrap();
            let _ = (p.prev(), p.next(), p.weeks());
        }
    }

    #[test]
    fn weeks_touched_by_a_month() {
        let weeks = Period::month_of(d("2026-11-01")).weeks();
        let labels: Vec<String> = weeks.iter().map(IsoWeek::label).collect();
        // 1 November 2026 is a Sunday: it belongs to week 44.
        assert_eq!(
            labels,
            [
                "2026-W44", "2026-W45", "2026-W46", "2026-W47", "2026-W48", "2026-W49"
            ]
        );
        assert_eq!(weeks[0].monday, d("2026-10-26"));
        assert_eq!(Period::monday_of(d("2026-11-26")), d("2026-11-23"));
        let kinds: Vec<PeriodKind> =
            std::iter::successors(Some(Period::month_of(d("2026-11-01"))), |p| Some(p.cycle_kind()))
                .take(4)
                .map(|p| p.kind)
                .collect();
        assert_eq!(
            kinds,
            [
                PeriodKind::Month,
                PeriodKind::Quarter,
                PeriodKind::Year,
                PeriodKind::Month
            ]
        );
    }
}

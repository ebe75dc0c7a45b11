//! Deadline targets counted in working days, in Europe/Amsterdam time.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;
use serde::{Deserialize, Serialize};

use super::calendar::{WorkCalendar, serde_date};

/// How long the desk has for each target, and when a working day ends.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// Which days are working days.
    pub calendar: WorkCalendar,
    /// Working days to acknowledge a complaint.
    pub acknowledge_days: u32,
    /// Working days to reach an outcome.
    pub outcome_days: u32,
    /// Local time at which a working day, and so a deadline, ends.
    pub end_of_day: NaiveTime,
    /// Working days of waiting for information after which the complainant is
    /// to be chased.
    pub chase_after_days: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            calendar: WorkCalendar::default(),
            acknowledge_days: 2,
            outcome_days: 10,
            end_of_day: NaiveTime::from_hms_opt(17, 0, 0).expect("17:00 is a valid time"),
            chase_after_days: 5,
        }
    }
}

/// When a target of `days` working days started at `start` is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Due {
    /// The last working day of the target (Amsterdam date).
    #[serde(with = "serde_date")]
    pub day: NaiveDate,
    /// `day` at the policy's end of day, Amsterdam time.
    #[serde(with = "super::moment")]
    pub deadline: DateTime<Utc>,
}

/// The recorded verdict of a met target; stored with the case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    #[serde(with = "super::moment")]
    pub started_at: DateTime<Utc>,
    /// The target length in force when it was met.
    pub days: u32,
    pub due: Due,
    #[serde(with = "super::moment")]
    pub met_at: DateTime<Utc>,
    /// `met_at < due.deadline`: at the deadline itself the day has ended.
    pub on_time: bool,
    /// Working days from the start day to the day it was met.
    pub working_days_taken: u32,
    /// 0 when on time, else working days from the due day to the day it was met.
    pub working_days_late: u32,
}

/// Where one target of a case stands at some moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClockStatus {
    NotStarted,
    /// Waiting for information since `since`: the outcome clock does not run,
    /// and starts again in full when the information comes in.
    Paused {
        since: DateTime<Utc>,
        working_days_waiting: u32,
        /// Waiting long enough to chase the complainant.
        chase: bool,
    },
    OnTrack {
        due: Due,
        working_days_left: u32,
        hours_left: u32,
    },
    DueToday {
        due: Due,
    },
    Breached {
        due: Due,
        working_days_late: u32,
        hours_late: u32,
    },
    Met(Verdict),
}

impl ClockStatus {
    /// A running target past its deadline (a target met late is `Met`, not breached).
    pub fn is_breached(&self) -> bool {
        matches!(self, Self::Breached { .. })
    }

    /// The clock is running: on track, due today or breached.
    pub fn is_running(&self) -> bool {
        matches!(
            self,
            Self::OnTrack { .. } | Self::DueToday { .. } | Self::Breached { .. }
        )
    }
}

/// What is known of one target of one case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timer {
    NotStarted,
    Paused { since: DateTime<Utc> },
    Running { since: DateTime<Utc> },
    Met { since: DateTime<Utc>, at: DateTime<Utc> },
}

impl Policy {
    /// When a target of `days` working days started at `start` is due. The
    /// start day never counts, whatever the time of day.
    pub fn due(&self, start: DateTime<Utc>, days: u32) -> Due {
        let day = self.calendar.add_working_days(self.local_date(start), days);
        Due {
            day,
            deadline: self.local_to_utc(day, self.end_of_day),
        }
    }

    /// The verdict on a target of `days` working days started at `start` and met at `met_at`.
    pub fn verdict(&self, start: DateTime<Utc>, days: u32, met_at: DateTime<Utc>) -> Verdict {
        let due = self.due(start, days);
        let met_day = self.local_date(met_at);
        let on_time = met_at < due.deadline;
        Verdict {
            started_at: start,
            days,
            due,
            met_at,
            on_time,
            working_days_taken: self
                .calendar
                .working_days_between(self.local_date(start), met_day),
            working_days_late: if on_time {
                0
            } else {
                self.calendar.working_days_between(due.day, met_day)
            },
        }
    }

    /// The status of a target of `days` working days at `now`.
    pub fn status(&self, timer: Timer, days: u32, now: DateTime<Utc>) -> ClockStatus {
        let since = match timer {
            Timer::NotStarted => return ClockStatus::NotStarted,
            Timer::Paused { since } => return self.paused(since, now),
            Timer::Met { since, at } => return ClockStatus::Met(self.verdict(since, days, at)),
            Timer::Running { since } => since,
        };
        let due = self.due(since, days);
        let today = self.local_date(now);
        if now >= due.deadline {
            return ClockStatus::Breached {
                due,
                working_days_late: self.calendar.working_days_between(due.day, today),
                hours_late: whole_hours(now - due.deadline),
            };
        }
        if today == due.day {
            return ClockStatus::DueToday { due };
        }
        let end_of_today = self.local_to_utc(today, self.end_of_day);
        let hours_left = if self.calendar.is_working_day(today) && now < end_of_today {
            whole_hours(end_of_today - now)
        } else {
            0
        };
        ClockStatus::OnTrack {
            due,
            working_days_left: self.calendar.working_days_between(today, due.day),
            hours_left,
        }
    }

    /// A clock paused since `since` (waiting for information), at `now`.
    pub fn paused(&self, since: DateTime<Utc>, now: DateTime<Utc>) -> ClockStatus {
        let working_days_waiting = self
            .calendar
            .working_days_between(self.local_date(since), self.local_date(now));
        ClockStatus::Paused {
            since,
            working_days_waiting,
            chase: working_days_waiting >= self.chase_after_days,
        }
    }

    /// The calendar day of `t` in Amsterdam.
    pub fn local_date(&self, t: DateTime<Utc>) -> NaiveDate {
        t.with_timezone(&Amsterdam).date_naive()
    }

    /// `time` on `date` in Amsterdam, as UTC. An ambiguous time (autumn) gives
    /// the earliest instant; a time that does not exist (spring) gives the first
    /// instant after it, the moment the clocks jump.
    pub fn local_to_utc(&self, date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
        let local = date.and_time(time);
        match Amsterdam.from_local_datetime(&local) {
            LocalResult::Single(t) => t.with_timezone(&Utc),
            LocalResult::Ambiguous(a, b) => a.min(b).with_timezone(&Utc),
            LocalResult::None => first_instant_after(local),
        }
    }
}

/// The first instant whose Amsterdam time is later than `local`, a local time
/// in a spring-forward gap.
fn first_instant_after(local: NaiveDateTime) -> DateTime<Utc> {
    let shown =
        |secs: i64| DateTime::from_timestamp(secs, 0).map(|t| t.with_timezone(&Amsterdam).naive_local());
    // Offsets are less than a day, so the jump lies in this window; Amsterdam
    // never had two transitions within two days, so local time only increases
    // across it and a binary search over whole seconds finds the jump.
    let mut before = local.and_utc().timestamp() - 86_400;
    let mut after = before + 2 * 86_400;
    while after - before > 1 {
        let mid = before + (after - before) / 2;
        if shown(mid).is_none_or(|t| t > local) {
            after = mid;
        } else {
            before = mid;
        }
    }
    DateTime::from_timestamp(after, 0).unwrap_or(local.and_utc())
}

fn whole_hours(span: TimeDelta) -> u32 {
    u32::try_from(span.num_hours().max(0)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    /// An unambiguous Amsterdam local time, "YYYY-MM-DD HH:MM".
    fn ams(text: &str) -> DateTime<Utc> {
        let local = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap();
        Amsterdam
            .from_local_datetime(&local)
            .single()
            .unwrap()
            .with_timezone(&Utc)
    }

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn due(day: &str, deadline: &str) -> Due {
        Due {
            day: d(day),
            deadline: utc(deadline),
        }
    }

    #[test]
    fn default_policy() {
        let policy = Policy::default();
        assert_eq!((policy.acknowledge_days, policy.outcome_days), (2, 10));
        assert_eq!(policy.end_of_day, hm(17, 0));
        assert_eq!(policy.calendar, WorkCalendar::default());
    }

    #[test]
    fn due_dates() {
        let p = Policy::default();
        let cases = [
            // Monday 10:00 + 2 → Wednesday 17:00 (CET, UTC+1)
            (
                ams("2026-01-12 10:00"),
                2,
                due("2026-01-14", "2026-01-14T16:00:00Z"),
            ),
            // a Saturday or a Sunday never counts
            (
                ams("2026-01-10 14:00"),
                2,
                due("2026-01-13", "2026-01-13T16:00:00Z"),
            ),
            (
                ams("2026-01-11 08:00"),
                1,
                due("2026-01-12", "2026-01-12T16:00:00Z"),
            ),
            // Easter Monday never counts either (CEST, UTC+2)
            (
                ams("2026-04-06 09:00"),
                2,
                due("2026-04-08", "2026-04-08T15:00:00Z"),
            ),
            // late evening still counts as that day: Friday 23:30
            (
                ams("2026-01-09 23:30"),
                1,
                due("2026-01-12", "2026-01-12T16:00:00Z"),
            ),
            // Thursday 23:30 UTC is Friday 00:30 in Amsterdam, 22:30 UTC is still Thursday
            (
                utc("2026-01-08T23:30:00Z"),
                1,
                due("2026-01-12", "2026-01-12T16:00:00Z"),
            ),
            (
                utc("2026-01-08T22:30:00Z"),
                1,
                due("2026-01-09", "2026-01-09T16:00:00Z"),
            ),
            // the Monday after the clocks go forward (29 March) and back (25 October)
            (
                ams("2026-03-26 10:00"),
                2,
                due("2026-03-30", "2026-03-30T15:00:00Z"),
            ),
            (
                ams("2026-10-22 10:00"),
                2,
                due("2026-10-26", "2026-10-26T16:00:00Z"),
            ),
            (
                utc("2026-03-29T01:30:00Z"),
                1,
                due("2026-03-30", "2026-03-30T15:00:00Z"),
            ),
            // zero days: due at the end of the start day
            (
                ams("2026-01-12 10:00"),
                0,
                due("2026-01-12", "2026-01-12T16:00:00Z"),
            ),
        ];
        for (start, days, expected) in cases {
            assert_eq!(p.due(start, days), expected, "{start} + {days}");
        }
    }

    #[test]
    fn local_dates_around_midnight_and_dst() {
        let p = Policy::default();
        assert_eq!(p.local_date(utc("2026-01-09T22:59:59Z")), d("2026-01-09"));
        assert_eq!(p.local_date(utc("2026-01-09T23:00:00Z")), d("2026-01-10"));
        assert_eq!(p.local_date(utc("2026-06-30T21:59:59Z")), d("2026-06-30"));
        assert_eq!(p.local_date(utc("2026-06-30T22:00:00Z")), d("2026-07-01"));
        assert_eq!(p.local_date(utc("2026-03-28T23:30:00Z")), d("2026-03-29"));
    }

    #[test]
    fn local_to_utc_is_dst_safe() {
        let p = Policy::default();
        // spring forward: 02:00–03:00 does not exist; the first instant after it is 03:00 CEST
        assert_eq!(
            p.local_to_utc(d("2026-03-29"), hm(2, 30)),
            utc("2026-03-29T01:00:00Z")
        );
        assert_eq!(
            p.local_to_utc(d("2026-03-29"), hm(2, 0)),
            utc("2026-03-29T01:00:00Z")
        );
        assert_eq!(
            p.local_to_utc(d("2026-03-29"), hm(3, 0)),
            utc("2026-03-29T01:00:00Z")
        );
        assert_eq!(
            p.local_to_utc(d("2026-03-29"), hm(1, 59)),
            utc("2026-03-29T00:59:00Z")
        );
        // fall back: 02:00–03:00 happens twice; the earliest is taken
        assert_eq!(
            p.local_to_utc(d("2026-10-25"), hm(2, 30)),
            utc("2026-10-25T00:30:00Z")
        );
        assert_eq!(
            p.local_to_utc(d("2026-10-25"), hm(3, 0)),
            utc("2026-10-25T02:00:00Z")
        );
        // every minute of both days maps to that day, at or just after the asked time
        for day in [d("2026-03-29"), d("2026-10-25")] {
            for minute in 0..24 * 60 {
                let time = hm(minute / 60, minute % 60);
                let t = p.local_to_utc(day, time);
                let local = t.with_timezone(&Amsterdam).naive_local();
                assert_eq!(local.date(), day);
                let expected = if (2..3).contains(&(minute / 60)) && day.month() == 3 {
                    hm(3, 0)
                } else {
                    time
                };
                assert_eq!(local.time(), expected, "{day} {time}");
            }
        }
    }

    #[test]
    fn status_around_the_deadline() {
        let p = Policy::default();
        let timer = Timer::Running {
            since: ams("2026-01-12 10:00"),
        };
        let due = due("2026-01-14", "2026-01-14T16:00:00Z");
        let on_track = |left, hours| ClockStatus::OnTrack {
            due,
            working_days_left: left,
            hours_left: hours,
        };
        let breached = |late, hours| ClockStatus::Breached {
            due,
            working_days_late: late,
            hours_late: hours,
        };
        let cases = [
            ("2026-01-12 11:30", on_track(2, 5)),
            ("2026-01-12 16:01", on_track(2, 0)),
            ("2026-01-12 18:00", on_track(2, 0)),
            ("2026-01-13 08:00", on_track(1, 9)),
            ("2026-01-14 00:00", ClockStatus::DueToday { due }),
            ("2026-01-14 16:59", ClockStatus::DueToday { due }),
            ("2026-01-14 17:00", breached(0, 0)),
            ("2026-01-14 23:59", breached(0, 6)),
            ("2026-01-15 09:00", breached(1, 16)),
            // across a weekend: Thursday, Friday and Monday late
            ("2026-01-19 09:00", breached(3, 112)),
        ];
        for (now, expected) in cases {
            let status = p.status(timer, 2, ams(now));
            assert_eq!(status, expected, "{now}");
            assert!(status.is_running());
            assert_eq!(
                status.is_breached(),
                matches!(expected, ClockStatus::Breached { .. })
            );
        }
    }

    #[test]
    fn no_hours_left_on_a_day_off() {
        let p = Policy::default();
        let timer = Timer::Running {
            since: ams("2026-01-09 10:00"),
        };
        let status = p.status(timer, 2, ams("2026-01-10 12:00"));
        let due = due("2026-01-13", "2026-01-13T16:00:00Z");
        assert_eq!(
            status,
            ClockStatus::OnTrack {
                due,
                working_days_left: 2,
                hours_left: 0
            }
        );
    }

    #[test]
    fn status_of_stopped_timers() {
        let p = Policy::default();
        let now = ams("2026-01-20 12:00");
        assert_eq!(p.status(Timer::NotStarted, 2, now), ClockStatus::NotStarted);
        let paused = p.status(Timer::Paused { since: now }, 2, now);
        for status in [ClockStatus::NotStarted, paused] {
            assert!(!status.is_running() && !status.is_breached());
        }
        let (since, at) = (ams("2026-01-12 10:00"), ams("2026-01-16 10:00"));
        let met = p.status(Timer::Met { since, at }, 2, now);
        assert_eq!(met, ClockStatus::Met(p.verdict(since, 2, at)));
        assert!(!met.is_running() && !met.is_breached());
    }

    #[test]
    fn a_paused_clock_counts_the_working_days_waited_and_says_when_to_chase() {
        let p = Policy::default();
        // Requested on Monday 12 January; Monday 19 January is 5 working days on.
        let since = ams("2026-01-12 10:00");
        let waiting = |now| p.status(Timer::Paused { since }, 10, ams(now));
        let at = |now| match waiting(now) {
            ClockStatus::Paused {
                working_days_waiting,
                chase,
                ..
            } => (working_days_waiting, chase),
            other => panic!("{other:?}"),
        };
        assert_eq!(at("2026-01-12 16:00"), (0, false));
        assert_eq!(at("2026-01-16 16:00"), (4, false));
        assert_eq!(at("2026-01-18 16:00"), (4, false), "the weekend does not count");
        assert_eq!(at("2026-01-19 09:00"), (5, true));
        assert_eq!(at("2026-01-30 09:00"), (14, true));
    }

    #[test]
    fn verdicts() {
        let p = Policy::default();
        let start = ams("2026-01-12 10:00");
        let due = due("2026-01-14", "2026-01-14T16:00:00Z");
        let verdict = |met_at, on_time, taken, late| Verdict {
            started_at: start,
            days: 2,
            due,
            met_at,
            on_time,
            working_days_taken: taken,
            working_days_late: late,
        };
        let cases = [
            ("2026-01-12 15:00", true, 0, 0),
            ("2026-01-13 09:00", true, 1, 0),
            ("2026-01-14 16:59", true, 2, 0),
            ("2026-01-14 17:00", false, 2, 0),
            ("2026-01-14 17:30", false, 2, 0),
            ("2026-01-16 10:00", false, 4, 2),
            ("2026-01-19 10:00", false, 5, 3),
        ];
        for (met, on_time, taken, late) in cases {
            let met_at = ams(met);
            assert_eq!(
                p.verdict(start, 2, met_at),
                verdict(met_at, on_time, taken, late),
                "{met}"
            );
        }
    }

    #[test]
    fn other_end_of_day() {
        let p = Policy {
            end_of_day: hm(12, 30),
            ..Policy::default()
        };
        let since = ams("2026-01-12 10:00");
        let due = due("2026-01-14", "2026-01-14T11:30:00Z");
        assert_eq!(p.due(since, 2), due);
        let status = |now| p.status(Timer::Running { since }, 2, ams(now));
        assert_eq!(
            status("2026-01-12 10:00"),
            ClockStatus::OnTrack {
                due,
                working_days_left: 2,
                hours_left: 2
            }
        );
        assert_eq!(status("2026-01-14 12:29"), ClockStatus::DueToday { due });
        let breached = ClockStatus::Breached {
            due,
            working_days_late: 0,
            hours_late: 0,
        };
        assert_eq!(status("2026-01-14 12:30"), breached);
        assert!(!p.verdict(since, 2, ams("2026-01-14 12:31")).on_time);
    }

    #[test]
    fn verdict_serializes() {
        let p = Policy::default();
        let verdict = p.verdict(ams("2026-03-26 10:00"), 2, ams("2026-03-31 09:15"));
        let json = serde_json::to_string(&verdict).unwrap();
        assert_eq!(
            json,
            r#"{"started_at":"2026-03-26T09:00:00Z","days":2,"due":{"day":"2026-03-30","deadline":"2026-03-30T15:00:00Z"},"met_at":"2026-03-31T07:15:00Z","on_time":false,"working_days_taken":3,"working_days_late":1}"#
        );
        assert_eq!(serde_json::from_str::<Verdict>(&json).unwrap(), verdict);
        let offset = json.replace("2026-03-26T09:00:00Z", "2026-03-26T10:00:00+01:00");
        assert_eq!(serde_json::from_str::<Verdict>(&offset).unwrap(), verdict);
        let config = bincode::config::standard();
        let bytes = bincode::serde::encode_to_vec(&verdict, config).unwrap();
        let (decoded, _): (Verdict, usize) = bincode::serde::decode_from_slice(&bytes, config).unwrap();
        assert_eq!(decoded, verdict);
    }
}

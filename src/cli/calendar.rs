//! `klachtdesk calendar`: the working-day calendar, through the same functions
//! the deadline clock uses.

use clap::Subcommand;

use super::{Failure, Session};
use crate::domain::when::{YEARS, parse_local};
use crate::i18n::{T, date, holiday_key};

#[derive(Debug, Clone, Subcommand)]
pub enum CalendarCmd {
    /// The days off in a year: public holidays and configured closing days
    Holidays {
        /// The year, from 2000 to 2099, e.g. 2026
        year: i32,
    },
    /// The due date of a target of N working days counted from a moment
    Due {
        /// The start, local time: YYYY-MM-DDTHH:MM
        #[arg(long, value_name = "DATETIME")]
        from: String,
        /// The number of working days (1 to 1000)
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1000))]
        days: u32,
    },
}

pub fn run(session: &Session, cmd: &CalendarCmd) -> Result<(), Failure> {
    let lang = session.lang;
    let policy = &session.rules.policy;
    match cmd {
        CalendarCmd::Holidays { year } => {
            if !YEARS.contains(year) {
                return Err(Failure::Refused(lang.fill(T::YearOutOfRange, &[("year", year)])));
            }
            for holiday in policy.calendar.holidays(*year) {
                println!(
                    "{}  {}  {}",
                    holiday.date,
                    date(lang, holiday.date),
                    lang.t(holiday_key(holiday.kind))
                );
            }
        }
        CalendarCmd::Due { from, days } => {
            let start = parse_local(from)
                .ok_or_else(|| Failure::Refused(lang.fill(T::BadFrom, &[("given", from)])))?;
            let start = policy.local_to_utc(start.date(), start.time());
            println!("{}", policy.due(start, *days).day);
        }
    }
    Ok(())
}

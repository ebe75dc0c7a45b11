//! `klachtdesk calendar`: the working-day calendar, through the same functions
//! the deadline clock uses.

use std::io::Write;

use clap::Subcommand;

use super::{Failure, Session, output};
use crate::domain::case::CaseId;
use crate::domain::explain::{explain_case, explain_due};
use crate::domain::when::{YEARS, parse_local};
use crate::i18n::{T, date, deadline_explained, due_explained, holiday_key};

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
        /// After the date, every day from the start: counted, or skipped and why
        #[arg(long)]
        explain: bool,
    },
    /// Why a case is due then: the clock running now, day by day, and the verdicts recorded
    Explain {
        /// The case number, e.g. K-2026-0042
        id: String,
    },
}

pub fn run(session: &mut Session, cmd: &CalendarCmd) -> Result<(), Failure> {
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
        CalendarCmd::Due { from, days, explain } => {
            let start = parse_local(from)
                .ok_or_else(|| Failure::Refused(lang.fill(T::BadFrom, &[("given", from)])))?;
            let start = policy.local_to_utc(start.date(), start.time());
            if !explain {
                println!("{}", policy.due(start, *days).day);
                return Ok(());
            }
            let explained = explain_due(policy, start, *days);
            let mut lines = vec![explained.due.day.to_string()];
            lines.extend(due_explained(lang, &explained));
            print_lines(session, &lines)?;
        }
        CalendarCmd::Explain { id } => {
            let id = CaseId::parse(id).map_err(|p| Failure::refusal(lang, &p.into()))?;
            let case = session.desk()?.get(id).map_err(|e| Failure::store(lang, &e))?;
            let explained = explain_case(&case, &session.rules.policy, session.now);
            print_lines(session, &deadline_explained(lang, id, &explained))?;
        }
    }
    Ok(())
}

fn print_lines(session: &Session, lines: &[String]) -> Result<(), Failure> {
    output::print(session.lang, |out| {
        lines.iter().try_for_each(|line| writeln!(out, "{line}"))
    })
}

//! `klachtdesk report`: the figures for a period as text in the operator's
//! language, as JSON for scripts, or as CSV for a spreadsheet (the layout is
//! laid out in `domain::report::csv`). This month unless told otherwise.

use std::io::Write;

use chrono::{Datelike, NaiveDate};
use serde_json::{Value, json};
use unicode_width::UnicodeWidthStr;

use super::text::cell;
use super::{Failure, Session, output};
use crate::app::reports::rows::{self, Kind};
use crate::domain::case::CaseId;
use crate::domain::report::csv::target_slug;
use crate::domain::report::{Compliance, Period, PeriodError, Report};
use crate::exchange::report_csv::csv;
use crate::i18n::Describe;
use crate::i18n::{Lang, T};
use crate::sanitize::one_line;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Named {
    ThisMonth,
    LastMonth,
    Quarter,
    Year,
}

#[derive(Debug, Clone, Default, clap::Args)]
pub struct Args {
    /// The period: this month (the default), last month, this quarter or this year
    #[arg(long, value_enum, conflicts_with_all = ["from", "to"])]
    period: Option<Named>,
    /// The first day of a period of your own (YYYY-MM-DD); needs --to
    #[arg(long, requires = "to", value_name = "DATE")]
    from: Option<String>,
    /// The last day of a period of your own (YYYY-MM-DD), included; needs --from
    #[arg(long, requires = "from", value_name = "DATE")]
    to: Option<String>,
    /// Print JSON for scripts
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print CSV for a spreadsheet: section,key,detail,date,value
    #[arg(long)]
    csv: bool,
}

pub fn run(session: &mut Session, args: &Args) -> Result<(), Failure> {
    let lang = session.lang;
    let period = period(session, args)?;
    let desk = session.desk()?;
    // Only the cases the period needs, with their audit trails, in one answer.
    let history = desk
        .history(period.starts_at(&session.rules.policy))
        .map_err(|e| Failure::store(lang, &e))?;
    for problem in &history.unreadable {
        eprintln!("klachtdesk: {}", problem.describe(lang));
    }
    let report = Report::compute(&history.trails, period, &session.rules, session.now);
    if args.json {
        return output::print_json(lang, &to_json(&report));
    }
    let text = if args.csv {
        csv(&report)
    } else {
        text(lang, &report)
    };
    output::print(lang, |out| out.write_all(text.as_bytes()))
}

fn period(session: &Session, args: &Args) -> Result<Period, Failure> {
    let lang = session.lang;
    let today = session.rules.policy.local_date(session.now);
    if let (Some(from), Some(to)) = (&args.from, &args.to) {
        let from = date(lang, "--from", from)?;
        let to = date(lang, "--to", to)?;
        return Period::custom(from, to).map_err(|e| match e {
            PeriodError::FromAfterTo { from, to } => {
                Failure::Refused(lang.fill(T::ReportFromAfterTo, &[("from", &from), ("to", &to)]))
            }
        });
    }
    Ok(match args.period.unwrap_or(Named::ThisMonth) {
        Named::ThisMonth => Period::this_month(today),
        Named::LastMonth => Period::last_month(today),
        Named::Quarter => Period::this_quarter(today),
        Named::Year => Period::this_year(today),
    })
}

/// A day as `YYYY-MM-DD`, in the years the calendar knows.
fn date(lang: Lang, option: &str, given: &str) -> Result<NaiveDate, Failure> {
    let day = NaiveDate::parse_from_str(given.trim(), "%Y-%m-%d").map_err(|_| {
        Failure::Refused(lang.fill(T::ReportBadDate, &[("option", &option), ("given", &given)]))
    })?;
    if !(1583..=9999).contains(&day.year()) {
        return Err(Failure::Refused(
            lang.fill(T::YearOutOfRange, &[("year", &day.year())]),
        ));
    }
    Ok(day)
}

/// The report as the screen shows it: a title, then label and value per line.
pub fn text(lang: Lang, report: &Report) -> String {
    let mut out = format!("{}\n\n", rows::title(lang, report));
    for row in rows::rows(lang, report) {
        let line = match row.kind {
            Kind::Blank => String::new(),
            Kind::Heading if row.value.is_empty() => one_line(&row.label),
            Kind::Heading => format!("{}: {}", row.label, row.value),
            Kind::Subheading | Kind::Note => format!("  {}", one_line(&row.label)),
            Kind::Item => format!("  {} {}", padded(&row.label, 44), one_line(&row.value)),
            Kind::SubItem => format!("    {}  ({})", one_line(&row.label), row.value),
        };
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A label padded to `width`; a longer one is kept whole.
fn padded(label: &str, width: usize) -> String {
    if label.width() <= width {
        cell(label, width)
    } else {
        one_line(label)
    }
}

fn ids(cases: &[CaseId]) -> Vec<String> {
    cases.iter().map(|id| id.to_string()).collect()
}

fn share(part: usize, whole: usize) -> Value {
    if whole == 0 {
        Value::Null
    } else {
        json!((part as f64 / whole as f64 * 1000.0).round() / 1000.0)
    }
}

fn compliance(c: &Compliance) -> Value {
    json!({
        "target_working_days": c.days,
        "met": c.met,
        "on_time": c.on_time,
        "on_time_share": share(c.on_time, c.met),
        "median_working_days": c.median,
        "p90_working_days": c.p90,
    })
}

/// The report for scripts. Field names are stable; shares are fractions
/// rounded to three decimals (`null` when there is nothing to divide);
/// percentiles are by nearest rank.
pub fn to_json(report: &Report) -> Value {
    let received = report.received();
    let decided = report.admissible + report.not_admissible;
    json!({
        "period": {
            "from": report.period.from.to_string(),
            "to": report.period.to.to_string(),
            "kind": report.period.kind.slug(),
        },
        "as_of": report.as_of.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "received": {
            "total": received,
            "per_week": report.weeks.iter().map(|w| json!({
                "week": w.week.label(),
                "monday": w.week.monday.to_string(),
                "count": w.count,
            })).collect::<Vec<_>>(),
            "per_service": report.services.iter().map(|(s, n)| json!({"service": s, "count": n})).collect::<Vec<_>>(),
            "per_channel": report.channels.iter().map(|(c, n)| json!({"channel": c.slug(), "count": n})).collect::<Vec<_>>(),
        },
        "open_at_end": {
            "total": report.open_total(),
            "per_state": report.open.iter().map(|(s, n)| json!({"state": s.slug(), "count": n})).collect::<Vec<_>>(),
        },
        "admissibility": {
            "admissible": report.admissible,
            "not_admissible": report.not_admissible,
            "admissible_share": share(report.admissible, decided),
        },
        "deadlines": {
            "percentiles": "nearest-rank",
            "acknowledge": compliance(&report.acknowledge),
            "outcome": compliance(&report.outcome),
        },
        "promises": {
            "due": report.promises.due,
            "kept_on_time": report.promises.on_time,
            "kept_on_time_share": share(report.promises.on_time, report.promises.due),
        },
        "breaches": report.breaches.iter().map(|b| json!({
            "case": b.case.to_string(),
            "target": target_slug(b.target),
            "due": b.due.to_string(),
            "met": b.met_at.is_some(),
            "met_at": b.met_at.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            "working_days_late": b.working_days_late,
        })).collect::<Vec<_>>(),
        "satisfaction": report.satisfaction.iter().map(|(s, n)| (s.slug().to_string(), json!(n))).collect::<serde_json::Map<_, _>>(),
        "remedy_granted": report.remedy_granted.iter().map(|(g, n)| (g.slug().to_string(), json!(n))).collect::<serde_json::Map<_, _>>(),
        "repeat_complainants": report.repeats.iter().map(|r| json!({
            "name": r.name,
            "organisation": r.organisation,
            "cases": ids(&r.cases),
        })).collect::<Vec<_>>(),
        "root_causes": report.root_causes.iter().map(|s| json!({
            "service": s.service,
            "causes": s.causes.iter().map(|c| json!({
                "root_cause": c.text,
                "count": c.cases.len(),
                "cases": ids(&c.cases),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

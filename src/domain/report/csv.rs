//! A report as CSV for a spreadsheet: one figure per row, in five columns,
//! `section,key,detail,date,value`, the same in every language.
//!
//! | section            | key                         | detail                 | date              | value                    |
//! |--------------------|-----------------------------|------------------------|-------------------|--------------------------|
//! | `period`           | `from`, `to`                |                        | the day           |                          |
//! | `period`           | `kind`                      |                        |                   | month/quarter/year/custom|
//! | `period`           | `as_of`                     |                        | YYYY-MM-DD HH:MM  |                          |
//! | `received`         | `total`                     |                        |                   | complaints               |
//! | `received_week`    | ISO week (`2026-W45`)       |                        | its Monday        | complaints               |
//! | `received_service` | the service                 |                        |                   | complaints               |
//! | `received_channel` | `phone`, `email`, `contact-person` |                 |                   | complaints               |
//! | `open_at_end`      | the state's slug            |                        |                   | cases                    |
//! | `admissibility`    | `admissible`, `not-admissible` |                     |                   | decisions                |
//! | `deadline`         | `acknowledge`, `outcome`    | `target_days`, `met`, `on_time`, `median_working_days`, `p90_working_days` | | number (empty: none) |
//! | `promises`         | `due`, `kept_on_time`       |                        |                   | promises to complainants |
//! | `breach_met_late`  | the case number             | `acknowledge`/`outcome`| the due day       | working days late        |
//! | `breach_not_met`   | the case number             | `acknowledge`/`outcome`| the due day       | working days late at the end of the period |
//! | `satisfaction`     | `satisfied`, `unsatisfied`, `unknown` |              |                   | closings                 |
//! | `remedy_granted`   | `granted`, `partly`, `not`  |                        |                   | outcomes with a remedy sought |
//! | `repeat`           | the contact's name          | their case numbers, space-separated |      | complaints               |
//! | `root_cause`       | the service                 | the root cause         |                   | cases                    |
//!
//! The rows are laid out here; `exchange::report_csv` writes them: fields
//! quoted when they hold a comma, quote or line break, rows ending in a line
//! feed, and a field starting with `=`, `+`, `-` or `@` with a leading `'`, so
//! that a spreadsheet does not run it as a formula.

use super::Report;
use crate::domain::case::{Channel, Target};

/// The first row.
pub const HEADER: [&str; 5] = ["section", "key", "detail", "date", "value"];

/// The rows after the header, in the order of the table above.
pub fn rows(report: &Report) -> Vec<[String; 5]> {
    let mut out = Vec::new();
    let mut row = |section: &str, key: &str, detail: &str, date: &str, value: &str| {
        out.push([section, key, detail, date, value].map(String::from));
    };
    let p = report.period;
    row("period", "from", "", &p.from.to_string(), "");
    row("period", "to", "", &p.to.to_string(), "");
    row("period", "kind", "", "", p.kind.slug());
    let as_of = report.as_of.with_timezone(&chrono_tz::Europe::Amsterdam);
    row(
        "period",
        "as_of",
        "",
        &as_of.format("%Y-%m-%d %H:%M").to_string(),
        "",
    );
    row("received", "total", "", "", &report.received().to_string());
    for w in &report.weeks {
        row(
            "received_week",
            &w.week.label(),
            "",
            &w.week.monday.to_string(),
            &w.count.to_string(),
        );
    }
    for (service, n) in &report.services {
        row("received_service", service, "", "", &n.to_string());
    }
    for (channel, n) in &report.channels {
        row(
            "received_channel",
            Channel::slug(*channel),
            "",
            "",
            &n.to_string(),
        );
    }
    for (state, n) in &report.open {
        row("open_at_end", state.slug(), "", "", &n.to_string());
    }
    row(
        "admissibility",
        "admissible",
        "",
        "",
        &report.admissible.to_string(),
    );
    row(
        "admissibility",
        "not-admissible",
        "",
        "",
        &report.not_admissible.to_string(),
    );
    for c in [&report.acknowledge, &report.outcome] {
        let key = target_slug(c.target);
        let opt = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_default();
        row("deadline", key, "target_days", "", &c.days.to_string());
        row("deadline", key, "met", "", &c.met.to_string());
        row("deadline", key, "on_time", "", &c.on_time.to_string());
        row("deadline", key, "median_working_days", "", &opt(c.median));
        row("deadline", key, "p90_working_days", "", &opt(c.p90));
    }
    row("promises", "due", "", "", &report.promises.due.to_string());
    row(
        "promises",
        "kept_on_time",
        "",
        "",
        &report.promises.on_time.to_string(),
    );
    for b in &report.breaches {
        let section = if b.met_at.is_some() {
            "breach_met_late"
        } else {
            "breach_not_met"
        };
        row(
            section,
            &b.case.to_string(),
            target_slug(b.target),
            &b.due.to_string(),
            &b.working_days_late.to_string(),
        );
    }
    for (s, n) in &report.satisfaction {
        row("satisfaction", s.slug(), "", "", &n.to_string());
    }
    for (g, n) in &report.remedy_granted {
        row("remedy_granted", g.slug(), "", "", &n.to_string());
    }
    for r in &report.repeats {
        let ids: Vec<String> = r.cases.iter().map(|id| id.to_string()).collect();
        row("repeat", &r.name, &ids.join(" "), "", &r.cases.len().to_string());
    }
    for s in &report.root_causes {
        for c in &s.causes {
            row("root_cause", &s.service, &c.text, "", &c.cases.len().to_string());
        }
    }
    out
}

pub fn target_slug(target: Target) -> &'static str {
    match target {
        Target::Acknowledge => "acknowledge",
        Target::Outcome => "outcome",
    }
}

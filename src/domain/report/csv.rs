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
//! | `breach_met_late`  | the case number             | `acknowledge`/`outcome`| the due day       | working days late        |
//! | `breach_not_met`   | the case number             | `acknowledge`/`outcome`| the due day       | working days late at the end of the period |
//! | `satisfaction`     | `satisfied`, `unsatisfied`, `unknown` |              |                   | closings                 |
//! | `repeat`           | the contact's name          | their case numbers, space-separated |      | complaints               |
//! | `root_cause`       | the service                 | the root cause         |                   | cases                    |
//!
//! Fields are quoted when they hold a comma, quote or line break; a field
//! starting with `=`, `+`, `-` or `@` gets a leading `'`, so that a
//! spreadsheet does not run it as a formula.

use super::Report;
use crate::domain::case::{Channel, Target};

/// The first line of the CSV.
pub const HEADER: &str = "section,key,detail,date,value";

pub fn csv(report: &Report) -> String {
    let mut out = String::new();
    out.push_str(HEADER);
    out.push('\n');
    let mut row = |section: &str, key: &str, detail: &str, date: &str, value: &str| {
        let cells = [section, key, detail, date, value].map(cell);
        out.push_str(&cells.join(","));
        out.push('\n');
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

/// One CSV field, quoted when needed, never a formula.
pub fn cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_never_formulas() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(cell("-1+2, x"), "\"'-1+2, x\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
    }
}

//! A report as lines of label and value in the operator's language: what the
//! reports screen shows and `klachtdesk report` prints, so the two cannot
//! differ. A line about a case carries its number, so Enter can open it.

use chrono::{Datelike, Locale};
use unicode_width::UnicodeWidthStr;

use crate::domain::case::{CaseId, Target};
use crate::domain::recurrence::Recurring;
use crate::domain::report::{Compliance, Period, PeriodKind, Report, percent};
use crate::i18n::{
    Lang, T, channel_key, date, date_short, datetime, granted_key, satisfaction_key, service_name, state_key,
    target_key,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A section's title, with its total as the value when it has one.
    Heading,
    /// A group within a section (a service among the root causes).
    Subheading,
    Item,
    /// A line within a group.
    SubItem,
    /// An explanation, or "none".
    Note,
    Blank,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub kind: Kind,
    pub label: String,
    pub value: String,
    /// The case the line is about.
    pub case: Option<CaseId>,
}

impl Row {
    fn new(kind: Kind, label: impl Into<String>, value: impl Into<String>) -> Row {
        Row {
            kind,
            label: label.into(),
            value: value.into(),
            case: None,
        }
    }
}

/// `November 2026`, `Q4 2026`, `2026`, or the dates of a custom period.
pub fn period_name(lang: Lang, period: Period) -> String {
    let locale = match lang {
        Lang::En => Locale::en_GB,
        Lang::Nl => Locale::nl_NL,
    };
    match period.kind {
        PeriodKind::Month => period.from.format_localized("%B %Y", locale).to_string(),
        PeriodKind::Quarter => lang.fill(
            T::ReportQuarter,
            &[
                ("quarter", &(period.from.month0() / 3 + 1)),
                ("year", &period.from.year()),
            ],
        ),
        PeriodKind::Year => period.from.year().to_string(),
        PeriodKind::Custom => period_range(lang, period),
    }
}

/// `Sun 1 Nov 2026 – Mon 30 Nov 2026`.
pub fn period_range(lang: Lang, period: Period) -> String {
    format!("{} – {}", date(lang, period.from), date(lang, period.to))
}

/// The title line: the period, its dates, and — for a period not over yet —
/// the moment the figures stand at.
pub fn title(lang: Lang, report: &Report) -> String {
    title_in(lang, report, usize::MAX)
}

/// The title in at most `width` columns where possible: the dates of a named
/// period are left out first, then the moment the figures stand at.
pub fn title_in(lang: Lang, report: &Report, width: usize) -> String {
    let period = report.period;
    let name = lang.fill(T::ReportTitle, &[("period", &period_name(lang, period))]);
    let range = (period.kind != PeriodKind::Custom).then(|| format!(" ({})", period_range(lang, period)));
    let so_far = (as_of_day(report) <= period.to).then(|| {
        format!(
            " · {}",
            lang.fill(T::ReportSoFar, &[("moment", &datetime(lang, report.as_of))])
        )
    });
    let joined = |parts: &[&Option<String>]| {
        let mut text = name.clone();
        for part in parts.iter().copied().flatten() {
            text.push_str(part);
        }
        text
    };
    [joined(&[&range, &so_far]), joined(&[&so_far]), joined(&[])]
        .into_iter()
        .find(|t| unicode_width::UnicodeWidthStr::width(t.as_str()) <= width)
        .unwrap_or(name)
}

/// The local day the figures stand at: after the period once it is over.
fn as_of_day(report: &Report) -> chrono::NaiveDate {
    local_day(report.as_of)
}

fn local_day(t: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
    t.with_timezone(&chrono_tz::Europe::Amsterdam).date_naive()
}

/// The label column of each line: per section as wide as its longest label
/// (at least `MIN_LABEL`), so that the values stand close beside their
/// labels; `cap` at most.
pub fn label_widths(rows: &[Row], cap: usize) -> Vec<usize> {
    let mut out = vec![cap; rows.len()];
    let mut start = 0;
    for end in 1..=rows.len() {
        if end < rows.len() && rows[end].kind != Kind::Heading {
            continue;
        }
        let longest = rows[start..end]
            .iter()
            .filter(|r| !r.value.is_empty() && matches!(r.kind, Kind::Heading | Kind::Item))
            .map(|r| r.label.width() + if r.kind == Kind::Heading { 0 } else { 2 })
            .max()
            .unwrap_or(0);
        out[start..end].fill(longest.max(MIN_LABEL).min(cap));
        start = end;
    }
    out
}

const MIN_LABEL: usize = 16;

/// The columns the key figures need to show whole: the label column and a
/// space before the longest value. A line about one case may be cut.
pub fn widest_figure(rows: &[Row]) -> usize {
    label_widths(rows, usize::MAX)
        .into_iter()
        .zip(rows)
        .filter(|(_, r)| {
            !r.value.is_empty() && r.case.is_none() && matches!(r.kind, Kind::Heading | Kind::Item)
        })
        .map(|(label, r)| label + 1 + r.value.width())
        .max()
        .unwrap_or(0)
}

/// Every line of the report, section by section.
pub fn rows(lang: Lang, report: &Report) -> Vec<Row> {
    marked_rows(lang, report, &Recurring::default(), 0)
}

/// The report's lines with the root causes that recurred (`days`: the
/// pattern's) marked.
pub fn marked_rows(lang: Lang, report: &Report, recurring: &Recurring, days: u32) -> Vec<Row> {
    let mut out = Vec::new();
    received(lang, report, &mut out);
    open_and_decisions(lang, report, &mut out);
    deadlines(lang, report, &mut out);
    promises(lang, report, &mut out);
    satisfaction_and_repeats(lang, report, &mut out);
    root_causes(lang, report, recurring, days, &mut out);
    while out.last().is_some_and(|r| r.kind == Kind::Blank) {
        out.pop();
    }
    out
}

fn heading(out: &mut Vec<Row>, lang: Lang, key: T, total: Option<usize>) {
    if !out.is_empty() {
        out.push(Row::new(Kind::Blank, "", ""));
    }
    let value = total.map(|n| n.to_string()).unwrap_or_default();
    out.push(Row::new(Kind::Heading, lang.t(key), value));
}

fn item(out: &mut Vec<Row>, label: impl Into<String>, value: impl Into<String>) {
    out.push(Row::new(Kind::Item, label, value));
}

fn note(out: &mut Vec<Row>, lang: Lang, key: T) {
    out.push(Row::new(Kind::Note, lang.t(key), ""));
}

fn share(lang: Lang, part: usize, whole: usize) -> String {
    match percent(part, whole) {
        Some(p) => lang.fill(T::ReportCountShare, &[("count", &part), ("percent", &p)]),
        None => part.to_string(),
    }
}

fn ids(cases: &[CaseId]) -> String {
    cases
        .iter()
        .map(|id| id.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn received(lang: Lang, report: &Report, out: &mut Vec<Row>) {
    heading(out, lang, T::ReportReceived, Some(report.received()));
    for w in &report.weeks {
        let label = lang.fill(
            T::ReportWeek,
            &[("week", &w.week.week), ("date", &date_short(lang, w.week.monday))],
        );
        item(out, label, w.count.to_string());
    }
    heading(out, lang, T::ReportPerService, None);
    if report.services.is_empty() {
        note(out, lang, T::ReportNone);
    }
    for (service, n) in &report.services {
        item(
            out,
            service_name(lang, service),
            share(lang, *n, report.received()),
        );
    }
    heading(out, lang, T::ReportPerChannel, None);
    for (channel, n) in &report.channels {
        item(
            out,
            lang.t(channel_key(*channel)),
            share(lang, *n, report.received()),
        );
    }
}

fn open_and_decisions(lang: Lang, report: &Report, out: &mut Vec<Row>) {
    heading(out, lang, T::ReportOpenAtEnd, Some(report.open_total()));
    for (state, n) in &report.open {
        item(out, lang.t(state_key(*state)), n.to_string());
    }
    let decided = report.admissible + report.not_admissible;
    heading(out, lang, T::ReportAdmissibility, Some(decided));
    item(
        out,
        lang.t(T::Admissible),
        share(lang, report.admissible, decided),
    );
    item(
        out,
        lang.t(T::NotAdmissible),
        share(lang, report.not_admissible, decided),
    );
}

fn deadlines(lang: Lang, report: &Report, out: &mut Vec<Row>) {
    heading(out, lang, T::ReportDeadlines, None);
    for c in [&report.acknowledge, &report.outcome] {
        item(out, target_label(lang, c), compliance(lang, c));
    }
    note(out, lang, T::ReportPercentiles);
    heading(out, lang, T::ReportBreaches, Some(report.breaches.len()));
    if report.breaches.is_empty() {
        note(out, lang, T::ReportNoBreaches);
    }
    for b in &report.breaches {
        let (key, day) = match b.met_at {
            Some(at) => (T::ReportBreachMet, local_day(at)),
            None => (T::ReportBreachOpen, b.due),
        };
        let label = b.case.to_string();
        let value = lang.fill(
            key,
            &[
                ("target", &lang.t(target_key(b.target))),
                ("days", &b.working_days_late),
                ("date", &date_short(lang, day)),
            ],
        );
        out.push(Row {
            case: Some(b.case),
            ..Row::new(Kind::Item, label, value)
        });
    }
}

/// Promises to the complainant due in the period, and the share kept on time:
/// a section of one line, so that its label sets no other line's width.
fn promises(lang: Lang, report: &Report, out: &mut Vec<Row>) {
    let promises = report.promises;
    let kept = match percent(promises.on_time, promises.due) {
        Some(p) => lang.fill(
            T::ReportPromisesKeptShare,
            &[
                ("on_time", &promises.on_time),
                ("due", &promises.due),
                ("percent", &p),
            ],
        ),
        None => lang.t(T::ReportPromisesNoneDue).to_string(),
    };
    out.push(Row::new(Kind::Blank, "", ""));
    out.push(Row::new(Kind::Heading, lang.t(T::ReportPromisesKept), kept));
}

fn target_label(lang: Lang, c: &Compliance) -> String {
    let key = match c.target {
        Target::Acknowledge => T::ReportAckWithin,
        Target::Outcome => T::ReportOutcomeWithin,
    };
    lang.fill(key, &[("days", &c.days)])
}

fn compliance(lang: Lang, c: &Compliance) -> String {
    match (percent(c.on_time, c.met), c.median, c.p90) {
        (Some(p), Some(median), Some(p90)) => lang.fill(
            T::ReportCompliance,
            &[
                ("on_time", &c.on_time),
                ("met", &c.met),
                ("percent", &p),
                ("median", &median),
                ("p90", &p90),
            ],
        ),
        _ => lang.t(T::ReportNoneMet).to_string(),
    }
}

fn satisfaction_and_repeats(lang: Lang, report: &Report, out: &mut Vec<Row>) {
    let total = report.satisfaction_total();
    heading(out, lang, T::ReportSatisfaction, Some(total));
    for (s, n) in &report.satisfaction {
        item(out, lang.t(satisfaction_key(*s)), share(lang, *n, total));
    }
    let answered = report.remedy_total();
    heading(out, lang, T::ReportRemedy, Some(answered));
    if answered == 0 {
        note(out, lang, T::ReportRemedyNone);
    }
    for (g, n) in report.remedy_granted.iter().filter(|_| answered > 0) {
        item(out, lang.t(granted_key(*g)), share(lang, *n, answered));
    }
    heading(out, lang, T::ReportRepeats, Some(report.repeats.len()));
    if report.repeats.is_empty() {
        note(out, lang, T::ReportNoRepeats);
    }
    for r in &report.repeats {
        let label = match &r.organisation {
            Some(org) => format!("{} ({org})", r.name),
            None => r.name.clone(),
        };
        let value = lang.fill(
            T::ReportRepeatCases,
            &[("count", &r.cases.len()), ("ids", &ids(&r.cases))],
        );
        out.push(Row {
            case: r.cases.first().copied(),
            ..Row::new(Kind::Item, label, value)
        });
    }
}

fn root_causes(lang: Lang, report: &Report, recurring: &Recurring, days: u32, out: &mut Vec<Row>) {
    heading(out, lang, T::ReportRootCauses, None);
    if report.root_causes.is_empty() {
        note(out, lang, T::ReportNone);
    }
    for s in &report.root_causes {
        out.push(Row::new(Kind::Subheading, service_name(lang, &s.service), ""));
        for c in &s.causes {
            let value = match recurring.of(&s.service, &c.text) {
                Some(count) => format!(
                    "{} · {}",
                    lang.fill(T::RecurringMark, &[("count", &count), ("days", &days)]),
                    ids(&c.cases)
                ),
                None => ids(&c.cases),
            };
            out.push(Row {
                case: c.cases.first().copied(),
                ..Row::new(Kind::SubItem, format!("{}× {}", c.cases.len(), c.text), value)
            });
        }
    }
}

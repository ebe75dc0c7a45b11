//! The CSV export: one row per case, for spreadsheets. Unlike the JSON export
//! it is not complete (no contact log, no audit trail) and cannot be imported.
//!
//! RFC 4180, written with the `csv` crate (see [`super::sheet`]):
//! comma-separated, rows ending in CR LF, a header row first. A cell holding a
//! comma, a double quote or a line break is put in double quotes, with its
//! double quotes doubled; line breaks inside a text are kept. Text is UTF-8
//! without a byte-order mark. A cell that starts with `=`, `+`, `-`, `@`, a
//! tab or a carriage return gets a leading `'`, so that a spreadsheet shows it
//! instead of running it as a formula (a complainant's text must never run;
//! this is why phone numbers written `+31 …` show as `'+31 …`).
//!
//! Moments are local time in Amsterdam, `YYYY-MM-DD HH:MM`; dates are
//! `YYYY-MM-DD`; yes/no values are `true`/`false`; an empty cell means "none"
//! or "not yet". The columns, in order:
//!
//! | column | contents |
//! |---|---|
//! | `id` | case number, `K-2026-0042` |
//! | `state` | `received`, `acknowledged`, `in-treatment`, `waiting`, `outcome`, `closed`, `not-admissible` |
//! | `withdrawn` | `true` when closed by withdrawal |
//! | `channel` | `phone`, `email`, `contact-person` |
//! | `complained_at` | when the complaint was made |
//! | `registered_at` | when it was registered |
//! | `registered_by` | who registered it |
//! | `name` | complainant |
//! | `organisation` | complainant's organisation |
//! | `email` | complainant's e-mail address |
//! | `phone` | complainant's phone number |
//! | `service` | the service complained about |
//! | `description` | the complaint |
//! | `handler` | handler |
//! | `involved` | involved staff, separated by `; ` |
//! | `acknowledged_at` | when receipt was acknowledged |
//! | `acknowledged_via` | `email`, `phone`, `letter` |
//! | `acknowledge_due` | the acknowledgement's due date, as recorded |
//! | `acknowledged_on_time` | whether it was on time |
//! | `admissible` | the admissibility decision |
//! | `admissibility_decided_at` | when it was decided |
//! | `justification` | justification of not-admissible |
//! | `information_requests` | how many times information was requested |
//! | `root_cause` | root cause |
//! | `solution` | solution |
//! | `outcome` | outcome |
//! | `outcome_communicated_at` | when the (latest) outcome was communicated |
//! | `outcome_due` | the (latest) outcome's due date, as recorded |
//! | `outcome_on_time` | whether it was on time |
//! | `outcome_working_days` | working days it took |
//! | `satisfaction` | `satisfied`, `unsatisfied`, `unknown` |
//! | `learnings` | learnings |
//! | `withdrawal_reason` | reason for withdrawal |
//! | `closed_at` | when it was closed (or declared not admissible) |
//! | `contact_log_entries` | how many calls, e-mails and notes were logged |
//! | `events` | how many events its audit trail holds |
//! | `remedy` | what the complainant wants: `apology`, `correction`, `refund`, `call`, `other` |
//! | `remedy_text` | the remedy in the complainant's words |
//! | `remedy_granted` | whether the outcome granted it: `granted`, `partly`, `not` |

use std::io::{self, Write};

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Amsterdam;

use super::sheet::{RowEnd, Sheet};
use crate::domain::case::{Case, Target};
use crate::domain::remedy::RemedySought;

/// The header row.
pub const COLUMNS: [&str; 39] = [
    "id",
    "state",
    "withdrawn",
    "channel",
    "complained_at",
    "registered_at",
    "registered_by",
    "name",
    "organisation",
    "email",
    "phone",
    "service",
    "description",
    "handler",
    "involved",
    "acknowledged_at",
    "acknowledged_via",
    "acknowledge_due",
    "acknowledged_on_time",
    "admissible",
    "admissibility_decided_at",
    "justification",
    "information_requests",
    "root_cause",
    "solution",
    "outcome",
    "outcome_communicated_at",
    "outcome_due",
    "outcome_on_time",
    "outcome_working_days",
    "satisfaction",
    "learnings",
    "withdrawal_reason",
    "closed_at",
    "contact_log_entries",
    "events",
    "remedy",
    "remedy_text",
    "remedy_granted",
];

/// Writes the header and a row per case, calling `done` after each; returns
/// how many rows were written.
pub fn write<'a>(
    out: impl Write,
    cases: impl IntoIterator<Item = &'a Case>,
    mut done: impl FnMut(),
) -> io::Result<usize> {
    let mut sheet = Sheet::new(out, RowEnd::CrLf);
    sheet.row(COLUMNS)?;
    let mut count = 0;
    for case in cases {
        sheet.row(row(case))?;
        count += 1;
        done();
    }
    sheet.flush()?;
    Ok(count)
}

/// The cells of one case, in the order of [`COLUMNS`].
pub fn row(case: &Case) -> Vec<String> {
    let moment = |t: Option<DateTime<Utc>>| {
        t.map(|t| t.with_timezone(&Amsterdam).format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default()
    };
    let flag = |b: Option<bool>| b.map(|b| b.to_string()).unwrap_or_default();
    let text = |t: Option<&String>| t.cloned().unwrap_or_default();
    let ack = case.verdict(Target::Acknowledge);
    let outcome = case.verdict(Target::Outcome);
    let contact = &case.contact;
    vec![
        case.id.to_string(),
        case.state.slug().to_string(),
        case.withdrawal.is_some().to_string(),
        case.channel.slug().to_string(),
        moment(Some(case.complained_at)),
        moment(Some(case.registered_at)),
        case.registered_by.clone(),
        contact.name.clone(),
        text(contact.organisation.as_ref()),
        text(contact.email.as_ref()),
        text(contact.phone.as_ref()),
        case.service.clone(),
        case.description.clone(),
        text(case.handler.as_ref()),
        case.involved.join("; "),
        moment(case.acknowledgement.as_ref().map(|a| a.at)),
        case.acknowledgement
            .as_ref()
            .map(|a| a.via.slug().to_string())
            .unwrap_or_default(),
        ack.map(|v| v.due.day.to_string()).unwrap_or_default(),
        flag(ack.map(|v| v.on_time)),
        flag(case.admissibility.as_ref().map(|a| a.admissible)),
        moment(case.admissibility.as_ref().map(|a| a.decided_at)),
        case.justification.clone(),
        case.info_requests.len().to_string(),
        case.root_cause.clone(),
        case.solution.clone(),
        case.outcome.clone(),
        moment(case.outcome_communicated_at),
        outcome.map(|v| v.due.day.to_string()).unwrap_or_default(),
        flag(outcome.map(|v| v.on_time)),
        outcome
            .map(|v| v.working_days_taken.to_string())
            .unwrap_or_default(),
        case.satisfaction
            .map(|s| s.slug().to_string())
            .unwrap_or_default(),
        case.learnings.clone(),
        case.withdrawal
            .as_ref()
            .map(|w| w.reason.clone())
            .unwrap_or_default(),
        moment(case.closed_at),
        case.contact_log.len().to_string(),
        case.version.to_string(),
        RemedySought::slug(case.remedy_sought.as_ref()),
        case.remedy_sought
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default(),
        case.remedy_granted
            .map(|g| g.slug().to_string())
            .unwrap_or_default(),
    ]
}

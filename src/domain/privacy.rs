//! Personal data and the AVG/GDPR: what of a case identifies the complainant,
//! and how a case and its audit trail are anonymised — keeping what the
//! statistics and the learnings need (dates, states, service, channel,
//! verdicts, root cause, solution, learnings, satisfaction).

use chrono::{DateTime, Months, Utc};
use serde::{Deserialize, Serialize};

use super::case::Case;
use super::contact::phone_key;
use super::event::Event;
use super::problem::Field;
use super::workflow::{Command, Edit};

/// What replaces removed personal data.
pub const REMOVED: &str = "[removed]";

/// Why personal data was removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnonymiseReason {
    /// The retention period after closing has passed.
    Retention,
    /// The person asked for it (right to erasure).
    Request,
}

/// The fields whose values can identify or describe the complainant.
pub const PERSONAL: [Field; 11] = [
    Field::Name,
    Field::Phone,
    Field::Email,
    Field::Organisation,
    Field::Description,
    Field::Justification,
    Field::Request,
    Field::Outcome,
    Field::WithdrawReason,
    Field::LogText,
    // The remedy in the complainant's own words; its kind stays for the figures.
    Field::RemedyText,
];

/// Whether a case's personal data was removed already.
pub fn is_anonymised(case: &Case) -> bool {
    case.contact.name.starts_with("[removed")
}

/// `text` replaced by the marker, unless it was empty.
fn removed(text: &str) -> String {
    if text.trim().is_empty() {
        String::new()
    } else {
        REMOVED.to_string()
    }
}

/// The case without its personal data. `pseudonym` stands in for the name, so
/// that cases of one person anonymised together still count as one repeat
/// complainant in the statistics, without saying who.
pub fn anonymise_case(case: &Case, pseudonym: &str) -> Case {
    let mut case = case.clone();
    case.contact.name = format!("[removed {pseudonym}]");
    case.contact.email = None;
    case.contact.phone = None;
    case.contact.organisation = None;
    case.description = removed(&case.description);
    case.justification = removed(&case.justification);
    case.outcome = removed(&case.outcome);
    for entry in &mut case.contact_log {
        entry.text = removed(&entry.text);
    }
    for request in &mut case.info_requests {
        request.request = removed(&request.request);
    }
    if let Some(w) = &mut case.withdrawal {
        w.reason = removed(&w.reason);
    }
    if let Some(sought) = &mut case.remedy_sought {
        sought.text = removed(&sought.text);
    }
    case
}

/// The event without personal data: the before and after of personal fields,
/// and the texts its command carried.
pub fn scrub_event(event: &Event) -> Event {
    let mut event = event.clone();
    for change in &mut event.changes {
        if PERSONAL.contains(&change.field) {
            change.before = removed(&change.before);
            change.after = removed(&change.after);
        }
    }
    if let super::event::EventKind::Command(command) = &mut event.kind {
        scrub_command(command);
    }
    event
}

fn scrub_command(command: &mut Command) {
    match command {
        Command::DeclareNotAdmissible {
            justification: text, ..
        }
        | Command::RequestInformation { request: text, .. }
        | Command::InformationReceived { note: text, .. }
        | Command::Reopen { reason: text, .. }
        | Command::Withdraw { reason: text, .. }
        | Command::LogContact { text, .. } => *text = removed(text),
        Command::CommunicateOutcome { outcome, .. } => *outcome = removed(outcome),
        Command::Edit { edits } => {
            for edit in edits {
                match edit {
                    Edit::Name(t)
                    | Edit::Phone(t)
                    | Edit::Email(t)
                    | Edit::Organisation(t)
                    | Edit::Description(t)
                    | Edit::Justification(t)
                    | Edit::Outcome(t)
                    | Edit::RemedySought { text: t, .. } => *t = removed(t),
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

/// Whether a closed case's retention period has passed at `now`.
pub fn retention_passed(case: &Case, retention_months: u32, now: DateTime<Utc>) -> bool {
    let Some(closed) = case.closed_at else {
        return false;
    };
    !case.is_open()
        && !is_anonymised(case)
        && closed
            .checked_add_months(Months::new(retention_months))
            .is_some_and(|t| t <= now)
}

/// How a person is named in a request for access or erasure; any that is
/// given must match (e-mail and name ignoring case, the phone in any notation).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subject {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub name: Option<String>,
}

impl Subject {
    pub fn is_empty(&self) -> bool {
        [&self.email, &self.phone, &self.name]
            .iter()
            .all(|v| v.as_ref().is_none_or(|v| v.trim().is_empty()))
    }

    /// Whether the case is about this person: one of the given details matches.
    pub fn matches(&self, case: &Case) -> bool {
        let c = &case.contact;
        let email = self.email.as_ref().is_some_and(|e| {
            c.email
                .as_ref()
                .is_some_and(|x| x.trim().eq_ignore_ascii_case(e.trim()))
        });
        let phone = self.phone.as_ref().is_some_and(|p| {
            let key = phone_key(p);
            !key.is_empty() && c.phone.as_ref().is_some_and(|x| phone_key(x) == key)
        });
        let name = self
            .name
            .as_ref()
            .is_some_and(|n| !n.trim().is_empty() && c.name.trim().to_lowercase() == n.trim().to_lowercase());
        email || phone || name
    }
}

/// A key that is the same for the same person, for grouping cases before
/// their contact details are removed.
pub fn contact_key(case: &Case) -> String {
    let c = &case.contact;
    c.email
        .as_ref()
        .map(|e| e.trim().to_lowercase())
        .or_else(|| c.phone.as_deref().map(phone_key))
        .unwrap_or_else(|| c.name.trim().to_lowercase())
}

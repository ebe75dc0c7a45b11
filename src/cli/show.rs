//! `klachtdesk show`: one case, everything about it.

use std::io::Write;

use chrono::{DateTime, Utc};

use super::text::labelled;
use super::{Failure, Session, json, output};
use crate::domain::case::{Case, CaseId, Target};
use crate::domain::deadlines::CaseClocks;
use crate::domain::event::{Event, EventKind};
use crate::domain::problem::Field;
use crate::domain::workflow::Command;
use crate::i18n::{self, Lang, T, datetime, field_key};
use crate::sanitize::visible;

#[derive(Debug, Clone, clap::Args)]
pub struct ShowArgs {
    /// The case number, e.g. K-2026-0042
    id: String,
    /// Print JSON for scripts
    #[arg(long)]
    json: bool,
}

const W: usize = 24;

pub fn run(session: &mut Session, args: &ShowArgs) -> Result<(), Failure> {
    let lang = session.lang;
    let id = CaseId::parse(&args.id).map_err(|p| Failure::refusal(lang, &p.into()))?;
    let desk = session.desk()?;
    let case = desk.get(id).map_err(|e| Failure::store(lang, &e))?;
    let events = desk.events(id).map_err(|e| Failure::store(lang, &e))?;
    let clocks = CaseClocks::of(&case, &session.rules.policy, session.now);
    if args.json {
        output::print_json(lang, &json::case(&case, &clocks, Some(&events)))
    } else {
        let text = render(lang, &case, &clocks, &events, session.now);
        output::print(lang, |out| out.write_all(text.as_bytes()))
    }
}

/// The whole case as text at `now`, newest contact and audit entries first.
pub fn render(lang: Lang, case: &Case, clocks: &CaseClocks, events: &[Event], now: DateTime<Utc>) -> String {
    let mut out = Vec::new();
    let label = |f: Field| lang.t(field_key(f));
    let c = &case.contact;
    out.push(format!("{} · {}", case.id, i18n::state_label(lang, case)));
    out.push(String::new());
    let mut field = |f: Field, value: &str| {
        if !value.trim().is_empty() {
            out.push(labelled(label(f), value, W));
        }
    };
    field(Field::Name, &c.name);
    field(Field::Organisation, c.organisation.as_deref().unwrap_or(""));
    field(Field::Phone, c.phone.as_deref().unwrap_or(""));
    field(Field::Email, c.email.as_deref().unwrap_or(""));
    field(Field::Service, i18n::service_name(lang, &case.service));
    field(Field::Channel, lang.t(i18n::channel_key(case.channel)));
    field(Field::ComplainedAt, &datetime(lang, case.complained_at));
    field(Field::Handler, case.handler.as_deref().unwrap_or(""));
    field(Field::Involved, &case.involved.join(", "));
    field(Field::Description, &case.description);
    if let Some(sought) = &case.remedy_sought {
        field(Field::Remedy, &i18n::remedy_shown(lang, sought));
    }
    let registered = format!(
        "{} {} {}",
        datetime(lang, case.registered_at),
        lang.t(T::LabelBy),
        case.registered_by
    );
    out.push(labelled(lang.t(T::LabelRegistered), &registered, W));

    out.push(String::new());
    out.push(lang.t(T::HeadDeadlines).to_string());
    for (target, status) in [
        (Target::Acknowledge, &clocks.acknowledge),
        (Target::Outcome, &clocks.outcome),
    ] {
        out.push(labelled(
            lang.t(i18n::target_key(target)),
            &i18n::clock(lang, status),
            W,
        ));
    }

    if !case.promises.is_empty() {
        out.push(String::new());
        out.push(lang.t(T::PromisesTitle).to_string());
        for promise in &case.promises {
            let mut lines = i18n::promise_lines(lang, promise).into_iter();
            // A broken promise is marked as the board marks it.
            let mark = if promise.is_outstanding() && now > promise.due {
                "! "
            } else {
                ""
            };
            out.extend(lines.next().map(|l| format!("  {mark}{l}")));
            out.extend(lines.map(|l| format!("      {l}")));
        }
    }

    out.push(String::new());
    out.push(lang.t(T::HeadSteps).to_string());
    out.extend(steps(lang, case));

    out.push(String::new());
    out.push(lang.t(T::HeadContactLog).to_string());
    for entry in case.contact_log.iter().rev() {
        out.push(format!(
            "  {}  {} {}  {}",
            datetime(lang, entry.at),
            lang.t(i18n::log_kind_key(entry.kind)),
            lang.t(i18n::direction_key(entry.direction)),
            visible(&entry.author)
        ));
        out.extend(entry.text.lines().map(|l| format!("      {}", visible(l))));
    }

    out.push(String::new());
    out.push(lang.t(T::HeadAuditTrail).to_string());
    for event in events.iter().rev() {
        out.extend(audit_entry(lang, event));
    }
    out.push(String::new());
    out.join("\n")
}

fn steps(lang: Lang, case: &Case) -> Vec<String> {
    let mut out = Vec::new();
    let label = |f: Field| lang.t(field_key(f));
    if let Some(ack) = &case.acknowledgement {
        let value = format!(
            "{} ({})",
            datetime(lang, ack.at),
            lang.t(i18n::ack_via_key(ack.via))
        );
        out.push(labelled(label(Field::AckAt), &value, W));
    }
    if let Some(a) = &case.admissibility {
        let verdict = lang.t(if a.admissible {
            T::Admissible
        } else {
            T::NotAdmissible
        });
        let mut value = format!("{verdict} ({})", datetime(lang, a.decided_at));
        if let Some(sent) = a.justification_sent_at {
            value.push_str(&format!("; {} {}", lang.t(T::LabelSent), datetime(lang, sent)));
        }
        out.push(labelled(lang.t(T::LabelAdmissibility), &value, W));
    }
    let mut text = |f: Field, value: &str| {
        if !value.trim().is_empty() {
            out.push(labelled(label(f), value, W));
        }
    };
    text(Field::Justification, &case.justification);
    for request in &case.info_requests {
        let received = match request.received_at {
            Some(at) => format!("{} {}", lang.t(T::LabelReceived), datetime(lang, at)),
            None => lang.t(T::LabelOpenRequest).to_string(),
        };
        let value = format!(
            "{} — {received}\n{}",
            datetime(lang, request.requested_at),
            request.request
        );
        text(Field::Request, &value);
    }
    text(Field::RootCause, &case.root_cause);
    text(Field::Solution, &case.solution);
    text(Field::Outcome, &case.outcome);
    if let Some(g) = case.remedy_granted {
        text(Field::RemedyGranted, lang.t(i18n::granted_key(g)));
    }
    if let Some(at) = case.outcome_communicated_at {
        text_owned(&mut out, lang.t(T::LabelCommunicated), &datetime(lang, at));
    }
    if let Some(s) = case.satisfaction {
        text_owned(
            &mut out,
            label(Field::Satisfaction),
            lang.t(i18n::satisfaction_key(s)),
        );
    }
    if !case.learnings.trim().is_empty() {
        text_owned(&mut out, label(Field::Learnings), &case.learnings);
    }
    if let Some(w) = &case.withdrawal {
        text_owned(&mut out, label(Field::WithdrawReason), &w.reason);
    }
    if let Some(at) = case.closed_at {
        text_owned(&mut out, lang.t(T::LabelClosedAt), &datetime(lang, at));
    }
    if out.is_empty() {
        out.push(format!("  {}", lang.t(T::LabelNone)));
    }
    out
}

fn text_owned(out: &mut Vec<String>, label: &str, value: &str) {
    out.push(labelled(label, value, W));
}

fn audit_entry(lang: Lang, event: &Event) -> Vec<String> {
    let what = match &event.kind {
        EventKind::Registered => lang.t(T::Registration),
        EventKind::Command(c) => lang.t(i18n::step_key(c.step())),
    };
    let moved = match event.from {
        Some(from) if from != event.to => format!(
            "  {} → {}",
            lang.t(i18n::state_key(from)),
            lang.t(i18n::state_key(event.to))
        ),
        _ => String::new(),
    };
    // A step recorded after it happened says when it happened.
    let happened = match event.happened_at() {
        at if datetime(lang, at) != datetime(lang, event.at) => format!(
            "  ({})",
            lang.fill(T::TimelineHappenedAt, &[("at", &datetime(lang, at))])
        ),
        _ => String::new(),
    };
    let mut out = vec![format!(
        "  {}  {}  {what}{moved}{happened}",
        datetime(lang, event.at),
        visible(&event.actor)
    )];
    let note = match &event.kind {
        EventKind::Command(
            Command::Reopen { reason: text, .. }
            | Command::InformationReceived { note: text, .. }
            | Command::MovePromise { reason: text, .. },
        ) => text.as_str(),
        _ => "",
    };
    if !note.trim().is_empty() {
        out.push(format!(
            "      {}: {}",
            lang.t(T::LabelNote),
            crate::sanitize::one_line(note)
        ));
    }
    for change in &event.changes {
        let field = lang.t(field_key(change.field));
        let short = |s: &str| {
            let s = crate::sanitize::one_line(s);
            if s.chars().count() > 60 {
                format!("{}…", s.chars().take(59).collect::<String>())
            } else {
                s
            }
        };
        let value = |raw: &str| short(&i18n::audit_value(lang, change.field, raw));
        out.push(format!(
            "      {field}: \"{}\" → \"{}\"",
            value(&change.before),
            value(&change.after)
        ));
    }
    out
}

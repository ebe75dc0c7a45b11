//! A step of the procedure as a small form that asks only for what the step's
//! guard needs, prefilled with what the case already has.

use super::{FormModal, Purpose, moment};
use crate::app::form::{Form, FormField};
use crate::app::{App, pane};
use crate::domain::case::{AckVia, CaseId, Direction, LogKind, Satisfaction};
use crate::domain::problem::{Field, Problem};
use crate::domain::remedy::Granted;
use crate::domain::workflow::{Command, Edit, Step};
use crate::i18n::{ack_via_key, direction_key, granted_key, log_kind_key, satisfaction_key};

/// The form for `step` on case `id`, or `None` if the case is not loaded.
pub fn open(app: &App, id: CaseId, step: Step) -> Option<FormModal> {
    let held = app.cases.case(id)?;
    let case = held.as_ref();
    let lang = app.lang;
    let draft = |f: Field| pane::value(case, f);
    let fields = match step {
        Step::Acknowledge => {
            let options = AckVia::ALL
                .iter()
                .map(|v| lang.t(ack_via_key(*v)).to_string())
                .collect();
            let via = if case.contact.email.is_some() { 0 } else { 1 };
            vec![
                // Left empty, it means now.
                FormField::line(Field::AckAt, false, ""),
                FormField::choice(Field::AckVia, true, options, Some(via)),
            ]
        }
        Step::TakeIntoTreatment | Step::AssignHandler => {
            let handler = case.handler.clone().unwrap_or_else(|| app.operator.clone());
            vec![FormField::pick(
                Field::Handler,
                true,
                &handler,
                app.cases.read().staff(),
            )]
        }
        Step::DeclareNotAdmissible => vec![FormField::text(
            Field::Justification,
            true,
            &draft(Field::Justification),
        )],
        Step::RequestInformation => vec![FormField::text(Field::Request, true, "")],
        Step::InformationReceived | Step::Reopen => vec![FormField::text(Field::LogText, false, "")],
        Step::CommunicateOutcome => vec![
            FormField::pick(
                Field::RootCause,
                true,
                &draft(Field::RootCause),
                super::causes::earlier(app, &case.service, id),
            ),
            FormField::text(Field::Solution, true, &draft(Field::Solution)),
            FormField::text(Field::Outcome, true, &draft(Field::Outcome)),
        ]
        .into_iter()
        .chain(
            case.remedy_sought
                .as_ref()
                .map(|_| granted_field(lang, case.remedy_granted)),
        )
        .collect(),
        Step::Close => {
            let options = Satisfaction::ALL
                .iter()
                .map(|s| lang.t(satisfaction_key(*s)).to_string())
                .collect();
            let chosen = case
                .satisfaction
                .and_then(|s| Satisfaction::ALL.iter().position(|x| *x == s));
            vec![
                FormField::text(Field::Learnings, true, &draft(Field::Learnings)),
                FormField::choice(Field::Satisfaction, true, options, chosen),
            ]
        }
        Step::Withdraw => vec![FormField::text(Field::WithdrawReason, true, "")],
        Step::SetInvolved => vec![FormField::line(Field::Involved, false, &draft(Field::Involved))],
        Step::LogContact => {
            let kinds = LogKind::ALL
                .iter()
                .map(|k| lang.t(log_kind_key(*k)).to_string())
                .collect();
            let ways = Direction::ALL
                .iter()
                .map(|d| lang.t(direction_key(*d)).to_string())
                .collect();
            let mut fields = vec![
                FormField::choice(Field::LogKind, true, kinds, Some(0)),
                FormField::choice(Field::Direction, true, ways, Some(0)),
                FormField::text(Field::LogText, true, ""),
            ];
            fields.extend(super::promise::kept_by_contact(app, case));
            fields
        }
        Step::MakePromise | Step::KeepPromise | Step::MovePromise => {
            if step != Step::MakePromise && !case.promises.iter().any(|p| p.is_outstanding()) {
                return None;
            }
            super::promise::fields(app, case, step)
        }
        Step::Edit | Step::Anonymise | Step::Undo => return None,
    };
    let fields = if step.is_dated() && step != Step::Acknowledge {
        // Left empty, it means now.
        fields
            .into_iter()
            .chain([FormField::line(Field::StepAt, false, "")])
            .collect()
    } else {
        fields
    };
    let purpose = Purpose::Step {
        id,
        version: case.version,
        step,
    };
    Some(FormModal::new(purpose, Form::new(fields)))
}

/// Whether the remedy sought was granted: asked with the outcome when the
/// complainant said what they want.
fn granted_field(lang: crate::i18n::Lang, now: Option<Granted>) -> FormField {
    let options = Granted::ALL
        .iter()
        .map(|g| lang.t(granted_key(*g)).to_string())
        .collect();
    let index = now.and_then(|g| Granted::ALL.iter().position(|x| *x == g));
    FormField::choice(Field::RemedyGranted, true, options, index)
}

/// The form with `field` holding `text`, as if it had been typed (so leaving
/// asks before discarding it).
pub fn with_text(mut form: Form, lang: crate::i18n::Lang, field: Field, text: &str) -> Form {
    if let Some(i) = form.fields.iter().position(|f| f.field == field) {
        let focus = form.focus;
        form.focus = i;
        form.paste(lang, text);
        form.focus = focus;
    }
    form
}

/// The command(s) the form's values stand for.
pub fn build(app: &App, id: CaseId, step: Step, form: &Form) -> Result<Vec<Command>, (Field, Problem)> {
    let text = |f: Field| form.text(f);
    let typed_at = text(Field::StepAt);
    let at = if typed_at.trim().is_empty() {
        None
    } else {
        Some(moment(app, Field::StepAt, &typed_at)?)
    };
    let command = match step {
        Step::Acknowledge => {
            let typed = text(Field::AckAt);
            let at = if typed.trim().is_empty() {
                app.now
            } else {
                moment(app, Field::AckAt, &typed)?
            };
            let via = form
                .choice(Field::AckVia)
                .and_then(|i| AckVia::ALL.get(i).copied())
                .ok_or((Field::AckVia, Problem::Missing(Field::AckVia)))?;
            Command::Acknowledge { at, via }
        }
        Step::TakeIntoTreatment => Command::TakeIntoTreatment {
            at,
            handler: text(Field::Handler),
        },
        Step::AssignHandler => Command::AssignHandler {
            handler: text(Field::Handler),
        },
        Step::DeclareNotAdmissible => Command::DeclareNotAdmissible {
            at,
            justification: text(Field::Justification),
        },
        Step::RequestInformation => Command::RequestInformation {
            at,
            request: text(Field::Request),
        },
        Step::InformationReceived => Command::InformationReceived {
            at,
            note: text(Field::LogText),
        },
        Step::Reopen => Command::Reopen {
            at,
            reason: text(Field::LogText),
        },
        Step::CommunicateOutcome => {
            let outcome = Command::CommunicateOutcome {
                at,
                root_cause: text(Field::RootCause),
                solution: text(Field::Solution),
                outcome: text(Field::Outcome),
            };
            // Recorded as an edit before the step, in the same save: the
            // step's own record stays as older versions read it.
            let granted = form
                .choice(Field::RemedyGranted)
                .and_then(|i| Granted::ALL.get(i).copied());
            return Ok(match granted {
                Some(g) => vec![
                    Command::Edit {
                        edits: vec![Edit::RemedyGranted(Some(g))],
                    },
                    outcome,
                ],
                None => vec![outcome],
            });
        }
        Step::Close => Command::Close {
            at,
            learnings: text(Field::Learnings),
            satisfaction: form
                .choice(Field::Satisfaction)
                .and_then(|i| Satisfaction::ALL.get(i).copied()),
        },
        Step::Withdraw => Command::Withdraw {
            at,
            reason: text(Field::WithdrawReason),
        },
        Step::SetInvolved => Command::SetInvolved {
            staff: text(Field::Involved)
                .split(',')
                .map(|s| s.trim().to_string())
                .collect(),
        },
        Step::LogContact => {
            let kind = form
                .choice(Field::LogKind)
                .and_then(|i| LogKind::ALL.get(i).copied())
                .unwrap_or(LogKind::Call);
            let direction = form
                .choice(Field::Direction)
                .and_then(|i| Direction::ALL.get(i).copied())
                .unwrap_or(Direction::Inbound);
            let logged = Command::LogContact {
                kind,
                direction,
                text: text(Field::LogText),
            };
            let Some(case) = app.cases.case(id) else {
                return Ok(vec![logged]);
            };
            let promised = super::promise::with_contact(app, case.as_ref(), form)?;
            return Ok(std::iter::once(logged).chain(promised).collect());
        }
        Step::MakePromise | Step::KeepPromise | Step::MovePromise => {
            let case = app
                .cases
                .case(id)
                .ok_or((Field::Promises, Problem::Missing(Field::Promises)))?;
            super::promise::build(app, case.as_ref(), step, form)?
        }
        Step::Edit | Step::Anonymise | Step::Undo => return Ok(Vec::new()),
    };
    Ok(vec![command])
}

//! The forms shown over the board: registering a complaint, a step of the
//! procedure, or one field of a case edited in place. Each builds what the
//! store needs from what was typed; a refused save keeps the form on screen
//! with the problems next to their fields.

pub mod causes;
pub mod edit;
pub mod intake;
pub mod promise;
pub mod step;
pub mod what_if;

use chrono::{DateTime, Utc};

use super::form::Form;
use super::modal::{Modal, Outcome, Typed};
use super::{Action, App, Effect};
use crate::domain::case::{Case, CaseId};
use crate::domain::problem::{Field, Problem};
use crate::domain::when::parse_moment;
use crate::domain::workflow::Step;
use crate::i18n::Describe;
use crate::store::CommandError;

/// What a form is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    Intake,
    Step { id: CaseId, version: u32, step: Step },
    Edit { id: CaseId, version: u32, field: Field },
}

impl Purpose {
    /// The case the form is about, if any.
    pub fn case(&self) -> Option<CaseId> {
        match self {
            Purpose::Intake => None,
            Purpose::Step { id, .. } | Purpose::Edit { id, .. } => Some(*id),
        }
    }

    fn set_version(&mut self, latest: u32) {
        if let Purpose::Step { version, .. } | Purpose::Edit { version, .. } = self {
            *version = latest;
        }
    }
}

#[derive(Debug, Clone)]
pub struct FormModal {
    pub purpose: Purpose,
    pub form: Form,
    /// Intake only: open cases of the same contact as typed so far.
    pub duplicates: Vec<CaseId>,
    /// Which of them the caller is ringing about (↑/↓ pick it).
    pub picked: usize,
    /// The fields another operator changed since this form was opened, as
    /// the last save's refusal named them: who changed each.
    pub conflicts: Vec<(Field, String)>,
}

impl FormModal {
    pub fn new(purpose: Purpose, form: Form) -> Self {
        Self {
            purpose,
            form,
            duplicates: Vec::new(),
            picked: 0,
            conflicts: Vec::new(),
        }
    }
}

/// Input for an open form.
pub fn handle(app: &mut App, modal: &mut FormModal, typed: Typed) -> (Outcome, Vec<Effect>) {
    let form = &mut modal.form;
    if form.confirm_discard {
        return match typed {
            Typed::Action(Action::Yes) => (Outcome::Close, Vec::new()),
            Typed::Action(Action::No) => {
                form.confirm_discard = false;
                (Outcome::Stay, Vec::new())
            }
            _ => (Outcome::Stay, Vec::new()),
        };
    }
    if form.saving {
        // Nothing changes while the store has not answered.
        return (Outcome::Stay, Vec::new());
    }
    match typed {
        Typed::Action(Action::Save) if matches!(modal.purpose, Purpose::Edit { .. }) && !form.is_dirty() => {
            // Nothing changed: nothing to record.
            (Outcome::Close, Vec::new())
        }
        Typed::Action(Action::Save) => {
            form.accept_suggestion();
            form.clear_errors();
            match build(app, modal) {
                Ok(effect) => {
                    modal.form.saving = true;
                    (Outcome::Stay, vec![effect])
                }
                Err((field, problem)) => {
                    let text = crate::i18n::problem(app.lang, &problem);
                    modal.form.set_error(field, text);
                    (Outcome::Stay, Vec::new())
                }
            }
        }
        Typed::Action(Action::Back) => {
            if form.is_dirty() {
                form.confirm_discard = true;
                (Outcome::Stay, Vec::new())
            } else {
                (Outcome::Close, Vec::new())
            }
        }
        Typed::Action(Action::NextField) => {
            form.focus_next();
            (Outcome::Stay, Vec::new())
        }
        Typed::Action(Action::PrevField) => {
            form.focus_prev();
            (Outcome::Stay, Vec::new())
        }
        Typed::Action(Action::OpenDuplicate) => intake::open_duplicate(app, modal),
        // The call-log form takes a new promise in the same save.
        Typed::Action(Action::Promise)
            if matches!(
                modal.purpose,
                Purpose::Step {
                    step: Step::LogContact,
                    ..
                }
            ) =>
        {
            promise::add_to(&mut modal.form);
            (Outcome::Stay, Vec::new())
        }
        // Their value comes from the case as the desk holds it now.
        Typed::Action(Action::TakeTheirs) if !modal.conflicts.is_empty() => match modal.purpose.case() {
            Some(id) => (Outcome::Stay, vec![Effect::Fetch(id)]),
            None => (Outcome::Stay, Vec::new()),
        },
        Typed::Action(_) => (Outcome::Stay, Vec::new()),
        Typed::Key(key) => {
            if intake::picks(modal, &key) {
                return (Outcome::Stay, Vec::new());
            }
            modal.form.key(key);
            if modal.purpose == Purpose::Intake {
                intake::find_duplicates(app, modal);
            }
            (Outcome::Stay, Vec::new())
        }
        Typed::Paste(text) => {
            form.paste(app.lang, &text);
            if modal.purpose == Purpose::Intake {
                intake::find_duplicates(app, modal);
            }
            (Outcome::Stay, Vec::new())
        }
    }
}

/// The store call a form's values stand for, or the first value that could
/// not even be read (a date that is not one).
fn build(app: &App, modal: &FormModal) -> Result<Effect, (Field, Problem)> {
    match &modal.purpose {
        Purpose::Intake => intake::build(app, &modal.form).map(Effect::Register),
        Purpose::Step { id, version, step } => {
            let commands = step::build(app, *id, *step, &modal.form)?;
            Ok(Effect::Execute {
                id: *id,
                expected_version: *version,
                commands,
            })
        }
        Purpose::Edit { id, version, field } => {
            let case = app.cases.case(*id);
            let command = edit::build(app, case.as_deref(), *field, &modal.form)?;
            Ok(Effect::Execute {
                id: *id,
                expected_version: *version,
                commands: vec![command],
            })
        }
    }
}

/// A moment typed into a form: `now`, `today 9:30`, `2026-11-20 14:00`…
pub(crate) fn moment(app: &App, field: Field, text: &str) -> Result<DateTime<Utc>, (Field, Problem)> {
    parse_moment(text, app.now, &app.rules.policy).ok_or_else(|| {
        (
            field,
            Problem::BadMoment {
                field,
                given: text.trim().to_string(),
            },
        )
    })
}

/// The store's answer to the open form's save. Success closes the form (an
/// intake shows the new case number); a refusal stays, with its problems shown.
/// Returns false when no form was waiting for this answer.
pub fn answered(app: &mut App, result: &Result<Case, CommandError>) -> bool {
    let Some(Modal::Form(modal)) = &mut app.modal else {
        return false;
    };
    if !modal.form.saving {
        return false;
    }
    modal.form.saving = false;
    match result {
        Ok(case) => {
            let intake = modal.purpose == Purpose::Intake;
            app.modal = None;
            if intake {
                app.modal = Some(Modal::Registered(case.id));
            }
        }
        Err(CommandError::Refused(refusal)) => {
            modal.form.show_refusal(app.lang, refusal);
            // Another operator changed what this form changes: it keeps what
            // was typed, and now builds on their version, so that saving
            // again saves it over theirs (or Ctrl+T takes theirs).
            modal.conflicts = refusal
                .problems()
                .iter()
                .filter_map(|p| match p {
                    Problem::Conflict { field, by, .. } => Some((*field, by.clone())),
                    _ => None,
                })
                .collect();
            let now = refusal.problems().iter().find_map(|p| match p {
                Problem::Conflict { now, .. } => Some(*now),
                _ => None,
            });
            if let Some(now) = now {
                modal.purpose.set_version(now);
            }
            // Someone else saved first: the form now builds on their version,
            // so a second save (after a look at the case) goes through.
            if refusal
                .problems()
                .iter()
                .any(|p| matches!(p, Problem::Stale { .. }))
            {
                let latest = modal
                    .purpose
                    .case()
                    .and_then(|id| app.cases.case(id).map(|c| c.version));
                if let Some(latest) = latest {
                    modal.purpose.set_version(latest);
                }
            }
        }
        Err(CommandError::Store(e)) => modal.form.error = Some(e.describe(app.lang)),
    }
    true
}

/// The case as it stands now, fetched to take another operator's values: an
/// edit form refused for their change is opened again on it, holding theirs.
pub fn take_theirs(app: &mut App, case: Case) {
    let Some(Modal::Form(modal)) = &app.modal else {
        return;
    };
    let Purpose::Edit { id, field, .. } = modal.purpose else {
        return;
    };
    let Some((_, by)) = modal.conflicts.iter().find(|(f, _)| *f == field).cloned() else {
        return;
    };
    if case.id != id {
        return;
    }
    app.cases.put(case);
    if let Some(reopened) = edit::open(app, id, field) {
        app.modal = Some(Modal::Form(Box::new(reopened)));
        let text = app.lang.fill(
            crate::i18n::T::TookTheirs,
            &[("field", &app.lang.t(crate::i18n::field_key(field))), ("by", &by)],
        );
        app.flash(text, false);
    }
}

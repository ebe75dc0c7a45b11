//! The fields of the promise forms: making one (what, by when), keeping one
//! and moving one (which, to when, why), and the promise part of the
//! call-log form (the promise this call keeps; a new one made in the same save).

use crate::app::App;
use crate::app::form::{Form, FormField};
use crate::domain::by_when::parse_due;
use crate::domain::case::Case;
use crate::domain::problem::{Field, Problem};
use crate::domain::promise::next_outstanding;
use crate::domain::workflow::{Command, Step};
use crate::i18n::{T, promise_option};

/// The fields of a promise step's form.
pub fn fields(app: &App, case: &Case, step: Step) -> Vec<FormField> {
    match step {
        Step::MakePromise => new_promise(),
        Step::KeepPromise => vec![which(app, case)],
        // Moving: which, to when, why.
        _ => vec![
            which(app, case),
            FormField::line(Field::PromiseDue, true, ""),
            FormField::text(Field::PromiseReason, true, ""),
        ],
    }
}

/// What and by when; by when left empty is the end of the next working day.
pub fn new_promise() -> Vec<FormField> {
    vec![
        FormField::line(Field::PromiseWhat, true, ""),
        FormField::line(Field::PromiseDue, false, ""),
    ]
}

/// The outstanding promises to choose from, the one due first chosen.
fn which(app: &App, case: &Case) -> FormField {
    let outstanding = outstanding(case);
    let options = outstanding
        .iter()
        .map(|i| promise_option(app.lang, &case.promises[*i], app.now, &app.rules.policy))
        .collect();
    let first = next_outstanding(&case.promises).and_then(|(i, _)| outstanding.iter().position(|o| *o == i));
    FormField::choice(Field::Promises, true, options, first)
}

/// In the call-log form: which outstanding promise this contact keeps, the
/// one due first chosen, or none; `None` without promises outstanding, or on
/// a finished case (a contact may be logged there, a promise not kept).
pub fn kept_by_contact(app: &App, case: &Case) -> Option<FormField> {
    let outstanding = outstanding(case);
    if outstanding.is_empty() || !case.is_open() {
        return None;
    }
    let options = std::iter::once(app.lang.t(T::PromiseNotKeptByThis).to_string())
        .chain(
            outstanding
                .iter()
                .map(|i| promise_option(app.lang, &case.promises[*i], app.now, &app.rules.policy)),
        )
        .collect();
    let first = next_outstanding(&case.promises).and_then(|(i, _)| outstanding.iter().position(|o| *o == i));
    Some(FormField::choice(
        Field::Promises,
        false,
        options,
        first.map(|p| p + 1),
    ))
}

/// Adds a new promise's fields to a form that has none yet (the call-log
/// form, on the promise key), and puts the cursor on what is promised.
pub fn add_to(form: &mut Form) {
    if form.get(Field::PromiseWhat).is_none() {
        form.fields.extend(new_promise());
    }
    if let Some(i) = form.fields.iter().position(|f| f.field == Field::PromiseWhat) {
        form.focus = i;
    }
}

/// The command of a promise step's form.
pub fn build(app: &App, case: &Case, step: Step, form: &Form) -> Result<Command, (Field, Problem)> {
    match step {
        Step::MakePromise => made(app, form),
        Step::KeepPromise => Ok(Command::KeepPromise {
            promise: chosen(case, form, 0)?,
        }),
        _ => {
            let typed = form.text(Field::PromiseDue);
            if typed.trim().is_empty() {
                return Err((Field::PromiseDue, Problem::Missing(Field::PromiseDue)));
            }
            Ok(Command::MovePromise {
                promise: chosen(case, form, 0)?,
                due: due(app, &typed)?,
                reason: form.text(Field::PromiseReason),
            })
        }
    }
}

/// The commands the promise part of a call-log form adds: keeping the
/// chosen promise, making a new one.
pub fn with_contact(app: &App, case: &Case, form: &Form) -> Result<Vec<Command>, (Field, Problem)> {
    let mut commands = Vec::new();
    if form.choice(Field::Promises).is_some_and(|c| c > 0) {
        commands.push(Command::KeepPromise {
            promise: chosen(case, form, 1)?,
        });
    }
    if form.get(Field::PromiseWhat).is_some() {
        commands.push(made(app, form)?);
    }
    Ok(commands)
}

/// A new promise from the form's what and by when.
fn made(app: &App, form: &Form) -> Result<Command, (Field, Problem)> {
    Ok(Command::MakePromise {
        what: form.text(Field::PromiseWhat),
        due: due(app, &form.text(Field::PromiseDue))?,
    })
}

/// A typed "by when": `tomorrow`, `thu 12:00`, a date; empty is the default.
fn due(app: &App, typed: &str) -> Result<chrono::DateTime<chrono::Utc>, (Field, Problem)> {
    parse_due(typed, app.now, &app.rules.policy).ok_or_else(|| {
        let given = typed.trim().to_string();
        (
            Field::PromiseDue,
            Problem::BadMoment {
                field: Field::PromiseDue,
                given,
            },
        )
    })
}

/// The place among the case's promises of the outstanding one chosen, its
/// options starting after `skip` others.
fn chosen(case: &Case, form: &Form, skip: usize) -> Result<u32, (Field, Problem)> {
    let choice = form
        .choice(Field::Promises)
        .and_then(|c| c.checked_sub(skip))
        .ok_or((Field::Promises, Problem::Missing(Field::Promises)))?;
    // Another operator may have kept or moved promises since the form
    // opened: the choice then names none that is still outstanding.
    outstanding(case)
        .get(choice)
        .map(|&i| i as u32)
        .ok_or((Field::Promises, Problem::NoSuchPromise(choice as u32)))
}

fn outstanding(case: &Case) -> Vec<usize> {
    case.promises
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_outstanding())
        .map(|(i, _)| i)
        .collect()
}

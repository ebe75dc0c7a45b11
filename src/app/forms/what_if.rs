//! What saving a step's form now would make of the case's clock ("Outcome
//! due: Tue 8 Dec 17:00"), read-only under the fields, so that the operator
//! sees the new due date before it is set.

use super::{FormModal, Purpose, moment};
use crate::app::App;
use crate::domain::by_when::parse_due;
use crate::domain::explain::what_if;
use crate::domain::problem::Field;

/// The line for `modal`, or `None` for a form whose step moves no clock, or
/// whose typed moment is not a moment yet.
pub fn line(app: &App, modal: &FormModal) -> Option<String> {
    if modal.form.get(Field::PromiseDue).is_some() {
        return promise_due(app, modal);
    }
    let Purpose::Step { step, .. } = modal.purpose else {
        return None;
    };
    let typed = modal.form.text(Field::StepAt);
    let at = if typed.trim().is_empty() {
        app.now
    } else {
        moment(app, Field::StepAt, &typed).ok()?
    };
    let what = what_if(step, at, &app.rules.policy)?;
    Some(crate::i18n::what_if(app.lang, &what))
}

/// A promise form's "by when" as the moment it will be ("Promise due: Wed 2
/// Dec 2026 17:00"): what `tomorrow` or an empty field make of it.
fn promise_due(app: &App, modal: &FormModal) -> Option<String> {
    let typed = modal.form.text(Field::PromiseDue);
    // Empty means the default only where by when may be left empty.
    let required = modal.form.get(Field::PromiseDue).is_some_and(|f| f.required);
    if required && typed.trim().is_empty() {
        return None;
    }
    let due = parse_due(&typed, app.now, &app.rules.policy)?;
    let at = crate::i18n::datetime(app.lang, due);
    Some(app.lang.fill(crate::i18n::T::PromiseDueWhatIf, &[("at", &at)]))
}

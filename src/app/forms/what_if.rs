//! What saving a step's form now would make of the case's clock ("Outcome
//! due: Tue 8 Dec 17:00"), read-only under the fields, so that the operator
//! sees the new due date before it is set.

use super::{FormModal, Purpose, moment};
use crate::app::App;
use crate::domain::explain::what_if;
use crate::domain::problem::Field;

/// The line for `modal`, or `None` for a form whose step moves no clock, or
/// whose typed moment is not a moment yet.
pub fn line(app: &App, modal: &FormModal) -> Option<String> {
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

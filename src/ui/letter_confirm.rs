//! The question `x` asks in the letter view when marking the letter sent
//! records a step of the procedure.

use crate::app::letters::LetterView;
use crate::app::{Action, App};
use crate::domain::workflow::{Command, Step};
use crate::i18n::T;
use crate::keymap::Context;

/// "Acknowledge K-2026-0047 now, via e-mail? y yes · n no", in the operator's language.
pub fn question(app: &App, view: &LetterView) -> String {
    let lang = app.lang;
    let step = match view.sending(app) {
        Some(Ok(commands)) => commands.iter().map(Command::step).find(|s| s.changes_state()),
        _ => None,
    };
    let key = match step {
        Some(Step::DeclareNotAdmissible) => T::ConfirmDeclare,
        Some(Step::CommunicateOutcome) => T::ConfirmCommunicate,
        _ => T::ConfirmAcknowledge,
    };
    let chord = |action| {
        app.keymap
            .key_of(Context::Confirm, action)
            .map(|k| k.to_string())
            .unwrap_or_default()
    };
    lang.fill(
        key,
        &[
            ("id", &view.id),
            ("via", &lang.t(crate::templates::via_key(view.via))),
            ("yes", &chord(super::yes_action(app))),
            ("no", &chord(Action::No)),
        ],
    )
}

//! `u`: taking back this operator's own last change. The take-back is a
//! command like any other, sent to the desk, which decides whether it may
//! (whose change, how long ago, nobody else since) and says why not.

use super::{Action, App, Effect};
use crate::domain::case::{Case, CaseId};
use crate::i18n::{Describe, T};
use crate::store::CommandError;

/// A change this session asked of the desk and got: the case, and the first
/// audit event it recorded (one change can record several).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OwnChange {
    pub id: CaseId,
    pub first: u32,
}

/// What was last asked of the desk: the case (none: a registration) and how
/// many events the answer will have added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Asked {
    pub id: Option<CaseId>,
    pub events: u32,
}

/// Notes a change among `effects` about to be asked of the desk.
pub fn note_asked(app: &mut App, effects: &[Effect]) {
    for effect in effects {
        let asked = match effect {
            Effect::Register(_) => Asked { id: None, events: 1 },
            Effect::Execute { id, commands, .. } => Asked {
                id: Some(*id),
                events: u32::try_from(commands.len()).unwrap_or(u32::MAX),
            },
            Effect::Take { id, .. } => Asked {
                id: Some(*id),
                events: 1,
            },
            _ => continue,
        };
        app.asked = Some(asked);
    }
}

/// The desk saved what this session asked: that is the change `u` takes back.
pub fn remember(app: &mut App, result: &Result<Case, CommandError>) {
    let Ok(case) = result else { return };
    let Some(asked) = app.asked.take() else { return };
    if asked.id.is_some_and(|id| id != case.id) {
        return;
    }
    app.last_change = Some(OwnChange {
        id: case.id,
        first: (case.version + 1).saturating_sub(asked.events).max(1),
    });
}

/// `u`: asks the desk to take the last change back, or says there is none.
pub fn ask(app: &mut App) -> Vec<Effect> {
    match app.last_change {
        Some(change) => vec![Effect::Undo {
            id: change.id,
            first: change.first,
        }],
        None => {
            let key = app
                .keymap
                .key_of(app.context(), Action::Undo)
                .map(|k| k.to_string())
                .unwrap_or_default();
            app.flash(app.lang.fill(T::UndoNothing, &[("key", &key)]), false);
            Vec::new()
        }
    }
}

/// The desk's answer to a take-back: the case as it was, or why not. A
/// refusal is final (someone changed the case, too late); a desk that could
/// not be reached may take it later.
pub fn answered(app: &mut App, result: &Result<Case, CommandError>) {
    match result {
        Ok(case) => {
            app.last_change = None;
            app.flash(app.lang.fill(T::Undone, &[("id", &case.id)]), false);
        }
        Err(e) => {
            if matches!(e, CommandError::Refused(_)) {
                app.last_change = None;
            }
            app.flash(e.describe(app.lang), true);
        }
    }
}

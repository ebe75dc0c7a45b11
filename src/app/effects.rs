//! Carrying out what `update` asks for, against the store, and turning each
//! result into the message `update` gets next. The terminal loop and the tests
//! both use this, so a test drives exactly what an operator's keys do.

use chrono::{DateTime, Utc};

use super::{App, Effect, Msg, update};
use crate::domain::workflow::Ctx;
use crate::store::Store;

/// Does one effect; returns the message that reports its result, if any.
pub fn perform(effect: &Effect, store: &Store, app: &App) -> Option<Msg> {
    let ctx = Ctx {
        now: app.now,
        actor: &app.operator,
        rules: &app.rules,
    };
    match effect {
        Effect::Register(intake) => Some(Msg::Registered(store.register(intake, &ctx))),
        Effect::Execute {
            id,
            expected_version,
            commands,
        } => Some(Msg::Saved(store.execute_all(
            *id,
            Some(*expected_version),
            commands,
            &ctx,
        ))),
        Effect::LoadEvents(id) => Some(Msg::Events(*id, store.events(*id).unwrap_or_default())),
        Effect::Quit => None,
    }
}

/// Feeds `msg` to the app and carries out every effect that follows, until
/// nothing is left to do.
pub fn dispatch(app: &mut App, msg: Msg, store: &Store) {
    let mut queue = vec![msg];
    while let Some(msg) = queue.pop() {
        for effect in update(app, msg) {
            if let Some(next) = perform(&effect, store, app) {
                queue.push(next);
            }
        }
    }
}

/// The clock the app runs on: the real one, or pinned for training and tests.
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    System,
    Pinned(DateTime<Utc>),
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Pinned(t) => *t,
        }
    }
}

//! `klachtdesk` with no subcommand: the board.

use super::{Failure, Session};
use crate::app::App;
use crate::app::cases::Cases;
use crate::app::effects::Clock;
use crate::tui;

pub fn run(session: &mut Session) -> Result<(), Failure> {
    let store = session.store()?;
    let loaded = store.load();
    let keymap = session.keymap()?;
    let mut app = App::new(
        session.lang,
        session.operator.clone(),
        session.rules.clone(),
        keymap,
        session.now,
        Cases::new(loaded.cases),
        (80, 24),
    );
    app.unreadable = loaded
        .unreadable
        .iter()
        .map(|e| e.describe(session.lang))
        .collect();
    let clock = if session.pinned {
        Clock::Pinned(session.now)
    } else {
        Clock::System
    };
    tui::run_board(&mut app, &store, clock).map_err(|e| Failure::Failed(e.to_string()))
}

//! `klachtdesk` with no subcommand: the board.

use std::io::IsTerminal;

use super::{Failure, Session};
use crate::app::cases::Cases;
use crate::app::{App, Queue};
use crate::i18n::Describe;
use crate::i18n::T;
use crate::remote::Server;
use crate::tui;

pub fn run(session: &mut Session) -> Result<(), Failure> {
    // Without a terminal the board cannot read keys, and with its output
    // redirected it would draw into a file: say so before opening anything.
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return Err(Failure::Refused(
            session.lang.t(T::BoardNeedsTerminal).to_string(),
        ));
    }
    let store = session.store()?;
    // Standard error is the board's screen: a failed automatic backup is kept
    // for the board to show (`Store::backup_failure`) rather than printed.
    store.on_backup_failure(|_| {});
    // The command line works through the board while it has the database
    // open; the handle lives until the board closes, and takes its socket along.
    // Watch before reading, so that no change falls between the two.
    let watch = store.subscribe();
    let desk = session.local(store.clone());
    let clock = desk.clock();
    let server = Server::start(desk.clone());
    let loaded = store.load();
    let keymap = session.keymap()?;
    let mut app = App::new(
        session.lang,
        session.operator.clone(),
        session.rules.clone(),
        keymap,
        session.now,
        Queue::new(Cases::new(loaded.cases)),
        (80, 24),
    );
    app.settings = session.settings();
    app.unreadable = loaded
        .unreadable
        .iter()
        .map(|e| e.describe(session.lang))
        .collect();
    if let Err(e) = &server {
        // The board is still of use without it; the command line will say the
        // database is in use, as it did before.
        app.flash(e.describe(session.lang), true);
    }
    let ended = tui::run_board(&mut app, &desk, watch, clock).map_err(|e| Failure::Failed(e.to_string()));
    drop(server);
    match ended? {
        crate::session::Ended::Quit | crate::session::Ended::Closed => Ok(()),
        crate::session::Ended::Signal(signal) => Err(Failure::Ended(signal)),
    }
}

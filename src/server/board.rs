//! A board opened at the desk for an operator's terminal, whatever carries
//! it (the local socket or SSH): its own App (the operator's language,
//! colours and place on the queue), drawn by the session loop on a thread of
//! its own into a queue of frames the transport sends. A board whose
//! connection is lost is kept for the operator's next connection.

use std::sync::mpsc::{Receiver, channel};
use std::thread;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};

use super::Shared;
use super::registry::Teller;
use super::views::{View, Views};
use crate::app::effects::osc52;
use crate::app::{App, Notice, Preferences, Settings};
use crate::desk::{BadRequest, Local};
use crate::i18n::{Describe, Lang, T};
use crate::identity::Operator;
use crate::remote::TerminalInfo;
use crate::remote::frame::ToTerminal;
use crate::session::outbox::{MAX_WAITING, Outbox, outbox};
use crate::session::screen::{Screen, SharedSize};
use crate::session::{self, Around, Board, Ended, Input};
use crate::ui::Theme;

/// Opens a board for `operator` at `terminal` — the one their last lost
/// connection left, if it is kept — closed after `idle` without a key;
/// refused when the desk serves as many boards as it may.
pub fn open(
    shared: &Shared,
    operator: &Operator,
    terminal: &TerminalInfo,
    idle: Option<Duration>,
) -> Result<Board, BadRequest> {
    let (inputs, received) = channel();
    let max = shared.config.desk.max_sessions;
    let id = shared
        .sessions
        .join(inputs.clone(), max)
        .ok_or(BadRequest::TooManySessions { max })?;
    let size = SharedSize::new(terminal.cols, terminal.rows);
    let (outbox, frames) = outbox(MAX_WAITING);
    let mut app = match shared.parked.take(&operator.name) {
        Some(app) => {
            // What changed meanwhile is in the shared queue: the board
            // takes it in, keeping the forms open.
            let _ = inputs.send(Input::Reloaded);
            let _ = inputs.send(Input::Notice(Notice::Resumed));
            app
        }
        None => {
            let mut app = board_for(shared, operator, terminal);
            let mut preferences = shared.views.of(&operator.name).preferences();
            // A desk that starts every board masked does, whatever was left.
            preferences.masked |= shared.config.privacy.start_masked;
            app.prefer(preferences);
            app
        }
    };
    app.settings.colour = terminal.colour();
    place_files(&mut app, shared, operator, terminal);
    app.presence = shared.presence.clone();
    app.seat = id;
    let desk = shared.desk.as_operator(&operator.name);
    let others = shared.sessions.teller();
    let presence = shared.presence.clone();
    let parked = shared.parked.clone();
    let views = shared.views.clone();
    let drawn = {
        let size = size.clone();
        thread::Builder::new()
            .name("klachtdesk-session".into())
            .spawn(move || {
                let ended = draw_board(&mut app, &desk, &received, size, &outbox, &others, idle, &views);
                others.leave(id);
                presence.leave(id);
                others.tell(|| Input::Presence);
                // A board the operator did not leave waits for them.
                if !matches!(ended, Ok(Ended::Quit) | Ok(Ended::Signal(_))) {
                    parked.park(app);
                }
            })
    };
    if drawn.is_err() {
        shared.sessions.leave(id);
        return Err(BadRequest::TooManySessions { max });
    }
    Ok(Board { inputs, size, frames })
}

/// The board an operator at `terminal` starts with.
fn board_for(shared: &Shared, operator: &Operator, terminal: &TerminalInfo) -> App {
    let lang = operator
        .language
        .or_else(|| {
            terminal
                .lang
                .as_deref()
                .filter(|l| !l.is_empty())
                .map(Lang::from_locale)
        })
        .or(shared.config.language)
        .unwrap_or_default();
    let desk = &shared.desk;
    let mut app = App::new(
        lang,
        operator.name.clone(),
        desk.rules().clone(),
        shared.keymap.clone(),
        desk.clock().now(),
        shared.queue.clone(),
        (terminal.cols, terminal.rows),
    );
    app.settings = Settings {
        colour: terminal.colour(),
        ..shared.settings.clone()
    };
    app.unreadable = shared.unreadable.iter().map(|e| e.describe(lang)).collect();
    app
}

/// Where the board offers to write letters and exports: the terminal's
/// folder; over SSH, the operator's folder at the desk, by name only.
fn place_files(app: &mut App, shared: &Shared, operator: &Operator, terminal: &TerminalInfo) {
    use crate::ssh::Boards as _;
    (app.settings.exports, app.settings.by_name_only) = match &terminal.exports {
        Some(folder) => (folder.clone(), false),
        None => (shared.exports_of(operator), true),
    };
}

#[allow(clippy::too_many_arguments)]
/// The session's loop: the board drawn into frames for the terminal, from
/// switching it to the board's screen until switching it back and saying
/// how it ended.
fn draw_board(
    app: &mut App,
    desk: &Local,
    inputs: &Receiver<Input>,
    size: SharedSize,
    outbox: &Outbox,
    others: &Teller,
    idle: Option<Duration>,
    views: &Views,
) -> std::io::Result<Ended> {
    let mut screen = Screen::new(size, Box::new(outbox.clone()));
    let mut modes = Vec::new();
    let _ = execute!(
        modes,
        EnterAlternateScreen,
        Hide,
        EnableMouseCapture,
        EnableBracketedPaste
    );
    let _ = screen.write_raw(&modes);
    let mut terminal = Terminal::new(screen)?;
    // The terminal may still show a board a lost desk drew: start clean.
    let _ = terminal.clear();
    let theme = Theme::new(app.settings.colour);
    let clock = desk.clock();
    let mut copy = |text: &str| {
        let _ = outbox.send(ToTerminal::Output(osc52(text).into_bytes()));
    };
    let mut moved = || others.tell(|| Input::Presence);
    let mut write = |path: &std::path::Path, contents: &str, replace: bool| {
        let file = crate::remote::frame::FileToWrite {
            id: 0,
            path: path.to_path_buf(),
            contents: contents.to_string(),
            replace,
        };
        let _ = outbox.send(ToTerminal::File(file));
    };
    let operator = app.operator.clone();
    let mut preferences = |preferences: Preferences| views.set(&operator, View::of(preferences));
    let around = Around {
        copy: &mut copy,
        moved: &mut moved,
        write: &mut write,
        idle,
        preferences: &mut preferences,
    };
    let ended = session::run(&mut terminal, app, inputs, desk, clock, &theme, around);
    let mut back = Vec::new();
    let _ = execute!(
        back,
        DisableBracketedPaste,
        DisableMouseCapture,
        Show,
        LeaveAlternateScreen
    );
    let _ = outbox.send(ToTerminal::Output(back));
    let (code, message) = match ended {
        Ok(Ended::Quit) | Ok(Ended::Closed) => (0, String::new()),
        Ok(Ended::Idle) => {
            let minutes = idle.map_or(0, |i| i.as_secs() / 60);
            (0, app.lang.fill(T::ClosedIdle, &[("minutes", &minutes)]))
        }
        Ok(Ended::Signal(signal)) => (
            128u8.saturating_add(u8::try_from(signal).unwrap_or(0)),
            String::new(),
        ),
        Err(_) => (1, String::new()),
    };
    let _ = outbox.send(ToTerminal::Exit { code, message });
    ended
}

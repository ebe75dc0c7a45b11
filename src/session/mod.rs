//! One operator's board, wherever their terminal is: the loop that turns
//! what arrives (keys, the clock, changes to the queue) into messages for the
//! app, carries out what the app asks on the desk, and draws. It is generic
//! over ratatui's backend and reads its input from a channel, so the same
//! loop draws a board for a terminal at the end of a socket or SSH channel
//! ([`screen::Screen`]) and for tests.

pub mod input;
pub mod outbox;
pub mod screen;

use std::sync::mpsc::{Receiver, Sender};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};

use crate::app::effects::dispatch_for_terminal;
use crate::app::{App, Effect, Msg, Notice, Preferences};
use crate::desk::{Clock, Desk};
use crate::store::Change;
use crate::ui::{self, Theme};

/// What the loop waits for.
#[derive(Debug)]
pub enum Input {
    Terminal(Event),
    Tick,
    Changed(Change),
    /// A line for the foot of the screen from the desk (maintenance, a
    /// notice before closing).
    Notice(Notice),
    /// The desk read the whole queue again.
    Reloaded,
    /// How writing a file the operator asked for went, at their terminal.
    Written(Box<Msg>),
    /// Another operator opened or left a case, or started editing a field:
    /// only the screen changes.
    Presence,
    /// A signal that ends the process: the loop ends as on quitting.
    Signal(i32),
    /// The terminal went away (the connection closed): the loop ends.
    Closed,
}

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    Quit,
    Signal(i32),
    /// The terminal went away.
    Closed,
    /// No key came for as long as the desk lets a board wait.
    Idle,
}

/// A board the desk draws for a terminal at the end of a connection (the
/// local socket, SSH): the transport passes on what the terminal sends and
/// sends it the frames, whatever carries them.
#[derive(Debug)]
pub struct Board {
    /// Where the terminal's keys, paste and size go.
    pub inputs: Sender<Input>,
    /// The terminal's size, as it last said.
    pub size: screen::SharedSize,
    /// What to send the terminal, until the frame that says it is over.
    pub frames: outbox::Frames,
}

/// How long before closing an idle board the operator is warned.
const IDLE_WARNING: Duration = Duration::from_secs(60);

/// What a session does beyond its screen and the desk.
pub struct Around<'a> {
    /// Puts text on the clipboard of the operator's terminal.
    pub copy: &'a mut dyn FnMut(&str),
    /// Tells the other sessions this one moved (opened or left a case,
    /// started editing a field).
    pub moved: &'a mut dyn FnMut(),
    /// Has a file the operator asked for written at their terminal (path,
    /// contents, whether to replace one that is there); the answer comes
    /// back as [`Input::Written`].
    pub write: &'a mut dyn FnMut(&std::path::Path, &str, bool),
    /// How long the board may go without a key before it closes; none: forever.
    pub idle: Option<Duration>,
    /// Keeps the operator's choices (compact cards, masking), when they change them.
    pub preferences: &'a mut dyn FnMut(Preferences),
}

/// The loop: wait for input, update, draw. Input that arrives together is
/// handled together and drawn once.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    inputs: &Receiver<Input>,
    desk: &dyn Desk,
    clock: Clock,
    theme: &Theme,
    around: Around,
) -> std::io::Result<Ended>
where
    B::Error: Into<std::io::Error>,
{
    let size = terminal.size().map_err(Into::into)?;
    dispatch_for_terminal(
        app,
        Msg::Resize {
            width: size.width,
            height: size.height,
        },
        desk,
    );
    dispatch_for_terminal(app, Msg::Tick(clock.now()), desk);
    let mut last_key = Instant::now();
    let mut warned = false;
    let mut preferences = app.preferences();
    loop {
        terminal
            .draw(|frame| ui::draw(app, theme, frame))
            .map_err(Into::into)?;
        let Ok(first) = inputs.recv() else {
            return Ok(Ended::Quit);
        };
        let mut pending = vec![first];
        pending.extend(inputs.try_iter());
        for input in pending {
            match input {
                Input::Signal(signal) => return Ok(Ended::Signal(signal)),
                Input::Closed => return Ok(Ended::Closed),
                Input::Terminal(_) => (last_key, warned) = (Instant::now(), false),
                Input::Tick => {
                    if let Some(idle) = around.idle {
                        let quiet = last_key.elapsed();
                        if quiet >= idle {
                            return Ok(Ended::Idle);
                        }
                        if !warned && quiet + IDLE_WARNING >= idle {
                            warned = true;
                            dispatch_for_terminal(app, Msg::Notice(Notice::ClosingIdle), desk);
                        }
                    }
                }
                _ => {}
            }
            if let Some(msg) = message(input, clock) {
                for effect in dispatch_for_terminal(app, msg, desk) {
                    match effect {
                        Effect::Copy(text) => {
                            (around.copy)(&text);
                            dispatch_for_terminal(app, Msg::Copied, desk);
                        }
                        Effect::WriteFile { path, contents } => (around.write)(&path, &contents, false),
                        Effect::ReplaceFile { path, contents } => (around.write)(&path, &contents, true),
                        _ => {}
                    }
                }
            }
            if app.quit {
                return Ok(Ended::Quit);
            }
        }
        // Where this operator is now, for the others' screens.
        if app.presence.set(app.seat, app.seat_now()) {
            (around.moved)();
        }
        if app.preferences() != preferences {
            preferences = app.preferences();
            (around.preferences)(preferences);
        }
    }
}

/// The app's message for an input, if it means anything to it.
fn message(input: Input, clock: Clock) -> Option<Msg> {
    match input {
        Input::Tick => Some(Msg::Tick(clock.now())),
        Input::Changed(Change::Put(case)) => Some(Msg::Changed(*case)),
        Input::Changed(Change::Removed(id)) => Some(Msg::Removed(id)),
        Input::Terminal(Event::Key(key)) if key.kind != KeyEventKind::Release => Some(Msg::Key(key)),
        Input::Terminal(Event::Paste(text)) => Some(Msg::Paste(text)),
        Input::Terminal(Event::Resize(width, height)) => Some(Msg::Resize { width, height }),
        Input::Terminal(Event::Mouse(mouse)) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            MouseEventKind::ScrollDown => Some(Msg::Scroll {
                column: mouse.column,
                row: mouse.row,
                down: true,
            }),
            MouseEventKind::ScrollUp => Some(Msg::Scroll {
                column: mouse.column,
                row: mouse.row,
                down: false,
            }),
            _ => None,
        },
        Input::Notice(notice) => Some(Msg::Notice(notice)),
        Input::Reloaded => Some(Msg::Reloaded),
        Input::Written(msg) => Some(*msg),
        Input::Terminal(_) | Input::Signal(_) | Input::Closed | Input::Presence => None,
    }
}

//! The terminal: set it up and restore it, and run the loop that turns input
//! into messages for the app and draws it. The loop is generic over the ratatui
//! backend and reads its input from a channel, so tests (and later a server with
//! one App per operator) can drive it without a real terminal.

use std::io::stdout;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
    KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::{Handle, Signals};

use crate::app::effects::{dispatch, osc52};
use crate::app::{App, Effect, Msg};
use crate::desk::{Clock, Desk};
use crate::i18n::T;
use crate::store::{Change, Subscription};
use crate::ui::{self, Theme};

/// What the loop waits for.
#[derive(Debug)]
pub enum Input {
    Terminal(Event),
    Tick,
    Changed(Change),
    /// A signal that ends the process: the loop ends as on quitting.
    Signal(i32),
}

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    Quit,
    Signal(i32),
}

/// The signals that end a process by default and that the board turns into
/// an orderly end: `kill`, a closed terminal window, an interrupt or quit
/// sent from elsewhere (the keys themselves arrive as keys in raw mode).
const ENDING: [i32; 4] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];

/// Runs the board in the real terminal until the operator quits or a signal
/// ends it; `watch` (taken before the cases were read) brings every change
/// saved in this process. The terminal is restored on quit, on a signal, on
/// error and on panic. Every save is one atomic store call made between two
/// inputs, so a signal never leaves one half done (a form not yet saved is
/// simply not saved).
pub fn run_board(
    app: &mut App,
    desk: &dyn Desk,
    watch: Subscription,
    clock: Clock,
) -> std::io::Result<Ended> {
    let (tx, rx) = channel();
    let signals = spawn_signal_listener(tx.clone())?;
    spawn_terminal_reader(tx.clone());
    spawn_ticker(tx.clone());
    spawn_store_watcher(watch, tx);
    install_panic_cleanup();
    let mut terminal = ratatui::try_init()?;
    execute!(stdout(), EnableMouseCapture, EnableBracketedPaste)?;
    let mut copy = |text: &str| {
        use std::io::Write;
        let mut out = stdout();
        let _ = out.write_all(osc52(text).as_bytes());
        let _ = out.flush();
    };
    let result = run(
        &mut terminal,
        app,
        &rx,
        desk,
        clock,
        &Theme::new(app.settings.colour),
        &mut copy,
    );
    restore();
    signals.close();
    result
}

/// Mouse and paste reporting are ours to switch off, and the cursor is shown
/// again at once rather than when the terminal handle goes; ratatui restores
/// the rest (raw mode, the alternate screen).
fn restore() {
    let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste, Show);
    ratatui::restore();
}

/// Delivers the [`ENDING`] signals to the loop. A second one ends the process
/// at once, as the signal would by default, should the orderly end hang.
fn spawn_signal_listener(tx: Sender<Input>) -> std::io::Result<Handle> {
    let signalled = Arc::new(AtomicBool::new(false));
    for signal in ENDING {
        // Registered first, so it runs before the flag is set by the first signal.
        signal_hook::flag::register_conditional_default(signal, Arc::clone(&signalled))?;
        signal_hook::flag::register(signal, Arc::clone(&signalled))?;
    }
    let mut signals = Signals::new(ENDING)?;
    let handle = signals.handle();
    thread::spawn(move || {
        for signal in signals.forever() {
            if tx.send(Input::Signal(signal)).is_err() {
                break;
            }
        }
    });
    Ok(handle)
}

fn install_panic_cleanup() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
        previous(info);
    }));
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
    copy: &mut dyn FnMut(&str),
) -> std::io::Result<Ended>
where
    B::Error: Into<std::io::Error>,
{
    let size = terminal.size().map_err(Into::into)?;
    dispatch(
        app,
        Msg::Resize {
            width: size.width,
            height: size.height,
        },
        desk,
    );
    dispatch(app, Msg::Tick(clock.now()), desk);
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
            if let Input::Signal(signal) = input {
                return Ok(Ended::Signal(signal));
            }
            if let Some(msg) = message(input, clock) {
                for effect in dispatch(app, msg, desk) {
                    if let Effect::Copy(text) = effect {
                        copy(&text);
                        app.flash(app.lang.t(T::Copied), false);
                    }
                }
            }
            if app.quit {
                return Ok(Ended::Quit);
            }
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
        Input::Terminal(_) | Input::Signal(_) => None,
    }
}

fn spawn_terminal_reader(tx: Sender<Input>) {
    thread::spawn(move || {
        while let Ok(event) = event::read() {
            if tx.send(Input::Terminal(event)).is_err() {
                break;
            }
        }
    });
}

fn spawn_ticker(tx: Sender<Input>) {
    thread::spawn(move || {
        while tx.send(Input::Tick).is_ok() {
            thread::sleep(Duration::from_secs(1));
        }
    });
}

fn spawn_store_watcher(watch: Subscription, tx: Sender<Input>) {
    thread::spawn(move || {
        for numbered in watch {
            if tx.send(Input::Changed(numbered.change)).is_err() {
                break;
            }
        }
    });
}

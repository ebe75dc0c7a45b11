//! The terminal: set it up and restore it, and run the loop that turns input
//! into messages for the app and draws it. The loop is generic over the ratatui
//! backend and reads its input from a channel, so tests (and later a server with
//! one App per operator) can drive it without a real terminal.

use std::io::stdout;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
    KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

use crate::app::effects::{Clock, dispatch, osc52};
use crate::app::{App, Effect, Msg};
use crate::i18n::T;
use crate::store::{Change, Store, Subscription};
use crate::ui::{self, Theme};

/// What the loop waits for.
#[derive(Debug)]
pub enum Input {
    Terminal(Event),
    Tick,
    Changed(Change),
}

/// Runs the board in the real terminal until the operator quits; `watch` (taken
/// before the cases were read) brings every change saved in this process. The terminal is
/// restored on quit, on error and on panic.
pub fn run_board(app: &mut App, store: &Store, watch: Subscription, clock: Clock) -> std::io::Result<()> {
    let (tx, rx) = channel();
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
        store,
        clock,
        &Theme::from_env(),
        &mut copy,
    );
    restore();
    result
}

/// Mouse and paste reporting are ours to switch off; ratatui restores the rest.
fn restore() {
    let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
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
    store: &Store,
    clock: Clock,
    theme: &Theme,
    copy: &mut dyn FnMut(&str),
) -> std::io::Result<()>
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
        store,
    );
    dispatch(app, Msg::Tick(clock.now()), store);
    loop {
        terminal
            .draw(|frame| ui::draw(app, theme, frame))
            .map_err(Into::into)?;
        let Ok(first) = inputs.recv() else { return Ok(()) };
        let mut pending = vec![first];
        pending.extend(inputs.try_iter());
        for input in pending {
            if let Some(msg) = message(input, clock) {
                for effect in dispatch(app, msg, store) {
                    if let Effect::Copy(text) = effect {
                        copy(&text);
                        app.flash(app.lang.t(T::Copied), false);
                    }
                }
            }
            if app.quit {
                return Ok(());
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
        Input::Terminal(_) => None,
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

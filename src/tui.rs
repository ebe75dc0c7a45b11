//! The terminal: set it up and restore it, and run the loop that turns input
//! into messages for the app and draws it. The loop is generic over the ratatui
//! backend and reads its input from a channel, so tests (and later a server with
//! one App per operator) can drive it without a real terminal.

use std::io::stdout;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::{Sender, channel};
use std::thread;
use std::time::Duration;

use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::{Handle, Signals};

use crate::app::App;
use crate::app::effects::osc52;
use crate::desk::{Clock, Desk};
use crate::session::{self, Ended, Input};
use crate::store::Subscription;
use crate::ui::Theme;

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
    let result = session::run(
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

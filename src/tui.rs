//! The terminal this process runs in, for a board the desk draws: raw mode,
//! what the terminal sends and its size passed on as they come, the signals
//! that end the process turned into an orderly end, and the terminal put back
//! as it was — on quitting, on a signal, on a lost connection and on panic.

use std::io::{Read, Write, stdout};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::{Sender, channel};
use std::thread;

use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{self, LeaveAlternateScreen};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGWINCH};
use signal_hook::iterator::Signals;

use crate::remote::TerminalInfo;
use crate::remote::attach::{Attached, Detached, Local};

/// The signals that end a process by default and that the board turns into
/// an orderly end: `kill`, a closed terminal window, an interrupt or quit
/// sent from elsewhere (the keys themselves arrive as keys in raw mode).
const ENDING: [i32; 4] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];

/// This terminal as the desk needs to know it: its size, `TERM`, the
/// language `LANG` asks for, and `NO_COLOR`.
pub fn info() -> TerminalInfo {
    let (cols, rows) = terminal::size().unwrap_or((80, 24));
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    TerminalInfo {
        cols,
        rows,
        term: env("TERM").unwrap_or_default(),
        lang: env("LC_ALL")
            .or_else(|| env("LC_MESSAGES"))
            .or_else(|| env("LANG")),
        no_color: env("NO_COLOR").is_some(),
    }
}

/// Shows the board the desk draws for `attached` in this terminal until the
/// session ends; the terminal is put back as it was in every case.
pub fn show(attached: Attached) -> std::io::Result<Detached> {
    let (tx, rx) = channel();
    let signals = spawn_signal_listener(tx.clone())?;
    terminal::enable_raw_mode()?;
    install_panic_cleanup();
    spawn_terminal_reader(tx);
    let detached = attached.run(&rx, stdout());
    // The desk switches its screen off when it ends the session; otherwise
    // (a signal, a lost connection) it is switched off here.
    if !matches!(detached, Detached::Exit { .. }) {
        leave_board_screen();
    }
    restore();
    signals.close();
    Ok(detached)
}

/// Mouse and paste reporting off, the cursor shown, the main screen back.
fn leave_board_screen() {
    let _ = execute!(
        stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        Show,
        LeaveAlternateScreen
    );
}

fn restore() {
    let _ = terminal::disable_raw_mode();
    let _ = execute!(stdout(), Show);
    let _ = stdout().flush();
}

/// Delivers the [`ENDING`] signals and new sizes to the loop. A second
/// ending signal ends the process at once, as it would by default, should
/// the orderly end hang.
fn spawn_signal_listener(tx: Sender<Local>) -> std::io::Result<signal_hook::iterator::Handle> {
    let signalled = Arc::new(AtomicBool::new(false));
    for signal in ENDING {
        // Registered first, so it runs before the flag is set by the first signal.
        signal_hook::flag::register_conditional_default(signal, Arc::clone(&signalled))?;
        signal_hook::flag::register(signal, Arc::clone(&signalled))?;
    }
    let mut wanted = ENDING.to_vec();
    wanted.push(SIGWINCH);
    let mut signals = Signals::new(wanted)?;
    let handle = signals.handle();
    thread::spawn(move || {
        for signal in signals.forever() {
            let local = if signal == SIGWINCH {
                let (cols, rows) = terminal::size().unwrap_or((80, 24));
                Local::Resize { cols, rows }
            } else {
                Local::Signal(signal)
            };
            if tx.send(local).is_err() {
                break;
            }
        }
    });
    Ok(handle)
}

fn install_panic_cleanup() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave_board_screen();
        restore();
        previous(info);
    }));
}

/// Passes on what the terminal sends, byte for byte: the desk reads keys
/// from them.
fn spawn_terminal_reader(tx: Sender<Local>) {
    thread::spawn(move || {
        let mut stdin = std::io::stdin();
        let mut buf = [0u8; 4096];
        while let Ok(n) = stdin.read(&mut buf) {
            if n == 0 || tx.send(Local::Bytes(buf[..n].to_vec())).is_err() {
                break;
            }
        }
    });
}

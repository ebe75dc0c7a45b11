//! The terminal this process runs in, for a board the desk draws: raw mode,
//! what the terminal sends and its size passed on as they come, the signals
//! that end the process turned into an orderly end, and the terminal put back
//! as it was — on quitting, on a signal, on a lost connection and on panic.

use std::io::{Read, Write, stdout};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;

use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{self, LeaveAlternateScreen};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGWINCH};
use signal_hook::iterator::Signals;

use std::path::PathBuf;

use crate::app::effects::write_into;
use crate::i18n::Lang;
use crate::remote::TerminalInfo;
use crate::remote::attach::{Attached, Detached, Local};
use crate::remote::frame::FileToWrite;

/// The signals that end a process by default and that the board turns into
/// an orderly end: `kill`, a closed terminal window, an interrupt or quit
/// sent from elsewhere (the keys themselves arrive as keys in raw mode).
const ENDING: [i32; 4] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];

/// This terminal as the desk needs to know it: its size, `TERM`, the
/// language `LANG` asks for, `NO_COLOR`, and the folder it writes files into.
pub fn info(exports: &std::path::Path) -> TerminalInfo {
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
        exports: Some(exports.to_path_buf()),
    }
}

/// This terminal, listened to: what it sends, its new sizes, and the signals
/// that end the process, from the moment it is made until it is dropped —
/// one listener for every board shown in it, so that a board attached again
/// (after its desk went away) loses no key to the one before.
pub struct Here {
    local: Receiver<Local>,
    /// Where the files the operator asks for are written, and the language
    /// a failure to write one is worded in.
    exports: PathBuf,
    lang: Lang,
    signals: signal_hook::iterator::Handle,
    /// Whether the terminal shows a board's screen the desk did not take away.
    on_board_screen: std::sync::Mutex<bool>,
}

impl Here {
    pub fn listen(exports: PathBuf, lang: Lang) -> std::io::Result<Here> {
        let (tx, local) = channel();
        let signals = spawn_signal_listener(tx.clone())?;
        install_panic_cleanup();
        spawn_terminal_reader(tx);
        Ok(Here {
            local,
            exports,
            lang,
            signals,
            on_board_screen: std::sync::Mutex::new(false),
        })
    }

    /// Shows the board the desk draws for `attached` in this terminal until
    /// the session ends. The terminal stays as the board has it (a board
    /// attached again takes it over): [`Here`] puts it back when dropped.
    pub fn show(&self, attached: Attached) -> std::io::Result<Detached> {
        terminal::enable_raw_mode()?;
        let (exports, lang) = (self.exports.clone(), self.lang);
        let write =
            move |file: &FileToWrite| write_into(&exports, &file.path, &file.contents, file.replace, lang);
        let detached = attached.run(&self.local, stdout(), write);
        // The desk switches its screen off when it ends the session;
        // otherwise (a signal, a lost connection) it is left on, for a board
        // attached again, or switched off when this is dropped.
        *self
            .on_board_screen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = !matches!(detached, Detached::Exit { .. });
        Ok(detached)
    }
}

/// The terminal put back as the shell had it.
impl Drop for Here {
    fn drop(&mut self) {
        if *self
            .on_board_screen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
        {
            leave_board_screen();
        }
        restore();
        self.signals.close();
    }
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

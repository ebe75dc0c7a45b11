//! The real binary in a pseudo-terminal, as an operator's terminal runs it: its
//! output fed to a vt100 emulator (the screen) and kept as raw bytes (to see
//! which sequences it sent), keys sent as the terminal sends them. Waits poll
//! with a deadline and fail showing the screen.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const ROWS: u16 = 30;
pub const COLS: u16 = 100;
/// How long one step may take before the test gives up on it: generous, for
/// a machine busy with other tests (a step that works takes milliseconds).
pub const PATIENCE: Duration = Duration::from_secs(15);
/// How long a command run to its end with [`run`] may take.
const COMMAND_PATIENCE: Duration = Duration::from_secs(20);

pub const ENTER: &str = "\r";
pub const TAB: &str = "\t";
pub const ESC: &str = "\x1b";
pub const DOWN: &str = "\x1b[B";
pub const CTRL_S: &str = "\x13";

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a size")
}

/// `klachtdesk` with `args`, in an environment of its own under `home`.
pub fn klachtdesk(home: &Path, args: &[&str]) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_klachtdesk"));
    cmd.args(args);
    in_home(&mut cmd, home);
    cmd
}

/// A private home, `LANG=C`, `USER=tester` and a terminal type.
pub fn in_home(cmd: &mut CommandBuilder, home: &Path) {
    cmd.env_clear();
    cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
    cmd.env("HOME", home);
    cmd.env("XDG_CONFIG_HOME", home.join("config"));
    cmd.env("XDG_DATA_HOME", home.join("data"));
    cmd.env("XDG_STATE_HOME", home.join("state"));
    cmd.env("XDG_RUNTIME_DIR", home);
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "C");
    cmd.env("USER", "tester");
    cmd.cwd(home);
}

/// A program running in a pseudo-terminal, and what it wrote there.
pub struct Board {
    pub screen: Arc<Mutex<vt100::Parser>>,
    output: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    /// Kept open for as long as the program runs.
    _master: Box<dyn MasterPty + Send>,
}

impl Board {
    /// The board on the database `db`, at the pinned Thursday 26 November 2026, 10:00.
    pub fn start(home: &Path, db: &Path) -> Board {
        let db = db.to_str().unwrap();
        Board::spawn(klachtdesk(home, &["--db", db, "--now", "2026-11-26T10:00"]))
    }

    /// Runs `cmd` on a new pseudo-terminal of [`ROWS`] by [`COLS`].
    pub fn spawn(cmd: CommandBuilder) -> Board {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let child = pty.slave.spawn_command(cmd).expect("the program starts");
        drop(pty.slave);

        let screen = Arc::new(Mutex::new(vt100::Parser::new(nonzero(ROWS), nonzero(COLS), 0)));
        let output = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let (feed, keep) = (Arc::clone(&screen), Arc::clone(&output));
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                keep.lock().unwrap().extend_from_slice(&buf[..n]);
                feed.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().unwrap();
        Board {
            screen,
            output,
            writer,
            child,
            _master: pty.master,
        }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// How many bytes the program has written so far.
    pub fn written(&self) -> usize {
        self.output.lock().unwrap().len()
    }

    /// What the program wrote from byte `from` on.
    pub fn output_since(&self, from: usize) -> Vec<u8> {
        self.output.lock().unwrap()[from..].to_vec()
    }

    /// Sends keys as the terminal would.
    pub fn keys(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Types text one key at a time, as fast as a terminal would send it.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.keys(&c.to_string());
        }
    }

    /// Waits until the screen shows `text`; fails with the screen if it never does.
    pub fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if self.contents().contains(text) {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "klachtdesk exited ({status:?}) while waiting for {text:?}:\n{}",
                    self.contents()
                );
            }
            if Instant::now() > deadline {
                panic!(
                    "{text:?} did not appear within {PATIENCE:?}:\n{}",
                    self.contents()
                );
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends `bytes` and waits for `text`.
    pub fn press_until(&mut self, bytes: &str, text: &str) {
        self.keys(bytes);
        self.wait_for(text);
    }

    /// Waits until the screen is as `ready` wants it; fails with the screen if
    /// it never is.
    pub fn wait_until(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while !ready(self.screen.lock().unwrap().screen()) {
            assert!(
                Instant::now() < deadline,
                "{what} did not happen within {PATIENCE:?}:\n{}",
                self.contents()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Whether the terminal is as the shell had it: the main screen, the
    /// cursor shown, no mouse reporting, no bracketed paste.
    pub fn terminal_restored(&self) -> bool {
        let parser = self.screen.lock().unwrap();
        let s = parser.screen();
        !s.alternate_screen()
            && !s.hide_cursor()
            && !s.bracketed_paste()
            && s.mouse_protocol_mode() == vt100::MouseProtocolMode::None
    }

    /// Waits until [`Board::terminal_restored`].
    pub fn wait_for_restored_terminal(&self) {
        let deadline = Instant::now() + PATIENCE;
        while !self.terminal_restored() {
            assert!(Instant::now() < deadline, "the terminal was not restored");
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the board has the terminal to itself: the alternate
    /// screen, the cursor hidden, mouse reporting on.
    pub fn wait_for_board_terminal(&self) {
        self.wait_until("taking over the terminal", |s| {
            s.alternate_screen()
                && s.hide_cursor()
                && s.mouse_protocol_mode() != vt100::MouseProtocolMode::None
        });
    }

    /// Waits for the program to end; its exit code. Fails if it does not end.
    pub fn wait_for_exit_code(&mut self) -> u32 {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.exit_code();
            }
            thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("klachtdesk did not quit:\n{}", self.contents());
    }

    /// Waits for the program to end; whether it ended successfully.
    pub fn wait_for_exit(&mut self) -> bool {
        self.wait_for_exit_code() == 0
    }

    /// Waits until the program has written everything it will (its end, and
    /// the reader having drained the terminal).
    pub fn wait_for_output_to_settle(&self) {
        let mut last = self.written();
        loop {
            thread::sleep(Duration::from_millis(100));
            let now = self.written();
            if now == last {
                return;
            }
            last = now;
        }
    }
}

impl Drop for Board {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Runs `command` (made with `env_clear`: only the variables it sets are
/// passed) on a terminal; returns its exit code and every byte the terminal
/// received.
pub fn run(command: &Command) -> (u32, Vec<u8>) {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 50,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut cmd = CommandBuilder::new(command.get_program());
    cmd.args(command.get_args());
    cmd.env_clear();
    for (name, value) in command.get_envs() {
        if let Some(value) = value {
            cmd.env(name, value);
        }
    }
    cmd.env("TERM", "xterm-256color");
    if let Some(dir) = command.get_current_dir() {
        cmd.cwd(dir);
    }
    let mut child = pty.slave.spawn_command(cmd).expect("the command starts");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let received = thread::spawn(move || {
        let mut bytes = Vec::new();
        let mut buf = [0u8; 8192];
        // The terminal reports an error once the command has closed it.
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            bytes.extend_from_slice(&buf[..n]);
        }
        bytes
    });
    let deadline = Instant::now() + COMMAND_PATIENCE;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "{command:?} did not finish");
        thread::sleep(Duration::from_millis(20));
    };
    drop(pty.master);
    (status.exit_code(), received.join().unwrap())
}

/// The database at `db`, opened once the desk a board started in the
/// background has let go of it (it stays a moment after the last board).
pub fn open_once_free(db: &Path) -> klachtdesk::store::Store {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        match klachtdesk::store::Store::open(db) {
            Ok(store) => return store,
            Err(e) if Instant::now() > deadline => panic!("the database stays held: {e:?}"),
            Err(_) => thread::sleep(Duration::from_millis(100)),
        }
    }
}

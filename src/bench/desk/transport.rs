//! How the benchmark reaches the desk, as operators do: a terminal attaching
//! to a board of its own, a connection for the command line's requests, and
//! the `klachtdesk` command itself. Over the local socket here, over SSH in
//! `ssh.rs`: the same measurements run over either [`Transport`].

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::desk::Desk;
use crate::i18n::Lang;
use crate::remote::attach::{Attached, Detached, Local};
use crate::remote::{Client, ConnectError, TerminalInfo};

/// A terminal attached to the desk: keys go in through it; what the desk
/// draws goes to the screen given when it attached.
pub struct Terminal {
    keys: Sender<Local>,
    ended: Receiver<Detached>,
}

impl Terminal {
    /// A terminal whose keys go to `keys` and whose end is told on `ended`.
    pub fn new(keys: Sender<Local>, ended: Receiver<Detached>) -> Terminal {
        Terminal { keys, ended }
    }

    /// Types `bytes` at the terminal.
    pub fn type_bytes(&self, bytes: &[u8]) -> Result<(), String> {
        self.keys
            .send(Local::Bytes(bytes.to_vec()))
            .map_err(|_| "the terminal is no longer attached".to_string())
    }

    /// How its time at the desk ended, if it has within `wait`.
    pub fn ended_within(&self, wait: Duration) -> Option<Detached> {
        self.ended.recv_timeout(wait).ok()
    }
}

/// A way to the desk.
pub trait Transport: Send + Sync {
    /// Its name, for the table.
    fn name(&self) -> String;

    /// Attaches a terminal described by `terminal`; what the desk draws is
    /// written to `screen`, read by a thread of the terminal's own.
    fn attach(&self, terminal: TerminalInfo, screen: Box<dyn Write + Send>) -> Result<Terminal, String>;

    /// A connection for requests, as one run of the command line makes.
    fn requests(&self) -> Result<Box<dyn Desk>, String>;

    /// `klachtdesk ARGS` run by an operator through this way in.
    fn command(&self, args: &[&str]) -> Command;
}

/// How to run `klachtdesk` on the benchmark's database: the binary, the
/// database, its configuration, and the pinned clock.
#[derive(Debug, Clone)]
pub struct Setting {
    pub exe: PathBuf,
    pub db: PathBuf,
    pub config: PathBuf,
    /// The pinned clock as `KLACHTDESK_NOW` says it.
    pub now_text: String,
    pub now: DateTime<Utc>,
    /// Where the desk serves boards over SSH, if it does.
    pub ssh: Option<std::net::SocketAddr>,
}

impl Setting {
    /// `klachtdesk ARGS` on this machine, on the benchmark's database: it
    /// works through the desk when one runs, on the database itself when not.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(&self.exe);
        command
            .args(args)
            .env("KLACHTDESK_DB", &self.db)
            .env("KLACHTDESK_CONFIG", &self.config)
            .env("KLACHTDESK_NOW", &self.now_text)
            .env("LANG", "C")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("KLACHTDESK_PATIENCE");
        command
    }
}

/// The desk's local socket, beside the database.
#[derive(Debug, Clone)]
pub struct Socket {
    setting: Setting,
}

impl Socket {
    pub fn new(setting: Setting) -> Socket {
        Socket { setting }
    }

    fn db(&self) -> &Path {
        &self.setting.db
    }
}

fn refused(e: ConnectError) -> String {
    match e {
        ConnectError::Absent(e) => format!("no desk answers: {e}"),
        ConnectError::Refused(bad) => format!("the desk refused: {bad}"),
        ConnectError::Broken(e) => format!("the connection broke: {e}"),
    }
}

impl Transport for Socket {
    fn name(&self) -> String {
        "local socket".into()
    }

    fn attach(&self, terminal: TerminalInfo, screen: Box<dyn Write + Send>) -> Result<Terminal, String> {
        let attached =
            Attached::connect(self.db(), Lang::En, Some(self.setting.now), terminal).map_err(refused)?;
        let (keys, typed) = channel();
        let (end, ended) = channel();
        thread::Builder::new()
            .name("bench-terminal".into())
            .spawn(move || {
                let no_files = |_: &crate::remote::frame::FileToWrite| {
                    crate::private_file::Written::Failed("the benchmark writes no files".into())
                };
                let _ = end.send(attached.run(&typed, screen, no_files));
            })
            .map_err(|e| e.to_string())?;
        Ok(Terminal::new(keys, ended))
    }

    fn requests(&self) -> Result<Box<dyn Desk>, String> {
        let client = Client::connect(self.db(), Lang::En, Some(self.setting.now)).map_err(refused)?;
        Ok(Box::new(client))
    }

    fn command(&self, args: &[&str]) -> Command {
        self.setting.command(args)
    }
}

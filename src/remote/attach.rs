//! A terminal attached to the desk, at the terminal's end (as `tmux attach`):
//! what the local terminal sends goes to the desk as it is, what the desk
//! draws comes back to be written to it, a new size is passed on, and the
//! desk says when it is over and with what exit code. The local terminal's
//! own business (raw mode, signals, putting it back) is the caller's.

use std::io::{self, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::client::{ConnectError, Welcomed, greet};
use super::frame::{FileToWrite, ToDesk, ToTerminal, Written};
use super::protocol::{Purpose, TerminalInfo};
use crate::i18n::Lang;

/// What happens at the local terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Local {
    /// Bytes it sent (keys, a paste, the mouse).
    Bytes(Vec<u8>),
    /// Its new size.
    Resize { cols: u16, rows: u16 },
    /// A signal that ends this process.
    Signal(i32),
}

/// How an attached terminal's time at the desk ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detached {
    /// The desk ended the session (the operator quit), with this exit code.
    Exit { code: u8, message: String },
    /// The connection to the desk broke off.
    Lost,
    /// A signal ended this process.
    Signal(i32),
}

/// A terminal welcomed at the desk.
pub struct Attached {
    reader: BufReader<UnixStream>,
    writer: UnixStream,
    /// Who the desk says the operator is.
    pub operator: String,
}

/// How often an attached terminal tells the desk it is still there.
const HEARTBEAT: Duration = Duration::from_secs(30);

impl Attached {
    /// Attaches a terminal described by `terminal` to the desk that has the
    /// database at `db` open.
    pub fn connect(
        db: &Path,
        lang: Lang,
        pinned: Option<DateTime<Utc>>,
        terminal: TerminalInfo,
    ) -> Result<Attached, ConnectError> {
        let Welcomed {
            reader,
            writer,
            operator,
        } = greet(db, lang, pinned, Purpose::Attach(terminal))?;
        let _ = reader.get_ref().set_read_timeout(None);
        Ok(Attached {
            reader,
            writer,
            operator,
        })
    }

    /// Passes `local`'s events to the desk and writes what it draws to
    /// `screen` (and the files the operator asks for with `write`, at this
    /// end, as this user), until the desk ends the session, the connection
    /// breaks, or a signal comes.
    pub fn run(
        self,
        local: &Receiver<Local>,
        screen: impl Write + Send + 'static,
        write: impl Fn(&FileToWrite) -> Written + Send + 'static,
    ) -> Detached {
        let connection = self.writer.try_clone();
        let detached = self.pump(local, screen, write);
        // Both ways closed: the desk ends the session if it has not, and
        // nothing is left waiting on the other end.
        if let Ok(connection) = connection {
            let _ = connection.shutdown(std::net::Shutdown::Both);
        }
        detached
    }

    fn pump(
        self,
        local: &Receiver<Local>,
        mut screen: impl Write + Send + 'static,
        write: impl Fn(&FileToWrite) -> Written + Send + 'static,
    ) -> Detached {
        let Attached {
            mut reader, writer, ..
        } = self;
        // Written to by this loop and by the reader (answering files).
        let writer = Arc::new(Mutex::new(writer));
        let send = {
            let writer = writer.clone();
            move |frame: ToDesk| frame.write(&mut *writer.lock().unwrap_or_else(PoisonError::into_inner))
        };
        let (done_tx, done) = std::sync::mpsc::channel();
        {
            let send = send.clone();
            thread::spawn(move || {
                let end = loop {
                    match ToTerminal::read(&mut reader) {
                        Ok(Some(ToTerminal::Output(bytes))) => {
                            if screen.write_all(&bytes).and_then(|()| screen.flush()).is_err() {
                                break Detached::Lost;
                            }
                        }
                        Ok(Some(ToTerminal::File(file))) => {
                            let written = write(&file);
                            if send(ToDesk::Written { id: file.id, written }).is_err() {
                                break Detached::Lost;
                            }
                        }
                        Ok(Some(ToTerminal::Exit { code, message })) => {
                            break Detached::Exit { code, message };
                        }
                        Ok(Some(ToTerminal::Heartbeat)) => {}
                        Ok(None) | Err(_) => break Detached::Lost,
                    }
                };
                let _ = done_tx.send(end);
            });
        }
        let mut quiet = std::time::Instant::now();
        loop {
            if let Ok(end) = done.try_recv() {
                return end;
            }
            let sent = match local.recv_timeout(Duration::from_millis(50)) {
                Ok(Local::Bytes(bytes)) => send(ToDesk::Input(bytes)),
                Ok(Local::Resize { cols, rows }) => send(ToDesk::Resize { cols, rows }),
                Ok(Local::Signal(signal)) => return Detached::Signal(signal),
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) if quiet.elapsed() >= HEARTBEAT => {
                    send(ToDesk::Heartbeat)
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => continue,
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                    Err(io::Error::from(io::ErrorKind::BrokenPipe))
                }
            };
            if sent.is_err() {
                // The desk may have ended the session as this was sent.
                return done
                    .recv_timeout(Duration::from_secs(1))
                    .unwrap_or(Detached::Lost);
            }
            quiet = std::time::Instant::now();
        }
    }
}

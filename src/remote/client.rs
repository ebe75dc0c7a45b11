//! The caller's side: the desk's requests, sent to the klachtdesk that holds
//! the database. Failures of the way there become store errors naming the
//! database, worded in the operator's language: not reached (nothing was
//! done), or sent without an answer (it may or may not have been done).

use std::io::{self, BufReader};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::parts::read_parts;
use super::protocol::{
    Envelope, Hello, LineError, Purpose, Reply, VERSION, Welcome, now_ms, read_line, write_line,
};
use super::socket_path;
use crate::desk::{BadRequest, Desk, Request, Response};
use crate::i18n::Describe;
use crate::i18n::{Lang, T};
use crate::store::{CommandError, StoreError};

/// How long to wait for an answer: long enough for a big queue, short enough
/// that a desk stopped with Ctrl+Z does not hang a script for ever.
const PATIENCE: Duration = Duration::from_secs(20);

/// How long to wait for a backup, which copies the whole database.
const LONG_PATIENCE: Duration = Duration::from_secs(15 * 60);

/// How long the hello may take.
const HELLO_PATIENCE: Duration = Duration::from_secs(5);

/// How long to wait for an answer: [`PATIENCE`], or `KLACHTDESK_PATIENCE`
/// seconds, at least 3 (for a slow machine, and for tests of a desk that stops
/// answering).
fn patience() -> Duration {
    std::env::var("KLACHTDESK_PATIENCE")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .filter(|s| *s >= 3)
        .map_or(PATIENCE, Duration::from_secs)
}

/// A connection to the klachtdesk that has a database open; cheap to clone.
#[derive(Debug, Clone)]
pub struct Client {
    db: PathBuf,
    lang: Lang,
    patience: Duration,
    operator: String,
    conn: Arc<Mutex<Conn>>,
    next_id: Arc<AtomicU64>,
}

#[derive(Debug)]
struct Conn {
    reader: BufReader<UnixStream>,
    writer: UnixStream,
}

/// Why no connection was made.
#[derive(Debug)]
pub enum ConnectError {
    /// Nobody answers at the socket.
    Absent(io::Error),
    /// The desk answered and said no.
    Refused(BadRequest),
    /// The connection broke off, or its answer was not understood.
    Broken(StoreError),
}

/// A connection that has been welcomed: its two ends, and who the desk
/// says the caller is.
pub(super) struct Welcomed {
    pub reader: BufReader<UnixStream>,
    pub writer: UnixStream,
    pub operator: String,
}

/// Connects to the klachtdesk that has the database at `db` open and says
/// hello for `purpose`; fails when none answers there. `pinned` is the
/// caller's `--now`, if any; `lang` words the failures.
pub(super) fn greet(
    db: &Path,
    lang: Lang,
    pinned: Option<DateTime<Utc>>,
    purpose: Purpose,
) -> Result<Welcomed, ConnectError> {
    let stream = UnixStream::connect(socket_path(db)).map_err(ConnectError::Absent)?;
    let broken =
        |e: io::Error| ConnectError::Broken(open_failed(db, lang.fill(T::RemoteBroken, &[("reason", &e)])));
    let hello_patience = HELLO_PATIENCE.min(patience());
    stream.set_read_timeout(Some(hello_patience)).map_err(broken)?;
    stream.set_write_timeout(Some(patience())).map_err(broken)?;
    let mut reader = BufReader::new(stream.try_clone().map_err(broken)?);
    let mut writer = stream;
    // A desk that refuses at once (too many connections) may close
    // before the hello is written: its refusal is still there to read.
    let hello = Hello {
        version: VERSION,
        pinned,
        purpose,
    };
    let sent = write_line(&mut writer, &hello);
    let line = match read_line(&mut reader, usize::MAX - 1) {
        Ok(Some(line)) => line,
        Ok(None) => {
            return Err(broken(
                sent.err().unwrap_or_else(|| io::ErrorKind::UnexpectedEof.into()),
            ));
        }
        // Nothing was asked of it yet: nothing was done.
        Err(LineError::Io(e)) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {
            let silent = lang.fill(T::RemoteSilent, &[("seconds", &hello_patience.as_secs())]);
            return Err(ConnectError::Broken(open_failed(db, silent)));
        }
        Err(LineError::Io(e)) => return Err(broken(e)),
        Err(LineError::TooLong) => return Err(broken(io::ErrorKind::InvalidData.into())),
    };
    let welcome: Welcome = serde_json::from_slice(&line).map_err(|e| {
        ConnectError::Broken(open_failed(
            db,
            lang.fill(T::RemoteMisunderstood, &[("reason", &e)]),
        ))
    })?;
    match welcome {
        Welcome::Welcome { operator, .. } => Ok(Welcomed {
            reader,
            writer,
            operator,
        }),
        Welcome::Refused(bad) => Err(ConnectError::Refused(bad)),
    }
}

impl Client {
    /// Connects to the klachtdesk that has the database at `db` open, for
    /// requests; see [`greet`].
    pub fn connect(db: &Path, lang: Lang, pinned: Option<DateTime<Utc>>) -> Result<Client, ConnectError> {
        let Welcomed {
            reader,
            writer,
            operator,
        } = greet(db, lang, pinned, Purpose::Requests)?;
        Ok(Client {
            db: db.to_path_buf(),
            lang,
            patience: patience(),
            operator,
            conn: Arc::new(Mutex::new(Conn { reader, writer })),
            next_id: Arc::new(AtomicU64::new(1)),
        })
    }

    /// The language failures are worded in.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Sends one request and waits for its answer until `patience` is up.
    fn exchange(&self, request: Request, patience: Duration) -> Result<Response, StoreError> {
        let mut conn = self.conn.lock().unwrap_or_else(PoisonError::into_inner);
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let envelope = envelope(id, patience, request);
        // Not sent: nothing was done.
        write_line(&mut conn.writer, &envelope).map_err(|e| self.broken(&e))?;
        // Sent: from here on, no answer means the outcome is unknown.
        let unanswered = || StoreError::Unanswered {
            path: self.db.clone(),
            seconds: patience.as_secs(),
        };
        conn.writer
            .set_read_timeout(Some(patience))
            .map_err(|_| unanswered())?;
        loop {
            // The desk is trusted with the answer's length: a whole queue is long.
            let line = match read_line(&mut conn.reader, usize::MAX - 1) {
                Ok(Some(line)) => line,
                Ok(None) | Err(LineError::Io(_)) => return Err(unanswered()),
                Err(LineError::TooLong) => return Err(StoreError::Misunderstood("answer too long".into())),
            };
            let mut reply: Reply =
                serde_json::from_slice(&line).map_err(|e| StoreError::Misunderstood(e.to_string()))?;
            // The cases of a large answer follow its line (read even for an
            // earlier request, to get past them).
            read_parts(&mut conn.reader, &mut reply).map_err(|_| unanswered())?;
            // An answer to an earlier request this client stopped waiting for.
            if reply.id == id {
                return Ok(reply.response);
            }
        }
    }

    /// This client's connection and what the caller needs of it, for a
    /// connection that carries something else from now on; the id is the
    /// next request's. Clones of this client that still exist must not use
    /// it any more.
    pub(super) fn into_parts(self) -> io::Result<(PathBuf, Lang, BufReader<UnixStream>, UnixStream, u64)> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (reader, writer) = {
            let conn = self.conn.lock().unwrap_or_else(PoisonError::into_inner);
            (conn.reader.get_ref().try_clone()?, conn.writer.try_clone()?)
        };
        Ok((self.db, self.lang, BufReader::new(reader), writer, id))
    }

    fn broken(&self, e: &io::Error) -> StoreError {
        open_failed(&self.db, self.lang.fill(T::RemoteBroken, &[("reason", e)]))
    }
}

/// `request` as request `id`, to be answered within `patience`.
pub(super) fn envelope(id: u64, patience: Duration, request: Request) -> Envelope {
    let deadline_ms = now_ms().saturating_add(u64::try_from(patience.as_millis()).unwrap_or(u64::MAX));
    Envelope {
        id,
        deadline_ms,
        request,
    }
}

pub(super) fn open_failed(db: &Path, reason: String) -> StoreError {
    StoreError::Open {
        path: db.to_path_buf(),
        reason,
    }
}

impl Desk for Client {
    fn call(&self, request: Request) -> Response {
        let patience = match request {
            Request::Backup { .. } => LONG_PATIENCE.max(self.patience),
            _ => self.patience,
        };
        match self.exchange(request, patience) {
            // A request the desk refused is worded here, in the caller's language.
            Ok(Response::BadRequest(bad)) => Response::Failed(CommandError::Store(open_failed(
                &self.db,
                bad.describe(self.lang),
            ))),
            Ok(response) => response,
            Err(e) => Response::Failed(e.into()),
        }
    }

    fn path(&self) -> &Path {
        &self.db
    }

    fn operator(&self) -> &str {
        &self.operator
    }
}

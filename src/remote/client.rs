//! The command line's side: the same calls as `Store`, sent to the board that
//! has the database open. Failures of the connection itself become a
//! `StoreError::Open` naming the database, in the operator's language.

use std::io::{self, BufReader};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::protocol::{Caller, LineError, Request, Response, read_line, write_line};
use super::socket_path;
use crate::domain::case::{Case, CaseId};
use crate::domain::event::Event;
use crate::domain::intake::Intake;
use crate::domain::workflow::{Command, Ctx};
use crate::exchange::CaseTrail;
use crate::i18n::{Lang, T};
use crate::store::backup::BackupError;
use crate::store::{CommandError, Loaded, StoreError};

/// How long to wait for the board: long enough for a big queue, short enough
/// that a board stopped with Ctrl+Z does not hang a script for ever.
const PATIENCE: Duration = Duration::from_secs(20);

/// How long to wait for a backup or an export's trails, which copy or read
/// the whole database: minutes for a large one.
const LONG_PATIENCE: Duration = Duration::from_secs(15 * 60);

/// A connection to the board that has a database open; cheap to clone.
#[derive(Debug, Clone)]
pub struct Client {
    db: PathBuf,
    lang: Lang,
    conn: Arc<Mutex<Conn>>,
}

#[derive(Debug)]
struct Conn {
    reader: BufReader<UnixStream>,
    writer: UnixStream,
}

impl Client {
    /// Connects to the board that has the database at `db` open; fails when
    /// none answers there. `lang` words the failures of the connection.
    pub fn connect(db: &Path, lang: Lang) -> io::Result<Client> {
        let stream = UnixStream::connect(socket_path(db))?;
        stream.set_read_timeout(Some(PATIENCE))?;
        stream.set_write_timeout(Some(PATIENCE))?;
        let reader = BufReader::new(stream.try_clone()?);
        Ok(Client {
            db: db.to_path_buf(),
            lang,
            conn: Arc::new(Mutex::new(Conn {
                reader,
                writer: stream,
            })),
        })
    }

    /// The database the board has open.
    pub fn path(&self) -> &Path {
        &self.db
    }

    pub fn register(&self, intake: &Intake, ctx: &Ctx) -> Result<Case, CommandError> {
        self.case(&Request::Register {
            caller: Caller::of(ctx),
            intake: intake.clone(),
        })
    }

    pub fn execute(
        &self,
        id: CaseId,
        expected_version: Option<u32>,
        command: &Command,
        ctx: &Ctx,
    ) -> Result<Case, CommandError> {
        self.execute_all(id, expected_version, std::slice::from_ref(command), ctx)
    }

    pub fn execute_all(
        &self,
        id: CaseId,
        expected_version: Option<u32>,
        commands: &[Command],
        ctx: &Ctx,
    ) -> Result<Case, CommandError> {
        self.case(&Request::Execute {
            caller: Caller::of(ctx),
            id,
            expected_version,
            commands: commands.to_vec(),
        })
    }

    pub fn get(&self, id: CaseId) -> Result<Case, StoreError> {
        self.case(&Request::Get { id }).map_err(|e| self.store_error(e))
    }

    /// Unlike `Store::load`, this can fail as a whole: the board may not answer.
    pub fn load(&self) -> Result<Loaded, StoreError> {
        match self.call(&Request::Load)? {
            Response::Loaded { cases, unreadable } => Ok(Loaded { cases, unreadable }),
            other => Err(self.unexpected(&other)),
        }
    }

    pub fn events(&self, id: CaseId) -> Result<Vec<Event>, StoreError> {
        match self.call(&Request::Events { id })? {
            Response::Events(events) => Ok(events),
            Response::Failed(e) => Err(self.store_error(e)),
            other => Err(self.unexpected(&other)),
        }
    }

    /// Each case with its audit trail as they stand together (`Store::trail`).
    pub fn trails(&self, ids: &[CaseId]) -> Result<Vec<CaseTrail>, StoreError> {
        let request = Request::Trails { ids: ids.to_vec() };
        match self.call_within(&request, LONG_PATIENCE)? {
            Response::Trails(trails) => Ok(trails),
            Response::Failed(e) => Err(self.store_error(e)),
            other => Err(self.unexpected(&other)),
        }
    }

    /// A consistent copy of the board's database into the new folder `to`
    /// (`Store::backup`); how many cases it holds.
    pub fn backup(&self, to: &Path) -> Result<usize, BackupError> {
        let path = std::path::absolute(to).map_err(|e| BackupError::Write {
            path: to.to_path_buf(),
            reason: e.to_string(),
        })?;
        match self.call_within(&Request::Backup { path }, LONG_PATIENCE)? {
            Response::BackedUp { cases } => Ok(cases),
            Response::BackupFailed(e) => Err(e),
            other => Err(self.unexpected(&other).into()),
        }
    }

    fn case(&self, request: &Request) -> Result<Case, CommandError> {
        match self.call(request)? {
            Response::Case(case) => Ok(*case),
            Response::Failed(e) => Err(e),
            other => Err(self.unexpected(&other).into()),
        }
    }

    /// Sends one request and reads its answer.
    fn call(&self, request: &Request) -> Result<Response, StoreError> {
        self.call_within(request, PATIENCE)
    }

    /// Sends one request and waits at most `patience` for its answer.
    fn call_within(&self, request: &Request, patience: Duration) -> Result<Response, StoreError> {
        let mut conn = self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let answer = self.exchange(&mut conn, request, patience);
        if patience != PATIENCE {
            let _ = conn.writer.set_read_timeout(Some(PATIENCE));
        }
        answer
    }

    fn exchange(
        &self,
        conn: &mut Conn,
        request: &Request,
        patience: Duration,
    ) -> Result<Response, StoreError> {
        if patience != PATIENCE {
            conn.writer
                .set_read_timeout(Some(patience))
                .map_err(|e| self.broken(&e, patience))?;
        }
        write_line(&mut conn.writer, request).map_err(|e| self.broken(&e, patience))?;
        // The board is trusted with the answer's length: a whole queue can be long.
        let line = match read_line(&mut conn.reader, usize::MAX - 1) {
            Ok(Some(line)) => line,
            Ok(None) => return Err(self.broken(&io::ErrorKind::UnexpectedEof.into(), patience)),
            Err(LineError::Io(e)) => return Err(self.broken(&e, patience)),
            Err(LineError::TooLong) => return Err(self.misunderstood("answer too long")),
        };
        serde_json::from_slice(&line).map_err(|e| self.misunderstood(&e.to_string()))
    }

    /// A refusal where only a store error makes sense is an answer out of place.
    fn store_error(&self, e: CommandError) -> StoreError {
        match e {
            CommandError::Store(e) => e,
            CommandError::Refused(r) => self.misunderstood(&format!("{r:?}")),
        }
    }

    fn unexpected(&self, response: &Response) -> StoreError {
        match response {
            Response::BadRequest(reason) => self.misunderstood(reason),
            _ => self.misunderstood("an answer to another question"),
        }
    }

    fn broken(&self, e: &io::Error, patience: Duration) -> StoreError {
        let reason = match e.kind() {
            io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => self
                .lang
                .fill(T::RemoteSilent, &[("seconds", &patience.as_secs())]),
            _ => self.lang.fill(T::RemoteBroken, &[("reason", e)]),
        };
        self.open_failed(reason)
    }

    fn misunderstood(&self, reason: &str) -> StoreError {
        let reason = self.lang.fill(T::RemoteMisunderstood, &[("reason", &reason)]);
        self.open_failed(reason)
    }

    fn open_failed(&self, reason: String) -> StoreError {
        StoreError::Open {
            path: self.db.clone(),
            reason,
        }
    }
}

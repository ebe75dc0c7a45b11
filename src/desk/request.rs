//! The calls on the desk and their answers. They travel as they are over the
//! socket (as JSON), so everything here is plain data; who asks and what time
//! it is are not in them: the desk that answers decides both.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Job;
use crate::domain::case::{Case, CaseId};
use crate::domain::event::Event;
use crate::domain::intake::Intake;
use crate::domain::query::Filter;
use crate::domain::summary::Summary;
use crate::domain::workflow::Command;
use crate::exchange::CaseTrail;
use crate::store::backup::BackupError;
use crate::store::writings::Writing;
use crate::store::{CommandError, StoreError};

/// The most cases one request may ask for; larger exports ask in batches, so
/// no answer holds more than this many trails.
pub const MAX_IDS: usize = 1_000;

/// The longest request id `add` may carry.
pub const MAX_REQUEST_ID: usize = 64;

/// One call on the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Request {
    /// Registers a complaint. A request id makes it safe to send again: a
    /// registration with an id the desk has seen answers with that case.
    Register {
        intake: Intake,
        #[serde(default)]
        request_id: Option<String>,
    },
    /// Runs commands on one case as one: all are saved, or none is. With an
    /// expected version, refused when someone else changed the case since.
    Execute {
        id: CaseId,
        expected_version: Option<u32>,
        commands: Vec<Command>,
    },
    Get {
        id: CaseId,
    },
    /// Every case, with the records that could not be read.
    Load,
    /// The cases `filter` chooses, in brief, most urgent first (their
    /// deadlines as they stand on the desk's clock), with the records that
    /// could not be read.
    Select {
        filter: Filter,
    },
    Events {
        id: CaseId,
    },
    /// These cases, whole, in the order asked; those that cannot be read
    /// are named beside them (answered as `Loaded`).
    Cases {
        ids: Vec<CaseId>,
    },
    /// Each case with its audit trail as they stand together.
    Trails {
        ids: Vec<CaseId>,
    },
    /// Every readable case with its audit trail that a report of a period
    /// starting at `since` needs (see `Store::history_since`): one large answer.
    History {
        #[serde(with = "crate::domain::moment")]
        since: DateTime<Utc>,
    },
    /// A consistent copy of the database into the new folder `path`, which
    /// must be absolute: the desk's working folder is not the caller's.
    Backup {
        path: PathBuf,
    },
    /// Notes a backup or export the caller wrote, in the log `subject erase`
    /// and `purge` read to say what may still hold removed data.
    NoteWriting(Writing),
    /// Lets the caller have the database to itself for `job`: the desk
    /// pauses saving, tells every board, and closes the database; answered
    /// once it is free. Until [`Request::TakeBack`] (or the connection
    /// closes) the desk answers every other call with who has it.
    HandOver {
        job: Job,
    },
    /// The job is done: the desk opens the database again, reads the queue
    /// anew and goes on.
    TakeBack,
    /// Every change from `since` on (none: from now), as it happens; the
    /// connection carries nothing else from then on, and the desk sends a
    /// heartbeat when it has been quiet.
    Follow {
        since: Option<Mark>,
    },
}

/// The desk's answer to one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Response {
    Case(Box<Case>),
    Loaded {
        cases: Vec<Case>,
        unreadable: Vec<StoreError>,
    },
    /// The answer to `Select`.
    Summaries {
        summaries: Vec<Summary>,
        unreadable: Vec<StoreError>,
    },
    Events(Vec<Event>),
    Trails(Vec<CaseTrail>),
    History {
        trails: Vec<CaseTrail>,
        unreadable: Vec<StoreError>,
    },
    /// The backup is complete and holds this many cases.
    BackedUp {
        cases: usize,
    },
    BackupFailed(BackupError),
    /// Done; nothing to tell.
    Done,
    /// The store or the procedure said no, exactly as it would have locally.
    Failed(CommandError),
    /// The request was not carried out; the reason says why.
    BadRequest(BadRequest),
    /// The first answer to `Follow`: changes follow from this mark on.
    Following {
        mark: Mark,
    },
    /// A change, while following.
    Changed(Stamped),
    /// While following: the changes since the mark asked for are no longer
    /// kept (or the desk started again): read everything anew; changes go
    /// on from `mark`.
    ReadAnew {
        mark: Mark,
    },
    /// While following: nothing changed for a while; the desk is there.
    Heartbeat,
}

/// Why a request was not carried out, worded by the caller in its language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "kebab-case")]
pub enum BadRequest {
    #[error("the request could not be read: {0}")]
    Unreadable(String),
    #[error("a request is at most {max} bytes long")]
    TooLong { max: usize },
    #[error("a request asks for at most {max} cases")]
    TooManyCases { max: usize },
    #[error("a request id is at most {max} letters, digits, - and _")]
    BadRequestId { max: usize },
    #[error("the backup path {} is not absolute", .0.display())]
    RelativePath(PathBuf),
    #[error("removing personal data needs the database to itself")]
    NeedsDatabaseToItself,
    #[error("the caller gave up on the request before it could be carried out; nothing was done")]
    Expired,
    #[error("too many connections ({max})")]
    TooManyConnections { max: usize },
    #[error("protocol version {client} is not this desk's {desk}")]
    Version { client: u32, desk: u32 },
    #[error("the desk's clock is not pinned to the caller's --now")]
    ClockPinned,
    #[error("the user {user} is not an operator of the desk")]
    NotAnOperator { user: String },
    #[error("the desk serves {max} boards at once already")]
    TooManySessions { max: usize },
    #[error("this desk draws no boards")]
    NoBoards,
    #[error("a hello was expected first")]
    NoHello,
}

/// Whether `id` may be a request id: 1 to [`MAX_REQUEST_ID`] ASCII letters,
/// digits, `-` and `_`.
pub fn valid_request_id(id: &str) -> bool {
    (1..=MAX_REQUEST_ID).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Where a change stands among the desk's: the run of the desk (it counts
/// anew each time it starts) and the change's number in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub run: u64,
    pub number: u64,
}

/// A change with its mark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamped {
    pub mark: Mark,
    pub change: crate::store::Change,
}

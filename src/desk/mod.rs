//! One interface to the desk: every call the command line (and the server on
//! behalf of its clients) makes on the queue is a [`Request`] with its
//! [`Response`]. It is answered in two places — over the store in this
//! process ([`Local`]), and over the socket by the process that holds the
//! store ([`crate::remote::Client`]) — and the typed calls below are written
//! once, over either. Who makes a change and when is decided by the desk that
//! carries it out, never by the caller.

mod changes;
mod clock;
mod local;
mod request;
mod slot;

use chrono::{DateTime, Utc};
use std::collections::HashSet;
use std::path::Path;

pub use changes::{ChangeLog, Followed, Start};
pub use clock::Clock;
pub use local::{Held, Local};
pub use request::{BadRequest, MAX_IDS, MAX_REQUEST_ID, Mark, Request, Response, Stamped, valid_request_id};
pub use slot::{Away, Job, Slot};

use crate::domain::case::{Case, CaseId};
use crate::domain::event::Event;
use crate::domain::intake::Intake;
use crate::domain::query::Filter;
use crate::domain::summary::Summary;
use crate::domain::workflow::Command;
use crate::exchange::CaseTrail;
use crate::store::backup::BackupError;
use crate::store::writings::Writing;
use crate::store::{CommandError, History, Loaded, Store, StoreError};

/// The cases a selection chose, in brief, and the records that could not be read.
#[derive(Debug, Default)]
pub struct Selected {
    pub summaries: Vec<Summary>,
    pub unreadable: Vec<StoreError>,
}

/// Something that answers requests on one database.
pub trait Desk: Send + Sync + std::fmt::Debug {
    /// Carries out one request and answers it. Failures of the way there (a
    /// desk that does not answer) come back as `Response::Failed` with a
    /// `StoreError` that says so.
    fn call(&self, request: Request) -> Response;

    /// The database the desk works on, for messages.
    fn path(&self) -> &Path;

    /// The operator whose changes this desk makes: the desk's, not the caller's say.
    fn operator(&self) -> &str;

    /// The store itself, when this process holds it: what needs the database
    /// to itself (import, restore, removing personal data) works only then.
    fn store(&self) -> Option<Store> {
        None
    }
}

impl dyn Desk + '_ {
    /// Registers a complaint; with `request_id`, a second registration with
    /// the same id answers with the first one's case instead.
    pub fn register(&self, intake: &Intake, request_id: Option<&str>) -> Result<Case, CommandError> {
        case(self.call(Request::Register {
            intake: intake.clone(),
            request_id: request_id.map(str::to_string),
        }))
    }

    /// Runs `commands` on case `id` as one; see [`Request::Execute`].
    pub fn execute(
        &self,
        id: CaseId,
        expected_version: Option<u32>,
        commands: Vec<Command>,
    ) -> Result<Case, CommandError> {
        case(self.call(Request::Execute {
            id,
            expected_version,
            commands,
        }))
    }

    pub fn get(&self, id: CaseId) -> Result<Case, StoreError> {
        case(self.call(Request::Get { id })).map_err(only_store)
    }

    pub fn load(&self) -> Result<Loaded, StoreError> {
        match self.call(Request::Load) {
            Response::Loaded { cases, unreadable } => Ok(Loaded { cases, unreadable }),
            other => Err(unexpected(other)),
        }
    }

    /// The cases `filter` chooses, in brief, most urgent first; chosen
    /// where they are held: a desk that has the queue in memory sends only those.
    pub fn select(&self, filter: &Filter) -> Result<Selected, StoreError> {
        match self.call(Request::Select {
            filter: filter.clone(),
        }) {
            Response::Summaries {
                summaries,
                unreadable,
            } => Ok(Selected {
                summaries,
                unreadable,
            }),
            other => Err(unexpected(other)),
        }
    }

    pub fn events(&self, id: CaseId) -> Result<Vec<Event>, StoreError> {
        match self.call(Request::Events { id }) {
            Response::Events(events) => Ok(events),
            other => Err(unexpected(other)),
        }
    }

    /// These cases whole, in the order asked, in batches of at most
    /// [`MAX_IDS`]; a case that cannot be read is named beside the others
    /// rather than failing them all.
    pub fn cases(&self, ids: &[CaseId]) -> Result<Loaded, StoreError> {
        let mut out = Loaded::default();
        for chunk in ids.chunks(MAX_IDS) {
            match self.call(Request::Cases { ids: chunk.to_vec() }) {
                Response::Loaded { cases, unreadable } => {
                    out.cases.extend(cases);
                    out.unreadable.extend(unreadable);
                }
                other => return Err(unexpected(other)),
            }
        }
        Ok(out)
    }

    /// Each case with its audit trail, as they stand together, asked for in
    /// batches so that no answer is larger than [`MAX_IDS`] trails.
    pub fn trails(&self, ids: &[CaseId]) -> Result<Vec<CaseTrail>, StoreError> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(MAX_IDS) {
            match self.call(Request::Trails { ids: chunk.to_vec() }) {
                Response::Trails(trails) => out.extend(trails),
                other => return Err(unexpected(other)),
            }
        }
        Ok(out)
    }

    /// Every readable case with its audit trail that a report of a period
    /// starting at `since` needs, in case-number order.
    pub fn history(&self, since: DateTime<Utc>) -> Result<History, StoreError> {
        match self.call(Request::History { since }) {
            Response::History { trails, unreadable } => Ok(History {
                trails: trails.into_iter().map(|t| (t.case, t.events)).collect(),
                unreadable,
            }),
            other => Err(unexpected(other)),
        }
    }

    /// Notes a backup or export written, in the database's log of them.
    pub fn note_writing(&self, writing: &Writing) -> Result<(), StoreError> {
        match self.call(Request::NoteWriting(writing.clone())) {
            Response::Done => Ok(()),
            other => Err(unexpected(other)),
        }
    }

    /// Has the desk let go of the database for `job`; see [`Request::HandOver`].
    pub fn hand_over(&self, job: Job) -> Result<(), StoreError> {
        match self.call(Request::HandOver { job }) {
            Response::Done => Ok(()),
            other => Err(unexpected(other)),
        }
    }

    /// Gives the database back to the desk; see [`Request::TakeBack`].
    pub fn take_back(&self) -> Result<(), StoreError> {
        match self.call(Request::TakeBack) {
            Response::Done => Ok(()),
            other => Err(unexpected(other)),
        }
    }

    /// A consistent copy of the database into the new folder `to`; how many
    /// cases it holds.
    pub fn backup(&self, to: &Path) -> Result<usize, BackupError> {
        let path = std::path::absolute(to).map_err(|e| BackupError::Write {
            path: to.to_path_buf(),
            reason: e.to_string(),
        })?;
        match self.call(Request::Backup { path }) {
            Response::BackedUp { cases } => Ok(cases),
            Response::BackupFailed(e) => Err(e),
            other => Err(unexpected(other).into()),
        }
    }
}

fn case(response: Response) -> Result<Case, CommandError> {
    match response {
        Response::Case(case) => Ok(*case),
        Response::Failed(e) => Err(e),
        other => Err(unexpected(other).into()),
    }
}

/// An answer that is not one to the question asked, as the store error the
/// caller reports.
fn unexpected(response: Response) -> StoreError {
    match response {
        Response::Failed(CommandError::Store(e)) => e,
        Response::Failed(CommandError::Refused(r)) => StoreError::Misunderstood(format!("{r:?}")),
        Response::BadRequest(bad) => StoreError::Misunderstood(bad.to_string()),
        _ => StoreError::Misunderstood("an answer to another question".into()),
    }
}

/// A refusal where only a store error makes sense is an answer out of place.
fn only_store(e: CommandError) -> StoreError {
    match e {
        CommandError::Store(e) => e,
        CommandError::Refused(r) => StoreError::Misunderstood(format!("{r:?}")),
    }
}

/// `ids` without repeats, in their first order.
pub(crate) fn distinct(ids: Vec<CaseId>) -> Vec<CaseId> {
    let mut seen = HashSet::with_capacity(ids.len());
    ids.into_iter().filter(|id| seen.insert(*id)).collect()
}

//! The store a desk answers from, which the desk can hand over for a while —
//! to a job that needs the database to itself (an import, a restore,
//! removing personal data) — and take back. While it is away, every call is
//! refused with who has it and for what; calls already running finish first.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use parking_lot::RwLock;
use serde::{Deserialize, Serialize};

use crate::store::Store;

/// A job that needs the database to itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Job {
    Import,
    Restore,
    Purge,
    Erase,
    /// `klachtdesk doctor`: checking and repairing the database.
    Doctor,
}

impl Job {
    /// The job's name in messages that travel (see `StoreError::Away`).
    pub fn slug(self) -> &'static str {
        match self {
            Job::Import => "import",
            Job::Restore => "restore",
            Job::Purge => "purge",
            Job::Erase => "erase",
            Job::Doctor => "doctor",
        }
    }
}

/// Who has the database, and for what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Away {
    pub by: String,
    pub job: Job,
}

#[derive(Debug)]
enum State {
    Here(Store),
    Away(Away),
}

/// A desk's store, or the note of who has it; cheap to clone.
#[derive(Debug, Clone)]
pub struct Slot {
    state: Arc<RwLock<State>>,
    path: PathBuf,
}

impl Slot {
    pub fn new(store: Store) -> Slot {
        Slot {
            path: store.path().to_path_buf(),
            state: Arc::new(RwLock::new(State::Here(store))),
        }
    }

    /// Where the database is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `work` on the store, unless it is away; the store is not handed
    /// over while `work` runs.
    pub fn with<R>(&self, work: impl FnOnce(&Store) -> R) -> Result<R, Away> {
        match &*self.state.read() {
            State::Here(store) => Ok(work(store)),
            State::Away(away) => Err(away.clone()),
        }
    }

    /// The store, unless it is away.
    pub fn store(&self) -> Option<Store> {
        self.with(Store::clone).ok()
    }

    /// Who has it, if it is away.
    pub fn away(&self) -> Option<Away> {
        match &*self.state.read() {
            State::Here(_) => None,
            State::Away(away) => Some(away.clone()),
        }
    }

    /// Lets go of the store for `away` (once the calls running have
    /// finished); the store closes when its last handle goes. `Err` with who
    /// has it already.
    pub fn hand_over(&self, away: Away) -> Result<(), Away> {
        let mut state = self.state.write();
        if let State::Away(already) = &*state {
            return Err(already.clone());
        }
        *state = State::Away(away);
        Ok(())
    }

    /// Puts `store` (opened again after the job) back.
    pub fn take_back(&self, store: Store) {
        *self.state.write() = State::Here(store);
    }
}

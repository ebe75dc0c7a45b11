//! Consistent copies of the database: `backup` into a new folder while the
//! desk keeps working, `restore` from such a folder, and reading one case with
//! its audit trail as they stood together (for exports).
//!
//! Consistent means no command lands half in the copy. Every command writes
//! its snapshot and events in one transaction, but a copy reads tree after
//! tree; so every write holds the store's [`Gate`] shared, and a copy holds it
//! exclusive while it reads. Commands wait for the copy (seconds for a large
//! queue); they never fail because of it.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use serde::{Deserialize, Serialize};

use super::place::{self, Guard, Rewrite, sibling};
use super::{Store, StoreError};
use crate::domain::case::{Case, CaseId};
use crate::domain::event::Event;

/// Held shared by every write, exclusive by whatever must see no write half-done.
#[derive(Debug, Clone, Default)]
pub(super) struct Gate(Arc<RwLock<()>>);

impl Gate {
    pub(super) fn shared(&self) -> RwLockReadGuard<'_, ()> {
        self.0.read().unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn exclusive(&self) -> RwLockWriteGuard<'_, ()> {
        self.0.write().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Why a backup or restore did not happen. Serializable, so that a backup made
/// by the board for the command line comes back as itself.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum BackupError {
    #[error("{} already exists", .0.display())]
    Exists(PathBuf),
    #[error("{} is not a klachtdesk database", .0.display())]
    NotADatabase(PathBuf),
    #[error("{} is the database itself", .0.display())]
    SamePlace(PathBuf),
    #[error("the database at {} holds {cases} cases", path.display())]
    NotEmpty { path: PathBuf, cases: usize },
    #[error("cannot write {}: {reason}", path.display())]
    Write { path: PathBuf, reason: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl BackupError {
    /// Whether the operator asked for something that cannot be done, rather
    /// than something failing.
    pub fn is_refusal(&self) -> bool {
        !matches!(self, BackupError::Write { .. } | BackupError::Store(_))
    }
}

/// Records copied per sled batch: large enough to be quick, small enough that
/// a big database is not held in memory twice.
const CHUNK: usize = 10_000;

impl Store {
    /// Writes a consistent copy of the database into the new folder `to`
    /// (private to its owner), which `Store::open` opens like any database;
    /// returns how many cases it holds. The copy is made beside `to` and
    /// renamed into place when complete, so a folder at `to` is never half a
    /// backup.
    pub fn backup(&self, to: &Path) -> Result<usize, BackupError> {
        if fs::symlink_metadata(to).is_ok() {
            return Err(BackupError::Exists(to.to_path_buf()));
        }
        let failed = |e: &dyn std::fmt::Display| BackupError::Write {
            path: to.to_path_buf(),
            reason: e.to_string(),
        };
        if let Some(parent) = to.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|e| failed(&e))?;
        }
        let partial = sibling(to, "partial");
        if partial.exists() {
            // Only ever an unfinished copy of an earlier backup that failed.
            fs::remove_dir_all(&partial).map_err(|e| failed(&e))?;
        }
        let cases = {
            let copy = Store::open_here(&partial)?;
            let cases = self.copy_into(&copy)?;
            copy.db.flush().map_err(|e| failed(&e))?;
            cases
        };
        fs::rename(&partial, to).map_err(|e| failed(&e))?;
        Ok(cases)
    }

    /// Copies every tree into `copy` with no write half-done; returns how many
    /// cases were copied.
    fn copy_into(&self, copy: &Store) -> Result<usize, BackupError> {
        let failed = |e: sled::Error| BackupError::Write {
            path: copy.path.clone(),
            reason: e.to_string(),
        };
        let _exclusive = self.gate.exclusive();
        let trees = [
            (&self.cases, &copy.cases),
            (&self.events, &copy.events),
            (&self.meta, &copy.meta),
        ];
        for (from, to) in trees {
            let mut batch = sled::Batch::default();
            for (n, item) in from.iter().enumerate() {
                let (key, value) = item.map_err(|e| StoreError::Write(e.to_string()))?;
                batch.insert(key, value);
                if (n + 1).is_multiple_of(CHUNK) {
                    to.apply_batch(std::mem::take(&mut batch)).map_err(failed)?;
                }
            }
            to.apply_batch(batch).map_err(failed)?;
        }
        Ok(copy.cases.len())
    }

    /// Replaces the database at `target` by a copy of the backup at `source`;
    /// returns how many cases it holds. Refuses a `target` that holds cases
    /// unless `force`, and one in use (`StoreError::InUse`). The copy is made
    /// beside `target` and swapped in when complete, with the database's guard
    /// held throughout (see `place`), so nobody opens it half restored.
    pub fn restore(source: &Path, target: &Path, force: bool) -> Result<usize, BackupError> {
        if !is_database(source) {
            return Err(BackupError::NotADatabase(source.to_path_buf()));
        }
        if same_place(source, target) {
            return Err(BackupError::SamePlace(source.to_path_buf()));
        }
        let failed = |e: &dyn std::fmt::Display| BackupError::Write {
            path: target.to_path_buf(),
            reason: e.to_string(),
        };
        if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            super::create_private_dir(parent).map_err(|e| failed(&e))?;
        }
        let _guard = Guard::exclusive(target)?;
        place::recover(target)?;
        let fresh = Rewrite::Restore.copy(target);
        let cases = {
            let held = Store::open_here(target)?;
            if !force && !held.is_empty() {
                return Err(BackupError::NotEmpty {
                    path: target.to_path_buf(),
                    cases: held.len(),
                });
            }
            let backup = Store::open_here(source)?;
            let copy = Store::open_here(&fresh)?;
            let cases = backup.copy_into(&copy)?;
            copy.db.flush().map_err(|e| failed(&e))?;
            cases
        };
        place::mark_complete(&fresh).map_err(|e| failed(&e))?;
        place::swap_in(target, Rewrite::Restore, &|| {})?;
        Ok(cases)
    }

    /// A case and its audit trail as they stood together: read while no write
    /// is half-done, and the trail cut at the snapshot's version.
    pub fn trail(&self, id: CaseId) -> Result<(Case, Vec<Event>), StoreError> {
        let _exclusive = self.gate.exclusive();
        let case = self.get(id)?;
        let mut events = self.events(id)?;
        events.truncate(case.version as usize);
        Ok((case, events))
    }
}

/// Whether `path` holds a sled database (as opposed to any folder, which
/// `Store::open` would happily turn into an empty database).
fn is_database(path: &Path) -> bool {
    path.is_dir() && path.join("conf").is_file() && path.join("db").is_file()
}

fn same_place(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

//! Consistent copies of the database: `backup` into a new folder while the
//! desk keeps working, `restore` from such a folder or from a backup file
//! (see `archive`), and reading one case with its audit trail as they stood
//! together (for exports).
//!
//! Consistent means no command lands half in the copy: see `consistent`, and
//! the [`Gate`] every write holds.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::place::{self, Guard, Rewrite, sibling};
use super::{Store, StoreError, archive, summaries};
use crate::domain::case::{Case, CaseId};
use crate::domain::event::Event;
use crate::private_file::FileError;

/// Held shared by every write, exclusive by whatever must see no write
/// half-done. Anonymising, the one write that changes events already written,
/// also holds `rewrites` exclusive, which a backup holds shared while it reads
/// the audit trails (see `consistent`). Always taken in that order.
#[derive(Debug, Clone, Default)]
pub(super) struct Gate(Arc<Locks>);

#[derive(Debug, Default)]
struct Locks {
    writes: RwLock<()>,
    rewrites: RwLock<()>,
}

/// What a command that rewrites earlier events holds.
pub(super) struct Rewriting<'a> {
    _rewrites: RwLockWriteGuard<'a, ()>,
    _writes: RwLockReadGuard<'a, ()>,
}

impl Gate {
    pub(super) fn shared(&self) -> RwLockReadGuard<'_, ()> {
        self.0.writes.read().unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn exclusive(&self) -> RwLockWriteGuard<'_, ()> {
        self.0.writes.write().unwrap_or_else(PoisonError::into_inner)
    }

    /// Held by a write that changes events written before (anonymising).
    pub(super) fn rewriting(&self) -> Rewriting<'_> {
        let rewrites = self.0.rewrites.write().unwrap_or_else(PoisonError::into_inner);
        Rewriting {
            _rewrites: rewrites,
            _writes: self.shared(),
        }
    }

    /// Held while events written before must stay as they are.
    pub(super) fn steady(&self) -> RwLockReadGuard<'_, ()> {
        self.0.rewrites.read().unwrap_or_else(PoisonError::into_inner)
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
    #[error("cannot read {}: {reason}", path.display())]
    Read { path: PathBuf, reason: String },
    /// The backup file does not read back as it was written.
    #[error("the backup {} is damaged: {reason}", path.display())]
    Damaged { path: PathBuf, reason: String },
    /// The database to restore into cannot be read: it may hold anything.
    #[error("the database at {} cannot be read", path.display())]
    DatabaseDamaged { path: PathBuf },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl BackupError {
    /// Whether the operator asked for something that cannot be done, rather
    /// than something failing.
    pub fn is_refusal(&self) -> bool {
        !matches!(
            self,
            BackupError::Write { .. }
                | BackupError::Read { .. }
                | BackupError::Damaged { .. }
                | BackupError::Store(_)
        )
    }
}

impl From<FileError> for BackupError {
    fn from(e: FileError) -> Self {
        match e {
            FileError::Exists(path) => BackupError::Exists(path),
            FileError::Symlink(path) => BackupError::Write {
                reason: "it is a symbolic link".into(),
                path,
            },
            FileError::Io(path, e) => BackupError::Write {
                path,
                reason: e.to_string(),
            },
        }
    }
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// How many cases the database holds now.
    pub cases: usize,
    /// Where the database that could not be read was set aside, if it was.
    pub damaged_kept: Option<PathBuf>,
}

/// Records written into a new sled database per batch: large enough to be
/// quick, small enough that a big database is not held in memory twice.
const CHUNK: usize = 10_000;

/// Writes records handed over tree by tree into a new sled database.
struct Loader<'a> {
    copy: &'a Store,
    tree: Option<(Vec<u8>, sled::Tree)>,
    batch: sled::Batch,
    pending: usize,
}

impl<'a> Loader<'a> {
    fn new(copy: &'a Store) -> Self {
        Loader {
            copy,
            tree: None,
            batch: sled::Batch::default(),
            pending: 0,
        }
    }

    fn failed(&self, e: &sled::Error) -> BackupError {
        BackupError::Write {
            path: self.copy.path.clone(),
            reason: super::reason(e),
        }
    }

    fn put(&mut self, tree: &[u8], key: &[u8], value: &[u8]) -> Result<(), BackupError> {
        if self.tree.as_ref().is_none_or(|(name, _)| name != tree) {
            self.apply()?;
            let opened = self.copy.db.open_tree(tree).map_err(|e| self.failed(&e))?;
            self.tree = Some((tree.to_vec(), opened));
        }
        self.batch.insert(key, value);
        self.pending += 1;
        if self.pending >= CHUNK {
            self.apply()?;
        }
        Ok(())
    }

    fn apply(&mut self) -> Result<(), BackupError> {
        if let Some((_, tree)) = &self.tree {
            tree.apply_batch(std::mem::take(&mut self.batch))
                .map_err(|e| self.failed(&e))?;
        }
        self.pending = 0;
        Ok(())
    }

    /// Applies what is left and flushes it to disk. The copy's summaries
    /// (none: a backup holds none) are made anew when it is next opened.
    fn finish(mut self) -> Result<(), BackupError> {
        self.apply()?;
        self.copy
            .summaries
            .remove(summaries::STAMP)
            .map_err(|e| self.failed(&e))?;
        self.copy.db.flush().map_err(|e| self.failed(&e))?;
        Ok(())
    }
}

impl Store {
    /// Writes a consistent copy of the database into the new folder `to`
    /// (private to its owner), which `Store::open` opens like any database;
    /// returns how many cases it holds. The copy is made beside `to` and
    /// renamed into place when complete, so a folder at `to` is never half a
    /// backup. Saves wait only while the case snapshots are read.
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
            self.copy_into(&copy)?
        };
        fs::rename(&partial, to).map_err(|e| failed(&e))?;
        Ok(cases)
    }

    /// Writes a consistent copy of the database into the new file `to`
    /// (private to its owner, see `archive`), which `restore` reads back;
    /// returns how many cases it holds. The file is complete and on disk
    /// before it gets its name.
    pub fn backup_file(&self, to: &Path) -> Result<usize, BackupError> {
        self.backup_file_telling(to, &mut || {})
    }

    /// [`Store::backup_file`], telling `taken` once the moment the backup
    /// shows has passed (see `read_consistently`).
    pub(super) fn backup_file_telling(
        &self,
        to: &Path,
        taken: &mut dyn FnMut(),
    ) -> Result<usize, BackupError> {
        let dir = match to.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        super::create_private_dir(dir).map_err(|e| BackupError::Write {
            path: to.to_path_buf(),
            reason: e.to_string(),
        })?;
        let io = |e: std::io::Error| BackupError::Write {
            path: to.to_path_buf(),
            reason: e.to_string(),
        };
        let cases = crate::private_file::write(to, false, |file| {
            let mut writer = archive::Writer::new(file).map_err(io)?;
            let cases = self.read_consistently(
                &mut |tree, key, value| writer.put(tree, key, value).map_err(io),
                taken,
            )?;
            writer.finish().map_err(io)?;
            Ok::<_, BackupError>(cases)
        })?;
        place::sync_dir(dir).map_err(io)?;
        Ok(cases)
    }

    /// Copies every tree into `copy` with no write half-done, and flushes it;
    /// returns how many cases were copied.
    fn copy_into(&self, copy: &Store) -> Result<usize, BackupError> {
        let mut loader = Loader::new(copy);
        let cases =
            self.read_consistently(&mut |tree, key, value| loader.put(tree, key, value), &mut || {})?;
        loader.finish()?;
        Ok(cases)
    }

    /// Replaces the database at `target` by a copy of the backup at `source`
    /// (a backup folder or file); returns how many cases it holds. See
    /// [`Store::restore_from`].
    pub fn restore(source: &Path, target: &Path, force: bool) -> Result<usize, BackupError> {
        Store::restore_from(source, target, force, Utc::now()).map(|r| r.cases)
    }

    /// Replaces the database at `target` by a copy of the backup at `source`.
    /// Refuses a `target` that holds cases, or that cannot be read, unless
    /// `force`; and one in use (`StoreError::InUse`). The copy is made beside
    /// `target` and swapped in when complete, with the database's guard held
    /// throughout (see `place`), so nobody opens it half restored. A database
    /// that cannot be read is not removed but set aside beside it (named
    /// after `now`), for `klachtdesk doctor` or a specialist. The log of
    /// backups and exports written (see `writings`) is kept.
    pub fn restore_from(
        source: &Path,
        target: &Path,
        force: bool,
        now: DateTime<Utc>,
    ) -> Result<Restored, BackupError> {
        let from_file = if is_database(source) {
            false
        } else if source.is_file() && archive::is_archive(source) {
            true
        } else {
            return Err(BackupError::NotADatabase(source.to_path_buf()));
        };
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
        let held = match Store::open_here(target) {
            Ok(held) => Some(held),
            Err(StoreError::Damaged { .. }) if force => None,
            Err(StoreError::Damaged { path, .. }) => return Err(BackupError::DatabaseDamaged { path }),
            Err(e) => return Err(e.into()),
        };
        if let Some(held) = &held
            && !force
            && !held.is_empty()
        {
            return Err(BackupError::NotEmpty {
                path: target.to_path_buf(),
                cases: held.len(),
            });
        }
        let fresh = Rewrite::Restore.copy(target);
        let copied = (|| {
            let copy = Store::open_here(&fresh)?;
            let cases = if from_file {
                let mut loader = Loader::new(&copy);
                archive::read(source, &mut |tree, key, value| loader.put(tree, key, value))?;
                loader.finish()?;
                copy.cases.len()
            } else {
                Store::open_here(source)?.copy_into(&copy)?
            };
            if let Some(held) = &held {
                held.copy_writings_into(&copy)?;
            }
            Ok::<_, BackupError>(cases)
        })();
        let damaged = held.is_none();
        drop(held);
        let cases = match copied.and_then(|cases| {
            place::mark_complete(&fresh).map_err(|e| failed(&e))?;
            Ok(cases)
        }) {
            Ok(cases) => cases,
            Err(e) => {
                // Only a copy of the backup, which is still there: a copy left
                // here would stand in the way of the next open.
                let _ = place::remove_eventually(&fresh);
                return Err(e);
            }
        };
        if !damaged {
            place::swap_in(target, Rewrite::Restore, &|| {})?;
            return Ok(Restored {
                cases,
                damaged_kept: None,
            });
        }
        // Killed between these renames, the next open puts the complete copy
        // in place (see `place::recover`); the damaged folder stays aside.
        let aside = set_aside_path(target, "damaged", now);
        fs::rename(target, &aside).map_err(|e| failed(&e))?;
        place::sync_dir(&parent_of(target)).map_err(|e| failed(&e))?;
        fs::rename(&fresh, target).map_err(|e| failed(&e))?;
        place::sync_dir(&parent_of(target)).map_err(|e| failed(&e))?;
        Ok(Restored {
            cases,
            damaged_kept: Some(aside),
        })
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

/// A new name beside `path` for something set aside rather than removed:
/// `.NAME.WHAT-20261123T090000Z`, numbered on if taken.
pub(super) fn set_aside_path(path: &Path, what: &str, now: DateTime<Utc>) -> PathBuf {
    let stamp = now.format("%Y%m%dT%H%M%SZ");
    let free = |p: &PathBuf| fs::symlink_metadata(p).is_err();
    let first = sibling(path, &format!("{what}-{stamp}"));
    if free(&first) {
        return first;
    }
    (2u32..)
        .map(|n| sibling(path, &format!("{what}-{stamp}-{n}")))
        .find(free)
        .unwrap_or(first)
}

pub(super) fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn same_place(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

//! The database folder's place on disk, and the rules that keep it whole.
//!
//! Rewriting the database (removing personal data, restoring a backup) builds
//! a fresh copy beside it and swaps the two folders. Three rules make that
//! safe against other processes and against a kill at any moment:
//!
//! - A *guard* file beside the folder (`.NAME.guard`) is locked shared by
//!   every opener while it opens, and exclusive by a rewrite from before its
//!   copy until after the swap: nobody opens the path while it is being
//!   swapped, so nobody ever gets a brand-new empty database there.
//! - A copy is marked complete (a file inside it, synced) before the swap
//!   starts, so a copy can always be told from half a copy.
//! - Leftovers of an interrupted rewrite are found at the next open and put
//!   right under the exclusive guard: the complete copy or the original goes
//!   back to the path, and a leftover is removed only after it has been read
//!   and found to hold nothing the database does not hold.
//!
//! A new database is only made at a path with no sign of an old one.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::StoreError;

/// The file a finished copy holds, so that it is never taken for half a copy.
const COMPLETE: &str = "klachtdesk-copy-complete";

/// How long an opener waits for a rewrite by another process to finish.
const GUARD_PATIENCE: Duration = Duration::from_secs(30);

/// The files and folders sled keeps in a database folder, and our socket.
fn is_database_entry(name: &str) -> bool {
    matches!(name, "conf" | "db" | "blobs" | "klachtdesk.sock" | COMPLETE) || name.starts_with("snap.")
}

/// What a rewrite leaves beside the path while it runs: the copy being made,
/// and the original while the copy takes its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rewrite {
    /// Removing personal data: the copy holds the same records, freshly written.
    Compact,
    /// Restoring a backup: the copy holds the backup's records.
    Restore,
}

impl Rewrite {
    const ALL: [Rewrite; 2] = [Rewrite::Compact, Rewrite::Restore];

    /// Where the copy is made.
    pub(crate) fn copy(self, path: &Path) -> PathBuf {
        sibling(
            path,
            match self {
                Rewrite::Compact => "compacting",
                Rewrite::Restore => "restoring",
            },
        )
    }

    /// Where the original waits while the copy takes its place.
    pub(crate) fn original(self, path: &Path) -> PathBuf {
        sibling(
            path,
            match self {
                Rewrite::Compact => "old",
                Rewrite::Restore => "replaced",
            },
        )
    }
}

/// A folder or file beside `path`, hidden, named after it.
pub(crate) fn sibling(path: &Path, what: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{what}"))
}

/// The lock on the guard file; let go when dropped.
#[derive(Debug)]
pub(crate) struct Guard {
    /// Locked while held; closing it lets go.
    _lock: Option<File>,
}

impl Guard {
    /// Held while opening: waits while another process rewrites the database.
    pub(crate) fn shared(path: &Path) -> Result<Guard, StoreError> {
        Guard::take(path, false)
    }

    /// Held while rewriting: waits until nobody is opening the database.
    pub(crate) fn exclusive(path: &Path) -> Result<Guard, StoreError> {
        Guard::take(path, true)
    }

    fn take(path: &Path, exclusive: bool) -> Result<Guard, StoreError> {
        let guard = sibling(path, "guard");
        let file = match fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&guard)
        {
            Ok(file) => file,
            // A folder we may not write in: nothing can be rewritten there
            // either (that needs renames in it), so there is nothing to guard.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
                ) =>
            {
                return Ok(Guard { _lock: None });
            }
            Err(e) => {
                return Err(StoreError::Open {
                    path: path.to_path_buf(),
                    reason: e.to_string(),
                });
            }
        };
        let started = Instant::now();
        loop {
            let locked = if exclusive {
                file.try_lock()
            } else {
                file.try_lock_shared()
            };
            match locked {
                Ok(()) => return Ok(Guard { _lock: Some(file) }),
                Err(fs::TryLockError::WouldBlock) if started.elapsed() < GUARD_PATIENCE => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(fs::TryLockError::WouldBlock) => {
                    return Err(StoreError::Busy {
                        path: path.to_path_buf(),
                    });
                }
                Err(fs::TryLockError::Error(e)) => {
                    return Err(StoreError::Open {
                        path: path.to_path_buf(),
                        reason: e.to_string(),
                    });
                }
            }
        }
    }
}

/// Whether a rewrite left anything beside `path`.
pub(crate) fn has_leftovers(path: &Path) -> bool {
    Rewrite::ALL
        .iter()
        .any(|r| exists(&r.copy(path)) || exists(&r.original(path)))
}

fn exists(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// What is at the database's path before it is opened.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Found {
    /// A database: open it.
    Database,
    /// Nothing, or an empty folder: a new database may be made there.
    Nothing,
}

/// Looks at `path` (with the leftovers already put right): a database, room
/// for a new one, or something that must not be turned into a database.
pub(crate) fn inspect(path: &Path) -> Result<Found, StoreError> {
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Found::Nothing),
        Err(e) => {
            return Err(StoreError::Open {
                path: path.to_path_buf(),
                reason: e.to_string(),
            });
        }
    };
    if !meta.is_dir() {
        return Err(StoreError::NotAFolder {
            path: path.to_path_buf(),
        });
    }
    if path.join("db").is_file() && path.join("conf").is_file() {
        return Ok(Found::Database);
    }
    // An unreadable folder is left for sled to report.
    let Ok(entries) = fs::read_dir(path) else {
        return Ok(Found::Database);
    };
    let names: Vec<String> = entries
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    if names.is_empty() || names.iter().all(|n| n == "klachtdesk.sock") {
        Ok(Found::Nothing)
    } else if names.iter().all(|n| is_database_entry(n)) {
        // Part of a database (its main file gone): not a place for a new one.
        Err(StoreError::Damaged {
            path: path.to_path_buf(),
            reason: "conf or db is missing".into(),
        })
    } else {
        Err(StoreError::NotADatabase {
            path: path.to_path_buf(),
        })
    }
}

/// Marks the copy at `copy` complete: everything is in it and on disk.
pub(crate) fn mark_complete(copy: &Path) -> io::Result<()> {
    let marker = File::create(copy.join(COMPLETE))?;
    marker.sync_all()?;
    sync_dir(copy)
}

fn is_complete(copy: &Path) -> bool {
    copy.join(COMPLETE).is_file()
}

/// Makes a rename in `dir` durable.
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Puts the complete copy of `rewrite` in the place of the database at
/// `path`, with the exclusive guard held. The original waits beside it until
/// the copy is in place and is then removed: that is what the rewrite is for.
/// `between` runs while the path is empty (tests pause there).
pub(crate) fn swap_in(path: &Path, rewrite: Rewrite, between: &dyn Fn()) -> Result<(), StoreError> {
    let (copy, original) = (rewrite.copy(path), rewrite.original(path));
    let failed = |e: io::Error| StoreError::Write(e.to_string());
    fs::rename(path, &original).map_err(failed)?;
    sync_dir(&parent(path)).map_err(failed)?;
    between();
    if let Err(e) = fs::rename(&copy, path) {
        // Put the original back rather than leave no database at all.
        let _ = fs::rename(&original, path);
        return Err(failed(e));
    }
    sync_dir(&parent(path)).map_err(failed)?;
    finish(path, &original).map_err(failed)
}

/// The copy is in place: the original goes, then the mark.
fn finish(path: &Path, original: &Path) -> io::Result<()> {
    remove_eventually(original)?;
    match fs::remove_file(path.join(COMPLETE)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Removes a database folder just closed: sled's background thread may still
/// be writing its last flush into it for a moment.
pub(crate) fn remove_eventually(path: &Path) -> io::Result<()> {
    let mut last = Ok(());
    for _ in 0..20 {
        last = fs::remove_dir_all(path);
        if last.is_ok() || !exists(path) {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    last
}

/// Puts right what an interrupted rewrite left beside `path`; called with the
/// exclusive guard held. Returns what it did, for the operator.
pub(crate) fn recover(path: &Path) -> Result<Vec<Recovered>, StoreError> {
    let mut done = Vec::new();
    for rewrite in Rewrite::ALL {
        let (copy, original) = (rewrite.copy(path), rewrite.original(path));
        let leftover = |at: &Path, reason: String| leftover(path, at, reason);
        let io = |at: &Path| {
            let at = at.to_path_buf();
            move |e: io::Error| leftover(&at, e.to_string())
        };
        // Killed between the two renames: the path is empty; put back the
        // complete copy if there is one, else the original.
        if !exists(path) && exists(&original) {
            if exists(&copy) && is_complete(&copy) {
                fs::rename(&copy, path).map_err(io(&copy))?;
                done.push(Recovered::CopyPutInPlace(copy.clone()));
            } else {
                fs::rename(&original, path).map_err(io(&original))?;
                done.push(Recovered::OriginalPutBack(original.clone()));
            }
            sync_dir(&parent(path)).map_err(io(path))?;
        }
        if !exists(path) && exists(&copy) {
            if !is_complete(&copy) {
                return Err(leftover(&copy, "an unfinished copy and no database".into()));
            }
            fs::rename(&copy, path).map_err(io(&copy))?;
            sync_dir(&parent(path)).map_err(io(path))?;
            done.push(Recovered::CopyPutInPlace(copy.clone()));
        }
        // The copy is in place; the original was not yet removed. A
        // compaction's original holds the same records as its copy, which is
        // checked before it goes; a restore replaced its original on purpose.
        if exists(&original) {
            match rewrite {
                Rewrite::Compact => {
                    holds_all(path, &original).map_err(|reason| leftover(&original, reason))?;
                }
                Rewrite::Restore if is_complete(path) => {}
                Rewrite::Restore => {
                    return Err(leftover(&original, "a database beside the database".into()));
                }
            }
            finish(path, &original).map_err(io(&original))?;
            done.push(Recovered::OriginalRemoved(original.clone()));
        }
        // Killed before the swap: the path still holds the database, and the
        // copy (whole or half) holds nothing it does not.
        if exists(&copy) {
            holds_all(path, &copy).map_err(|reason| leftover(&copy, reason))?;
            remove_eventually(&copy).map_err(io(&copy))?;
            done.push(Recovered::CopyRemoved(copy.clone()));
        }
    }
    Ok(done)
}

fn leftover(path: &Path, at: &Path, reason: String) -> StoreError {
    StoreError::Leftover {
        path: path.to_path_buf(),
        leftover: at.to_path_buf(),
        reason,
    }
}

/// What [`recover`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recovered {
    CopyPutInPlace(PathBuf),
    OriginalPutBack(PathBuf),
    OriginalRemoved(PathBuf),
    CopyRemoved(PathBuf),
}

/// Whether the database at `whole` holds every record of the one at `part`,
/// with the same value; if not, why not.
fn holds_all(whole: &Path, part: &Path) -> Result<(), String> {
    let part_db = super::open_db(part).map_err(|e| super::reason(&e))?;
    let whole_db = super::open_db(whole).map_err(|e| super::reason(&e))?;
    for name in part_db.tree_names() {
        let (from, to) = (
            part_db.open_tree(&name).map_err(|e| super::reason(&e))?,
            whole_db.open_tree(&name).map_err(|e| super::reason(&e))?,
        );
        for item in from.iter() {
            let (key, value) = item.map_err(|e| super::reason(&e))?;
            if to.get(&key).map_err(|e| super::reason(&e))?.as_ref() != Some(&value) {
                return Err(format!(
                    "it holds a record the database does not ({} {})",
                    String::from_utf8_lossy(&name),
                    super::keys::describe_case(&key)
                ));
            }
        }
    }
    Ok(())
}

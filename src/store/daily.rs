//! Automatic backups: at the first write of each day a backup file of the
//! whole database (see `archive`) goes into a folder the caller names, and
//! files older than the days to keep are removed. So a damaged database loses
//! at most the day's work.
//!
//! The backup is made by a thread of its own, so the save that starts it waits
//! only while the case snapshots are read (see `consistent`), as every save
//! meanwhile does. The thread is waited for when the last handle on the store
//! is dropped, so that a command line that saved once still leaves its backup
//! whole. A backup that fails never stops a save: the failure is kept, and
//! told to whoever asked (`Store::on_backup_failure`).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use chrono::{Days, NaiveDate};

use super::Store;
use super::backup::BackupError;
use super::writings::{Writing, WritingKind};
use crate::domain::workflow::Ctx;

/// What is told of a backup that failed.
type Report = Arc<dyn Fn(&BackupError) + Send + Sync>;

/// The store's automatic backups: off until `Store::keep_daily_backups`.
#[derive(Clone, Default)]
pub(super) struct Daily(Arc<Inner>);

#[derive(Default)]
struct Inner {
    /// Shared with the backup thread, which reports into it.
    state: Arc<Mutex<State>>,
    /// The thread making a backup, if one was started.
    worker: Mutex<Option<JoinHandle<()>>>,
}

#[derive(Default)]
struct State {
    settings: Option<Settings>,
    /// The day a backup was last seen to or made, by this process.
    done: Option<NaiveDate>,
    failure: Option<BackupError>,
    report: Option<Report>,
}

#[derive(Debug, Clone)]
struct Settings {
    dir: PathBuf,
    keep_days: u32,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Drop for Inner {
    fn drop(&mut self) {
        if let Some(worker) = lock(&self.worker).take() {
            let _ = worker.join();
        }
    }
}

/// One automatic backup file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyBackup {
    pub date: NaiveDate,
    pub path: PathBuf,
}

/// The automatic backups of the database at `database` in the folder `dir`,
/// newest first. (Several databases may keep theirs in one folder: each
/// file is named after its database's folder.)
pub fn daily_backups(dir: &Path, database: &Path) -> Vec<DailyBackup> {
    let prefix = format!("{}-", name_of(database));
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<DailyBackup> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?;
            let date = name.strip_prefix(&prefix)?.strip_suffix(SUFFIX)?;
            let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
            path.is_file().then_some(DailyBackup { date, path })
        })
        .collect();
    found.sort_by_key(|b| std::cmp::Reverse(b.date));
    found
}

const SUFFIX: &str = ".backup";

fn name_of(database: &Path) -> String {
    database
        .file_name()
        .map_or_else(|| "db".into(), |n| n.to_string_lossy().into_owned())
}

/// The file of the day's backup of `database` in `dir`.
fn file_for(dir: &Path, database: &Path, date: NaiveDate) -> PathBuf {
    dir.join(format!(
        "{}-{}{SUFFIX}",
        name_of(database),
        date.format("%Y-%m-%d")
    ))
}

impl Store {
    /// From now on, makes a backup into `dir` (a folder private to its owner)
    /// at the first write of each day, and removes the ones more than
    /// `keep_days` days old.
    pub fn keep_daily_backups(&self, dir: PathBuf, keep_days: u32) {
        lock(&self.daily.0.state).settings = Some(Settings { dir, keep_days });
    }

    /// Tells `report` of every automatic backup that fails, when it fails.
    pub fn on_backup_failure(&self, report: impl Fn(&BackupError) + Send + Sync + 'static) {
        lock(&self.daily.0.state).report = Some(Arc::new(report));
    }

    /// Why the last automatic backup failed, if it did.
    pub fn backup_failure(&self) -> Option<BackupError> {
        lock(&self.daily.0.state).failure.clone()
    }

    /// Waits until the automatic backup being made, if any, is done.
    pub fn wait_for_backup(&self) {
        let worker = lock(&self.daily.0.worker).take();
        if let Some(worker) = worker {
            let _ = worker.join();
        }
    }

    /// Starts the day's backup if none was made yet (the day is the desk's
    /// local date of `ctx.now`), and waits until the moment it holds is read.
    /// Every write calls it first; a server may call it when it starts.
    pub fn daily_backup(&self, ctx: &Ctx) {
        let today = ctx.rules.policy.local_date(ctx.now);
        let settings = {
            let mut state = lock(&self.daily.0.state);
            match &state.settings {
                Some(settings) if state.done != Some(today) => {
                    let settings = settings.clone();
                    state.done = Some(today);
                    settings
                }
                _ => return,
            }
        };
        let target = file_for(&settings.dir, &self.path, today);
        if target.exists() {
            return;
        }
        let mut worker = lock(&self.daily.0.worker);
        if let Some(earlier) = worker.take() {
            let _ = earlier.join();
        }
        // The thread's handle on the store makes no backups of its own, and
        // so does not keep the one waited for when the store is dropped.
        let mut store = self.clone();
        store.daily = Daily::default();
        let state = self.daily.0.state.clone();
        let now = ctx.now;
        let dir = settings.dir.clone();
        // The save that starts the backup waits until its moment is read (at
        // 100,000 cases about 0.2 s): so the backup holds the database as it
        // was before the day's first change, whatever the threads' timing.
        let (read, moment_read) = std::sync::mpsc::channel();
        let started = std::thread::Builder::new()
            .name("klachtdesk-backup".into())
            .spawn(move || {
                let mut taken = || {
                    let _ = read.send(());
                };
                let made = store.backup_file_telling(&target, &mut taken).and_then(|cases| {
                    let writing = Writing::whole(now, WritingKind::DailyBackup, Some(target), cases);
                    store.record_writing(&writing).map_err(BackupError::from)
                });
                prune(&settings, &store.path, today);
                finished(&state, made.err());
            });
        match started {
            Ok(handle) => {
                *worker = Some(handle);
                drop(worker);
                // Told, or the thread ended (having failed) without telling.
                let _ = moment_read.recv();
            }
            Err(e) => finished(
                &self.daily.0.state,
                Some(BackupError::Write {
                    path: dir,
                    reason: e.to_string(),
                }),
            ),
        }
    }
}

/// Keeps the outcome of a backup, and tells of a failure.
fn finished(state: &Mutex<State>, failure: Option<BackupError>) {
    let report = {
        let mut state = lock(state);
        state.failure.clone_from(&failure);
        state.report.clone()
    };
    if let (Some(failure), Some(report)) = (failure, report) {
        report(&failure);
    }
}

/// Removes the backups of `database` more than `keep_days` days before
/// `today`, and what backups cut short left behind a day ago or earlier.
fn prune(settings: &Settings, database: &Path, today: NaiveDate) {
    if let Some(oldest) = today.checked_sub_days(Days::new(settings.keep_days.into())) {
        for old in daily_backups(&settings.dir, database) {
            if old.date < oldest {
                let _ = fs::remove_file(&old.path);
            }
        }
    }
    let Ok(entries) = fs::read_dir(&settings.dir) else {
        return;
    };
    for entry in entries.flatten() {
        // `private_file` writes each file under such a name until it is whole.
        let unfinished = entry.file_name().to_string_lossy().starts_with(".klachtdesk-");
        let age = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok());
        if unfinished && age.is_some_and(|age| age.as_secs() > 24 * 3600) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

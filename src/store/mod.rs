//! The database: the only code that knows sled. Each case is a current snapshot
//! in `cases` plus an append-only audit trail in `events`; every command writes
//! both in one transaction and is flushed to disk before it returns.

mod archive;
pub mod backup;
mod bulk;
mod case_v2;
mod codec;
mod consistent;
mod daily;
mod descriptions;
pub mod doctor;
mod error;
mod feed;
pub mod import;
mod keys;
mod legacy;
mod place;
mod privacy;
mod summaries;
mod take_back;
mod undo;
pub mod writings;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError, TransactionalTree};
use undo::{Ghosts, LastAttempt, Undo, Which};

pub use codec::{CodecError, FORMAT, decode_cases, decode_summaries, encode_cases, encode_summaries};
pub use daily::{DailyBackup, daily_backups};
pub use error::{CommandError, StoreError};
pub use feed::{Change, Numbered, Subscription};
pub use place::Recovered;
pub use summaries::{History, LoadedSummaries};

use crate::domain::case::{Case, CaseId};
use crate::domain::event::Event;
use crate::domain::intake::Intake;
use crate::domain::merge;
use crate::domain::problem::{Problem, Refusal};
use crate::domain::workflow::{self, Command, Ctx};

/// The format of the database as a whole, stamped in `meta`: what an older
/// klachtdesk checks before it opens it. Format 3: every snapshot has its
/// summary beside it, which a klachtdesk before 3 would not write. Format 4:
/// cases of record format 3 (the remedy sought, promises). (Each record says
/// its own encoding, [`FORMAT`], too.)
pub const DATABASE_FORMAT: u8 = 4;

/// Everything read from the database, and what could not be read.
#[derive(Debug, Default)]
pub struct Loaded {
    pub cases: Vec<Case>,
    pub unreadable: Vec<StoreError>,
}

/// A handle on one database; cheap to clone and to share between threads, so
/// several operators' screens can work on one store in one process.
#[derive(Clone)]
pub struct Store {
    path: PathBuf,
    db: sled::Db,
    cases: sled::Tree,
    events: sled::Tree,
    meta: sled::Tree,
    /// A [`crate::domain::summary::Summary`] of every case (see `summaries`).
    summaries: sled::Tree,
    gate: backup::Gate,
    /// Set when a change could not be flushed to disk: from then on this
    /// store refuses to save, since what it holds in memory may not be on disk.
    failed: Arc<AtomicBool>,
    /// What saves that failed left in memory; see [`undo::Ghosts`].
    ghosts: Ghosts,
    feed: feed::Feed,
    recovered: Arc<Vec<Recovered>>,
    daily: daily::Daily,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the database in the folder `path`. A new folder
    /// is made readable by its owner only: it holds personal data. Waits while
    /// another process rewrites the database, puts right what an interrupted
    /// rewrite left behind, and makes a new database only where there is no
    /// sign of an old one (see [`place`]).
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            create_private_dir(parent).map_err(|e| StoreError::Open {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })?;
        }
        let mut guard = place::Guard::shared(path)?;
        let mut recovered = Vec::new();
        if place::has_leftovers(path) {
            drop(guard);
            guard = place::Guard::exclusive(path)?;
            recovered = place::recover(path)?;
        }
        let mut store = Store::open_here(path)?;
        drop(guard);
        store.recovered = Arc::new(recovered);
        Ok(store)
    }

    /// Opens the database at `path` without the guard: for the database's
    /// own rewrites, which hold it exclusive, and for backups, which nobody
    /// rewrites.
    pub(crate) fn open_here(path: &Path) -> Result<Store, StoreError> {
        let open_err = |reason: String| StoreError::Open {
            path: path.to_path_buf(),
            reason,
        };
        if place::inspect(path)? == place::Found::Nothing {
            create_private_dir(path).map_err(|e| open_err(e.to_string()))?;
        }
        let db = open_db(path).map_err(|e| match e {
            sled::Error::Io(io) if is_lock_error(&io) => StoreError::InUse {
                path: path.to_path_buf(),
            },
            // What the files hold, not the system under them: damage.
            sled::Error::Corruption { .. } | sled::Error::Unsupported(_) | sled::Error::ReportableBug(_) => {
                StoreError::Damaged {
                    path: path.to_path_buf(),
                    reason: reason(&e),
                }
            }
            sled::Error::Io(ref io) if io.raw_os_error().is_none() => StoreError::Damaged {
                path: path.to_path_buf(),
                reason: reason(&e),
            },
            other => open_err(reason(&other)),
        })?;
        let tree = |name: &str| db.open_tree(name).map_err(|e| open_err(e.to_string()));
        let store = Store {
            path: path.to_path_buf(),
            cases: tree("cases")?,
            events: tree("events")?,
            meta: tree("meta")?,
            summaries: tree("summaries")?,
            gate: backup::Gate::default(),
            failed: Arc::new(AtomicBool::new(false)),
            ghosts: Ghosts::default(),
            feed: feed::Feed::default(),
            recovered: Arc::new(Vec::new()),
            daily: daily::Daily::default(),
            db,
        };
        store.check_format()?;
        store.keep_summaries_current()?;
        Ok(store)
    }

    /// What opening put right of an interrupted rewrite, for the operator.
    pub fn recovered(&self) -> &[Recovered] {
        &self.recovered
    }

    /// Raises each year's case sequence to at least the highest number written
    /// (bulk writes and imports), so that registering goes on from there.
    pub(crate) fn raise_sequences(
        &self,
        highest: std::collections::BTreeMap<u16, u32>,
    ) -> Result<(), StoreError> {
        let write = |e: sled::Error| StoreError::Write(reason(&e));
        for (year, seq) in highest {
            let key = keys::sequence(year);
            let held = self
                .meta
                .get(&key)
                .map_err(write)?
                .and_then(|v| keys::sequence_number(&v))
                .unwrap_or(0);
            if seq > held {
                self.meta.insert(key, &seq.to_be_bytes()).map_err(write)?;
            }
        }
        Ok(())
    }

    /// Refuses to save after a change could not be flushed (see `failed`).
    pub(crate) fn writable(&self) -> Result<(), StoreError> {
        if self.failed.load(Ordering::SeqCst) {
            Err(StoreError::Failed)
        } else {
            Ok(())
        }
    }

    /// Flushes to disk; a failure marks the store as failed.
    pub(crate) fn flush(&self) -> Result<(), StoreError> {
        self.db.flush().map(|_| ()).map_err(|e| {
            self.failed.store(true, Ordering::SeqCst);
            StoreError::NotFlushed(reason(&e))
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Refuses a database written by a newer version; stamps a new or older one.
    fn check_format(&self) -> Result<(), StoreError> {
        let write = |e: sled::Error| StoreError::Write(e.to_string());
        match self.meta.get(keys::FORMAT).map_err(write)? {
            Some(v) => {
                let found = v.first().copied().unwrap_or(0);
                if found > DATABASE_FORMAT {
                    return Err(StoreError::TooNew {
                        path: self.path.clone(),
                        found,
                        supported: DATABASE_FORMAT,
                    });
                }
                // Older records stay as they are and are upgraded on reading;
                // the stamp keeps an older klachtdesk from misreading new
                // ones, and from saving cases without their summaries.
                if found < DATABASE_FORMAT {
                    self.meta
                        .insert(keys::FORMAT, &[DATABASE_FORMAT])
                        .map_err(write)?;
                    self.db.flush().map_err(write)?;
                }
            }
            None => {
                self.meta
                    .insert(keys::FORMAT, &[DATABASE_FORMAT])
                    .map_err(write)?;
                self.db.flush().map_err(write)?;
            }
        }
        Ok(())
    }

    /// Registers a new complaint, giving it the next number of the year.
    pub fn register(&self, intake: &Intake, ctx: &Ctx) -> Result<Case, CommandError> {
        self.register_once(intake, None, ctx)
    }

    /// Registers a new complaint; with `request_id`, only once: a second
    /// registration with the same id answers with the case the first made
    /// (so a caller that got no answer can safely ask again).
    pub fn register_once(
        &self,
        intake: &Intake,
        request_id: Option<&str>,
        ctx: &Ctx,
    ) -> Result<Case, CommandError> {
        self.writable()?;
        self.daily_backup(ctx);
        let request_key = request_id.map(keys::request);
        let year = ctx.rules.policy.local_date(ctx.now).format("%Y").to_string();
        let year: u16 = year.parse().unwrap_or(0);
        let seq_key = keys::sequence(year);
        let _shared = self.gate.shared();
        let attempt = LastAttempt::default();
        let result = (&self.cases, &self.events, &self.meta, &self.summaries).transaction(
            |(cases, events, meta, summaries)| {
                let mut undo = Undo::default();
                if let Some(earlier) = request_key.as_ref().and_then(|k| meta.get(k).transpose()) {
                    let id = keys::request_case(&earlier?).ok_or_else(|| {
                        ConflictableTransactionError::Abort(
                            StoreError::Write("a damaged request record".into()).into(),
                        )
                    })?;
                    let bytes = cases.get(keys::case(id))?.ok_or_else(|| {
                        ConflictableTransactionError::Abort(StoreError::NotFound(id).into())
                    })?;
                    let case: Case = codec::decode(&bytes).map_err(|e| {
                        ConflictableTransactionError::Abort(unreadable("cases", &id, e).into())
                    })?;
                    attempt.keep(&undo);
                    return Ok((case, undo));
                }
                let mut next = meta
                    .get(&seq_key)?
                    .and_then(|v| keys::sequence_number(&v))
                    .map_or(1, |n| n.saturating_add(1));
                // A damaged sequence record must never hand out a number in use;
                // past the year's last number nothing is handed out (no wrapping).
                let last = crate::domain::case::MAX_SEQ;
                while next <= last && cases.get(keys::case(CaseId::new(year, next)))?.is_some() {
                    next += 1;
                }
                if next > last {
                    let used_up = crate::domain::problem::Problem::NumbersUsedUp { year };
                    return Err(ConflictableTransactionError::Abort(CommandError::Refused(
                        used_up.into(),
                    )));
                }
                let id = CaseId::new(year, next);
                let (case, event) = workflow::register(id, intake, ctx)
                    .map_err(|r| ConflictableTransactionError::Abort(CommandError::Refused(r)))?;
                undo.insert(meta, Which::Meta, &seq_key, &next.to_be_bytes())?;
                if let Some(key) = &request_key {
                    undo.insert(meta, Which::Meta, key, &id.as_u64().to_be_bytes())?;
                }
                undo.insert(cases, Which::Cases, &keys::case(id), codec::encode(&case))?;
                undo.insert(
                    summaries,
                    Which::Summaries,
                    &keys::case(id),
                    summaries::encode(&case, Some(event.at)),
                )?;
                undo.insert(
                    events,
                    Which::Events,
                    &keys::event(id, event.seq),
                    codec::encode(&event),
                )?;
                attempt.keep(&undo);
                Ok((case, undo))
            },
        );
        self.finish(result, attempt, |case| vec![Change::Put(Box::new(case.clone()))])
    }

    /// Runs one command on a case: reads it, checks the procedure's guards,
    /// writes the new snapshot and its audit event together, and flushes.
    /// With `expected_version`, refuses when someone else changed the case since.
    pub fn execute(
        &self,
        id: CaseId,
        expected_version: Option<u32>,
        command: &Command,
        ctx: &Ctx,
    ) -> Result<Case, CommandError> {
        self.execute_all(id, expected_version, std::slice::from_ref(command), ctx)
    }

    /// Runs several commands on one case as one: all are saved (each with its
    /// own audit event), or none is.
    ///
    /// With an `expected_version` older than the case's, commands that only
    /// set fields (see [`merge::only_sets_fields`]) run on the case as it is
    /// now, unless someone changed a field they change since: each such field
    /// is then refused as a [`Problem::Conflict`], naming the value that
    /// stands. Setting a field to the value it already has is no conflict.
    /// Other commands on an older version are refused as [`Problem::Stale`].
    /// Saving over a conflict is asking again with the current version.
    pub fn execute_all(
        &self,
        id: CaseId,
        expected_version: Option<u32>,
        commands: &[Command],
        ctx: &Ctx,
    ) -> Result<Case, CommandError> {
        self.writable()?;
        self.daily_backup(ctx);
        let key = keys::case(id);
        let _shared = self.gate.shared();
        let attempt = LastAttempt::default();
        let result =
            (&self.cases, &self.events, &self.summaries).transaction(|(cases, events, summaries)| {
                let mut undo = Undo::default();
                let abort = |e: CommandError| ConflictableTransactionError::Abort(e);
                let bytes = cases
                    .get(key)?
                    .ok_or_else(|| abort(StoreError::NotFound(id).into()))?;
                let mut case: Case =
                    codec::decode(&bytes).map_err(|e| abort(unreadable("cases", &id, e).into()))?;
                // On an older version: what others saved since, and the case now.
                let merging = match expected_version.filter(|v| *v != case.version) {
                    None => None,
                    Some(expected) => {
                        let stale = Problem::Stale {
                            expected,
                            found: case.version,
                        };
                        let since = Store::changes_since(events, &case, expected, commands)?
                            .ok_or_else(|| abort(CommandError::Refused(stale.into())))?;
                        Some((since, case.clone()))
                    }
                };
                let mut written = Vec::with_capacity(commands.len());
                for command in commands {
                    let done = match command {
                        Command::Undo { seq } if commands.len() == 1 => {
                            Store::take_back(events, &case, *seq, ctx)?
                        }
                        command => workflow::apply(&case, command, ctx),
                    };
                    let (next, event) = done.map_err(|r| abort(r.into()))?;
                    written.push(event);
                    case = next;
                }
                if let Some((since, now)) = merging {
                    let conflicts = merge::conflicts(&merge::changed_fields(&now, &case), &since);
                    if !conflicts.is_empty() {
                        return Err(abort(CommandError::Refused(Refusal(conflicts))));
                    }
                }
                for event in &written {
                    undo.insert(
                        events,
                        Which::Events,
                        &keys::event(id, event.seq),
                        codec::encode(event),
                    )?;
                }
                undo.insert(cases, Which::Cases, &key, codec::encode(&case))?;
                let record = summaries::encode(&case, written.last().map(|e| e.at));
                undo.insert(summaries, Which::Summaries, &key, record)?;
                attempt.keep(&undo);
                Ok((case, undo))
            });
        self.finish(result, attempt, |case| vec![Change::Put(Box::new(case.clone()))])
    }

    /// The audit events saved after version `expected` of `case`, oldest
    /// first, when `commands` may run on the case as it is now (they only set
    /// fields); `None` when they may not, or when the trail does not tell what
    /// changed (a version from the future, a missing event).
    fn changes_since(
        events: &TransactionalTree,
        case: &Case,
        expected: u32,
        commands: &[Command],
    ) -> Result<Option<Vec<Event>>, ConflictableTransactionError<CommandError>> {
        if expected > case.version || !commands.iter().all(merge::only_sets_fields) {
            return Ok(None);
        }
        let mut since = Vec::new();
        for seq in expected + 1..=case.version {
            let key = keys::event(case.id, seq);
            let Some(bytes) = events.get(key)? else {
                return Ok(None);
            };
            let unreadable = |e| unreadable("events", &keys::describe_event(&key), e).into();
            since
                .push(codec::decode(&bytes).map_err(|e| ConflictableTransactionError::Abort(unreadable(e)))?);
        }
        Ok(Some(since))
    }

    /// Commits are only reported once they are on disk, and only then told
    /// to the change feed (`changed` names what changed). One that cannot be
    /// flushed is taken back out of the running store before the failure is
    /// reported, so that what the operator is told is what holds; and where
    /// sled will not take it back, reads see past it (see [`undo::Ghosts`]).
    fn finish<T>(
        &self,
        result: Result<(T, Undo), TransactionError<CommandError>>,
        last: LastAttempt,
        changed: impl FnOnce(&T) -> Vec<Change>,
    ) -> Result<T, CommandError> {
        let (value, undo) = match result {
            Ok(done) => done,
            Err(TransactionError::Abort(e)) => return Err(e),
            Err(TransactionError::Storage(e)) => {
                // sled may hold the attempt in memory after an I/O error:
                // read past it, take it back where sled lets us, save no more.
                self.failed.store(true, Ordering::SeqCst);
                let undo = last.take();
                self.ghosts.record(&undo);
                self.roll_back(&undo);
                return Err(StoreError::Write(reason(&e)).into());
            }
        };
        if let Err(e) = self.flush() {
            self.ghosts.record(&undo);
            self.roll_back(&undo);
            return Err(e.into());
        }
        self.feed.publish(changed(&value));
        Ok(value)
    }

    /// Every change made through this store (and its clones) from now on,
    /// once it is on disk.
    pub fn subscribe(&self) -> Subscription {
        self.feed.subscribe()
    }

    /// The number of the last change told to the feed.
    pub fn change_number(&self) -> u64 {
        self.feed.number()
    }

    /// Tells the feed of changes written outside [`Store::finish`] (imports).
    pub(crate) fn publish(&self, changes: impl IntoIterator<Item = Change>) {
        self.feed.publish(changes);
    }

    /// One case as it stands now.
    pub fn get(&self, id: CaseId) -> Result<Case, StoreError> {
        let key = keys::case(id);
        let bytes = match self.ghosts.get(Which::Cases, &key) {
            Some(on_disk) => on_disk,
            None => self
                .cases
                .get(key)
                .map_err(|e| StoreError::Write(e.to_string()))?,
        }
        .ok_or(StoreError::NotFound(id))?;
        codec::decode(&bytes).map_err(|e| unreadable("cases", &id, e))
    }

    /// Every case, in case-number order; records that do not decode are reported
    /// beside them rather than making the rest unreadable.
    pub fn load(&self) -> Loaded {
        // On every core: at 100,000 cases reading and decoding is most of
        // what opening the board takes.
        let mut loaded = self.read_all();
        self.see_past_ghosts(&mut loaded);
        loaded
    }

    /// Puts back, in what was read, the cases as they are on disk where a
    /// failed save left them changed in memory.
    fn see_past_ghosts(&self, loaded: &mut Loaded) {
        for (key, on_disk) in self.ghosts.of(Which::Cases) {
            let Some(id) = <[u8; 8]>::try_from(key.as_slice())
                .ok()
                .and_then(|b| CaseId::from_u64(u64::from_be_bytes(b)))
            else {
                continue;
            };
            let at = loaded.cases.binary_search_by_key(&id, |c| c.id);
            let case = on_disk.and_then(|bytes| codec::decode::<Case>(&bytes).ok());
            match (at, case) {
                (Ok(i), Some(case)) => loaded.cases[i] = case,
                (Ok(i), None) => {
                    loaded.cases.remove(i);
                }
                (Err(i), Some(case)) => loaded.cases.insert(i, case),
                (Err(_), None) => {}
            }
        }
    }

    /// A case's audit trail, oldest first.
    pub fn events(&self, id: CaseId) -> Result<Vec<Event>, StoreError> {
        self.events
            .scan_prefix(keys::case(id))
            .filter_map(|item| match item {
                // An event a failed save wrote is not on disk.
                Ok((key, _)) if matches!(self.ghosts.get(Which::Events, &key), Some(None)) => None,
                Ok((key, bytes)) => Some(
                    codec::decode(&bytes).map_err(|e| unreadable("events", &keys::describe_event(&key), e)),
                ),
                Err(e) => Some(Err(StoreError::Write(e.to_string()))),
            })
            .collect()
    }

    /// Every readable case with its audit trail, in case-number order, for
    /// reports. Unreadable records are left out (`load` reports them).
    pub fn history(&self) -> Vec<(Case, Vec<Event>)> {
        self.load()
            .cases
            .into_iter()
            .map(|case| {
                let events = self.events(case.id).unwrap_or_default();
                (case, events)
            })
            .collect()
    }

    /// How many cases the database holds.
    pub fn len(&self) -> usize {
        let ghosts = self.ghosts.of(Which::Cases);
        let in_memory = self.cases.len();
        // Cases a failed save registered are not on disk.
        let registered = ghosts.iter().filter(|(_, on_disk)| on_disk.is_none()).count();
        in_memory - registered.min(in_memory)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// How long opening waits for a lock that this process itself may still hold:
/// sled's background threads let go of a just-closed database a moment later.
const LOCK_GRACE: std::time::Duration = std::time::Duration::from_millis(400);

/// A sled error as words: its I/O errors by their message, not their debug form.
pub(crate) fn reason(e: &sled::Error) -> String {
    match e {
        sled::Error::Io(io) => match io.raw_os_error() {
            Some(code) => std::io::Error::from_raw_os_error(code).to_string(),
            None if io.kind() != std::io::ErrorKind::Other => io.kind().to_string(),
            None => io.to_string(),
        },
        other => other.to_string(),
    }
}

/// sled writes a snapshot as `snap.<n>.generating` and renames it when done;
/// a process killed in between leaves one behind that sled 0.34 then mistakes
/// for the newest snapshot and cannot read (sled#1527). When nobody holds the
/// database, such leftovers are safe to remove: the log has everything.
fn remove_stale_snapshots(path: &Path) -> bool {
    let Ok(entries) = fs::read_dir(path) else {
        return false;
    };
    let stale: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            name.starts_with("snap.") && name.ends_with(".generating")
        })
        .collect();
    if stale.is_empty() {
        return false;
    }
    let Ok(lock) = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path.join("db"))
    else {
        return false;
    };
    if lock.try_lock().is_err() {
        return false;
    }
    stale.iter().all(|p| fs::remove_file(p).is_ok())
}

pub(crate) fn open_db(path: &Path) -> sled::Result<sled::Db> {
    let started = std::time::Instant::now();
    let mut cleaned = false;
    loop {
        match sled::Config::new().path(path).cache_capacity(CACHE_BYTES).open() {
            Err(sled::Error::Io(io)) if is_lock_error(&io) && started.elapsed() < LOCK_GRACE => {
                std::thread::sleep(std::time::Duration::from_millis(25));
            }
            Err(e) if !cleaned && !matches!(&e, sled::Error::Io(io) if is_lock_error(io)) => {
                cleaned = true;
                if !remove_stale_snapshots(path) {
                    return Err(e);
                }
            }
            other => return other,
        }
    }
}

/// sled's page cache; its default (1 GiB) is far more than a desk needs. The
/// desk holds the queue itself and reads single cases: the cache only has
/// to keep what a few saves touch, and a sweep (the descriptions, a backup)
/// must not leave a hundred megabytes behind.
const CACHE_BYTES: u64 = 16 * 1024 * 1024;

fn is_lock_error(io: &std::io::Error) -> bool {
    io.to_string().contains("could not acquire lock")
}

pub(crate) fn unreadable(tree: &'static str, key: &dyn std::fmt::Display, e: CodecError) -> StoreError {
    StoreError::Unreadable {
        tree,
        key: key.to_string(),
        reason: e.to_string(),
    }
}

#[cfg(unix)]
pub(crate) fn create_private_dir(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    if path.is_dir() {
        return Ok(());
    }
    fs::DirBuilder::new().recursive(true).mode(0o700).create(path)?;
    fs::set_permissions(path, fs::Permissions::from_mode(0o700))
}

#[cfg(not(unix))]
pub(crate) fn create_private_dir(path: &Path) -> std::io::Result<()> {
    fs::create_dir_all(path)
}

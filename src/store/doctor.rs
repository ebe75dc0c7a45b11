//! Checking the database, and repairing what can be repaired safely
//! (`klachtdesk doctor`, which words what is found).
//!
//! - Opening: a database sled cannot open because its snapshot file is
//!   damaged opens once the snapshot is set aside — sled then rebuilds it from
//!   its log, which holds every record. The snapshot is moved into a folder
//!   beside the database, never removed, and put back if that did not help.
//! - Every record of every tree must decode; each that does not is named.
//! - Every case's audit trail, played again (`exchange::replay`, as an import
//!   checks it), must lead to its snapshot, with no event missing.
//! - Every snapshot must have its summary, as made of it now, and every
//!   summary a snapshot; when not, the summaries are made anew.
//!
//! Needs the database to itself: it holds the guard exclusive, as a restore does.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use sled::IVec;

use super::backup::{BackupError, parent_of, set_aside_path};
use super::place::{self, Found, Guard, Recovered};
use super::{Store, StoreError, archive, codec, create_private_dir, keys, summaries};
use crate::domain::case::{Case, CaseId};
use crate::domain::event::Event;
use crate::domain::service::Catalogue;
use crate::domain::workflow::Rules;
use crate::exchange::replay::verify;
use crate::exchange::{CaseTrail, TrailProblem};

/// Something the doctor did or found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// Repaired: sled could not open the database; with these snapshot files
    /// set aside into `to`, it opened, rebuilt from its log.
    SnapshotSetAside { files: Vec<PathBuf>, to: PathBuf },
    /// Repaired: what an interrupted rewrite left was put right.
    Recovered(Recovered),
    /// There is no database at the path.
    NoDatabase,
    /// The database cannot be opened, even without its snapshot.
    Unopenable(StoreError),
    /// A rewrite was interrupted and what it left could not be put right.
    Leftover { leftover: PathBuf, reason: String },
    /// A record that does not decode (`key` as a case number or event).
    Unreadable {
        tree: String,
        key: String,
        reason: String,
    },
    /// Events missing from a case's audit trail.
    Gaps { case: CaseId, missing: Vec<u32> },
    /// Events of a case that is not in the database.
    Orphans { case: String, events: usize },
    /// The audit trail does not lead to the snapshot.
    Disagrees { case: CaseId, problem: TrailProblem },
    /// Cases the newest backup holds and the database does not: lost since
    /// (cases are never removed), e.g. with a damaged log sled rebuilt from.
    Lost { backup: PathBuf, cases: Vec<CaseId> },
    /// The newest backup could not be read to compare with.
    BackupUnreadable(BackupError),
    /// Repaired: the summaries of these cases (as case numbers) were wrong
    /// or missing, or had no case; every summary was made anew.
    SummariesMadeAnew { cases: Vec<String> },
}

impl Finding {
    /// Whether this is something put right rather than a problem that remains.
    pub fn is_repair(&self) -> bool {
        matches!(
            self,
            Finding::SnapshotSetAside { .. } | Finding::Recovered(_) | Finding::SummariesMadeAnew { .. }
        )
    }
}

/// What a check found, and how much it looked at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checkup {
    pub findings: Vec<Finding>,
    pub cases: usize,
    pub events: usize,
}

impl Checkup {
    /// How many problems remain.
    pub fn problems(&self) -> usize {
        self.findings.iter().filter(|f| !f.is_repair()).count()
    }
}

impl Store {
    /// Checks the database at `path` and repairs what can be repaired safely
    /// (see the module's documentation); `rules` and `now` as for an import.
    /// With `newest_backup` (a backup file), also names every case it holds
    /// that the database lacks. Fails only when the database cannot be had
    /// to itself (in use, being rewritten) or is no database at all.
    pub fn doctor(
        path: &Path,
        rules: &Rules,
        now: DateTime<Utc>,
        newest_backup: Option<&Path>,
    ) -> Result<Checkup, StoreError> {
        let _guard = Guard::exclusive(path)?;
        let mut checkup = Checkup::default();
        match place::recover(path) {
            Ok(done) => checkup.findings.extend(done.into_iter().map(Finding::Recovered)),
            Err(StoreError::Leftover { leftover, reason, .. }) => {
                checkup.findings.push(Finding::Leftover { leftover, reason });
            }
            Err(e) => return Err(e),
        }
        match place::inspect(path) {
            Ok(Found::Database) => {}
            Ok(Found::Nothing) => {
                checkup.findings.push(Finding::NoDatabase);
                return Ok(checkup);
            }
            Err(e @ StoreError::Damaged { .. }) => {
                checkup.findings.push(Finding::Unopenable(e));
                return Ok(checkup);
            }
            Err(e) => return Err(e),
        }
        let store = match Store::open_here(path) {
            Ok(store) => store,
            Err(e @ (StoreError::Damaged { .. } | StoreError::Open { .. })) => {
                match reopen_without_snapshot(path, now, e)? {
                    Ok((store, repaired)) => {
                        checkup.findings.push(repaired);
                        store
                    }
                    Err(e) => {
                        checkup.findings.push(Finding::Unopenable(e));
                        return Ok(checkup);
                    }
                }
            }
            Err(e) => return Err(e),
        };
        store.check(rules, now, &mut checkup)?;
        if let Some(backup) = newest_backup {
            match store.cases_missing_from(backup) {
                Ok(lost) if lost.is_empty() => {}
                Ok(lost) => checkup.findings.push(Finding::Lost {
                    backup: backup.to_path_buf(),
                    cases: lost,
                }),
                Err(e) => checkup.findings.push(Finding::BackupUnreadable(e)),
            }
        }
        Ok(checkup)
    }

    /// The cases the backup file at `backup` holds that this database does not.
    fn cases_missing_from(&self, backup: &Path) -> Result<Vec<CaseId>, BackupError> {
        let mut lost = Vec::new();
        archive::read(backup, &mut |tree, key, _| {
            if tree == b"cases" && !self.cases.contains_key(key).map_err(|e| self.read_failed(&e))? {
                lost.extend(
                    <[u8; 8]>::try_from(key)
                        .ok()
                        .and_then(|k| CaseId::from_u64(u64::from_be_bytes(k))),
                );
            }
            Ok(())
        })?;
        Ok(lost)
    }

    fn check(&self, rules: &Rules, now: DateTime<Utc>, checkup: &mut Checkup) -> Result<(), StoreError> {
        let rules = with_services_in_use(rules, self)?;
        let mut events = Events::new(self)?;
        let mut queue = Queue::new(&rules, now);
        for item in self.cases.iter() {
            let (key, value) = item.map_err(|e| self.read_failed(&e))?;
            checkup.cases += 1;
            while let Some(case) = events.next_case().filter(|case| case[..] < key[..]) {
                queue.found(events.orphans(&case, checkup)?);
            }
            let mut trail = Vec::new();
            let mut whole = true;
            for (event_key, event_value) in events.take(&key)? {
                checkup.events += 1;
                match codec::decode::<Event>(&event_value) {
                    Ok(event) => trail.push(event),
                    Err(e) => {
                        whole = false;
                        queue.found(unreadable("events", keys::describe_event(&event_key), &e));
                    }
                }
            }
            match codec::decode::<Case>(&value) {
                Ok(case) if keys::case(case.id)[..] != key[..] => queue.found(Finding::Unreadable {
                    tree: "cases".into(),
                    key: keys::describe_case(&key),
                    reason: format!("it holds case {}", case.id),
                }),
                Ok(case) if whole => queue.trail(case, trail, &mut checkup.findings),
                Ok(_) => {}
                Err(e) => queue.found(unreadable("cases", keys::describe_case(&key), &e)),
            }
        }
        while let Some(case) = events.next_case() {
            queue.found(events.orphans(&case, checkup)?);
        }
        queue.flush(&mut checkup.findings);
        self.check_summaries(checkup)?;
        self.check_meta(checkup)?;
        for (key, decoded) in self.writing_records()? {
            if let Err(e) = decoded {
                checkup
                    .findings
                    .push(unreadable("writings", format!("{key:02x?}"), &e));
            }
        }
        Ok(())
    }

    /// Whether every snapshot has the summary made of it, and every summary
    /// a snapshot; makes them anew when not. A snapshot that does not decode
    /// (named already) keeps the summary it has.
    fn check_summaries(&self, checkup: &mut Checkup) -> Result<(), StoreError> {
        let failed = |e: sled::Error| self.read_failed(&e);
        let mut wrong = Vec::new();
        for item in self.cases.iter() {
            let (key, value) = item.map_err(failed)?;
            let held = self.summaries.get(&key).map_err(failed)?;
            let expected = self.record_of(&key, &value);
            let right = match held {
                None => false,
                Some(_) if expected == summaries::UNDECODED => true,
                Some(held) => held[..] == expected[..],
            };
            if !right {
                wrong.push(key);
            }
        }
        for key in self.summaries.iter().keys() {
            let key = key.map_err(failed)?;
            if &key[..] != summaries::STAMP && !self.cases.contains_key(&key).map_err(failed)? {
                wrong.push(key);
            }
        }
        if wrong.is_empty() {
            return Ok(());
        }
        wrong.sort();
        self.rebuild_summaries()?;
        checkup.findings.push(Finding::SummariesMadeAnew {
            cases: wrong.iter().map(|key| keys::describe_case(key)).collect(),
        });
        Ok(())
    }

    /// The format stamp and each year's sequence.
    fn check_meta(&self, checkup: &mut Checkup) -> Result<(), StoreError> {
        for item in self.meta.iter() {
            let (key, value) = item.map_err(|e| self.read_failed(&e))?;
            let bad = if &key[..] == keys::FORMAT {
                value.len() != 1
            } else if key.starts_with(b"seq/") {
                keys::sequence_number(&value).is_none()
            } else {
                false
            };
            if bad {
                checkup.findings.push(Finding::Unreadable {
                    tree: "meta".into(),
                    key: String::from_utf8_lossy(&key).into_owned(),
                    reason: format!("{} bytes", value.len()),
                });
            }
        }
        Ok(())
    }
}

/// The audit trails, read alongside the cases: both are in case-number order.
struct Events<'a> {
    store: &'a Store,
    iter: sled::Iter,
    pending: Option<(IVec, IVec)>,
}

impl<'a> Events<'a> {
    fn new(store: &'a Store) -> Result<Self, StoreError> {
        let mut events = Events {
            store,
            iter: store.events.iter(),
            pending: None,
        };
        events.advance()?;
        Ok(events)
    }

    fn advance(&mut self) -> Result<(), StoreError> {
        self.pending = self
            .iter
            .next()
            .transpose()
            .map_err(|e| self.store.read_failed(&e))?;
        Ok(())
    }

    /// The case key of the next event (the whole key if it is too short).
    fn next_case(&self) -> Option<Vec<u8>> {
        let (key, _) = self.pending.as_ref()?;
        Some(key.get(..8).unwrap_or(key).to_vec())
    }

    /// The events of the case with key `case`, taken from the stream.
    fn take(&mut self, case: &[u8]) -> Result<Vec<(IVec, IVec)>, StoreError> {
        let mut taken = Vec::new();
        while self.next_case().is_some_and(|next| next == case) {
            taken.extend(self.pending.take());
            self.advance()?;
        }
        Ok(taken)
    }

    /// Takes the events of `case`, which is not in the database, and says so.
    fn orphans(&mut self, case: &[u8], checkup: &mut Checkup) -> Result<Finding, StoreError> {
        let count = self.take(case)?.len();
        checkup.events += count;
        Ok(Finding::Orphans {
            case: keys::describe_case(case),
            events: count,
        })
    }
}

/// Audit trails waiting to be played again, with what was found of the cases
/// between them, in case-number order. Played again on every core: at
/// 100,000 cases that is most of what the doctor does.
struct Queue<'a> {
    rules: &'a Rules,
    now: DateTime<Utc>,
    waiting: Vec<Queued>,
}

enum Queued {
    Found(Finding),
    Trail(Box<Case>, Vec<Event>),
}

/// Trails played again at a time: bounds what is held in memory.
const BATCH: usize = 4096;

impl<'a> Queue<'a> {
    fn new(rules: &'a Rules, now: DateTime<Utc>) -> Self {
        Queue {
            rules,
            now,
            waiting: Vec::new(),
        }
    }

    fn found(&mut self, finding: Finding) {
        self.waiting.push(Queued::Found(finding));
    }

    fn trail(&mut self, case: Case, trail: Vec<Event>, findings: &mut Vec<Finding>) {
        self.waiting.push(Queued::Trail(Box::new(case), trail));
        if self.waiting.len() >= BATCH {
            self.flush(findings);
        }
    }

    /// Plays the waiting trails again; adds what was found, in order.
    fn flush(&mut self, findings: &mut Vec<Finding>) {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let per_thread = self.waiting.len().div_ceil(threads).max(1);
        let mut parts = Vec::new();
        while !self.waiting.is_empty() {
            let rest = self.waiting.split_off(per_thread.min(self.waiting.len()));
            parts.push(std::mem::replace(&mut self.waiting, rest));
        }
        let (rules, now) = (self.rules, self.now);
        let found: Vec<Vec<Finding>> = std::thread::scope(|scope| {
            let handles: Vec<_> = parts
                .into_iter()
                .map(|part| {
                    scope.spawn(move || {
                        let mut found = Vec::new();
                        for queued in part {
                            match queued {
                                Queued::Found(finding) => found.push(finding),
                                Queued::Trail(case, trail) => {
                                    found.extend(check_trail(*case, trail, rules, now))
                                }
                            }
                        }
                        found
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
                .collect()
        });
        findings.extend(found.into_iter().flatten());
    }
}

fn unreadable(tree: &str, key: String, e: &codec::CodecError) -> Finding {
    Finding::Unreadable {
        tree: tree.into(),
        key,
        reason: e.to_string(),
    }
}

/// The desk's rules, with every service a case names in the catalogue: a
/// service the desk no longer offers was offered when the case came in.
fn with_services_in_use(rules: &Rules, store: &Store) -> Result<Rules, StoreError> {
    let mut services: BTreeSet<String> = BTreeSet::new();
    for item in store.cases.iter() {
        let (_, value) = item.map_err(|e| store.read_failed(&e))?;
        if let Ok(case) = codec::decode::<Case>(&value) {
            services.insert(case.service);
        }
    }
    let mut all = rules.services.services().to_vec();
    all.extend(
        services
            .into_iter()
            .filter(|s| rules.services.resolve(s).is_err()),
    );
    Ok(Rules {
        policy: rules.policy.clone(),
        services: Catalogue::new(all),
    })
}

/// The events missing from the trail, or else whether it leads to the case.
fn check_trail(case: Case, trail: Vec<Event>, rules: &Rules, now: DateTime<Utc>) -> Option<Finding> {
    let present: BTreeSet<u32> = trail.iter().map(|e| e.seq).collect();
    let missing: Vec<u32> = (1..=case.version).filter(|seq| !present.contains(seq)).collect();
    let id = case.id;
    if !missing.is_empty() {
        return Some(Finding::Gaps { case: id, missing });
    }
    verify(CaseTrail { case, events: trail }, rules, now)
        .err()
        .map(|problem| Finding::Disagrees { case: id, problem })
}

/// Sets the database's snapshot files aside into a new folder beside it and
/// opens it again; if it still does not open, puts them back and gives the
/// error (`opening`, when there is no snapshot to set aside). The outer error
/// is one with the files themselves: they could not be moved.
fn reopen_without_snapshot(
    path: &Path,
    now: DateTime<Utc>,
    opening: StoreError,
) -> Result<Result<(Store, Finding), StoreError>, StoreError> {
    let failed = |e: std::io::Error| StoreError::Write(e.to_string());
    let snapshots: Vec<PathBuf> = fs::read_dir(path)
        .map_err(failed)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("snap."))
        })
        .collect();
    if snapshots.is_empty() {
        return Ok(Err(opening));
    }
    let aside = set_aside_path(path, "doctor", now);
    create_private_dir(&aside).map_err(failed)?;
    let mut moved = Vec::new();
    for file in &snapshots {
        let to = aside.join(file.file_name().unwrap_or_default());
        fs::rename(file, &to).map_err(failed)?;
        moved.push((file.clone(), to));
    }
    place::sync_dir(path).map_err(failed)?;
    place::sync_dir(&parent_of(path)).map_err(failed)?;
    match Store::open_here(path) {
        Ok(store) => Ok(Ok((
            store,
            Finding::SnapshotSetAside {
                files: moved.into_iter().map(|(_, to)| to).collect(),
                to: aside,
            },
        ))),
        Err(e) => {
            for (from, to) in &moved {
                if fs::symlink_metadata(from).is_err() {
                    fs::rename(to, from).map_err(failed)?;
                }
            }
            // Removed only when empty: everything went back.
            let _ = fs::remove_dir(&aside);
            Ok(Err(e))
        }
    }
}

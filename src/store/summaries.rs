//! The summaries: a [`Summary`] of every case in a tree of its own, under the
//! case's key, written in the same transaction as the snapshot, so that the
//! board and `list` read a queue of 100,000 cases without decoding one case.
//!
//! Each record holds the summary, then the last moment the case concerns
//! (its last audit event, or a later promise's moment: what picks the cases
//! a report of a period needs, without reading one case), then the
//! description (for the search).
//!
//! The tree holds a stamp with the [`SUMMARY_VERSION`] and the [`LAYOUT`] it
//! was made for, under a key no case has (case keys are 8 bytes). Opening a store whose stamp is
//! missing or of another version makes the summaries anew from the snapshots.
//! Writes that are no transaction (imports, bulk writes) take the stamp away
//! until they are done and on disk, so that one cut short is made good on
//! the next open; copies that leave the summaries out (backups) have no stamp.

use sled::IVec;

use super::bulk::read_parallel;
use super::undo::Which;
use super::{Store, StoreError, codec, keys, unreadable};
use chrono::{DateTime, Utc};

use crate::domain::case::{Case, CaseId};
use crate::domain::event::Event;
use crate::domain::summary::{SUMMARY_VERSION, Summary};

/// Where the tree says which version of summaries it holds.
pub(super) const STAMP: &[u8] = b"summary-version";

/// How a record is laid out around the summary. Layout 2: the last moment
/// the case concerns between the summary and the description.
const LAYOUT: u8 = 2;

/// The stamp's value: the summaries' version and the records' layout.
const CURRENT: [u8; 2] = [SUMMARY_VERSION, LAYOUT];

/// A summary record as it is stored: the summary, the last moment the case
/// concerns in microseconds (`None` when it has no event), the description.
type Stored = (Summary, Option<i64>, String);

/// What a snapshot that did not decode has in the tree instead of a summary:
/// it is still reported (by reading the snapshot again), not left out.
pub(super) const UNDECODED: &[u8] = &[];

/// Snapshots summarised per sled batch when the tree is made anew.
const BATCH: usize = 10_000;

/// Cases with their audit trails, and what could not be read.
#[derive(Debug, Default)]
pub struct History {
    pub trails: Vec<(Case, Vec<Event>)>,
    pub unreadable: Vec<StoreError>,
}

/// Every summary read from the database, and what could not be read.
#[derive(Debug, Default)]
pub struct LoadedSummaries {
    pub summaries: Vec<Summary>,
    pub unreadable: Vec<StoreError>,
}

/// The summary record of `case`, whose last audit event was recorded at
/// `changed`: its summary, the last moment it concerns, and its description
/// (for the search, read without the rest of the case; reading the board's
/// summaries stops before it). The last moment is that of its last event,
/// or a promise's moment when one is due later: a report of the period that
/// promise falls in counts it, whenever the case last changed.
pub(super) fn encode(case: &Case, changed: Option<DateTime<Utc>>) -> Vec<u8> {
    let latest = changed.map(|at| case.promises.iter().map(|p| p.due).fold(at, DateTime::max));
    let latest = latest.map(|at| at.timestamp_micros());
    codec::encode(&(Summary::of(case), latest, &case.description))
}

/// The summary in a summary record, without the rest.
pub(super) fn decode_summary(bytes: &[u8]) -> Result<Summary, codec::CodecError> {
    codec::decode_leading::<Stored, Summary, Summary>(bytes, |summary| summary, |(summary, ..)| summary)
}

/// The summary in a summary record and when its case last changed (`None`
/// when that is not known).
fn decode_changed(bytes: &[u8]) -> Result<(Summary, Option<DateTime<Utc>>), codec::CodecError> {
    let at = |micros: Option<i64>| micros.and_then(DateTime::from_timestamp_micros);
    codec::decode_leading::<Stored, (Summary, Option<i64>), _>(
        bytes,
        |(summary, changed)| (summary, at(changed)),
        |(summary, changed, _)| (summary, at(changed)),
    )
}

/// The case number and description in a summary record.
pub(super) fn decode_description(bytes: &[u8]) -> Result<(CaseId, String), codec::CodecError> {
    codec::decode::<Stored>(bytes).map(|(summary, _, description)| (summary.id, description))
}

fn case_id(key: &[u8]) -> Option<CaseId> {
    <[u8; 8]>::try_from(key)
        .ok()
        .and_then(|b| CaseId::from_u64(u64::from_be_bytes(b)))
}

impl Store {
    /// The record the summaries tree holds for the snapshot `bytes` at `key`.
    pub(super) fn record_of(&self, key: &[u8], bytes: &[u8]) -> Vec<u8> {
        match codec::decode::<Case>(bytes) {
            Ok(case) => encode(&case, self.last_changed(key)),
            Err(_) => UNDECODED.to_vec(),
        }
    }

    /// When the last audit event of the case at `key` was recorded, if one
    /// reads: its first three fields (case, number, moment), not the rest.
    fn last_changed(&self, key: &[u8]) -> Option<DateTime<Utc>> {
        let (_, bytes) = self.events.scan_prefix(key).next_back()?.ok()?;
        let micros = codec::decode_leading::<Event, (CaseId, u32, i64), i64>(
            &bytes,
            |(_, _, at)| at,
            |event| event.at.timestamp_micros(),
        );
        micros.ok().and_then(DateTime::from_timestamp_micros)
    }

    /// Makes the summaries anew unless the stamp says they are current: one
    /// read when they are.
    pub(super) fn keep_summaries_current(&self) -> Result<(), StoreError> {
        let write = |e: sled::Error| StoreError::Write(super::reason(&e));
        if self.summaries.get(STAMP).map_err(write)?.as_deref() == Some(&CURRENT[..]) {
            return Ok(());
        }
        self.rebuild_summaries()
    }

    /// Makes every summary anew from the snapshots, removes those of no
    /// snapshot, stamps the tree and flushes once.
    pub(super) fn rebuild_summaries(&self) -> Result<(), StoreError> {
        let write = |e: sled::Error| StoreError::Write(super::reason(&e));
        self.summaries.remove(STAMP).map_err(write)?;
        // Decoding is most of the work: on every core, as loading does.
        let made = read_parallel(&self.cases, &|key, bytes| {
            Ok(Some((IVec::from(key), self.record_of(key, bytes))))
        });
        let mut stray = sled::Batch::default();
        for key in self.summaries.iter().keys() {
            let key = key.map_err(write)?;
            if !self.cases.contains_key(&key).map_err(write)? {
                stray.remove(key);
            }
        }
        self.summaries.apply_batch(stray).map_err(write)?;
        for chunk in made.items.chunks(BATCH) {
            let mut batch = sled::Batch::default();
            for (key, record) in chunk {
                batch.insert(key, record.as_slice());
            }
            self.summaries.apply_batch(batch).map_err(write)?;
        }
        self.stamp_summaries()?;
        self.db.flush().map_err(write)?;
        Ok(())
    }

    /// Takes the stamp away, on disk, before writes that are no transaction.
    pub(super) fn unstamp_summaries(&self) -> Result<(), StoreError> {
        let write = |e: sled::Error| StoreError::Write(super::reason(&e));
        self.summaries.remove(STAMP).map_err(write)?;
        self.db.flush().map_err(write)?;
        Ok(())
    }

    /// Stamps the summaries as current (flushed with the writes it ends).
    pub(super) fn stamp_summaries(&self) -> Result<(), StoreError> {
        self.summaries
            .insert(STAMP, &CURRENT)
            .map_err(|e| StoreError::Write(super::reason(&e)))?;
        Ok(())
    }

    /// Every case in brief, in case-number order; records that do not decode
    /// are reported beside them. Reads no snapshot (but those that did not
    /// decode when their summary was made, to say why).
    pub fn summaries(&self) -> LoadedSummaries {
        let decoded = read_parallel(&self.summaries, &|key, bytes| self.summary_from(key, bytes));
        // The stamp decodes to nothing, and is left out.
        let mut loaded = LoadedSummaries {
            summaries: decoded.items,
            unreadable: decoded.unreadable,
        };
        self.see_past_summary_ghosts(&mut loaded);
        loaded
    }

    /// The cases a report of a period that starts at `start` needs, with
    /// their audit trails, in case-number order: every case open now, and
    /// every case received or changed from `start` on, or with a promise due
    /// from then. A case closed before `start`, untouched since and with
    /// nothing due after counts in no figure of the period (each counts
    /// what happened or fell due in it, or what was open at its end), so it
    /// is not read. Unreadable records are left out (`load` reports them).
    pub fn history_since(&self, start: DateTime<Utc>) -> History {
        let chosen = read_parallel(&self.summaries, &|key, bytes| {
            let Some(id) = case_id(key) else {
                return Ok(None);
            };
            // Where a failed save left a summary changed in memory, the one
            // on disk says whether the case is needed.
            let bytes = match self.ghosts.get(Which::Summaries, key) {
                Some(Some(on_disk)) => on_disk,
                Some(None) => return Ok(None),
                None => IVec::from(bytes),
            };
            let needed = match decode_changed(&bytes) {
                Ok((summary, changed)) => {
                    summary.is_open()
                        || summary.complained_at >= start
                        || changed.is_none_or(|at| at >= start)
                }
                // The case is read to know.
                Err(_) => true,
            };
            Ok(needed.then_some(id))
        });
        let mut history = History::default();
        for id in chosen.items {
            let read = self.get(id).and_then(|case| Ok((case, self.events(id)?)));
            match read {
                Ok(trail) => history.trails.push(trail),
                // A summary of no case (a stray that `doctor` removes).
                Err(StoreError::NotFound(_)) => {}
                Err(e) => history.unreadable.push(e),
            }
        }
        history
    }

    /// The summary in the record at `key`: `None` for the stamp.
    fn summary_from(&self, key: &[u8], bytes: &[u8]) -> Result<Option<Summary>, StoreError> {
        let Some(id) = case_id(key) else {
            return Ok(None);
        };
        if bytes == UNDECODED {
            return self.get(id).map(|case| Some(Summary::of(&case)));
        }
        decode_summary(bytes)
            .map(Some)
            .map_err(|e| unreadable("summaries", &keys::describe_case(key), e))
    }

    /// Puts back, in what was read, the summaries as they are on disk where
    /// a failed save left them changed in memory.
    fn see_past_summary_ghosts(&self, loaded: &mut LoadedSummaries) {
        for (key, on_disk) in self.ghosts.of(Which::Summaries) {
            let Some(id) = case_id(&key) else {
                continue;
            };
            let at = loaded.summaries.binary_search_by_key(&id, |s| s.id);
            let summary = on_disk.and_then(|bytes| self.summary_from(&key, &bytes).ok().flatten());
            match (at, summary) {
                (Ok(i), Some(summary)) => loaded.summaries[i] = summary,
                (Ok(i), None) => {
                    loaded.summaries.remove(i);
                }
                (Err(i), Some(summary)) => loaded.summaries.insert(i, summary),
                (Err(_), None) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use sled::Transactional;
    use sled::transaction::ConflictableTransactionError;

    use super::*;
    use crate::domain::intake::Intake;
    use crate::domain::workflow::{Ctx, Rules};
    use crate::store::undo::Undo;

    /// What a save whose flush failed leaves in sled's memory: Jan's case
    /// changed and a new case registered, snapshots and summaries alike.
    fn a_save_whose_flush_failed(store: &Store, rules: &Rules) -> (Undo, Vec<Summary>) {
        let ctx = Ctx {
            now: chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default(),
            actor: "anna",
            rules,
        };
        let intake = |name: &str| Intake {
            name: name.into(),
            phone: "06-12345678".into(),
            service: "Other".into(),
            description: "Something went wrong.".into(),
            ..Intake::default()
        };
        let jan = store.register(&intake("Jan"), &ctx).expect("registers");
        let before = store.summaries().summaries;
        let mut changed = jan.clone();
        changed.handler = Some("bram".into());
        let (ghost, _) = crate::domain::workflow::register(CaseId::new(2026, 2), &intake("Ghost"), &ctx)
            .expect("registers");
        let undo = (&store.cases, &store.summaries)
            .transaction(|(cases, summaries)| {
                let mut undo = Undo::default();
                for case in [&changed, &ghost] {
                    let key = keys::case(case.id);
                    undo.insert(cases, Which::Cases, &key, codec::encode(case))?;
                    undo.insert(summaries, Which::Summaries, &key, encode(case, Some(ctx.now)))?;
                }
                Ok::<_, ConflictableTransactionError<()>>(undo)
            })
            .expect("commits in memory");
        (undo, before)
    }

    #[test]
    fn a_failed_save_sled_would_not_take_back_shows_in_no_summary() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let store = Store::open(&dir.path().join("db")).expect("opens");
        let rules = Rules::default();
        let (undo, before) = a_save_whose_flush_failed(&store, &rules);
        assert_ne!(store.summaries().summaries, before, "sled holds the attempt");
        store.ghosts.record(&undo);
        let seen = store.summaries();
        assert!(seen.unreadable.is_empty(), "{:?}", seen.unreadable);
        assert_eq!(seen.summaries, before, "read as on disk");
        let reported: Vec<Summary> = store
            .history_since(DateTime::<Utc>::MIN_UTC)
            .trails
            .iter()
            .map(|(case, _)| Summary::of(case))
            .collect();
        assert_eq!(reported, before, "a report reads the cases as on disk");
    }

    #[test]
    fn a_failed_save_taken_back_is_taken_back_from_the_summaries_too() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let store = Store::open(&dir.path().join("db")).expect("opens");
        let rules = Rules::default();
        let (undo, before) = a_save_whose_flush_failed(&store, &rules);
        store.roll_back(&undo);
        assert_eq!(store.summaries().summaries, before);
        assert_eq!(
            store.summaries.len(),
            2,
            "Jan's summary and the stamp, nothing of the ghost"
        );
    }
}

//! The summaries: a [`Summary`] of every case in a tree of its own, under the
//! case's key, written in the same transaction as the snapshot, so that the
//! board and `list` read a queue of 100,000 cases without decoding one case.
//!
//! The tree holds a stamp with the [`SUMMARY_VERSION`] it was made for, under
//! a key no case has (case keys are 8 bytes). Opening a store whose stamp is
//! missing or of another version makes the summaries anew from the snapshots.
//! Writes that are no transaction (imports, bulk writes) take the stamp away
//! until they are done and on disk, so that one cut short is made good on
//! the next open; copies that leave the summaries out (backups) have no stamp.

use sled::IVec;

use super::bulk::read_parallel;
use super::undo::Which;
use super::{Store, StoreError, codec, keys, unreadable};
use crate::domain::case::{Case, CaseId};
use crate::domain::summary::{SUMMARY_VERSION, Summary};

/// Where the tree says which version of summaries it holds.
pub(super) const STAMP: &[u8] = b"summary-version";

/// What a snapshot that did not decode has in the tree instead of a summary:
/// it is still reported (by reading the snapshot again), not left out.
pub(super) const UNDECODED: &[u8] = &[];

/// Snapshots summarised per sled batch when the tree is made anew.
const BATCH: usize = 10_000;

/// Every summary read from the database, and what could not be read.
#[derive(Debug, Default)]
pub struct LoadedSummaries {
    pub summaries: Vec<Summary>,
    pub unreadable: Vec<StoreError>,
}

/// The record the summaries tree holds for the snapshot `bytes`.
pub(super) fn record_of(bytes: &[u8]) -> Vec<u8> {
    match codec::decode::<Case>(bytes) {
        Ok(case) => encode(&case),
        Err(_) => UNDECODED.to_vec(),
    }
}

/// The summary record of `case`: its summary, and after it its
/// description (for the search, read without the rest of the case; reading
/// the board's summaries stops before it).
pub(super) fn encode(case: &Case) -> Vec<u8> {
    codec::encode(&(Summary::of(case), &case.description))
}

/// The summary in a summary record, without its description.
pub(super) fn decode_summary(bytes: &[u8]) -> Result<Summary, codec::CodecError> {
    codec::decode_leading::<(Summary, String), Summary, Summary>(
        bytes,
        |summary| summary,
        |(summary, _)| summary,
    )
}

/// The case number and description in a summary record.
pub(super) fn decode_description(bytes: &[u8]) -> Result<(CaseId, String), codec::CodecError> {
    codec::decode::<(Summary, String)>(bytes).map(|(summary, description)| (summary.id, description))
}

fn case_id(key: &[u8]) -> Option<CaseId> {
    <[u8; 8]>::try_from(key)
        .ok()
        .and_then(|b| CaseId::from_u64(u64::from_be_bytes(b)))
}

impl Store {
    /// Makes the summaries anew unless the stamp says they are current: one
    /// read when they are.
    pub(super) fn keep_summaries_current(&self) -> Result<(), StoreError> {
        let write = |e: sled::Error| StoreError::Write(super::reason(&e));
        if self.summaries.get(STAMP).map_err(write)?.as_deref() == Some(&[SUMMARY_VERSION][..]) {
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
            Ok(Some((IVec::from(key), record_of(bytes))))
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
            .insert(STAMP, &[SUMMARY_VERSION])
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
                    undo.insert(summaries, Which::Summaries, &key, encode(case))?;
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

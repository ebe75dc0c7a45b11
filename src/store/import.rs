//! Importing cases from an export: cases already checked against the procedure
//! (`exchange::Verified`) are written with their audit trails.
//!
//! Not one sled transaction: one over 100,000 cases and a million events took
//! 47 s and 9.6 GB of memory when measured on this 2-core machine; batches
//! took 19 s and 2.7 GB.
//! It is safe without: the database is held exclusive (no command lands in
//! between); the audit trails are written first, under numbers no case has,
//! where nothing reads them; then all snapshots in one atomic batch, which is
//! the moment the cases appear; then each year's sequence (registering checks
//! for numbers in use anyway). If the write fails or the process dies before
//! the snapshots, the trails left behind belong to no case, and are removed
//! by the next import of the same cases before it writes its own.

use std::collections::BTreeMap;

use super::{Change, Store, StoreError, codec, keys};
use crate::domain::case::CaseId;
use crate::exchange::Verified;

/// Why an import was not written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// These cases are in the database already; nothing was written.
    #[error("already in the database: {0:?}")]
    Present(Vec<CaseId>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Store {
    /// Writes `cases` with their audit trails and raises each year's sequence
    /// past them, then flushes; returns how many cases were written. Refuses,
    /// writing nothing, when any of them is in the database already.
    pub fn import(&self, cases: Vec<Verified>) -> Result<usize, ImportError> {
        let write = |e: sled::Error| StoreError::Write(e.to_string());
        let _exclusive = self.gate.exclusive();
        let mut present = Vec::new();
        for verified in &cases {
            let id = verified.case().id;
            if self.cases.contains_key(keys::case(id)).map_err(write)? {
                present.push(id);
            }
        }
        if !present.is_empty() {
            return Err(ImportError::Present(present));
        }
        // Trails left by an import that failed half-way belong to no case.
        let mut trails = sled::Batch::default();
        for verified in &cases {
            for key in self.events.scan_prefix(keys::case(verified.case().id)).keys() {
                trails.remove(key.map_err(write)?);
            }
        }
        self.events.apply_batch(trails).map_err(write)?;
        // Made anew on the next open if this is cut short.
        self.unstamp_summaries()?;
        for chunk in cases.chunks(CHUNK) {
            let mut trails = sled::Batch::default();
            for verified in chunk {
                for event in verified.events() {
                    trails.insert(&keys::event(event.case, event.seq), codec::encode(event));
                }
            }
            self.events.apply_batch(trails).map_err(write)?;
        }
        let mut snapshots = sled::Batch::default();
        let mut summaries = sled::Batch::default();
        let mut highest: BTreeMap<u16, u32> = BTreeMap::new();
        for verified in &cases {
            let case = verified.case();
            snapshots.insert(&keys::case(case.id), codec::encode(case));
            summaries.insert(
                &keys::case(case.id),
                super::summaries::encode(case, verified.events().last().map(|e| e.at)),
            );
            let seq = highest.entry(case.id.year()).or_default();
            *seq = (*seq).max(case.id.seq());
        }
        self.summaries.apply_batch(summaries).map_err(write)?;
        self.cases.apply_batch(snapshots).map_err(write)?;
        self.raise_sequences(highest)?;
        self.stamp_summaries()?;
        self.db.flush().map_err(write)?;
        self.publish(cases.iter().map(|v| Change::Put(Box::new(v.case().clone()))));
        Ok(cases.len())
    }
}

/// Cases whose trails go into one sled batch: bounded memory for a large import.
const CHUNK: usize = 5_000;

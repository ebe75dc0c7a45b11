//! Writing many prepared cases at once: for filling a new database with cases
//! made through the procedure elsewhere (the benchmark's generated queues),
//! where one flushed transaction per command would take minutes.

use std::collections::BTreeMap;

use super::{Store, StoreError, codec, keys};
use crate::domain::case::Case;
use crate::domain::event::Event;

impl Store {
    /// Writes cases with their audit trails exactly as given, in sled batches,
    /// and flushes once at the end. This is not a command: no guard runs and
    /// nothing is compared with what the database holds, so the cases must
    /// have been made through `workflow::register` and `apply`, and their
    /// numbers must be free. Each year's sequence is raised to the highest
    /// number written, so that registering afterwards goes on from there.
    pub fn write_bulk(&self, cases: &[(Case, Vec<Event>)]) -> Result<(), StoreError> {
        let write = |e: sled::Error| StoreError::Write(e.to_string());
        let mut snapshots = sled::Batch::default();
        let mut trails = sled::Batch::default();
        let mut highest: BTreeMap<u16, u32> = BTreeMap::new();
        for (case, events) in cases {
            snapshots.insert(&keys::case(case.id), codec::encode(case));
            for event in events {
                trails.insert(&keys::event(case.id, event.seq), codec::encode(event));
            }
            let seq = highest.entry(case.id.year()).or_default();
            *seq = (*seq).max(case.id.seq());
        }
        // The trails first: a case is never written without its history.
        self.events.apply_batch(trails).map_err(write)?;
        self.cases.apply_batch(snapshots).map_err(write)?;
        for (year, seq) in highest {
            let key = keys::sequence(year);
            let held = self
                .meta
                .get(&key)
                .map_err(write)?
                .and_then(|v| <[u8; 4]>::try_from(v.as_ref()).ok())
                .map_or(0, u32::from_be_bytes);
            if seq > held {
                self.meta.insert(key, &seq.to_be_bytes()).map_err(write)?;
            }
        }
        self.db.flush().map_err(write)?;
        Ok(())
    }
}

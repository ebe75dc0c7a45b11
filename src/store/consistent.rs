//! Reading every record of the database as it stood at one moment, while the
//! desk keeps working: what backups are made of.
//!
//! Holding every write off while everything is read is consistent, but too
//! slow for a save to wait on: reading 100,000 cases with 570,000 events takes
//! about a second, and copying them into a new sled folder 17 s. Most of it
//! need not be held off:
//!
//! - The case snapshots are read with every write held off (the gate
//!   exclusive: about 0.2 s at 100,000 cases). That is the moment the copy shows.
//! - The audit trails are read afterwards, while commands go on. An event, once
//!   written, is never changed — except by anonymising, which waits until the
//!   read is done (see `Gate::rewriting`) — so the events a snapshot's version
//!   counts are those the moment held. Events written since are left out: those
//!   numbered past the snapshot's version, and those of cases registered since.
//! - The other trees hold nothing that must agree with another record: a year's
//!   sequence read later may be ahead of the cases, which only skips numbers.
//! - The summaries are not copied: they are made from the snapshots, and the
//!   copy, with no stamp, makes them anew when it is opened.

use std::collections::HashMap;

use sled::IVec;

use super::{Store, StoreError, codec, reason};
use crate::domain::case::Case;

/// Takes one record: its tree's name, its key, its value.
pub(super) type Put<'a, E> = dyn FnMut(&[u8], &[u8], &[u8]) -> Result<(), E> + 'a;

/// The trees that are read in their own way; every other tree is copied whole.
const CASES: &[u8] = b"cases";
const EVENTS: &[u8] = b"events";
const SUMMARIES: &[u8] = b"summaries";

impl Store {
    /// Hands every record to `put` (tree name, key, value) as the database
    /// stood at one moment, tree after tree, each in key order; returns how
    /// many cases it held. `taken` is told when that moment has passed: from
    /// then on, saves change nothing in what is handed over.
    pub(super) fn read_consistently<E: From<StoreError>>(
        &self,
        put: &mut Put<'_, E>,
        taken: &mut dyn FnMut(),
    ) -> Result<usize, E> {
        let failed = |e: sled::Error| self.read_failed(&e);
        let _no_rewrites = self.gate.steady();
        let snapshots: Vec<(IVec, IVec)> = {
            let _exclusive = self.gate.exclusive();
            self.cases.iter().collect::<Result<_, _>>().map_err(failed)?
        };
        taken();
        // How many events each snapshot counts; all of them where a snapshot
        // does not decode (the backup keeps what there is).
        let mut versions: HashMap<IVec, Option<u32>> = HashMap::with_capacity(snapshots.len());
        for (key, value) in &snapshots {
            put(CASES, key, value)?;
            let version = codec::decode::<Case>(value).ok().map(|c| c.version);
            versions.insert(key.clone(), version);
        }
        drop(snapshots);
        for item in self.events.iter() {
            let (key, value) = item.map_err(failed)?;
            if is_counted(&versions, &key) {
                put(EVENTS, &key, &value)?;
            }
        }
        for name in self.db.tree_names() {
            if name == CASES || name == EVENTS || name == SUMMARIES {
                continue;
            }
            let tree = self.db.open_tree(&name).map_err(failed)?;
            for item in tree.iter() {
                let (key, value) = item.map_err(failed)?;
                put(&name, &key, &value)?;
            }
        }
        Ok(versions.len())
    }

    /// A read that failed: the database's files, or the disk under them.
    pub(super) fn read_failed(&self, e: &sled::Error) -> StoreError {
        match e {
            sled::Error::Corruption { .. } => StoreError::Damaged {
                path: self.path.clone(),
                reason: reason(e),
            },
            other => StoreError::Open {
                path: self.path.clone(),
                reason: reason(other),
            },
        }
    }
}

/// Whether the event at `key` belongs to the moment the snapshots were read.
/// A key too short to name a case is kept: it was there before, not written since.
fn is_counted(versions: &HashMap<IVec, Option<u32>>, key: &[u8]) -> bool {
    let Some((case, seq)) = key.split_at_checked(8) else {
        return true;
    };
    match versions.get(case) {
        None => false,
        Some(None) => true,
        Some(Some(version)) => match <[u8; 4]>::try_from(seq) {
            Ok(seq) => u32::from_be_bytes(seq) <= *version,
            Err(_) => true,
        },
    }
}

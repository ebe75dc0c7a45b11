//! Every case's description, for the search's description index, read
//! without decoding whole cases: bincode writes a struct's fields in order,
//! so a struct of the snapshot's fields up to the description decodes them
//! and leaves the rest (the contact log, the steps' texts) unread.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::undo::Which;
use super::{Store, codec};
use crate::domain::case::{Case, CaseId, Channel, Contact};
use crate::domain::moment;
use crate::domain::workflow::State;

/// The leading fields of [`Case`], as they are stored, up to its description.
/// A field added to `Case` before `description` must be added here too (the
/// tests of `Store::descriptions` fail until it is).
#[derive(Deserialize)]
#[allow(dead_code)] // Decoded only to reach the description.
struct UpToDescription {
    id: CaseId,
    state: State,
    version: u32,
    #[serde(with = "moment")]
    complained_at: DateTime<Utc>,
    #[serde(with = "moment")]
    registered_at: DateTime<Utc>,
    registered_by: String,
    channel: Channel,
    contact: Contact,
    service: String,
    description: String,
}

fn decode(bytes: &[u8]) -> Result<(CaseId, String), codec::CodecError> {
    codec::decode_leading(
        bytes,
        |part: UpToDescription| (part.id, part.description),
        |case: Case| (case.id, case.description),
    )
}

impl Store {
    /// Every case's description, in case-number order. Snapshots that do not
    /// decode are left out ([`Store::load`] and [`Store::summaries`] name them).
    pub fn descriptions(&self) -> Vec<(CaseId, String)> {
        let mut all = Vec::new();
        self.each_description(&mut |id, description| all.push((id, description)));
        all.sort_unstable_by_key(|(id, _)| *id);
        all
    }

    /// Hands every case's description to `each`, one at a time, so that no
    /// more than one is held here: at 100,000 cases all of them at once are
    /// tens of megabytes the search would hold twice.
    pub fn each_description(&self, each: &mut dyn FnMut(CaseId, String)) {
        // Where a failed save left a snapshot changed in memory: as on disk.
        let ghosts: HashMap<Vec<u8>, Option<(CaseId, String)>> = self
            .ghosts
            .of(Which::Cases)
            .into_iter()
            .map(|(key, on_disk)| (key, on_disk.and_then(|bytes| decode(&bytes).ok())))
            .collect();
        for (key, bytes) in self.cases.iter().flatten() {
            if ghosts.contains_key(key.as_ref()) {
                continue;
            }
            if let Ok((id, description)) = decode(&bytes) {
                each(id, description);
            }
        }
        for (id, description) in ghosts.into_values().flatten() {
            each(id, description);
        }
    }
}

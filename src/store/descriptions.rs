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
    /// more than one is held here. They are read from the summary records,
    /// where each follows its summary: the pages the board's summaries were
    /// read from, not the whole cases.
    pub fn each_description(&self, each: &mut dyn FnMut(CaseId, String)) {
        // Where a failed save left a summary changed in memory: as on disk.
        let ghosts: HashMap<Vec<u8>, Option<(CaseId, String)>> = self
            .ghosts
            .of(Which::Summaries)
            .into_iter()
            .map(|(key, on_disk)| {
                let found = on_disk.and_then(|bytes| self.description_in(&key, &bytes));
                (key, found)
            })
            .collect();
        for (key, bytes) in self.summaries.iter().flatten() {
            if ghosts.contains_key(key.as_ref()) {
                continue;
            }
            if let Some((id, description)) = self.description_in(&key, &bytes) {
                each(id, description);
            }
        }
        for (id, description) in ghosts.into_values().flatten() {
            each(id, description);
        }
    }

    /// The description in the summary record `bytes` at `key`; for a case
    /// whose snapshot did not decode when its summary was made, read from
    /// the snapshot (as far as it decodes); nothing for the stamp.
    fn description_in(&self, key: &[u8], bytes: &[u8]) -> Option<(CaseId, String)> {
        if key.len() != 8 {
            return None;
        }
        if bytes == super::summaries::UNDECODED {
            let snapshot = self.cases.get(key).ok().flatten()?;
            return decode(&snapshot).ok();
        }
        super::summaries::decode_description(bytes).ok()
    }
}

//! Every case's description, for the search's description index, read
//! without decoding whole cases: bincode writes a struct's fields in order,
//! so a struct of the snapshot's fields up to the description decodes them
//! and leaves the rest (the contact log, the steps' texts) unread.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::bulk::read_parallel;
use super::undo::Which;
use super::{Store, codec, keys, unreadable};
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
        let mut all = read_parallel(&self.cases, &|key, bytes| {
            decode(bytes).map_err(|e| unreadable("cases", &keys::describe_case(key), e))
        })
        .items;
        // Where a failed save left a snapshot changed in memory: as on disk.
        for (key, on_disk) in self.ghosts.of(Which::Cases) {
            let Some(id) = <[u8; 8]>::try_from(key.as_slice())
                .ok()
                .and_then(|b| CaseId::from_u64(u64::from_be_bytes(b)))
            else {
                continue;
            };
            let at = all.binary_search_by_key(&id, |(id, _)| *id);
            match (at, on_disk.and_then(|bytes| decode(&bytes).ok())) {
                (Ok(i), Some(found)) => all[i] = found,
                (Ok(i), None) => {
                    all.remove(i);
                }
                (Err(i), Some(found)) => all.insert(i, found),
                (Err(_), None) => {}
            }
        }
        all
    }
}

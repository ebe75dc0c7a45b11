//! Removing personal data: anonymising cases with their audit trails in one
//! transaction, and rewriting the database files so that no earlier version of
//! a removed value lingers in them.

use std::collections::HashMap;
use std::fs;
use std::hash::BuildHasher;
use std::path::{Path, PathBuf};

use sled::Transactional;
use sled::transaction::ConflictableTransactionError;

use super::undo::{Undo, Which};
use super::{CommandError, Store, StoreError, codec, create_private_dir, keys, open_db, unreadable};
use crate::domain::case::{Case, CaseId};
use crate::domain::event::Event;
use crate::domain::privacy::{AnonymiseReason, contact_key, scrub_event};
use crate::domain::workflow::{self, Command, Ctx};

impl Store {
    /// Removes the personal data of `ids` from their snapshots and their whole
    /// audit trails, recording the removal (without the removed data) as an
    /// event. All or nothing, flushed. The cases of one person share a random
    /// pseudonym, so statistics still see one repeat complainant.
    pub fn anonymise(
        &self,
        ids: &[CaseId],
        reason: AnonymiseReason,
        ctx: &Ctx,
    ) -> Result<Vec<Case>, CommandError> {
        self.writable()?;
        let pseudonyms = self.pseudonyms(ids)?;
        // A backup or export must not catch an anonymisation half done.
        let _shared = self.gate.shared();
        let result = (&self.cases, &self.events).transaction(|(cases, events)| {
            let abort = |e: CommandError| ConflictableTransactionError::Abort(e);
            let mut undo = Undo::default();
            let mut done = Vec::new();
            for id in ids {
                let key = keys::case(*id);
                let bytes = cases
                    .get(key)?
                    .ok_or_else(|| abort(StoreError::NotFound(*id).into()))?;
                let case: Case =
                    codec::decode(&bytes).map_err(|e| abort(unreadable("cases", id, e).into()))?;
                for seq in 1..=case.version {
                    let event_key = keys::event(*id, seq);
                    if let Some(bytes) = events.get(event_key)? {
                        let event: Event =
                            codec::decode(&bytes).map_err(|e| abort(unreadable("events", id, e).into()))?;
                        undo.insert(
                            events,
                            Which::Events,
                            &event_key,
                            codec::encode(&scrub_event(&event)),
                        )?;
                    }
                }
                let pseudonym = pseudonyms.get(id).cloned().unwrap_or_default();
                let command = Command::Anonymise { reason, pseudonym };
                let (next, event) = workflow::apply(&case, &command, ctx).map_err(|r| abort(r.into()))?;
                undo.insert(
                    events,
                    Which::Events,
                    &keys::event(*id, event.seq),
                    codec::encode(&event),
                )?;
                undo.insert(cases, Which::Cases, &key, codec::encode(&next))?;
                done.push(next);
            }
            Ok((done, undo))
        });
        self.finish(result)
    }

    /// A random pseudonym per person among `ids`: random per call, so it says
    /// nothing about who the person was.
    fn pseudonyms(&self, ids: &[CaseId]) -> Result<HashMap<CaseId, String>, StoreError> {
        let hasher = std::collections::hash_map::RandomState::new();
        let mut out = HashMap::new();
        for id in ids {
            let case = self.get(*id)?;
            out.insert(*id, format!("{:08x}", hasher.hash_one(contact_key(&case)) as u32));
        }
        Ok(out)
    }

    /// Rewrites the database at `path` into fresh files holding only the current
    /// values, then replaces the old files: sled keeps earlier versions of
    /// records in its files for a while, and removed personal data must not
    /// linger there. Needs the database to itself.
    pub fn compact(path: &Path) -> Result<(), StoreError> {
        let fail = |e: &dyn std::fmt::Display| StoreError::Write(e.to_string());
        let store = Store::open(path)?;
        let fresh = sibling(path, "compacting");
        let old = sibling(path, "old");
        for dir in [&fresh, &old] {
            if dir.exists() {
                fs::remove_dir_all(dir).map_err(|e| fail(&e))?;
            }
        }
        create_private_dir(&fresh).map_err(|e| fail(&e))?;
        {
            let copy = open_db(&fresh).map_err(|e| fail(&e))?;
            for name in ["cases", "events", "meta"] {
                let from = store.db.open_tree(name).map_err(|e| fail(&e))?;
                let to = copy.open_tree(name).map_err(|e| fail(&e))?;
                for item in from.iter() {
                    let (key, value) = item.map_err(|e| fail(&e))?;
                    to.insert(key, value).map_err(|e| fail(&e))?;
                }
            }
            copy.flush().map_err(|e| fail(&e))?;
        }
        drop(store);
        fs::rename(path, &old).map_err(|e| fail(&e))?;
        fs::rename(&fresh, path).map_err(|e| fail(&e))?;
        fs::remove_dir_all(&old).map_err(|e| fail(&e))?;
        Ok(())
    }
}

/// A folder beside `path`, named after it.
fn sibling(path: &Path, what: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{what}"))
}

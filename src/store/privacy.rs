//! Removing personal data: anonymising cases with their audit trails in one
//! transaction, and rewriting the database files so that no earlier version of
//! a removed value lingers in them.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::path::Path;

use sled::Transactional;
use sled::transaction::ConflictableTransactionError;

use super::place::{self, Guard, Rewrite};
use super::undo::{LastAttempt, Undo, Which};
use super::{Change, CommandError, Store, StoreError, codec, create_private_dir, keys, open_db, unreadable};
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
        self.daily_backup(ctx);
        let pseudonyms = self.pseudonyms(ids)?;
        // A backup or export must not catch an anonymisation half done.
        let _shared = self.gate.rewriting();
        let attempt = LastAttempt::default();
        let trees = (&self.cases, &self.events, &self.summaries);
        let result = trees.transaction(|(cases, events, summaries)| {
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
                let record = super::summaries::encode(&next, Some(event.at));
                undo.insert(summaries, Which::Summaries, &key, record)?;
                done.push(next);
            }
            attempt.keep(&undo);
            Ok((done, undo))
        });
        self.finish(result, attempt, |done: &Vec<Case>| {
            done.iter().map(|c| Change::Put(Box::new(c.clone()))).collect()
        })
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
    /// values, then swaps them in: sled keeps earlier versions of records in
    /// its files for a while, and removed personal data must not linger there.
    /// Needs the database to itself, and holds its guard from before the copy
    /// until after the swap, so that nobody opens it half swapped.
    pub fn compact(path: &Path) -> Result<(), StoreError> {
        Store::compact_pausing(path, &|| {})
    }

    /// [`Store::compact`], running `between` while the folders are swapped.
    fn compact_pausing(path: &Path, between: &dyn Fn()) -> Result<(), StoreError> {
        let fail = |e: &dyn std::fmt::Display| StoreError::Write(e.to_string());
        let _guard = Guard::exclusive(path)?;
        place::recover(path)?;
        let fresh = Rewrite::Compact.copy(path);
        {
            let store = Store::open_here(path)?;
            create_private_dir(&fresh).map_err(|e| fail(&e))?;
            let copy = open_db(&fresh).map_err(|e| fail(&e))?;
            for name in store.db.tree_names() {
                let from = store.db.open_tree(&name).map_err(|e| fail(&e))?;
                let to = copy.open_tree(&name).map_err(|e| fail(&e))?;
                for item in from.iter() {
                    let (key, value) = item.map_err(|e| fail(&e))?;
                    to.insert(key, value).map_err(|e| fail(&e))?;
                }
            }
            copy.flush().map_err(|e| fail(&e))?;
        }
        place::mark_complete(&fresh).map_err(|e| fail(&e))?;
        place::swap_in(path, Rewrite::Compact, between)
    }
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::sync::mpsc;
    use std::time::Duration;

    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::domain::intake::Intake;
    use crate::domain::workflow::Rules;

    fn with_cases(path: &Path, count: usize) {
        let store = Store::open(path).unwrap();
        let rules = Rules::default();
        let ctx = Ctx {
            now: Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap(),
            actor: "anna",
            rules: &rules,
        };
        for n in 0..count {
            let intake = Intake {
                name: format!("Klant {n}"),
                email: format!("klant{n}@example.nl"),
                service: "Incident response".into(),
                description: "No call back.".into(),
                ..Intake::default()
            };
            store.register(&intake, &ctx).unwrap();
        }
    }

    /// The hole the attack on the desk found: a command that opened the path
    /// between the compaction's two renames got a brand-new empty database
    /// (and the next compaction deleted the real one). Now it waits, and then
    /// opens the compacted database with every case.
    #[test]
    fn nobody_opens_the_database_while_a_compaction_swaps_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        with_cases(&path, 3);
        let (swapping, told) = mpsc::channel();
        let compaction = {
            let path = path.clone();
            std::thread::spawn(move || {
                Store::compact_pausing(&path, &|| {
                    swapping.send(()).unwrap();
                    std::thread::sleep(Duration::from_millis(400));
                })
            })
        };
        told.recv().unwrap();
        assert!(!path.exists(), "the test pauses with the path empty");
        let opened = Store::open(&path).unwrap();
        assert_eq!(opened.len(), 3, "the opener waited for the compacted database");
        compaction.join().unwrap().unwrap();
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().all(|n| n == "db" || n == ".db.guard"),
            "nothing left beside it: {names:?}"
        );
    }
}

//! The log of what left the database as files: backups (automatic and by
//! hand) and exports, with when, where and which cases. Personal data in them
//! is beyond the reach of `purge` and `subject erase`, which therefore name the
//! ones that may still hold what they removed, so the desk can delete those too.
//!
//! The log holds no personal data itself: paths, times and case numbers.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::backup::BackupError;
use super::{Store, StoreError, codec, reason};
use crate::domain::case::{Case, CaseId};

const TREE: &str = "writings";

/// A record of the log as stored: its key, and the writing if it decodes.
pub(super) type WritingRecord = (sled::IVec, Result<Writing, codec::CodecError>);

/// What kind of file was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum WritingKind {
    /// The day's automatic backup.
    DailyBackup,
    /// `klachtdesk backup PATH`.
    Backup,
    /// `klachtdesk export`, JSON or CSV.
    Export,
    /// `klachtdesk subject export`: everything held about one person.
    SubjectExport,
}

/// One backup or export written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Writing {
    #[serde(with = "crate::domain::moment")]
    pub at: DateTime<Utc>,
    pub kind: WritingKind,
    /// Where, as an absolute path; `None` for standard output.
    pub path: Option<PathBuf>,
    /// How many cases it holds.
    pub cases: usize,
    /// Which cases, as ranges of case numbers (first and last, both held);
    /// `None` for every case the database held at the time (a backup).
    pub ranges: Option<Vec<(CaseId, CaseId)>>,
}

impl codec::Record for Writing {
    type V1 = Writing;
    type V2 = Writing;
}

impl Writing {
    /// A file holding every case the database held at `at`.
    pub fn whole(at: DateTime<Utc>, kind: WritingKind, path: Option<PathBuf>, cases: usize) -> Writing {
        Writing {
            at,
            kind,
            path: path.map(absolute),
            cases,
            ranges: None,
        }
    }

    /// A file holding the cases `ids`.
    pub fn of_cases(at: DateTime<Utc>, kind: WritingKind, path: Option<PathBuf>, ids: &[CaseId]) -> Writing {
        let mut sorted = ids.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        let mut ranges: Vec<(CaseId, CaseId)> = Vec::new();
        for id in sorted {
            match ranges.last_mut() {
                Some((_, last))
                    if last.year() == id.year() && last.seq().checked_add(1) == Some(id.seq()) =>
                {
                    *last = id;
                }
                _ => ranges.push((id, id)),
            }
        }
        Writing {
            at,
            kind,
            path: path.map(absolute),
            cases: ids.len(),
            ranges: Some(ranges),
        }
    }

    /// Whether this file may hold what `case` held when it was written: it
    /// was written once the case was registered, and holds that case. (The
    /// day's backup holds the database as it was just before the change that
    /// started it, made at `at`.)
    pub fn may_hold(&self, case: &Case) -> bool {
        let after = match self.kind {
            WritingKind::DailyBackup => self.at > case.registered_at,
            _ => self.at >= case.registered_at,
        };
        after
            && self.ranges.as_ref().is_none_or(|ranges| {
                ranges
                    .iter()
                    .any(|(first, last)| (*first..=*last).contains(&case.id))
            })
    }
}

fn absolute(path: PathBuf) -> PathBuf {
    std::path::absolute(&path).unwrap_or(path)
}

impl Store {
    /// Adds `writing` to the log, on disk before it returns.
    pub fn record_writing(&self, writing: &Writing) -> Result<(), StoreError> {
        self.writable()?;
        let write = |e: sled::Error| StoreError::Write(reason(&e));
        let tree = self.db.open_tree(TREE).map_err(write)?;
        // Time order, and unique within this database.
        let mut key = writing
            .at
            .timestamp_nanos_opt()
            .unwrap_or_default()
            .to_be_bytes()
            .to_vec();
        key.extend_from_slice(&self.db.generate_id().map_err(write)?.to_be_bytes());
        tree.insert(key, codec::encode(writing)).map_err(write)?;
        self.flush()
    }

    /// Every backup and export written, oldest first; records that do not
    /// decode are left out (`klachtdesk doctor` names them).
    pub fn writings(&self) -> Result<Vec<Writing>, StoreError> {
        let tree = self.db.open_tree(TREE).map_err(|e| self.read_failed(&e))?;
        let mut all = Vec::new();
        for item in tree.iter() {
            let (_, value) = item.map_err(|e| self.read_failed(&e))?;
            if let Ok(writing) = codec::decode(&value) {
                all.push(writing);
            }
        }
        Ok(all)
    }

    /// The backups and exports, still where they were written, that may hold
    /// what one of `cases` holds now.
    pub fn writings_holding(&self, cases: &[Case]) -> Result<Vec<Writing>, StoreError> {
        Ok(self
            .writings()?
            .into_iter()
            .filter(|w| w.path.as_ref().is_none_or(|p| p.exists()))
            .filter(|w| cases.iter().any(|c| w.may_hold(c)))
            .collect())
    }

    /// Adds this database's log to the one in `copy` (a restore keeps it:
    /// the files it names were written all the same).
    pub(super) fn copy_writings_into(&self, copy: &Store) -> Result<(), BackupError> {
        let read = |e: sled::Error| BackupError::from(self.read_failed(&e));
        let write = |e: sled::Error| BackupError::Write {
            path: copy.path.clone(),
            reason: reason(&e),
        };
        let from = self.db.open_tree(TREE).map_err(read)?;
        let to = copy.db.open_tree(TREE).map_err(write)?;
        for item in from.iter() {
            let (key, value) = item.map_err(read)?;
            to.insert(key, value).map_err(write)?;
        }
        copy.db.flush().map_err(write)?;
        Ok(())
    }

    /// Every record of the log, for checking: its key and whether it decodes.
    pub(super) fn writing_records(&self) -> Result<Vec<WritingRecord>, StoreError> {
        let tree = self.db.open_tree(TREE).map_err(|e| self.read_failed(&e))?;
        tree.iter()
            .map(|item| {
                let (key, value) = item.map_err(|e| self.read_failed(&e))?;
                Ok((key, codec::decode(&value)))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_numbers_are_kept_as_ranges() {
        let id = |year, seq| CaseId::new(year, seq);
        let at = DateTime::<Utc>::UNIX_EPOCH;
        let ids = [
            id(2026, 3),
            id(2026, 1),
            id(2026, 2),
            id(2026, 7),
            id(2025, 9),
            id(2026, 2),
        ];
        let w = Writing::of_cases(at, WritingKind::Export, None, &ids);
        assert_eq!(
            w.ranges,
            Some(vec![
                (id(2025, 9), id(2025, 9)),
                (id(2026, 1), id(2026, 3)),
                (id(2026, 7), id(2026, 7)),
            ])
        );
    }
}

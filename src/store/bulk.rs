//! Many cases at once. Reading every case on every core (see
//! [`super::parallel`]). Writing many prepared cases, for filling a new database with cases made
//! through the procedure elsewhere (the benchmark's generated queues), where
//! one flushed transaction per command would take minutes.

use std::collections::BTreeMap;

use super::parallel::read_parallel;
use super::{Loaded, Store, StoreError, codec, keys, unreadable};
use crate::domain::case::Case;
use crate::domain::event::Event;

impl Store {
    /// Every case, in key order; see [`Store::load`].
    pub(super) fn read_all(&self) -> Loaded {
        let decoded = read_parallel(&self.cases, &|key, bytes| {
            codec::decode::<Case>(bytes)
                .map(Some)
                .map_err(|e| unreadable("cases", &keys::describe_case(key), e))
        });
        Loaded {
            cases: decoded.items,
            unreadable: decoded.unreadable,
        }
    }
}

impl Store {
    /// Reads every case record as [`Store::load`] does but decodes none;
    /// returns how many there are and their bytes. For the benchmark: what
    /// sled alone takes of opening the board.
    pub fn read_raw(&self) -> (usize, usize) {
        self.cases
            .iter()
            .filter_map(Result::ok)
            .fold((0, 0), |(n, bytes), (_, value)| (n + 1, bytes + value.len()))
    }
}

impl Store {
    /// Writes cases with their audit trails exactly as given, in sled batches,
    /// and flushes once at the end. This is not a command: no guard runs and
    /// nothing is compared with what the database holds, so the cases must
    /// have been made through `workflow::register` and `apply`, and their
    /// numbers must be free. Each year's sequence is raised to the highest
    /// number written, so that registering afterwards goes on from there.
    pub fn write_bulk(&self, cases: &[(Case, Vec<Event>)]) -> Result<(), StoreError> {
        let write = |e: sled::Error| StoreError::Write(e.to_string());
        // Like every write: a backup never copies half of it.
        let _shared = self.gate.shared();
        let mut snapshots = sled::Batch::default();
        let mut trails = sled::Batch::default();
        let mut summaries = sled::Batch::default();
        let mut highest: BTreeMap<u16, u32> = BTreeMap::new();
        for (case, events) in cases {
            snapshots.insert(&keys::case(case.id), codec::encode(case));
            summaries.insert(
                &keys::case(case.id),
                super::summaries::encode(case, events.last().map(|e| e.at)),
            );
            for event in events {
                trails.insert(&keys::event(case.id, event.seq), codec::encode(event));
            }
            let seq = highest.entry(case.id.year()).or_default();
            *seq = (*seq).max(case.id.seq());
        }
        // The trails first: a case is never written without its history.
        self.events.apply_batch(trails).map_err(write)?;
        // Made anew on the next open if this is cut short.
        self.unstamp_summaries()?;
        self.summaries.apply_batch(summaries).map_err(write)?;
        self.cases.apply_batch(snapshots).map_err(write)?;
        self.raise_sequences(highest)?;
        self.stamp_summaries()?;
        self.db.flush().map_err(write)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::CaseId;
    use crate::domain::intake::Intake;
    use crate::domain::workflow::{Ctx, Rules, register};

    fn made(year: u16, seqs: std::ops::RangeInclusive<u32>, rules: &Rules) -> Vec<(Case, Vec<Event>)> {
        let ctx = Ctx {
            now: chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default(),
            actor: "anna",
            rules,
        };
        seqs.map(|seq| {
            let intake = Intake {
                name: format!("Caller {seq}"),
                phone: "06-12345678".into(),
                service: "Other".into(),
                description: "Something went wrong.".into(),
                ..Intake::default()
            };
            let (case, event) = register(CaseId::new(year, seq), &intake, &ctx).expect("registers");
            (case, vec![event])
        })
        .collect()
    }

    #[test]
    fn many_cases_load_in_order_and_a_bad_record_is_named() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let store = Store::open(&dir.path().join("db")).expect("opens");
        let rules = Rules::default();
        // More than one thread's worth, over two years, written out of order.
        store.write_bulk(&made(2026, 1..=3000, &rules)).expect("writes");
        store.write_bulk(&made(2025, 1..=3000, &rules)).expect("writes");
        let bad = CaseId::new(2025, 1234);
        store
            .cases
            .insert(keys::case(bad), &[codec::FORMAT, 0xff, 0xff][..])
            .expect("inserts");
        let loaded = store.load();
        assert_eq!(loaded.cases.len(), 5999);
        assert!(loaded.cases.windows(2).all(|w| w[0].id < w[1].id));
        assert_eq!(loaded.unreadable.len(), 1);
        assert!(format!("{:?}", loaded.unreadable[0]).contains(&bad.to_string()));
        // Registering goes on after the highest number written.
        let ctx = Ctx {
            now: chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default(),
            actor: "anna",
            rules: &rules,
        };
        let intake = made(2026, 1..=1, &rules).remove(0).0;
        let next = Intake {
            name: intake.contact.name,
            phone: "06-12345678".into(),
            service: "Other".into(),
            description: "Again.".into(),
            ..Intake::default()
        };
        let case = store.register(&next, &ctx).expect("registers");
        assert_eq!(case.id.seq(), 3001);
        assert_eq!(store.read_raw().0, 6001);
    }
}

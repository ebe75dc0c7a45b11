//! Many cases at once. Reading every case, as the board does when it opens:
//! this thread walks the tree, the only one in sled, and hands the records in
//! batches to threads on the other cores that decode them (and then helps).
//! Writing many prepared cases, for filling a new database with cases made
//! through the procedure elsewhere (the benchmark's generated queues), where
//! one flushed transaction per command would take minutes.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::mpsc::{channel, sync_channel};

use super::{Loaded, Store, StoreError, codec, keys, unreadable};
use crate::domain::case::Case;
use crate::domain::event::Event;

/// Records handed to a decoding thread at a time.
const BATCH: usize = 1024;

/// Below this many records they are decoded on this thread alone.
const PARALLEL_FROM: usize = 4 * BATCH;

/// Records as sled gives them, in key order.
type Batch = Vec<sled::Result<(sled::IVec, sled::IVec)>>;

/// What one record decodes into (`None`: a record that is no item, left
/// out), or why it does not.
pub(super) type Decode<'a, T> = dyn Fn(&[u8], &[u8]) -> Result<Option<T>, StoreError> + Sync + 'a;

/// The records of a tree, decoded, in key order; and those that did not decode.
pub(super) struct Decoded<T> {
    pub(super) items: Vec<T>,
    pub(super) unreadable: Vec<StoreError>,
}

impl<T> Default for Decoded<T> {
    fn default() -> Self {
        Decoded {
            items: Vec::new(),
            unreadable: Vec::new(),
        }
    }
}

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

/// Every record of `tree` through `decode`, in key order.
pub(super) fn read_parallel<T: Send>(tree: &sled::Tree, decode: &Decode<'_, T>) -> Decoded<T> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut items = tree.iter();
    // A small tree is decoded faster than threads start.
    let head: Batch = items.by_ref().take(PARALLEL_FROM).collect();
    if threads < 2 || head.len() < PARALLEL_FROM {
        return decode_all(head.into_iter().chain(items), decode);
    }

    let (send, receive) = sync_channel::<(usize, Batch)>(2 * threads);
    let receive = Mutex::new(receive);
    let (done, decoded) = channel::<(usize, Decoded<T>)>();
    std::thread::scope(|scope| {
        // One core is this thread's, walking the tree; when it is done it
        // helps decode what is left.
        for _ in 1..threads {
            let done = done.clone();
            let receive = &receive;
            scope.spawn(move || {
                loop {
                    let next = match receive.lock() {
                        Ok(receive) => receive.recv(),
                        Err(_) => break,
                    };
                    let Ok((i, batch)) = next else { break };
                    if done.send((i, decode_all(batch, decode))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done);
        // Decoded batches are put in order as they come back, so that no
        // more than a few are held beside the records put in order already.
        let mut assembly = Assembly::default();
        let mut batch = Vec::with_capacity(BATCH);
        let mut sent = 0;
        for item in head.into_iter().chain(items) {
            batch.push(item);
            if batch.len() == BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                if send.send((sent, full)).is_err() {
                    break;
                }
                sent += 1;
                assembly.take(decoded.try_iter());
            }
        }
        let _ = send.send((sent, batch));
        drop(send);
        loop {
            let next = match receive.lock() {
                Ok(receive) => receive.recv(),
                Err(_) => break,
            };
            let Ok((i, batch)) = next else { break };
            assembly.take(std::iter::once((i, decode_all(batch, decode))));
        }
        assembly.take(decoded.iter());
        assembly.done
    })
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

/// Decoded batches put back in key order.
struct Assembly<T> {
    done: Decoded<T>,
    /// The batch that comes next, and those that came back before it.
    next: usize,
    early: BTreeMap<usize, Decoded<T>>,
}

impl<T> Default for Assembly<T> {
    fn default() -> Self {
        Assembly {
            done: Decoded::default(),
            next: 0,
            early: BTreeMap::new(),
        }
    }
}

impl<T> Assembly<T> {
    fn take(&mut self, batches: impl Iterator<Item = (usize, Decoded<T>)>) {
        for (i, part) in batches {
            self.early.insert(i, part);
            while let Some(part) = self.early.remove(&self.next) {
                self.done.items.extend(part.items);
                self.done.unreadable.extend(part.unreadable);
                self.next += 1;
            }
        }
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

/// Some records through `decode`; what does not decode is reported.
fn decode_all<T>(
    items: impl IntoIterator<Item = sled::Result<(sled::IVec, sled::IVec)>>,
    decode: &Decode<'_, T>,
) -> Decoded<T> {
    let items = items.into_iter();
    let mut decoded = Decoded::default();
    decoded.items.reserve_exact(items.size_hint().0);
    for item in items {
        match item.map_err(|e| StoreError::Write(e.to_string())) {
            Ok((key, bytes)) => match decode(&key, &bytes) {
                Ok(Some(value)) => decoded.items.push(value),
                Ok(None) => {}
                Err(e) => decoded.unreadable.push(e),
            },
            Err(e) => decoded.unreadable.push(e),
        }
    }
    decoded
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

//! Reading a whole tree keyed by case number (snapshots, summaries) on every
//! core: the key space is cut into parts of about as many cases each, and
//! each thread walks and decodes the parts it takes. sled walks one tree
//! faster from two threads than from one (at 100,000 summaries on two cores,
//! about 120 ms against 170–200 ms), and the decoding goes with the walking.

use std::ops::Bound;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::StoreError;

/// Below this many records (as the case numbers suggest) a tree is read on
/// this thread alone: faster than starting threads.
const PARALLEL_FROM: u64 = 4096;

/// Parts per thread: a thread that finishes early takes another.
const PARTS_PER_THREAD: u64 = 4;

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

/// A part of the key space: from a key (held) to a key (not held).
type Part = (Bound<[u8; 8]>, Bound<[u8; 8]>);

/// Every record of `tree`, a tree keyed by case number, through `decode`,
/// in key order. Keys that are no case number (a stamp) are read too.
pub(super) fn read_parallel<T: Send>(tree: &sled::Tree, decode: &Decode<'_, T>) -> Decoded<T> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let parts = parts(tree, threads as u64 * PARTS_PER_THREAD);
    if threads < 2 || parts.len() < 2 {
        return decode_all(tree.iter(), decode);
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<Option<Decoded<T>>> = std::iter::repeat_with(|| None).take(parts.len()).collect();
    std::thread::scope(|scope| {
        let work = || {
            let mut mine = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(part) = parts.get(i) else { break };
                mine.push((i, decode_all(tree.range(*part), decode)));
            }
            mine
        };
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut all = work();
        for helper in helpers {
            all.extend(helper.join().unwrap_or_default());
        }
        for (i, part) in all {
            done[i] = Some(part);
        }
    });
    let mut whole = Decoded::default();
    for (part, read) in parts.iter().zip(done) {
        // A part a helper took and never gave back (it panicked) is read here.
        let read = read.unwrap_or_else(|| decode_all(tree.range(*part), decode));
        whole.items.extend(read.items);
        whole.unreadable.extend(read.unreadable);
    }
    whole
}

/// The key space of `tree` cut into about `wanted` parts of about as many
/// cases each, the first open below and the last open above so that every
/// key is in one. Case numbers run from 1 within a year, so the numbers of
/// each year's first and last case say how many it holds. Empty (one part:
/// everything) for a small tree.
fn parts(tree: &sled::Tree, wanted: u64) -> Vec<Part> {
    let as_number = |key: &[u8]| <[u8; 8]>::try_from(key).ok().map(u64::from_be_bytes);
    let first = tree.first().ok().flatten().and_then(|(k, _)| as_number(&k));
    // Case keys begin with two zero bytes (a year is 16 bits).
    let last = tree
        .range(..&[0u8, 1][..])
        .next_back()
        .and_then(Result::ok)
        .and_then(|(k, _)| as_number(&k));
    let (Some(first), Some(last)) = (first, last) else {
        return Vec::new();
    };
    let mut years = Vec::new();
    for year in (first >> 32)..=(last >> 32) {
        let span = (year << 32).to_be_bytes()..((year + 1) << 32).to_be_bytes();
        let mut cases = tree.range(span);
        let lowest = cases.next().and_then(Result::ok).and_then(|(k, _)| as_number(&k));
        let highest = cases
            .next_back()
            .and_then(Result::ok)
            .and_then(|(k, _)| as_number(&k));
        if let (Some(lowest), Some(highest)) = (lowest, highest.or(lowest)) {
            years.push((lowest, highest + 1));
        }
    }
    let total: u64 = years.iter().map(|(from, to)| to - from).sum();
    if total < PARALLEL_FROM {
        return Vec::new();
    }
    let each = total.div_ceil(wanted.max(1)).max(1);
    let mut cuts = Vec::new();
    for (from, to) in years {
        let mut at = from;
        while at < to {
            cuts.push(at);
            at = at.saturating_add(each);
        }
    }
    let mut parts = Vec::with_capacity(cuts.len());
    let mut start = Bound::Unbounded;
    for cut in cuts.into_iter().skip(1) {
        parts.push((start, Bound::Excluded(cut.to_be_bytes())));
        start = Bound::Included(cut.to_be_bytes());
    }
    parts.push((start, Bound::Unbounded));
    parts
}

/// Some records through `decode`; what does not decode is reported.
pub(super) fn decode_all<T>(
    items: impl IntoIterator<Item = sled::Result<(sled::IVec, sled::IVec)>>,
    decode: &Decode<'_, T>,
) -> Decoded<T> {
    let mut decoded = Decoded::default();
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

    fn tree_with(keys: impl IntoIterator<Item = u64>, extra: &[&[u8]]) -> (tempfile::TempDir, sled::Tree) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let db = sled::open(dir.path().join("db")).expect("opens");
        let tree = db.open_tree("t").expect("a tree");
        for key in keys {
            tree.insert(key.to_be_bytes(), &key.to_be_bytes()[..])
                .expect("inserts");
        }
        for key in extra {
            tree.insert(key, &b"extra"[..]).expect("inserts");
        }
        (dir, tree)
    }

    fn every_key(tree: &sled::Tree) -> Decoded<Vec<u8>> {
        read_parallel(tree, &|key, _| Ok(Some(key.to_vec())))
    }

    #[test]
    fn every_record_is_read_once_in_key_order_over_years_and_with_other_keys() {
        let ids = |year: u64, seqs: std::ops::RangeInclusive<u64>| seqs.map(move |s| (year << 32) | s);
        // Three years, one with a gap, and a stamp that is no case number.
        let keys: Vec<u64> = ids(2024, 1..=5)
            .chain(ids(2025, 1..=6000))
            .chain(ids(2025, 9000..=9100))
            .chain(ids(2026, 1..=4000))
            .collect();
        let (_dir, tree) = tree_with(keys.clone(), &[b"summary-version"]);
        assert!(parts(&tree, 8).len() > 2, "read in parts");
        let read = every_key(&tree);
        let mut expected: Vec<Vec<u8>> = keys.iter().map(|k| k.to_be_bytes().to_vec()).collect();
        expected.push(b"summary-version".to_vec());
        assert_eq!(read.items, expected);
    }

    #[test]
    fn a_small_or_empty_tree_is_read_whole() {
        let (_dir, empty) = tree_with([], &[]);
        assert!(parts(&empty, 8).is_empty());
        assert!(every_key(&empty).items.is_empty());
        let (_dir, small) = tree_with((1..=10).map(|s| (2026u64 << 32) | s), &[b"stamp"]);
        assert!(parts(&small, 8).is_empty());
        assert_eq!(every_key(&small).items.len(), 11);
    }

    #[test]
    fn what_does_not_decode_is_named_beside_the_rest() {
        let (_dir, tree) = tree_with((1..=9000).map(|s| (2026u64 << 32) | s), &[]);
        let read = read_parallel(&tree, &|key, _| {
            if key.ends_with(&4321u32.to_be_bytes()) {
                Err(StoreError::Write("bad".into()))
            } else {
                Ok(Some(()))
            }
        });
        assert_eq!(read.items.len(), 8999);
        assert_eq!(read.unreadable.len(), 1);
    }
}

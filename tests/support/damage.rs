//! Damaging a database the way disks and people do: a flipped byte in a
//! file, a record replaced or removed behind klachtdesk's back.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use klachtdesk::domain::case::CaseId;

/// Flips one byte in the middle of the file at `path`.
pub fn flip_a_byte(path: &Path) {
    let mut bytes = fs::read(path).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    fs::write(path, bytes).unwrap();
}

/// The snapshot file sled keeps in the database folder `db`.
pub fn snapshot_file(db: &Path) -> PathBuf {
    fs::read_dir(db)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with("snap.") && !name.ends_with(".generating")
        })
        .unwrap_or_else(|| panic!("no snapshot in {}", db.display()))
}

/// The database at `db` opened with sled itself, as no klachtdesk would;
/// waits a moment for a klachtdesk that just ended to let go of it.
pub fn raw(db: &Path) -> sled::Db {
    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        match sled::open(db) {
            Ok(db) => return db,
            Err(e) if Instant::now() >= deadline => panic!("sled::open {}: {e}", db.display()),
            Err(_) => thread::sleep(Duration::from_millis(5)),
        }
    }
}

/// The key of case `id` (`K-2026-0001`) in the `cases` tree.
pub fn case_key(id: &str) -> [u8; 8] {
    CaseId::parse(id).unwrap().as_u64().to_be_bytes()
}

/// The key of event `seq` of case `id` in the `events` tree.
pub fn event_key(id: &str, seq: u32) -> Vec<u8> {
    let mut key = case_key(id).to_vec();
    key.extend_from_slice(&seq.to_be_bytes());
    key
}

/// Runs `change` on the raw database at `db`, and makes it durable.
pub fn behind_its_back(db: &Path, change: impl FnOnce(&sled::Db)) {
    let raw = raw(db);
    change(&raw);
    raw.flush().unwrap();
}

/// A case record of today's format with nothing sought and nothing promised,
/// as record format `older` (1 or 2) wrote it: the same fields without the
/// three format 3 added at the end (two empty options, an empty list).
pub fn case_as_older_format(record: &[u8], older: u8) -> Vec<u8> {
    assert!(record.ends_with(&[0, 0, 0]), "a case with a remedy or a promise");
    let mut bytes = record[..record.len() - 3].to_vec();
    bytes[0] = older;
    bytes
}

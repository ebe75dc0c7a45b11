//! The database between the desk and a job that needs it to itself: waiting
//! until sled has let go of it, and opening it again afterwards.

use std::fs::File;
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use crate::store::{Store, StoreError};

/// Waits until no process holds the database at `path` (sled's lock on its
/// `db` file), for at most `patience`; whether it is free.
pub fn wait_until_free(path: &Path, patience: Duration) -> bool {
    let started = Instant::now();
    loop {
        let free = match File::open(path.join("db")) {
            Ok(file) => file.try_lock().is_ok(),
            Err(_) => true,
        };
        if free {
            return true;
        }
        if started.elapsed() > patience {
            return false;
        }
        thread::sleep(Duration::from_millis(20));
    }
}

/// Opens the database at `path` again, waiting (at most `patience`) for
/// the job's process to let go of it.
pub fn open_again(path: &Path, patience: Duration) -> Result<Store, StoreError> {
    let started = Instant::now();
    loop {
        match Store::open(path) {
            Err(StoreError::InUse { .. }) if started.elapsed() < patience => {
                thread::sleep(Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

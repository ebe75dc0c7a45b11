//! The sessions a desk serves: how many, whose, and the way to each one's
//! loop, so that a change (or the clock, or a notice) reaches every board.

use std::collections::BTreeMap;
use std::sync::mpsc::Sender;

use parking_lot::Mutex;

use crate::session::Input;

/// One session as the desk knows it: the way to its loop.
#[derive(Debug)]
struct Entry {
    inputs: Sender<Input>,
}

/// The sessions being served, by number.
#[derive(Debug, Default)]
pub struct Registry {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    next: u64,
    sessions: BTreeMap<u64, Entry>,
}

impl Registry {
    /// Adds a session unless `max` are served already; its number.
    pub fn join(&self, inputs: Sender<Input>, max: usize) -> Option<u64> {
        let mut inner = self.inner.lock();
        if inner.sessions.len() >= max {
            return None;
        }
        inner.next += 1;
        let id = inner.next;
        inner.sessions.insert(id, Entry { inputs });
        Some(id)
    }

    pub fn leave(&self, id: u64) {
        self.inner.lock().sessions.remove(&id);
    }

    pub fn len(&self) -> usize {
        self.inner.lock().sessions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether any session has joined since the desk started.
    pub fn ever(&self) -> bool {
        self.inner.lock().next > 0
    }

    /// Sends every session what `make` makes for it; sessions whose loop
    /// has ended are forgotten.
    pub fn tell(&self, make: impl Fn() -> Input) {
        self.inner
            .lock()
            .sessions
            .retain(|_, e| e.inputs.send(make()).is_ok());
    }
}

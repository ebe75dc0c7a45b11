//! The sessions a desk serves: how many, whose, and the way to each one's
//! loop, so that a change (or the clock, or a notice) reaches every board.

use std::collections::BTreeMap;
use std::sync::Arc;
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
    inner: Arc<Mutex<Inner>>,
}

/// A way to tell every session something, for a session's own thread.
#[derive(Debug, Clone)]
pub struct Teller(Arc<Mutex<Inner>>);

impl Teller {
    /// See [`Registry::tell`].
    pub fn tell(&self, make: impl Fn() -> Input) {
        tell(&self.0, make);
    }

    /// See [`Registry::leave`].
    pub fn leave(&self, id: u64) {
        self.0.lock().sessions.remove(&id);
    }
}

fn tell(inner: &Mutex<Inner>, make: impl Fn() -> Input) {
    inner.lock().sessions.retain(|_, e| e.inputs.send(make()).is_ok());
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
        tell(&self.inner, make);
    }

    /// A way to tell every session something, from a session's thread.
    pub fn teller(&self) -> Teller {
        Teller(self.inner.clone())
    }
}

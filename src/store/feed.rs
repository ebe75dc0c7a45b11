//! The change feed: every case a command changed, told to every subscriber
//! once the change is on disk — never before, so that no screen shows a change
//! whose save then failed. Each change carries the store's change number,
//! counting up from 1 for as long as the store is open.

use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::domain::case::{Case, CaseId};

/// A change to the cases as screens follow it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    /// A case as it stands now.
    Put(Box<Case>),
    /// A case that is gone.
    Removed(CaseId),
}

/// A change with its number in the feed.
#[derive(Debug, Clone)]
pub struct Numbered {
    pub number: u64,
    pub change: Change,
}

#[derive(Debug, Default)]
struct Inner {
    number: u64,
    subscribers: Vec<Sender<Numbered>>,
}

/// Shared by every clone of a store.
#[derive(Debug, Clone, Default)]
pub(crate) struct Feed(Arc<Mutex<Inner>>);

impl Feed {
    pub(crate) fn subscribe(&self) -> Subscription {
        let (send, receive) = channel();
        let mut inner = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        inner.subscribers.push(send);
        Subscription {
            receive,
            since: inner.number,
        }
    }

    /// Tells every subscriber; forgets the ones that have gone.
    pub(crate) fn publish(&self, changes: impl IntoIterator<Item = Change>) {
        let mut inner = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        for change in changes {
            inner.number += 1;
            let numbered = Numbered {
                number: inner.number,
                change,
            };
            inner.subscribers.retain(|s| s.send(numbered.clone()).is_ok());
        }
    }

    /// The number of the last change told.
    pub(crate) fn number(&self) -> u64 {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).number
    }
}

/// The changes from the moment of subscribing on, in the order they were told.
#[derive(Debug)]
pub struct Subscription {
    receive: Receiver<Numbered>,
    /// The last change made before subscribing.
    pub since: u64,
}

impl Subscription {
    /// The next change; `None` once the store is gone.
    pub fn next_change(&self) -> Option<Numbered> {
        self.receive.recv().ok()
    }

    /// The next change within `wait`; `Err` says whether time ran out or the
    /// store is gone.
    pub fn next_within(&self, wait: Duration) -> Result<Numbered, RecvTimeoutError> {
        self.receive.recv_timeout(wait)
    }
}

impl Iterator for Subscription {
    type Item = Numbered;

    fn next(&mut self) -> Option<Numbered> {
        self.next_change()
    }
}

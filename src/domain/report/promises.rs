//! Promises to the complainant kept on time: of the promises whose moment
//! fell in the period (and has come), how many were kept by it. A promise
//! moved after the period counts with the moment it had then, so that a
//! report about a past period stays as it was.

use chrono::{DateTime, Utc};

use crate::domain::case::Case;
use crate::domain::promise::Promise;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PromisesKept {
    /// Promises due in the period, by `as_of`.
    pub due: usize,
    /// Of those, kept by their moment.
    pub on_time: usize,
}

pub fn kept<'a>(
    cases: impl IntoIterator<Item = &'a Case>,
    in_period: &dyn Fn(DateTime<Utc>) -> bool,
    as_of: DateTime<Utc>,
) -> PromisesKept {
    let mut kept = PromisesKept::default();
    for promise in cases.into_iter().flat_map(|c| &c.promises) {
        if promise.made_at > as_of {
            continue;
        }
        let due = due_at(promise, as_of);
        if !in_period(due) || due > as_of {
            continue;
        }
        kept.due += 1;
        kept.on_time += usize::from(promise.kept_at.is_some_and(|k| k <= due));
    }
    kept
}

/// The moment the promise was due as it stood at `t`: before any move made after.
fn due_at(promise: &Promise, t: DateTime<Utc>) -> DateTime<Utc> {
    promise
        .moves
        .iter()
        .find(|m| m.at > t)
        .map_or(promise.due, |m| m.from)
}

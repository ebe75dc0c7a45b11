//! Data as an older klachtdesk could have stored it, before one-line fields
//! refused control characters: written straight into the store, no guard run.

#![allow(dead_code)]

use klachtdesk::domain::case::{Case, CaseId};
use klachtdesk::store::Store;

/// Changes case `id` in the store as a version that let control characters
/// into one-line fields could have left it: the snapshot written straight
/// into the store (no guard runs), its audit trail as it was.
pub fn as_an_older_version_stored_it(store: &Store, id: CaseId, change: impl FnOnce(&mut Case)) {
    let mut case = store.get(id).unwrap();
    change(&mut case);
    let events = store.events(id).unwrap();
    store.write_bulk(&[(case, events)]).unwrap();
}

//! Exports before version 3 were written before a case held the remedy
//! sought and the promises made: a case without them sought nothing and was
//! promised nothing. Such a file is not missing a field.

use serde_json::Value;

/// The fields of a case that version 3 added.
const ADDED_IN_3: [&str; 3] = ["remedy_sought", "remedy_granted", "promises"];

/// Takes out of `canonical` (a case as its parsed form writes it) each field
/// added in version 3 that `given` (the file) lacks and that is empty.
pub fn allow_missing(given: &Value, canonical: &mut Value) {
    let Some(fields) = canonical.as_object_mut() else {
        return;
    };
    for added in ADDED_IN_3 {
        let empty = fields
            .get(added)
            .is_some_and(|v| v.is_null() || v.as_array().is_some_and(Vec::is_empty));
        if empty && given.get(added).is_none() {
            fields.remove(added);
        }
    }
}

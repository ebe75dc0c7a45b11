//! Exports of version 1 were written before the steps that start or stop a
//! clock said when they happened: their events' commands lack `at`, which
//! then means the moment the event was recorded. Such a file is not missing
//! a field.

use serde_json::Value;

/// Takes out of `canonical` (a case as its parsed form writes it) each
/// command's empty `at` that the same command in `given` (the file) lacks.
pub fn allow_missing(given: &Value, canonical: &mut Value) {
    let (Some(given), Some(canonical)) = (
        given.get("events").and_then(Value::as_array),
        canonical.get_mut("events").and_then(Value::as_array_mut),
    ) else {
        return;
    };
    for (given, canonical) in given.iter().zip(canonical) {
        let (Some(given), Some(canonical)) = (body(given), body_mut(canonical)) else {
            continue;
        };
        if !given.contains_key("at") && canonical.get("at").is_some_and(Value::is_null) {
            canonical.remove("at");
        }
    }
}

/// The fields of an event's command: `"kind": {"command": {"close": {…}}}`.
fn body(event: &Value) -> Option<&serde_json::Map<String, Value>> {
    let steps = event.get("kind")?.get("command")?.as_object()?;
    steps.values().next()?.as_object()
}

fn body_mut(event: &mut Value) -> Option<&mut serde_json::Map<String, Value>> {
    let steps = event.get_mut("kind")?.get_mut("command")?.as_object_mut()?;
    steps.values_mut().next()?.as_object_mut()
}

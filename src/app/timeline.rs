//! Which audit events the case pane's timeline shows beside the contact log.

use crate::domain::case::Case;
use crate::domain::event::{Event, EventKind};
use crate::domain::workflow::Command;

/// The events the timeline shows: all but those that only logged a contact
/// the case's contact log shows already (with its kind and text), so that a
/// call logged is in the timeline once.
pub fn events<'a>(case: &'a Case, events: &'a [Event]) -> impl Iterator<Item = &'a Event> + 'a {
    events.iter().filter(move |event| !in_contact_log(case, event))
}

fn in_contact_log(case: &Case, event: &Event) -> bool {
    let EventKind::Command(Command::LogContact { kind, direction, .. }) = &event.kind else {
        return false;
    };
    case.contact_log.iter().any(|log| {
        (log.at, &log.author, log.kind, log.direction) == (event.at, &event.actor, *kind, *direction)
    })
}

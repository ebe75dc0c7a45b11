//! Who else is where: each session's operator, the case they have open and
//! the field they are editing, shared by every session of a desk, so that a
//! card and the case pane can say "Bram has this open" and "Bram is editing
//! Outcome" before anyone saves over anybody.

use std::collections::BTreeMap;
use std::sync::Arc;

use parking_lot::RwLock;

use crate::domain::case::CaseId;
use crate::domain::problem::Field;

/// Where one operator is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Seat {
    pub operator: String,
    /// The case open in their pane or form.
    pub case: Option<CaseId>,
    /// The field they are editing in it.
    pub field: Option<Field>,
}

/// Every session's seat, by session number; cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct Presence(Arc<RwLock<BTreeMap<u64, Seat>>>);

impl Presence {
    /// Records where session `id` is now; whether that changed anything.
    pub fn set(&self, id: u64, seat: Seat) -> bool {
        let mut seats = self.0.write();
        if seats.get(&id) == Some(&seat) {
            return false;
        }
        seats.insert(id, seat);
        true
    }

    pub fn leave(&self, id: u64) {
        self.0.write().remove(&id);
    }

    /// The others (not session `me`) on case `case`: who, and the field each
    /// is editing; one entry per operator, editors first.
    pub fn others_on(&self, me: u64, case: CaseId) -> Vec<(String, Option<Field>)> {
        let seats = self.0.read();
        let mut out: Vec<(String, Option<Field>)> = Vec::new();
        for (_, seat) in seats.iter().filter(|(id, s)| **id != me && s.case == Some(case)) {
            match out.iter_mut().find(|(name, _)| *name == seat.operator) {
                Some(entry) if entry.1.is_none() => entry.1 = seat.field,
                Some(_) => {}
                None => out.push((seat.operator.clone(), seat.field)),
            }
        }
        out.sort_by_key(|(name, field)| (field.is_none(), name.clone()));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn others_are_named_once_editors_first_and_never_me() {
        let presence = Presence::default();
        let case = CaseId::new(2026, 7);
        let seat = |operator: &str, field| Seat {
            operator: operator.into(),
            case: Some(case),
            field,
        };
        assert!(presence.set(1, seat("anna", None)));
        assert!(!presence.set(1, seat("anna", None)), "unchanged");
        presence.set(2, seat("bram", None));
        presence.set(3, seat("carla", Some(Field::Outcome)));
        presence.set(4, seat("bram", Some(Field::Name)));
        assert_eq!(
            presence.others_on(1, case),
            [
                ("bram".to_string(), Some(Field::Name)),
                ("carla".to_string(), Some(Field::Outcome)),
            ]
        );
        presence.leave(3);
        assert_eq!(presence.others_on(1, case).len(), 1);
        assert!(presence.others_on(1, CaseId::new(2026, 8)).is_empty());
    }
}

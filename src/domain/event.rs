//! The audit trail: one event per command, append-only.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::case::{Case, CaseId};
use super::moment;
use super::problem::Field;
use super::workflow::{Command, State};

/// What an event records was done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    Registered,
    Command(Command),
}

/// A field's value before and after a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: Field,
    pub before: String,
    pub after: String,
}

/// One entry in a case's audit trail: who did what when, and what it changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub case: CaseId,
    /// 1 for the registration, then one more per command.
    pub seq: u32,
    #[serde(with = "moment")]
    pub at: DateTime<Utc>,
    pub actor: String,
    pub kind: EventKind,
    pub from: Option<State>,
    pub to: State,
    pub changes: Vec<FieldChange>,
}

impl Event {
    /// When the step it records happened: the moment given with it, else when
    /// it was recorded.
    pub fn happened_at(&self) -> DateTime<Utc> {
        match &self.kind {
            EventKind::Command(c) => c.at().unwrap_or(self.at),
            EventKind::Registered => self.at,
        }
    }

    /// The event that takes `before` (none for a registration) to `after`.
    pub fn between(
        before: Option<&Case>,
        after: &Case,
        kind: EventKind,
        at: DateTime<Utc>,
        actor: &str,
    ) -> Self {
        let old = before.map(Case::audited_values).unwrap_or_default();
        let changes = after
            .audited_values()
            .into_iter()
            .filter_map(|(field, now)| {
                let was = old
                    .iter()
                    .find(|(f, _)| *f == field)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default();
                (was != now).then_some(FieldChange {
                    field,
                    before: was,
                    after: now,
                })
            })
            .collect();
        Self {
            case: after.id,
            seq: after.version,
            at,
            actor: actor.to_string(),
            kind,
            from: before.map(|c| c.state),
            to: after.state,
            changes,
        }
    }
}

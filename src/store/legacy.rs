//! Records of format 1, written before the steps that start or stop a clock
//! said when they happened. They are read and upgraded (such a step happened
//! when it was recorded), never written.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::domain::case::{AckVia, CaseId, Direction, LogKind, Satisfaction};
use crate::domain::event::{Event, EventKind, FieldChange};
use crate::domain::moment;
use crate::domain::privacy::AnonymiseReason;
use crate::domain::workflow::{Command, Edit, State};

/// An audit event as format 1 stored it.
#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct EventV1 {
    case: CaseId,
    seq: u32,
    #[serde(with = "moment")]
    at: DateTime<Utc>,
    actor: String,
    kind: KindV1,
    from: Option<State>,
    to: State,
    changes: Vec<FieldChange>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
enum KindV1 {
    Registered,
    Command(CommandV1),
}

/// `Command` as format 1 stored it: the same variants in the same order.
#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
enum CommandV1 {
    Acknowledge {
        #[serde(with = "moment")]
        at: DateTime<Utc>,
        via: AckVia,
    },
    TakeIntoTreatment {
        handler: String,
    },
    DeclareNotAdmissible {
        justification: String,
    },
    RequestInformation {
        request: String,
    },
    InformationReceived {
        note: String,
    },
    CommunicateOutcome {
        root_cause: String,
        solution: String,
        outcome: String,
    },
    Close {
        learnings: String,
        satisfaction: Option<Satisfaction>,
    },
    Reopen {
        reason: String,
    },
    Withdraw {
        reason: String,
    },
    AssignHandler {
        handler: String,
    },
    SetInvolved {
        staff: Vec<String>,
    },
    LogContact {
        kind: LogKind,
        direction: Direction,
        text: String,
    },
    Edit {
        edits: Vec<Edit>,
    },
    Anonymise {
        reason: AnonymiseReason,
        pseudonym: String,
    },
}

impl From<EventV1> for Event {
    fn from(e: EventV1) -> Event {
        Event {
            case: e.case,
            seq: e.seq,
            at: e.at,
            actor: e.actor,
            kind: match e.kind {
                KindV1::Registered => EventKind::Registered,
                KindV1::Command(c) => EventKind::Command(c.into()),
            },
            from: e.from,
            to: e.to,
            changes: e.changes,
        }
    }
}

impl From<CommandV1> for Command {
    fn from(c: CommandV1) -> Command {
        use CommandV1 as V1;
        let at = None;
        match c {
            V1::Acknowledge { at, via } => Command::Acknowledge { at, via },
            V1::TakeIntoTreatment { handler } => Command::TakeIntoTreatment { handler, at },
            V1::DeclareNotAdmissible { justification } => Command::DeclareNotAdmissible { justification, at },
            V1::RequestInformation { request } => Command::RequestInformation { request, at },
            V1::InformationReceived { note } => Command::InformationReceived { note, at },
            V1::CommunicateOutcome {
                root_cause,
                solution,
                outcome,
            } => Command::CommunicateOutcome {
                root_cause,
                solution,
                outcome,
                at,
            },
            V1::Close {
                learnings,
                satisfaction,
            } => Command::Close {
                learnings,
                satisfaction,
                at,
            },
            V1::Reopen { reason } => Command::Reopen { reason, at },
            V1::Withdraw { reason } => Command::Withdraw { reason, at },
            V1::AssignHandler { handler } => Command::AssignHandler { handler },
            V1::SetInvolved { staff } => Command::SetInvolved { staff },
            V1::LogContact {
                kind,
                direction,
                text,
            } => Command::LogContact {
                kind,
                direction,
                text,
            },
            V1::Edit { edits } => Command::Edit { edits },
            V1::Anonymise { reason, pseudonym } => Command::Anonymise { reason, pseudonym },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::codec;

    fn v1(value: &impl serde::Serialize) -> Vec<u8> {
        let mut bytes = codec::encode(value);
        bytes[0] = 1;
        bytes
    }

    #[test]
    fn an_event_of_format_1_reads_as_a_step_that_happened_when_it_was_recorded() {
        let at: DateTime<Utc> = "2026-11-23T09:00:00Z".parse().unwrap();
        let event = |command| EventV1 {
            case: CaseId::new(2026, 7),
            seq: 3,
            at,
            actor: "Anna".into(),
            kind: KindV1::Command(command),
            from: Some(State::Acknowledged),
            to: State::InTreatment,
            changes: Vec::new(),
        };
        let read: Event = codec::decode(&v1(&event(CommandV1::TakeIntoTreatment {
            handler: "Bram".into(),
        })))
        .unwrap();
        assert_eq!(
            read.kind,
            EventKind::Command(Command::TakeIntoTreatment {
                handler: "Bram".into(),
                at: None
            })
        );
        assert_eq!((read.seq, read.at, read.happened_at()), (3, at, at));
        let read: Event = codec::decode(&v1(&event(CommandV1::LogContact {
            kind: LogKind::Call,
            direction: Direction::Inbound,
            text: "Rang back".into(),
        })))
        .unwrap();
        assert!(matches!(
            read.kind,
            EventKind::Command(Command::LogContact { .. })
        ));
    }
}

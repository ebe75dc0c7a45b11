//! One case as the JSON export writes it: every field of the case, `id` and
//! `state` first, then its audit trail under `events`.
//!
//! A mirror of `Case` rather than `Case` itself, for two reasons: the export is
//! a versioned format of its own, so a new field on `Case` must be a conscious
//! change here (the exhaustive conversions below stop compiling until it is);
//! and a struct of its own can refuse unknown fields and report a wrong value
//! at its exact line, which `#[serde(flatten)]` would not.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::CaseTrail;
use crate::domain::case::{
    Acknowledgement, Admissibility, Case, CaseId, Channel, Contact, InfoRequest, LogEntry, Satisfaction,
    TargetVerdict, Withdrawal,
};
use crate::domain::event::Event;
use crate::domain::moment;
use crate::domain::promise::Promise;
use crate::domain::remedy::{Granted, RemedySought};
use crate::domain::workflow::State;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseRecord {
    pub id: CaseId,
    pub state: State,
    pub version: u32,
    #[serde(with = "moment")]
    pub complained_at: DateTime<Utc>,
    #[serde(with = "moment")]
    pub registered_at: DateTime<Utc>,
    pub registered_by: String,
    pub channel: Channel,
    pub contact: Contact,
    pub service: String,
    pub description: String,
    pub handler: Option<String>,
    pub involved: Vec<String>,
    pub contact_log: Vec<LogEntry>,
    pub acknowledgement: Option<Acknowledgement>,
    pub admissibility: Option<Admissibility>,
    pub justification: String,
    pub info_requests: Vec<InfoRequest>,
    pub root_cause: String,
    pub solution: String,
    pub outcome: String,
    #[serde(with = "moment::option")]
    pub outcome_communicated_at: Option<DateTime<Utc>>,
    pub satisfaction: Option<Satisfaction>,
    pub learnings: String,
    pub withdrawal: Option<Withdrawal>,
    #[serde(with = "moment::option")]
    pub closed_at: Option<DateTime<Utc>>,
    #[serde(with = "moment::option")]
    pub outcome_clock_since: Option<DateTime<Utc>>,
    pub verdicts: Vec<TargetVerdict>,
    #[serde(default)]
    pub remedy_sought: Option<RemedySought>,
    #[serde(default)]
    pub remedy_granted: Option<Granted>,
    #[serde(default)]
    pub promises: Vec<Promise>,
    /// The audit trail, oldest first.
    pub events: Vec<Event>,
}

impl From<CaseTrail> for CaseRecord {
    fn from(trail: CaseTrail) -> Self {
        let Case {
            id,
            state,
            version,
            complained_at,
            registered_at,
            registered_by,
            channel,
            contact,
            service,
            description,
            handler,
            involved,
            contact_log,
            acknowledgement,
            admissibility,
            justification,
            info_requests,
            root_cause,
            solution,
            outcome,
            outcome_communicated_at,
            satisfaction,
            learnings,
            withdrawal,
            closed_at,
            outcome_clock_since,
            verdicts,
            remedy_sought,
            remedy_granted,
            promises,
        } = trail.case;
        CaseRecord {
            id,
            state,
            version,
            complained_at,
            registered_at,
            registered_by,
            channel,
            contact,
            service,
            description,
            handler,
            involved,
            contact_log,
            acknowledgement,
            admissibility,
            justification,
            info_requests,
            root_cause,
            solution,
            outcome,
            outcome_communicated_at,
            satisfaction,
            learnings,
            withdrawal,
            closed_at,
            outcome_clock_since,
            verdicts,
            remedy_sought,
            remedy_granted,
            promises,
            events: trail.events,
        }
    }
}

impl From<CaseRecord> for CaseTrail {
    fn from(record: CaseRecord) -> Self {
        let CaseRecord {
            id,
            state,
            version,
            complained_at,
            registered_at,
            registered_by,
            channel,
            contact,
            service,
            description,
            handler,
            involved,
            contact_log,
            acknowledgement,
            admissibility,
            justification,
            info_requests,
            root_cause,
            solution,
            outcome,
            outcome_communicated_at,
            satisfaction,
            learnings,
            withdrawal,
            closed_at,
            outcome_clock_since,
            verdicts,
            remedy_sought,
            remedy_granted,
            promises,
            events,
        } = record;
        let case = Case {
            id,
            state,
            version,
            complained_at,
            registered_at,
            registered_by,
            channel,
            contact,
            service,
            description,
            handler,
            involved,
            contact_log,
            acknowledgement,
            admissibility,
            justification,
            info_requests,
            root_cause,
            solution,
            outcome,
            outcome_communicated_at,
            satisfaction,
            learnings,
            withdrawal,
            closed_at,
            outcome_clock_since,
            verdicts,
            remedy_sought,
            remedy_granted,
            promises,
        };
        CaseTrail { case, events }
    }
}

//! Cases as record formats 1 and 2 stored them, before a case knew the remedy
//! the complainant seeks and the promises made to them. They are read and
//! upgraded (nothing sought, nothing promised), never written.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::domain::case::{
    Acknowledgement, Admissibility, Case, CaseId, Channel, Contact, InfoRequest, LogEntry, Satisfaction,
    TargetVerdict, Withdrawal,
};
use crate::domain::moment;
use crate::domain::workflow::State;

/// `Case` as formats 1 and 2 stored it: the same fields in the same order.
#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct CaseV2 {
    id: CaseId,
    state: State,
    version: u32,
    #[serde(with = "moment")]
    complained_at: DateTime<Utc>,
    #[serde(with = "moment")]
    registered_at: DateTime<Utc>,
    registered_by: String,
    channel: Channel,
    contact: Contact,
    service: String,
    description: String,
    handler: Option<String>,
    involved: Vec<String>,
    contact_log: Vec<LogEntry>,
    acknowledgement: Option<Acknowledgement>,
    admissibility: Option<Admissibility>,
    justification: String,
    info_requests: Vec<InfoRequest>,
    root_cause: String,
    solution: String,
    outcome: String,
    #[serde(with = "moment::option")]
    outcome_communicated_at: Option<DateTime<Utc>>,
    satisfaction: Option<Satisfaction>,
    learnings: String,
    withdrawal: Option<Withdrawal>,
    #[serde(with = "moment::option")]
    closed_at: Option<DateTime<Utc>>,
    #[serde(with = "moment::option")]
    outcome_clock_since: Option<DateTime<Utc>>,
    verdicts: Vec<TargetVerdict>,
}

impl From<CaseV2> for Case {
    fn from(old: CaseV2) -> Self {
        let CaseV2 {
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
        } = old;
        Case {
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
            remedy_sought: None,
            remedy_granted: None,
            promises: Vec::new(),
        }
    }
}

#[cfg(test)]
impl From<Case> for CaseV2 {
    /// A case as format 2 wrote it, for tests of the upgrade.
    fn from(case: Case) -> Self {
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
            ..
        } = case;
        CaseV2 {
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
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::intake::Intake;
    use crate::domain::workflow::{Ctx, Rules, register};
    use crate::store::codec;

    fn case() -> Case {
        let rules = Rules::default();
        let ctx = Ctx {
            now: DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default(),
            actor: "anna",
            rules: &rules,
        };
        let intake = Intake {
            name: "Jan de Vries".into(),
            phone: "06-12345678".into(),
            service: "Other".into(),
            description: "No call back.".into(),
            ..Intake::default()
        };
        register(CaseId::new(2026, 42), &intake, &ctx)
            .expect("registers")
            .0
    }

    /// A record of `format` holding `value`, as that format wrote it.
    fn written<T: serde::Serialize>(format: u8, value: &T) -> Vec<u8> {
        let mut bytes = codec::encode(value);
        bytes[0] = format;
        bytes
    }

    #[test]
    fn cases_of_formats_1_and_2_read_with_nothing_sought_and_nothing_promised() {
        let case = case();
        for format in [1, 2] {
            let old = written(format, &CaseV2::from(case.clone()));
            assert_eq!(codec::decode::<Case>(&old), Ok(case.clone()), "format {format}");
        }
    }

    #[test]
    fn a_format_2_case_is_its_format_3_record_without_the_fields_added_last() {
        // What the integration tests rely on to write a format-2 case: the
        // three fields added (two empty options, an empty list) are three
        // zero bytes at the end.
        let case = case();
        let new = codec::encode(&case);
        let old = written(2, &CaseV2::from(case));
        assert_eq!(&new[1..new.len() - 3], &old[1..]);
        assert_eq!(&new[new.len() - 3..], &[0, 0, 0]);
    }
}

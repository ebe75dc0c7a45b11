//! The case pane's fields: which can be selected and edited, in the order shown.

use crate::domain::case::Case;
use crate::domain::problem::Field;

/// The fields of a case the pane lists, each editable in place.
pub const PANE_FIELDS: [Field; 18] = [
    Field::Name,
    Field::Phone,
    Field::Email,
    Field::Organisation,
    Field::Service,
    Field::Channel,
    Field::ComplainedAt,
    Field::Description,
    Field::Remedy,
    Field::Handler,
    Field::Involved,
    Field::Justification,
    Field::RootCause,
    Field::Solution,
    Field::Outcome,
    Field::RemedyGranted,
    Field::Satisfaction,
    Field::Learnings,
];

/// Fields whose text runs over several lines.
pub fn is_multiline(field: Field) -> bool {
    matches!(
        field,
        Field::Description
            | Field::Justification
            | Field::RootCause
            | Field::Solution
            | Field::Outcome
            | Field::Learnings
            | Field::Request
            | Field::WithdrawReason
            | Field::LogText
            | Field::PromiseReason
    )
}

/// A field's current value as text, as an editor starts with it.
pub fn value(case: &Case, field: Field) -> String {
    let c = &case.contact;
    match field {
        Field::Name => c.name.clone(),
        Field::Phone => c.phone.clone().unwrap_or_default(),
        Field::Email => c.email.clone().unwrap_or_default(),
        Field::Organisation => c.organisation.clone().unwrap_or_default(),
        Field::Service => case.service.clone(),
        Field::Description => case.description.clone(),
        Field::Handler => case.handler.clone().unwrap_or_default(),
        Field::Involved => case.involved.join(", "),
        Field::Justification => case.justification.clone(),
        Field::RootCause => case.root_cause.clone(),
        Field::Solution => case.solution.clone(),
        Field::Outcome => case.outcome.clone(),
        Field::Learnings => case.learnings.clone(),
        Field::Remedy => case
            .remedy_sought
            .as_ref()
            .map(|s| s.remedy.slug().to_string())
            .unwrap_or_default(),
        Field::RemedyText => case
            .remedy_sought
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default(),
        Field::WithdrawReason => case
            .withdrawal
            .as_ref()
            .map(|w| w.reason.clone())
            .unwrap_or_default(),
        Field::Channel
        | Field::ComplainedAt
        | Field::AckAt
        | Field::StepAt
        | Field::AckVia
        | Field::Satisfaction
        | Field::Request
        | Field::LogText
        | Field::LogKind
        | Field::Direction
        | Field::RemedyGranted
        | Field::PromiseWhat
        | Field::PromiseDue
        | Field::PromiseReason
        | Field::Promises => String::new(),
    }
}

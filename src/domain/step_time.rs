//! When a step happened: the moment given with it, or when it is recorded; never
//! in the future and never before the step before it, so that the clocks it
//! starts and stops count from what really happened.

use chrono::{DateTime, Utc};

use super::case::Case;
use super::problem::{Field, Problem, Problems};

/// The moment of a step given `at` (`None`: now), with its problems in `p`.
pub(super) fn step_time(
    case: &Case,
    at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    p: &mut Problems,
) -> DateTime<Utc> {
    let Some(at) = at else { return now };
    let previous = previous_step_at(case);
    if at > now {
        p.push(Problem::InFuture(Field::StepAt));
    } else if whole_minutes(at) < whole_minutes(previous) {
        // Operators type minutes: a step in the previous one's own minute is not
        // earlier than it.
        p.push(Problem::BeforePreviousStep { previous });
    }
    at
}

/// The latest moment the case's procedure records: the complaint, or the last
/// step taken since.
pub fn previous_step_at(case: &Case) -> DateTime<Utc> {
    let requests = case
        .info_requests
        .iter()
        .flat_map(|r| [Some(r.requested_at), r.received_at]);
    [
        case.acknowledgement.as_ref().map(|a| a.at),
        case.admissibility.as_ref().map(|a| a.decided_at),
        case.outcome_clock_since,
        case.outcome_communicated_at,
        case.withdrawal.as_ref().map(|w| w.at),
        case.closed_at,
    ]
    .into_iter()
    .chain(requests)
    .flatten()
    .fold(case.complained_at, DateTime::max)
}

pub(super) fn whole_minutes(t: DateTime<Utc>) -> i64 {
    t.timestamp().div_euclid(60)
}

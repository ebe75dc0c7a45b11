//! What can be wrong with an import file, and where: as data, so that tests
//! can ask for a particular refusal and the operator reads it in their language.

use chrono::{DateTime, Utc};

use super::position::Position;
use super::strict::Difference;
use crate::domain::case::CaseId;
use crate::domain::problem::{Field, Refusal};
use crate::domain::workflow::{State, Step};

/// Something wrong with the file as a whole; nothing after it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    NotUtf8,
    /// Not JSON, or JSON of the wrong shape; serde_json's words.
    Json(String),
    /// JSON, but not a klachtdesk export.
    NotAnExport,
    TooNew {
        found: u32,
        supported: u32,
    },
}

/// Something wrong with one case: its JSON, or its audit trail and snapshot
/// measured against the procedure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrailProblem {
    /// A value of the wrong type, an unknown state and the like; serde_json's words.
    Json(String),
    UnknownField(String),
    MissingField(String),
    /// The case's number occurs earlier in the file, at this line.
    Duplicate {
        first_line: usize,
    },
    NoTrail,
    /// The event at this place (1-based) is not the case's next event.
    Numbering {
        index: usize,
    },
    Version {
        version: u32,
        events: usize,
    },
    InFuture {
        seq: u32,
        at: DateTime<Utc>,
    },
    NotRegistration,
    SecondRegistration {
        seq: u32,
    },
    /// Re-applying the event's command (`None`: the registration) under the
    /// desk's rules is refused.
    Refused {
        seq: u32,
        step: Option<Step>,
        refusal: Refusal,
    },
    /// The event is not the one its command records when re-applied.
    EventDiffers {
        seq: u32,
        difference: Difference,
    },
    /// The snapshot is not where its audit trail leads.
    SnapshotDiffers(Difference),
    /// A recorded deadline verdict disagrees with the trail or with itself.
    VerdictDiffers {
        index: usize,
        what: &'static str,
    },
    /// The state lacks fields it needs.
    Incomplete {
        state: State,
        missing: Vec<Field>,
    },
}

/// A problem, with the line and case it is about where known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub at: Option<Position>,
    pub case: Option<CaseId>,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    File(FileProblem),
    Trail(TrailProblem),
}

impl Located {
    pub fn file(at: Option<Position>, problem: FileProblem) -> Self {
        Located {
            at,
            case: None,
            problem: Problem::File(problem),
        }
    }

    pub fn trail(at: Option<Position>, case: Option<CaseId>, problem: TrailProblem) -> Self {
        Located {
            at,
            case,
            problem: Problem::Trail(problem),
        }
    }
}

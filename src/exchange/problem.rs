//! What can be wrong with an import file, and where: as data, so that tests
//! can ask for a particular refusal and the operator reads it in their language.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::position::Position;
use super::strict::Difference;
use crate::domain::case::CaseId;
use crate::domain::problem::{Field, Refusal};
use crate::domain::workflow::{State, Step};
use crate::i18n::{self, Lang, T};
use crate::sanitize::one_line;

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

    /// `file, line 12, case K-2026-0003: reason`, on one line, with anything
    /// taken from the file made safe to print.
    pub fn describe(&self, lang: Lang, file: &Path) -> String {
        let mut place = vec![file.display().to_string()];
        if let Some(at) = self.at {
            place.push(lang.fill(T::ImportLine, &[("line", &at.line), ("column", &at.column)]));
        }
        if let Some(id) = self.case {
            place.push(lang.fill(T::ImportCase, &[("id", &id)]));
        }
        one_line(&format!("{}: {}", place.join(", "), self.reason(lang)))
    }

    fn reason(&self, lang: Lang) -> String {
        match &self.problem {
            Problem::File(p) => file_reason(lang, p),
            Problem::Trail(p) => trail_reason(lang, p),
        }
    }
}

fn file_reason(lang: Lang, p: &FileProblem) -> String {
    match p {
        FileProblem::NotUtf8 => lang.t(T::ImportNotUtf8).to_string(),
        FileProblem::Json(reason) => reason.clone(),
        FileProblem::NotAnExport => lang.t(T::ImportNotAnExport).to_string(),
        FileProblem::TooNew { found, supported } => {
            lang.fill(T::ImportTooNew, &[("found", found), ("supported", supported)])
        }
    }
}

/// Why a case's audit trail and snapshot do not agree, in words.
pub fn trail_reason(lang: Lang, p: &TrailProblem) -> String {
    let stamp = |t: &DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    match p {
        TrailProblem::Json(reason) => reason.clone(),
        TrailProblem::UnknownField(field) => lang.fill(T::ImportUnknownField, &[("field", field)]),
        TrailProblem::MissingField(field) => lang.fill(T::ImportMissingField, &[("field", field)]),
        TrailProblem::Duplicate { first_line } => lang.fill(T::ImportDuplicate, &[("line", first_line)]),
        TrailProblem::NoTrail => lang.t(T::ImportNoTrail).to_string(),
        TrailProblem::Numbering { index } => lang.fill(T::ImportNumbering, &[("index", index)]),
        TrailProblem::Version { version, events } => {
            lang.fill(T::ImportVersion, &[("version", version), ("count", events)])
        }
        TrailProblem::InFuture { seq, at } => {
            lang.fill(T::ImportInFuture, &[("seq", seq), ("at", &stamp(at))])
        }
        TrailProblem::NotRegistration => lang.t(T::ImportNotRegistration).to_string(),
        TrailProblem::SecondRegistration { seq } => lang.fill(T::ImportSecondRegistration, &[("seq", seq)]),
        TrailProblem::Refused { seq, step, refusal } => lang.fill(
            T::ImportRefused,
            &[
                ("seq", seq),
                ("step", &lang.t(step.map_or(T::Registration, i18n::step_key))),
                ("reason", &i18n::refusal(lang, refusal)),
            ],
        ),
        TrailProblem::EventDiffers { seq, difference } => lang.fill(
            T::ImportEventDiffers,
            &[
                ("seq", seq),
                ("field", &difference.path),
                ("trail", &difference.left),
                ("file", &difference.right),
            ],
        ),
        TrailProblem::SnapshotDiffers(difference) => lang.fill(
            T::ImportSnapshotDiffers,
            &[
                ("field", &difference.path),
                ("trail", &difference.left),
                ("file", &difference.right),
            ],
        ),
        TrailProblem::VerdictDiffers { index, what } => {
            lang.fill(T::ImportVerdictDiffers, &[("index", index), ("what", what)])
        }
        TrailProblem::Incomplete { state, missing } => {
            let fields: Vec<&str> = missing.iter().map(|f| lang.t(i18n::field_key(*f))).collect();
            lang.fill(
                T::ImportIncomplete,
                &[
                    ("state", &lang.t(i18n::state_key(*state))),
                    ("fields", &fields.join(", ")),
                ],
            )
        }
    }
}

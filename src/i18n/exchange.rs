//! What is wrong with a file given to `import`, in the operator's words.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::{Lang, T, field_key, state_key, step_key};
use crate::exchange::problem::{FileProblem, Located, Problem, TrailProblem};
use crate::sanitize::one_line;

/// A problem found in an import file, where it was found.
pub trait DescribeIn {
    /// `file, line 12, case K-2026-0003: reason`, on one line, with anything
    /// taken from the file made safe to print.
    fn describe(&self, lang: Lang, file: &Path) -> String;
}

impl DescribeIn for Located {
    fn describe(&self, lang: Lang, file: &Path) -> String {
        let mut place = vec![file.display().to_string()];
        if let Some(at) = self.at {
            place.push(lang.fill(T::ImportLine, &[("line", &at.line), ("column", &at.column)]));
        }
        if let Some(id) = self.case {
            place.push(lang.fill(T::ImportCase, &[("id", &id)]));
        }
        one_line(&format!("{}: {}", place.join(", "), reason(self, lang)))
    }
}

/// Why the problem is one.
fn reason(located: &Located, lang: Lang) -> String {
    match &located.problem {
        Problem::File(p) => file_reason(lang, p),
        Problem::Trail(p) => trail_reason(lang, p),
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
                ("step", &lang.t(step.map_or(T::Registration, step_key))),
                ("reason", &super::refusal(lang, refusal)),
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
            let fields: Vec<&str> = missing.iter().map(|f| lang.t(field_key(*f))).collect();
            lang.fill(
                T::ImportIncomplete,
                &[
                    ("state", &lang.t(state_key(*state))),
                    ("fields", &fields.join(", ")),
                ],
            )
        }
    }
}

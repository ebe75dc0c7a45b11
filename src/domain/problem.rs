//! What can be wrong with an operator's input or command, as data: the i18n
//! catalogue turns each problem into words, and a form shows it next to its field.

use chrono::{DateTime, Utc};

use super::case::CaseId;
use super::workflow::{State, Step};

/// The fields of a case an operator fills in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    Name,
    Phone,
    Email,
    Organisation,
    Service,
    Channel,
    ComplainedAt,
    Description,
    Handler,
    Involved,
    AckAt,
    AckVia,
    Justification,
    Request,
    RootCause,
    Solution,
    Outcome,
    Satisfaction,
    Learnings,
    WithdrawReason,
    LogText,
    LogKind,
    Direction,
    /// When a step that starts or stops a clock happened.
    StepAt,
    /// What the complainant wants: its kind, their words, and whether the
    /// outcome granted it.
    Remedy,
    RemedyText,
    RemedyGranted,
    /// What was promised to the complainant.
    PromiseWhat,
    /// By when it was promised.
    PromiseDue,
    /// Why a promise was moved.
    PromiseReason,
    /// The outstanding promises, as the audit trail compares them.
    Promises,
}

/// One thing wrong with an input or a command.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Problem {
    /// A required field is empty.
    Missing(Field),
    /// A one-line field holds a line break or another control character.
    NotOneLine(Field),
    /// A text is longer than the field allows.
    TooLong {
        field: Field,
        max: usize,
    },
    /// A contact needs an e-mail address or a phone number.
    NoWayToReach,
    MalformedEmail(String),
    MalformedPhone(String),
    UnknownService {
        given: String,
        known: Vec<String>,
    },
    /// A moment that lies in the future where only the past makes sense.
    InFuture(Field),
    /// The acknowledgement cannot precede the complaint.
    AckBeforeComplaint,
    /// A date or time the parser did not understand.
    BadMoment {
        field: Field,
        given: String,
    },
    BadCaseId(String),
    /// A case number the desk does not give (see `CaseId::is_issuable`).
    CaseNumberOutOfRange(CaseId),
    /// Every case number of the year has been given.
    NumbersUsedUp {
        year: u16,
    },
    /// The step is not one of the moves allowed from the case's state.
    NotAllowed {
        step: Step,
        from: State,
    },
    /// A field that the case's state depends on cannot be emptied.
    Required {
        field: Field,
        state: State,
    },
    /// The case was changed by someone else since it was read.
    Stale {
        expected: u32,
        found: u32,
    },
    /// Another operator changed the field since the case was read: saving
    /// would overwrite `theirs`, the value that stands, set by `by` at `at`.
    Conflict {
        field: Field,
        by: String,
        #[serde(with = "super::moment")]
        at: DateTime<Utc>,
        theirs: String,
        /// The case's version now: saving over theirs builds on it.
        now: u32,
    },
    /// A take-back of a change after which `by` changed the case at `at`.
    ChangedSince {
        by: String,
        #[serde(with = "super::moment")]
        at: DateTime<Utc>,
    },
    /// A take-back of a change made by someone else.
    NotYourChange {
        by: String,
    },
    /// A take-back more than [`super::undo::WINDOW_MINUTES`] after the change.
    UndoTooLate {
        #[serde(with = "super::moment")]
        at: DateTime<Utc>,
    },
    /// A change that is not taken back: a registration (`None`), a removal
    /// of personal data, a take-back itself, or one whose earlier version
    /// cannot be rebuilt.
    CannotUndo(Option<Step>),
    /// A step dated before the step before it (or the complaint).
    BeforePreviousStep {
        #[serde(with = "super::moment")]
        previous: DateTime<Utc>,
    },
    /// A remedy that is none of those the desk records.
    UnknownRemedy(String),
    /// A word for whether the remedy was granted that is none of those.
    UnknownGranted(String),
    /// A moment that has passed where only the future makes sense.
    InPast(Field),
    /// The case has no promise number `n` (counted from 0).
    NoSuchPromise(u32),
    /// The promise was kept already, at `at`.
    PromiseAlreadyKept {
        #[serde(with = "super::moment")]
        at: DateTime<Utc>,
    },
}

impl Problem {
    /// The field the problem belongs to, for showing it next to that field.
    pub fn field(&self) -> Option<Field> {
        match self {
            Problem::Missing(f)
            | Problem::NotOneLine(f)
            | Problem::TooLong { field: f, .. }
            | Problem::InFuture(f)
            | Problem::InPast(f)
            | Problem::BadMoment { field: f, .. }
            | Problem::Required { field: f, .. }
            | Problem::Conflict { field: f, .. } => Some(*f),
            Problem::MalformedEmail(_) => Some(Field::Email),
            Problem::MalformedPhone(_) => Some(Field::Phone),
            Problem::UnknownService { .. } => Some(Field::Service),
            Problem::AckBeforeComplaint => Some(Field::AckAt),
            Problem::BeforePreviousStep { .. } => Some(Field::StepAt),
            Problem::NoWayToReach => Some(Field::Phone),
            Problem::UnknownRemedy(_) => Some(Field::Remedy),
            Problem::UnknownGranted(_) => Some(Field::RemedyGranted),
            Problem::BadCaseId(_)
            | Problem::CaseNumberOutOfRange(_)
            | Problem::NumbersUsedUp { .. }
            | Problem::NotAllowed { .. }
            | Problem::Stale { .. }
            | Problem::ChangedSince { .. }
            | Problem::NotYourChange { .. }
            | Problem::UndoTooLate { .. }
            | Problem::CannotUndo(_)
            | Problem::NoSuchPromise(_)
            | Problem::PromiseAlreadyKept { .. } => None,
        }
    }
}

/// Why a command was refused: every problem found, so all can be shown at once.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Refusal(pub Vec<Problem>);

impl Refusal {
    pub fn one(problem: Problem) -> Self {
        Self(vec![problem])
    }
    pub fn problems(&self) -> &[Problem] {
        &self.0
    }
    /// The problems of one field.
    pub fn about(&self, field: Field) -> impl Iterator<Item = &Problem> {
        self.0.iter().filter(move |p| p.field() == Some(field))
    }
}

impl From<Problem> for Refusal {
    fn from(p: Problem) -> Self {
        Self::one(p)
    }
}

/// Collects problems while checking an input; `finish` turns them into a result.
#[derive(Debug, Default)]
pub struct Problems(Vec<Problem>);

impl Problems {
    pub fn push(&mut self, p: Problem) {
        self.0.push(p);
    }
    /// Keeps the value of a check, or records its problem.
    pub fn check<T>(&mut self, r: Result<T, Problem>) -> Option<T> {
        r.map_err(|p| self.0.push(p)).ok()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn into_vec(self) -> Vec<Problem> {
        self.0
    }
    pub fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, Refusal> {
        if self.0.is_empty() {
            Ok(value())
        } else {
            Err(Refusal(self.0))
        }
    }
}

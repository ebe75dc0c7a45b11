//! The complaint procedure's states and the steps between them. Every change to a
//! case is a [`Command`] that [`apply`] checks against its guards; there is no
//! other way to change a case, so no state can be reached by skipping a guard.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::case::{AckVia, Case, CaseId, Channel, Direction, LogKind, Satisfaction};
use super::clock::Policy;
use super::event::{Event, EventKind};
use super::intake::Intake;
use super::moment;
use super::privacy::{AnonymiseReason, scrub_event};
use super::problem::{Field, Problem, Refusal};
use super::remedy::{Granted, Remedy};
use super::service::Catalogue;

/// Where a case is in the procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum State {
    #[serde(rename = "received")]
    Received,
    #[serde(rename = "acknowledged")]
    Acknowledged,
    #[serde(rename = "in-treatment")]
    InTreatment,
    #[serde(rename = "waiting")]
    Waiting,
    #[serde(rename = "outcome")]
    OutcomeCommunicated,
    #[serde(rename = "closed")]
    Closed,
    #[serde(rename = "not-admissible")]
    NotAdmissible,
}

impl State {
    /// All states, in the procedure's order.
    pub const ALL: [State; 7] = [
        State::Received,
        State::Acknowledged,
        State::InTreatment,
        State::Waiting,
        State::OutcomeCommunicated,
        State::Closed,
        State::NotAdmissible,
    ];
    /// The states of a case still being worked on.
    pub const OPEN: [State; 5] = [
        State::Received,
        State::Acknowledged,
        State::InTreatment,
        State::Waiting,
        State::OutcomeCommunicated,
    ];

    pub fn is_open(self) -> bool {
        !matches!(self, State::Closed | State::NotAdmissible)
    }

    /// The state's name on the command line and in JSON.
    pub fn slug(self) -> &'static str {
        match self {
            State::Received => "received",
            State::Acknowledged => "acknowledged",
            State::InTreatment => "in-treatment",
            State::Waiting => "waiting",
            State::OutcomeCommunicated => "outcome",
            State::Closed => "closed",
            State::NotAdmissible => "not-admissible",
        }
    }

    pub fn from_slug(slug: &str) -> Option<State> {
        State::ALL
            .into_iter()
            .find(|s| s.slug() == slug.trim().to_lowercase())
    }

    /// The steps that move a case on from this state, in the order a menu lists them.
    pub fn moves(self) -> Vec<Step> {
        Step::ALL
            .into_iter()
            .filter(|s| s.changes_state() && s.allowed_from(self))
            .collect()
    }
}

/// The kinds of command, without their data: what a menu offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    Acknowledge,
    TakeIntoTreatment,
    DeclareNotAdmissible,
    RequestInformation,
    InformationReceived,
    CommunicateOutcome,
    Close,
    Reopen,
    Withdraw,
    AssignHandler,
    SetInvolved,
    LogContact,
    Edit,
    /// Removing the complainant's personal data (AVG/GDPR).
    Anonymise,
    /// Taking back the operator's own last change (see [`super::undo`]).
    Undo,
    /// Promising the complainant something by a moment (a call back).
    MakePromise,
    /// Marking a promise kept.
    KeepPromise,
    /// Moving a promise to another moment, with a reason.
    MovePromise,
}

impl Step {
    pub const ALL: [Step; 18] = [
        Step::Acknowledge,
        Step::TakeIntoTreatment,
        Step::DeclareNotAdmissible,
        Step::RequestInformation,
        Step::InformationReceived,
        Step::CommunicateOutcome,
        Step::Close,
        Step::Reopen,
        Step::Withdraw,
        Step::AssignHandler,
        Step::SetInvolved,
        Step::LogContact,
        Step::Edit,
        Step::Anonymise,
        Step::Undo,
        Step::MakePromise,
        Step::KeepPromise,
        Step::MovePromise,
    ];

    pub fn changes_state(self) -> bool {
        self.target().is_some()
    }

    /// The state a step leads to, for the steps that move a case.
    pub fn target(self) -> Option<State> {
        match self {
            Step::Acknowledge => Some(State::Acknowledged),
            Step::TakeIntoTreatment | Step::InformationReceived | Step::Reopen => Some(State::InTreatment),
            Step::DeclareNotAdmissible => Some(State::NotAdmissible),
            Step::RequestInformation => Some(State::Waiting),
            Step::CommunicateOutcome => Some(State::OutcomeCommunicated),
            Step::Close | Step::Withdraw => Some(State::Closed),
            Step::AssignHandler
            | Step::SetInvolved
            | Step::LogContact
            | Step::Edit
            | Step::Anonymise
            | Step::Undo
            | Step::MakePromise
            | Step::KeepPromise
            | Step::MovePromise => None,
        }
    }

    /// The steps that start or stop a deadline clock, and so say when they happened.
    pub fn is_dated(self) -> bool {
        self.changes_state()
    }

    pub fn allowed_from(self, state: State) -> bool {
        match self {
            Step::Acknowledge => state == State::Received,
            Step::TakeIntoTreatment | Step::DeclareNotAdmissible => state == State::Acknowledged,
            Step::RequestInformation | Step::CommunicateOutcome => state == State::InTreatment,
            Step::InformationReceived => state == State::Waiting,
            Step::Close | Step::Reopen => state == State::OutcomeCommunicated,
            Step::Withdraw
            | Step::AssignHandler
            | Step::SetInvolved
            | Step::Edit
            | Step::MakePromise
            | Step::KeepPromise
            | Step::MovePromise => state.is_open(),
            Step::LogContact => true,
            // Only a finished case: an open one still needs its complainant.
            Step::Anonymise => !state.is_open(),
            // Only through the trail it reverses: see `undo::take_back`.
            Step::Undo => false,
        }
    }
}

/// A correction of one field of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Edit {
    Name(String),
    Phone(String),
    Email(String),
    Organisation(String),
    Service(String),
    Channel(Channel),
    ComplainedAt(#[serde(with = "moment")] DateTime<Utc>),
    Description(String),
    Justification(String),
    RootCause(String),
    Solution(String),
    Outcome(String),
    Learnings(String),
    Satisfaction(Option<Satisfaction>),
    /// What the complainant wants; checked as [`super::remedy::sought`].
    RemedySought {
        remedy: Option<Remedy>,
        text: String,
    },
    RemedyGranted(Option<Granted>),
}

/// Everything an operator can do to a case. Optional texts fall back to what was
/// drafted on the case before. A step that starts or stops a clock says when it
/// happened (`at`); without it, it happened when it is recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Command {
    Acknowledge {
        #[serde(with = "moment")]
        at: DateTime<Utc>,
        via: AckVia,
    },
    TakeIntoTreatment {
        handler: String,
        #[serde(default, with = "moment::option")]
        at: Option<DateTime<Utc>>,
    },
    DeclareNotAdmissible {
        justification: String,
        #[serde(default, with = "moment::option")]
        at: Option<DateTime<Utc>>,
    },
    RequestInformation {
        request: String,
        #[serde(default, with = "moment::option")]
        at: Option<DateTime<Utc>>,
    },
    InformationReceived {
        note: String,
        #[serde(default, with = "moment::option")]
        at: Option<DateTime<Utc>>,
    },
    CommunicateOutcome {
        root_cause: String,
        solution: String,
        outcome: String,
        #[serde(default, with = "moment::option")]
        at: Option<DateTime<Utc>>,
    },
    Close {
        learnings: String,
        satisfaction: Option<Satisfaction>,
        #[serde(default, with = "moment::option")]
        at: Option<DateTime<Utc>>,
    },
    Reopen {
        reason: String,
        #[serde(default, with = "moment::option")]
        at: Option<DateTime<Utc>>,
    },
    Withdraw {
        reason: String,
        #[serde(default, with = "moment::option")]
        at: Option<DateTime<Utc>>,
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
    /// Removes the personal data; `pseudonym` keeps one person's cases
    /// recognisable as one in the statistics without saying who.
    Anonymise {
        reason: AnonymiseReason,
        pseudonym: String,
    },
    /// Takes back the change recorded as event `seq`, the case's last: the
    /// case goes back to how it was before it; the trail keeps both.
    Undo {
        seq: u32,
    },
    /// Promises the complainant `what` by `due`.
    MakePromise {
        what: String,
        #[serde(with = "moment")]
        due: DateTime<Utc>,
    },
    /// Marks the case's promise number `promise` (its place, from 0) kept.
    KeepPromise {
        promise: u32,
    },
    /// Moves the case's promise number `promise` to `due`, for `reason`.
    MovePromise {
        promise: u32,
        #[serde(with = "moment")]
        due: DateTime<Utc>,
        reason: String,
    },
}

impl Command {
    pub fn step(&self) -> Step {
        match self {
            Command::Acknowledge { .. } => Step::Acknowledge,
            Command::TakeIntoTreatment { .. } => Step::TakeIntoTreatment,
            Command::DeclareNotAdmissible { .. } => Step::DeclareNotAdmissible,
            Command::RequestInformation { .. } => Step::RequestInformation,
            Command::InformationReceived { .. } => Step::InformationReceived,
            Command::CommunicateOutcome { .. } => Step::CommunicateOutcome,
            Command::Close { .. } => Step::Close,
            Command::Reopen { .. } => Step::Reopen,
            Command::Withdraw { .. } => Step::Withdraw,
            Command::AssignHandler { .. } => Step::AssignHandler,
            Command::SetInvolved { .. } => Step::SetInvolved,
            Command::LogContact { .. } => Step::LogContact,
            Command::Edit { .. } => Step::Edit,
            Command::Anonymise { .. } => Step::Anonymise,
            Command::Undo { .. } => Step::Undo,
            Command::MakePromise { .. } => Step::MakePromise,
            Command::KeepPromise { .. } => Step::KeepPromise,
            Command::MovePromise { .. } => Step::MovePromise,
        }
    }

    /// When the step happened, if that was given: the acknowledgement's moment,
    /// or the `at` of a step that starts or stops a clock.
    pub fn at(&self) -> Option<DateTime<Utc>> {
        match self {
            Command::Acknowledge { at, .. } => Some(*at),
            Command::TakeIntoTreatment { at, .. }
            | Command::DeclareNotAdmissible { at, .. }
            | Command::RequestInformation { at, .. }
            | Command::InformationReceived { at, .. }
            | Command::CommunicateOutcome { at, .. }
            | Command::Close { at, .. }
            | Command::Reopen { at, .. }
            | Command::Withdraw { at, .. } => *at,
            Command::AssignHandler { .. }
            | Command::SetInvolved { .. }
            | Command::LogContact { .. }
            | Command::Edit { .. }
            | Command::Anonymise { .. }
            | Command::Undo { .. }
            | Command::MakePromise { .. }
            | Command::KeepPromise { .. }
            | Command::MovePromise { .. } => None,
        }
    }
}

/// The desk's rules from its configuration that the procedure needs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rules {
    pub policy: Policy,
    pub services: Catalogue,
}

/// Who does a command, when, under which rules.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    pub now: DateTime<Utc>,
    pub actor: &'a str,
    pub rules: &'a Rules,
}

/// Registers a new complaint under `id`.
pub fn register(id: CaseId, intake: &Intake, ctx: &Ctx) -> Result<(Case, Event), Refusal> {
    // Whatever hands out the number (the store, an import file), a number
    // outside the range could be stored but not typed back.
    if !id.is_issuable() {
        return Err(Refusal::one(Problem::CaseNumberOutOfRange(id)));
    }
    let valid = intake.validate(&ctx.rules.services, ctx.now)?;
    let case = Case {
        id,
        state: State::Received,
        version: 1,
        complained_at: valid.complained_at,
        registered_at: ctx.now,
        registered_by: ctx.actor.to_string(),
        channel: valid.channel,
        contact: valid.contact,
        service: valid.service,
        description: valid.description,
        handler: None,
        involved: Vec::new(),
        contact_log: Vec::new(),
        acknowledgement: None,
        admissibility: None,
        justification: String::new(),
        info_requests: Vec::new(),
        root_cause: String::new(),
        solution: String::new(),
        outcome: String::new(),
        outcome_communicated_at: None,
        satisfaction: None,
        learnings: String::new(),
        withdrawal: None,
        closed_at: None,
        outcome_clock_since: None,
        verdicts: Vec::new(),
        remedy_sought: valid.remedy,
        remedy_granted: None,
        promises: Vec::new(),
    };
    let event = Event::between(None, &case, EventKind::Registered, ctx.now, ctx.actor);
    Ok((case, event))
}

/// Checks `command` against the case's state and the step's guards, and returns
/// the changed case with the event that records the change, or every reason why not.
pub fn apply(case: &Case, command: &Command, ctx: &Ctx) -> Result<(Case, Event), Refusal> {
    let step = command.step();
    if !step.allowed_from(case.state) {
        return Err(Refusal::one(Problem::NotAllowed {
            step,
            from: case.state,
        }));
    }
    let mut next = case.clone();
    let mut problems = super::steps::perform(&mut next, command, ctx);
    // A move must leave the case with everything its new state needs; an edit
    // may not take away what its state depends on. Fields whose input was
    // already refused are not reported twice.
    for field in missing_for_state(&next) {
        if problems.iter().any(|p| p.field() == Some(field)) {
            continue;
        }
        problems.push(if step.changes_state() {
            Problem::Missing(field)
        } else {
            Problem::Required {
                field,
                state: next.state,
            }
        });
    }
    if !problems.is_empty() {
        return Err(Refusal(problems));
    }
    next.version = case.version + 1;
    let mut event = Event::between(
        Some(case),
        &next,
        EventKind::Command(command.clone()),
        ctx.now,
        ctx.actor,
    );
    if step == Step::Anonymise {
        // The record of a removal must not hold what was removed.
        event = scrub_event(&event);
    }
    Ok((next, event))
}

/// The fields a case in its state must have filled in but has not. Empty for a
/// consistent case; used as every move's guard, and to check imported cases.
pub fn missing_for_state(case: &Case) -> Vec<Field> {
    needs(case)
        .into_iter()
        .filter(|(_, present)| !present)
        .map(|(field, _)| field)
        .collect()
}

/// The fields a case in its state must keep filled in, for marking them
/// required where they are edited.
pub fn required_for_state(case: &Case) -> Vec<Field> {
    needs(case).into_iter().map(|(field, _)| field).collect()
}

/// Each field the case's state needs, and whether it is filled in.
fn needs(case: &Case) -> Vec<(Field, bool)> {
    use State::*;
    let state = case.state;
    let withdrawn = case.withdrawal.is_some();
    let mut needs = Vec::new();
    let mut need = |field: Field, present: bool| needs.push((field, present));
    if withdrawn {
        need(
            Field::WithdrawReason,
            case.withdrawal
                .as_ref()
                .is_some_and(|w| !w.reason.trim().is_empty()),
        );
        return needs;
    }
    if state != Received {
        need(Field::AckAt, case.acknowledgement.is_some());
    }
    if state == NotAdmissible {
        need(Field::Justification, !case.justification.trim().is_empty());
        return needs;
    }
    if matches!(state, InTreatment | Waiting | OutcomeCommunicated | Closed) {
        need(
            Field::Handler,
            case.handler.as_ref().is_some_and(|h| !h.trim().is_empty()),
        );
    }
    if matches!(state, OutcomeCommunicated | Closed) {
        need(Field::RootCause, !case.root_cause.trim().is_empty());
        need(Field::Solution, !case.solution.trim().is_empty());
        need(Field::Outcome, !case.outcome.trim().is_empty());
    }
    if state == Closed {
        need(Field::Learnings, !case.learnings.trim().is_empty());
        need(Field::Satisfaction, case.satisfaction.is_some());
    }
    needs
}

//! `klachtdesk move` and `klachtdesk log`: the procedure's steps from the
//! command line, through the same store call as the board.

use super::{Failure, Session, move_options};
use crate::domain::case::{AckVia, CaseId, Direction, LogKind, Satisfaction};
use crate::domain::problem::{Field, Problem, Refusal};
use crate::domain::remedy::Granted;
use crate::domain::workflow::{Command, Edit, State, Step};
use crate::i18n::Describe;
use crate::i18n::{Lang, T, state_key};
use crate::store::{CommandError, StoreError};

#[derive(Debug, Clone, clap::Args)]
pub struct MoveArgs {
    /// The case number, e.g. K-2026-0042
    id: String,
    /// The state to move to: acknowledged, not-admissible, in-treatment, waiting, outcome, closed
    state: String,
    /// acknowledged: how the receipt was confirmed
    #[arg(long, value_enum)]
    via: Option<ViaArg>,
    /// every move: when it happened (local time), not before the previous step [default: now]
    #[arg(long, value_name = "DATETIME")]
    at: Option<String>,
    /// not-admissible: the written justification sent to the complainant
    #[arg(long)]
    justification: Option<String>,
    /// in-treatment: who handles the case
    #[arg(long)]
    handler: Option<String>,
    /// waiting: what information was asked for
    #[arg(long)]
    request: Option<String>,
    /// in-treatment from waiting: a note on what was received
    #[arg(long)]
    note: Option<String>,
    /// in-treatment from outcome: why the complainant is not satisfied
    #[arg(long)]
    reason: Option<String>,
    /// outcome: the root cause found
    #[arg(long)]
    root_cause: Option<String>,
    /// outcome: the solution
    #[arg(long)]
    solution: Option<String>,
    /// outcome: the outcome as communicated to the complainant
    #[arg(long)]
    outcome: Option<String>,
    /// outcome: whether the remedy the complainant sought was granted:
    /// granted, partly or not (asked when they said what they want)
    #[arg(long, value_name = "GRANTED")]
    granted: Option<String>,
    /// closed: the learnings for the company (may be "none", but must be said)
    #[arg(long)]
    learnings: Option<String>,
    /// closed: whether the complainant is satisfied with the solution
    #[arg(long, value_enum)]
    satisfaction: Option<SatisfactionArg>,
    /// closed: close as withdrawn by the complainant, with this reason
    #[arg(long, value_name = "REASON")]
    withdrawn: Option<String>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ViaArg {
    Email,
    Phone,
    Letter,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum SatisfactionArg {
    Satisfied,
    Unsatisfied,
    Unknown,
}

#[derive(Debug, Clone, clap::Args)]
pub struct LogArgs {
    /// The case number, e.g. K-2026-0042
    id: String,
    /// What is logged
    #[arg(long, value_enum)]
    kind: KindArg,
    /// Which way it went [default: internal for a note, else in]
    #[arg(long, value_enum)]
    direction: Option<DirectionArg>,
    /// What was said or written
    #[arg(long)]
    text: String,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum KindArg {
    Call,
    Email,
    Note,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum DirectionArg {
    In,
    Out,
    Internal,
}

impl MoveArgs {
    /// The step-specific options given, as typed.
    fn options_given(&self) -> Vec<&'static str> {
        [
            ("--via", self.via.is_some()),
            ("--at", self.at.is_some()),
            ("--justification", self.justification.is_some()),
            ("--handler", self.handler.is_some()),
            ("--request", self.request.is_some()),
            ("--note", self.note.is_some()),
            ("--reason", self.reason.is_some()),
            ("--root-cause", self.root_cause.is_some()),
            ("--solution", self.solution.is_some()),
            ("--outcome", self.outcome.is_some()),
            ("--granted", self.granted.is_some()),
            ("--learnings", self.learnings.is_some()),
            ("--satisfaction", self.satisfaction.is_some()),
            ("--withdrawn", self.withdrawn.is_some()),
        ]
        .into_iter()
        .filter_map(|(option, present)| present.then_some(option))
        .collect()
    }
}

fn text(option: &Option<String>) -> String {
    option.clone().unwrap_or_default()
}

pub fn run_move(session: &mut Session, args: &MoveArgs) -> Result<(), Failure> {
    let lang = session.lang;
    let id = CaseId::parse(&args.id).map_err(|p| Failure::refusal(lang, &p.into()))?;
    let target = State::from_slug(&args.state).ok_or_else(|| {
        let known: Vec<&str> = State::ALL.iter().map(|s| s.slug()).collect();
        Failure::Refused(lang.fill(
            T::NoSuchState,
            &[("given", &args.state), ("states", &known.join(", "))],
        ))
    })?;
    let desk = session.desk()?;
    let case = desk.get(id).map_err(|e| Failure::store(lang, &e))?;
    let step = step_for(lang, args, case.state, target)?;
    move_options::check(lang, step, &args.options_given())?;
    let mut commands = vec![command_for(session, args, step)?];
    // Recorded as an edit saved together with the step, before it: the
    // step's guard asks for it when a remedy was sought.
    if let Some(given) = &args.granted {
        let granted = Granted::from_slug(given)
            .ok_or_else(|| Failure::refusal(lang, &Refusal::one(Problem::UnknownGranted(given.clone()))))?;
        commands.insert(
            0,
            Command::Edit {
                edits: vec![Edit::RemedyGranted(Some(granted))],
            },
        );
    }
    // A handler named when information comes in or the case is reopened takes
    // over, saved together with the move so that a refused handler moves nothing.
    if let Some(handler) = &args.handler
        && !commands
            .iter()
            .any(|c| matches!(c, Command::TakeIntoTreatment { .. }))
        && case.handler.as_deref() != Some(handler.trim())
    {
        commands.push(Command::AssignHandler {
            handler: handler.clone(),
        });
    }
    let case = desk
        .execute(id, Some(case.version), commands)
        .map_err(|e| unanswered_or(lang, id, &e))?;
    println!(
        "{}",
        lang.fill(
            T::Saved,
            &[("id", &case.id), ("state", &lang.t(state_key(case.state)))]
        )
    );
    Ok(())
}

/// The step that moves a case from `from` to `target`.
fn step_for(lang: Lang, args: &MoveArgs, from: State, target: State) -> Result<Step, Failure> {
    Ok(match target {
        State::Received => {
            let state = lang.t(state_key(target));
            return Err(Failure::Refused(lang.fill(T::NoWayBack, &[("state", &state)])));
        }
        State::Acknowledged => Step::Acknowledge,
        State::NotAdmissible => Step::DeclareNotAdmissible,
        State::InTreatment => match from {
            State::Waiting => Step::InformationReceived,
            State::OutcomeCommunicated => Step::Reopen,
            _ => Step::TakeIntoTreatment,
        },
        State::Waiting => Step::RequestInformation,
        State::OutcomeCommunicated => Step::CommunicateOutcome,
        State::Closed if args.withdrawn.is_some() => Step::Withdraw,
        State::Closed => Step::Close,
    })
}

/// The command for `step` with the given options.
fn command_for(session: &Session, args: &MoveArgs, step: Step) -> Result<Command, Failure> {
    let lang = session.lang;
    let field = if step == Step::Acknowledge {
        Field::AckAt
    } else {
        Field::StepAt
    };
    let at = session.moment(field, args.at.as_ref())?;
    Ok(match step {
        Step::Acknowledge => {
            let via = args
                .via
                .ok_or_else(|| needs(lang, State::Acknowledged, "--via email|phone|letter"))?;
            let via = match via {
                ViaArg::Email => AckVia::Email,
                ViaArg::Phone => AckVia::Phone,
                ViaArg::Letter => AckVia::Letter,
            };
            Command::Acknowledge {
                at: at.unwrap_or(session.now),
                via,
            }
        }
        Step::DeclareNotAdmissible => Command::DeclareNotAdmissible {
            justification: text(&args.justification),
            at,
        },
        Step::InformationReceived => Command::InformationReceived {
            note: text(&args.note),
            at,
        },
        Step::Reopen => Command::Reopen {
            reason: text(&args.reason),
            at,
        },
        Step::RequestInformation => Command::RequestInformation {
            request: text(&args.request),
            at,
        },
        Step::CommunicateOutcome => Command::CommunicateOutcome {
            root_cause: text(&args.root_cause),
            solution: text(&args.solution),
            outcome: text(&args.outcome),
            at,
        },
        Step::Withdraw => Command::Withdraw {
            reason: text(&args.withdrawn),
            at,
        },
        Step::Close => Command::Close {
            learnings: text(&args.learnings),
            satisfaction: args.satisfaction.map(|s| match s {
                SatisfactionArg::Satisfied => Satisfaction::Satisfied,
                SatisfactionArg::Unsatisfied => Satisfaction::Unsatisfied,
                SatisfactionArg::Unknown => Satisfaction::Unknown,
            }),
            at,
        },
        // `step_for` gives no other step than those above and this one.
        _ => Command::TakeIntoTreatment {
            handler: text(&args.handler),
            at,
        },
    })
}

fn needs(lang: Lang, state: State, option: &str) -> Failure {
    Failure::Refused(lang.fill(
        T::MoveNeedsOption,
        &[("state", &lang.t(state_key(state))), ("option", &option)],
    ))
}

pub fn run_log(session: &mut Session, args: &LogArgs) -> Result<(), Failure> {
    let lang = session.lang;
    let id = CaseId::parse(&args.id).map_err(|p| Failure::refusal(lang, &p.into()))?;
    let kind = match args.kind {
        KindArg::Call => LogKind::Call,
        KindArg::Email => LogKind::Email,
        KindArg::Note => LogKind::Note,
    };
    let direction = match (args.direction, kind) {
        (Some(DirectionArg::In), _) => Direction::Inbound,
        (Some(DirectionArg::Out), _) => Direction::Outbound,
        (Some(DirectionArg::Internal), _) | (None, LogKind::Note) => Direction::Internal,
        (None, _) => Direction::Inbound,
    };
    let command = Command::LogContact {
        kind,
        direction,
        text: args.text.clone(),
    };
    let desk = session.desk()?;
    let case = desk
        .execute(id, None, vec![command])
        .map_err(|e| unanswered_or(lang, id, &e))?;
    println!("{}", lang.fill(T::Logged, &[("id", &case.id)]));
    Ok(())
}

/// A change sent without an answer says how to find out whether it was saved.
pub(super) fn unanswered_or(lang: Lang, id: CaseId, e: &CommandError) -> Failure {
    match e {
        CommandError::Store(unanswered @ StoreError::Unanswered { .. }) => Failure::Failed(format!(
            "{} {}",
            unanswered.describe(lang),
            lang.fill(T::UnansweredChange, &[("id", &id)])
        )),
        e => Failure::command(lang, e),
    }
}

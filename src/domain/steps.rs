//! What each command does to a case, with the checks of its own input. The
//! state-wide guards (what a state needs filled in) run after this, in `apply`.

use super::case::{
    Acknowledgement, Admissibility, Case, InfoRequest, LogEntry, Satisfaction, Target, TargetVerdict,
    Withdrawal,
};
use super::contact::{
    email, optional_detail, optional_line, optional_text, phone, required_line, required_text,
};
use super::problem::{Field, Problem, Problems};
use super::promise::{Promise, PromiseMove};
use super::step_time::{step_time, whole_minutes};
use super::workflow::{Command, Ctx, Edit, State};

/// Applies the command's effect to `case` and returns the problems with its input.
pub(super) fn perform(case: &mut Case, command: &Command, ctx: &Ctx) -> Vec<Problem> {
    let now = ctx.now;
    let mut p = Problems::default();
    match command {
        Command::Acknowledge { at, via } => {
            if *at > now {
                p.push(Problem::InFuture(Field::AckAt));
            } else if whole_minutes(*at) < whole_minutes(case.complained_at) {
                // Operators type minutes: an acknowledgement in the complaint's own
                // minute is not earlier than it.
                p.push(Problem::AckBeforeComplaint);
            }
            case.acknowledgement = Some(Acknowledgement { at: *at, via: *via });
            record_ack_verdict(case, ctx);
            case.state = State::Acknowledged;
        }
        Command::TakeIntoTreatment { handler, at } => {
            let at = step_time(case, *at, now, &mut p);
            if let Some(Some(h)) = p.check(optional_line(Field::Handler, handler)) {
                case.handler = Some(h);
            }
            case.admissibility = Some(Admissibility {
                admissible: true,
                decided_at: at,
                justification_sent_at: None,
            });
            case.outcome_clock_since = Some(at);
            case.state = State::InTreatment;
        }
        Command::DeclareNotAdmissible { justification, at } => {
            let at = step_time(case, *at, now, &mut p);
            draft(
                &mut case.justification,
                Field::Justification,
                justification,
                &mut p,
            );
            case.admissibility = Some(Admissibility {
                admissible: false,
                decided_at: at,
                justification_sent_at: Some(at),
            });
            case.closed_at = Some(at);
            case.state = State::NotAdmissible;
        }
        Command::RequestInformation { request, at } => {
            let at = step_time(case, *at, now, &mut p);
            if let Some(request) = p.check(required_text(Field::Request, request)) {
                case.info_requests.push(InfoRequest {
                    requested_at: at,
                    request,
                    received_at: None,
                });
            }
            case.outcome_clock_since = None;
            case.state = State::Waiting;
        }
        Command::InformationReceived { note, at } => {
            let at = step_time(case, *at, now, &mut p);
            p.check(optional_text(Field::LogText, note));
            if let Some(open) = case
                .info_requests
                .iter_mut()
                .rev()
                .find(|r| r.received_at.is_none())
            {
                open.received_at = Some(at);
            }
            // The outcome clock starts again from the information's arrival.
            case.outcome_clock_since = Some(at);
            case.state = State::InTreatment;
        }
        Command::CommunicateOutcome {
            root_cause,
            solution,
            outcome,
            at,
        } => {
            let at = step_time(case, *at, now, &mut p);
            draft(&mut case.root_cause, Field::RootCause, root_cause, &mut p);
            draft(&mut case.solution, Field::Solution, solution, &mut p);
            draft(&mut case.outcome, Field::Outcome, outcome, &mut p);
            // Whether the remedy sought was granted is asked with the outcome
            // (sent as an edit before this step: see `Edit::RemedyGranted`).
            if case.remedy_sought.is_some() && case.remedy_granted.is_none() {
                p.push(Problem::Missing(Field::RemedyGranted));
            }
            case.outcome_communicated_at = Some(at);
            // The satisfaction is asked anew about each outcome.
            case.satisfaction = None;
            let since = case.outcome_clock_since.take().unwrap_or(at);
            let policy = &ctx.rules.policy;
            let verdict = policy.verdict(since, policy.outcome_days, at);
            case.verdicts.push(TargetVerdict {
                target: Target::Outcome,
                verdict,
            });
            case.state = State::OutcomeCommunicated;
        }
        Command::Close {
            learnings,
            satisfaction,
            at,
        } => {
            let at = step_time(case, *at, now, &mut p);
            draft(&mut case.learnings, Field::Learnings, learnings, &mut p);
            if satisfaction.is_some() {
                case.satisfaction = *satisfaction;
            }
            case.closed_at = Some(at);
            case.state = State::Closed;
        }
        Command::Reopen { reason, at } => {
            let at = step_time(case, *at, now, &mut p);
            p.check(optional_text(Field::LogText, reason));
            case.satisfaction = Some(Satisfaction::Unsatisfied);
            case.outcome_clock_since = Some(at);
            case.state = State::InTreatment;
        }
        Command::Withdraw { reason, at } => {
            let at = step_time(case, *at, now, &mut p);
            // Marked withdrawn even when the reason is refused, so that the state
            // check asks only for the reason, not for a regular close's fields.
            let reason = p
                .check(required_text(Field::WithdrawReason, reason))
                .unwrap_or_default();
            case.withdrawal = Some(Withdrawal { reason, at });
            case.outcome_clock_since = None;
            case.closed_at = Some(at);
            case.state = State::Closed;
        }
        Command::AssignHandler { handler } => {
            if let Some(h) = p.check(optional_line(Field::Handler, handler)) {
                case.handler = h;
            }
        }
        Command::SetInvolved { staff } => {
            let mut names: Vec<String> = Vec::new();
            for name in staff {
                if let Some(Some(name)) = p.check(optional_line(Field::Involved, name))
                    && !names.iter().any(|n| n.eq_ignore_ascii_case(&name))
                {
                    names.push(name);
                }
            }
            case.involved = names;
        }
        Command::LogContact {
            kind,
            direction,
            text,
        } => {
            if let Some(text) = p.check(required_text(Field::LogText, text)) {
                case.contact_log.push(LogEntry {
                    at: now,
                    kind: *kind,
                    direction: *direction,
                    author: ctx.actor.to_string(),
                    text,
                });
            }
        }
        Command::MakePromise { what, due } => {
            let what = p.check(required_line(Field::PromiseWhat, what));
            future(*due, now, &mut p);
            if let Some(what) = what {
                case.promises.push(Promise {
                    what,
                    due: *due,
                    made_at: now,
                    made_by: ctx.actor.to_string(),
                    kept_at: None,
                    moves: Vec::new(),
                });
            }
        }
        Command::KeepPromise { promise } => {
            if let Some(promise) = outstanding(case, *promise, &mut p) {
                promise.kept_at = Some(now);
            }
        }
        Command::MovePromise { promise, due, reason } => {
            let reason = p.check(required_text(Field::PromiseReason, reason));
            future(*due, now, &mut p);
            if let (Some(promise), Some(reason)) = (outstanding(case, *promise, &mut p), reason) {
                promise.moves.push(PromiseMove {
                    from: promise.due,
                    to: *due,
                    reason,
                    at: now,
                    by: ctx.actor.to_string(),
                });
                promise.due = *due;
            }
        }
        Command::Anonymise { pseudonym, .. } => *case = super::privacy::anonymise_case(case, pseudonym),
        // `apply` refuses it before this: a take-back needs the trail.
        Command::Undo { .. } => {}
        Command::Edit { edits } => {
            for edit in edits {
                perform_edit(case, edit, ctx, &mut p);
            }
            if case.contact.email.is_none() && case.contact.phone.is_none() {
                p.push(Problem::NoWayToReach);
            }
        }
    }
    p.into_vec()
}

fn perform_edit(case: &mut Case, edit: &Edit, ctx: &Ctx, p: &mut Problems) {
    let contact = &mut case.contact;
    match edit {
        Edit::Name(v) => set(&mut contact.name, p.check(required_line(Field::Name, v))),
        Edit::Phone(v) => set(&mut contact.phone, p.check(optional_detail(v, phone))),
        Edit::Email(v) => set(&mut contact.email, p.check(optional_detail(v, email))),
        Edit::Organisation(v) => set(
            &mut contact.organisation,
            p.check(optional_line(Field::Organisation, v)),
        ),
        Edit::Service(v) => set(&mut case.service, p.check(ctx.rules.services.resolve(v))),
        Edit::Channel(c) => case.channel = *c,
        Edit::ComplainedAt(at) => {
            if *at > ctx.now {
                p.push(Problem::InFuture(Field::ComplainedAt));
            } else if case.acknowledgement.as_ref().is_some_and(|a| a.at < *at) {
                p.push(Problem::AckBeforeComplaint);
            } else {
                case.complained_at = *at;
                // A corrected complaint date corrects the acknowledgement's verdict too.
                if case.acknowledgement.is_some() {
                    case.verdicts.retain(|v| v.target != Target::Acknowledge);
                    record_ack_verdict(case, ctx);
                }
            }
        }
        Edit::Description(v) => set(
            &mut case.description,
            p.check(required_text(Field::Description, v)),
        ),
        Edit::Justification(v) => set(
            &mut case.justification,
            p.check(optional_text(Field::Justification, v)),
        ),
        Edit::RootCause(v) => set(&mut case.root_cause, p.check(optional_text(Field::RootCause, v))),
        Edit::Solution(v) => set(&mut case.solution, p.check(optional_text(Field::Solution, v))),
        Edit::Outcome(v) => set(&mut case.outcome, p.check(optional_text(Field::Outcome, v))),
        Edit::Learnings(v) => set(&mut case.learnings, p.check(optional_text(Field::Learnings, v))),
        Edit::Satisfaction(s) => case.satisfaction = *s,
        Edit::RemedySought { remedy, text } => {
            set(&mut case.remedy_sought, super::remedy::sought(*remedy, text, p))
        }
        Edit::RemedyGranted(g) => case.remedy_granted = *g,
    }
}

/// A promise is made for later: a moment already past is refused.
fn future(due: chrono::DateTime<chrono::Utc>, now: chrono::DateTime<chrono::Utc>, p: &mut Problems) {
    if due <= now {
        p.push(Problem::InPast(Field::PromiseDue));
    }
}

/// The case's promise number `n`, if it is there and not kept yet.
fn outstanding<'a>(case: &'a mut Case, n: u32, p: &mut Problems) -> Option<&'a mut Promise> {
    match case.promises.get_mut(n as usize) {
        None => {
            p.push(Problem::NoSuchPromise(n));
            None
        }
        Some(Promise {
            kept_at: Some(at), ..
        }) => {
            p.push(Problem::PromiseAlreadyKept { at: *at });
            None
        }
        Some(promise) => Some(promise),
    }
}

fn set<T>(target: &mut T, value: Option<T>) {
    if let Some(value) = value {
        *target = value;
    }
}

/// A text given with a step replaces the draft on the case; a blank one keeps it.
fn draft(target: &mut String, field: Field, given: &str, p: &mut Problems) {
    if given.trim().is_empty() {
        return;
    }
    if let Some(text) = p.check(optional_text(field, given)) {
        *target = text;
    }
}

fn record_ack_verdict(case: &mut Case, ctx: &Ctx) {
    if let Some(ack) = &case.acknowledgement {
        let policy = &ctx.rules.policy;
        let verdict = policy.verdict(case.complained_at, policy.acknowledge_days, ack.at);
        case.verdicts.push(TargetVerdict {
            target: Target::Acknowledge,
            verdict,
        });
    }
}

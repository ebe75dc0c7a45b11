//! The complaint procedure as an operator meets it: registration, every move
//! from every state, the guards and what they say is missing, edits, and the
//! audit trail. Pure domain: no store, no clock reads, no I/O.
//! The deadline clocks have their own suite, `tests/clocks.rs`.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;

use klachtdesk::domain::case::{AckVia, Case, CaseId, Channel, Direction, LogKind, Satisfaction};
use klachtdesk::domain::clock::ClockStatus;
use klachtdesk::domain::deadlines::CaseClocks;
use klachtdesk::domain::event::{Event, EventKind, FieldChange};
use klachtdesk::domain::intake::Intake;
use klachtdesk::domain::privacy::AnonymiseReason;
use klachtdesk::domain::problem::{Field, Problem, Refusal};
use klachtdesk::domain::remedy::{Granted, Remedy, RemedySought};
use klachtdesk::domain::service::BuiltInService;
use klachtdesk::domain::workflow::{
    Command, Ctx, Edit, Rules, State, Step, apply, missing_for_state, register,
};

// ---------------------------------------------------------------------------
// The desk, a complainant, and a case walked through the procedure.

static RULES: LazyLock<Rules> = LazyLock::new(Rules::default);

#[path = "support/ams.rs"]
mod ams;
use ams::ams;

fn ctx(now: DateTime<Utc>) -> Ctx<'static> {
    Ctx {
        now,
        actor: "anna",
        rules: &RULES,
    }
}

/// Monday 23 November 2026, 09:00 in Amsterdam (08:00 UTC): the phone rings.
const MONDAY_9: &str = "2026-11-23 09:00";
/// Tuesday morning: later than every step of [`walk_to`].
const TUESDAY_10: &str = "2026-11-24 10:00";

/// What the operator types while Jan de Vries is on the phone.
fn intake() -> Intake {
    Intake {
        name: "Jan de Vries".into(),
        phone: "06-12345678".into(),
        email: "jan@example.nl".into(),
        service: "Security monitoring (SOC)".into(),
        description: "The SOC missed an alert\nfor two days.".into(),
        ..Intake::default()
    }
}

fn registered(at: &str) -> Case {
    register(CaseId::new(2026, 42), &intake(), &ctx(ams(at)))
        .expect("a complete intake registers")
        .0
}

fn attempt(case: &Case, command: &Command, at: &str) -> Result<(Case, Event), Refusal> {
    apply(case, command, &ctx(ams(at)))
}

/// Does `command` at `at`; it must be accepted.
fn act(case: &Case, command: Command, at: &str) -> Case {
    match attempt(case, &command, at) {
        Ok((next, _)) => next,
        Err(refusal) => panic!("{command:?} from {:?} refused: {refusal:?}", case.state),
    }
}

/// What the desk says when `command` at `at` is refused.
fn refused(case: &Case, command: Command, at: &str) -> Vec<Problem> {
    match attempt(case, &command, at) {
        Ok((next, _)) => panic!("{command:?} was accepted, case now {:?}", next.state),
        Err(refusal) => refusal.0,
    }
}

fn acknowledge(at: &str) -> Command {
    Command::Acknowledge {
        at: ams(at),
        via: AckVia::Email,
    }
}
fn treat(handler: &str) -> Command {
    Command::TakeIntoTreatment {
        at: None,
        handler: handler.into(),
    }
}
fn not_admissible(justification: &str) -> Command {
    Command::DeclareNotAdmissible {
        at: None,
        justification: justification.into(),
    }
}
fn request(text: &str) -> Command {
    Command::RequestInformation {
        at: None,
        request: text.into(),
    }
}
fn received(note: &str) -> Command {
    Command::InformationReceived {
        at: None,
        note: note.into(),
    }
}
fn outcome(root_cause: &str, solution: &str, outcome: &str) -> Command {
    Command::CommunicateOutcome {
        at: None,
        root_cause: root_cause.into(),
        solution: solution.into(),
        outcome: outcome.into(),
    }
}
fn close(learnings: &str, satisfaction: Option<Satisfaction>) -> Command {
    Command::Close {
        at: None,
        learnings: learnings.into(),
        satisfaction,
    }
}
fn withdraw(reason: &str) -> Command {
    Command::Withdraw {
        at: None,
        reason: reason.into(),
    }
}
fn reopen(reason: &str) -> Command {
    Command::Reopen {
        at: None,
        reason: reason.into(),
    }
}
fn assign(handler: &str) -> Command {
    Command::AssignHandler {
        handler: handler.into(),
    }
}
fn not_allowed(step: Step, from: State) -> Problem {
    Problem::NotAllowed { step, from }
}
fn edit(edits: Vec<Edit>) -> Command {
    Command::Edit { edits }
}

/// A case brought to `state` the ordinary way, on Monday between 09:00 and 14:00.
fn walk_to(state: State) -> Case {
    use State::*;
    match state {
        Received => registered(MONDAY_9),
        Acknowledged => act(
            &walk_to(Received),
            acknowledge("2026-11-23 10:00"),
            "2026-11-23 10:00",
        ),
        InTreatment => act(&walk_to(Acknowledged), treat("Bram"), "2026-11-23 11:00"),
        Waiting => act(
            &walk_to(InTreatment),
            request("Please send the SOC ticket"),
            "2026-11-23 12:00",
        ),
        NotAdmissible => act(
            &walk_to(Acknowledged),
            not_admissible("We do not monitor this network."),
            "2026-11-23 12:00",
        ),
        OutcomeCommunicated => act(
            &walk_to(InTreatment),
            outcome("Alert rule disabled", "Rule restored", "Apologies; fixed."),
            "2026-11-23 13:00",
        ),
        Closed => act(
            &walk_to(OutcomeCommunicated),
            close("Review rule changes", Some(Satisfaction::Satisfied)),
            "2026-11-23 14:00",
        ),
    }
}

/// A well-formed command for every step: the only reason to refuse it is the state.
fn valid_command(step: Step, now: DateTime<Utc>) -> Command {
    match step {
        Step::Acknowledge => Command::Acknowledge {
            at: now,
            via: AckVia::Phone,
        },
        Step::TakeIntoTreatment => treat("Bram"),
        Step::DeclareNotAdmissible => not_admissible("Not about our services."),
        Step::RequestInformation => request("Which host?"),
        Step::InformationReceived => received("Host name by mail"),
        Step::CommunicateOutcome => outcome("cause", "solution", "outcome"),
        Step::Close => close("none", Some(Satisfaction::Unknown)),
        Step::Reopen => reopen("Still broken"),
        Step::Withdraw => withdraw("Solved by themselves"),
        Step::AssignHandler => assign("Cees"),
        Step::SetInvolved => Command::SetInvolved {
            staff: vec!["Dirk".into()],
        },
        Step::LogContact => Command::LogContact {
            kind: LogKind::Call,
            direction: Direction::Inbound,
            text: "Called to ask how it is going".into(),
        },
        Step::Edit => edit(vec![Edit::Organisation("Acme BV".into())]),
        Step::Anonymise => Command::Anonymise {
            reason: AnonymiseReason::Retention,
            pseudonym: "p1".into(),
        },
        // Only through the trail: `apply` refuses it from every state.
        Step::Undo => Command::Undo { seq: 2 },
        Step::MakePromise => Command::MakePromise {
            what: "Call back".into(),
            due: now + Duration::days(1),
        },
        // The cases of the walk below hold one promise, when open.
        Step::KeepPromise => Command::KeepPromise { promise: 0 },
        Step::MovePromise => Command::MovePromise {
            promise: 0,
            due: now + Duration::days(2),
            reason: "The engineer is out".into(),
        },
    }
}

// ---------------------------------------------------------------------------
// Registration

#[test]
fn an_empty_intake_names_all_four_requirements_at_once() {
    let problems = register(CaseId::new(2026, 1), &Intake::default(), &ctx(ams(MONDAY_9)))
        .unwrap_err()
        .0;
    assert_eq!(
        problems,
        [
            Problem::Missing(Field::Name),
            Problem::NoWayToReach,
            Problem::Missing(Field::Service),
            Problem::Missing(Field::Description),
        ]
    );
}

#[test]
fn malformed_contact_details_are_named() {
    let typo = Intake {
        phone: "06-1234abcd".into(),
        email: "jan@example".into(),
        ..intake()
    };
    let problems = register(CaseId::new(2026, 1), &typo, &ctx(ams(MONDAY_9)))
        .unwrap_err()
        .0;
    assert_eq!(
        problems,
        [
            Problem::MalformedPhone("06-1234abcd".into()),
            Problem::MalformedEmail("jan@example".into()),
        ]
    );
    // One way to reach them is enough.
    for only in [
        Intake {
            email: String::new(),
            ..intake()
        },
        Intake {
            phone: " ".into(),
            ..intake()
        },
    ] {
        assert!(register(CaseId::new(2026, 1), &only, &ctx(ams(MONDAY_9))).is_ok());
    }
}

#[test]
fn the_service_comes_from_the_catalogue() {
    let catering = Intake {
        service: "Catering".into(),
        ..intake()
    };
    let problems = register(CaseId::new(2026, 1), &catering, &ctx(ams(MONDAY_9)))
        .unwrap_err()
        .0;
    assert_eq!(
        problems,
        [Problem::UnknownService {
            given: "Catering".into(),
            known: BuiltInService::ALL.map(|s| s.id().to_string()).to_vec(),
        }]
    );
    let shouted = Intake {
        service: " incident RESPONSE ".into(),
        ..intake()
    };
    let (case, _) = register(CaseId::new(2026, 1), &shouted, &ctx(ams(MONDAY_9))).unwrap();
    assert_eq!(case.service, "Incident response");
}

#[test]
fn the_complaint_date_defaults_to_now_may_be_earlier_never_later() {
    let now = ams(MONDAY_9);
    let id = CaseId::new(2026, 1);
    assert_eq!(registered(MONDAY_9).complained_at, now);

    // E-mailed on Friday evening, registered on Monday.
    let friday = ams("2026-11-20 19:30");
    let emailed = Intake {
        complained_at: Some(friday),
        channel: Channel::Email,
        ..intake()
    };
    let (case, _) = register(id, &emailed, &ctx(now)).unwrap();
    assert_eq!((case.complained_at, case.registered_at), (friday, now));
    assert_eq!(case.channel, Channel::Email);

    let tomorrow = Intake {
        complained_at: Some(now + Duration::minutes(1)),
        ..intake()
    };
    assert_eq!(
        register(id, &tomorrow, &ctx(now)).unwrap_err().0,
        [Problem::InFuture(Field::ComplainedAt)]
    );
}

#[test]
fn a_new_case_is_received_at_version_one_and_its_event_lists_what_was_typed() {
    let now = ams(MONDAY_9);
    let (case, event) = register(CaseId::new(2026, 42), &intake(), &ctx(now)).unwrap();
    assert_eq!(case.id.to_string(), "K-2026-0042");
    assert_eq!((case.state, case.version), (State::Received, 1));
    assert_eq!((case.registered_by.as_str(), case.registered_at), ("anna", now));
    assert_eq!(case.contact.name, "Jan de Vries");
    assert_eq!(case.handler, None);
    assert!(missing_for_state(&case).is_empty());

    assert_eq!((event.seq, event.from, event.to), (1, None, State::Received));
    assert_eq!((event.actor.as_str(), event.at), ("anna", now));
    assert_eq!(event.kind, EventKind::Registered);
    let filled = |field: Field, value: &str| FieldChange {
        field,
        before: String::new(),
        after: value.into(),
    };
    assert_eq!(
        event.changes,
        [
            filled(Field::Name, "Jan de Vries"),
            filled(Field::Email, "jan@example.nl"),
            filled(Field::Phone, "06-12345678"),
            filled(Field::Service, "Security monitoring (SOC)"),
            filled(Field::Channel, "phone"),
            filled(Field::ComplainedAt, "2026-11-23T08:00:00Z"),
            filled(Field::Description, "The SOC missed an alert\nfor two days."),
        ]
    );
}

// ---------------------------------------------------------------------------
// Every step from every state

#[test]
fn the_moves_of_each_state_are_the_procedures() {
    use State::*;
    use Step::*;
    let expected = [
        (Received, vec![Acknowledge, Withdraw]),
        (
            Acknowledged,
            vec![TakeIntoTreatment, DeclareNotAdmissible, Withdraw],
        ),
        (
            InTreatment,
            vec![RequestInformation, CommunicateOutcome, Withdraw],
        ),
        (Waiting, vec![InformationReceived, Withdraw]),
        (OutcomeCommunicated, vec![Close, Reopen, Withdraw]),
        (Closed, vec![]),
        (NotAdmissible, vec![]),
    ];
    for (state, moves) in expected {
        assert_eq!(state.moves(), moves, "{state:?}");
    }
}

#[test]
fn every_step_from_every_state_succeeds_exactly_when_allowed() {
    let now = ams(TUESDAY_10);
    let mut starts: Vec<Case> = State::ALL.into_iter().map(walk_to).collect();
    starts.push(act(
        &walk_to(State::Waiting),
        withdraw("No longer relevant"),
        "2026-11-23 13:00",
    ));
    for case in starts {
        assert!(missing_for_state(&case).is_empty(), "{:?}", case.state);
        let case = if case.is_open() {
            act(
                &case,
                valid_command(Step::MakePromise, ams(TUESDAY_10)),
                "2026-11-23 23:00",
            )
        } else {
            case
        };
        for step in Step::ALL {
            let command = valid_command(step, now);
            assert_eq!(command.step(), step);
            let allowed = step.allowed_from(case.state);
            match apply(&case, &command, &ctx(now)) {
                Ok((next, event)) => {
                    assert!(allowed, "{step:?} accepted from {:?}", case.state);
                    assert_eq!(next.state, step.target().unwrap_or(case.state), "{step:?}");
                    assert_eq!(next.version, case.version + 1);
                    assert_eq!((event.from, event.to), (Some(case.state), next.state));
                }
                Err(refusal) => {
                    assert!(!allowed, "{step:?} from {:?} refused: {refusal:?}", case.state);
                    assert_eq!(refusal.0, [not_allowed(step, case.state)]);
                }
            }
        }
    }
}

#[test]
fn closed_cases_only_take_a_contact_log_entry_or_anonymising() {
    for state in [State::Closed, State::NotAdmissible] {
        let allowed: Vec<Step> = Step::ALL.into_iter().filter(|s| s.allowed_from(state)).collect();
        assert_eq!(allowed, [Step::LogContact, Step::Anonymise], "{state:?}");
    }
    for state in State::OPEN {
        assert!(
            !Step::Anonymise.allowed_from(state),
            "{state:?} still needs its complainant"
        );
    }
}

#[test]
fn every_state_is_reachable_through_apply_and_a_forged_state_shows_its_gaps() {
    let now = ams(TUESDAY_10);
    let mut seen = BTreeSet::from([State::Received]);
    let mut frontier = vec![registered(MONDAY_9)];
    while let Some(case) = frontier.pop() {
        for step in case.state.moves() {
            let (next, _) = apply(&case, &valid_command(step, now), &ctx(now)).unwrap();
            if seen.insert(next.state) {
                frontier.push(next);
            }
        }
    }
    assert_eq!(seen, BTreeSet::from(State::ALL));

    // A case whose state was set without its steps, as a bad import would, is
    // caught by the same check every move runs.
    let forged = Case {
        state: State::Closed,
        ..registered(MONDAY_9)
    };
    assert_eq!(
        missing_for_state(&forged),
        [
            Field::AckAt,
            Field::Handler,
            Field::RootCause,
            Field::Solution,
            Field::Outcome,
            Field::Learnings,
            Field::Satisfaction,
        ]
    );
}

// ---------------------------------------------------------------------------
// Each guard says what is missing

#[test]
fn acknowledging_cannot_be_dated_in_the_future_or_before_the_complaint() {
    let case = registered(MONDAY_9);
    let ack_at = |at: &str| Command::Acknowledge {
        at: ams(at),
        via: AckVia::Phone,
    };
    assert_eq!(
        refused(&case, ack_at("2026-11-23 10:01"), "2026-11-23 10:00"),
        [Problem::InFuture(Field::AckAt)]
    );
    assert_eq!(
        refused(&case, ack_at("2026-11-23 08:59"), "2026-11-23 10:00"),
        [Problem::AckBeforeComplaint]
    );
    let acked = act(&case, ack_at(MONDAY_9), "2026-11-23 10:00");
    let ack = acked.acknowledgement.as_ref().unwrap();
    assert_eq!((ack.at, ack.via), (ams(MONDAY_9), AckVia::Phone));
}

#[test]
fn not_admissible_needs_a_justification_which_may_be_drafted_first() {
    let case = walk_to(State::Acknowledged);
    assert_eq!(
        refused(&case, not_admissible("  "), TUESDAY_10),
        [Problem::Missing(Field::Justification)]
    );

    let drafted = act(
        &case,
        edit(vec![Edit::Justification("Out of scope.".into())]),
        TUESDAY_10,
    );
    assert_eq!(drafted.state, State::Acknowledged);
    let decided = act(&drafted, not_admissible(""), TUESDAY_10);
    assert_eq!(decided.state, State::NotAdmissible);
    assert_eq!(decided.justification, "Out of scope.");
    let admissibility = decided.admissibility.as_ref().unwrap();
    assert!(!admissibility.admissible);
    assert_eq!(admissibility.justification_sent_at, Some(ams(TUESDAY_10)));
    assert_eq!(decided.closed_at, Some(ams(TUESDAY_10)));

    // A justification given with the step replaces the draft.
    let rewritten = act(&drafted, not_admissible("Not our customer."), TUESDAY_10);
    assert_eq!(rewritten.justification, "Not our customer.");
}

#[test]
fn taking_into_treatment_needs_a_handler_given_now_or_assigned_before() {
    let case = walk_to(State::Acknowledged);
    assert_eq!(
        refused(&case, treat(" "), TUESDAY_10),
        [Problem::Missing(Field::Handler)]
    );

    let assigned = act(&case, assign("Els"), TUESDAY_10);
    let treated = act(&assigned, treat(""), TUESDAY_10);
    assert_eq!(
        (treated.state, treated.handler.as_deref()),
        (State::InTreatment, Some("Els"))
    );
    assert!(treated.admissibility.as_ref().unwrap().admissible);

    let handed_over = act(&assigned, treat("Bram"), TUESDAY_10);
    assert_eq!(handed_over.handler.as_deref(), Some("Bram"));
}

#[test]
fn communicating_the_outcome_names_every_missing_text_together() {
    let case = walk_to(State::InTreatment);
    assert_eq!(
        refused(&case, outcome("", " ", "\n"), TUESDAY_10),
        [
            Problem::Missing(Field::RootCause),
            Problem::Missing(Field::Solution),
            Problem::Missing(Field::Outcome),
        ]
    );
    assert_eq!(
        refused(&case, outcome("Rule disabled", "", "Fixed"), TUESDAY_10),
        [Problem::Missing(Field::Solution)]
    );

    // What the analyst drafted earlier counts.
    let drafted = act(
        &case,
        edit(vec![
            Edit::RootCause("Rule disabled".into()),
            Edit::Solution("Rule restored".into()),
        ]),
        TUESDAY_10,
    );
    let done = act(&drafted, outcome("", "", "Apologies; it is fixed."), TUESDAY_10);
    assert_eq!(done.state, State::OutcomeCommunicated);
    assert_eq!(
        (
            done.root_cause.as_str(),
            done.solution.as_str(),
            done.outcome.as_str()
        ),
        ("Rule disabled", "Rule restored", "Apologies; it is fixed.")
    );
    assert_eq!(done.outcome_communicated_at, Some(ams(TUESDAY_10)));
}

#[test]
fn a_too_long_text_does_not_hide_the_missing_ones() {
    let case = walk_to(State::InTreatment);
    let pasted = "x".repeat(20_001);
    assert_eq!(
        refused(&case, outcome(&pasted, "", ""), TUESDAY_10),
        [
            Problem::TooLong {
                field: Field::RootCause,
                max: 20_000
            },
            Problem::Missing(Field::Solution),
            Problem::Missing(Field::Outcome),
        ]
    );
}

#[test]
fn closing_needs_the_learnings_and_the_satisfaction() {
    let case = walk_to(State::OutcomeCommunicated);
    assert_eq!(
        refused(&case, close("", None), TUESDAY_10),
        [
            Problem::Missing(Field::Learnings),
            Problem::Missing(Field::Satisfaction),
        ]
    );
    assert_eq!(
        refused(&case, close("none", None), TUESDAY_10),
        [Problem::Missing(Field::Satisfaction)]
    );
    let closed = act(&case, close("none", Some(Satisfaction::Unknown)), TUESDAY_10);
    assert_eq!(closed.state, State::Closed);
    assert_eq!(
        (closed.learnings.as_str(), closed.satisfaction),
        ("none", Some(Satisfaction::Unknown))
    );
    assert_eq!(closed.closed_at, Some(ams(TUESDAY_10)));
}

#[test]
fn any_open_case_can_be_withdrawn_with_a_reason_a_finished_one_cannot() {
    for state in State::OPEN {
        let case = walk_to(state);
        assert_eq!(
            refused(&case, withdraw(" "), TUESDAY_10),
            [Problem::Missing(Field::WithdrawReason)]
        );
        let gone = act(&case, withdraw("Solved it themselves"), TUESDAY_10);
        assert_eq!(gone.state, State::Closed, "from {state:?}");
        let withdrawal = gone.withdrawal.as_ref().unwrap();
        assert_eq!(
            (withdrawal.reason.as_str(), withdrawal.at),
            ("Solved it themselves", ams(TUESDAY_10))
        );
        assert_eq!(gone.closed_at, Some(ams(TUESDAY_10)));
        assert!(missing_for_state(&gone).is_empty());
    }
    for state in [State::Closed, State::NotAdmissible] {
        assert_eq!(
            refused(&walk_to(state), withdraw("Changed my mind"), TUESDAY_10),
            [not_allowed(Step::Withdraw, state)]
        );
    }
}

#[test]
fn an_unsatisfied_complainant_reopens_the_case_into_treatment() {
    let case = walk_to(State::OutcomeCommunicated);
    let reopened = act(&case, reopen("Alert missed again"), TUESDAY_10);
    assert_eq!(reopened.state, State::InTreatment);
    assert_eq!(reopened.satisfaction, Some(Satisfaction::Unsatisfied));
    assert_eq!(reopened.handler.as_deref(), Some("Bram"));
    // From treatment it goes the ordinary way again.
    assert_eq!(
        reopened.state.moves(),
        [Step::RequestInformation, Step::CommunicateOutcome, Step::Withdraw]
    );
}

#[test]
fn closing_after_a_reopen_asks_the_satisfaction_again() {
    let case = walk_to(State::OutcomeCommunicated);
    let reopened = act(&case, reopen("Alert missed again"), "2026-11-24 09:00");
    let second = act(
        &reopened,
        outcome("Second rule", "Both restored", "Fixed again"),
        TUESDAY_10,
    );
    // Nobody has asked the complainant about the second outcome yet.
    assert_eq!(
        refused(&second, close("none", None), TUESDAY_10),
        [Problem::Missing(Field::Satisfaction)]
    );
}

// ---------------------------------------------------------------------------
// Edits

#[test]
fn an_edit_cannot_empty_what_the_state_depends_on() {
    let treating = walk_to(State::InTreatment);
    let clear_handler = assign(" ");
    assert_eq!(
        refused(&treating, clear_handler.clone(), TUESDAY_10),
        [Problem::Required {
            field: Field::Handler,
            state: State::InTreatment,
        }]
    );
    // Before treatment nobody needs to hold the case yet.
    let assigned = act(&walk_to(State::Acknowledged), assign("Els"), TUESDAY_10);
    assert_eq!(act(&assigned, clear_handler, TUESDAY_10).handler, None);

    let communicated = walk_to(State::OutcomeCommunicated);
    assert_eq!(
        refused(
            &communicated,
            edit(vec![Edit::RootCause(String::new())]),
            TUESDAY_10
        ),
        [Problem::Required {
            field: Field::RootCause,
            state: State::OutcomeCommunicated
        }]
    );
}

#[test]
fn a_complainant_must_stay_reachable() {
    let case = registered(MONDAY_9);
    let both = edit(vec![Edit::Email(String::new()), Edit::Phone(" ".into())]);
    assert_eq!(refused(&case, both, TUESDAY_10), [Problem::NoWayToReach]);
    let phone_only = act(&case, edit(vec![Edit::Email(String::new())]), TUESDAY_10);
    assert_eq!(
        (
            phone_only.contact.email.as_deref(),
            phone_only.contact.phone.as_deref()
        ),
        (None, Some("06-12345678"))
    );
    assert_eq!(
        refused(&phone_only, edit(vec![Edit::Phone(String::new())]), TUESDAY_10),
        [Problem::NoWayToReach]
    );
}

#[test]
fn a_refused_edit_changes_nothing() {
    let case = walk_to(State::InTreatment);
    let before = case.clone();
    let mixed = edit(vec![
        Edit::Name("Jan de Vries-Bakker".into()),
        Edit::Email("jan@@example.nl".into()),
        Edit::Service("Catering".into()),
    ]);
    let problems = refused(&case, mixed, TUESDAY_10);
    assert_eq!(problems[0], Problem::MalformedEmail("jan@@example.nl".into()));
    assert!(matches!(&problems[1], Problem::UnknownService { given, .. } if given == "Catering"));
    assert_eq!(problems.len(), 2);
    assert_eq!(case, before);
    assert_eq!(case.contact.name, "Jan de Vries");
}

#[test]
fn edits_are_not_allowed_on_finished_cases_but_the_contact_log_is() {
    for state in [State::Closed, State::NotAdmissible] {
        let case = walk_to(state);
        assert_eq!(
            refused(&case, edit(vec![Edit::Organisation("Acme".into())]), TUESDAY_10),
            [not_allowed(Step::Edit, state)]
        );
        let call = Command::LogContact {
            kind: LogKind::Call,
            direction: Direction::Inbound,
            text: "Asked for a copy of the outcome".into(),
        };
        let logged = act(&case, call, TUESDAY_10);
        assert_eq!((logged.state, logged.version), (state, case.version + 1));
        let entry = logged.contact_log.last().unwrap();
        assert_eq!((entry.author.as_str(), entry.at), ("anna", ams(TUESDAY_10)));
        assert_eq!((entry.kind, entry.direction), (LogKind::Call, Direction::Inbound));
        assert_eq!(entry.text, "Asked for a copy of the outcome");
    }
    let blank = Command::LogContact {
        kind: LogKind::Note,
        direction: Direction::Internal,
        text: " ".into(),
    };
    assert_eq!(
        refused(&walk_to(State::Closed), blank, TUESDAY_10),
        [Problem::Missing(Field::LogText)]
    );
}

// ---------------------------------------------------------------------------
// The audit trail

#[test]
fn every_command_leaves_an_event_numbered_like_the_version() {
    let mut case = registered(MONDAY_9);
    let story = [
        (acknowledge("2026-11-23 10:00"), "2026-11-23 10:00"),
        (treat("Bram"), "2026-11-23 11:00"),
        (request("Please send the ticket"), "2026-11-23 12:00"),
        (received("Ticket arrived"), "2026-11-24 09:00"),
        (outcome("cause", "solution", "outcome"), "2026-11-24 10:00"),
        (close("none", Some(Satisfaction::Satisfied)), "2026-11-24 11:00"),
    ];
    for (command, at) in story {
        let (next, event) = attempt(&case, &command, at).unwrap();
        assert_eq!(event.seq, next.version);
        assert_eq!(event.seq, case.version + 1);
        assert_eq!((event.from, event.to), (Some(case.state), next.state));
        assert_eq!(
            (event.actor.as_str(), event.at, event.case),
            ("anna", ams(at), case.id)
        );
        assert_eq!(event.kind, EventKind::Command(command));
        case = next;
    }
    assert_eq!((case.state, case.version), (State::Closed, 7));
}

#[test]
fn an_event_shows_each_changed_field_before_and_after() {
    let change = |field, before: &str, after: &str| FieldChange {
        field,
        before: before.into(),
        after: after.into(),
    };
    let case = registered(MONDAY_9);
    let (_, event) = attempt(
        &case,
        &edit(vec![Edit::Phone("+31 20 123 4567".into())]),
        TUESDAY_10,
    )
    .unwrap();
    assert_eq!(
        event.changes,
        [change(Field::Phone, "06-12345678", "+31 20 123 4567")]
    );

    let (acked, event) = attempt(&case, &acknowledge("2026-11-23 10:00"), TUESDAY_10).unwrap();
    assert_eq!(
        event.changes,
        [
            change(Field::AckAt, "", "2026-11-23T09:00:00Z"),
            change(Field::AckVia, "", "email"),
        ]
    );
    let (_, event) = attempt(&acked, &treat("Bram"), TUESDAY_10).unwrap();
    assert_eq!(event.changes, [change(Field::Handler, "", "Bram")]);

    let (_, event) = attempt(&walk_to(State::OutcomeCommunicated), &reopen(""), TUESDAY_10).unwrap();
    assert_eq!(event.changes, [change(Field::Satisfaction, "", "unsatisfied")]);
}

// ---------------------------------------------------------------------------
// Random operators: whatever they type, in whatever order, the case stays sound.

#[derive(Debug, Clone)]
struct Move {
    /// Pick among the current state's allowed steps, or among all steps.
    sensible: bool,
    pick: usize,
    variant: usize,
    minutes: i64,
}

fn a_move() -> impl Strategy<Value = Move> {
    (any::<bool>(), 0..64usize, 0..64usize, 0..3 * 24 * 60i64).prop_map(
        |(sensible, pick, variant, minutes)| Move {
            sensible,
            pick,
            variant,
            minutes,
        },
    )
}

/// Valid, blank, whitespace and too long texts.
fn text(variant: usize, good: &str) -> String {
    match variant % 5 {
        0 | 1 => good.into(),
        2 => String::new(),
        3 => " \n ".into(),
        _ => "x".repeat(20_001),
    }
}

fn random_command(step: Step, v: usize, case: &Case, now: DateTime<Utc>) -> Command {
    let minutes = |n: usize| Duration::minutes(n as i64 * 37);
    match step {
        Step::Acknowledge => Command::Acknowledge {
            at: match v % 4 {
                0 => now,
                1 => now - minutes(v),
                2 => now + Duration::hours(1),
                _ => case.complained_at - Duration::minutes(1),
            },
            via: AckVia::ALL[v % 3],
        },
        Step::TakeIntoTreatment => treat(&text(v, "Bram")),
        Step::DeclareNotAdmissible => not_admissible(&text(v, "Out of scope")),
        Step::RequestInformation => request(&text(v, "Which host?")),
        Step::InformationReceived => received(&text(v, "Host name")),
        Step::CommunicateOutcome => outcome(&text(v, "cause"), &text(v / 5, "fix"), &text(v / 25, "done")),
        Step::Close => close(&text(v, "none"), [None, Some(Satisfaction::Satisfied)][v / 5 % 2]),
        Step::Reopen => reopen(&text(v, "Still broken")),
        Step::Withdraw => withdraw(&text(v, "Not needed")),
        Step::AssignHandler => assign(&text(v, "Cees")),
        Step::SetInvolved => Command::SetInvolved {
            staff: vec![text(v, "Dirk"), "dirk".into()],
        },
        Step::LogContact => Command::LogContact {
            kind: LogKind::ALL[v % 3],
            direction: Direction::ALL[v % 3],
            text: text(v, "Called"),
        },
        Step::Edit => edit(match v % 12 {
            0 => vec![Edit::Phone(String::new())],
            1 => vec![Edit::Email(String::new())],
            2 => vec![Edit::Email("not an address".into())],
            3 => vec![
                Edit::Phone("+31 20 123 4567".into()),
                Edit::Email("jan@example.nl".into()),
            ],
            4 => vec![Edit::Name(text(v / 12, "Jan"))],
            5 => vec![Edit::Service(["consultancy", "Catering"][v / 12 % 2].into())],
            6 => vec![Edit::ComplainedAt(now - minutes(v))],
            7 => vec![Edit::ComplainedAt(now + Duration::hours(2))],
            8 => vec![
                Edit::RootCause(text(v / 12, "cause")),
                Edit::Outcome(String::new()),
            ],
            9 => vec![Edit::Learnings(text(v / 12, "none")), Edit::Satisfaction(None)],
            10 => vec![Edit::Justification(text(v / 12, "Out of scope"))],
            _ => vec![
                Edit::Satisfaction(Some(Satisfaction::Unknown)),
                Edit::Description(text(v / 12, "x")),
            ],
        }),
        Step::Anonymise => Command::Anonymise {
            reason: AnonymiseReason::Request,
            pseudonym: text(v, "p"),
        },
        Step::Undo => Command::Undo { seq: v as u32 },
        Step::MakePromise => Command::MakePromise {
            what: text(v, "Call back"),
            due: now + Duration::hours(v as i64 % 5 - 1),
        },
        Step::KeepPromise => Command::KeepPromise {
            promise: v as u32 % 3,
        },
        Step::MovePromise => Command::MovePromise {
            promise: v as u32 % 3,
            due: now + Duration::hours(v as i64 % 5 - 1),
            reason: text(v / 5, "Out today"),
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_commands_never_break_a_case(moves in prop::collection::vec(a_move(), 1..40)) {
        let mut now = ams(MONDAY_9);
        let mut case = registered(MONDAY_9);
        for m in moves {
            now += Duration::minutes(m.minutes);
            let steps: Vec<Step> = if m.sensible {
                Step::ALL.into_iter().filter(|s| s.allowed_from(case.state)).collect()
            } else {
                Step::ALL.to_vec()
            };
            let step = steps[m.pick % steps.len()];
            let command = random_command(step, m.variant, &case, now);
            match apply(&case, &command, &ctx(now)) {
                Ok((next, event)) => {
                    prop_assert!(step.allowed_from(case.state));
                    prop_assert_eq!(missing_for_state(&next), vec![]);
                    prop_assert_eq!(next.version, case.version + 1);
                    prop_assert_eq!(next.state, step.target().unwrap_or(case.state));
                    prop_assert_eq!(event.seq, next.version);
                    prop_assert_eq!((event.from, event.to), (Some(case.state), next.state));
                    case = next;
                }
                Err(refusal) => {
                    prop_assert!(!refusal.0.is_empty());
                    if !step.allowed_from(case.state) {
                        prop_assert_eq!(refusal.0, vec![not_allowed(step, case.state)]);
                    }
                }
            }
            // The clocks agree with the case.
            let clocks = CaseClocks::of(&case, &RULES.policy, now);
            prop_assert_eq!(case.acknowledgement.is_some(), matches!(clocks.acknowledge, ClockStatus::Met(_)));
            prop_assert_eq!(case.state == State::Received, clocks.acknowledge.is_running());
            prop_assert_eq!(case.state == State::Waiting, matches!(clocks.outcome, ClockStatus::Paused { .. }));
            prop_assert_eq!(case.state == State::InTreatment, clocks.outcome.is_running());
        }
    }
}

// ---------------------------------------------------------------------------
// What the complainant wants.

fn change(event: &Event, field: Field) -> Option<(&str, &str)> {
    event
        .changes
        .iter()
        .find(|c| c.field == field)
        .map(|c| (c.before.as_str(), c.after.as_str()))
}

#[test]
fn the_remedy_sought_is_registered_and_the_registration_records_it() {
    let with_remedy = Intake {
        remedy: Some(Remedy::Refund),
        remedy_text: " the fee back ".into(),
        ..intake()
    };
    let (case, event) = register(CaseId::new(2026, 42), &with_remedy, &ctx(ams(MONDAY_9))).unwrap();
    assert_eq!(
        case.remedy_sought,
        Some(RemedySought {
            remedy: Remedy::Refund,
            text: "the fee back".into()
        })
    );
    assert_eq!(change(&event, Field::Remedy), Some(("", "refund")));
    assert_eq!(change(&event, Field::RemedyText), Some(("", "the fee back")));
    let words_alone = Intake {
        remedy_text: "money".into(),
        ..intake()
    };
    let refusal = register(CaseId::new(2026, 43), &words_alone, &ctx(ams(MONDAY_9))).unwrap_err();
    assert_eq!(refusal.0, vec![Problem::Missing(Field::Remedy)]);
}

#[test]
fn an_outcome_for_a_complainant_who_said_what_they_want_asks_whether_it_was_granted() {
    let sought = edit(vec![Edit::RemedySought {
        remedy: Some(Remedy::Call),
        text: String::new(),
    }]);
    let case = act(&walk_to(State::InTreatment), sought, "2026-11-23 12:00");
    let step = outcome("Alert rule disabled", "Rule restored", "We called you.");
    assert_eq!(
        refused(&case, step.clone(), "2026-11-23 13:00"),
        vec![Problem::Missing(Field::RemedyGranted)]
    );
    let (answered, event) = attempt(
        &case,
        &edit(vec![Edit::RemedyGranted(Some(Granted::Partly))]),
        "2026-11-23 13:00",
    )
    .unwrap();
    assert_eq!(change(&event, Field::RemedyGranted), Some(("", "partly")));
    let done = act(&answered, step, "2026-11-23 13:00");
    assert_eq!(done.state, State::OutcomeCommunicated);
    assert_eq!(done.remedy_granted, Some(Granted::Partly));
    // Nothing sought: nothing asked.
    let plain = act(
        &walk_to(State::InTreatment),
        outcome("Alert rule disabled", "Rule restored", "Fixed."),
        "2026-11-23 13:00",
    );
    assert_eq!(plain.remedy_granted, None);
}

#[test]
fn an_edited_remedy_is_checked_as_at_intake() {
    let case = walk_to(State::InTreatment);
    let other_without_words = edit(vec![Edit::RemedySought {
        remedy: Some(Remedy::Other),
        text: " ".into(),
    }]);
    assert_eq!(
        refused(&case, other_without_words, TUESDAY_10),
        vec![Problem::Missing(Field::RemedyText)]
    );
    let (with, event) = attempt(
        &case,
        &edit(vec![Edit::RemedySought {
            remedy: Some(Remedy::Other),
            text: "flowers".into(),
        }]),
        TUESDAY_10,
    )
    .unwrap();
    assert_eq!(change(&event, Field::Remedy), Some(("", "other")));
    let cleared = act(
        &with,
        edit(vec![Edit::RemedySought {
            remedy: None,
            text: String::new(),
        }]),
        TUESDAY_10,
    );
    assert_eq!(cleared.remedy_sought, None);
}

//! Every step that starts or stops a clock is dated when it happened: the
//! moment given with it (default: when it is recorded), never in the future,
//! never before the step before it; and the clocks count from those moments.
//! Pure domain: no store, no clock reads.

use std::sync::LazyLock;

use chrono::{DateTime, Utc};

use klachtdesk::domain::case::{AckVia, Case, CaseId, Satisfaction, Target};
use klachtdesk::domain::clock::ClockStatus;
use klachtdesk::domain::deadlines::CaseClocks;
use klachtdesk::domain::event::Event;
use klachtdesk::domain::intake::Intake;
use klachtdesk::domain::problem::{Field, Problem};
use klachtdesk::domain::workflow::{Command, Ctx, Rules, State, apply, register};

static RULES: LazyLock<Rules> = LazyLock::new(Rules::default);

#[path = "support/ams.rs"]
mod ams;
use ams::ams;

fn ctx(now: &str) -> Ctx<'static> {
    Ctx {
        now: ams(now),
        actor: "anna",
        rules: &RULES,
    }
}

fn attempt(case: &Case, command: Command, recorded: &str) -> Result<(Case, Event), Vec<Problem>> {
    apply(case, &command, &ctx(recorded)).map_err(|r| r.0)
}

fn act(case: &Case, command: Command, recorded: &str) -> Case {
    attempt(case, command, recorded)
        .unwrap_or_else(|p| panic!("refused: {p:?}"))
        .0
}

fn at(text: &str) -> Option<DateTime<Utc>> {
    Some(ams(text))
}

/// Registered Monday 2 November 2026 09:00, acknowledged at 10:00.
fn acknowledged() -> Case {
    let intake = Intake {
        name: "Jan de Vries".into(),
        email: "jan@example.nl".into(),
        service: "Security monitoring (SOC)".into(),
        description: "The SOC missed an alert.".into(),
        ..Intake::default()
    };
    let case = register(CaseId::new(2026, 7), &intake, &ctx("2026-11-02 09:00"))
        .unwrap()
        .0;
    let ack = Command::Acknowledge {
        at: ams("2026-11-02 10:00"),
        via: AckVia::Email,
    };
    act(&case, ack, "2026-11-02 10:00")
}

fn treat(when: Option<DateTime<Utc>>) -> Command {
    Command::TakeIntoTreatment {
        handler: "Bram".into(),
        at: when,
    }
}

fn request(when: Option<DateTime<Utc>>) -> Command {
    Command::RequestInformation {
        request: "Which host?".into(),
        at: when,
    }
}

fn received(when: Option<DateTime<Utc>>) -> Command {
    Command::InformationReceived {
        note: "Host name by mail".into(),
        at: when,
    }
}

fn outcome(when: Option<DateTime<Utc>>) -> Command {
    Command::CommunicateOutcome {
        root_cause: "Rule off".into(),
        solution: "Rule on".into(),
        outcome: "Fixed".into(),
        at: when,
    }
}

/// In treatment from Monday 2 November 11:00, information asked at 12:00.
fn waiting() -> Case {
    let treating = act(&acknowledged(), treat(at("2026-11-02 11:00")), "2026-11-02 11:00");
    act(&treating, request(at("2026-11-02 12:00")), "2026-11-02 12:00")
}

#[test]
fn the_outcome_clock_counts_from_the_informations_arrival_not_from_when_it_was_recorded() {
    // The host name came in on Tuesday 3 November at 09:00; the operator got
    // to it on Thursday 5 November at 15:00.
    let informed = act(&waiting(), received(at("2026-11-03 09:00")), "2026-11-05 15:00");
    assert_eq!(informed.state, State::InTreatment);
    assert_eq!(informed.outcome_clock_since, at("2026-11-03 09:00"));
    assert_eq!(informed.info_requests[0].received_at, at("2026-11-03 09:00"));

    // Ten working days from Tuesday 3 November: Tuesday 17 November, 17:00.
    let policy = &RULES.policy;
    let clocks = CaseClocks::of(&informed, policy, ams("2026-11-05 15:00"));
    let due = policy.due(ams("2026-11-03 09:00"), policy.outcome_days);
    assert_eq!(due.day.to_string(), "2026-11-17");
    assert!(matches!(clocks.outcome, ClockStatus::OnTrack { due: d, .. } if d == due));

    // The outcome communicated on the 17th at 16:00 (recorded on the 18th)
    // was on time, counted from the arrival.
    let done = act(&informed, outcome(at("2026-11-17 16:00")), "2026-11-18 09:00");
    let verdict = &done.verdict(Target::Outcome).unwrap();
    assert_eq!(verdict.started_at, ams("2026-11-03 09:00"));
    assert_eq!(verdict.met_at, ams("2026-11-17 16:00"));
    assert!(verdict.on_time);
    assert_eq!(done.outcome_communicated_at, at("2026-11-17 16:00"));
}

#[test]
fn each_step_records_the_moment_it_happened() {
    let treating = act(&acknowledged(), treat(at("2026-11-02 10:30")), "2026-11-03 09:00");
    let admissibility = treating.admissibility.as_ref().unwrap();
    assert_eq!(Some(admissibility.decided_at), at("2026-11-02 10:30"));
    assert_eq!(treating.outcome_clock_since, at("2026-11-02 10:30"));

    let refused = Command::DeclareNotAdmissible {
        justification: "Not our network.".into(),
        at: at("2026-11-02 11:00"),
    };
    let refused = act(&acknowledged(), refused, "2026-11-03 09:00");
    let admissibility = refused.admissibility.as_ref().unwrap();
    assert_eq!(Some(admissibility.decided_at), at("2026-11-02 11:00"));
    assert_eq!(admissibility.justification_sent_at, at("2026-11-02 11:00"));
    assert_eq!(refused.closed_at, at("2026-11-02 11:00"));

    let asked = act(&treating, request(at("2026-11-02 14:00")), "2026-11-03 09:00");
    assert_eq!(Some(asked.info_requests[0].requested_at), at("2026-11-02 14:00"));
    let since = match CaseClocks::of(&asked, &RULES.policy, ams("2026-11-03 09:00")).outcome {
        ClockStatus::Paused { since, .. } => since,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        Some(since),
        at("2026-11-02 14:00"),
        "waiting counts from the request"
    );

    let told = act(&treating, outcome(at("2026-11-04 16:00")), "2026-11-05 09:00");
    let reopened = Command::Reopen {
        reason: "Still broken".into(),
        at: at("2026-11-05 08:30"),
    };
    let reopened = act(&told, reopened, "2026-11-05 10:00");
    assert_eq!(reopened.outcome_clock_since, at("2026-11-05 08:30"));

    let close = Command::Close {
        learnings: "none".into(),
        satisfaction: Some(Satisfaction::Satisfied),
        at: at("2026-11-04 17:00"),
    };
    assert_eq!(
        act(&told, close, "2026-11-05 09:00").closed_at,
        at("2026-11-04 17:00")
    );

    let withdraw = Command::Withdraw {
        reason: "Solved it themselves".into(),
        at: at("2026-11-02 13:00"),
    };
    let withdrawn = act(&treating, withdraw, "2026-11-03 09:00");
    assert_eq!(
        withdrawn.withdrawal.as_ref().map(|w| w.at),
        at("2026-11-02 13:00")
    );
    assert_eq!(withdrawn.closed_at, at("2026-11-02 13:00"));
}

#[test]
fn without_a_moment_a_step_happened_when_it_is_recorded() {
    let (case, event) = attempt(&acknowledged(), treat(None), "2026-11-02 11:15").unwrap();
    assert_eq!(case.outcome_clock_since, at("2026-11-02 11:15"));
    assert_eq!(event.happened_at(), ams("2026-11-02 11:15"));
    let (_, event) = attempt(&acknowledged(), treat(at("2026-11-02 11:00")), "2026-11-02 11:15").unwrap();
    assert_eq!(
        (event.at, event.happened_at()),
        (ams("2026-11-02 11:15"), ams("2026-11-02 11:00"))
    );
}

#[test]
fn a_step_cannot_happen_in_the_future() {
    let problems = attempt(&waiting(), received(at("2026-11-02 15:01")), "2026-11-02 15:00").unwrap_err();
    assert_eq!(problems, [Problem::InFuture(Field::StepAt)]);
}

#[test]
fn a_step_cannot_happen_before_the_step_before_it() {
    // Information asked at 12:00 cannot have come in at 11:59.
    let problems = attempt(&waiting(), received(at("2026-11-02 11:59")), "2026-11-02 15:00").unwrap_err();
    assert_eq!(
        problems,
        [Problem::BeforePreviousStep {
            previous: ams("2026-11-02 12:00")
        }]
    );
    assert_eq!(problems[0].field(), Some(Field::StepAt));
    // The same minute is not earlier: operators type minutes.
    let asked_late = act(
        &act(&acknowledged(), treat(None), "2026-11-02 11:00"),
        request(None),
        "2026-11-02 12:00",
    );
    let typed = ams("2026-11-02 12:00");
    assert!(asked_late.info_requests[0].requested_at >= typed);
    assert!(attempt(&asked_late, received(Some(typed)), "2026-11-02 15:00").is_ok());
    // Nor before the complaint, for a step taken straight from the start.
    let problems = attempt(&acknowledged(), treat(at("2026-11-02 09:30")), "2026-11-02 15:00").unwrap_err();
    assert_eq!(
        problems,
        [Problem::BeforePreviousStep {
            previous: ams("2026-11-02 10:00")
        }]
    );
}

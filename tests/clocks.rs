//! The two deadline clocks of a case as the desk sees them: acknowledge within
//! 2 working days of the complaint, communicate the outcome within 10 working
//! days of having all information. Pure domain, fixed clock.

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, Utc};

use klachtdesk::domain::case::{AckVia, Case, CaseId, Satisfaction, Target};
use klachtdesk::domain::clock::{ClockStatus, Due, Verdict};
use klachtdesk::domain::deadlines::CaseClocks;
use klachtdesk::domain::intake::Intake;
use klachtdesk::domain::workflow::{Command, Ctx, Edit, Rules, apply, register};

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

/// A target due on `day` (YYYY-MM-DD), at 17:00 Amsterdam.
fn due(day: &str) -> Due {
    Due {
        day: day.parse::<NaiveDate>().unwrap(),
        deadline: ams(&format!("{day} 17:00")),
    }
}

/// A complaint made at `complained` and registered at `now`.
fn registered(complained: &str, now: &str) -> Case {
    let intake = Intake {
        name: "Jan de Vries".into(),
        phone: "06-12345678".into(),
        service: "Incident response".into(),
        description: "Nobody called back.".into(),
        complained_at: Some(ams(complained)),
        ..Intake::default()
    };
    register(CaseId::new(2026, 7), &intake, &ctx(ams(now))).unwrap().0
}

fn act(case: &Case, command: Command, at: &str) -> Case {
    match apply(case, &command, &ctx(ams(at))) {
        Ok((next, _)) => next,
        Err(refusal) => panic!("{command:?} from {:?} refused: {refusal:?}", case.state),
    }
}

fn acknowledge(at: &str) -> Command {
    Command::Acknowledge {
        at: ams(at),
        via: AckVia::Email,
    }
}
fn treat() -> Command {
    Command::TakeIntoTreatment {
        at: None,
        handler: "Bram".into(),
    }
}
fn communicate() -> Command {
    Command::CommunicateOutcome {
        at: None,
        root_cause: "Ticket lost".into(),
        solution: "Queue alarm added".into(),
        outcome: "Apologies; it is fixed.".into(),
    }
}

fn clocks(case: &Case, at: &str) -> CaseClocks {
    CaseClocks::of(case, &RULES.policy, ams(at))
}

const MONDAY_9: &str = "2026-11-23 09:00";

// ---------------------------------------------------------------------------
// Acknowledgement

#[test]
fn a_complaint_on_monday_morning_must_be_acknowledged_by_wednesday_five_pm() {
    let case = registered(MONDAY_9, MONDAY_9);
    let wednesday = due("2026-11-25");
    let on_track = |days, hours| ClockStatus::OnTrack {
        due: wednesday,
        working_days_left: days,
        hours_left: hours,
    };

    let monday = clocks(&case, MONDAY_9);
    assert_eq!(monday.acknowledge, on_track(2, 8));
    assert_eq!(monday.outcome, ClockStatus::NotStarted);
    assert_eq!(monday.current(), (Target::Acknowledge, &on_track(2, 8)));
    assert!(!monday.is_due_today() && !monday.is_breached());

    assert_eq!(clocks(&case, "2026-11-24 10:00").acknowledge, on_track(1, 7));

    let wednesday_afternoon = clocks(&case, "2026-11-25 16:59");
    assert_eq!(
        wednesday_afternoon.acknowledge,
        ClockStatus::DueToday { due: wednesday }
    );
    assert!(wednesday_afternoon.is_due_today() && !wednesday_afternoon.is_breached());

    let five_pm = clocks(&case, "2026-11-25 17:00");
    assert_eq!(
        five_pm.acknowledge,
        ClockStatus::Breached {
            due: wednesday,
            working_days_late: 0,
            hours_late: 0
        }
    );
    assert!(five_pm.is_breached());
    assert_eq!(
        clocks(&case, "2026-11-26 10:00").acknowledge,
        ClockStatus::Breached {
            due: wednesday,
            working_days_late: 1,
            hours_late: 17
        }
    );
}

#[test]
fn a_complaint_mailed_on_friday_evening_is_due_on_tuesday() {
    let case = registered("2026-11-20 19:30", MONDAY_9);
    assert_eq!(
        clocks(&case, MONDAY_9).acknowledge,
        ClockStatus::OnTrack {
            due: due("2026-11-24"),
            working_days_left: 1,
            hours_left: 8
        }
    );
}

#[test]
fn acknowledging_on_time_records_a_met_verdict() {
    let case = registered(MONDAY_9, MONDAY_9);
    let acked = act(&case, acknowledge("2026-11-24 10:00"), "2026-11-24 10:00");
    let verdict = Verdict {
        started_at: ams(MONDAY_9),
        days: 2,
        due: due("2026-11-25"),
        met_at: ams("2026-11-24 10:00"),
        on_time: true,
        working_days_taken: 1,
        working_days_late: 0,
    };
    assert_eq!(acked.verdict(Target::Acknowledge), Some(&verdict));
    // Long after, the verdict still says what happened; until the outcome clock
    // starts, the met acknowledgement is what the case shows.
    let later = clocks(&acked, "2026-12-20 10:00");
    assert_eq!(later.acknowledge, ClockStatus::Met(verdict.clone()));
    assert_eq!(later.outcome, ClockStatus::NotStarted);
    assert_eq!(later.current(), (Target::Acknowledge, &ClockStatus::Met(verdict)));
    assert!(!later.is_breached());
    let treating = act(&acked, treat(), "2026-11-24 11:00");
    assert_eq!(clocks(&treating, "2026-11-24 11:00").current().0, Target::Outcome);
}

#[test]
fn acknowledging_late_records_how_late() {
    let case = registered(MONDAY_9, MONDAY_9);
    let acked = act(&case, acknowledge("2026-11-27 10:00"), "2026-11-27 10:00");
    let verdict = acked.verdict(Target::Acknowledge).unwrap();
    assert!(!verdict.on_time);
    assert_eq!((verdict.working_days_taken, verdict.working_days_late), (4, 2));
    // Met late is met: no longer shown as breached.
    assert!(!clocks(&acked, "2026-11-27 10:00").is_breached());
}

#[test]
fn the_verdict_goes_by_when_the_acknowledgement_was_sent_not_when_it_was_typed_in() {
    let case = registered(MONDAY_9, MONDAY_9);
    let acked = act(&case, acknowledge("2026-11-24 10:00"), "2026-11-27 10:00");
    assert!(acked.verdict(Target::Acknowledge).unwrap().on_time);
}

#[test]
fn correcting_the_complaint_date_corrects_the_acknowledgement_verdict() {
    let case = registered(MONDAY_9, MONDAY_9);
    let acked = act(&case, acknowledge("2026-11-24 10:00"), "2026-11-24 10:00");
    // It turns out the complaint was mailed on Thursday the 19th: due Monday.
    let corrected = act(
        &acked,
        Command::Edit {
            edits: vec![Edit::ComplainedAt(ams("2026-11-19 15:00"))],
        },
        "2026-11-24 11:00",
    );
    let verdict = corrected.verdict(Target::Acknowledge).unwrap();
    assert_eq!(
        (verdict.due, verdict.on_time, verdict.working_days_late),
        (due("2026-11-23"), false, 1)
    );
}

// ---------------------------------------------------------------------------
// Outcome

#[test]
fn the_outcome_clock_runs_from_treatment_pauses_while_waiting_and_restarts_on_information() {
    let acked = act(
        &registered(MONDAY_9, MONDAY_9),
        acknowledge("2026-11-23 10:00"),
        "2026-11-23 10:00",
    );
    assert_eq!(
        clocks(&acked, "2026-11-23 10:00").outcome,
        ClockStatus::NotStarted
    );

    // Taken into treatment on Tuesday: ten working days is Tuesday 8 December.
    let treating = act(&acked, treat(), "2026-11-24 10:00");
    let first_due = ClockStatus::OnTrack {
        due: due("2026-12-08"),
        working_days_left: 10,
        hours_left: 7,
    };
    let now = clocks(&treating, "2026-11-24 10:00");
    assert_eq!(now.outcome, first_due);
    assert_eq!(now.current(), (Target::Outcome, &first_due));

    // Waiting for the complainant: paused, however long it takes.
    let waiting = act(
        &treating,
        Command::RequestInformation {
            at: None,
            request: "Please send the ticket number".into(),
        },
        "2026-11-25 10:00",
    );
    // The badge counts how long it has waited, and says when to chase.
    for (at, waited_days, chase) in [
        ("2026-11-25 10:00", 0, false),
        ("2026-11-30 10:00", 3, false),
        ("2026-12-02 10:00", 5, true),
        ("2026-12-09 10:00", 10, true),
    ] {
        let waited = clocks(&waiting, at);
        assert_eq!(
            waited.outcome,
            ClockStatus::Paused {
                since: ams("2026-11-25 10:00"),
                working_days_waiting: waited_days,
                chase
            },
            "{at}"
        );
        assert!(!waited.is_breached());
    }
    assert!(!clocks(&waiting, "2027-01-20 10:00").is_breached());

    // The information arrives on Monday the 30th at 11:00: ten new working days.
    let informed = act(
        &waiting,
        Command::InformationReceived {
            at: None,
            note: "Ticket 4711".into(),
        },
        "2026-11-30 11:00",
    );
    assert_eq!(informed.outcome_clock_since, Some(ams("2026-11-30 11:00")));
    assert_eq!(
        informed.info_requests[0].received_at,
        Some(ams("2026-11-30 11:00"))
    );
    assert_eq!(
        clocks(&informed, "2026-11-30 11:00").outcome,
        ClockStatus::OnTrack {
            due: due("2026-12-14"),
            working_days_left: 10,
            hours_left: 6
        }
    );
    assert_eq!(
        clocks(&informed, "2026-12-14 12:00").outcome,
        ClockStatus::DueToday {
            due: due("2026-12-14")
        }
    );

    // Communicated on Thursday 10 December: on time, counted from the information.
    let done = act(&informed, communicate(), "2026-12-10 14:00");
    let verdict = Verdict {
        started_at: ams("2026-11-30 11:00"),
        days: 10,
        due: due("2026-12-14"),
        met_at: ams("2026-12-10 14:00"),
        on_time: true,
        working_days_taken: 8,
        working_days_late: 0,
    };
    assert_eq!(done.verdict(Target::Outcome), Some(&verdict));
    assert_eq!(
        clocks(&done, "2026-12-20 10:00").outcome,
        ClockStatus::Met(verdict)
    );
}

#[test]
fn reopening_starts_a_new_outcome_clock_across_christmas() {
    let acked = act(
        &registered(MONDAY_9, MONDAY_9),
        acknowledge("2026-11-23 10:00"),
        "2026-11-23 10:00",
    );
    let treating = act(&acked, treat(), "2026-11-24 10:00");
    let done = act(&treating, communicate(), "2026-12-04 14:00");
    let first = done.verdict(Target::Outcome).unwrap().clone();
    assert!(first.on_time);

    // Tuesday 15 December; Christmas (Friday 25th) does not count: due Wednesday the 30th.
    let reopened = act(
        &done,
        Command::Reopen {
            at: None,
            reason: "Still no call back".into(),
        },
        "2026-12-15 09:00",
    );
    assert_eq!(reopened.satisfaction, Some(Satisfaction::Unsatisfied));
    let running = clocks(&reopened, "2026-12-15 09:00");
    assert_eq!(
        running.outcome,
        ClockStatus::OnTrack {
            due: due("2026-12-30"),
            working_days_left: 10,
            hours_left: 8
        }
    );

    // Communicated again on Monday 4 January, after New Year's Day: two working days late.
    let again = act(&reopened, communicate(), "2027-01-04 10:00");
    let second = again.verdict(Target::Outcome).unwrap();
    assert_eq!(second.started_at, ams("2026-12-15 09:00"));
    assert!(!second.on_time);
    assert_eq!(second.working_days_late, 2);
    // The first verdict stays on record for the compliance history.
    assert!(
        again
            .verdicts
            .iter()
            .any(|v| v.target == Target::Outcome && v.verdict == first)
    );
}

#[test]
fn a_withdrawn_case_has_no_running_clock() {
    let case = registered(MONDAY_9, MONDAY_9);
    let gone = act(
        &case,
        Command::Withdraw {
            at: None,
            reason: "Called to say it is solved".into(),
        },
        "2026-11-23 10:00",
    );
    let later = clocks(&gone, "2026-12-20 10:00");
    assert!(!later.acknowledge.is_running() && !later.outcome.is_running());
    assert!(!later.is_breached());
}

// ---------------------------------------------------------------------------
// The queue: most urgent first

#[test]
fn urgency_puts_breached_before_due_today_before_on_track_before_paused() {
    let acked = |complained: &str| {
        let case = registered(complained, complained);
        act(&case, acknowledge(complained), complained)
    };
    let waiting = act(
        &act(&acked("2026-11-23 09:00"), treat(), "2026-11-23 10:00"),
        Command::RequestInformation {
            at: None,
            request: "Which host?".into(),
        },
        "2026-11-23 11:00",
    );
    let queue = [
        ("on track", registered("2026-11-24 09:00", "2026-11-24 09:00")),
        ("paused", waiting),
        (
            "breached yesterday",
            registered("2026-11-20 09:00", "2026-11-20 09:00"),
        ),
        ("not started", acked("2026-11-23 09:00")),
        ("due today", registered(MONDAY_9, MONDAY_9)),
        (
            "breached since Monday",
            registered("2026-11-19 09:00", "2026-11-19 09:00"),
        ),
    ];
    let now = "2026-11-25 12:00";
    let mut sorted: Vec<_> = queue
        .iter()
        .map(|(name, case)| (clocks(case, now).urgency(), *name))
        .collect();
    sorted.sort();
    let order: Vec<&str> = sorted.into_iter().map(|(_, name)| name).collect();
    assert_eq!(
        order,
        [
            "breached since Monday",
            "breached yesterday",
            "due today",
            "on track",
            "paused",
            "not started"
        ]
    );
    let status = |name: &str| clocks(&queue.iter().find(|(n, _)| *n == name).unwrap().1, now);
    assert!(status("breached yesterday").is_breached());
    assert!(status("due today").is_due_today());
    assert!(matches!(status("paused").outcome, ClockStatus::Paused { .. }));
    assert_eq!(status("not started").outcome, ClockStatus::NotStarted);
}

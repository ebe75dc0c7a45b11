//! Promises to the complainant in the procedure: made, kept and moved with
//! their guards, the audit trail keeping why a promise moved, a promise as a
//! deadline of its own in the queue order and the urgent filters, and the
//! take-back of a promise. Pure domain: no store, no clock reads.

use std::sync::LazyLock;

use chrono::{DateTime, Utc};

use klachtdesk::domain::case::{Case, CaseId, Direction, LogKind};
use klachtdesk::domain::deadlines::{CaseClocks, Clocks};
use klachtdesk::domain::event::{Event, EventKind};
use klachtdesk::domain::intake::Intake;
use klachtdesk::domain::problem::{Field, Problem};
use klachtdesk::domain::query::{Filter, most_urgent_first};
use klachtdesk::domain::summary::Summary;
use klachtdesk::domain::undo::take_back;
use klachtdesk::domain::workflow::{Command, Ctx, Rules, State, Step, apply, register};
use klachtdesk::exchange::replay::rebuild;

#[path = "support/ams.rs"]
mod ams;
use ams::ams;

static RULES: LazyLock<Rules> = LazyLock::new(Rules::default);

fn ctx(now: DateTime<Utc>) -> Ctx<'static> {
    Ctx {
        now,
        actor: "anna",
        rules: &RULES,
    }
}

/// Registered on Monday 30 November 2026 at 09:00; with it, its trail.
fn registered(seq: u32) -> (Case, Vec<Event>) {
    let intake = Intake {
        name: "Jan de Vries".into(),
        phone: "06-12345678".into(),
        service: "Security monitoring (SOC)".into(),
        description: "Nobody called back.".into(),
        ..Intake::default()
    };
    let (case, event) = register(CaseId::new(2026, seq), &intake, &ctx(ams("2026-11-30 09:00"))).unwrap();
    (case, vec![event])
}

fn act(trail: &mut (Case, Vec<Event>), command: Command, at: &str) {
    let (next, event) =
        apply(&trail.0, &command, &ctx(ams(at))).unwrap_or_else(|r| panic!("{command:?}: {r:?}"));
    trail.0 = next;
    trail.1.push(event);
}

fn refused(case: &Case, command: Command, at: &str) -> Vec<Problem> {
    apply(case, &command, &ctx(ams(at))).unwrap_err().0
}

fn promise(what: &str, due: &str) -> Command {
    Command::MakePromise {
        what: what.into(),
        due: ams(due),
    }
}

#[test]
fn a_promise_is_made_on_an_open_case_for_a_moment_to_come() {
    let mut trail = registered(1);
    act(
        &mut trail,
        promise("call back", "2026-12-03 12:00"),
        "2026-11-30 09:30",
    );
    let made = &trail.0.promises[0];
    assert_eq!(
        (made.what.as_str(), made.due),
        ("call back", ams("2026-12-03 12:00"))
    );
    assert_eq!(
        (made.made_at, made.made_by.as_str()),
        (ams("2026-11-30 09:30"), "anna")
    );
    assert_eq!(made.kept_at, None);

    let case = &trail.0;
    assert_eq!(
        refused(case, promise("  ", "2026-12-03 12:00"), "2026-11-30 10:00"),
        [Problem::Missing(Field::PromiseWhat)]
    );
    assert_eq!(
        refused(case, promise("call back", "2026-11-30 09:59"), "2026-11-30 10:00"),
        [Problem::InPast(Field::PromiseDue)]
    );
    let words = klachtdesk::i18n::problem(klachtdesk::i18n::Lang::En, &Problem::InPast(Field::PromiseDue));
    assert!(
        words.contains("passed already") && words.contains("tomorrow"),
        "{words}"
    );

    let mut closed = case.clone();
    closed.state = State::Closed;
    assert_eq!(
        refused(
            &closed,
            promise("call back", "2026-12-03 12:00"),
            "2026-11-30 10:00"
        ),
        [Problem::NotAllowed {
            step: Step::MakePromise,
            from: State::Closed
        }]
    );
}

#[test]
fn a_promise_is_kept_once_and_a_call_logged_with_it_is_one_save() {
    let mut trail = registered(2);
    act(
        &mut trail,
        promise("call back", "2026-12-03 12:00"),
        "2026-11-30 09:30",
    );
    let call = Command::LogContact {
        kind: LogKind::Call,
        direction: Direction::Outbound,
        text: "Called back: the alert is escalated now.".into(),
    };
    act(&mut trail, call, "2026-12-03 11:00");
    act(
        &mut trail,
        Command::KeepPromise { promise: 0 },
        "2026-12-03 11:00",
    );
    let kept = &trail.0.promises[0];
    assert_eq!(kept.kept_at, Some(ams("2026-12-03 11:00")));
    assert_eq!(kept.kept_on_time(), Some(true));
    assert_eq!(
        refused(&trail.0, Command::KeepPromise { promise: 0 }, "2026-12-03 11:05"),
        [Problem::PromiseAlreadyKept {
            at: ams("2026-12-03 11:00")
        }]
    );
    assert_eq!(
        refused(&trail.0, Command::KeepPromise { promise: 3 }, "2026-12-03 11:05"),
        [Problem::NoSuchPromise(3)]
    );
    // Kept after its moment: late.
    act(
        &mut trail,
        promise("send the report", "2026-12-04 12:00"),
        "2026-12-03 11:10",
    );
    act(
        &mut trail,
        Command::KeepPromise { promise: 1 },
        "2026-12-04 15:00",
    );
    assert_eq!(trail.0.promises[1].kept_on_time(), Some(false));
}

#[test]
fn a_promise_moves_only_with_a_reason_which_the_audit_trail_keeps() {
    let mut trail = registered(3);
    act(
        &mut trail,
        promise("call back", "2026-12-03 12:00"),
        "2026-11-30 09:30",
    );
    let moved = |reason: &str| Command::MovePromise {
        promise: 0,
        due: ams("2026-12-04 12:00"),
        reason: reason.into(),
    };
    assert_eq!(
        refused(&trail.0, moved(" "), "2026-12-02 09:00"),
        [Problem::Missing(Field::PromiseReason)]
    );
    act(
        &mut trail,
        moved("The engineer is out until Friday."),
        "2026-12-02 09:00",
    );
    let promise = &trail.0.promises[0];
    assert_eq!(promise.due, ams("2026-12-04 12:00"));
    let step = &promise.moves[0];
    assert_eq!(
        (step.from, step.to),
        (ams("2026-12-03 12:00"), ams("2026-12-04 12:00"))
    );
    assert_eq!(step.reason, "The engineer is out until Friday.");

    let event = trail.1.last().unwrap();
    assert!(matches!(
        &event.kind,
        EventKind::Command(Command::MovePromise { reason, .. }) if reason == "The engineer is out until Friday."
    ));
    let change = event.changes.iter().find(|c| c.field == Field::Promises).unwrap();
    assert!(
        change.before.starts_with("2026-12-03T11:00:00Z | call back"),
        "{change:?}"
    );
    assert!(
        change.after.starts_with("2026-12-04T11:00:00Z | call back"),
        "{change:?}"
    );
}

#[test]
fn a_promise_made_is_taken_back_like_any_change() {
    let mut trail = registered(4);
    act(
        &mut trail,
        promise("call back", "2026-12-03 12:00"),
        "2026-11-30 09:30",
    );
    let (case, events) = &trail;
    let (back, _) = take_back(case, &events[1..], 2, &ctx(ams("2026-11-30 09:35")), || {
        rebuild(case.id, &events[..1], &RULES).ok()
    })
    .unwrap();
    assert!(back.promises.is_empty());
    // The trail with the promise plays again to the same case.
    assert_eq!(rebuild(case.id, events, &RULES).unwrap(), *case);
}

#[test]
fn a_promise_is_a_deadline_of_its_own_in_the_queue_and_the_urgent_filters() {
    // Both in treatment since Monday: their outcome is due in two weeks.
    let treated = |seq| {
        let mut trail = registered(seq);
        act(
            &mut trail,
            Command::Acknowledge {
                at: ams("2026-11-30 09:10"),
                via: klachtdesk::domain::case::AckVia::Phone,
            },
            "2026-11-30 09:10",
        );
        act(
            &mut trail,
            Command::TakeIntoTreatment {
                handler: "anna".into(),
                at: None,
            },
            "2026-11-30 09:20",
        );
        trail
    };
    let plain = treated(5);
    let mut promised = treated(6);
    act(
        &mut promised,
        promise("call back", "2026-12-01 12:00"),
        "2026-11-30 09:30",
    );
    let policy = &RULES.policy;

    let on_the_day = ams("2026-12-01 10:00");
    let clocks = CaseClocks::of(&promised.0, policy, on_the_day);
    assert!(clocks.is_due_today() && !clocks.is_breached());
    assert!(!CaseClocks::of(&plain.0, policy, on_the_day).is_due_today());

    let after = ams("2026-12-01 12:30");
    let clocks = CaseClocks::of(&promised.0, policy, after);
    assert!(clocks.is_breached());
    assert!(!CaseClocks::of(&plain.0, policy, after).is_breached());

    // The summaries the board holds say the same, and sort the promise first
    // though its case number is higher.
    let summaries = [Summary::of(&plain.0), Summary::of(&promised.0)];
    let filter = Filter::default();
    let order = most_urgent_first(
        summaries.iter().map(|s| (s, "")),
        &filter,
        &mut Clocks::new(policy, on_the_day),
    );
    assert_eq!(order[0].id, promised.0.id);
    let breached = Filter {
        breached: true,
        ..Filter::default()
    };
    let chosen = most_urgent_first(
        summaries.iter().map(|s| (s, "")),
        &breached,
        &mut Clocks::new(policy, after),
    );
    assert_eq!(chosen.iter().map(|s| s.id).collect::<Vec<_>>(), [promised.0.id]);

    // Kept, it no longer counts.
    act(
        &mut promised,
        Command::KeepPromise { promise: 0 },
        "2026-12-01 12:45",
    );
    assert!(!CaseClocks::of(&promised.0, policy, ams("2026-12-01 13:00")).is_breached());
    assert_eq!(Summary::of(&promised.0).next_promise, None);
}

#[test]
fn the_report_counts_the_promises_due_in_the_period_and_the_share_kept_on_time() {
    use klachtdesk::app::reports::rows::rows;
    use klachtdesk::domain::report::{Period, Report, csv};
    use klachtdesk::i18n::Lang;

    let mut on_time = registered(7);
    act(
        &mut on_time,
        promise("call back", "2026-12-01 12:00"),
        "2026-11-30 09:30",
    );
    act(
        &mut on_time,
        Command::KeepPromise { promise: 0 },
        "2026-12-01 11:00",
    );
    // Kept, but after its moment.
    let mut late = registered(8);
    act(
        &mut late,
        promise("call back", "2026-12-01 12:00"),
        "2026-11-30 09:30",
    );
    act(&mut late, Command::KeepPromise { promise: 0 }, "2026-12-02 09:00");
    // Not kept at all.
    let mut broken = registered(9);
    act(
        &mut broken,
        promise("send the report", "2026-12-02 17:00"),
        "2026-11-30 09:30",
    );
    // Moved out of the period in time: counts in the period it is due in now.
    let mut moved = registered(10);
    act(
        &mut moved,
        promise("call back", "2026-12-03 12:00"),
        "2026-11-30 09:30",
    );
    act(
        &mut moved,
        Command::MovePromise {
            promise: 0,
            due: ams("2027-01-05 12:00"),
            reason: "On holiday until January.".into(),
        },
        "2026-12-02 09:00",
    );
    let history = [on_time, late, broken, moved];
    let december = Period::month_of(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
    let report = Report::compute(&history, december, &RULES, ams("2026-12-10 09:00"));
    assert_eq!((report.promises.due, report.promises.on_time), (3, 1));

    let line = |lang| {
        rows(lang, &report)
            .into_iter()
            .map(|r| format!("{} {}", r.label, r.value))
            .find(|l| l.contains("romises") || l.contains("oezeggingen"))
            .unwrap()
    };
    assert_eq!(line(Lang::En), "Promises kept on time 1 of 3 (33%)");
    assert_eq!(line(Lang::Nl), "Toezeggingen op tijd nagekomen 1 van 3 (33%)");
    let csv = csv::rows(&report);
    assert!(
        csv.iter().any(|r| r[..2] == ["promises", "due"] && r[4] == "3"),
        "{csv:?}"
    );
    assert!(
        csv.iter()
            .any(|r| r[..2] == ["promises", "kept_on_time"] && r[4] == "1"),
        "{csv:?}"
    );
}

#[test]
fn a_case_with_promises_made_moved_and_kept_exports_and_imports_as_it_was() {
    use klachtdesk::exchange::{CaseTrail, check_export, json};

    let mut trail = registered(11);
    act(
        &mut trail,
        promise("call back", "2026-12-01 12:00"),
        "2026-11-30 09:30",
    );
    act(
        &mut trail,
        Command::MovePromise {
            promise: 0,
            due: ams("2026-12-02 12:00"),
            reason: "The engineer is out.".into(),
        },
        "2026-11-30 15:00",
    );
    act(
        &mut trail,
        Command::KeepPromise { promise: 0 },
        "2026-12-02 11:00",
    );
    let (case, events) = trail;
    let mut out = Vec::new();
    let exported = CaseTrail {
        case: case.clone(),
        events,
    };
    json::write(
        &mut out,
        ams("2026-12-03 09:00"),
        [Ok::<_, ()>(exported)].into_iter(),
        || {},
    )
    .unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("\"The engineer is out.\""), "{text}");
    let imported = check_export(text.as_bytes(), &RULES, ams("2026-12-03 09:00"), |_| {}).unwrap();
    assert_eq!(imported[0].case(), &case);
}

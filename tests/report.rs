//! Reports and the learnings register, on a small data set made by hand at
//! fixed moments, with every figure worked out by hand below.
//!
//! November 2026 has no Dutch holidays; every time is Amsterdam time (CET,
//! UTC+1). Targets: acknowledgement within 2 working days (wd), outcome within
//! 10 wd, both due at 17:00 on the last day. ISO weeks: W44 ends Sun 1 Nov,
//! W45 = 2–8, W46 = 9–15, W47 = 16–22, W48 = 23–29, W49 starts Mon 30 Nov.
//!
//! | case | who, how                     | service     | complained     | what happened                                                          |
//! |------|------------------------------|-------------|----------------|------------------------------------------------------------------------|
//! | 0001 | Jan Jansen, phone            | Pentest     | Mon 2 Nov 9:00 | ack Tue 3 (1 wd) · admissible Wed 4 · outcome Fri 13 (7 wd, due 18) · closed Mon 16, satisfied |
//! | 0002 | J. Jansen (same phone), mail | SOC         | Thu 5 Nov 15:00| ack Mon 9 16:00 (2 wd, due Mon 9) · admissible Tue 10 · info asked Thu 12 · in Mon 16 · outcome Tue 24 (6 wd, due 30) · closed Wed 25, unsatisfied |
//! | 0003 | Piet de Boer, contact person | SOC         | Mon 9 Nov 11:00| ack Thu 12 (3 wd, due Wed 11: 1 wd late) · admissible Thu 12 · outcome Fri 27 (11 wd, due Thu 26: 1 wd late) · closed Mon 30, unknown |
//! | 0004 | Anna Smit, phone             | IR          | Mon 16 Nov 9:30| ack Tue 17 (1 wd) · not admissible Wed 18                                 |
//! | 0005 | Kees Bakker, phone           | Consultancy | Wed 18 Nov 14:00| no ack in November (due Fri 20) · ack Wed 2 Dec                         |
//! | 0006 | Jan Jansen (same e-mail), contact person | Awareness | Mon 23 Nov 10:00 | ack Mon 23 15:00 (0 wd) · admissible Tue 24 (due 8 Dec) · outcome Tue 1 Dec |
//! | 0007 | Lisa Vos, e-mail             | Pentest     | Sun 1 Nov 20:00| ack Mon 2 (1 wd, due Tue 3) · admissible Mon 2 (due Mon 16) · info asked Wed 18 (2 wd late by then) |
//! | 0008 | Tom Dijk, phone              | Other       | Thu 29 Oct 10:00| ack Thu 29 Oct · admissible Fri 30 Oct · outcome Thu 12 Nov (9 wd, due 13) · closed Tue 1 Dec, satisfied |
//! | 0009 | Eva Mol, e-mail              | Other       | Tue 1 Dec 9:00 | registered in December                                                  |
//!
//! The December steps (0005's ack, 0006's outcome, 0008's closing, 0009) come
//! after November: November's report must be the same with and without them.

mod support;

use std::path::PathBuf;
use std::sync::Arc;

use assert_cmd::cargo::cargo_bin_cmd;
use chrono::{DateTime, NaiveDate, Utc};
use klachtdesk::app::cases::Cases;
use klachtdesk::app::learnings::LearningsView;
use klachtdesk::app::reports::ReportView;
use klachtdesk::app::reports::rows::Kind;
use klachtdesk::app::{App, Effect, Modal, Msg, update};
use klachtdesk::domain::case::{AckVia, Case, CaseId, Channel, Satisfaction, Target};
use klachtdesk::domain::event::Event;
use klachtdesk::domain::intake::Intake;
use klachtdesk::domain::learnings;
use klachtdesk::domain::report::{Period, PeriodKind, Report};
use klachtdesk::domain::workflow::{self, Command, Ctx, Rules, State};
use klachtdesk::exchange::report_csv as csv;
use klachtdesk::i18n::Lang;
use klachtdesk::keymap::Keymap;
use klachtdesk::store::Store;
use klachtdesk::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::Value;
use support::{key, press};

// ───────────────────────────── the data set ─────────────────────────────

#[path = "support/ams.rs"]
mod ams;
use ams::ams;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn id(seq: u32) -> CaseId {
    CaseId::new(2026, seq)
}

fn november() -> Period {
    Period::month_of(day("2026-11-01"))
}

/// Tuesday 1 December, 08:00: November is over, nothing of December has happened yet.
fn december_first() -> DateTime<Utc> {
    ams("2026-12-01 08:00")
}

/// Thursday 3 December, 10:00: after the December steps.
fn december_third() -> DateTime<Utc> {
    ams("2026-12-03 10:00")
}

/// One complaint: who, about what, when; when it was registered; its steps.
struct Script {
    intake: Intake,
    registered: DateTime<Utc>,
    steps: Vec<(DateTime<Utc>, Command)>,
}

fn intake(name: &str, phone: &str, email: &str, service: &str, channel: Channel, at: &str) -> Intake {
    Intake {
        name: name.into(),
        phone: phone.into(),
        email: email.into(),
        organisation: if name.contains("Jansen") {
            "Voorbeeld BV".into()
        } else {
            String::new()
        },
        service: service.into(),
        channel,
        complained_at: Some(ams(at)),
        description: format!("A complaint of {name}."),
        ..Intake::default()
    }
}

fn ack(at: &str) -> (DateTime<Utc>, Command) {
    (
        ams(at),
        Command::Acknowledge {
            at: ams(at),
            via: AckVia::Email,
        },
    )
}

fn admit(at: &str) -> (DateTime<Utc>, Command) {
    (
        ams(at),
        Command::TakeIntoTreatment {
            at: None,
            handler: "Anna".into(),
        },
    )
}

fn outcome(at: &str, root_cause: &str) -> (DateTime<Utc>, Command) {
    (
        ams(at),
        Command::CommunicateOutcome {
            at: None,
            root_cause: root_cause.into(),
            solution: "Fixed it.".into(),
            outcome: "Told them.".into(),
        },
    )
}

fn close(at: &str, learnings: &str, satisfaction: Satisfaction) -> (DateTime<Utc>, Command) {
    (
        ams(at),
        Command::Close {
            at: None,
            learnings: learnings.into(),
            satisfaction: Some(satisfaction),
        },
    )
}

fn request(at: &str) -> (DateTime<Utc>, Command) {
    (
        ams(at),
        Command::RequestInformation {
            at: None,
            request: "The log files, please.".into(),
        },
    )
}

fn received(at: &str) -> (DateTime<Utc>, Command) {
    (
        ams(at),
        Command::InformationReceived {
            at: None,
            note: String::new(),
        },
    )
}

/// The data set in case-number order; with `december`, the December steps too.
fn scripts(december: bool) -> Vec<Script> {
    let pentest = "Penetration testing";
    let soc = "Security monitoring (SOC)";
    let mut all = vec![
        Script {
            intake: intake(
                "Jan Jansen",
                "06-12345678",
                "jan@voorbeeld.nl",
                pentest,
                Channel::Phone,
                "2026-11-02 09:00",
            ),
            registered: ams("2026-11-02 09:05"),
            steps: vec![
                ack("2026-11-03 10:00"),
                admit("2026-11-04 10:00"),
                outcome("2026-11-13 14:00", "Report review queue not planned."),
                close(
                    "2026-11-16 10:00",
                    "Plan the report review.",
                    Satisfaction::Satisfied,
                ),
            ],
        },
        Script {
            intake: intake(
                "J. Jansen",
                "+31 6 1234 5678",
                "",
                soc,
                Channel::Email,
                "2026-11-05 15:00",
            ),
            registered: ams("2026-11-05 15:10"),
            steps: vec![
                ack("2026-11-09 16:00"),
                admit("2026-11-10 09:00"),
                request("2026-11-12 10:00"),
                received("2026-11-16 11:00"),
                outcome("2026-11-24 15:00", "Escalation list outdated"),
                close(
                    "2026-11-25 12:00",
                    "Check escalation contacts every quarter",
                    Satisfaction::Unsatisfied,
                ),
            ],
        },
        Script {
            intake: intake(
                "Piet de Boer",
                "",
                "piet@boer.nl",
                soc,
                Channel::ContactPerson,
                "2026-11-09 11:00",
            ),
            registered: ams("2026-11-09 11:10"),
            steps: vec![
                ack("2026-11-12 09:00"),
                admit("2026-11-12 10:00"),
                outcome("2026-11-27 10:00", "  escalation LIST outdated. "),
                close(
                    "2026-11-30 10:00",
                    "Check escalation contacts every quarter.",
                    Satisfaction::Unknown,
                ),
            ],
        },
        Script {
            intake: intake(
                "Anna Smit",
                "010-7654321",
                "",
                "Incident response",
                Channel::Phone,
                "2026-11-16 09:30",
            ),
            registered: ams("2026-11-16 09:40"),
            steps: vec![
                ack("2026-11-17 09:00"),
                (
                    ams("2026-11-18 10:00"),
                    Command::DeclareNotAdmissible {
                        at: None,
                        justification: "Not our product.".into(),
                    },
                ),
            ],
        },
        Script {
            intake: intake(
                "Kees Bakker",
                "020-1234567",
                "",
                "Consultancy",
                Channel::Phone,
                "2026-11-18 14:00",
            ),
            registered: ams("2026-11-18 14:10"),
            steps: vec![ack("2026-12-02 09:00")],
        },
        Script {
            intake: intake(
                "Jan Jansen",
                "",
                "JAN@voorbeeld.nl",
                "Awareness training",
                Channel::ContactPerson,
                "2026-11-23 10:00",
            ),
            registered: ams("2026-11-23 10:10"),
            steps: vec![
                ack("2026-11-23 15:00"),
                admit("2026-11-24 10:00"),
                outcome("2026-12-01 10:00", "Phishing template not agreed"),
            ],
        },
        Script {
            intake: intake(
                "Lisa Vos",
                "",
                "lisa@vos.nl",
                pentest,
                Channel::Email,
                "2026-11-01 20:00",
            ),
            registered: ams("2026-11-02 08:30"),
            steps: vec![
                ack("2026-11-02 09:00"),
                admit("2026-11-02 10:00"),
                request("2026-11-18 10:00"),
            ],
        },
        Script {
            intake: intake(
                "Tom Dijk",
                "0612121212",
                "",
                "Other",
                Channel::Phone,
                "2026-10-29 10:00",
            ),
            registered: ams("2026-10-29 10:10"),
            steps: vec![
                ack("2026-10-29 12:00"),
                admit("2026-10-30 10:00"),
                outcome("2026-11-12 16:00", "Account changes not communicated"),
                close(
                    "2026-12-01 10:00",
                    "Introduce the new contact person in a call.",
                    Satisfaction::Satisfied,
                ),
            ],
        },
        Script {
            intake: intake(
                "Eva Mol",
                "",
                "eva@mol.nl",
                "Other",
                Channel::Email,
                "2026-12-01 09:00",
            ),
            registered: ams("2026-12-01 09:10"),
            steps: vec![],
        },
    ];
    if !december {
        let cutoff = december_first();
        all.retain(|s| s.registered < cutoff);
        for s in &mut all {
            s.steps.retain(|(at, _)| *at < cutoff);
        }
    }
    all
}

/// The data set as the domain sees it: every case with its audit trail.
fn history(december: bool) -> Vec<(Case, Vec<Event>)> {
    let rules = Rules::default();
    scripts(december)
        .into_iter()
        .enumerate()
        .map(|(i, script)| {
            let ctx = |now| Ctx {
                now,
                actor: "anna",
                rules: &rules,
            };
            let (mut case, event) =
                workflow::register(id(i as u32 + 1), &script.intake, &ctx(script.registered)).unwrap();
            let mut events = vec![event];
            for (at, command) in &script.steps {
                let (next, event) = workflow::apply(&case, command, &ctx(*at))
                    .unwrap_or_else(|r| panic!("{}: {command:?}: {r:?}", case.id));
                case = next;
                events.push(event);
            }
            (case, events)
        })
        .collect()
}

/// The data set in a database at `path`, registered in case-number order.
fn fill(path: &std::path::Path) {
    let store = Store::open(path).unwrap();
    let rules = Rules::default();
    for script in scripts(true) {
        let ctx = |now| Ctx {
            now,
            actor: "anna",
            rules: &rules,
        };
        let case = store.register(&script.intake, &ctx(script.registered)).unwrap();
        for (at, command) in &script.steps {
            store.execute(case.id, None, command, &ctx(*at)).unwrap();
        }
    }
}

fn november_report() -> Report {
    Report::compute(&history(true), november(), &Rules::default(), december_third())
}

// ───────────────────────────── the figures ─────────────────────────────

/// A text and the cases it was counted in.
type Counted<'a> = (&'a str, Vec<CaseId>);

#[test]
fn complaints_received_per_week_service_and_channel() {
    let r = november_report();
    // By the complaint's date: 0007 on Sunday 1 Nov (W44); 0001, 0002 (W45);
    // 0003 (W46); 0004, 0005 (W47); 0006 (W48); none on Monday 30 Nov (W49).
    // 0008 (October) and 0009 (December) are not November's.
    let weeks: Vec<(String, usize)> = r.weeks.iter().map(|w| (w.week.label(), w.count)).collect();
    assert_eq!(
        weeks,
        [
            ("2026-W44".to_string(), 1),
            ("2026-W45".to_string(), 2),
            ("2026-W46".to_string(), 1),
            ("2026-W47".to_string(), 2),
            ("2026-W48".to_string(), 1),
            ("2026-W49".to_string(), 0),
        ]
    );
    assert_eq!(r.received(), 7);
    // Pentest 0001 0007, SOC 0002 0003, one each for the rest; ties by name.
    let services: Vec<(&str, usize)> = r.services.iter().map(|(s, n)| (s.as_str(), *n)).collect();
    assert_eq!(
        services,
        [
            ("Penetration testing", 2),
            ("Security monitoring (SOC)", 2),
            ("Awareness training", 1),
            ("Consultancy", 1),
            ("Incident response", 1),
        ]
    );
    // Phone 0001 0004 0005; e-mail 0002 0007; contact person 0003 0006.
    assert_eq!(
        r.channels,
        [
            (Channel::Phone, 3),
            (Channel::Email, 2),
            (Channel::ContactPerson, 2)
        ]
    );
}

#[test]
fn open_cases_by_state_at_the_end_of_the_period() {
    let r = november_report();
    // On 30 Nov: 0005 still Received, 0006 In treatment, 0007 Waiting, 0008
    // Outcome communicated (closed only on 1 Dec). 0001–0003 closed, 0004 not
    // admissible, 0009 not yet there.
    assert_eq!(
        r.open,
        [
            (State::Received, 1),
            (State::Acknowledged, 0),
            (State::InTreatment, 1),
            (State::Waiting, 1),
            (State::OutcomeCommunicated, 1),
        ]
    );
    assert_eq!(r.open_total(), 4);
}

#[test]
fn a_past_period_does_not_change_when_its_cases_move_on() {
    // Computed on 1 December before anything happened that day, and on
    // 3 December after 0005 was acknowledged, 0006 got its outcome, 0008 was
    // closed and 0009 came in: the same November.
    let before = Report::compute(&history(false), november(), &Rules::default(), december_first());
    let after = november_report();
    assert_eq!(before, after);
    // The period is over: the figures stand at its end, midnight local time.
    assert_eq!(after.as_of, ams("2026-12-01 00:00"));
}

#[test]
fn admissibility_decisions_made_in_the_period() {
    let r = november_report();
    // Admissible: 0007 (2 Nov), 0001 (4), 0002 (10), 0003 (12), 0006 (24);
    // 0008 was admitted on 30 October. Not admissible: 0004 (18 Nov). 5 of 6.
    assert_eq!((r.admissible, r.not_admissible), (5, 1));
}

#[test]
fn deadlines_met_in_time_with_median_and_p90_by_nearest_rank() {
    let r = november_report();
    // Acknowledgements met in November (wd taken): 0001 1, 0002 2, 0003 3
    // (late), 0004 1, 0006 0, 0007 1 → 5 of 6 on time. Sorted 0 1 1 1 2 3:
    // the median is rank ⌈0.5·6⌉ = 3 → 1; p90 is rank ⌈0.9·6⌉ = 6 → 3.
    let a = &r.acknowledge;
    assert_eq!(
        (a.target, a.days, a.met, a.on_time),
        (Target::Acknowledge, 2, 6, 5)
    );
    assert_eq!((a.median, a.p90), (Some(1), Some(3)));
    // Outcomes communicated in November (wd since the clock last started):
    // 0001 7, 0002 6 (from the information received on 16 Nov), 0003 11
    // (late), 0008 9 → 3 of 4. Sorted 6 7 9 11: median rank 2 → 7; p90 rank
    // ⌈3.6⌉ = 4 → 11. 0006's outcome came on 1 December.
    let o = &r.outcome;
    assert_eq!((o.target, o.days, o.met, o.on_time), (Target::Outcome, 10, 4, 3));
    assert_eq!((o.median, o.p90), (Some(7), Some(11)));
}

#[test]
fn the_breached_deadlines_with_how_late() {
    let r = november_report();
    let breaches: Vec<(CaseId, Target, NaiveDate, bool, u32)> = r
        .breaches
        .iter()
        .map(|b| (b.case, b.target, b.due, b.met_at.is_some(), b.working_days_late))
        .collect();
    assert_eq!(
        breaches,
        [
            // Met late: due Wed 11, acknowledged Thu 12.
            (id(3), Target::Acknowledge, day("2026-11-11"), true, 1),
            // Due Mon 16; still running when information was asked on Wed 18:
            // late on Tue 17 and Wed 18.
            (id(7), Target::Outcome, day("2026-11-16"), false, 2),
            // Due Fri 20, not acknowledged in November: late on 23–27 and 30.
            // (It was acknowledged on 2 December: that is December's breach.)
            (id(5), Target::Acknowledge, day("2026-11-20"), false, 6),
            // Met late: due Thu 26, outcome on Fri 27.
            (id(3), Target::Outcome, day("2026-11-26"), true, 1),
        ]
    );
}

#[test]
fn satisfaction_repeat_complainants_and_root_causes() {
    let r = november_report();
    // Closed in November: 0001 satisfied, 0002 unsatisfied, 0003 unknown.
    // 0008 was closed (satisfied) on 1 December.
    assert_eq!(
        r.satisfaction,
        [
            (Satisfaction::Satisfied, 1),
            (Satisfaction::Unsatisfied, 1),
            (Satisfaction::Unknown, 1)
        ]
    );
    // 0002 shares 0001's phone number written differently, 0006 its e-mail
    // address in capitals: one complainant, three complaints.
    assert_eq!(r.repeats.len(), 1);
    assert_eq!(r.repeats[0].name, "Jan Jansen");
    assert_eq!(r.repeats[0].organisation.as_deref(), Some("Voorbeeld BV"));
    assert_eq!(r.repeats[0].cases, [id(1), id(2), id(6)]);
    // Outcomes communicated in November: 0008 Other, 0001 Pentest, 0002 and
    // 0003 SOC with one root cause written two ways (the first spelling shown).
    let causes: Vec<(&str, Vec<Counted>)> = r
        .root_causes
        .iter()
        .map(|s| {
            (
                s.service.as_str(),
                s.causes
                    .iter()
                    .map(|c| (c.text.as_str(), c.cases.clone()))
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        causes,
        [
            ("Other", vec![("Account changes not communicated", vec![id(8)])]),
            (
                "Penetration testing",
                vec![("Report review queue not planned.", vec![id(1)])]
            ),
            (
                "Security monitoring (SOC)",
                vec![("Escalation list outdated", vec![id(2), id(3)])]
            ),
        ]
    );
}

#[test]
fn a_period_not_over_yet_counts_until_now() {
    // December so far, on Thursday 3 December at 10:00.
    let r = Report::compute(
        &history(true),
        Period::month_of(day("2026-12-01")),
        &Rules::default(),
        december_third(),
    );
    assert_eq!(r.as_of, december_third());
    assert_eq!(r.received(), 1, "0009");
    // 0005's acknowledgement, due Fri 20 Nov, came on Wed 2 Dec: 8 wd late.
    assert_eq!(r.breaches.len(), 1);
    assert_eq!(
        (
            r.breaches[0].case,
            r.breaches[0].met_at.is_some(),
            r.breaches[0].working_days_late
        ),
        (id(5), true, 8)
    );
    // 0009's acknowledgement is due today at 17:00: not breached yet.
    // Open now: 0005 acknowledged, 0006 outcome, 0007 waiting, 0009 received.
    assert_eq!(r.open_total(), 4);
    assert_eq!(r.satisfaction[0], (Satisfaction::Satisfied, 1), "0008");
}

#[test]
fn periods_step_by_their_own_length() {
    let p = november();
    assert_eq!(
        (p.prev().from, p.prev().to),
        (day("2026-10-01"), day("2026-10-31"))
    );
    assert_eq!(p.next().kind, PeriodKind::Month);
    let custom = Period::custom(day("2026-11-09"), day("2026-11-22")).unwrap();
    assert_eq!(
        (custom.next().from, custom.next().to),
        (day("2026-11-23"), day("2026-12-06"))
    );
}

#[test]
fn csv_has_a_row_per_figure() {
    let text = csv::csv(&november_report());
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "section,key,detail,date,value");
    for row in [
        "period,from,,2026-11-01,",
        "period,kind,,,month",
        "received,total,,,7",
        "received_week,2026-W44,,2026-10-26,1",
        "received_service,Security monitoring (SOC),,,2",
        "received_channel,contact-person,,,2",
        "open_at_end,waiting,,,1",
        "admissibility,not-admissible,,,1",
        "deadline,acknowledge,median_working_days,,1",
        "deadline,outcome,p90_working_days,,11",
        "breach_met_late,K-2026-0003,acknowledge,2026-11-11,1",
        "breach_not_met,K-2026-0005,acknowledge,2026-11-20,6",
        "satisfaction,unknown,,,1",
        "repeat,Jan Jansen,K-2026-0001 K-2026-0002 K-2026-0006,,3",
        "root_cause,Security monitoring (SOC),Escalation list outdated,,2",
    ] {
        assert!(lines.contains(&row), "no row {row:?} in:\n{text}");
    }
    assert!(
        lines.iter().all(|l| l.split(',').count() >= 5),
        "five columns:\n{text}"
    );
}

// ───────────────────────────── the learnings register ─────────────────────────────

#[test]
fn the_register_groups_learnings_by_service_and_root_cause() {
    let history = history(true);
    let summaries: Vec<klachtdesk::domain::summary::Summary> = history
        .iter()
        .map(|(c, _)| klachtdesk::domain::summary::Summary::of(c))
        .collect();
    let entries = learnings::register(&summaries, str::to_string);
    // Closed with learnings: 0001, 0002, 0003, 0008 (0004 was not admissible).
    let shown: Vec<(&str, &str, Vec<CaseId>, Vec<&str>)> = entries
        .iter()
        .map(|e| {
            (
                e.service.as_str(),
                e.root_cause.as_str(),
                e.cases.clone(),
                e.lessons.iter().map(|l| l.text.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            (
                "Other",
                "Account changes not communicated",
                vec![id(8)],
                vec!["Introduce the new contact person in a call."]
            ),
            (
                "Penetration testing",
                "Report review queue not planned.",
                vec![id(1)],
                vec!["Plan the report review."]
            ),
            (
                "Security monitoring (SOC)",
                "Escalation list outdated",
                vec![id(2), id(3)],
                vec!["Check escalation contacts every quarter"]
            ),
        ]
    );
    let words = learnings::words("SOC quarter");
    let hits: Vec<&str> = entries
        .iter()
        .filter(|e| e.matches(&words))
        .map(|e| e.service.as_str())
        .collect();
    assert_eq!(hits, ["Security monitoring (SOC)"]);
}

// ───────────────────────────── the screens ─────────────────────────────

struct Screen {
    _dir: tempfile::TempDir,
    store: Store,
    app: App,
}

/// The app over the data set on 3 December, at `size`, in `lang`.
fn screen(lang: Lang, size: (u16, u16)) -> Screen {
    let dir = tempfile::tempdir().unwrap();
    fill(&dir.path().join("db"));
    let store = Store::open(&dir.path().join("db")).unwrap();
    let app = App::new(
        lang,
        "anna".into(),
        Rules::default(),
        Keymap::default(),
        december_third(),
        klachtdesk::app::Queue::new(Cases::new(store.load().cases)),
        size,
    );
    Screen {
        _dir: dir,
        store,
        app,
    }
}

impl Screen {
    fn press(&mut self, keys: &str) {
        press(&mut self.app, &self.store, keys);
    }

    /// Sends a message without carrying out its effects; the effects.
    fn update(&mut self, msg: Msg) -> Vec<Effect> {
        update(&mut self.app, msg)
    }

    fn report(&self) -> &ReportView {
        match &self.app.modal {
            Some(Modal::Report(view)) => view,
            other => panic!("expected the reports screen, found {other:?}"),
        }
    }

    fn learnings(&self) -> &LearningsView {
        match &self.app.modal {
            Some(Modal::Learnings(view)) => view,
            other => panic!("expected the learnings register, found {other:?}"),
        }
    }
}

fn draw(app: &App) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal
        .draw(|frame| ui::draw(app, &Theme::new(false), frame))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

#[test]
fn r_opens_this_months_report_and_the_arrows_step_through_months() {
    let mut s = screen(Lang::En, (100, 30));
    let effects = s.update(Msg::Key(key("r")));
    let december = ams("2026-12-01 00:00");
    assert_eq!(
        effects,
        [Effect::LoadHistory { since: december }],
        "the report asks for the cases December needs"
    );
    assert!(s.report().report.is_none(), "loading");
    assert!(
        draw(&s.app)
            .join("\n")
            .contains("Reading the cases of the period")
    );
    s.update(Msg::History(december, Arc::new(history(true))));
    let view = s.report();
    assert_eq!(view.period, Period::month_of(day("2026-12-01")));
    assert_eq!(view.report.as_ref().unwrap().received(), 1);

    // November starts before the history held: it is read from November on.
    let effects = s.update(Msg::Key(key("left")));
    let november_start = ams("2026-11-01 00:00");
    assert_eq!(
        effects,
        [Effect::LoadHistory {
            since: november_start
        }]
    );
    assert_eq!(s.report().period, november());
    assert!(
        s.report().report.is_none(),
        "no December figures under November's title"
    );
    s.update(Msg::History(november_start, Arc::new(history(true))));
    assert_eq!(s.report().report.as_ref(), Some(&november_report()));
    // Back to December: the history held serves it, nothing is read.
    assert_eq!(s.update(Msg::Key(key("right"))), []);
    assert_eq!(s.report().report.as_ref().unwrap().received(), 1);
    s.press("left h [");
    assert_eq!(s.report().period.from, day("2026-09-01"));
    s.press("] right l");
    assert_eq!(s.report().period, Period::month_of(day("2026-12-01")));
    // p: quarter, year, back to month.
    s.press("p");
    assert_eq!(s.report().period.kind, PeriodKind::Quarter);
    s.press("p p");
    assert_eq!(s.report().period.kind, PeriodKind::Month);
    s.press("esc");
    assert!(s.app.modal.is_none());
}

#[test]
fn the_report_loads_through_the_store_and_exports_csv() {
    let mut s = screen(Lang::En, (100, 30));
    s.app.settings.exports = "/home/anna/exports".into();
    // Through `dispatch`, as the terminal loop does: the history is read from the store.
    s.press("r left");
    assert_eq!(s.report().report.as_ref(), Some(&november_report()));
    // `e` asks where, offering the export folder; Enter writes there.
    assert_eq!(s.update(Msg::Key(key("e"))), []);
    let shown = draw(&s.app).join("\n");
    assert!(
        shown.contains("/home/anna/exports/klachtdesk-report-2026-11-01-2026-11-30.csv"),
        "{shown}"
    );
    let effects = s.update(Msg::Key(key("enter")));
    match effects.as_slice() {
        [Effect::WriteFile { path, contents }] => {
            assert_eq!(
                path,
                &PathBuf::from("/home/anna/exports/klachtdesk-report-2026-11-01-2026-11-30.csv")
            );
            assert_eq!(contents, &csv::csv(&november_report()));
        }
        other => panic!("expected a file to write, got {other:?}"),
    }
    assert!(
        matches!(s.app.modal, Some(Modal::Report(_))),
        "back at the report"
    );
    s.update(Msg::Written(Ok(
        "/home/anna/exports/klachtdesk-report-2026-11-01-2026-11-30.csv".into(),
    )));
    let shown = draw(&s.app).join("\n");
    assert!(
        shown.contains("Written to /home/anna/exports/klachtdesk-report-2026-11-01-2026-11-30.csv"),
        "{shown}"
    );
}

#[test]
fn enter_on_a_breached_case_opens_it() {
    let mut s = screen(Lang::En, (100, 30));
    s.press("r left");
    let rows = s.report().rows.clone();
    let target = rows
        .iter()
        .position(|r| r.case == Some(id(5)) && r.value.starts_with("Acknowledgement"))
        .expect("0005's breach is listed");
    assert_eq!(
        rows[target].value,
        "Acknowledgement: 6 wd late · not met, due Fri 20 Nov"
    );
    while s.report().row < target {
        s.press("down");
    }
    assert_eq!(s.report().row, target);
    // It is on screen, the lines scrolled along.
    let view = s.report();
    assert!(view.offset <= target);
    assert!(
        draw(&s.app)
            .join("\n")
            .contains("Acknowledgement: 6 wd late · not met, due Fri 20 Nov")
    );
    s.press("enter");
    assert!(s.app.modal.is_none());
    assert_eq!(s.app.pane.as_ref().map(|p| p.id), Some(id(5)));
}

#[test]
fn page_keys_scroll_and_stay_within_the_report() {
    let mut s = screen(Lang::En, (80, 24));
    s.press("r left");
    let last = s.report().rows.len() - 1;
    for _ in 0..20 {
        s.press("pagedown");
    }
    assert_eq!(s.report().row, last);
    let shown = draw(&s.app).join("\n");
    assert!(
        shown.contains("Escalation list outdated"),
        "the last lines are shown:\n{shown}"
    );
    for _ in 0..20 {
        s.press("pageup");
    }
    assert_eq!((s.report().row, s.report().offset), (0, 0));
    assert_eq!(s.report().rows[0].kind, Kind::Heading);
}

#[test]
fn the_report_reads_well_in_english_and_dutch() {
    for (lang, words) in [
        (
            Lang::En,
            ["Report: November 2026", "Complaints received", "week 45"],
        ),
        (
            Lang::Nl,
            ["Rapportage: november 2026", "Ontvangen klachten", "week 45"],
        ),
    ] {
        for size in [(80, 24), (160, 48)] {
            let mut s = screen(lang, size);
            s.press("r left");
            let shown = draw(&s.app).join("\n");
            for word in words {
                assert!(shown.contains(word), "{lang:?} {size:?}: no {word:?} in\n{shown}");
            }
            if size == (160, 48) {
                // A wide screen shows the lines in two columns where every
                // key figure fits whole in one, in either language: the
                // breaches too, rather than half the screen left empty.
                let breaches = match lang {
                    Lang::En => "Deadlines breached",
                    Lang::Nl => "Overschreden termijnen",
                };
                assert!(shown.contains(breaches), "{shown}");
            }
        }
    }
}

#[test]
fn no_size_makes_the_screens_panic() {
    let mut s = screen(Lang::Nl, (100, 30));
    s.press("r");
    let mut sizes = vec![
        (1, 1),
        (2, 2),
        (10, 3),
        (59, 15),
        (60, 16),
        (61, 17),
        (80, 24),
        (160, 48),
        (200, 60),
    ];
    for w in (1..=200).step_by(23) {
        for h in (1..=60).step_by(7) {
            sizes.push((w, h));
        }
    }
    // Loading, loaded (month and year, with a sparkline when the weeks do not
    // fit), and the learnings register with a search typed.
    for stage in 0..4 {
        match stage {
            1 => s.press("left"),
            2 => s.press("p p"),
            3 => {
                s.press("R");
                s.update(Msg::Paste("escalation".into()));
            }
            _ => {}
        }
        for &(width, height) in &sizes {
            s.update(Msg::Resize { width, height });
            s.press("down pagedown");
            draw(&s.app);
        }
    }
}

#[test]
fn the_learnings_register_is_searched_opened_and_exported() {
    let mut s = screen(Lang::En, (100, 30));
    s.press("R");
    assert_eq!(s.learnings().shown.len(), 3);
    let shown = draw(&s.app).join("\n");
    for text in [
        "Learnings register",
        "Security monitoring (SOC)",
        "Escalation list outdated (2 cases: K-2026-0002, K-2026-0003)",
        "→ Check escalation contacts every quarter",
    ] {
        assert!(shown.contains(text), "no {text:?} in\n{shown}");
    }
    // It opens typing into the search; Backspace edits it.
    assert!(s.learnings().typing());
    s.press("s o c");
    assert_eq!(s.learnings().query, "soc");
    assert_eq!(s.learnings().shown.len(), 1);
    s.press("backspace backspace backspace");
    assert_eq!(s.learnings().shown.len(), 3);
    s.update(Msg::Paste("quarter".into()));
    assert_eq!(s.learnings().shown.len(), 1);
    assert!(draw(&s.app).join("\n").contains("/ quarter"));

    // Esc ends the typing; then `e` exports what is shown, as Markdown.
    s.press("esc");
    assert!(!s.learnings().typing());
    assert_eq!(s.learnings().query, "quarter");
    s.app.settings.exports = "/home/anna/exports".into();
    assert_eq!(s.update(Msg::Key(key("e"))), []);
    let effects = s.update(Msg::Key(key("enter")));
    match effects.as_slice() {
        [Effect::WriteFile { path, contents }] => {
            assert_eq!(
                path,
                &PathBuf::from("/home/anna/exports/klachtdesk-learnings-2026-12-03.md")
            );
            assert!(contents.starts_with("# Learnings register\n"), "{contents}");
            assert!(contents.contains("Search: \"quarter\"."), "{contents}");
            assert!(contents.contains("## Security monitoring (SOC)"), "{contents}");
            assert!(
                contents.contains(
                    "- **Escalation list outdated** (2 cases: K-2026-0002, K-2026-0003)\n  - Check escalation contacts every quarter\n"
                ),
                "{contents}"
            );
            assert!(
                !contents.contains("Penetration testing"),
                "only what is shown: {contents}"
            );
        }
        other => panic!("expected a file to write, got {other:?}"),
    }

    // Esc again clears the search, Enter opens the selected entry's first case.
    s.press("esc");
    assert_eq!(s.learnings().query, "");
    assert_eq!(s.learnings().shown.len(), 3);
    s.press("down down");
    assert_eq!(
        s.learnings().selected_entry().unwrap().service,
        "Security monitoring (SOC)"
    );
    s.press("enter");
    assert!(s.app.modal.is_none());
    assert_eq!(s.app.pane.as_ref().map(|p| p.id), Some(id(2)));
}

// ───────────────────────────── the command line ─────────────────────────────

struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    fn new() -> Cli {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["home/.config", "home/.local/share", "tmp"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        fill(&dir.path().join("db"));
        Cli { dir }
    }

    fn run(&self, lang: &str, args: &[&str]) -> std::process::Output {
        let path = |rel: &str| self.dir.path().join(rel);
        cargo_bin_cmd!("klachtdesk")
            .env_clear()
            .env("HOME", path("home"))
            .env("XDG_CONFIG_HOME", path("home/.config"))
            .env("XDG_DATA_HOME", path("home/.local/share"))
            .env("TMPDIR", path("tmp"))
            .env("LANG", lang)
            .env("USER", "tester")
            .arg("--db")
            .arg(path("db"))
            .args(["--now", "2026-12-03T10:00", "report"])
            .args(args)
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap()
    }

    fn ok(&self, lang: &str, args: &[&str]) -> String {
        let out = self.run(lang, args);
        assert!(
            out.status.success(),
            "report {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        serde_json::from_str(&self.ok("C", &all)).unwrap()
    }

    /// A refused report: exit 2, one line on stderr, nothing on stdout.
    fn refused(&self, args: &[&str]) -> String {
        let out = self.run("C", args);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(2), "report {args:?}: {err}");
        assert!(out.stdout.is_empty(), "report {args:?} printed on stdout");
        assert_eq!(err.lines().count(), 1, "report {args:?}: {err}");
        assert!(err.starts_with("klachtdesk: "), "{err}");
        err
    }
}

#[test]
fn report_json_has_the_figures_under_stable_names() {
    let cli = Cli::new();
    let j = cli.json(&["--from", "2026-11-01", "--to", "2026-11-30"]);
    assert_eq!(j["period"]["from"], "2026-11-01");
    assert_eq!(j["period"]["kind"], "custom");
    assert_eq!(j["received"]["total"], 7);
    assert_eq!(j["received"]["per_week"][1]["week"], "2026-W45");
    assert_eq!(j["received"]["per_week"][1]["count"], 2);
    assert_eq!(j["received"]["per_channel"][0]["channel"], "phone");
    assert_eq!(j["received"]["per_channel"][0]["count"], 3);
    assert_eq!(j["open_at_end"]["total"], 4);
    assert_eq!(j["admissibility"]["admissible"], 5);
    assert_eq!(j["admissibility"]["not_admissible"], 1);
    assert_eq!(j["admissibility"]["admissible_share"], 0.833);
    assert_eq!(j["deadlines"]["percentiles"], "nearest-rank");
    assert_eq!(j["deadlines"]["acknowledge"]["on_time"], 5);
    assert_eq!(j["deadlines"]["acknowledge"]["met"], 6);
    assert_eq!(j["deadlines"]["outcome"]["median_working_days"], 7);
    assert_eq!(j["deadlines"]["outcome"]["p90_working_days"], 11);
    assert_eq!(j["breaches"].as_array().unwrap().len(), 4);
    assert_eq!(j["breaches"][2]["case"], "K-2026-0005");
    assert_eq!(j["breaches"][2]["met"], false);
    assert_eq!(j["breaches"][2]["working_days_late"], 6);
    assert_eq!(j["satisfaction"]["unsatisfied"], 1);
    assert_eq!(j["repeat_complainants"][0]["cases"][2], "K-2026-0006");
    assert_eq!(j["root_causes"][2]["causes"][0]["count"], 2);
    // Last month, on 3 December, is the same November.
    let mut last = cli.json(&["--period", "last-month"]);
    last["period"]["kind"] = "custom".into();
    assert_eq!(last, j);
    // This month is the default: December so far.
    let now = cli.json(&[]);
    assert_eq!(now["period"]["from"], "2026-12-01");
    assert_eq!(now["received"]["total"], 1);
    assert_eq!(now["as_of"], "2026-12-03T09:00:00Z");
}

#[test]
fn report_text_and_csv() {
    let cli = Cli::new();
    let text = cli.ok("C", &["--period", "last-month"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "Report: November 2026 (Sun 1 Nov 2026 – Mon 30 Nov 2026)"
    );
    for expected in [
        "Complaints received: 7",
        "Deadlines breached: 4",
        "Acknowledgement within 2 wd",
        "5/6 on time (83%) · median 1 · p90 3 wd",
        "  K-2026-0005",
        "Acknowledgement: 6 wd late · not met, due Fri 20 Nov",
        "Outcome: 1 wd late · met Fri 27 Nov",
        "Jan Jansen (Voorbeeld BV)",
        "3 complaints: K-2026-0001, K-2026-0002, K-2026-0006",
        "2× Escalation list outdated  (K-2026-0002, K-2026-0003)",
    ] {
        assert!(text.contains(expected), "no {expected:?} in\n{text}");
    }
    let dutch = cli.ok("nl_NL.UTF-8", &["--period", "last-month"]);
    for expected in [
        "Rapportage: november 2026",
        "Ontvangen klachten: 7",
        "Overschreden termijnen: 4",
        "5/6 op tijd (83%) · mediaan 1 · p90 3 wd",
        "Ontvangstbevestiging: 6 wd te laat · niet gehaald, uiterlijk vr 20 nov",
    ] {
        assert!(dutch.contains(expected), "no {expected:?} in\n{dutch}");
    }
    let csv_text = cli.ok(
        "nl_NL.UTF-8",
        &["--from", "2026-11-01", "--to", "2026-11-30", "--csv"],
    );
    assert!(csv_text.starts_with("section,key,detail,date,value\nperiod,from,,2026-11-01,\n"));
    assert!(
        csv_text.contains("\nbreach_not_met,K-2026-0005,acknowledge,2026-11-20,6\n"),
        "{csv_text}"
    );
}

#[test]
fn bad_periods_are_refused_with_exit_2() {
    let cli = Cli::new();
    let err = cli.refused(&["--from", "2026-13-01", "--to", "2026-11-30"]);
    assert!(err.contains("--from") && err.contains("2026-13-01"), "{err}");
    let err = cli.refused(&["--from", "2026-11-30", "--to", "2026-11-01"]);
    assert!(err.contains("after"), "{err}");
    let err = cli.refused(&["--from", "1200-01-01", "--to", "2026-11-01"]);
    assert!(err.contains("1200"), "{err}");
    cli.refused(&["--from", "2026-11-01"]);
    cli.refused(&["--period", "decade"]);
    cli.refused(&["--period", "year", "--from", "2026-11-01", "--to", "2026-11-30"]);
    cli.refused(&["--json", "--csv"]);
}

// ───────────────────────────── what a report reads ─────────────────────────────

#[test]
fn a_report_reads_only_the_cases_its_period_needs_and_its_figures_are_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    klachtdesk::bench::generate(3000, &path).unwrap();
    let rules = Rules::default();
    let now = klachtdesk::bench::generate::now(&rules.policy);
    let store = Store::open(&path).unwrap();
    let every = store.history();
    let today = rules.policy.local_date(now);
    let mut periods = vec![Period::this_quarter(today), Period::this_year(today)];
    let mut month = Period::this_month(today).next();
    for _ in 0..16 {
        periods.push(month);
        month = month.prev();
    }
    periods.push(Period::custom(day("2026-11-20"), day("2026-11-26")).unwrap());
    let mut read_least = every.len();
    for period in periods {
        let needed = store.history_since(period.starts_at(&rules.policy));
        assert!(needed.unreadable.is_empty(), "{:?}", needed.unreadable);
        assert_eq!(
            Report::compute(&needed.trails, period, &rules, now),
            Report::compute(&every, period, &rules, now),
            "{period:?}"
        );
        read_least = read_least.min(needed.trails.len());
    }
    assert!(
        read_least * 2 < every.len(),
        "a recent period reads fewer than half of the {} cases: {read_least}",
        every.len()
    );
}

#[test]
fn a_report_reads_a_case_finished_before_its_period_with_a_promise_due_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    let rules = Rules::default();
    let ctx = |now| Ctx {
        now,
        actor: "anna",
        rules: &rules,
    };
    let start = ams("2026-03-10 10:00");
    let intake = Intake {
        name: "Jan Jansen".into(),
        phone: "06-12345678".into(),
        service: "Other".into(),
        description: "Nobody called back.".into(),
        ..Intake::default()
    };
    let case = store.register(&intake, &ctx(start)).unwrap();
    let steps = [
        Command::MakePromise {
            what: "call back".into(),
            due: ams("2026-04-02 12:00"),
        },
        Command::KeepPromise { promise: 0 },
        Command::Withdraw {
            reason: "Solved on the phone".into(),
            at: None,
        },
    ];
    for (minutes, step) in (1..).zip(&steps) {
        let at = start + chrono::Duration::minutes(minutes);
        store.execute(case.id, None, step, &ctx(at)).unwrap();
    }
    let april = Period::month_of(day("2026-04-01"));
    let now = ams("2026-05-04 09:00");
    let needed = store.history_since(april.starts_at(&rules.policy));
    assert_eq!(
        needed.trails.len(),
        1,
        "closed in March, with a promise due in April"
    );
    let report = Report::compute(&needed.trails, april, &rules, now);
    assert_eq!((report.promises.due, report.promises.on_time), (1, 1));
    assert_eq!(report, Report::compute(&store.history(), april, &rules, now));
}

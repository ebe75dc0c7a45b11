//! Export, import, backup and restore, as the desk's administrator meets them:
//! a JSON export that imports back exactly, a CSV a spreadsheet reads, import
//! files refused whole with the line or case and the reason (the database
//! untouched), backups that are consistent while the desk works, and a restore
//! that will not overwrite cases unasked.
//!
//! Library tests work on `Store` and `exchange` directly; command-line tests
//! run the binary in a cleared environment (`LANG=C`, `USER=tester`, its own
//! home, the clock pinned to Monday 23 November 2026, 10:00 Amsterdam), as in
//! `tests/cli.rs`.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

use assert_cmd::Command as Binary;
use assert_cmd::cargo::cargo_bin_cmd;
use chrono::{DateTime, TimeZone, Utc};
use serde_json::Value;
use tempfile::TempDir;

use klachtdesk::config::Config;
use klachtdesk::desk::{Clock, Local};
use klachtdesk::domain::case::{AckVia, Case, CaseId, Channel, Direction, LogKind, Satisfaction};
use klachtdesk::domain::event::Event;
use klachtdesk::domain::intake::Intake;
use klachtdesk::domain::privacy::AnonymiseReason;
use klachtdesk::domain::problem::Problem as DomainProblem;
use klachtdesk::domain::workflow::{Command, Ctx, Edit, Rules};
use klachtdesk::exchange::replay::verify;
use klachtdesk::exchange::{
    CaseTrail, FileProblem, ImportProblem, Located, TrailProblem, check_export, json,
};
use klachtdesk::i18n::Lang;
use klachtdesk::i18n::{Describe, DescribeIn};
use klachtdesk::server::DeskServer;
use klachtdesk::store::Store;
use klachtdesk::store::backup::BackupError;
use klachtdesk::store::import::ImportError;

/// Monday 23 November 2026, 10:00 in Amsterdam, as the binary is told.
const NOW: &str = "2026-11-23T10:00";

/// The same moment in UTC.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

/// A moment in November 2026, UTC.
fn nov(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, minute, 0).unwrap()
}

/// The rules the binary runs under without a configuration file.
fn rules() -> Rules {
    Config::default().rules()
}

fn ctx<'a>(at: DateTime<Utc>, actor: &'a str, rules: &'a Rules) -> Ctx<'a> {
    Ctx {
        now: at,
        actor,
        rules,
    }
}

fn open(path: &Path) -> Store {
    Store::open(path).unwrap_or_else(|e| panic!("opening {}: {e}", path.display()))
}

/// Every case of `store` with its audit trail, in case-number order.
fn trails(store: &Store) -> Vec<CaseTrail> {
    store
        .load()
        .cases
        .iter()
        .map(|c| {
            let (case, events) = store.trail(c.id).unwrap();
            CaseTrail { case, events }
        })
        .collect()
}

/// What the database holds: every case and every event.
fn contents(store: &Store) -> Vec<(Case, Vec<Event>)> {
    let loaded = store.load();
    assert!(loaded.unreadable.is_empty(), "{:?}", loaded.unreadable);
    loaded
        .cases
        .into_iter()
        .map(|case| {
            let events = store.events(case.id).unwrap();
            (case, events)
        })
        .collect()
}

fn contents_at(path: &Path) -> Vec<(Case, Vec<Event>)> {
    contents(&open(path))
}

/// The JSON export of every case, stamped `now()`.
fn export(store: &Store) -> String {
    let mut out = Vec::new();
    json::write(&mut out, now(), trails(store).into_iter().map(Ok::<_, ()>), || {}).unwrap();
    String::from_utf8(out).unwrap()
}

/// Checks and imports `text`; the problems, or how many cases were imported.
fn import(store: &Store, text: &[u8]) -> Result<usize, Vec<Located>> {
    let cases = check_export(text, &rules(), now(), |_| {})?;
    Ok(store.import(cases).expect("writing checked cases"))
}

/// The one problem an import file has.
fn refusal(text: &[u8]) -> Located {
    let mut problems = check_export(text, &rules(), now(), |_| {}).expect_err("the file must be refused");
    assert_eq!(problems.len(), 1, "{problems:?}");
    problems.remove(0)
}

fn trail_problem(located: &Located) -> &TrailProblem {
    match &located.problem {
        ImportProblem::Trail(p) => p,
        other => panic!("expected a problem with a case, got {other:?}"),
    }
}

/// The 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    text[..at].matches('\n').count() + 1
}

/// The export as a value, changed by `edit`, as pretty JSON again.
fn edited(text: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut value: Value = serde_json::from_str(text).unwrap();
    edit(&mut value);
    serde_json::to_string_pretty(&value).unwrap()
}

fn intake(name: &str, email: &str, phone: &str, description: &str) -> Intake {
    Intake {
        name: name.into(),
        phone: phone.into(),
        email: email.into(),
        organisation: "Bakkerij \"De Korenschoof\", Zuid".into(),
        service: "Incident response".into(),
        channel: Channel::Email,
        complained_at: Some(nov(1, 19, 30)),
        description: description.into(),
        ..Intake::default()
    }
}

/// Hand-made cases covering every step, odd text (commas, quotes, line
/// breaks, non-ASCII, a formula), a corrected complaint date, a reopening, a
/// withdrawal, a not-admissible decision and an anonymised case.
fn hand_made(store: &Store, rules: &Rules) -> Vec<CaseId> {
    let r = |at, intake: &Intake| store.register(intake, &ctx(at, "anna", rules)).unwrap().id;
    let x = |id, at, command: Command| {
        store
            .execute(id, None, &command, &ctx(at, "bram", rules))
            .unwrap_or_else(|e| panic!("{command:?}: {e:?}"))
    };
    let ack = |at| Command::Acknowledge {
        at,
        via: AckVia::Email,
    };
    let treat = || Command::TakeIntoTreatment {
        at: None,
        handler: "Anna de Vries".into(),
    };
    let outcome = || Command::CommunicateOutcome {
        at: None,
        root_cause: "Rota gap, \"nobody\" on call".into(),
        solution: "Second on-call engineer.".into(),
        outcome: "Apologised; credit note sent.\nFollow-up call planned.".into(),
    };
    let close = || Command::Close {
        at: None,
        learnings: "Check the rota weekly.".into(),
        satisfaction: Some(Satisfaction::Satisfied),
    };

    let zoe = r(
        nov(2, 8, 15),
        &intake(
            "Zoë Çelik-O'Brien, \"Jr\"",
            "zoe@example.nl",
            "",
            "Line one, with a comma.\nLine \"two\" — naïve café ☕\n=SUM(A1)",
        ),
    );
    x(zoe, nov(2, 9, 0), ack(nov(2, 8, 55)));
    x(zoe, nov(3, 10, 0), treat());
    x(
        zoe,
        nov(3, 10, 5),
        Command::SetInvolved {
            staff: vec!["Bram Jansen".into(), "Daan Visser".into()],
        },
    );
    x(
        zoe,
        nov(4, 11, 0),
        Command::LogContact {
            kind: LogKind::Call,
            direction: Direction::Outbound,
            text: "Called back; she asked for \"the logs\", all of them.".into(),
        },
    );
    x(
        zoe,
        nov(4, 11, 30),
        Command::RequestInformation {
            at: None,
            request: "Which hosts, and when?".into(),
        },
    );
    x(
        zoe,
        nov(9, 14, 0),
        // The host list came in on Friday; it was recorded on Monday.
        Command::InformationReceived {
            at: Some(nov(6, 16, 0)),
            note: "Host list received.".into(),
        },
    );
    x(zoe, nov(12, 15, 0), outcome());
    x(zoe, nov(13, 9, 0), close());

    let piet = r(
        nov(2, 12, 0),
        &intake("Piet Puk", "", "+31 6 1234 5678", "No answer."),
    );
    x(
        piet,
        nov(2, 12, 30),
        Command::Edit {
            edits: vec![
                Edit::Name("Piet Pük".into()),
                Edit::ComplainedAt(nov(2, 7, 0)),
                Edit::Channel(Channel::Phone),
                Edit::Service("consultancy".into()),
            ],
        },
    );
    x(piet, nov(3, 8, 0), ack(nov(3, 8, 0)));
    x(piet, nov(3, 9, 0), treat());
    x(piet, nov(5, 9, 0), outcome());
    x(
        piet,
        nov(6, 9, 0),
        Command::Reopen {
            at: None,
            reason: "Not satisfied.".into(),
        },
    );
    x(
        piet,
        nov(6, 9, 5),
        Command::AssignHandler {
            handler: "Carlijn Bakker".into(),
        },
    );

    let gone = r(
        nov(10, 9, 0),
        &intake("Els de Wit", "els@example.nl", "", "Wrong invoice."),
    );
    x(
        gone,
        nov(10, 10, 0),
        Command::Withdraw {
            at: None,
            reason: "Solved by the invoice desk.".into(),
        },
    );

    let no = r(
        nov(10, 11, 0),
        &intake("Kees Kok", "kees@example.nl", "020-1234567", "Too slow."),
    );
    x(no, nov(10, 11, 30), ack(nov(10, 11, 30)));
    x(
        no,
        nov(11, 9, 0),
        Command::DeclareNotAdmissible {
            at: None,
            justification: "Older than a year; see the procedure, article 2.".into(),
        },
    );

    let old = r(
        nov(2, 13, 0),
        &intake("Ruud Rood", "ruud@example.nl", "06-11223344", "Report late."),
    );
    x(old, nov(2, 13, 5), ack(nov(2, 13, 5)));
    x(old, nov(2, 13, 10), treat());
    x(
        old,
        nov(2, 13, 20),
        Command::Edit {
            edits: vec![Edit::Email("ruud@rood.nl".into()), Edit::Phone("".into())],
        },
    );
    x(old, nov(3, 13, 0), outcome());
    x(old, nov(4, 13, 0), close());
    store
        .anonymise(
            &[old],
            AnonymiseReason::Request,
            &ctx(nov(20, 9, 0), "privacy", rules),
        )
        .unwrap();
    x(
        old,
        nov(20, 10, 0),
        Command::LogContact {
            kind: LogKind::Note,
            direction: Direction::Internal,
            text: "Erasure confirmed to the requester.".into(),
        },
    );
    vec![zoe, piet, gone, no, old]
}

// Round trips.

#[test]
fn the_demo_queue_exports_and_imports_back_exactly() {
    let dir = TempDir::new().unwrap();
    let rules = rules();
    let source = open(&dir.path().join("a"));
    let count = klachtdesk::demo::populate(&source, &rules, now(), "tester").unwrap();
    let first = export(&source);
    let target = open(&dir.path().join("b"));
    assert_eq!(import(&target, first.as_bytes()).unwrap(), count);
    assert_eq!(
        export(&target),
        first,
        "export → import → export gives the same JSON"
    );
    assert_eq!(contents(&target), contents(&source), "and the same records");
}

#[test]
fn hand_made_cases_export_and_import_back_exactly() {
    let dir = TempDir::new().unwrap();
    let rules = rules();
    let source = open(&dir.path().join("a"));
    let ids = hand_made(&source, &rules);
    let first = export(&source);
    let target = open(&dir.path().join("b"));
    assert_eq!(import(&target, first.as_bytes()).unwrap(), ids.len());
    assert_eq!(export(&target), first);
    assert_eq!(contents(&target), contents(&source));
}

#[test]
fn the_json_is_versioned_with_id_and_state_first_and_every_field() {
    let dir = TempDir::new().unwrap();
    let store = open(&dir.path().join("a"));
    hand_made(&store, &rules());
    let text = export(&store);
    let top: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(top["format"], "klachtdesk-export");
    assert_eq!(top["version"], 3);
    assert_eq!(top["exported_at"], "2026-11-23T09:00:00Z");
    let first_case = &text[text.find("\"cases\"").unwrap()..];
    let keys: Vec<&str> = first_case
        .lines()
        .skip(2)
        .take(2)
        .map(|l| l.trim().split('"').nth(1).unwrap())
        .collect();
    assert_eq!(keys, ["id", "state"], "id and state open each case");
    let zoe = &top["cases"][0];
    assert_eq!(zoe["id"], "K-2026-0001");
    assert_eq!(zoe["state"], "closed");
    assert_eq!(zoe["contact"]["name"], "Zoë Çelik-O'Brien, \"Jr\"");
    assert_eq!(zoe["complained_at"], "2026-11-01T19:30:00Z");
    assert_eq!(zoe["events"].as_array().unwrap().len(), 9);
    assert_eq!(zoe["events"][0]["kind"], "registered");
    assert!(
        zoe["contact_log"][0]["text"]
            .as_str()
            .unwrap()
            .contains("the logs")
    );
    assert_eq!(zoe["verdicts"].as_array().unwrap().len(), 2);
    let case_keys: Vec<&String> = zoe.as_object().unwrap().keys().collect();
    assert_eq!(
        case_keys.len(),
        31,
        "30 fields of a case and its events: {case_keys:?}"
    );
}

#[test]
fn an_export_of_version_2_without_remedies_or_promises_imports_with_nothing_sought() {
    let dir = TempDir::new().unwrap();
    let source = open(&dir.path().join("a"));
    hand_made(&source, &rules());
    let mut older: Value = serde_json::from_str(&export(&source)).unwrap();
    older["version"] = 2.into();
    for case in older["cases"].as_array_mut().unwrap() {
        let fields = case.as_object_mut().unwrap();
        for added in ["remedy_sought", "remedy_granted", "promises"] {
            assert!(fields.remove(added).is_some(), "{added}");
        }
    }
    let target = open(&dir.path().join("b"));
    let text = serde_json::to_string_pretty(&older).unwrap();
    assert_eq!(import(&target, text.as_bytes()).unwrap(), 5);
    assert_eq!(contents(&target), contents(&source));
}

#[test]
fn the_next_registration_continues_after_the_imported_numbers() {
    let dir = TempDir::new().unwrap();
    let rules = rules();
    let source = open(&dir.path().join("a"));
    klachtdesk::demo::populate(&source, &rules, now(), "tester").unwrap();
    let target = open(&dir.path().join("b"));
    import(&target, export(&source).as_bytes()).unwrap();
    let next = target
        .register(
            &intake("Nieuw", "n@example.nl", "", "New."),
            &ctx(now(), "anna", &rules),
        )
        .unwrap();
    assert_eq!(next.id, CaseId::new(2026, 61));
}

#[test]
fn an_import_beside_existing_cases_keeps_them_and_refuses_numbers_in_use() {
    let dir = TempDir::new().unwrap();
    let rules = rules();
    let source = open(&dir.path().join("a"));
    hand_made(&source, &rules);
    let text = export(&source);
    let target = open(&dir.path().join("b"));
    let own = target
        .register(
            &intake("Eigen", "e@example.nl", "", "Ours."),
            &ctx(now(), "anna", &rules),
        )
        .unwrap();
    let before = contents(&target);
    let checked = check_export(text.as_bytes(), &rules, now(), |_| {}).unwrap();
    match target.import(checked) {
        Err(ImportError::Present(ids)) => assert_eq!(ids, [own.id]),
        other => panic!("expected the number in use to be refused, got {other:?}"),
    }
    assert_eq!(contents(&target), before, "nothing written");
    // Without the clash the file goes in beside the case already there.
    let other = edited(&text, |v| {
        v["cases"].as_array_mut().unwrap().remove(0);
    });
    assert_eq!(import(&target, other.as_bytes()).unwrap(), 4);
    assert_eq!(target.len(), 5);
    assert_eq!(target.get(own.id).unwrap(), own);
}

// Refusals: the whole file, with the line or case and the reason.

/// A valid export of the hand-made cases, and the case numbers in it.
fn valid_export() -> (String, Vec<CaseId>) {
    let dir = TempDir::new().unwrap();
    let store = open(&dir.path().join("a"));
    let ids = hand_made(&store, &rules());
    (export(&store), ids)
}

fn id_at(located: &Located) -> CaseId {
    located.case.expect("the problem names its case")
}

fn line(located: &Located) -> usize {
    located.at.expect("the problem names its line").line
}

fn described(located: &Located) -> String {
    located.describe(Lang::En, Path::new("cases.json"))
}

#[test]
fn invalid_utf8_is_refused_with_its_line() {
    let (text, _) = valid_export();
    let mut bytes = text.clone().into_bytes();
    let at = text.find("Wrong invoice").unwrap();
    bytes[at] = 0xff;
    let problem = refusal(&bytes);
    assert_eq!(problem.problem, ImportProblem::File(FileProblem::NotUtf8));
    assert_eq!(line(&problem), line_of(&text, "Wrong invoice"));
    assert!(
        described(&problem).contains("not UTF-8"),
        "{}",
        described(&problem)
    );
}

#[test]
fn a_value_of_the_wrong_type_is_refused_at_its_line_with_its_case() {
    let (text, ids) = valid_export();
    let bad = text.replacen("\"version\": 9", "\"version\": \"nine\"", 1);
    let problem = refusal(bad.as_bytes());
    assert_eq!(id_at(&problem), ids[0]);
    assert_eq!(line(&problem), line_of(&bad, "\"nine\""));
    assert!(matches!(trail_problem(&problem), TrailProblem::Json(reason) if reason.contains("invalid type")));
    let message = described(&problem);
    assert!(
        message.starts_with(&format!("cases.json, line {}, column ", line(&problem)))
            && message.contains("K-2026-0001"),
        "{message}"
    );
}

#[test]
fn an_unknown_state_is_refused_naming_the_states() {
    let (text, _) = valid_export();
    let bad = text.replacen("\"state\": \"closed\"", "\"state\": \"klosed\"", 1);
    let problem = refusal(bad.as_bytes());
    assert_eq!(line(&problem), line_of(&bad, "klosed"));
    assert!(
        described(&problem).contains("unknown variant `klosed`"),
        "{}",
        described(&problem)
    );
}

#[test]
fn missing_and_unknown_fields_are_refused_at_any_depth() {
    let (text, ids) = valid_export();
    let bad = edited(&text, |v| {
        v["cases"][1]["contact"].as_object_mut().unwrap().remove("email");
    });
    let problem = refusal(bad.as_bytes());
    assert_eq!(id_at(&problem), ids[1]);
    assert_eq!(
        trail_problem(&problem),
        &TrailProblem::MissingField("contact.email".into())
    );

    let bad = edited(&text, |v| {
        v["cases"][2]["events"][0]["changes"][0]["colour"] = "red".into();
    });
    let problem = refusal(bad.as_bytes());
    assert_eq!(id_at(&problem), ids[2]);
    assert_eq!(
        trail_problem(&problem),
        &TrailProblem::UnknownField("events[0].changes[0].colour".into())
    );
    assert!(described(&problem).contains("unknown field \"events[0].changes[0].colour\""));

    let bad = edited(&text, |v| {
        v["cases"][0].as_object_mut().unwrap().remove("service");
    });
    let problem = refusal(bad.as_bytes());
    assert!(
        described(&problem).contains("missing field `service`"),
        "{}",
        described(&problem)
    );

    let bad = edited(&text, |v| {
        v["note"] = "hello".into();
    });
    let problem = refusal(bad.as_bytes());
    assert!(
        described(&problem).contains("unknown field `note`"),
        "{}",
        described(&problem)
    );
}

#[test]
fn events_in_the_future_are_refused() {
    let (text, ids) = valid_export();
    let bad = edited(&text, |v| {
        v["cases"][3]["events"][2]["at"] = "2027-01-04T10:00:00Z".into();
    });
    let problem = refusal(bad.as_bytes());
    assert_eq!(id_at(&problem), ids[3]);
    assert!(matches!(
        trail_problem(&problem),
        TrailProblem::InFuture { seq: 3, .. }
    ));
    assert!(described(&problem).contains("event 3 is dated 2027-01-04T10:00:00Z, in the future"));
}

#[test]
fn a_complaint_date_in_the_future_is_refused_even_when_the_whole_case_agrees() {
    // A careful forgery: the snapshot and the registration agree on a date
    // after the registration.
    let (text, ids) = valid_export();
    let bad = edited(&text, |v| {
        let case = &mut v["cases"][2];
        case["complained_at"] = "2026-11-30T10:00:00Z".into();
        for change in case["events"][0]["changes"].as_array_mut().unwrap() {
            if change["field"] == "complained-at" {
                change["after"] = "2026-11-30T10:00:00Z".into();
            }
        }
    });
    let problem = refusal(bad.as_bytes());
    assert_eq!(id_at(&problem), ids[2]);
    match trail_problem(&problem) {
        TrailProblem::Refused { seq: 1, refusal, .. } => {
            assert!(
                refusal
                    .problems()
                    .iter()
                    .any(|p| matches!(p, DomainProblem::InFuture(_)))
            )
        }
        other => panic!("expected the registration to be refused, got {other:?}"),
    }
    assert!(
        described(&problem).contains("cannot be in the future"),
        "{}",
        described(&problem)
    );
}

#[test]
fn a_state_its_events_do_not_lead_to_is_refused() {
    let (text, ids) = valid_export();
    // Piet's case was reopened and is in treatment; say it is closed.
    let bad = edited(&text, |v| v["cases"][1]["state"] = "closed".into());
    let problem = refusal(bad.as_bytes());
    assert_eq!(id_at(&problem), ids[1]);
    match trail_problem(&problem) {
        TrailProblem::SnapshotDiffers(d) => {
            assert_eq!(
                (d.path.as_str(), d.left.as_str(), d.right.as_str()),
                ("state", "\"in-treatment\"", "\"closed\"")
            )
        }
        other => panic!("expected the state to differ, got {other:?}"),
    }
    assert!(
        described(&problem).contains("the audit trail does not lead to this case: state is \"in-treatment\""),
        "{}",
        described(&problem)
    );
}

#[test]
fn edited_fields_events_and_verdicts_are_refused() {
    let (text, ids) = valid_export();
    // A field the trail set otherwise.
    let bad = edited(&text, |v| v["cases"][0]["handler"] = "Someone Else".into());
    let problem = refusal(bad.as_bytes());
    assert!(matches!(trail_problem(&problem), TrailProblem::SnapshotDiffers(d) if d.path == "handler"));
    // An event that does not record what its command does.
    let bad = edited(&text, |v| v["cases"][0]["events"][2]["to"] = "waiting".into());
    let problem = refusal(bad.as_bytes());
    assert!(
        matches!(trail_problem(&problem), TrailProblem::EventDiffers { seq: 3, difference } if difference.path == "to")
    );
    // A command the procedure refuses: closing a case that is only received.
    let bad = edited(&text, |v| {
        v["cases"][2]["events"][1]["kind"] =
            serde_json::json!({"command": {"close": {"learnings": "x", "satisfaction": null}}});
    });
    let problem = refusal(bad.as_bytes());
    assert_eq!(id_at(&problem), ids[2]);
    assert!(matches!(
        trail_problem(&problem),
        TrailProblem::Refused { seq: 2, .. }
    ));
    assert!(
        described(&problem).contains("\"Close\" is not possible"),
        "{}",
        described(&problem)
    );
    // A verdict moved.
    let bad = edited(&text, |v| {
        v["cases"][0]["verdicts"][0]["verdict"]["met_at"] = "2026-11-02T08:00:00Z".into()
    });
    let problem = refusal(bad.as_bytes());
    assert_eq!(
        trail_problem(&problem),
        &TrailProblem::VerdictDiffers {
            index: 1,
            what: "met_at"
        }
    );
    // A version that is not the number of events.
    let bad = edited(&text, |v| v["cases"][0]["version"] = 8.into());
    let problem = refusal(bad.as_bytes());
    assert_eq!(
        trail_problem(&problem),
        &TrailProblem::Version {
            version: 8,
            events: 9
        }
    );
    // An event of another case.
    let bad = edited(&text, |v| {
        v["cases"][0]["events"][4]["case"] = "K-2026-0002".into()
    });
    let problem = refusal(bad.as_bytes());
    assert_eq!(trail_problem(&problem), &TrailProblem::Numbering { index: 5 });
}

#[test]
fn a_recorded_verdict_under_another_policy_is_kept_as_recorded() {
    let (text, _) = valid_export();
    // The target was 3 working days when the acknowledgement was recorded.
    let changed = edited(&text, |v| {
        let verdict = &mut v["cases"][0]["verdicts"][0]["verdict"];
        verdict["days"] = 3.into();
        verdict["due"]["day"] = "2026-11-05".into();
        verdict["due"]["deadline"] = "2026-11-05T16:00:00Z".into();
    });
    let dir = TempDir::new().unwrap();
    let store = open(&dir.path().join("b"));
    assert_eq!(import(&store, changed.as_bytes()).unwrap(), 5);
    let json = |text: &str| serde_json::from_str::<Value>(text).unwrap();
    assert_eq!(
        json(&export(&store)),
        json(&changed),
        "the recorded verdict is kept"
    );
}

#[test]
fn texts_over_the_limits_and_unknown_services_are_refused_as_at_the_desk() {
    let (text, ids) = valid_export();
    let long = "x".repeat(20_001);
    let bad = edited(&text, |v| {
        let case = &mut v["cases"][0];
        case["contact_log"][0]["text"] = long.clone().into();
        case["events"][4]["kind"]["command"]["log-contact"]["text"] = long.clone().into();
    });
    let problem = refusal(bad.as_bytes());
    assert_eq!(id_at(&problem), ids[0]);
    assert!(
        described(&problem).contains("too long: at most 20000 characters"),
        "{}",
        described(&problem)
    );

    let bad = edited(&text, |v| {
        let case = &mut v["cases"][3];
        case["service"] = "Catering".into();
        for change in case["events"][0]["changes"].as_array_mut().unwrap() {
            if change["field"] == "service" {
                change["after"] = "Catering".into();
            }
        }
    });
    let problem = refusal(bad.as_bytes());
    assert_eq!(id_at(&problem), ids[3]);
    assert!(
        described(&problem).contains("\"Catering\" is not a known service"),
        "{}",
        described(&problem)
    );
}

#[test]
fn a_case_twice_in_the_file_is_refused_naming_both_lines() {
    let (text, ids) = valid_export();
    let bad = edited(&text, |v| {
        let first = v["cases"][0].clone();
        v["cases"].as_array_mut().unwrap().push(first);
    });
    let problem = refusal(bad.as_bytes());
    assert_eq!(id_at(&problem), ids[0]);
    let first_line = line_of(&bad, "\"cases\"") + 1;
    assert_eq!(trail_problem(&problem), &TrailProblem::Duplicate { first_line });
    assert!(line(&problem) > first_line);
    assert!(described(&problem).contains(&format!("twice (first at line {first_line})")));
}

#[test]
fn an_export_of_version_1_without_the_steps_times_imports_as_recorded() {
    let (text, ids) = valid_export();
    let mut file: Value = serde_json::from_str(&text).unwrap();
    file["version"] = 1.into();
    for case in file["cases"].as_array_mut().unwrap() {
        for event in case["events"].as_array_mut().unwrap() {
            let Some(steps) = event["kind"].get_mut("command").and_then(Value::as_object_mut) else {
                continue;
            };
            for body in steps.values_mut().filter_map(Value::as_object_mut) {
                if body.get("at").is_some_and(Value::is_null) {
                    body.remove("at");
                }
            }
        }
    }
    let old = serde_json::to_string_pretty(&file).unwrap();
    assert!(old.matches("\"at\": null").count() == 0);
    let dir = TempDir::new().unwrap();
    let target = open(&dir.path().join("b"));
    assert_eq!(import(&target, old.as_bytes()).unwrap(), ids.len());
    assert_eq!(export(&target), text);
}

#[test]
fn other_files_are_refused_as_not_an_export_or_too_new() {
    for other in [
        "[]",
        "{\"cases\": []}",
        "{\"format\": \"csv\", \"version\": 1}",
        "\"text\"",
    ] {
        assert_eq!(
            refusal(other.as_bytes()).problem,
            ImportProblem::File(FileProblem::NotAnExport),
            "{other}"
        );
    }
    let (text, _) = valid_export();
    let newer = text.replacen("\"version\": 3,", "\"version\": 4,", 1);
    assert_eq!(
        refusal(newer.as_bytes()).problem,
        ImportProblem::File(FileProblem::TooNew {
            found: 4,
            supported: 3
        })
    );
    let mut half = text.len() / 2;
    while !text.is_char_boundary(half) {
        half -= 1;
    }
    let cut = text[..half].trim_end();
    let problem = refusal(cut.as_bytes());
    assert!(matches!(
        &problem.problem,
        ImportProblem::File(FileProblem::Json(_))
    ));
    assert_eq!(line(&problem), cut.lines().count());
}

#[test]
fn every_problem_of_a_file_is_reported_and_nothing_is_written() {
    let (text, ids) = valid_export();
    let bad = edited(&text, |v| {
        v["cases"][0]["state"] = "received".into();
        v["cases"][3]["handler"] = "Nobody".into();
    });
    let dir = TempDir::new().unwrap();
    let store = open(&dir.path().join("b"));
    store
        .register(
            &intake("Eigen", "e@example.nl", "", "Ours."),
            &ctx(now(), "anna", &rules()),
        )
        .unwrap();
    let before = contents(&store);
    let problems = import(&store, bad.as_bytes()).unwrap_err();
    let named: Vec<CaseId> = problems.iter().map(id_at).collect();
    assert_eq!(named, [ids[0], ids[3]]);
    assert_eq!(contents(&store), before);
}

// CSV.

#[test]
fn the_csv_has_the_documented_columns_and_quotes_what_needs_it() {
    let dir = TempDir::new().unwrap();
    let store = open(&dir.path().join("a"));
    hand_made(&store, &rules());
    let cases = store.load().cases;
    let mut out = Vec::new();
    let rows = klachtdesk::exchange::csv::write(&mut out, &cases, || {}).unwrap();
    assert_eq!(rows, 5);
    let text = String::from_utf8(out).unwrap();
    assert!(text.ends_with("\r\n"));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, klachtdesk::exchange::csv::COLUMNS);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 5);
    let cell = |row: usize, column: &str| {
        let i = header.iter().position(|h| h == column).unwrap();
        records[row][i].to_string()
    };
    assert_eq!(cell(0, "id"), "K-2026-0001");
    assert_eq!(cell(0, "name"), "Zoë Çelik-O'Brien, \"Jr\"");
    assert_eq!(cell(0, "organisation"), "Bakkerij \"De Korenschoof\", Zuid");
    assert_eq!(
        cell(0, "description"),
        "Line one, with a comma.\nLine \"two\" — naïve café ☕\n=SUM(A1)"
    );
    assert_eq!(cell(0, "state"), "closed");
    assert_eq!(
        cell(0, "complained_at"),
        "2026-11-01 20:30",
        "local time in Amsterdam"
    );
    assert_eq!(cell(0, "involved"), "Bram Jansen; Daan Visser");
    assert_eq!(cell(0, "acknowledged_on_time"), "true");
    assert_eq!(cell(0, "information_requests"), "1");
    assert_eq!(cell(0, "contact_log_entries"), "1");
    assert_eq!(cell(0, "events"), "9");
    assert_eq!(
        cell(1, "phone"),
        "'+31 6 1234 5678",
        "a leading + is not a formula"
    );
    assert_eq!(cell(1, "name"), "Piet Pük");
    assert_eq!(cell(1, "state"), "in-treatment");
    assert_eq!(cell(2, "withdrawn"), "true");
    assert_eq!(cell(2, "withdrawal_reason"), "Solved by the invoice desk.");
    assert_eq!(cell(3, "admissible"), "false");
    assert_eq!(cell(2, "admissible"), "");
}

// Backup and restore.

#[test]
fn a_backup_while_cases_keep_coming_in_is_consistent() {
    let dir = TempDir::new().unwrap();
    let rules = Arc::new(rules());
    let store = open(&dir.path().join("db"));
    let stop = Arc::new(AtomicBool::new(false));
    let worker = {
        let (store, rules, stop) = (store.clone(), rules.clone(), stop.clone());
        thread::spawn(move || {
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                let at = now();
                let c = ctx(at, "anna", &rules);
                let id = store
                    .register(&intake(&format!("Klant {n}"), "k@example.nl", "", "Busy."), &c)
                    .unwrap()
                    .id;
                let steps = [
                    Command::Acknowledge {
                        at,
                        via: AckVia::Phone,
                    },
                    Command::TakeIntoTreatment {
                        at: None,
                        handler: "Anna".into(),
                    },
                ];
                store.execute_all(id, None, &steps, &c).unwrap();
                store
                    .execute(
                        id,
                        None,
                        &Command::LogContact {
                            kind: LogKind::Note,
                            direction: Direction::Internal,
                            text: "Working on it.".into(),
                        },
                        &c,
                    )
                    .unwrap();
                n += 1;
            }
            n
        })
    };
    let mut backups = Vec::new();
    for i in 0..4 {
        thread::sleep(Duration::from_millis(150));
        let path = dir.path().join(format!("backup-{i}"));
        store.backup(&path).unwrap();
        backups.push(path);
    }
    stop.store(true, Ordering::SeqCst);
    let registered = worker.join().unwrap();
    assert!(registered > 0);
    let mut seen = 0;
    for path in &backups {
        assert_eq!(
            fs::metadata(path).unwrap().permissions().mode() & 0o777,
            0o700,
            "a backup holds personal data"
        );
        let copy = open(path);
        for (case, events) in contents(&copy) {
            let trail = CaseTrail { case, events };
            verify(trail.clone(), &rules, now()).unwrap_or_else(|p| {
                panic!(
                    "{}: {} in {}: {p:?}",
                    path.display(),
                    trail.case.id,
                    trail.events.len()
                )
            });
        }
        seen = seen.max(copy.len());
    }
    assert!(seen > 0, "the backups caught cases");
}

#[test]
fn a_backup_goes_into_a_new_folder_and_restores_into_an_empty_database() {
    let dir = TempDir::new().unwrap();
    let store = open(&dir.path().join("db"));
    hand_made(&store, &rules());
    let copy = dir.path().join("nested/backup");
    assert_eq!(store.backup(&copy).unwrap(), 5);
    assert_eq!(store.backup(&copy), Err(BackupError::Exists(copy.clone())));
    let fresh = dir.path().join("fresh");
    assert_eq!(Store::restore(&copy, &fresh, false).unwrap(), 5);
    assert_eq!(contents_at(&fresh), contents(&store));
    assert_eq!(
        contents_at(&copy),
        contents(&store),
        "the backup itself is untouched"
    );
}

#[test]
fn restore_refuses_a_database_with_cases_unless_forced() {
    let dir = TempDir::new().unwrap();
    let rules = rules();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    {
        let store = open(&a);
        hand_made(&store, &rules);
        store.backup(&dir.path().join("backup")).unwrap();
        let other = open(&b);
        other
            .register(
                &intake("Eigen", "e@example.nl", "", "Ours."),
                &ctx(now(), "anna", &rules),
            )
            .unwrap();
    }
    let backup = dir.path().join("backup");
    let before = contents_at(&b);
    assert_eq!(
        Store::restore(&backup, &b, false),
        Err(BackupError::NotEmpty {
            path: b.clone(),
            cases: 1
        })
    );
    assert_eq!(contents_at(&b), before);
    assert_eq!(Store::restore(&backup, &b, true).unwrap(), 5);
    assert_eq!(contents_at(&b), contents_at(&a));
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // The guard files stay: every opener locks them (see store::place).
        .filter(|n| n.starts_with('.') && !n.ends_with(".guard"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no half copies or replaced files left: {leftovers:?}"
    );
}

#[test]
fn restore_refuses_what_is_not_a_backup_and_the_database_itself() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("db");
    drop(open(&db));
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    for source in [empty.clone(), dir.path().join("missing")] {
        assert_eq!(
            Store::restore(&source, &db, true),
            Err(BackupError::NotADatabase(source.clone()))
        );
    }
    assert!(
        !dir.path().join("missing").exists(),
        "a missing backup is not created"
    );
    assert_eq!(
        Store::restore(&db, &db, true),
        Err(BackupError::SamePlace(db.clone()))
    );
}

// The command line.

/// One test's private world: a database, a home, a temporary folder.
struct World {
    dir: TempDir,
}

impl World {
    fn new() -> World {
        let dir = tempfile::Builder::new().prefix("kd-exchange-").tempdir().unwrap();
        for sub in ["home/.config", "home/.local/share", "tmp"] {
            fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        World { dir }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("db")
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn cmd(&self) -> Binary {
        let home = self.dir.path().join("home");
        let mut cmd = cargo_bin_cmd!("klachtdesk");
        cmd.env_clear()
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("TMPDIR", self.dir.path().join("tmp"))
            .env("LANG", "C")
            .env("USER", "tester")
            .env("KLACHTDESK_DB", self.db())
            .env("KLACHTDESK_NOW", NOW)
            .current_dir(self.dir.path())
            .timeout(Duration::from_secs(60));
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "klachtdesk {args:?} failed ({:?}): {}",
            out.status.code(),
            text(&out.stderr)
        );
        text(&out.stdout)
    }

    /// The message of a command that must fail with `code`, on its last line.
    fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.run(args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "klachtdesk {args:?}: {err}");
        assert_eq!(text(&out.stdout), "", "a failure prints nothing on stdout");
        assert!(!err.contains("panicked"), "{err}");
        assert!(err.lines().all(|l| l.starts_with("klachtdesk: ")), "{err}");
        err.lines().last().unwrap_or_default().to_string()
    }

    /// Registers a complaint through the binary; its case number.
    fn add(&self, name: &str) -> String {
        self.ok(&[
            "add",
            "--name",
            name,
            "--email",
            "a@example.nl",
            "--service",
            "Consultancy",
            "--description",
            "Too slow.",
        ])
        .trim()
        .to_string()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn cli_export_then_import_gives_the_same_export() {
    let w = World::new();
    let first = w.ok(&["--demo", "export", "--all"]);
    fs::write(w.file("demo.json"), &first).unwrap();
    assert_eq!(
        w.ok(&["import", "demo.json"]),
        "Imported 60 cases from demo.json.\n"
    );
    assert_eq!(w.ok(&["export", "--all", "--format", "json"]), first);
    let open_only: Value = serde_json::from_str(&w.ok(&["export"])).unwrap();
    let states: Vec<&str> = open_only["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["state"].as_str().unwrap())
        .collect();
    assert!(!states.is_empty() && states.iter().all(|s| !["closed", "not-admissible"].contains(s)));
    let mine: Value = serde_json::from_str(&w.ok(&[
        "export",
        "--state",
        "waiting",
        "--service",
        "security monitoring (soc)",
    ]))
    .unwrap();
    for case in mine["cases"].as_array().unwrap() {
        assert_eq!(
            (case["state"].as_str(), case["service"].as_str()),
            (Some("waiting"), Some("Security monitoring (SOC)"))
        );
    }
    assert_eq!(
        w.add("Nieuwe Klant"),
        "K-2026-0061",
        "numbering goes on after the import"
    );
}

#[test]
fn cli_export_into_a_file_is_private_and_csv_has_a_row_per_case() {
    let w = World::new();
    w.add("Zoë, \"de\" Vries");
    w.add("Jan Jansen");
    assert_eq!(
        w.ok(&["export", "--format", "csv", "--out", "cases.csv"]),
        "Exported 2 cases to cases.csv.\n"
    );
    let path = w.file("cases.csv");
    assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let names: Vec<String> = reader.records().map(|r| r.unwrap()[7].to_string()).collect();
    assert_eq!(names, ["Zoë, \"de\" Vries", "Jan Jansen"]);
    let message = w.fails(&["export", "--state", "lost"], 2);
    assert!(message.contains("\"lost\" is not a state"), "{message}");
}

#[test]
fn cli_refused_imports_exit_2_name_the_line_or_case_and_change_nothing() {
    let w = World::new();
    let good = w.ok(&["--demo", "export", "--all"]);
    w.add("Al Aanwezig");
    let before = contents_at(&w.db());
    let mut bytes = good.clone().into_bytes();
    bytes[good.find("Gemeente").unwrap()] = 0xc3;
    let utf8 = String::from_utf8_lossy(&bytes[..good.find("Gemeente").unwrap()])
        .matches('\n')
        .count()
        + 1;
    let state_line = line_of(&good, "\"state\": \"closed\"");
    let files: Vec<(&str, Vec<u8>, String)> = vec![
        ("utf8.json", bytes, format!("utf8.json, line {utf8}, column")),
        (
            "state.json",
            good.replacen("\"state\": \"closed\"", "\"state\": \"klosed\"", 1).into_bytes(),
            format!("state.json, line {state_line}, column "),
        ),
        (
            "closed.json",
            good.replacen("\"state\": \"received\"", "\"state\": \"closed\"", 1).into_bytes(),
            "the audit trail does not lead to this case: state is \"received\" by the trail but \"closed\" in the file".into(),
        ),
        (
            "type.json",
            good.replacen("\"version\": 6", "\"version\": true", 1).into_bytes(),
            "case K-2026-0001: invalid type: boolean `true`, expected u32".into(),
        ),
        (
            "missing.json",
            good.replacen("      \"registered_by\": \"tester\",\n", "", 1).into_bytes(),
            "case K-2026-0001: missing field `registered_by`".into(),
        ),
        (
            "future.json",
            edited(&good, |v| v["cases"][4]["events"][1]["at"] = "2026-11-23T09:01:00Z".into()).into_bytes(),
            "case K-2026-0005: event 2 is dated 2026-11-23T09:01:00Z, in the future".into(),
        ),
        ("present.json", good.clone().into_bytes(), "already in the database: K-2026-0001. Nothing was imported.".into()),
    ];
    fs::write(
        w.file("state2.json"),
        good.replacen("\"state\": \"closed\"", "\"state\": \"klosed\"", 1),
    )
    .unwrap();
    let message = w.fails(&["import", "state2.json"], 2);
    assert!(
        message.contains(", case K-2026-0001: unknown variant `klosed`"),
        "{message}"
    );
    for (name, content, expected) in files {
        fs::write(w.file(name), content).unwrap();
        let message = w.fails(&["import", name], 2);
        assert!(message.contains(&expected), "{name}: {message}");
        assert!(message.ends_with("Nothing was imported."), "{message}");
        assert_eq!(contents_at(&w.db()), before, "{name} changed the database");
    }
    let message = w.fails(&["import", "nowhere.json"], 2);
    assert!(message.contains("cannot read nowhere.json"), "{message}");
}

/// An export of one complaint, K-2026-0001, with that case renumbered `id`.
fn one_case_numbered(id: &str) -> String {
    let source = World::new();
    assert_eq!(source.add("Jan Jansen"), "K-2026-0001");
    source.ok(&["export", "--all"]).replace("K-2026-0001", id)
}

#[test]
fn cli_after_the_years_last_number_registering_is_refused_and_nothing_wraps() {
    let w = World::new();
    fs::write(w.file("last.json"), one_case_numbered("K-2026-9999999")).unwrap();
    w.ok(&["import", "last.json"]);
    let add = [
        "add",
        "--name",
        "Piet",
        "--email",
        "p@example.nl",
        "--service",
        "Consultancy",
        "--description",
        "Late.",
    ];
    for _ in 0..2 {
        let message = w.fails(&add, 2);
        assert!(
            message.contains(
                "No case numbers of 2026 are left (the last is K-2026-9999999), so nothing was registered"
            ),
            "{message}"
        );
    }
    let listed: Value = serde_json::from_str(&w.ok(&["list", "--all", "--json"])).unwrap();
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["K-2026-9999999"], "nothing wrapped to K-2026-0000 or a gap");
    for id in ids {
        w.ok(&["show", id]);
    }
}

#[test]
fn cli_import_refuses_case_numbers_the_desk_does_not_give_naming_the_case() {
    let w = World::new();
    for id in [
        "K-2026-10000000",
        "K-2026-4294967295",
        "K-2026-0000",
        "K-1999-0001",
        "K-2100-0001",
        "K-0006-0001",
    ] {
        fs::write(w.file("odd.json"), one_case_numbered(id)).unwrap();
        let message = w.fails(&["import", "odd.json"], 2);
        assert!(message.contains(&format!("case {id}: ")), "{id}: {message}");
        assert!(
            message.contains(&format!(
                "{id} is not a case number the desk gives: they run from K-2000-0001 to K-2099-9999999"
            )),
            "{id}: {message}"
        );
        assert!(message.ends_with(" a year). Nothing was imported."), "{message}");
    }
    assert!(contents_at(&w.db()).is_empty());
}

#[test]
fn cli_a_file_with_many_problems_lists_them_then_counts_them() {
    let w = World::new();
    let good = w.ok(&["--demo", "export", "--all"]);
    let bad = good.replace("\"state\": \"received\"", "\"state\": \"closed\"");
    fs::write(w.file("bad.json"), bad).unwrap();
    let out = w.run(&["import", "bad.json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert!(lines.len() > 2, "{err}");
    assert!(
        lines[..lines.len() - 1]
            .iter()
            .all(|l| l.contains(", case K-2026-")),
        "{err}"
    );
    assert_eq!(
        lines[lines.len() - 1],
        format!(
            "klachtdesk: bad.json: {n} problems (the first {n} above). Nothing was imported.",
            n = lines.len() - 1
        )
    );
    assert!(
        !w.db().exists(),
        "a refused import does not even create the database"
    );
    let dutch = w
        .cmd()
        .env("LANG", "nl_NL.UTF-8")
        .args(["import", "bad.json"])
        .output()
        .unwrap();
    assert!(
        text(&dutch.stderr).contains("Er is niets ingelezen."),
        "{}",
        text(&dutch.stderr)
    );
}

#[test]
fn cli_backup_and_restore() {
    let w = World::new();
    w.add("Eerste Klant");
    w.add("Tweede Klant");
    assert_eq!(w.ok(&["backup", "copy"]), "Backed up 2 cases to copy.\n");
    let message = w.fails(&["backup", "copy"], 2);
    assert!(message.contains("copy already exists"), "{message}");
    w.add("Derde Klant");
    let message = w.fails(&["restore", "copy"], 2);
    assert!(
        message.contains("holds 3 cases") && message.contains("--force"),
        "{message}"
    );
    assert_eq!(contents_at(&w.db()).len(), 3);
    let message = w.fails(&["restore", "nothing-here"], 2);
    assert!(
        message.contains("nothing-here is not a klachtdesk database"),
        "{message}"
    );
    let restored = w.ok(&["restore", "copy", "--force"]);
    assert!(
        restored.starts_with("Restored 2 cases from copy into "),
        "{restored}"
    );
    assert_eq!(contents_at(&w.db()), contents_at(&w.file("copy")));
    let fresh = w
        .cmd()
        .env("KLACHTDESK_DB", w.file("fresh"))
        .args(["restore", "copy"])
        .output()
        .unwrap();
    assert!(fresh.status.success(), "{}", text(&fresh.stderr));
}

/// A board: the store held open in this process, with its server.
fn board(w: &World) -> (Store, DeskServer) {
    let store = open(&w.db());
    let desk = Local::new(store.clone(), rules(), Clock::Pinned(now()), "tester".into());
    let server = DeskServer::start(
        desk,
        Config::default(),
        klachtdesk::keymap::Keymap::default(),
        klachtdesk::app::Settings::default(),
    )
    .unwrap();
    (store, server)
}

#[test]
fn cli_exports_backs_up_imports_and_restores_through_a_running_desk() {
    let w = World::new();
    let (store, server) = board(&w);
    klachtdesk::demo::populate(&store, &rules(), now(), "tester").unwrap();
    let own_export = export(&store);
    // Only the desk holds the database now, as when it runs by itself.
    drop(store);
    let through_board = w.ok(&["export", "--all"]);
    assert_eq!(through_board, own_export, "the same export as the store's own");
    assert_eq!(w.ok(&["backup", "copy"]), "Backed up 60 cases to copy.\n");
    let message = w.fails(&["backup", "copy"], 2);
    assert!(message.contains("already exists"), "{message}");
    // Import and restore have the desk hand the database over and take it back.
    fs::write(w.file("demo.json"), &through_board).unwrap();
    let message = w.fails(&["import", "demo.json"], 2);
    assert!(
        message.contains("K-2026-0001"),
        "refused for its cases, not for the desk: {message}"
    );
    let restored = w.ok(&["restore", "copy", "--force"]);
    assert!(restored.contains("60 cases"), "{restored}");
    assert!(
        w.ok(&["list", "--all"]).contains("60 cases"),
        "the desk has it back"
    );
    drop(server);
    assert_eq!(contents_at(&w.file("copy")), contents_at(&w.db()));
}

#[test]
fn the_board_takes_backups_only_to_absolute_paths() {
    use klachtdesk::desk::{Desk, Request, Response};
    let w = World::new();
    let (_store, _server) = board(&w);
    let client = klachtdesk::remote::Client::connect(&w.db(), Lang::En, Some(now())).unwrap();
    let answer = client.call(Request::Backup {
        path: "relative/copy".into(),
    });
    let Response::Failed(e) = &answer else {
        panic!("refused, not {answer:?}");
    };
    assert!(e.describe(Lang::En).contains("not absolute"), "{e:?}");
    assert!(!w.file("relative").exists());
}

//! The store as a user of it sees it: case numbers, the audit trail, refusals that
//! write nothing, reopening, the lock, format refusal and unreadable records.
//!
//! Most tests go through `Store` only. The few that must fake a database written
//! by a newer klachtdesk, or a damaged record, open the folder with `sled`
//! directly: `Store` (rightly) offers no way to write such things.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::Instant;

use chrono::{DateTime, Duration, TimeZone, Utc};
use klachtdesk::domain::case::{AckVia, CaseId, Channel, Direction, LogKind, Satisfaction};
use klachtdesk::domain::event::EventKind;
use klachtdesk::domain::intake::Intake;
use klachtdesk::domain::problem::{Field, Problem, Refusal};
use klachtdesk::domain::workflow::{Command, Ctx, Edit, Rules, State};
use klachtdesk::i18n::Describe;
use klachtdesk::i18n::Lang;
use klachtdesk::store::{CommandError, DATABASE_FORMAT, FORMAT, Store, StoreError};

/// A fixed moment: Tuesday 10 March 2026, 09:00 UTC (10:00 in Amsterdam).
fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).unwrap()
}

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

fn ctx(now: DateTime<Utc>, rules: &Rules) -> Ctx<'_> {
    Ctx {
        now,
        actor: "anna",
        rules,
    }
}

fn intake(name: &str) -> Intake {
    Intake {
        name: name.to_string(),
        phone: "+31 6 1234 5678".to_string(),
        email: "jan@example.nl".to_string(),
        organisation: "Voorbeeld BV".to_string(),
        service: "penetration testing".to_string(),
        channel: Channel::Phone,
        complained_at: None,
        description: "The report arrived two weeks late.\nNobody called back.".to_string(),
        ..Intake::default()
    }
}

fn id(year: u16, seq: u32) -> CaseId {
    CaseId::new(year, seq)
}

fn open(path: &Path) -> Store {
    Store::open(path).unwrap_or_else(|e| panic!("opening {}: {e}", path.display()))
}

/// The database folder opened with sled itself, to tamper with it. sled 0.34.7
/// lets go of a just-closed database's file lock a few milliseconds after the
/// last handle is dropped (`Store::open` waits for that itself; plain sled does
/// not), so this retries for up to two seconds.
fn raw_sled(path: &Path) -> sled::Db {
    let deadline = Instant::now() + std::time::Duration::from_secs(2);
    loop {
        match sled::open(path) {
            Ok(db) => return db,
            Err(e) if Instant::now() >= deadline => panic!("sled::open {}: {e}", path.display()),
            Err(_) => thread::sleep(std::time::Duration::from_millis(5)),
        }
    }
}

fn problems(result: Result<impl std::fmt::Debug, CommandError>) -> Vec<Problem> {
    match result {
        Err(CommandError::Refused(Refusal(problems))) => problems,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// The state transitions of a case's audit trail, oldest first.
fn trail(store: &Store, case: CaseId) -> Vec<(u32, Option<State>, State)> {
    store
        .events(case)
        .unwrap()
        .into_iter()
        .map(|e| (e.seq, e.from, e.to))
        .collect()
}

fn acknowledge(now: DateTime<Utc>) -> Command {
    Command::Acknowledge {
        at: now,
        via: AckVia::Email,
    }
}

#[test]
fn case_numbers_count_per_amsterdam_year_of_registration() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    let rules = Rules::default();

    let mut ids = Vec::new();
    for now in [
        t0(),
        t0() + Duration::days(30),
        // 23:30 in Amsterdam on New Year's Eve: still 2026.
        at(2026, 12, 31, 22, 30),
        // 00:30 on 1 January in Amsterdam, though still 2026 in UTC: 2027.
        at(2026, 12, 31, 23, 30),
        at(2027, 1, 4, 9, 0),
        at(2028, 2, 29, 12, 0),
    ] {
        ids.push(
            store
                .register(&intake("Jan de Vries"), &ctx(now, &rules))
                .unwrap()
                .id,
        );
    }
    assert_eq!(
        ids,
        [
            id(2026, 1),
            id(2026, 2),
            id(2026, 3),
            id(2027, 1),
            id(2027, 2),
            id(2028, 1)
        ]
    );
    let shown: Vec<String> = ids.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "K-2026-0001",
            "K-2026-0002",
            "K-2026-0003",
            "K-2027-0001",
            "K-2027-0002",
            "K-2028-0001"
        ]
    );
    for case in ids {
        assert_eq!(store.get(case).unwrap().id, case);
    }
}

#[test]
fn a_registered_case_is_stored_with_its_registration_event() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    let rules = Rules::default();

    let case = store
        .register(&intake("Jan de Vries"), &ctx(t0(), &rules))
        .unwrap();
    assert_eq!(case.state, State::Received);
    assert_eq!(case.version, 1);
    assert_eq!(case.registered_by, "anna");
    assert_eq!(case.registered_at, t0());
    assert_eq!(case.service, "Penetration testing");
    assert_eq!(store.get(case.id).unwrap(), case);
    assert_eq!(store.len(), 1);

    let events = store.events(case.id).unwrap();
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!((e.case, e.seq, e.from, e.to), (case.id, 1, None, State::Received));
    assert_eq!((e.at, e.actor.as_str()), (t0(), "anna"));
    assert_eq!(e.kind, EventKind::Registered);
}

#[test]
fn a_refused_registration_writes_nothing_and_uses_no_number() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    let rules = Rules::default();
    let c = ctx(t0(), &rules);
    let nameless = Intake {
        name: "  ".into(),
        phone: String::new(),
        email: String::new(),
        ..intake("")
    };

    // On an empty database…
    let refused = problems(store.register(&nameless, &c));
    assert!(refused.contains(&Problem::Missing(Field::Name)), "{refused:?}");
    assert!(refused.contains(&Problem::NoWayToReach), "{refused:?}");
    assert!(store.is_empty());
    assert_eq!(store.len(), 0);
    assert!(store.load().cases.is_empty());
    assert!(store.events(id(2026, 1)).unwrap().is_empty());
    assert_eq!(store.get(id(2026, 1)), Err(StoreError::NotFound(id(2026, 1))));

    let first = store.register(&intake("Jan de Vries"), &c).unwrap();
    assert_eq!(first.id, id(2026, 1));

    // …and after a case exists: a complaint dated in the future, an unknown service.
    let future = Intake {
        complained_at: Some(t0() + Duration::hours(1)),
        service: "Catering".into(),
        ..intake("Piet")
    };
    let refused = problems(store.register(&future, &c));
    assert!(
        refused.contains(&Problem::InFuture(Field::ComplainedAt)),
        "{refused:?}"
    );
    assert!(
        refused
            .iter()
            .any(|p| matches!(p, Problem::UnknownService { given, .. } if given == "Catering")),
        "{refused:?}"
    );
    assert_eq!(store.len(), 1);
    assert!(store.events(id(2026, 2)).unwrap().is_empty());
    assert_eq!(store.events(first.id).unwrap().len(), 1);

    let second = store.register(&intake("Piet"), &c).unwrap();
    assert_eq!(
        second.id,
        id(2026, 2),
        "a refused registration must not use up a number"
    );
}

#[test]
fn execute_returns_and_persists_the_new_snapshot_and_appends_its_event() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    let rules = Rules::default();
    let case = store
        .register(&intake("Jan de Vries"), &ctx(t0(), &rules))
        .unwrap();

    let later = t0() + Duration::hours(2);
    let acked = store
        .execute(case.id, Some(1), &acknowledge(later), &ctx(later, &rules))
        .unwrap();
    assert_eq!(acked.state, State::Acknowledged);
    assert_eq!(acked.version, 2);
    assert_eq!(
        acked.acknowledgement.as_ref().map(|a| (a.at, a.via)),
        Some((later, AckVia::Email))
    );
    assert_eq!(store.get(case.id).unwrap(), acked);

    let even_later = later + Duration::hours(1);
    let treated = store
        .execute(
            case.id,
            None,
            &Command::TakeIntoTreatment {
                at: None,
                handler: "Bram".into(),
            },
            &ctx(even_later, &rules),
        )
        .unwrap();
    assert_eq!((treated.state, treated.version), (State::InTreatment, 3));
    assert_eq!(treated.handler.as_deref(), Some("Bram"));
    assert_eq!(store.get(case.id).unwrap(), treated);
    assert_eq!(store.load().cases, vec![treated.clone()]);

    assert_eq!(
        trail(&store, case.id),
        [
            (1, None, State::Received),
            (2, Some(State::Received), State::Acknowledged),
            (3, Some(State::Acknowledged), State::InTreatment),
        ]
    );
    let events = store.events(case.id).unwrap();
    assert_eq!(events[1].at, later);
    assert_eq!(events[1].kind, EventKind::Command(acknowledge(later)));
    assert_eq!(events[2].at, even_later);
    assert!(events.iter().all(|e| e.case == case.id && e.actor == "anna"));
    let handler_change = events[2].changes.iter().find(|c| c.field == Field::Handler);
    assert_eq!(
        handler_change.map(|c| (c.before.as_str(), c.after.as_str())),
        Some(("", "Bram"))
    );
}

#[test]
fn the_events_of_one_case_are_not_mixed_with_another_cases() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    let rules = Rules::default();
    let c = ctx(t0(), &rules);
    let a = store.register(&intake("Jan"), &c).unwrap().id;
    let b = store.register(&intake("Piet"), &c).unwrap().id;
    // A case of another year whose sequence number equals `a`'s.
    let next_year = at(2027, 2, 1, 9, 0);
    let other_year = store
        .register(&intake("Kees"), &ctx(next_year, &rules))
        .unwrap()
        .id;
    assert_eq!(other_year, id(2027, 1));

    store.execute(a, None, &acknowledge(t0()), &c).unwrap();
    store
        .execute(
            b,
            None,
            &Command::LogContact {
                kind: LogKind::Call,
                direction: Direction::Inbound,
                text: "Called again".into(),
            },
            &c,
        )
        .unwrap();

    assert_eq!(
        trail(&store, a),
        [
            (1, None, State::Received),
            (2, Some(State::Received), State::Acknowledged)
        ]
    );
    assert_eq!(
        trail(&store, b),
        [
            (1, None, State::Received),
            (2, Some(State::Received), State::Received)
        ]
    );
    assert_eq!(trail(&store, other_year), [(1, None, State::Received)]);
    let ids: Vec<CaseId> = store.load().cases.iter().map(|c| c.id).collect();
    assert_eq!(ids, [a, b, other_year], "load lists cases in case-number order");
}

#[test]
fn a_refused_command_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    let rules = Rules::default();
    let c = ctx(t0(), &rules);
    let case = store.register(&intake("Jan de Vries"), &c).unwrap();
    let acked = store.execute(case.id, Some(1), &acknowledge(t0()), &c).unwrap();
    let events_before = store.events(case.id).unwrap();

    // A step not allowed from this state.
    let outcome = Command::CommunicateOutcome {
        at: None,
        root_cause: "Planning".into(),
        solution: "Sent it".into(),
        outcome: "Apologised".into(),
    };
    assert_eq!(
        problems(store.execute(case.id, Some(2), &outcome, &c)),
        [Problem::NotAllowed {
            step: outcome.step(),
            from: State::Acknowledged
        }]
    );
    // An allowed step whose guard is not met: no handler.
    let no_handler = Command::TakeIntoTreatment {
        at: None,
        handler: " ".into(),
    };
    assert_eq!(
        problems(store.execute(case.id, None, &no_handler, &c)),
        [Problem::Missing(Field::Handler)]
    );
    // An acknowledgement is not repeated; a blank contact-log entry is refused.
    let blank_log = Command::LogContact {
        kind: LogKind::Note,
        direction: Direction::Internal,
        text: "\n ".into(),
    };
    problems(store.execute(case.id, None, &blank_log, &c));
    problems(store.execute(case.id, None, &acknowledge(t0()), &c));

    assert_eq!(store.get(case.id).unwrap(), acked);
    assert_eq!(store.events(case.id).unwrap(), events_before);

    // The case still takes the next valid step as version 3.
    let treated = store
        .execute(
            case.id,
            Some(2),
            &Command::TakeIntoTreatment {
                at: None,
                handler: "Bram".into(),
            },
            &c,
        )
        .unwrap();
    assert_eq!(treated.version, 3);
    assert_eq!(store.events(case.id).unwrap().len(), 3);
}

#[test]
fn a_stale_expected_version_is_refused_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    let rules = Rules::default();
    let c = ctx(t0(), &rules);
    let case = store.register(&intake("Jan de Vries"), &c).unwrap();
    let acked = store.execute(case.id, Some(1), &acknowledge(t0()), &c).unwrap();
    let events_before = store.events(case.id).unwrap();

    // Someone read version 1, then another operator acknowledged it.
    let take = Command::TakeIntoTreatment {
        at: None,
        handler: "Bram".into(),
    };
    assert_eq!(
        problems(store.execute(case.id, Some(1), &take, &c)),
        [Problem::Stale {
            expected: 1,
            found: 2
        }]
    );
    // A version from the future is just as stale.
    assert_eq!(
        problems(store.execute(case.id, Some(7), &take, &c)),
        [Problem::Stale {
            expected: 7,
            found: 2
        }]
    );
    assert_eq!(store.get(case.id).unwrap(), acked);
    assert_eq!(store.events(case.id).unwrap(), events_before);
}

#[test]
fn commands_on_an_unknown_case_are_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    let rules = Rules::default();
    let c = ctx(t0(), &rules);
    store.register(&intake("Jan de Vries"), &c).unwrap();

    for missing in [id(2026, 2), id(2025, 1), id(2027, 1)] {
        assert_eq!(
            store.execute(missing, None, &acknowledge(t0()), &c),
            Err(CommandError::Store(StoreError::NotFound(missing)))
        );
        assert_eq!(store.get(missing), Err(StoreError::NotFound(missing)));
        assert!(store.events(missing).unwrap().is_empty());
    }
    let message = StoreError::NotFound(id(2026, 2)).describe(Lang::En);
    assert!(message.contains("K-2026-0002"), "{message}");
    assert_eq!(store.len(), 1);
}

#[test]
fn everything_is_there_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let rules = Rules::default();
    let c = ctx(t0(), &rules);

    let (cases, trails) = {
        let store = open(&path);
        let a = store.register(&intake("Jan"), &c).unwrap().id;
        let b = store.register(&intake("Piet"), &c).unwrap().id;
        store.execute(a, Some(1), &acknowledge(t0()), &c).unwrap();
        store
            .execute(
                a,
                Some(2),
                &Command::TakeIntoTreatment {
                    at: None,
                    handler: "Bram".into(),
                },
                &c,
            )
            .unwrap();
        store
            .execute(
                b,
                None,
                &Command::Withdraw {
                    at: None,
                    reason: "Solved it themselves".into(),
                },
                &c,
            )
            .unwrap();
        let loaded = store.load();
        assert!(loaded.unreadable.is_empty());
        let trails = [store.events(a).unwrap(), store.events(b).unwrap()];
        (loaded.cases, trails)
    };
    assert_eq!(cases.len(), 2);

    let store = open(&path);
    let loaded = store.load();
    assert!(loaded.unreadable.is_empty(), "{:?}", loaded.unreadable);
    assert_eq!(loaded.cases, cases);
    assert_eq!(store.events(cases[0].id).unwrap(), trails[0]);
    assert_eq!(store.events(cases[1].id).unwrap(), trails[1]);
    assert_eq!(store.get(cases[0].id).unwrap().state, State::InTreatment);
    assert_eq!(store.get(cases[1].id).unwrap().state, State::Closed);

    // The year's sequence continues, and the reopened cases take further steps.
    assert_eq!(store.register(&intake("Kees"), &c).unwrap().id, id(2026, 3));
    let waiting = store
        .execute(
            cases[0].id,
            Some(3),
            &Command::RequestInformation {
                at: None,
                request: "The invoice number, please".into(),
            },
            &c,
        )
        .unwrap();
    assert_eq!((waiting.state, waiting.version), (State::Waiting, 4));
    drop(store);

    let store = open(&path);
    assert_eq!(store.len(), 3);
    assert_eq!(store.get(cases[0].id).unwrap(), waiting);
    assert_eq!(store.events(cases[0].id).unwrap().len(), 4);
    assert_eq!(store.register(&intake("Els"), &c).unwrap().id, id(2026, 4));
}

#[test]
fn the_database_folder_is_private_to_its_owner() {
    let dir = tempfile::tempdir().unwrap();
    let flat = dir.path().join("db");
    let nested = dir.path().join("several").join("levels").join("klachtdesk");
    for path in [&flat, &nested] {
        assert!(!path.exists());
        let store = open(path);
        assert_eq!(store.path(), path.as_path());
        let mode = std::fs::metadata(path).unwrap().permissions().mode();
        assert!(path.is_dir());
        assert_eq!(
            mode & 0o777,
            0o700,
            "{} has mode {:o}",
            path.display(),
            mode & 0o777
        );
    }
}

#[test]
fn a_second_open_of_a_database_in_use_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let rules = Rules::default();
    let first = open(&path);
    first.register(&intake("Jan"), &ctx(t0(), &rules)).unwrap();

    let err = Store::open(&path).expect_err("a second open must be refused");
    assert_eq!(err, StoreError::InUse { path: path.clone() });
    let message = err.describe(Lang::En);
    assert!(message.contains("is in use by another klachtdesk"), "{message}");
    assert!(message.contains(&path.display().to_string()), "{message}");

    // A clone is the same open database: still in use while it lives.
    let clone = first.clone();
    drop(first);
    assert!(matches!(Store::open(&path), Err(StoreError::InUse { .. })));
    // The refused attempt did not disturb the open store.
    assert_eq!(clone.len(), 1);
    drop(clone);

    let again = open(&path);
    assert_eq!(again.len(), 1);
    assert_eq!(again.get(id(2026, 1)).unwrap().contact.name, "Jan");
}

#[test]
fn a_database_of_a_newer_format_is_refused_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let rules = Rules::default();
    {
        let store = open(&path);
        store.register(&intake("Jan"), &ctx(t0(), &rules)).unwrap();
    }
    // sled directly: a newer klachtdesk would have stamped this, `Store` never does.
    {
        let db = raw_sled(&path);
        let meta = db.open_tree("meta").unwrap();
        assert_eq!(
            meta.get(b"format").unwrap().as_deref(),
            Some(&[DATABASE_FORMAT][..]),
            "a new database is stamped with the current format"
        );
        meta.insert(b"format", &[DATABASE_FORMAT + 1]).unwrap();
        db.flush().unwrap();
    }

    let err = Store::open(&path).expect_err("a newer format must be refused");
    assert_eq!(
        err,
        StoreError::TooNew {
            path: path.clone(),
            found: DATABASE_FORMAT + 1,
            supported: DATABASE_FORMAT
        }
    );
    let message = err.describe(Lang::En);
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains("newer klachtdesk"), "{message}");
    assert!(message.contains("upgrade"), "{message}");

    // The refusal left the newer stamp alone, so the newer version still opens it.
    let db = raw_sled(&path);
    let meta = db.open_tree("meta").unwrap();
    assert_eq!(
        meta.get(b"format").unwrap().as_deref(),
        Some(&[DATABASE_FORMAT + 1][..])
    );
}

#[test]
fn an_unreadable_case_is_reported_and_the_rest_stays_usable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let rules = Rules::default();
    let c = ctx(t0(), &rules);
    let damaged = id(2026, 2);
    let good = {
        let store = open(&path);
        let ids: Vec<CaseId> = (0..3)
            .map(|_| store.register(&intake("Jan"), &c).unwrap().id)
            .collect();
        assert_eq!(ids[1], damaged);
        [store.get(ids[0]).unwrap(), store.get(ids[2]).unwrap()]
    };
    // sled directly: damage one stored record, as a disk fault or a bad copy would.
    {
        let db = raw_sled(&path);
        let cases = db.open_tree("cases").unwrap();
        let key = damaged.as_u64().to_be_bytes();
        let old = cases
            .insert(key, &[FORMAT, 0xff, 0xfe, 0x00, 0x13, 0x37][..])
            .unwrap();
        assert!(old.is_some(), "the damaged key must be the stored case's");
        db.flush().unwrap();
    }

    let store = open(&path);
    let loaded = store.load();
    assert_eq!(loaded.cases, good);
    assert_eq!(loaded.unreadable.len(), 1, "{:?}", loaded.unreadable);
    let message = loaded.unreadable[0].describe(Lang::En);
    assert!(message.contains("K-2026-0002"), "{message}");
    assert!(
        matches!(&loaded.unreadable[0], StoreError::Unreadable { tree: "cases", key, .. } if key == "K-2026-0002"),
        "{:?}",
        loaded.unreadable[0]
    );

    assert!(matches!(
        store.get(damaged),
        Err(StoreError::Unreadable { tree: "cases", ref key, .. }) if key == "K-2026-0002"
    ));
    assert!(matches!(
        store.execute(damaged, None, &acknowledge(t0()), &c),
        Err(CommandError::Store(StoreError::Unreadable { .. }))
    ));
    // Its audit trail is intact and the damaged record was not rewritten.
    assert_eq!(trail(&store, damaged), [(1, None, State::Received)]);
    assert!(matches!(store.get(damaged), Err(StoreError::Unreadable { .. })));

    // The other cases are read and changed as usual; numbering goes on.
    assert_eq!(store.get(good[0].id).unwrap(), good[0]);
    let acked = store
        .execute(good[1].id, Some(1), &acknowledge(t0()), &c)
        .unwrap();
    assert_eq!(acked.version, 2);
    assert_eq!(store.register(&intake("Piet"), &c).unwrap().id, id(2026, 4));
    assert_eq!(store.load().cases.len(), 3);
}

#[test]
fn concurrent_registrations_get_distinct_consecutive_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    let rules = Arc::new(Rules::default());
    let start = Arc::new(Barrier::new(4));

    let handles: Vec<_> = (0..4)
        .map(|t| {
            let (store, rules, start) = (store.clone(), rules.clone(), start.clone());
            thread::spawn(move || {
                start.wait();
                (0..25)
                    .map(|i| {
                        let name = format!("Caller {t}-{i}");
                        store.register(&intake(&name), &ctx(t0(), &rules)).unwrap()
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut cases: Vec<_> = handles.into_iter().flat_map(|h| h.join().unwrap()).collect();
    cases.sort_by_key(|c| c.id);

    let ids: Vec<CaseId> = cases.iter().map(|c| c.id).collect();
    assert_eq!(ids, (1..=100).map(|n| id(2026, n)).collect::<Vec<_>>());
    assert_eq!(store.len(), 100);
    // Each number belongs to the case registered under it, with its one event.
    for case in &cases {
        assert_eq!(store.get(case.id).unwrap(), *case);
        assert_eq!(trail(&store, case.id), [(1, None, State::Received)]);
    }
    assert_eq!(
        store.register(&intake("Last"), &ctx(t0(), &rules)).unwrap().id,
        id(2026, 101)
    );
}

#[test]
fn concurrent_commands_on_the_same_version_let_exactly_one_through() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    let rules = Arc::new(Rules::default());
    let case = store.register(&intake("Jan"), &ctx(t0(), &rules)).unwrap();
    store
        .execute(case.id, Some(1), &acknowledge(t0()), &ctx(t0(), &rules))
        .unwrap();
    let threads = 8;
    let start = Arc::new(Barrier::new(threads));

    let handles: Vec<_> = (0..threads)
        .map(|t| {
            let (store, rules, start) = (store.clone(), rules.clone(), start.clone());
            thread::spawn(move || {
                let take = Command::TakeIntoTreatment {
                    at: None,
                    handler: format!("Handler {t}"),
                };
                start.wait();
                (t, store.execute(case.id, Some(2), &take, &ctx(t0(), &rules)))
            })
        })
        .collect();
    let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();

    let winners: Vec<_> = results.iter().filter(|(_, r)| r.is_ok()).collect();
    assert_eq!(winners.len(), 1, "{results:?}");
    for (_, r) in results.iter().filter(|(_, r)| r.is_err()) {
        assert_eq!(
            r,
            &Err(CommandError::Refused(Refusal::one(Problem::Stale {
                expected: 2,
                found: 3
            })))
        );
    }
    let (winner, won) = winners[0];
    let stored = store.get(case.id).unwrap();
    assert_eq!(won.as_ref().unwrap(), &stored);
    assert_eq!(stored.version, 3);
    assert_eq!(stored.handler, Some(format!("Handler {winner}")));
    assert_eq!(store.events(case.id).unwrap().len(), 3);
}

#[test]
fn concurrent_commands_without_expected_version_lose_no_update() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    let rules = Arc::new(Rules::default());
    let case = store.register(&intake("Jan"), &ctx(t0(), &rules)).unwrap();
    let start = Arc::new(Barrier::new(4));

    let handles: Vec<_> = (0..4)
        .map(|t| {
            let (store, rules, start) = (store.clone(), rules.clone(), start.clone());
            thread::spawn(move || {
                start.wait();
                for i in 0..5 {
                    let note = Command::LogContact {
                        kind: LogKind::Note,
                        direction: Direction::Internal,
                        text: format!("note {t}-{i}"),
                    };
                    store.execute(case.id, None, &note, &ctx(t0(), &rules)).unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }

    let stored = store.get(case.id).unwrap();
    assert_eq!(stored.version, 21);
    assert_eq!(stored.contact_log.len(), 20);
    let seqs: Vec<u32> = store.events(case.id).unwrap().iter().map(|e| e.seq).collect();
    assert_eq!(seqs, (1..=21).collect::<Vec<_>>());
}

#[test]
fn the_snapshot_agrees_with_the_audit_trail_through_the_whole_procedure() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let store = open(&path);
    let rules = Rules::default();
    let mut now = t0();
    let case = store
        .register(&intake("Jan de Vries"), &ctx(now, &rules))
        .unwrap();

    let steps = [
        acknowledge(now + Duration::hours(1)),
        Command::TakeIntoTreatment {
            at: None,
            handler: "Bram".into(),
        },
        Command::RequestInformation {
            at: None,
            request: "Which report do you mean?".into(),
        },
        Command::InformationReceived {
            at: None,
            note: "The March report".into(),
        },
        Command::CommunicateOutcome {
            at: None,
            root_cause: "The planning lost the deadline".into(),
            solution: "Deadlines in the shared calendar".into(),
            outcome: "Apologies and a discount".into(),
        },
        Command::Close {
            at: None,
            learnings: "Check the planning weekly".into(),
            satisfaction: Some(Satisfaction::Satisfied),
        },
    ];
    let mut version = case.version;
    for step in &steps {
        now += Duration::hours(2);
        let next = store
            .execute(case.id, Some(version), step, &ctx(now, &rules))
            .unwrap_or_else(|e| panic!("{step:?}: {e:?}"));
        assert_eq!(next.version, version + 1);
        version = next.version;

        let stored = store.get(case.id).unwrap();
        let events = store.events(case.id).unwrap();
        assert_eq!(stored, next);
        assert_eq!(events.len() as u32, stored.version);
        assert_eq!(events.last().unwrap().to, stored.state);
        assert_eq!(events.last().unwrap().at, now);
    }

    let check = |store: &Store| {
        let stored = store.get(case.id).unwrap();
        assert_eq!(stored.state, State::Closed);
        assert_eq!(stored.satisfaction, Some(Satisfaction::Satisfied));
        assert_eq!(
            trail(store, case.id),
            [
                (1, None, State::Received),
                (2, Some(State::Received), State::Acknowledged),
                (3, Some(State::Acknowledged), State::InTreatment),
                (4, Some(State::InTreatment), State::Waiting),
                (5, Some(State::Waiting), State::InTreatment),
                (6, Some(State::InTreatment), State::OutcomeCommunicated),
                (7, Some(State::OutcomeCommunicated), State::Closed),
            ]
        );
        assert_eq!(store.events(case.id).unwrap().len() as u32, stored.version);
        let kinds: Vec<EventKind> = store
            .events(case.id)
            .unwrap()
            .into_iter()
            .map(|e| e.kind)
            .collect();
        let mut expected = vec![EventKind::Registered];
        expected.extend(steps.iter().cloned().map(EventKind::Command));
        assert_eq!(kinds, expected);
    };
    check(&store);
    drop(store);
    check(&open(&path));
}

#[test]
fn several_commands_at_once_are_saved_all_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    let rules = Rules::default();
    let c = ctx(t0(), &rules);
    let case = store.register(&intake("Jan de Vries"), &c).unwrap();
    let take = Command::TakeIntoTreatment {
        at: None,
        handler: "Bram".into(),
    };

    // The second is refused (no outcome texts), so the first is not saved either.
    let outcome_without_texts = Command::CommunicateOutcome {
        at: None,
        root_cause: String::new(),
        solution: String::new(),
        outcome: String::new(),
    };
    let refused = problems(store.execute_all(
        case.id,
        Some(1),
        &[acknowledge(t0()), take.clone(), outcome_without_texts],
        &c,
    ));
    assert!(refused.contains(&Problem::Missing(Field::Outcome)), "{refused:?}");
    assert_eq!(store.get(case.id).unwrap(), case);
    assert_eq!(trail(&store, case.id), [(1, None, State::Received)]);

    let treated = store
        .execute_all(case.id, Some(1), &[acknowledge(t0()), take], &c)
        .unwrap();
    assert_eq!((treated.state, treated.version), (State::InTreatment, 3));
    assert_eq!(store.get(case.id).unwrap(), treated);
    assert_eq!(
        trail(&store, case.id),
        [
            (1, None, State::Received),
            (2, Some(State::Received), State::Acknowledged),
            (3, Some(State::Acknowledged), State::InTreatment),
        ]
    );
}

/// After the last handle on a database is dropped, opening it again in the same
/// process must work: nobody else is using it. With other stores busy in the
/// process (as in a test run), sled 0.34.7 still holds the old file and its lock
/// for some milliseconds; `Store::open` must wait for that, not report it as
/// "in use by another klachtdesk". (Before the fix, 1 to 10 of these 400 reopens
/// were refused.)
#[test]
fn reopening_right_after_closing_is_not_mistaken_for_another_user() {
    let handles: Vec<_> = (0..8)
        .map(|_| {
            thread::spawn(|| {
                let rules = Rules::default();
                let c = ctx(t0(), &rules);
                let mut refused = 0;
                for _ in 0..50 {
                    let dir = tempfile::tempdir().unwrap();
                    let path = dir.path().join("db");
                    let store = open(&path);
                    for _ in 0..5 {
                        store.register(&intake("Jan"), &c).unwrap();
                    }
                    drop(store);
                    match Store::open(&path) {
                        Ok(again) => assert_eq!(again.len(), 5),
                        Err(StoreError::InUse { .. }) => refused += 1,
                        Err(e) => panic!("{e}"),
                    }
                }
                refused
            })
        })
        .collect();
    let refused: u32 = handles.into_iter().map(|h| h.join().unwrap()).sum();
    assert_eq!(refused, 0, "{refused} of 400 reopens were refused as in use");
}

/// A damaged (or lost) id sequence in `meta` must never make a registration
/// take the number of an existing case: that overwrites the case's snapshot and
/// its registration event, and the operator's saved work is gone.
#[test]
fn a_damaged_sequence_never_reuses_a_case_number() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let rules = Rules::default();
    let c = ctx(t0(), &rules);
    let (first, first_events) = {
        let store = open(&path);
        let first = store.register(&intake("Jan de Vries"), &c).unwrap();
        store.register(&intake("Piet"), &c).unwrap();
        let events = store.events(first.id).unwrap();
        (first, events)
    };
    // sled directly: damage every meta record but the format stamp (the sequences).
    {
        let db = raw_sled(&path);
        let meta = db.open_tree("meta").unwrap();
        let keys: Vec<_> = meta
            .iter()
            .keys()
            .map(Result::unwrap)
            .filter(|k| k.as_ref() != b"format")
            .collect();
        assert!(!keys.is_empty());
        for key in keys {
            meta.insert(key, &[0xff][..]).unwrap();
        }
        db.flush().unwrap();
    }

    let store = open(&path);
    let result = store.register(&intake("Kees"), &c);
    // Refusing with a clear error is fine, and so is picking a free number…
    if let Ok(new) = &result {
        assert!(
            new.id > id(2026, 2),
            "registered as {}, an existing case's number",
            new.id
        );
    }
    // …but the saved cases stay as they were.
    assert_eq!(store.get(first.id).unwrap(), first);
    assert_eq!(store.events(first.id).unwrap(), first_events);
    assert_eq!(store.get(id(2026, 2)).unwrap().contact.name, "Piet");
}

// Several operators on one case: edits made on an older version.

/// Who does a command, and when.
fn ctx_of<'a>(actor: &'a str, now: DateTime<Utc>, rules: &'a Rules) -> Ctx<'a> {
    Ctx { now, actor, rules }
}

fn edit(edits: Vec<Edit>) -> Command {
    Command::Edit { edits }
}

/// 14:02 in Amsterdam on the day of `t0`, when Bram saves.
fn bram_saves_at() -> DateTime<Utc> {
    at(2026, 3, 10, 13, 2)
}

/// A case Anna read at version 1 and Bram then gave an outcome (version 2).
fn case_bram_changed(store: &Store, rules: &Rules, outcome: &str) -> CaseId {
    let case = store
        .register(&intake("Jan de Vries"), &ctx(t0(), rules))
        .unwrap();
    let bram = ctx_of("Bram", bram_saves_at(), rules);
    let changed = store
        .execute(
            case.id,
            Some(1),
            &edit(vec![Edit::Outcome(outcome.into())]),
            &bram,
        )
        .unwrap();
    assert_eq!(changed.version, 2);
    case.id
}

#[test]
fn edits_of_different_fields_from_one_version_both_land() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    let rules = Rules::default();
    let id = case_bram_changed(&store, &rules, "Refunded in full.");

    // Anna still has version 1 on her screen and corrects the description.
    let anna = ctx_of("Anna", at(2026, 3, 10, 13, 5), &rules);
    let saved = store
        .execute(
            id,
            Some(1),
            &edit(vec![Edit::Description("Two weeks late.".into())]),
            &anna,
        )
        .unwrap();

    assert_eq!(saved.version, 3);
    assert_eq!(saved.outcome, "Refunded in full.");
    assert_eq!(saved.description, "Two weeks late.");
    assert_eq!(store.get(id).unwrap(), saved);
    let changes: Vec<_> = store
        .events(id)
        .unwrap()
        .into_iter()
        .skip(1)
        .map(|e| {
            let fields: Vec<_> = e.changes.iter().map(|c| (c.field, c.after.clone())).collect();
            (e.seq, e.actor, fields)
        })
        .collect();
    assert_eq!(
        changes,
        [
            (
                2,
                "Bram".into(),
                vec![(Field::Outcome, "Refunded in full.".into())]
            ),
            (
                3,
                "Anna".into(),
                vec![(Field::Description, "Two weeks late.".into())]
            ),
        ]
    );
}

#[test]
fn handler_staff_and_notes_from_an_older_version_land_beside_another_edit() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    let rules = Rules::default();
    let id = case_bram_changed(&store, &rules, "Refunded in full.");

    let anna = ctx_of("Anna", at(2026, 3, 10, 13, 5), &rules);
    let commands = [
        Command::AssignHandler {
            handler: "Anna".into(),
        },
        Command::SetInvolved {
            staff: vec!["Carla".into()],
        },
        Command::LogContact {
            kind: LogKind::Call,
            direction: Direction::Inbound,
            text: "Jan called about the refund.".into(),
        },
    ];
    let saved = store.execute_all(id, Some(1), &commands, &anna).unwrap();

    assert_eq!(saved.version, 5);
    assert_eq!(saved.outcome, "Refunded in full.");
    assert_eq!(saved.handler.as_deref(), Some("Anna"));
    assert_eq!(saved.involved, ["Carla"]);
    assert_eq!(saved.contact_log.len(), 1);
}

#[test]
fn an_edit_of_a_field_changed_since_is_refused_naming_who_changed_it_to_what() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    let rules = Rules::default();
    let id = case_bram_changed(&store, &rules, "Refunded in full.");
    let (case_before, events_before) = (store.get(id).unwrap(), store.events(id).unwrap());

    let anna = ctx_of("Anna", at(2026, 3, 10, 13, 5), &rules);
    let mine = [
        edit(vec![Edit::Description("Two weeks late.".into())]),
        edit(vec![Edit::Outcome("Apologised by phone.".into())]),
    ];
    let refused = store.execute_all(id, Some(1), &mine, &anna);

    assert_eq!(
        problems(refused.clone()),
        [Problem::Conflict {
            field: Field::Outcome,
            by: "Bram".into(),
            at: bram_saves_at(),
            theirs: "Refunded in full.".into(),
            now: case_before.version,
        }]
    );
    // Nothing of Anna's save is written, not even the description.
    assert_eq!(store.get(id).unwrap(), case_before);
    assert_eq!(store.events(id).unwrap(), events_before);
    let error = refused.unwrap_err();
    assert_eq!(
        error.describe(Lang::En),
        "Bram changed Outcome at 14:02 to \u{201c}Refunded in full.\u{201d}: take theirs, or save yours over it."
    );
    assert_eq!(
        error.describe(Lang::Nl),
        "Bram heeft Uitkomst om 14:02 gewijzigd in \u{201c}Refunded in full.\u{201d}: neem die over, of sla de uwe eroverheen op."
    );
}

#[test]
fn saving_again_with_the_current_version_saves_mine_over_theirs() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    let rules = Rules::default();
    let id = case_bram_changed(&store, &rules, "Refunded in full.");
    let anna = ctx_of("Anna", at(2026, 3, 10, 13, 5), &rules);
    let mine = edit(vec![Edit::Outcome("Apologised by phone.".into())]);
    assert!(matches!(
        problems(store.execute(id, Some(1), &mine, &anna))[..],
        [Problem::Conflict { .. }]
    ));

    // Anna has seen Bram's value (version 2) and keeps hers.
    let saved = store.execute(id, Some(2), &mine, &anna).unwrap();

    assert_eq!(saved.version, 3);
    assert_eq!(store.get(id).unwrap().outcome, "Apologised by phone.");
    let last = store.events(id).unwrap().pop().unwrap();
    assert_eq!(last.actor, "Anna");
    assert_eq!(
        last.changes
            .iter()
            .map(|c| (c.field, c.before.as_str(), c.after.as_str()))
            .collect::<Vec<_>>(),
        [(Field::Outcome, "Refunded in full.", "Apologised by phone.")]
    );
}

#[test]
fn a_step_on_an_older_version_is_still_refused_as_stale() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    let rules = Rules::default();
    let id = case_bram_changed(&store, &rules, "Refunded in full.");
    let (case_before, events_before) = (store.get(id).unwrap(), store.events(id).unwrap());
    let anna = ctx_of("Anna", at(2026, 3, 10, 13, 5), &rules);
    let stale = [Problem::Stale {
        expected: 1,
        found: 2,
    }];

    assert_eq!(
        problems(store.execute(id, Some(1), &acknowledge(t0()), &anna)),
        stale
    );
    // An edit saved together with a step is a step's save.
    let description = edit(vec![Edit::Description("Two weeks late.".into())]);
    assert_eq!(
        problems(store.execute_all(id, Some(1), &[description, acknowledge(t0())], &anna)),
        stale
    );
    assert_eq!(store.get(id).unwrap(), case_before);
    assert_eq!(store.events(id).unwrap(), events_before);
}

#[test]
fn two_conflicting_fields_give_two_problems() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    let rules = Rules::default();
    let id = case_bram_changed(&store, &rules, "Refunded in full.");
    let carla_saves_at = at(2026, 3, 10, 13, 4);
    let carla = ctx_of("Carla", carla_saves_at, &rules);
    store
        .execute(
            id,
            Some(2),
            &edit(vec![Edit::Solution("New courier.".into())]),
            &carla,
        )
        .unwrap();
    let events_before = store.events(id).unwrap();

    let anna = ctx_of("Anna", at(2026, 3, 10, 13, 5), &rules);
    let mine = edit(vec![
        Edit::Outcome("Apologised.".into()),
        Edit::Solution("Faster post.".into()),
        Edit::Description("Two weeks late.".into()),
    ]);
    let mut found = problems(store.execute(id, Some(1), &mine, &anna));
    found.sort_by_key(|p| p.field());

    assert_eq!(
        found,
        [
            Problem::Conflict {
                field: Field::Solution,
                by: "Carla".into(),
                at: carla_saves_at,
                theirs: "New courier.".into(),
                now: 3,
            },
            Problem::Conflict {
                field: Field::Outcome,
                by: "Bram".into(),
                at: bram_saves_at(),
                theirs: "Refunded in full.".into(),
                now: 3,
            },
        ]
    );
    assert_eq!(store.events(id).unwrap(), events_before);
}

#[test]
fn setting_the_value_they_set_is_no_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    let rules = Rules::default();
    let id = case_bram_changed(&store, &rules, "Refunded in full.");

    let anna = ctx_of("Anna", at(2026, 3, 10, 13, 5), &rules);
    let mine = edit(vec![
        Edit::Outcome("Refunded in full.".into()),
        Edit::Description("Two weeks late.".into()),
    ]);
    let saved = store.execute(id, Some(1), &mine, &anna).unwrap();

    assert_eq!(saved.outcome, "Refunded in full.");
    assert_eq!(saved.description, "Two weeks late.");
    let last = store.events(id).unwrap().pop().unwrap();
    assert_eq!(
        last.changes.iter().map(|c| c.field).collect::<Vec<_>>(),
        [Field::Description],
        "the outcome, already so, is not recorded as changed"
    );
}

#[test]
fn a_conflict_quotes_a_long_or_hostile_value_short_and_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    let rules = Rules::default();
    let theirs = format!("Refunded\n\u{1b}[2J{}", "in full ".repeat(20));
    let id = case_bram_changed(&store, &rules, &theirs);

    let anna = ctx_of("Anna", at(2026, 3, 10, 13, 5), &rules);
    let mine = edit(vec![Edit::Outcome("Apologised.".into())]);
    let error = store.execute(id, Some(1), &mine, &anna).unwrap_err();

    for lang in [Lang::En, Lang::Nl] {
        let words = error.describe(lang);
        assert!(!words.contains(['\n', '\u{1b}']), "{words:?}");
        assert!(words.contains("Refunded \\u{1b}[2Jin full"), "{words:?}");
        assert!(words.contains("…\u{201d}"), "{words:?}");
        assert!(words.chars().count() < 160, "{words:?}");
    }
}

#[test]
fn a_conflict_with_an_emptied_field_says_it_was_emptied() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    let rules = Rules::default();
    let id = case_bram_changed(&store, &rules, "Refunded in full.");
    let bram = ctx_of("Bram", at(2026, 3, 10, 13, 3), &rules);
    store
        .execute(id, Some(2), &edit(vec![Edit::Outcome(String::new())]), &bram)
        .unwrap();

    let anna = ctx_of("Anna", at(2026, 3, 10, 13, 5), &rules);
    let mine = edit(vec![Edit::Outcome("Apologised.".into())]);
    let error = store.execute(id, Some(1), &mine, &anna).unwrap_err();

    assert_eq!(
        error.describe(Lang::En),
        "Bram emptied Outcome at 14:03: take that, or save yours over it."
    );
    assert_eq!(
        error.describe(Lang::Nl),
        "Bram heeft Uitkomst om 14:03 leeggemaakt: neem dat over, of sla de uwe eroverheen op."
    );
}

#[test]
fn undo_takes_a_step_back_with_a_reversing_event_and_the_trail_keeps_both() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    let rules = Rules::default();
    let case = store
        .register(&intake("Jan de Vries"), &ctx(t0(), &rules))
        .unwrap();
    let later = |minutes| t0() + Duration::minutes(minutes);
    // A letter marked sent: the contact and the step, saved as one change.
    let sent = Command::LogContact {
        kind: LogKind::Email,
        direction: Direction::Outbound,
        text: "Acknowledgement sent".into(),
    };
    store
        .execute_all(
            case.id,
            None,
            &[sent, acknowledge(later(1))],
            &ctx(later(1), &rules),
        )
        .unwrap();
    let back = store
        .execute(case.id, None, &Command::Undo { seq: 2 }, &ctx(later(3), &rules))
        .unwrap();
    assert_eq!(back.state, State::Received);
    assert_eq!(back.acknowledgement, None);
    assert!(back.contact_log.is_empty(), "the whole change is taken back");
    assert!(
        back.verdicts.is_empty(),
        "the acknowledgement's verdict went with it"
    );
    assert_eq!(
        trail(&store, case.id),
        [
            (1, None, State::Received),
            (2, Some(State::Received), State::Received),
            (3, Some(State::Received), State::Acknowledged),
            (4, Some(State::Acknowledged), State::Received),
        ]
    );
    let events = store.events(case.id).unwrap();
    assert_eq!(events[3].kind, EventKind::Command(Command::Undo { seq: 2 }));
    assert_eq!(events[3].actor, "anna");
    // The trail with its take-back is what an import accepts.
    let trail = klachtdesk::exchange::CaseTrail { case: back, events };
    klachtdesk::exchange::replay::verify(trail, &rules, later(4)).expect("the trail replays");
}

#[test]
fn undo_is_refused_with_a_reason_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    let rules = Rules::default();
    let later = |minutes| t0() + Duration::minutes(minutes);
    let case = store
        .register(&intake("Jan de Vries"), &ctx(t0(), &rules))
        .unwrap();
    let anna_edit = edit(vec![Edit::Description("Late report".into())]);
    store
        .execute(case.id, None, &anna_edit, &ctx(later(1), &rules))
        .unwrap();
    let bram_edit = edit(vec![Edit::Outcome("Called back".into())]);
    store
        .execute(case.id, None, &bram_edit, &ctx_of("Bram", later(2), &rules))
        .unwrap();
    let undo = |seq, actor, minutes| {
        problems(store.execute(
            case.id,
            None,
            &Command::Undo { seq },
            &ctx_of(actor, later(minutes), &rules),
        ))
    };
    assert_eq!(
        undo(2, "anna", 3),
        [Problem::ChangedSince {
            by: "Bram".into(),
            at: later(2)
        }]
    );
    assert_eq!(undo(3, "anna", 3), [Problem::NotYourChange { by: "Bram".into() }]);
    assert_eq!(undo(3, "Bram", 13), [Problem::UndoTooLate { at: later(2) }]);
    assert_eq!(
        undo(1, "anna", 0),
        [Problem::ChangedSince {
            by: "Bram".into(),
            at: later(2)
        }]
    );
    assert_eq!(store.get(case.id).unwrap().version, 3, "nothing was written");
    let said = CommandError::Refused(Refusal::one(Problem::ChangedSince {
        by: "Bram".into(),
        at: later(2),
    }))
    .describe(Lang::En);
    assert!(said.contains("Bram changed this case since"), "{said}");
}

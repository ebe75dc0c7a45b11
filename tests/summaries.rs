//! The summaries the store keeps of every case (what the board and `list`
//! read): after every way of writing a case they tell what the case tells; a
//! database without them, or with older ones, gets them on opening; and
//! copies (backups, restores) come back with all of them.
//!
//! Some tests open the folder with `sled` directly, as an older klachtdesk or
//! a bad copy would have left it: `Store` offers no way to write such things.

#[path = "support/damage.rs"]
mod damage;

use std::path::Path;

use chrono::{DateTime, Duration, TimeZone, Utc};
use klachtdesk::domain::case::{AckVia, Case, CaseId, Channel, Direction, LogKind};
use klachtdesk::domain::event::Event;
use klachtdesk::domain::intake::Intake;
use klachtdesk::domain::privacy::AnonymiseReason;
use klachtdesk::domain::summary::Summary;
use klachtdesk::domain::workflow::{self, Command, Ctx, Rules};
use klachtdesk::exchange::{CaseTrail, check_export, json};
use klachtdesk::store::{DATABASE_FORMAT, Store, StoreError};

/// Tuesday 10 March 2026, 10:00 in Amsterdam.
fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).unwrap()
}

fn ctx(minutes: i64, rules: &Rules) -> Ctx<'_> {
    Ctx {
        now: t0() + Duration::minutes(minutes),
        actor: "anna",
        rules,
    }
}

fn intake(name: &str) -> Intake {
    Intake {
        name: name.to_string(),
        phone: "+31 6 1234 5678".to_string(),
        email: format!("{}@example.nl", name.to_lowercase().replace(' ', ".")),
        organisation: "Voorbeeld BV".to_string(),
        service: "penetration testing".to_string(),
        channel: Channel::Phone,
        complained_at: None,
        description: format!("{name}: the report arrived two weeks late."),
        ..Intake::default()
    }
}

fn open(path: &Path) -> Store {
    Store::open(path).unwrap_or_else(|e| panic!("opening {}: {e}", path.display()))
}

/// Asserts that the store's summaries are exactly those of its cases, and
/// returns how many there are.
#[track_caller]
fn agree(store: &Store, after: &str) -> usize {
    let loaded = store.load();
    let summaries = store.summaries();
    assert!(
        summaries.unreadable.is_empty(),
        "{after}: {:?}",
        summaries.unreadable
    );
    let expected: Vec<Summary> = loaded.cases.iter().map(Summary::of).collect();
    assert_eq!(summaries.summaries, expected, "after {after}");
    for case in &loaded.cases {
        assert_eq!(
            Summary::of(&store.get(case.id).unwrap()),
            Summary::of(case),
            "{after}"
        );
    }
    expected.len()
}

fn registered(store: &Store, rules: &Rules, names: &[&str]) -> Vec<CaseId> {
    names
        .iter()
        .map(|n| store.register(&intake(n), &ctx(0, rules)).unwrap().id)
        .collect()
}

/// Cases made through the procedure elsewhere, as the benchmark makes them.
fn made(rules: &Rules, year: u16, seqs: std::ops::RangeInclusive<u32>) -> Vec<(Case, Vec<Event>)> {
    seqs.map(|seq| {
        let (case, event) = workflow::register(
            CaseId::new(year, seq),
            &intake(&format!("Bulk {seq}")),
            &ctx(0, rules),
        )
        .unwrap();
        (case, vec![event])
    })
    .collect()
}

#[test]
fn every_way_of_writing_a_case_writes_its_summary_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("db"));
    let rules = Rules::default();
    assert_eq!(agree(&store, "opening a new database"), 0);

    let ids = registered(&store, &rules, &["Jan de Vries", "Piet Bakker", "Kees Smit"]);
    assert_eq!(agree(&store, "registering"), 3);

    let ack = Command::Acknowledge {
        at: t0() + Duration::minutes(5),
        via: AckVia::Email,
    };
    store.execute(ids[0], Some(1), &ack, &ctx(5, &rules)).unwrap();
    agree(&store, "a step");

    let note = Command::LogContact {
        kind: LogKind::Call,
        direction: Direction::Inbound,
        text: "Called back".into(),
    };
    let treat = Command::TakeIntoTreatment {
        handler: "bram".into(),
        at: None,
    };
    store
        .execute_all(ids[0], None, &[note, treat], &ctx(6, &rules))
        .unwrap();
    let treated = store.summaries().summaries[0].clone();
    assert_eq!(
        treated.handler.as_deref(),
        Some("bram"),
        "the summary tells the handler"
    );
    agree(&store, "several commands at once");

    store
        .execute(ids[0], None, &Command::Undo { seq: 3 }, &ctx(7, &rules))
        .unwrap();
    assert_eq!(
        store.summaries().summaries[0].handler,
        None,
        "taken back in brief too"
    );
    agree(&store, "a take-back");

    let withdraw = Command::Withdraw {
        reason: "Solved by phone".into(),
        at: None,
    };
    store.execute(ids[2], None, &withdraw, &ctx(8, &rules)).unwrap();
    assert!(store.summaries().summaries[2].withdrawn);
    agree(&store, "withdrawing");
    store
        .anonymise(&[ids[2]], AnonymiseReason::Request, &ctx(8, &rules))
        .unwrap();
    let anonymised = store.summaries().summaries[2].clone();
    assert!(
        !anonymised.contact.name.contains("Kees")
            && !anonymised
                .contact
                .email
                .as_deref()
                .unwrap_or_default()
                .contains("kees"),
        "no personal data is left in the summary: {:?}",
        anonymised.contact
    );
    agree(&store, "anonymising");

    store.write_bulk(&made(&rules, 2025, 1..=5)).unwrap();
    assert_eq!(agree(&store, "a bulk write"), 8);

    // An export of these cases, imported into a second database.
    let cases = store.load().cases;
    let trails = cases.iter().map(|c| {
        let (case, events) = store.trail(c.id).unwrap();
        Ok::<_, ()>(CaseTrail { case, events })
    });
    let mut export = Vec::new();
    json::write(&mut export, t0(), trails, || {}).unwrap();
    let verified = check_export(&export, &rules, t0() + Duration::hours(1), |_| {}).unwrap();
    let other = open(&dir.path().join("other"));
    other.import(verified).unwrap();
    assert_eq!(agree(&other, "an import"), 8);
    drop(other);
    assert_eq!(agree(&open(&dir.path().join("other")), "reopening the import"), 8);

    // Each record also says when its case last changed (what picks the
    // cases a report needs): the doctor, which makes each record anew from
    // the snapshot and the audit trail, finds every one as it would make it.
    drop(store);
    for db in ["db", "other"] {
        let checkup = Store::doctor(&dir.path().join(db), &rules, t0() + Duration::hours(2), None).unwrap();
        assert!(checkup.findings.is_empty(), "{db}: {:?}", checkup.findings);
    }
}

#[test]
fn a_database_whose_summaries_are_missing_or_older_gets_them_on_opening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let rules = Rules::default();
    {
        let store = open(&path);
        registered(&store, &rules, &["Jan", "Piet", "Kees"]);
        store.write_bulk(&made(&rules, 2025, 1..=5000)).unwrap();
    }
    // The tree gone, as an older klachtdesk or a bad copy leaves it.
    {
        let raw = damage::raw(&path);
        raw.drop_tree("summaries").unwrap();
        raw.flush().unwrap();
    }
    let store = open(&path);
    assert_eq!(agree(&store, "the tree was dropped"), 5003);
    drop(store);

    // Summaries of an older version: wrong ones, stamped 0.
    {
        let raw = damage::raw(&path);
        let summaries = raw.open_tree("summaries").unwrap();
        let first = summaries.first().unwrap().unwrap();
        summaries.insert(b"summary-version", &[0u8]).unwrap();
        summaries.remove(first.0).unwrap();
        raw.flush().unwrap();
    }
    let store = open(&path);
    assert_eq!(agree(&store, "the summaries were of an older version"), 5003);
}

#[test]
fn a_database_of_format_2_opens_gets_summaries_and_is_stamped_so_older_versions_refuse_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let rules = Rules::default();
    {
        let store = open(&path);
        registered(&store, &rules, &["Jan", "Piet"]);
    }
    {
        let raw = damage::raw(&path);
        let meta = raw.open_tree("meta").unwrap();
        assert_eq!(
            meta.get(b"format").unwrap().as_deref(),
            Some(&[DATABASE_FORMAT][..])
        );
        // As klachtdesk wrote it before the summaries.
        meta.insert(b"format", &[2u8]).unwrap();
        raw.drop_tree("summaries").unwrap();
        raw.flush().unwrap();
    }
    let store = open(&path);
    assert_eq!(agree(&store, "opening a database of format 2"), 2);
    drop(store);
    let raw = damage::raw(&path);
    let meta = raw.open_tree("meta").unwrap();
    assert_eq!(
        meta.get(b"format").unwrap().as_deref(),
        Some(&[DATABASE_FORMAT][..]),
        "stamped with the format an older klachtdesk refuses (it reads up to 2)"
    );
    const {
        assert!(
            DATABASE_FORMAT > 2,
            "a klachtdesk that reads up to format 2 refuses it"
        )
    };
}

#[test]
fn a_database_whose_cases_are_of_record_format_2_opens_reads_them_with_nothing_sought_and_writes_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let rules = Rules::default();
    let ids = registered(&open(&path), &rules, &["Jan", "Piet"]);
    let expected = open(&path).load().cases;
    {
        // As klachtdesk wrote it before the remedy sought and promises.
        let raw = damage::raw(&path);
        let cases = raw.open_tree("cases").unwrap();
        for id in &ids {
            let key = id.as_u64().to_be_bytes();
            let bytes = cases.get(key).unwrap().unwrap();
            cases
                .insert(key, damage::case_as_older_format(&bytes, 2))
                .unwrap();
        }
        raw.open_tree("meta").unwrap().insert(b"format", &[3u8]).unwrap();
        raw.drop_tree("summaries").unwrap();
        raw.flush().unwrap();
    }
    let store = open(&path);
    let loaded = store.load();
    assert!(loaded.unreadable.is_empty(), "{:?}", loaded.unreadable);
    assert_eq!(loaded.cases, expected);
    assert!(
        loaded
            .cases
            .iter()
            .all(|c| c.remedy_sought.is_none() && c.promises.is_empty())
    );
    assert_eq!(agree(&store, "opening cases of record format 2"), 2);
    let call = Command::LogContact {
        kind: LogKind::Call,
        direction: Direction::Outbound,
        text: "Called back.".into(),
    };
    let written = store.execute(ids[0], Some(1), &call, &ctx(5, &rules)).unwrap();
    assert_eq!(store.get(ids[0]).unwrap(), written);
    drop(store);
    let meta = damage::raw(&path).open_tree("meta").unwrap();
    assert_eq!(
        meta.get(b"format").unwrap().as_deref(),
        Some(&[DATABASE_FORMAT][..]),
        "stamped so a klachtdesk that reads up to record format 2 refuses it"
    );
    const { assert!(DATABASE_FORMAT > 3) };
}

#[test]
fn a_case_that_does_not_decode_when_summaries_are_made_is_named_not_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let rules = Rules::default();
    let ids = registered(&open(&path), &rules, &["Jan", "Piet", "Kees"]);
    {
        let raw = damage::raw(&path);
        let cases = raw.open_tree("cases").unwrap();
        cases
            .insert(ids[1].as_u64().to_be_bytes(), &[2u8, 0xff, 0xfe][..])
            .unwrap();
        raw.drop_tree("summaries").unwrap();
        raw.flush().unwrap();
    }
    let store = open(&path);
    let summaries = store.summaries();
    let shown: Vec<CaseId> = summaries.summaries.iter().map(|s| s.id).collect();
    assert_eq!(shown, [ids[0], ids[2]]);
    assert!(
        matches!(
            summaries.unreadable.as_slice(),
            [StoreError::Unreadable { tree: "cases", key, .. }] if *key == ids[1].to_string()
        ),
        "{:?}",
        summaries.unreadable
    );
}

#[test]
fn a_backup_restored_has_every_summary() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let rules = Rules::default();
    let store = open(&path);
    registered(&store, &rules, &["Jan", "Piet", "Kees"]);
    let file = dir.path().join("backup.kdb");
    let folder = dir.path().join("backup");
    store.backup_file(&file).unwrap();
    store.backup(&folder).unwrap();
    let expected = store.summaries().summaries;
    drop(store);

    for (from, to) in [(&file, "from-file"), (&folder, "from-folder")] {
        let target = dir.path().join(to);
        Store::restore(from, &target, false).unwrap();
        let restored = open(&target);
        assert_eq!(agree(&restored, to), 3);
        assert_eq!(restored.summaries().summaries, expected, "{to}");
    }
}

#[test]
fn descriptions_are_read_without_the_rest_of_the_case_and_older_records_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let rules = Rules::default();
    let ids = registered(&open(&path), &rules, &["Jan", "Piet", "Kees"]);
    {
        // Piet's snapshot as format 1 wrote it.
        let raw = damage::raw(&path);
        let cases = raw.open_tree("cases").unwrap();
        let key = ids[1].as_u64().to_be_bytes();
        let bytes = cases.get(key).unwrap().unwrap();
        cases
            .insert(key, damage::case_as_older_format(&bytes, 1))
            .unwrap();
        raw.flush().unwrap();
    }
    let store = open(&path);
    store.write_bulk(&made(&rules, 2025, 1..=5000)).unwrap();
    let expected: Vec<(CaseId, String)> = store
        .load()
        .cases
        .into_iter()
        .map(|c| (c.id, c.description))
        .collect();
    assert_eq!(expected.len(), 5003);
    assert_eq!(store.descriptions(), expected);
    assert!(expected.iter().any(|(_, d)| d.starts_with("Piet:")));
}

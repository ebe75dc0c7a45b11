//! Automatic backups: the first change of each day writes a backup of the
//! whole database into `backups/` beside the database folder, private to the
//! operator; backups older than `[backup] keep_days` go; a backup never
//! catches a command half done, and one that fails never stops a save.

#[path = "support/cli.rs"]
mod cli;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use cli::{Cli, NOW};
use klachtdesk::domain::case::{AckVia, Direction, LogKind};
use klachtdesk::domain::intake::Intake;
use klachtdesk::domain::workflow::{Command, Ctx, Rules};
use klachtdesk::exchange::CaseTrail;
use klachtdesk::exchange::replay::verify;
use klachtdesk::store::Store;

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// The files in `dir`, by name.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn config(cli: &Cli, text: &str) -> PathBuf {
    let path = cli.path("config.toml");
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn the_first_change_of_a_day_makes_a_backup_and_the_next_ones_do_not() {
    let cli = Cli::new();
    let backups = cli.path("backups");
    cli.add_at(NOW, "Jan", "jan@voorbeeld.nl");
    assert_eq!(names(&backups), ["db-2026-11-23.backup"]);
    assert_eq!(mode(&backups), 0o700, "a backup holds personal data");
    let first = backups.join("db-2026-11-23.backup");
    assert_eq!(mode(&first), 0o600);
    let made = fs::read(&first).unwrap();

    let piet = cli.add_at("2026-11-23T11:00", "Piet", "piet@voorbeeld.nl");
    cli.ok_at(
        "2026-11-23T12:00",
        &["move", &piet, "acknowledged", "--via", "email"],
    );
    assert_eq!(names(&backups), ["db-2026-11-23.backup"]);
    assert_eq!(
        fs::read(&first).unwrap(),
        made,
        "the day's backup is left as made"
    );

    cli.add_at("2026-11-24T09:00", "Kees", "kees@voorbeeld.nl");
    assert_eq!(names(&backups), ["db-2026-11-23.backup", "db-2026-11-24.backup"]);
    // Monday's backup: the database before Monday's first change; Tuesday's:
    // everything Monday did.
    let restored = cli.path("restored");
    for (file, cases) in [("db-2026-11-23.backup", 0), ("db-2026-11-24.backup", 2)] {
        let out = cli
            .command_on(&restored, &["restore", "--force"])
            .arg(backups.join(file))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(Store::open(&restored).unwrap().len(), cases, "{file}");
    }
}

#[test]
fn reading_only_makes_no_backup() {
    let cli = Cli::new();
    cli.add_at("2026-11-20T10:00", "Jan", "jan@voorbeeld.nl");
    cli.ok(&["list"]);
    cli.ok(&["export", "--all"]);
    assert_eq!(names(&cli.path("backups")), ["db-2026-11-20.backup"]);
}

#[test]
fn backups_older_than_the_days_to_keep_are_removed() {
    let cli = Cli::new();
    let backups = cli.path("backups");
    fs::create_dir(&backups).unwrap();
    for old in [
        "db-2026-11-01.backup",
        "db-2026-11-20.backup",
        "db-2026-11-21.backup",
        "other-2026-11-01.backup",
        "notes.txt",
    ] {
        fs::write(backups.join(old), b"old").unwrap();
    }
    let config = config(&cli, "[backup]\nkeep_days = 2\n");
    let config = config.to_str().unwrap();
    cli.ok_at(
        NOW,
        &[
            "--config",
            config,
            "add",
            "--name",
            "Jan",
            "--email",
            "jan@voorbeeld.nl",
            "--service",
            "Consultancy",
            "--description",
            "Late.",
        ],
    );
    assert_eq!(
        names(&backups),
        [
            "db-2026-11-21.backup",
            "db-2026-11-23.backup",
            "notes.txt",
            "other-2026-11-01.backup",
        ],
        "only this database's backups more than 2 days old go"
    );
}

#[test]
fn no_backups_when_turned_off() {
    let cli = Cli::new();
    let config = config(&cli, "[backup]\nenabled = false\n");
    cli.ok(&[
        "--config",
        config.to_str().unwrap(),
        "add",
        "--name",
        "Jan",
        "--email",
        "jan@voorbeeld.nl",
        "--service",
        "Consultancy",
        "--description",
        "Late.",
    ]);
    assert!(!cli.path("backups").exists());
}

#[test]
fn a_backup_that_fails_never_stops_the_save() {
    let cli = Cli::new();
    // A file where the folder of backups should be.
    fs::write(cli.path("backups"), b"in the way").unwrap();
    let out = cli
        .command(&[
            "add",
            "--name",
            "Jan",
            "--email",
            "jan@voorbeeld.nl",
            "--service",
            "Consultancy",
            "--description",
            "Late.",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "K-2026-0001\n");
    assert!(
        err.contains("warning: the automatic backup could not be made")
            && err.contains("your change was saved"),
        "{err}"
    );
    assert_eq!(Store::open(&cli.path("db")).unwrap().len(), 1);
}

fn intake(n: usize) -> Intake {
    Intake {
        name: format!("Klant {n}"),
        email: format!("klant{n}@voorbeeld.nl"),
        service: "Consultancy".into(),
        description: "Busy.".into(),
        ..Intake::default()
    }
}

/// Backup files made while commands keep coming in, anonymising among them,
/// hold no command half: every case's audit trail leads to its snapshot.
#[test]
fn a_backup_file_while_the_desk_keeps_working_is_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let rules = Arc::new(Rules::default());
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let worker = {
        let (store, rules, stop) = (store.clone(), rules.clone(), stop.clone());
        thread::spawn(move || {
            let ctx = Ctx {
                now,
                actor: "anna",
                rules: &rules,
            };
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                let id = store.register(&intake(n), &ctx).unwrap().id;
                let steps = [
                    Command::Acknowledge {
                        at: now,
                        via: AckVia::Phone,
                    },
                    Command::LogContact {
                        kind: LogKind::Note,
                        direction: Direction::Internal,
                        text: "Working on it.".into(),
                    },
                ];
                store.execute_all(id, None, &steps, &ctx).unwrap();
                if n % 5 == 4 {
                    let withdraw = Command::Withdraw {
                        at: None,
                        reason: "Solved.".into(),
                    };
                    store.execute(id, None, &withdraw, &ctx).unwrap();
                    store
                        .anonymise(&[id], klachtdesk::domain::privacy::AnonymiseReason::Request, &ctx)
                        .unwrap();
                }
                n += 1;
            }
            n
        })
    };
    let mut files = Vec::new();
    for i in 0..4 {
        thread::sleep(Duration::from_millis(150));
        let path = dir.path().join(format!("backup-{i}"));
        store.backup_file(&path).unwrap();
        files.push(path);
    }
    stop.store(true, Ordering::SeqCst);
    assert!(worker.join().unwrap() > 0);
    let mut seen = 0;
    for (i, file) in files.iter().enumerate() {
        let restored = dir.path().join(format!("restored-{i}"));
        Store::restore(file, &restored, false).unwrap();
        let copy = Store::open(&restored).unwrap();
        for (case, events) in copy.history() {
            let id = case.id;
            verify(CaseTrail { case, events }, &rules, now)
                .unwrap_or_else(|p| panic!("{}: {id}: {p:?}", file.display()));
        }
        seen = seen.max(copy.len());
    }
    assert!(seen > 0, "the backups caught cases");
}

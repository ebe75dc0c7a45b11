//! Rewrites of the database folder (removing personal data, restoring a
//! backup) interrupted at every point, and what the next open makes of what
//! they left: the cases are always there, a new empty database is never made
//! where an old one was, and nothing is deleted before it has been read.
//!
//! The states are built by hand the way a rewrite leaves them when killed:
//! the copy (`.NAME.compacting`, marked complete by the file
//! `klachtdesk-copy-complete` once everything is in it and on disk) and the
//! original waiting beside the path (`.NAME.old`).

use std::fs;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use klachtdesk::domain::case::Channel;
use klachtdesk::domain::intake::Intake;
use klachtdesk::domain::workflow::{Ctx, Rules};
use klachtdesk::i18n::Describe;
use klachtdesk::i18n::Lang;
use klachtdesk::store::{Store, StoreError};
use tempfile::TempDir;

const COMPLETE: &str = "klachtdesk-copy-complete";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap()
}

struct World {
    dir: TempDir,
}

impl World {
    /// A database at `db` holding `count` cases.
    fn with_cases(count: usize) -> World {
        let world = World {
            dir: tempfile::tempdir().unwrap(),
        };
        let store = Store::open(&world.db()).unwrap();
        add(&store, count);
        world
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("db")
    }

    fn beside(&self, what: &str) -> PathBuf {
        self.dir.path().join(format!(".db.{what}"))
    }

    /// What the folder holds besides the database and its guard.
    fn leftovers(&self) -> Vec<String> {
        fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "db" && n != ".db.guard")
            .collect()
    }

    /// A copy of the database's records at `to`: the first `records` of each
    /// tree (all of them with `usize::MAX`), as a rewrite killed while
    /// copying leaves it.
    fn copy_to(&self, to: &Path, records: usize, complete: bool) {
        let from = raw_sled(&self.db());
        let copy = sled::open(to).unwrap();
        for name in from.tree_names() {
            let (a, b) = (from.open_tree(&name).unwrap(), copy.open_tree(&name).unwrap());
            for item in a.iter().take(records) {
                let (k, v) = item.unwrap();
                b.insert(k, v).unwrap();
            }
        }
        copy.flush().unwrap();
        drop((from, copy));
        if complete {
            fs::write(to.join(COMPLETE), b"").unwrap();
        }
    }
}

fn add(store: &Store, count: usize) {
    let rules = Rules::default();
    let ctx = Ctx {
        now: now(),
        actor: "anna",
        rules: &rules,
    };
    for n in 0..count {
        let intake = Intake {
            name: format!("Klant {n}"),
            email: format!("klant{n}@example.nl"),
            service: "Incident response".into(),
            channel: Channel::Email,
            description: "No call back after the incident.".into(),
            ..Intake::default()
        };
        store.register(&intake, &ctx).unwrap();
    }
}

/// sled itself, retrying briefly: it lets go of a just-closed database's lock
/// a moment later.
fn raw_sled(path: &Path) -> sled::Db {
    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        match sled::open(path) {
            Ok(db) => return db,
            Err(e) if Instant::now() >= deadline => panic!("sled::open {}: {e}", path.display()),
            Err(_) => thread::sleep(Duration::from_millis(5)),
        }
    }
}

fn cases_in(path: &Path) -> usize {
    Store::open(path).unwrap().len()
}

#[test]
fn killed_between_the_renames_the_complete_copy_takes_the_place() {
    let world = World::with_cases(4);
    world.copy_to(&world.beside("compacting"), usize::MAX, true);
    fs::rename(world.db(), world.beside("old")).unwrap();

    assert_eq!(cases_in(&world.db()), 4, "not a new empty database");
    assert!(world.leftovers().is_empty(), "{:?}", world.leftovers());
    assert!(!world.db().join(COMPLETE).exists());
}

#[test]
fn killed_between_the_renames_without_a_complete_copy_the_original_comes_back() {
    let world = World::with_cases(4);
    world.copy_to(&world.beside("compacting"), 2, false);
    fs::rename(world.db(), world.beside("old")).unwrap();

    assert_eq!(cases_in(&world.db()), 4);
    assert!(world.leftovers().is_empty(), "{:?}", world.leftovers());
}

#[test]
fn killed_while_copying_the_half_copy_is_read_and_removed() {
    let world = World::with_cases(4);
    world.copy_to(&world.beside("compacting"), 2, false);

    assert_eq!(cases_in(&world.db()), 4);
    assert!(world.leftovers().is_empty(), "{:?}", world.leftovers());
}

#[test]
fn killed_after_the_swap_the_original_is_read_and_removed() {
    let world = World::with_cases(4);
    world.copy_to(&world.beside("compacting"), usize::MAX, true);
    fs::rename(world.db(), world.beside("old")).unwrap();
    fs::rename(world.beside("compacting"), world.db()).unwrap();

    assert_eq!(cases_in(&world.db()), 4);
    assert!(world.leftovers().is_empty(), "{:?}", world.leftovers());
}

/// What the old compaction left after the race: a new, empty database at the
/// path and the real cases in `.db.old`, which its next run deleted. Now
/// nothing is deleted, the database is not opened as if all were well, and
/// the message says what to run.
#[test]
fn a_leftover_holding_cases_the_database_lacks_is_kept_and_named() {
    let world = World::with_cases(3);
    fs::rename(world.db(), world.beside("old")).unwrap();
    {
        let empty = sled::open(world.db()).unwrap();
        empty.flush().unwrap();
    }

    for attempt in [Store::open(&world.db()).map(|_| ()), Store::compact(&world.db())] {
        let Err(e @ StoreError::Leftover { .. }) = attempt else {
            panic!("expected a leftover refusal, got {attempt:?}");
        };
        let message = e.describe(Lang::En);
        assert!(message.contains(".db.old"), "{message}");
        assert!(message.contains("klachtdesk doctor"), "{message}");
    }
    assert_eq!(
        cases_in_raw(&world.beside("old")),
        3,
        "the real cases are untouched"
    );
}

fn cases_in_raw(path: &Path) -> usize {
    raw_sled(path).open_tree("cases").unwrap().len()
}

#[test]
fn a_restore_killed_between_the_renames_puts_the_restored_copy_in_place() {
    let world = World::with_cases(2);
    let backup = world.dir.path().join("backup");
    {
        let other = tempfile::tempdir().unwrap();
        let store = Store::open(&other.path().join("db")).unwrap();
        add(&store, 5);
        store.backup(&backup).unwrap();
    }
    fs::rename(&backup, world.beside("restoring")).unwrap();
    fs::write(world.beside("restoring").join(COMPLETE), b"").unwrap();
    fs::rename(world.db(), world.beside("replaced")).unwrap();

    assert_eq!(cases_in(&world.db()), 5);
    assert!(world.leftovers().is_empty(), "{:?}", world.leftovers());
}

#[test]
fn a_file_or_a_folder_of_other_things_is_not_made_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.txt");
    fs::write(&file, "mine").unwrap();
    let e = Store::open(&file).unwrap_err();
    assert!(matches!(e, StoreError::NotAFolder { .. }), "{e:?}");
    assert!(e.describe(Lang::En).contains("is a file, not a database folder"));
    assert!(e.describe(Lang::Nl).contains("is een bestand"));
    assert_eq!(fs::read_to_string(&file).unwrap(), "mine");

    let folder = dir.path().join("documents");
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join("letter.txt"), "dear").unwrap();
    let e = Store::open(&folder).unwrap_err();
    assert!(matches!(e, StoreError::NotADatabase { .. }), "{e:?}");
    assert_eq!(fs::read_dir(&folder).unwrap().count(), 1, "nothing was added");

    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    assert!(
        Store::open(&empty).is_ok(),
        "an empty folder is room for a new one"
    );
}

/// The reproduction, through the real binary where strace is at hand:
/// the renames of `subject erase` slowed to 1.5 s each, an `add` started
/// while the path is empty, and both end with every case in one database.
#[test]
fn an_add_during_a_slowed_erase_lands_in_the_real_database() {
    let Some(strace) = ["/usr/bin/strace", "/bin/strace"]
        .into_iter()
        .find(|p| Path::new(p).exists())
    else {
        eprintln!("skipped: strace is not installed");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let bin = env!("CARGO_BIN_EXE_klachtdesk");
    fs::write(dir.path().join("none.toml"), "").unwrap();
    let run = |args: &[&str]| {
        let mut cmd = std::process::Command::new(bin);
        cmd.args(args)
            .env("KLACHTDESK_DB", &db)
            .env("KLACHTDESK_NOW", "2026-11-26T10:00")
            .env("KLACHTDESK_CONFIG", dir.path().join("none.toml"))
            .env("LANG", "en");
        cmd
    };
    for name in ["Jan Jansen", "Piet Pieters"] {
        let out = run(&[
            "add",
            "--name",
            name,
            "--email",
            &format!("{}@example.nl", name.split(' ').next().unwrap().to_lowercase()),
            "--service",
            "Incident response",
            "--description",
            "No call back.",
        ])
        .output()
        .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let out = run(&["move", "K-2026-0001", "closed", "--withdrawn", "Settled"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut erase = std::process::Command::new(strace);
    erase
        .args([
            "-f",
            "-qq",
            "-o",
            "/dev/null",
            "-e",
            "trace=rename,renameat,renameat2",
        ])
        .args(["-e", "inject=rename,renameat,renameat2:delay_exit=1500000", bin])
        .args(["subject", "erase", "--email", "jan@example.nl"])
        .env("KLACHTDESK_DB", &db)
        .env("KLACHTDESK_NOW", "2026-11-26T10:00")
        .env("KLACHTDESK_CONFIG", dir.path().join("none.toml"))
        .env("LANG", "en");
    let erase = erase
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the erase has moved the database away (the next rename is
    // 1.5 s off), then an operator adds a complaint.
    let deadline = Instant::now() + Duration::from_secs(30);
    while db.exists() {
        assert!(Instant::now() < deadline, "the erase never moved the database");
        thread::sleep(Duration::from_millis(10));
    }
    let added = run(&[
        "add",
        "--name",
        "Klaas Klaassen",
        "--email",
        "klaas@example.nl",
        "--service",
        "Incident response",
        "--description",
        "Registered during the erase.",
    ])
    .output()
    .unwrap();
    let erased = erase.wait_with_output().unwrap();
    assert!(
        erased.status.success(),
        "{}",
        String::from_utf8_lossy(&erased.stderr)
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&added.stdout).trim(),
        "K-2026-0003",
        "numbered after the real cases, not in a new empty database"
    );
    let listed = run(&["list", "--all"]).output().unwrap();
    let listed = String::from_utf8_lossy(&listed.stdout);
    for id in ["K-2026-0001", "K-2026-0002", "K-2026-0003"] {
        assert!(listed.contains(id), "{id} in:\n{listed}");
    }
}

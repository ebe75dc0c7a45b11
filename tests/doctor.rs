//! A damaged database, as the desk meets it: the message says what is wrong
//! and which command helps; `klachtdesk doctor` repairs what can be repaired
//! (a damaged snapshot is set aside, never removed) and names what cannot (a
//! record that does not decode, an audit trail that does not lead to its
//! snapshot); `klachtdesk restore --latest` goes back to the newest automatic
//! backup.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/damage.rs"]
mod damage;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::process::Output;

use cli::{Cli, NOW};
use damage::{behind_its_back, case_key, event_key, flip_a_byte, snapshot_file};
use klachtdesk::store::Store;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The case numbers `list --all` shows.
fn listed(cli: &Cli) -> Vec<String> {
    let out = text(&cli.ok(&["list", "--all", "--json"]));
    let cases: serde_json::Value = serde_json::from_str(&out).unwrap();
    cases
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

/// Runs `doctor`: its exit code, standard output and standard error.
fn doctor(cli: &Cli) -> (Option<i32>, String, String) {
    let out: Output = cli.run(&["doctor"]);
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

#[test]
fn a_damaged_snapshot_is_named_in_words_and_doctor_sets_it_aside() {
    let cli = Cli::new();
    let ids: Vec<String> = ["Jan", "Piet", "Kees"]
        .iter()
        .map(|n| cli.add_at(NOW, n, "k@voorbeeld.nl"))
        .collect();
    let db = cli.path("db");
    let snapshot = snapshot_file(&db);
    flip_a_byte(&snapshot);

    let message = cli.fails(&["list"], 1);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(
        message.contains("is damaged: its files do not read back as they were written"),
        "{message}"
    );
    assert!(message.contains("`klachtdesk doctor`"), "{message}");
    assert!(
        message.contains("`klachtdesk restore --latest --force`") && message.contains("Mon 23 Nov 2026"),
        "names the newest backup: {message}"
    );
    for raw in ["Read corrupted data", "backtrace"] {
        assert!(!message.contains(raw), "sled's own words: {message}");
    }

    let (code, out, err) = doctor(&cli);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(
        out.contains("Repaired: sled could not read the database's snapshot"),
        "{out}"
    );
    assert!(
        out.contains("Checked 3 cases and 3 events: all is well."),
        "{out}"
    );
    let aside = fs::read_dir(cli.root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".db.doctor-")
        })
        .expect("the snapshot is set aside beside the database");
    assert!(out.contains(&aside.display().to_string()), "says where: {out}");
    assert_eq!(fs::metadata(&aside).unwrap().permissions().mode() & 0o777, 0o700);
    let kept = aside.join(snapshot.file_name().unwrap());
    assert!(kept.is_file(), "the damaged snapshot is kept, not removed");
    assert_eq!(listed(&cli), ids, "every case is there again");
}

#[test]
fn a_record_that_does_not_decode_is_named() {
    let cli = Cli::new();
    cli.add_at(NOW, "Jan", "jan@voorbeeld.nl");
    let piet = cli.add_at(NOW, "Piet", "piet@voorbeeld.nl");
    behind_its_back(&cli.path("db"), |raw| {
        let cases = raw.open_tree("cases").unwrap();
        cases.insert(case_key(&piet), &[1u8, 0xff, 0xff][..]).unwrap();
    });

    let (code, out, err) = doctor(&cli);
    assert_eq!(code, Some(1), "{out}{err}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.starts_with(&format!("Case {piet}: its record cannot be read")),
        "{out}"
    );
    assert!(err.contains("1 problems remain"), "{err}");
    assert!(
        err.contains("`klachtdesk restore --latest --force`") && err.contains("Mon 23 Nov 2026"),
        "says what to do: {err}"
    );
}

#[test]
fn a_snapshot_its_audit_trail_does_not_lead_to_is_named() {
    let cli = Cli::new();
    let jan = cli.add_at(NOW, "Jan", "jan@voorbeeld.nl");
    let piet = cli.add_at(NOW, "Piet", "piet@voorbeeld.nl");
    let db = cli.path("db");
    let registered = damage::raw(&db)
        .open_tree("cases")
        .unwrap()
        .get(case_key(&jan))
        .unwrap()
        .unwrap();
    cli.ok_at(NOW, &["move", &jan, "acknowledged", "--via", "email"]);
    // A save lost half: the snapshot as it was before the step, its event there.
    behind_its_back(&db, |raw| {
        raw.open_tree("cases")
            .unwrap()
            .insert(case_key(&jan), registered)
            .unwrap();
    });

    let (code, out, err) = doctor(&cli);
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(
        out.contains(&format!(
            "Case {jan}: its audit trail does not lead to its snapshot"
        )),
        "{out}"
    );
    assert!(!out.contains(&piet), "the other case is sound: {out}");
}

#[test]
fn events_missing_from_an_audit_trail_are_named() {
    let cli = Cli::new();
    let jan = cli.add_at(NOW, "Jan", "jan@voorbeeld.nl");
    cli.ok_at(NOW, &["move", &jan, "acknowledged", "--via", "email"]);
    cli.ok_at(NOW, &["move", &jan, "in-treatment", "--handler", "Anna"]);
    behind_its_back(&cli.path("db"), |raw| {
        raw.open_tree("events")
            .unwrap()
            .remove(event_key(&jan, 2))
            .unwrap();
    });

    let (code, out, err) = doctor(&cli);
    assert_eq!(code, Some(1), "{out}{err}");
    assert_eq!(
        out.trim_end(),
        format!("Case {jan}: events #2 are missing from its audit trail.")
    );
}

#[test]
fn a_healthy_database_is_said_to_be_well_in_dutch_too() {
    let cli = Cli::new();
    cli.add_at(NOW, "Jan", "jan@voorbeeld.nl");
    let out = cli
        .command(&["doctor"])
        .env("LANG", "nl_NL.UTF-8")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "1 klachten en 1 gebeurtenissen gecontroleerd: alles is in orde.\n"
    );
}

#[test]
fn doctor_needs_the_database_to_itself() {
    let cli = Cli::new();
    cli.add_at(NOW, "Jan", "jan@voorbeeld.nl");
    // Held by a process that is no desk, so nothing can lend it.
    let _held = Store::open(&cli.path("db")).unwrap();
    let message = cli.fails(&["doctor"], 1);
    assert!(
        message.contains("doctor needs the database to itself"),
        "{message}"
    );
    assert_eq!(message.lines().count(), 1, "{message}");
}

#[test]
fn restore_latest_brings_the_cases_back_when_the_database_cannot_be_opened() {
    let cli = Cli::new();
    let friday = "2026-11-20T10:00";
    let jan = cli.add_at(friday, "Jan", "jan@voorbeeld.nl");
    let piet = cli.add_at(friday, "Piet", "piet@voorbeeld.nl");
    // Monday's first change makes the backup that holds Friday's work.
    cli.add_at(NOW, "Kees", "kees@voorbeeld.nl");
    let db = cli.path("db");
    fs::write(db.join("db"), b"not what sled wrote").unwrap();
    assert!(cli.fails(&["list"], 1).contains("is damaged"));

    let message = cli.fails(&["restore", "--latest"], 2);
    assert!(
        message.contains("cannot be read") && message.contains("--force"),
        "a database that cannot be read may hold cases: {message}"
    );
    let out = text(&cli.ok(&["restore", "--latest", "--force"]));
    let backup = cli.path("backups/db-2026-11-23.backup");
    assert!(
        out.starts_with(&format!(
            "Restored 2 cases from the automatic backup of Mon 23 Nov 2026 ({}) into ",
            backup.display()
        )),
        "{out}"
    );
    assert!(out.contains("set aside in"), "{out}");
    assert_eq!(listed(&cli), [jan, piet]);
    let kept = fs::read_dir(cli.root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".db.damaged-")
        })
        .expect("the damaged database is kept aside");
    assert_eq!(fs::read(kept.join("db")).unwrap(), b"not what sled wrote");
}

#[test]
fn restore_latest_without_automatic_backups_says_so() {
    let cli = Cli::new();
    let message = cli.fails(&["restore", "--latest"], 1);
    assert!(
        message.contains("there is no automatic backup of") && message.contains("klachtdesk restore PATH"),
        "{message}"
    );
}

#[test]
fn a_damaged_backup_restores_nothing() {
    let cli = Cli::new();
    cli.add_at("2026-11-20T10:00", "Jan", "jan@voorbeeld.nl");
    cli.add_at(NOW, "Piet", "piet@voorbeeld.nl");
    let backup = cli.path("backups/db-2026-11-23.backup");
    flip_a_byte(&backup);
    let message = cli.fails(&["restore", "--latest", "--force"], 1);
    assert!(
        message.contains("is damaged") && message.contains("nothing was restored"),
        "{message}"
    );
    assert_eq!(listed(&cli).len(), 2, "the database is as it was");
}

#[test]
fn doctor_makes_wrong_or_missing_summaries_anew_from_the_cases() {
    let cli = Cli::new();
    let jan = cli.add_at(NOW, "Jan", "jan@voorbeeld.nl");
    let piet = cli.add_at(NOW, "Piet", "piet@voorbeeld.nl");
    let kees = cli.add_at(NOW, "Kees", "kees@voorbeeld.nl");
    let nobody = "K-2026-0099";
    behind_its_back(&cli.path("db"), |raw| {
        let summaries = raw.open_tree("summaries").unwrap();
        let jans = summaries.get(case_key(&jan)).unwrap().unwrap();
        // Piet's shows Jan, Kees has none, and a case that is not there has one.
        summaries.insert(case_key(&piet), jans.clone()).unwrap();
        summaries.remove(case_key(&kees)).unwrap();
        summaries.insert(case_key(nobody), jans).unwrap();
    });

    let (code, out, err) = doctor(&cli);
    assert_eq!(code, Some(0), "a repair leaves nothing wrong: {out}{err}");
    assert!(
        out.contains(&format!(
            "Repaired: what the board and `list` show of 3 cases did not match the cases themselves ({piet}, {kees}, {nobody})"
        )),
        "{out}"
    );
    assert!(
        out.contains("Checked 3 cases and 3 events: all is well."),
        "{out}"
    );
    {
        let store = Store::open(&cli.path("db")).unwrap();
        let names: Vec<String> = store
            .summaries()
            .summaries
            .into_iter()
            .map(|s| format!("{} {}", s.id, s.contact.name))
            .collect();
        assert_eq!(
            names,
            [
                format!("{jan} Jan"),
                format!("{piet} Piet"),
                format!("{kees} Kees")
            ]
        );
    }

    let (code, out, _) = doctor(&cli);
    assert_eq!(code, Some(0));
    assert!(!out.contains("Repaired"), "nothing left to repair: {out}");
}

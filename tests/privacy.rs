//! Personal data under the AVG/GDPR, as the desk's privacy officer meets it:
//! `purge` after the retention period, `subject export` for a request for
//! access, `subject erase` for a request for erasure — and that nothing of the
//! person is left in the database files afterwards.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;
use tempfile::TempDir;

use klachtdesk::domain::case::{Case, Target};
use klachtdesk::domain::privacy::is_anonymised;
use klachtdesk::domain::report::{Period, Report};
use klachtdesk::domain::workflow::Rules;
use klachtdesk::domain::workflow::State;
use klachtdesk::store::Store;

/// A desk with its own database, home and clock.
struct Desk {
    dir: TempDir,
}

impl Desk {
    fn new() -> Self {
        Desk {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("db")
    }

    /// Runs the binary at `now` (local time), returning exit code, stdout, stderr.
    fn run_at(&self, now: &str, args: &[&str]) -> (i32, String, String) {
        let home = self.dir.path().join("home");
        let out = cargo_bin_cmd!("klachtdesk")
            .env_clear()
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("LANG", "C")
            .env("USER", "tester")
            .arg("--db")
            .arg(self.db())
            .arg("--now")
            .arg(now)
            .args(args)
            .output()
            .unwrap();
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        (
            out.status.code().unwrap_or(-1),
            text(&out.stdout),
            text(&out.stderr),
        )
    }

    fn ok_at(&self, now: &str, args: &[&str]) -> String {
        let (code, out, err) = self.run_at(now, args);
        assert_eq!(code, 0, "{args:?}: {err}");
        out
    }

    /// Registers a complaint at `now` and returns its number.
    fn add(&self, now: &str, name: &str, phone: &str, email: &str, description: &str) -> String {
        let org = format!("{name} BV");
        let args = [
            "add",
            "--name",
            name,
            "--phone",
            phone,
            "--email",
            email,
            "--org",
            &org,
            "--service",
            "Incident response",
            "--description",
            description,
        ];
        self.ok_at(now, &args).trim().to_string()
    }

    /// Takes a case of `who` through the whole procedure to Closed at `now`,
    /// with texts that name them as real letters and calls would.
    fn close(&self, now: &str, id: &str, who: &str) {
        let request = format!("Which server, {who}? Call your colleague at 0611111111.");
        let outcome = format!("Dear {who}, we fixed it");
        let call = format!("{who} called to say thanks");
        for step in [
            vec!["acknowledged", "--via", "email"],
            vec!["in-treatment", "--handler", "Bram"],
            vec!["waiting", "--request", &request],
            vec!["in-treatment"],
            vec![
                "outcome",
                "--root-cause",
                "Escalation list outdated",
                "--solution",
                "Quarterly check",
                "--outcome",
                &outcome,
            ],
            vec![
                "closed",
                "--learnings",
                "Check escalation contacts quarterly",
                "--satisfaction",
                "satisfied",
            ],
        ] {
            let mut args = vec!["move", id];
            args.extend(step);
            self.ok_at(now, &args);
        }
        self.ok_at(now, &["log", id, "--kind", "call", "--text", &call]);
    }

    fn cases(&self) -> Vec<Case> {
        let store = Store::open(&self.db()).unwrap();
        let loaded = store.load();
        assert!(loaded.unreadable.is_empty());
        loaded.cases
    }

    /// The reports of the years the cases fall in, as the desk would compute them now.
    fn reports(&self) -> Vec<Report> {
        let store = Store::open(&self.db()).unwrap();
        let history = store.history();
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T09:00:00Z")
            .unwrap()
            .to_utc();
        [2023, 2026]
            .into_iter()
            .map(|year| {
                let day = chrono::NaiveDate::from_ymd_opt(year, 6, 1).unwrap();
                Report::compute(&history, Period::this_year(day), &Rules::default(), now)
            })
            .collect()
    }

    /// Every byte of every file of the database, for looking for traces.
    fn files(&self) -> Vec<u8> {
        fn walk(dir: &Path, into: &mut Vec<u8>) {
            for entry in fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, into);
                } else {
                    into.extend(fs::read(&path).unwrap());
                }
            }
        }
        let mut bytes = Vec::new();
        walk(&self.db(), &mut bytes);
        bytes
    }
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// Reports with the repeat complainants' names and organisations left out.
fn without_names(mut reports: Vec<Report>) -> Vec<Report> {
    for report in &mut reports {
        for repeat in &mut report.repeats {
            repeat.name.clear();
            repeat.organisation = None;
        }
    }
    reports
}

/// What the statistics and the learnings are made of: none of it personal.
fn statistics(cases: &[Case]) -> Vec<String> {
    cases
        .iter()
        .map(|c| {
            format!(
                "{} {:?} {} {:?} {:?} {} {} {} {:?} {:?} {:?}",
                c.id,
                c.state,
                c.service,
                c.channel,
                c.complained_at,
                c.root_cause,
                c.solution,
                c.learnings,
                c.satisfaction,
                c.verdict(Target::Acknowledge),
                c.verdict(Target::Outcome),
            )
        })
        .collect()
}

const LONG_AGO: &str = "2023-03-06T10:00";
const RECENTLY: &str = "2026-10-05T10:00";
const NOW: &str = "2026-11-23T10:00";

#[test]
fn purge_removes_the_personal_data_of_cases_past_retention_and_keeps_the_statistics() {
    let desk = Desk::new();
    let old = desk.add(
        LONG_AGO,
        "Jan Geheim",
        "06-12345678",
        "jan@geheim.nl",
        "My neighbour Kees Buurman saw it",
    );
    desk.close(LONG_AGO, &old, "Mr Geheim");
    // He complained twice that year: a repeat complainant in the 2023 report.
    let again = desk.add(
        LONG_AGO,
        "Jan Geheim",
        "06-12345678",
        "jan@geheim.nl",
        "Again, Kees Buurman",
    );
    desk.close(LONG_AGO, &again, "Mr Geheim");
    let recent = desk.add(
        RECENTLY,
        "Fien Recent",
        "06-22222222",
        "fien@recent.nl",
        "Still fresh",
    );
    desk.close(RECENTLY, &recent, "Ms Recent");
    let open = desk.add(
        LONG_AGO,
        "Open Oma",
        "06-33333333",
        "oma@open.nl",
        "Still open since 2023",
    );
    let before = desk.cases();
    let reports_before = desk.reports();

    // A dry run lists and changes nothing.
    let listed = desk.ok_at(NOW, &["purge", "--dry-run"]);
    assert!(
        listed.contains(&old) && !listed.contains(&recent) && !listed.contains(&open),
        "{listed}"
    );
    assert_eq!(desk.cases(), before);

    let said = desk.ok_at(NOW, &["purge"]);
    assert!(said.contains("Removed the personal data of 2 cases"), "{said}");
    let after = desk.cases();
    assert_eq!(
        statistics(&after),
        statistics(&before),
        "the statistics and learnings stay the same"
    );
    // Every figure of every report is the same; only who the repeat
    // complainant was can no longer be told.
    let reports_after = desk.reports();
    assert_eq!(
        without_names(reports_after.clone()),
        without_names(reports_before.clone())
    );
    assert_eq!(reports_before[0].repeats[0].name, "Jan Geheim");
    assert!(reports_after[0].repeats[0].name.starts_with("[removed "));

    let purged = after.iter().find(|c| c.id.to_string() == old).unwrap();
    assert!(is_anonymised(purged));
    assert_eq!(
        (purged.contact.email.as_ref(), purged.contact.phone.as_ref()),
        (None, None)
    );
    assert_eq!(purged.description, "[removed]");
    assert!(purged.contact_log.iter().all(|e| e.text == "[removed]"));
    assert!(purged.info_requests.iter().all(|r| r.request == "[removed]"));
    assert_eq!(purged.state, State::Closed);
    for kept in ["Fien Recent", "Open Oma"] {
        assert!(
            after.iter().any(|c| c.contact.name == kept),
            "{kept} is not due yet"
        );
    }

    // The audit trail says it happened, without what was removed.
    let shown = desk.ok_at(NOW, &["show", &old, "--json"]);
    let json: Value = serde_json::from_str(&shown).unwrap();
    let events = json["events"].as_array().unwrap();
    assert_eq!(
        events.last().unwrap()["kind"]["command"]["anonymise"]["reason"],
        "retention"
    );
    for gone in ["Geheim", "Buurman", "jan@geheim.nl", "12345678"] {
        assert!(
            !shown.contains(gone),
            "{gone} is still in the case or its audit trail"
        );
        assert!(
            !contains(&desk.files(), gone),
            "{gone} is still in the database files"
        );
    }

    // Nothing is due twice.
    assert!(
        desk.ok_at(NOW, &["purge"])
            .contains("No closed case is past the retention period")
    );
}

#[test]
fn subject_export_lists_everything_held_about_the_person() {
    let desk = Desk::new();
    let first = desk.add(
        LONG_AGO,
        "Jan Geheim",
        "06-12345678",
        "jan@geheim.nl",
        "First complaint",
    );
    desk.close(LONG_AGO, &first, "Mr Geheim");
    let second = desk.add(
        RECENTLY,
        "J. Geheim",
        "+31 6 1234 5678",
        "other@geheim.nl",
        "Second complaint",
    );
    desk.add(RECENTLY, "Someone Else", "06-99999999", "else@else.nl", "Not his");

    let out = desk.ok_at(NOW, &["subject", "export", "--phone", "0031612345678"]);
    let held: Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<&str> = held
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [first.as_str(), second.as_str()]);
    assert!(
        held[0]["events"].as_array().unwrap().len() >= 7,
        "the whole audit trail is included"
    );
    assert!(
        held[0]["contact_log"][0]["text"]
            .as_str()
            .unwrap()
            .contains("called to say thanks")
    );

    let (code, out, err) = desk.run_at(NOW, &["subject", "export", "--email", "nobody@nowhere.nl"]);
    assert_eq!((code, out.trim()), (0, "[]"));
    assert!(err.contains("No case holds data of this person"), "{err}");
    let (code, _, err) = desk.run_at(NOW, &["subject", "export"]);
    assert_eq!(code, 2);
    assert!(err.contains("--email, --phone or --name"), "{err}");
}

#[test]
fn subject_erase_leaves_no_trace_of_the_person_in_the_database_files() {
    let desk = Desk::new();
    let first = desk.add(
        LONG_AGO,
        "Jan Geheim",
        "06-12345678",
        "jan@geheim.nl",
        "Mr Geheim's first complaint",
    );
    desk.close(LONG_AGO, &first, "Mr Geheim");
    let open = desk.add(
        RECENTLY,
        "Jan Geheim",
        "06-12345678",
        "jan@geheim.nl",
        "Mr Geheim's second complaint",
    );
    let other = desk.add(
        RECENTLY,
        "Fien Ander",
        "06-22222222",
        "fien@ander.nl",
        "Fien's complaint",
    );
    let before = desk.cases();

    // An open case still needs its complainant: the operator withdraws it first.
    let (code, _, err) = desk.run_at(NOW, &["subject", "erase", "--name", "jan geheim"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(&open) && err.contains("Withdraw or close them first"),
        "{err}"
    );
    assert_eq!(desk.cases(), before, "a refused erasure changes nothing");

    desk.ok_at(
        NOW,
        &[
            "move",
            &open,
            "closed",
            "--withdrawn",
            "Asked us to erase his data",
        ],
    );
    let said = desk.ok_at(NOW, &["subject", "erase", "--email", "JAN@GEHEIM.NL"]);
    assert!(said.contains(&first) && said.contains(&open), "{said}");

    let files = desk.files();
    for gone in ["Geheim", "jan@geheim.nl", "12345678", "Asked us to erase"] {
        assert!(!contains(&files, gone), "{gone} is still in the database files");
    }
    assert!(contains(&files, "Fien Ander"), "another person's data stays");
    let after = desk.cases();
    assert_eq!(after.len(), 3);
    assert_eq!(
        after
            .iter()
            .find(|c| c.id.to_string() == other)
            .unwrap()
            .contact
            .name,
        "Fien Ander"
    );
    // One person: one pseudonym on both cases, so statistics still see a repeat complainant.
    let names: Vec<&str> = after
        .iter()
        .filter(|c| c.id.to_string() != other)
        .map(|c| c.contact.name.as_str())
        .collect();
    assert_eq!(names[0], names[1]);
    assert!(names[0].starts_with("[removed "));
}

/// Held by another process that is no desk (nothing to lend it): refused in
/// one line, nothing removed.
#[test]
fn removing_data_needs_the_database_to_itself() {
    let desk = Desk::new();
    let id = desk.add(
        LONG_AGO,
        "Jan Geheim",
        "06-12345678",
        "jan@geheim.nl",
        "Complaint",
    );
    desk.close(LONG_AGO, &id, "Mr Geheim");
    let _held = Store::open(&desk.db()).unwrap();
    let (code, _, err) = desk.run_at(NOW, &["subject", "erase", "--name", "Jan Geheim"]);
    assert_eq!(code, 1);
    assert!(err.contains("in use by another klachtdesk"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

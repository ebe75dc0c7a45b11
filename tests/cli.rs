//! The `klachtdesk` binary as an operator at a terminal and a script see it:
//! what it prints, what it refuses, and with which exit code.
//!
//! Every test gets its own folder holding the database, a home directory (so a
//! developer's own configuration is never read), and the temporary folder the
//! demo database goes into. The environment is cleared: `LANG=C`, `USER=tester`
//! and a clock pinned to Monday 23 November 2026, 10:00 (Amsterdam) unless a
//! test says otherwise.
//!
//! Configuration fixtures live in `tests/valid_configs` (each one loads) and
//! `tests/invalid_configs` (each one is refused with the file, line and key).

use std::collections::BTreeSet;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;
use tempfile::TempDir;

/// Monday 23 November 2026, 10:00 in Amsterdam (09:00 UTC).
const NOW: &str = "2026-11-23T10:00";

/// The built-in service catalogue, as `add` lists it when a service is unknown.
const CATALOGUE: [&str; 6] = [
    "Penetration testing",
    "Security monitoring (SOC)",
    "Incident response",
    "Awareness training",
    "Consultancy",
    "Other",
];

/// The states' slugs, in the procedure's order.
const STATES: [&str; 7] = [
    "received",
    "acknowledged",
    "in-treatment",
    "waiting",
    "outcome",
    "closed",
    "not-admissible",
];

/// A complete registration; tests override what they are about.
const JAN: [&str; 12] = [
    "--name",
    "Jan Jansen",
    "--phone",
    "06-12345678",
    "--email",
    "jan@voorbeeld.nl",
    "--org",
    "Voorbeeld BV",
    "--service",
    "Penetration testing",
    "--description",
    "The pentest report arrived two weeks late.",
];

/// `add` with Jan's registration, the options in `extra` replacing his.
fn add_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["add"];
    for pair in JAN.chunks(2) {
        if !extra.chunks(2).any(|e| e[0] == pair[0]) {
            args.extend(pair);
        }
    }
    args.extend(extra);
    args
}

/// `add` with Jan's registration without `option` (and its value).
fn add_without(option: &str) -> Vec<&'static str> {
    let mut args = vec!["add"];
    for pair in JAN.chunks(2) {
        if pair[0] != option {
            args.extend(pair);
        }
    }
    args
}

fn fixture(dir: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(dir)
        .join(name)
}

fn valid_config(name: &str) -> PathBuf {
    fixture("valid_configs", name)
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts the output of a failed command is the one-line message the issue
/// promises: `klachtdesk: …`, no panic, no backtrace, nothing on stdout.
fn one_line_failure(out: &Output, code: i32, what: &str) -> String {
    let err = stderr(out);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{what}: expected exit code {code}; stdout: {}; stderr: {err}",
        stdout(out)
    );
    assert_eq!(stdout(out), "", "{what}: a failure prints nothing on stdout");
    assert_eq!(
        err.lines().count(),
        1,
        "{what}: expected one line on stderr, got:\n{err}"
    );
    assert!(err.starts_with("klachtdesk: "), "{what}: {err}");
    for bad in [
        "panicked",
        "backtrace",
        "Backtrace",
        "Location:",
        "RUST_BACKTRACE",
    ] {
        assert!(!err.contains(bad), "{what}: stderr shows {bad:?}: {err}");
    }
    err.trim_end().to_string()
}

/// One test's private world.
struct Desk {
    dir: TempDir,
}

impl Desk {
    fn new() -> Desk {
        let dir = tempfile::Builder::new()
            .prefix("klachtdesk-cli-")
            .tempdir()
            .unwrap();
        for sub in ["home/.config", "home/.local/share", "tmp"] {
            fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        Desk { dir }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn db(&self) -> PathBuf {
        self.path("db")
    }

    /// The binary in a cleared environment: a private home, `LANG=C`,
    /// `USER=tester`, no database and no clock chosen yet.
    fn bare(&self) -> Command {
        let mut cmd = cargo_bin_cmd!("klachtdesk");
        cmd.env_clear()
            .env("HOME", self.path("home"))
            .env("XDG_CONFIG_HOME", self.path("home/.config"))
            .env("XDG_DATA_HOME", self.path("home/.local/share"))
            .env("TMPDIR", self.path("tmp"))
            .env("LANG", "C")
            .env("USER", "tester")
            .timeout(Duration::from_secs(60));
        cmd
    }

    /// The binary on this desk's database, with the clock pinned to [`NOW`].
    fn cmd(&self) -> Command {
        let mut cmd = self.bare();
        cmd.env("KLACHTDESK_DB", self.db()).env("KLACHTDESK_NOW", NOW);
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }

    /// Runs a command that must succeed; its stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "klachtdesk {args:?} failed ({:?}): {}",
            out.status.code(),
            stderr(&out)
        );
        stdout(&out)
    }

    /// Runs a command that must be refused (exit 2); its one-line message.
    fn refused(&self, args: &[&str]) -> String {
        one_line_failure(&self.run(args), 2, &format!("klachtdesk {args:?}"))
    }

    /// Registers Jan's complaint with `extra` options overriding his; the new id.
    fn add(&self, extra: &[&str]) -> String {
        let out = self.ok(&add_args(extra));
        out.trim_end().to_string()
    }

    fn show(&self, id: &str) -> Value {
        serde_json::from_str(&self.ok(&["show", id, "--json"])).unwrap()
    }

    fn state(&self, id: &str) -> String {
        self.show(id)["state"].as_str().unwrap().to_string()
    }

    fn list(&self, args: &[&str]) -> Vec<Value> {
        let mut all = vec!["list", "--json"];
        all.extend(args);
        match serde_json::from_str(&self.ok(&all)).unwrap() {
            Value::Array(cases) => cases,
            other => panic!("list --json is not an array: {other}"),
        }
    }

    /// The ids `list` gives with these options, in its order.
    fn ids(&self, args: &[&str]) -> Vec<String> {
        self.list(args)
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    }

    /// Moves a case, which must succeed.
    fn step(&self, id: &str, state: &str, options: &[&str]) {
        let mut args = vec!["move", id, state];
        args.extend(options);
        self.ok(&args);
    }

    /// Moves a fresh case of Jan's through the procedure up to `state`.
    fn case_in(&self, state: &str) -> String {
        let id = self.add(&[]);
        let path: &[(&str, &[&str])] = &[
            ("acknowledged", &["--via", "email"]),
            ("in-treatment", &["--handler", "Anna"]),
            ("waiting", &["--request", "The scope document, please."]),
            ("in-treatment", &[]),
            (
                "outcome",
                &[
                    "--root-cause",
                    "Planning",
                    "--solution",
                    "Sent it",
                    "--outcome",
                    "Sorry",
                ],
            ),
        ];
        if state == "received" {
            return id;
        }
        for (to, options) in path {
            self.step(&id, to, options);
            if *to == state {
                return id;
            }
        }
        panic!("case_in does not go to {state}");
    }
}

fn lines_with<'a>(text: &'a str, needle: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.contains(needle)).collect()
}

// ───────────────────────────── add ─────────────────────────────

#[test]
fn add_prints_only_the_new_case_number_on_stdout() {
    let desk = Desk::new();
    let out = desk.run(&add_args(&[]));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "K-2026-0001\n");
    let err = stderr(&out);
    assert!(err.contains("Registered K-2026-0001."), "{err}");
    assert!(
        err.contains("Acknowledge receipt by Wed 25 Nov 2026 17:00."),
        "{err}"
    );

    let second = desk.run(&[
        "add",
        "--name",
        "Piet",
        "--email",
        "piet@example.com",
        "--service",
        "Other",
        "--description",
        "x",
    ]);
    assert_eq!(stdout(&second), "K-2026-0002\n");
}

#[test]
fn add_records_every_field_given() {
    let desk = Desk::new();
    let id = desk.add(&["--channel", "email"]);
    let case = desk.show(&id);
    assert_eq!(case["id"], "K-2026-0001");
    assert_eq!(case["state"], "received");
    assert_eq!(case["channel"], "email");
    assert_eq!(case["contact"]["name"], "Jan Jansen");
    assert_eq!(case["contact"]["phone"], "06-12345678");
    assert_eq!(case["contact"]["email"], "jan@voorbeeld.nl");
    assert_eq!(case["contact"]["organisation"], "Voorbeeld BV");
    assert_eq!(case["service"], "Penetration testing");
    assert_eq!(case["description"], "The pentest report arrived two weeks late.");
    assert_eq!(case["registered_by"], "tester");
    // No --date: the complaint is dated now, the pinned clock.
    assert_eq!(case["complained_at"], "2026-11-23T09:00:00Z");
    assert_eq!(case["registered_at"], "2026-11-23T09:00:00Z");
}

#[test]
fn add_refuses_missing_or_malformed_fields_and_registers_nothing() {
    let desk = Desk::new();
    let without = add_without;
    let with = |option: &'static str, value: &'static str| add_args(&[option, value]);
    let no_contact: Vec<&str> = {
        let mut args = without("--phone");
        let at = args.iter().position(|a| *a == "--email").unwrap();
        args.drain(at..at + 2);
        args
    };
    let cases: Vec<(&str, Vec<&str>, Vec<&str>)> = vec![
        ("no name", without("--name"), vec!["Name is required"]),
        ("blank name", with("--name", "   "), vec!["Name is required"]),
        (
            "bad e-mail",
            with("--email", "jan@@voorbeeld"),
            vec!["\"jan@@voorbeeld\" is not an e-mail address"],
        ),
        (
            "bad phone",
            with("--phone", "12-ab"),
            vec!["\"12-ab\" is not a phone number"],
        ),
        (
            "unknown service",
            with("--service", "Pentesting"),
            [&["\"Pentesting\" is not a known service"][..], &CATALOGUE[..]].concat(),
        ),
        ("no service", without("--service"), vec!["Service is required"]),
        (
            "no way to reach",
            no_contact,
            vec!["Give a phone number or an e-mail address"],
        ),
        (
            "no description",
            without("--description"),
            vec!["Description is required"],
        ),
        (
            "date tomorrow",
            with("--date", "2026-11-24T09:00"),
            vec!["Complaint date cannot be in the future"],
        ),
        (
            "date a minute ahead",
            with("--date", "2026-11-23T10:01"),
            vec!["cannot be in the future"],
        ),
        (
            "date unparsable",
            with("--date", "next tuesday"),
            vec!["Complaint date", "\"next tuesday\" is not a date or time"],
        ),
    ];
    for (what, args, expected) in cases {
        let message = one_line_failure(&desk.run(&args), 2, what);
        for e in expected {
            assert!(message.contains(e), "{what}: expected {e:?} in {message:?}");
        }
    }
    assert_eq!(
        desk.list(&["--all"]),
        Vec::<Value>::new(),
        "a refused add registered a case"
    );
    // Nothing used up a case number either.
    assert_eq!(desk.add(&[]), "K-2026-0001");
}

#[test]
fn add_accepts_a_complaint_date_in_the_past() {
    let desk = Desk::new();
    let id = desk.add(&["--date", "2026-11-20T14:00"]);
    let case = desk.show(&id);
    assert_eq!(
        case["complained_at"], "2026-11-20T13:00:00Z",
        "local time is Europe/Amsterdam"
    );
    assert_eq!(case["registered_at"], "2026-11-23T09:00:00Z");
    // Friday afternoon: two working days later is Tuesday.
    assert_eq!(case["deadlines"]["acknowledge"]["due"], "2026-11-24");

    let id = desk.add(&["--date", "yesterday"]);
    let text = desk.ok(&["show", &id]);
    let line = text
        .lines()
        .find(|l| l.starts_with("  Complaint date"))
        .unwrap_or_default();
    assert!(line.contains("Sun 22 Nov 2026"), "{text}");
    assert_eq!(desk.show(&id)["deadlines"]["acknowledge"]["due"], "2026-11-24");
}

#[test]
fn add_matches_the_service_ignoring_case() {
    let desk = Desk::new();
    let id = desk.add(&["--service", "security MONITORING (soc)"]);
    assert_eq!(desk.show(&id)["service"], "Security monitoring (SOC)");
}

// ───────────────────────────── move ─────────────────────────────

#[test]
fn the_whole_procedure_from_the_command_line() {
    let desk = Desk::new();
    let id = desk.add(&[]);
    assert_eq!(desk.state(&id), "received");

    let out = desk.ok(&["move", &id, "acknowledged", "--via", "email"]);
    assert_eq!(out, "Saved: K-2026-0001 is now \"Acknowledged\".\n");
    let case = desk.show(&id);
    assert_eq!(case["state"], "acknowledged");
    assert_eq!(case["acknowledgement"]["via"], "email");
    assert_eq!(case["deadlines"]["acknowledge"]["status"], "met-on-time");

    desk.step(&id, "in-treatment", &["--handler", "Anna de Vries"]);
    let case = desk.show(&id);
    assert_eq!(case["state"], "in-treatment");
    assert_eq!(case["handler"], "Anna de Vries");
    assert_eq!(case["deadlines"]["outcome"]["status"], "on-track");
    assert_eq!(
        case["deadlines"]["outcome"]["due"], "2026-12-07",
        "ten working days after Monday 23 Nov"
    );

    desk.step(&id, "waiting", &["--request", "The scope document, please."]);
    let case = desk.show(&id);
    assert_eq!(case["state"], "waiting");
    assert_eq!(case["info_requests"][0]["request"], "The scope document, please.");
    assert_eq!(case["deadlines"]["outcome"]["status"], "paused");

    let out = desk.ok(&["move", &id, "in-treatment"]);
    assert!(out.contains("\"In treatment\""), "{out}");
    let case = desk.show(&id);
    assert_eq!(case["state"], "in-treatment");
    assert!(
        case["info_requests"][0]["received_at"].is_string(),
        "information received is recorded"
    );
    assert_eq!(case["deadlines"]["outcome"]["status"], "on-track");

    desk.step(
        &id,
        "outcome",
        &[
            "--root-cause",
            "Planning error",
            "--solution",
            "Report resent",
            "--outcome",
            "Apologies sent",
        ],
    );
    let case = desk.show(&id);
    assert_eq!(case["state"], "outcome");
    assert_eq!(case["root_cause"], "Planning error");
    assert_eq!(case["solution"], "Report resent");
    assert_eq!(case["outcome"], "Apologies sent");
    assert_eq!(case["deadlines"]["outcome"]["status"], "met-on-time");

    desk.step(
        &id,
        "closed",
        &[
            "--learnings",
            "Plan report writing",
            "--satisfaction",
            "satisfied",
        ],
    );
    let case = desk.show(&id);
    assert_eq!(case["state"], "closed");
    assert_eq!(case["learnings"], "Plan report writing");
    assert_eq!(case["satisfaction"], "satisfied");
    assert!(case["closed_at"].is_string());
    // One event per step, after the registration.
    assert_eq!(case["events"].as_array().unwrap().len(), 7);
}

#[test]
fn a_refused_move_says_what_is_missing_and_changes_nothing() {
    let desk = Desk::new();
    let id = desk.case_in("in-treatment");
    let before = desk.show(&id);

    let message = desk.refused(&["move", &id, "outcome"]);
    for field in ["Root cause", "Solution", "Outcome"] {
        assert!(message.contains(&format!("{field} is required")), "{message}");
    }
    let message = desk.refused(&[
        "move",
        &id,
        "outcome",
        "--root-cause",
        "Planning",
        "--solution",
        "Resent",
    ]);
    assert!(
        message.contains("Outcome is required") && !message.contains("Root cause"),
        "{message}"
    );
    assert!(
        desk.refused(&["move", &id, "waiting"])
            .contains("Information requested is required")
    );
    assert_eq!(desk.show(&id), before, "a refused move changed the case");
}

#[test]
fn each_step_names_what_it_needs() {
    let desk = Desk::new();
    let id = desk.add(&[]);
    let message = desk.refused(&["move", &id, "acknowledged"]);
    assert!(message.contains("--via email|phone|letter"), "{message}");
    desk.step(&id, "acknowledged", &["--via", "phone"]);
    let message = desk.refused(&["move", &id, "in-treatment"]);
    assert!(message.contains("Handler is required"), "{message}");
    let message = desk.refused(&["move", &id, "not-admissible"]);
    assert!(message.contains("Justification is required"), "{message}");

    let id = desk.case_in("outcome");
    let message = desk.refused(&["move", &id, "closed"]);
    assert!(
        message.contains("Learnings is required") && message.contains("Satisfaction is required"),
        "{message}"
    );
    let message = desk.refused(&["move", &id, "closed", "--learnings", "none"]);
    assert!(
        message.contains("Satisfaction is required") && !message.contains("Learnings"),
        "{message}"
    );
    assert_eq!(desk.state(&id), "outcome");
}

#[test]
fn a_move_out_of_order_is_refused_with_the_moves_possible_now() {
    let desk = Desk::new();
    let id = desk.add(&[]);
    let message = desk.refused(&["move", &id, "in-treatment", "--handler", "Anna"]);
    assert!(
        message.contains("is not possible while the case is \"Received\""),
        "{message}"
    );
    assert!(
        message.contains("Possible now: Acknowledge receipt, Withdraw."),
        "{message}"
    );
    let message = desk.refused(&[
        "move",
        &id,
        "outcome",
        "--root-cause",
        "a",
        "--solution",
        "b",
        "--outcome",
        "c",
    ]);
    assert!(message.contains("not possible"), "{message}");
    let message = desk.refused(&[
        "move",
        &id,
        "not-admissible",
        "--justification",
        "Not our service",
    ]);
    assert!(message.contains("not possible"), "{message}");
    assert_eq!(desk.state(&id), "received");
    assert_eq!(desk.show(&id)["handler"], Value::Null);
}

#[test]
fn the_acknowledgement_time_can_be_given_but_not_before_the_complaint_or_in_the_future() {
    let desk = Desk::new();
    let id = desk.add(&["--date", "2026-11-20T09:00"]);
    let message = desk.refused(&[
        "move",
        &id,
        "acknowledged",
        "--via",
        "email",
        "--at",
        "2026-11-19T09:00",
    ]);
    assert!(
        message.contains("cannot be earlier than the complaint"),
        "{message}"
    );
    let message = desk.refused(&[
        "move",
        &id,
        "acknowledged",
        "--via",
        "email",
        "--at",
        "2026-11-24T09:00",
    ]);
    assert!(message.contains("cannot be in the future"), "{message}");
    let message = desk.refused(&["move", &id, "acknowledged", "--via", "email", "--at", "soon"]);
    assert!(message.contains("\"soon\" is not a date or time"), "{message}");
    desk.step(
        &id,
        "acknowledged",
        &["--via", "letter", "--at", "2026-11-20T15:00"],
    );
    let case = desk.show(&id);
    assert_eq!(case["acknowledgement"]["at"], "2026-11-20T14:00:00Z");
    assert_eq!(case["acknowledgement"]["via"], "letter");
}

#[test]
fn every_move_takes_the_moment_it_happened() {
    let desk = Desk::new();
    // Complained on Monday 16 November 09:00 (08:00 UTC); today is the 23rd.
    let id = desk.add(&["--date", "2026-11-16T09:00"]);
    let moves: &[(&str, &[&str], &str)] = &[
        ("acknowledged", &["--via", "email"], "2026-11-16T10:00"),
        ("in-treatment", &["--handler", "Anna"], "2026-11-16T11:00"),
        (
            "waiting",
            &["--request", "The scope, please."],
            "2026-11-17T09:00",
        ),
        ("in-treatment", &["--note", "Scope by mail"], "2026-11-19T14:00"),
        (
            "outcome",
            &[
                "--root-cause",
                "Rota",
                "--solution",
                "Rota fixed",
                "--outcome",
                "Sorry",
            ],
            "2026-11-20T10:00",
        ),
        ("in-treatment", &["--reason", "Still unhappy"], "2026-11-20T12:00"),
        (
            "outcome",
            &[
                "--root-cause",
                "Rota",
                "--solution",
                "Second rota",
                "--outcome",
                "Sorry",
            ],
            "2026-11-20T13:00",
        ),
        (
            "closed",
            &["--learnings", "none", "--satisfaction", "satisfied"],
            "2026-11-20T15:00",
        ),
    ];
    for (state, options, at) in moves {
        let mut args = options.to_vec();
        args.extend(["--at", at]);
        desk.step(&id, state, &args);
    }
    let case = desk.show(&id);
    assert_eq!(case["admissibility"]["decided_at"], "2026-11-16T10:00:00Z");
    assert_eq!(case["info_requests"][0]["requested_at"], "2026-11-17T08:00:00Z");
    assert_eq!(case["info_requests"][0]["received_at"], "2026-11-19T13:00:00Z");
    assert_eq!(case["outcome_communicated_at"], "2026-11-20T12:00:00Z");
    assert_eq!(case["closed_at"], "2026-11-20T14:00:00Z");
    // The first outcome clock ran from the information's arrival, the second
    // from the reopening.
    let outcomes: Vec<&Value> = case["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["target"] == "outcome")
        .collect();
    assert_eq!(outcomes[0]["verdict"]["started_at"], "2026-11-19T13:00:00Z");
    assert_eq!(outcomes[1]["verdict"]["started_at"], "2026-11-20T11:00:00Z");
    // The trail says when a step happened that was recorded later.
    let shown = desk.ok(&["show", &id]);
    assert!(shown.contains("(happened Thu 19 Nov 2026 14:00)"), "{shown}");

    for (state, options) in [
        ("not-admissible", &["--justification", "Not our service."][..]),
        ("closed", &["--withdrawn", "Sorted it out"][..]),
    ] {
        let id = desk.add(&["--date", "2026-11-16T09:00"]);
        desk.step(
            &id,
            "acknowledged",
            &["--via", "email", "--at", "2026-11-16T10:00"],
        );
        let mut args = options.to_vec();
        args.extend(["--at", "2026-11-18T16:30"]);
        desk.step(&id, state, &args);
        assert_eq!(desk.show(&id)["closed_at"], "2026-11-18T15:30:00Z", "{state}");
    }
}

#[test]
fn a_moves_moment_is_not_in_the_future_nor_before_the_previous_step() {
    let desk = Desk::new();
    let id = desk.add(&["--date", "2026-11-16T09:00"]);
    desk.step(
        &id,
        "acknowledged",
        &["--via", "email", "--at", "2026-11-16T10:00"],
    );
    let message = desk.refused(&[
        "move",
        &id,
        "in-treatment",
        "--handler",
        "Anna",
        "--at",
        "2026-11-16T09:30",
    ]);
    assert!(
        message.contains("At cannot be earlier than the previous step (Mon 16 Nov 2026 10:00)"),
        "{message}"
    );
    let message = desk.refused(&[
        "move",
        &id,
        "in-treatment",
        "--handler",
        "Anna",
        "--at",
        "2026-11-24T09:00",
    ]);
    assert!(message.contains("At cannot be in the future"), "{message}");
    let message = desk.refused(&["move", &id, "in-treatment", "--handler", "Anna", "--at", "soon"]);
    assert!(
        message.contains("At: \"soon\" is not a date or time"),
        "{message}"
    );
    assert_eq!(desk.state(&id), "acknowledged", "nothing was recorded");
    desk.step(&id, "in-treatment", &["--handler", "Anna"]);
    assert_eq!(
        desk.show(&id)["admissibility"]["decided_at"],
        "2026-11-23T09:00:00Z",
        "now"
    );
}

#[test]
fn an_option_a_step_does_not_take_is_refused_naming_the_step() {
    let desk = Desk::new();
    let id = desk.case_in("acknowledged");
    let message = desk.refused(&["move", &id, "in-treatment", "--handler", "Anna", "--via", "email"]);
    assert_eq!(
        message,
        "klachtdesk: \"Admissible: take into treatment\" does not take --via; it takes --handler, --at."
    );
    let message = desk.refused(&[
        "move",
        &id,
        "closed",
        "--withdrawn",
        "Sorted",
        "--learnings",
        "none",
    ]);
    assert!(
        message.contains("\"Withdraw\" does not take --learnings"),
        "{message}"
    );
    let id = desk.case_in("waiting");
    let message = desk.refused(&["move", &id, "in-treatment", "--reason", "Unhappy"]);
    assert!(
        message.contains("\"Information received\" does not take --reason"),
        "{message}"
    );
    let out = desk
        .cmd()
        .env("LANG", "nl_NL.UTF-8")
        .args(["move", &id, "in-treatment", "--request", "x"])
        .output()
        .unwrap();
    let message = one_line_failure(&out, 2, "Dutch");
    assert!(
        message.contains("\"Informatie ontvangen\" kent geen --request"),
        "{message}"
    );
    assert_eq!(desk.state(&id), "waiting", "nothing was recorded");
}

#[test]
fn an_open_case_can_be_closed_as_withdrawn() {
    let desk = Desk::new();
    for state in ["received", "waiting", "outcome"] {
        let id = desk.case_in(state);
        desk.step(&id, "closed", &["--withdrawn", "The complainant sorted it out"]);
        let case = desk.show(&id);
        assert_eq!(case["state"], "closed", "withdrawn from {state}");
        assert_eq!(case["withdrawal"]["reason"], "The complainant sorted it out");
    }
    assert_eq!(desk.list(&[]), Vec::<Value>::new(), "withdrawn cases are closed");
    let all = desk.ok(&["list", "--all"]);
    assert_eq!(lines_with(&all, "Closed (withdrawn)").len(), 3, "{all}");

    let id = desk.add(&[]);
    let message = desk.refused(&["move", &id, "closed", "--withdrawn", "  "]);
    assert!(message.contains("Reason for withdrawal is required"), "{message}");
    desk.step(&id, "closed", &["--withdrawn", "Changed their mind"]);
    let message = desk.refused(&["move", &id, "closed", "--withdrawn", "Again"]);
    assert!(
        message.contains("not possible while the case is \"Closed\""),
        "{message}"
    );
}

#[test]
fn an_acknowledged_case_can_be_declared_not_admissible() {
    let desk = Desk::new();
    let id = desk.case_in("acknowledged");
    desk.step(
        &id,
        "not-admissible",
        &["--justification", "The complaint is about another company."],
    );
    let case = desk.show(&id);
    assert_eq!(case["state"], "not-admissible");
    assert_eq!(case["justification"], "The complaint is about another company.");
    assert_eq!(case["admissibility"]["admissible"], false);
    assert_eq!(desk.ids(&[]), Vec::<String>::new(), "not admissible is finished");
    assert_eq!(desk.ids(&["--state", "not-admissible"]), [id.as_str()]);
    let message = desk.refused(&["move", &id, "in-treatment", "--handler", "Anna"]);
    assert!(message.contains("not possible"), "{message}");
}

#[test]
fn an_unsatisfied_complainant_reopens_the_case() {
    let desk = Desk::new();
    let id = desk.case_in("outcome");
    desk.step(&id, "in-treatment", &["--reason", "The report is still wrong"]);
    let case = desk.show(&id);
    assert_eq!(case["state"], "in-treatment");
    assert_eq!(case["satisfaction"], "unsatisfied");
    assert_eq!(
        case["deadlines"]["outcome"]["status"], "on-track",
        "the outcome clock runs again"
    );
    let events = case["events"].as_array().unwrap();
    let last = events.last().unwrap();
    assert_eq!(last["from"], "outcome");
    assert_eq!(last["to"], "in-treatment");
    assert!(last.to_string().contains("The report is still wrong"), "{last}");

    // Back to outcome, and the case can be closed after all.
    desk.step(
        &id,
        "outcome",
        &[
            "--root-cause",
            "Planning",
            "--solution",
            "Rewritten",
            "--outcome",
            "New report",
        ],
    );
    desk.step(
        &id,
        "closed",
        &["--learnings", "Review reports", "--satisfaction", "satisfied"],
    );
    assert_eq!(desk.state(&id), "closed");
}

#[test]
fn a_handler_named_when_information_comes_in_or_on_reopening_takes_over() {
    let desk = Desk::new();
    let id = desk.case_in("waiting");
    desk.step(&id, "in-treatment", &["--handler", "Bram"]);
    let case = desk.show(&id);
    assert_eq!(
        (case["state"].as_str(), case["handler"].as_str()),
        (Some("in-treatment"), Some("Bram"))
    );

    let id = desk.case_in("outcome");
    desk.step(
        &id,
        "in-treatment",
        &["--handler", "Carla", "--reason", "Not satisfied"],
    );
    let case = desk.show(&id);
    assert_eq!(
        (case["state"].as_str(), case["handler"].as_str()),
        (Some("in-treatment"), Some("Carla"))
    );
}

#[test]
fn a_refused_handler_does_not_half_move_the_case() {
    let desk = Desk::new();
    let long = "x".repeat(400);
    for handler in [long.as_str(), "   "] {
        let id = desk.case_in("waiting");
        let message = desk.refused(&["move", &id, "in-treatment", "--handler", handler]);
        assert!(message.contains("Handler"), "{message}");
        assert_eq!(
            desk.state(&id),
            "waiting",
            "refused (exit 2), yet the case was moved"
        );
    }
    let id = desk.case_in("outcome");
    desk.refused(&["move", &id, "in-treatment", "--handler", &long]);
    assert_eq!(
        desk.state(&id),
        "outcome",
        "refused (exit 2), yet the case was reopened"
    );
}

#[test]
fn moves_to_unknown_or_impossible_states_are_refused_with_the_states() {
    let desk = Desk::new();
    let id = desk.add(&[]);
    let message = desk.refused(&["move", &id, "done"]);
    assert!(message.contains("\"done\" is not a state"), "{message}");
    assert!(message.contains(&STATES.join(", ")), "{message}");
    let message = desk.refused(&["move", &id, "received"]);
    assert!(message.contains("cannot go back to \"Received\""), "{message}");
    assert_eq!(desk.state(&id), "received");
}

#[test]
fn unknown_and_malformed_case_numbers_are_refused() {
    let desk = Desk::new();
    desk.add(&[]);
    let commands: [&[&str]; 3] = [
        &["move", "{}", "acknowledged", "--via", "email"],
        &["show", "{}"],
        &["log", "{}", "--kind", "note", "--text", "hello"],
    ];
    for command in commands {
        for (id, expected) in [
            ("K-2026-0099", "there is no case K-2026-0099"),
            ("K-2025-0001", "there is no case K-2025-0001"),
            ("42", "\"42\" is not a case number; they look like K-2026-0042."),
            ("K-2026-x", "\"K-2026-x\" is not a case number"),
        ] {
            let args: Vec<&str> = command.iter().map(|a| if *a == "{}" { id } else { a }).collect();
            let message = desk.refused(&args);
            assert!(message.contains(expected), "{args:?}: {message}");
        }
    }
    assert_eq!(desk.state("K-2026-0001"), "received");
}

#[test]
fn case_numbers_are_read_leniently() {
    let desk = Desk::new();
    desk.add(&[]);
    for typed in ["k-2026-0001", "K-2026-1", " K-2026-0001 "] {
        assert_eq!(desk.show(typed)["id"], "K-2026-0001", "typed {typed:?}");
    }
}

// ───────────────────────────── log ─────────────────────────────

#[test]
fn a_logged_call_shows_in_the_case() {
    let desk = Desk::new();
    let id = desk.add(&[]);
    let out = desk.ok(&[
        "log",
        &id,
        "--kind",
        "call",
        "--text",
        "Called back: the report was resent.",
    ]);
    assert_eq!(out, "Logged on K-2026-0001.\n");
    desk.ok(&[
        "log",
        &id,
        "--kind",
        "note",
        "--text",
        "Ask Anna about the planning.",
    ]);
    desk.ok(&[
        "log",
        &id,
        "--kind",
        "email",
        "--direction",
        "out",
        "--text",
        "Sent the apology.",
    ]);

    let case = desk.show(&id);
    let log = case["contact_log"].as_array().unwrap();
    assert_eq!(log.len(), 3);
    assert_eq!(log[0]["kind"], "call");
    assert_eq!(log[0]["direction"], "inbound");
    assert_eq!(log[0]["author"], "tester");
    assert_eq!(log[0]["text"], "Called back: the report was resent.");
    assert_eq!(log[0]["at"], "2026-11-23T09:00:00Z");
    assert_eq!(log[1]["direction"], "internal", "a note is internal");
    assert_eq!(
        (log[2]["kind"].as_str(), log[2]["direction"].as_str()),
        (Some("email"), Some("outbound"))
    );
    assert_eq!(case["state"], "received", "logging does not move the case");

    let text = desk.ok(&["show", &id]);
    assert!(text.contains("Call in  tester"), "{text}");
    assert!(text.contains("Called back: the report was resent."), "{text}");
    assert!(text.contains("Note internal  tester"), "{text}");
}

#[test]
fn logging_needs_text_but_works_on_a_closed_case() {
    let desk = Desk::new();
    let id = desk.add(&[]);
    let message = desk.refused(&["log", &id, "--kind", "call", "--text", "  "]);
    assert!(message.contains("Text is required"), "{message}");
    assert_eq!(desk.show(&id)["contact_log"], Value::Array(vec![]));
    desk.step(&id, "closed", &["--withdrawn", "Resolved by phone"]);
    desk.ok(&["log", &id, "--kind", "call", "--text", "Called to say thanks."]);
    assert_eq!(desk.show(&id)["contact_log"][0]["text"], "Called to say thanks.");
}

// ───────────────────────────── list ─────────────────────────────

#[test]
fn list_filters_by_state_and_service() {
    let desk = Desk::new();
    let received = desk.add(&[]);
    let soc = desk.add(&["--service", "Security monitoring (SOC)"]);
    let waiting = desk.case_in("waiting");
    let outcome = desk.case_in("outcome");

    assert_eq!(
        desk.ids(&["--state", "received"]),
        [received.as_str(), soc.as_str()]
    );
    assert_eq!(desk.ids(&["--state", "waiting"]), [waiting.as_str()]);
    let mut both = desk.ids(&["--state", "waiting,outcome"]);
    both.sort();
    assert_eq!(both, [waiting.as_str(), outcome.as_str()]);
    assert_eq!(desk.ids(&["--state", "closed"]), Vec::<String>::new());
    assert_eq!(
        desk.ids(&["--service", "security monitoring (soc)"]),
        [soc.as_str()]
    );
    assert_eq!(
        desk.ids(&["--service", "Security monitoring (SOC)", "--state", "waiting"]),
        Vec::<String>::new()
    );

    let message = desk.refused(&["list", "--state", "waiting,finished"]);
    assert!(
        message.contains("\"finished\" is not a state") && message.contains(&STATES.join(", ")),
        "{message}"
    );
    let message = desk.refused(&["list", "--service", "Pentesting"]);
    assert!(
        message.contains("\"Pentesting\" is not a known service"),
        "{message}"
    );
}

#[test]
fn list_finds_breached_cases_and_cases_due_today() {
    let desk = Desk::new();
    // A week ago: acknowledgement was due Wednesday 18 November.
    let breached = desk.add(&["--name", "Bea Breed", "--date", "2026-11-16T10:00"]);
    // Last Thursday: due today, Monday.
    let today = desk.add(&["--name", "Tom Today", "--date", "2026-11-19T10:00"]);
    let fresh = desk.add(&["--name", "Fien Fresh"]);

    assert_eq!(desk.ids(&["--breached"]), [breached.as_str()]);
    assert_eq!(desk.ids(&["--due-today"]), [today.as_str()]);
    assert_eq!(
        desk.ids(&[]),
        [breached.as_str(), today.as_str(), fresh.as_str()],
        "most urgent first"
    );

    let cases = desk.list(&[]);
    assert_eq!(cases[0]["deadlines"]["acknowledge"]["status"], "breached");
    assert_eq!(cases[0]["deadlines"]["acknowledge"]["due"], "2026-11-18");
    assert_eq!(cases[0]["deadlines"]["acknowledge"]["working_days_late"], 3);
    assert_eq!(cases[1]["deadlines"]["acknowledge"]["status"], "due-today");
    assert_eq!(cases[1]["deadlines"]["acknowledge"]["due"], "2026-11-23");
    assert_eq!(cases[2]["deadlines"]["acknowledge"]["status"], "on-track");

    let text = desk.ok(&["list"]);
    let row = |name: &str| lines_with(&text, name).concat();
    assert!(row("Bea Breed").contains("late"), "{text}");
    assert!(row("Tom Today").contains("ack today 17:00"), "{text}");
    assert!(
        !row("Fien Fresh").contains("late") && !row("Fien Fresh").contains("today"),
        "{text}"
    );

    // Acknowledging the breached case ends its breach.
    desk.step(&breached, "acknowledged", &["--via", "phone"]);
    assert_eq!(desk.ids(&["--breached"]), Vec::<String>::new());
    // The same cases a day later, on Tuesday at 10:00.
    let tuesday = desk
        .cmd()
        .args(["list", "--json", "--breached"])
        .env("KLACHTDESK_NOW", "2026-11-24T10:00")
        .output();
    let tuesday: Vec<Value> = serde_json::from_slice(&tuesday.unwrap().stdout).unwrap();
    let ids: Vec<&str> = tuesday.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [today.as_str()]);
}

#[test]
fn list_finds_a_caller_by_name_phone_or_e_mail() {
    let desk = Desk::new();
    let jan = desk.add(&[]);
    let piet = desk.add(&[
        "--name",
        "Piet Pietersen",
        "--phone",
        "+44 20 7946 0958",
        "--email",
        "piet@example.com",
        "--org",
        "Acme Ltd",
    ]);
    let finds = |text: &str| desk.ids(&["--text", text]);
    assert_eq!(finds("jansen"), [jan.as_str()]);
    assert_eq!(finds("JAN JANSEN"), [jan.as_str()]);
    assert_eq!(finds("acme"), [piet.as_str()]);
    // Jan's number is stored as 06-12345678; callers read it out in other ways.
    for typed in [
        "06-12345678",
        "0612345678",
        "+31612345678",
        "0031612345678",
        "06 1234 5678",
        "+31-6-1234",
    ] {
        assert_eq!(finds(typed), [jan.as_str()], "phone typed as {typed:?}");
    }
    assert_eq!(finds("7946 0958"), [piet.as_str()]);
    assert_eq!(finds("piet@EXAMPLE.com"), [piet.as_str()]);
    assert_eq!(finds("voorbeeld.nl"), [jan.as_str()]);
    assert_eq!(finds(&jan), [jan.as_str()]);
    assert_eq!(finds("nobody"), Vec::<String>::new());
}

#[test]
fn list_finds_a_phone_number_typed_internationally_with_spaces() {
    let desk = Desk::new();
    let jan = desk.add(&[]);
    for typed in ["+31 6 1234", "+31 6 1234 5678", "+31 6 12345678"] {
        assert_eq!(
            desk.ids(&["--text", typed]),
            [jan.as_str()],
            "phone typed as {typed:?}"
        );
    }
}

#[test]
fn list_text_finds_words_of_the_description_too() {
    let desk = Desk::new();
    let late = desk.add(&["--description", "The forensic report came four weeks late."]);
    let other = desk.add(&["--name", "Piet Pieters", "--description", "Nobody called back."]);
    assert_eq!(desk.ids(&["--text", "forensic"]), [late.as_str()]);
    assert_eq!(
        desk.ids(&["--text", "jansen forensic"]),
        [late.as_str()],
        "one word in the name, one in the description"
    );
    assert_eq!(desk.ids(&["--text", "called back"]), [other.as_str()]);
    assert!(desk.ids(&["--text", "ransomware"]).is_empty());
}

#[test]
fn list_hides_finished_cases_unless_asked() {
    let desk = Desk::new();
    let open = desk.add(&[]);
    let closed = desk.case_in("outcome");
    desk.step(
        &closed,
        "closed",
        &["--learnings", "none", "--satisfaction", "unknown"],
    );
    let refused = desk.case_in("acknowledged");
    desk.step(
        &refused,
        "not-admissible",
        &["--justification", "Not about our services."],
    );

    assert_eq!(desk.ids(&[]), [open.as_str()]);
    assert_eq!(
        desk.ids(&["--text", "jansen"]),
        [open.as_str()],
        "a search also hides closed cases"
    );
    let mut all = desk.ids(&["--all"]);
    all.sort();
    assert_eq!(all, [open.as_str(), closed.as_str(), refused.as_str()]);
    assert_eq!(desk.ids(&["--state", "closed"]), [closed]);

    let text = desk.ok(&["list", "--all"]);
    assert!(
        text.lines().next().unwrap().starts_with("Case"),
        "a header line: {text}"
    );
    assert_eq!(lines_with(&text, "K-2026-").len(), 3, "{text}");
    assert!(
        text.contains("Not admissible") && text.contains("Closed"),
        "{text}"
    );
}

#[test]
fn list_json_has_id_state_and_deadlines_at_the_top_level() {
    let desk = Desk::new();
    assert_eq!(desk.ok(&["list", "--json"]).trim(), "[]");
    assert_eq!(desk.ok(&["list"]), "No cases match.\n");
    desk.add(&[]);
    desk.case_in("waiting");
    let cases = desk.list(&[]);
    assert_eq!(cases.len(), 2);
    for case in &cases {
        assert!(case["id"].as_str().unwrap().starts_with("K-2026-"), "{case}");
        assert!(STATES.contains(&case["state"].as_str().unwrap()), "{case}");
        assert!(case["deadlines"]["acknowledge"]["status"].is_string(), "{case}");
        assert!(case["deadlines"]["outcome"]["status"].is_string(), "{case}");
        assert!(case.get("events").is_none(), "list leaves out the audit trail");
    }
}

// ───────────────────────────── show ─────────────────────────────

#[test]
fn show_prints_the_case_its_deadlines_contact_log_and_audit_trail() {
    let desk = Desk::new();
    let id = desk.add(&[]);
    desk.ok(&[
        "log",
        &id,
        "--kind",
        "call",
        "--text",
        "Complainant called again.",
    ]);
    desk.step(&id, "acknowledged", &["--via", "email"]);
    let text = desk.ok(&["show", &id]);
    assert!(text.starts_with("K-2026-0001 · Acknowledged\n"), "{text}");
    for expected in [
        "Jan Jansen",
        "Voorbeeld BV",
        "06-12345678",
        "jan@voorbeeld.nl",
        "Penetration testing",
        "The pentest report arrived two weeks late.",
        "Mon 23 Nov 2026 10:00 by tester",
        "Complainant called again.",
    ] {
        assert!(text.contains(expected), "expected {expected:?} in:\n{text}");
    }
    let heading = |h: &str| {
        text.lines()
            .position(|l| l == h)
            .unwrap_or_else(|| panic!("no {h:?} heading in:\n{text}"))
    };
    let (deadlines, log, audit) = (
        heading("Deadlines"),
        heading("Contact log"),
        heading("Audit trail"),
    );
    assert!(deadlines < log && log < audit, "{text}");
    let lines: Vec<&str> = text.lines().collect();
    let section = |from: usize, to: usize| lines[from..to].join("\n");
    let deadlines = section(deadlines, log);
    assert!(
        deadlines.contains("Acknowledgement") && deadlines.contains("met on time"),
        "{deadlines}"
    );
    assert!(
        deadlines.contains("Outcome") && deadlines.contains("not started"),
        "{deadlines}"
    );
    let audit = section(audit, lines.len());
    assert!(audit.contains("Registered"), "{audit}");
    assert!(audit.contains("Received → Acknowledged"), "{audit}");
    assert!(audit.contains("tester"), "{audit}");
}

#[test]
fn show_json_has_the_audit_trail() {
    let desk = Desk::new();
    let id = desk.add(&[]);
    desk.step(&id, "acknowledged", &["--via", "email"]);
    let case = desk.show(&id);
    assert_eq!(case["id"], "K-2026-0001");
    assert_eq!(case["state"], "acknowledged");
    let events = case["events"].as_array().expect("show --json has events");
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["kind"], "registered");
    assert_eq!(events[0]["to"], "received");
    assert_eq!(events[0]["actor"], "tester");
    assert_eq!(events[1]["from"], "received");
    assert_eq!(events[1]["to"], "acknowledged");
    assert_eq!(events[1]["at"], "2026-11-23T09:00:00Z");
    assert!(case["deadlines"].is_object());
}

// ───────────────────────────── calendar ─────────────────────────────

#[test]
fn calendar_lists_the_dutch_holidays_in_english_and_in_dutch() {
    let desk = Desk::new();
    let en = desk.ok(&["calendar", "holidays", "2026"]);
    for line in [
        "2026-01-01  Thu 1 Jan 2026  New Year's Day",
        "2026-04-27  Mon 27 Apr 2026  King's Day",
        "2026-05-14  Thu 14 May 2026  Ascension Day",
        "2026-12-25  Fri 25 Dec 2026  Christmas Day",
        "2026-12-26  Sat 26 Dec 2026  Boxing Day",
    ] {
        assert!(en.lines().any(|l| l == line), "expected {line:?} in:\n{en}");
    }
    // By default Good Friday is a working day and Liberation Day is not a holiday.
    assert!(
        !en.contains("Good Friday") && !en.contains("Liberation Day"),
        "{en}"
    );

    let nl = desk
        .cmd()
        .args(["calendar", "holidays", "2026"])
        .env("LANG", "nl_NL.UTF-8")
        .output()
        .unwrap();
    let nl = stdout(&nl);
    for line in [
        "2026-04-27  ma 27 apr 2026  Koningsdag",
        "Eerste Kerstdag",
        "Tweede Kerstdag",
    ] {
        assert!(nl.contains(line), "expected {line:?} in:\n{nl}");
    }
}

#[test]
fn kings_day_on_a_sunday_moves_to_saturday() {
    let desk = Desk::new();
    let out = desk.ok(&["calendar", "holidays", "2025"]);
    assert!(
        out.lines()
            .any(|l| l == "2025-04-26  Sat 26 Apr 2025  King's Day"),
        "{out}"
    );
    assert!(!out.contains("2025-04-27"), "{out}");
}

#[test]
fn calendar_due_counts_working_days_after_the_day() {
    let desk = Desk::new();
    assert_eq!(
        desk.ok(&["calendar", "due", "--from", "2026-11-20T16:30", "--days", "2"]),
        "2026-11-24\n"
    );
    // Christmas 2026: Friday and Saturday off.
    assert_eq!(
        desk.ok(&["calendar", "due", "--from", "2026-12-23T09:00", "--days", "2"]),
        "2026-12-28\n"
    );
    let closing = valid_config("closing_day.toml");
    let out = desk
        .cmd()
        .arg("--config")
        .arg(&closing)
        .args(["calendar", "due", "--from", "2026-11-20T16:30", "--days", "2"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "2026-11-25\n",
        "Monday 23 November is a closing day"
    );
}

#[test]
fn calendar_refuses_bad_input() {
    let desk = Desk::new();
    let message = desk.refused(&["calendar", "due", "--from", "Friday afternoon", "--days", "2"]);
    assert!(
        message.contains("--from: \"Friday afternoon\" is not a local date and time"),
        "{message}"
    );
    let message = desk.refused(&["calendar", "holidays", "1200"]);
    assert!(message.contains("1200 is outside the years"), "{message}");
}

// ───────────────────────────── input sanity ─────────────────────────────

/// The forms of a date the refusals list, and the years accepted.
const ACCEPTED_FORMS: [&str; 6] = [
    "now",
    "today 9:30",
    "yesterday",
    "2026-11-26 10:00",
    "26-11-2026",
    "the year in full from 2000 to 2099",
];

#[test]
fn a_clock_outside_2000_to_2099_or_with_a_two_digit_year_is_refused_showing_the_accepted_forms() {
    let desk = Desk::new();
    for now in [
        "06-12-26 10:00",
        "0999-12-01 10:00",
        "9999-12-31T23:30:00Z",
        "9999-12-31 23:30",
        "2100-01-01 10:00",
    ] {
        let message = desk.refused(&[&["--now", now][..], &add_args(&[])].concat());
        assert!(
            message.contains(&format!("--now: \"{now}\" is not a date and time")),
            "{message}"
        );
        for form in ACCEPTED_FORMS {
            assert!(message.contains(form), "{now}: {form:?} not in {message}");
        }
    }
    assert!(desk.list(&["--all"]).is_empty(), "nothing was registered");
}

#[test]
fn dates_typed_outside_2000_to_2099_are_refused_wherever_they_are_typed() {
    let desk = Desk::new();
    let message = desk.refused(&add_args(&["--date", "20-11-26 10:00"]));
    assert!(
        message.contains("Complaint date: \"20-11-26 10:00\" is not a date or time"),
        "{message}"
    );
    assert!(
        message.contains("2026-11-20 14:00") && message.contains("2000 to 2099"),
        "{message}"
    );
    let id = desk.add(&[]);
    let message = desk.refused(&[
        "move",
        &id,
        "acknowledged",
        "--via",
        "email",
        "--at",
        "1999-11-23 09:00",
    ]);
    assert!(
        message.contains("\"1999-11-23 09:00\" is not a date or time"),
        "{message}"
    );
    assert_eq!(desk.state(&id), "received");
    let message = desk.refused(&["calendar", "due", "--from", "0226-12-23T10:00", "--days", "2"]);
    assert!(
        message.contains("the year in full from 2000 to 2099"),
        "{message}"
    );
    for year in ["1999", "2100"] {
        let message = desk.refused(&["calendar", "holidays", year]);
        assert!(
            message.contains("outside the years the desk covers (2000 to 2099)"),
            "{message}"
        );
    }
}

#[test]
fn one_line_fields_refuse_line_breaks_and_control_characters_naming_the_field() {
    let desk = Desk::new();
    for (option, value, field) in [
        ("--name", "Jan\nJansen", "Name"),
        ("--name", "Jan\rJansen", "Name"),
        ("--org", "Voorbeeld\tBV", "Organisation"),
        ("--org", "Voorbeeld\u{1b}]0;title\u{7}BV", "Organisation"),
        ("--email", "jan@voorbeeld.nl\nBcc: x@y.nl", "E-mail"),
        ("--phone", "06-1234\n5678", "Phone"),
    ] {
        let message = desk.refused(&add_args(&[option, value]));
        assert!(
            message.contains(&format!("{field} must be one line: no line breaks")),
            "{option}: {message}"
        );
    }
    assert!(desk.list(&["--all"]).is_empty(), "nothing was registered");
    // A description is many lines.
    let id = desk.add(&["--description", "First line.\nSecond line."]);
    assert_eq!(desk.show(&id)["description"], "First line.\nSecond line.");
    desk.step(&id, "acknowledged", &["--via", "email"]);
    let message = desk.refused(&["move", &id, "in-treatment", "--handler", "Anna\nde Boer"]);
    assert!(message.contains("Handler must be one line"), "{message}");
    assert_eq!(desk.state(&id), "acknowledged");
}

#[test]
fn a_database_path_that_is_a_file_is_refused_in_words() {
    let desk = Desk::new();
    let file = desk.path("cases.txt");
    fs::write(&file, "my notes").unwrap();
    for db in [file.clone(), file.join("db")] {
        let out = desk
            .bare()
            .env("KLACHTDESK_NOW", NOW)
            .arg("--db")
            .arg(&db)
            .arg("list")
            .output()
            .unwrap();
        let message = one_line_failure(&out, 2, "a file as the database");
        assert_eq!(
            message,
            format!(
                "klachtdesk: {} is a file, not a database folder; give --db a folder (a new one is made if it does not exist)",
                file.display()
            )
        );
    }
    assert_eq!(fs::read_to_string(&file).unwrap(), "my notes");
}

// ───────────────────────────── demo ─────────────────────────────

#[test]
fn the_demo_has_about_sixty_cases_in_every_state() {
    let desk = Desk::new();
    let out = desk.run(&["--demo", "list", "--all", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let cases: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!((50..=70).contains(&cases.len()), "{} demo cases", cases.len());
    let states: BTreeSet<&str> = cases.iter().map(|c| c["state"].as_str().unwrap()).collect();
    assert_eq!(states, STATES.into_iter().collect(), "every state has demo cases");
    let statuses: Vec<&str> = cases
        .iter()
        .flat_map(|c| ["acknowledge", "outcome"].map(|t| c["deadlines"][t]["status"].as_str().unwrap()))
        .collect();
    assert!(statuses.contains(&"breached"), "some demo cases are breached");
    assert!(statuses.contains(&"due-today"), "some demo cases are due today");
    assert!(stderr(&out).contains("Demo database with"), "{}", stderr(&out));

    // The operator's own database is not touched, and the demo one is gone.
    assert!(!desk.db().exists(), "--demo wrote to the configured database");
    let left: Vec<_> = fs::read_dir(desk.path("tmp")).unwrap().collect();
    assert!(left.is_empty(), "the demo database was not deleted: {left:?}");
}

// ───────────────────────────── language ─────────────────────────────

#[test]
fn lang_nl_gives_dutch_and_the_configured_language_wins() {
    let desk = Desk::new();
    let add = ["add", "--name", "Jan", "--service", "Other", "--description", "x"];
    let dutch = "Vul een telefoonnummer of e-mailadres in, zodat de klager bereikbaar is.";
    let english = "Give a phone number or an e-mail address, so the complainant can be reached.";
    let run = |lang: &str, var: &str, config: Option<&str>| {
        let mut cmd = desk.cmd();
        cmd.env(var, lang).args(add);
        if let Some(config) = config {
            cmd.arg("--config").arg(valid_config(config));
        }
        one_line_failure(
            &cmd.output().unwrap(),
            2,
            &format!("{var}={lang} config {config:?}"),
        )
    };
    assert_eq!(run("nl_NL.UTF-8", "LANG", None), format!("klachtdesk: {dutch}"));
    assert_eq!(run("C", "LANG", None), format!("klachtdesk: {english}"));
    assert_eq!(run("nl_NL.UTF-8", "LC_ALL", None), format!("klachtdesk: {dutch}"));
    assert_eq!(
        run("nl_NL.UTF-8", "LANG", Some("language_en.toml")),
        format!("klachtdesk: {english}")
    );
    assert_eq!(
        run("C", "LANG", Some("language_nl.toml")),
        format!("klachtdesk: {dutch}")
    );

    let id = desk.add(&[]);
    let out = desk
        .cmd()
        .env("LANG", "nl_NL.UTF-8")
        .args(["move", &id, "acknowledged", "--via", "email"])
        .output()
        .unwrap();
    assert_eq!(
        stdout(&out),
        "Opgeslagen: K-2026-0001 is nu \"Ontvangst bevestigd\".\n"
    );
}

// ───────────────────────────── database ─────────────────────────────

#[test]
fn a_second_process_on_the_same_database_gets_a_clear_error() {
    let desk = Desk::new();
    desk.add(&[]);
    let store = klachtdesk::store::Store::open(&desk.db()).unwrap();
    for args in [vec!["list"], vec!["show", "K-2026-0001"], add_args(&[])] {
        let message = one_line_failure(
            &desk.run(&args),
            1,
            &format!("{args:?} while the database is open"),
        );
        assert!(message.contains("in use by another klachtdesk"), "{message}");
        assert!(
            message.contains(&desk.db().display().to_string()),
            "names the database: {message}"
        );
    }
    drop(store);
    assert_eq!(
        desk.ids(&[]),
        ["K-2026-0001"],
        "usable again once the other one is gone"
    );
}

#[test]
fn the_database_folder_is_private() {
    let desk = Desk::new();
    let db = desk.path("nested/folders/db");
    let out = desk
        .bare()
        .args(["--now", NOW, "--db"])
        .arg(&db)
        .arg("list")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let mode = fs::metadata(&db).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700, "the database folder has mode {mode:o}");
}

#[test]
#[cfg(target_os = "linux")]
fn without_db_the_database_is_in_the_data_directory() {
    let desk = Desk::new();
    let out = desk
        .bare()
        .env("KLACHTDESK_NOW", NOW)
        .args(add_args(&[]))
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "K-2026-0001\n", "{}", stderr(&out));
    let db = desk.path("home/.local/share/klachtdesk/db");
    let mode = fs::metadata(&db).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700, "{} has mode {mode:o}", db.display());
    assert!(!desk.db().exists());
}

#[test]
fn the_flags_work_like_the_environment() {
    let desk = Desk::new();
    let db = desk.path("elsewhere");
    let out = desk
        .bare()
        .args(["--db"])
        .arg(&db)
        .args(["--now", "2026-11-20T14:00"])
        .args(add_args(&[]))
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "K-2026-0001\n", "{}", stderr(&out));
    let out = desk
        .bare()
        .env("KLACHTDESK_DB", &db)
        .env("KLACHTDESK_NOW", NOW)
        .args(["show", "K-2026-0001", "--json"])
        .output();
    let case: Value = serde_json::from_slice(&out.unwrap().stdout).unwrap();
    assert_eq!(
        case["registered_at"], "2026-11-20T13:00:00Z",
        "registered at the --now moment"
    );
    assert!(!desk.db().exists());

    // KLACHTDESK_CONFIG names a configuration as --config does.
    desk.bare()
        .env("KLACHTDESK_CONFIG", valid_config("closing_day.toml"))
        .args(["calendar", "due", "--from", "2026-11-20T16:30", "--days", "2"])
        .assert()
        .success()
        .stdout("2026-11-25\n");
}

// ───────────────────────────── failures ─────────────────────────────

#[test]
fn failures_are_one_line_without_a_backtrace() {
    let desk = Desk::new();
    let id = desk.add(&[]);
    let a_file = desk.path("a-file");
    fs::write(&a_file, "not a database").unwrap();
    let a_file = a_file.display().to_string();
    let missing = desk.path("missing.toml").display().to_string();
    let invalid = fixture("invalid_configs", "unknown_key.toml")
        .display()
        .to_string();
    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (
            vec!["--now", "teatime", "list"],
            2,
            "--now: \"teatime\" is not a date and time",
        ),
        (vec!["show", "K-2026-0042"], 2, "there is no case K-2026-0042"),
        (
            vec!["move", &id, "outcome"],
            2,
            "not possible while the case is \"Received\"",
        ),
        (
            vec!["--db", &a_file, "list"],
            2,
            "is a file, not a database folder",
        ),
        (
            vec!["--config", &missing, "list"],
            1,
            "cannot read the configuration",
        ),
        (vec!["--config", &invalid, "list"], 1, "line 1"),
    ];
    for (args, code, expected) in cases {
        let message = one_line_failure(&desk.run(&args), code, &format!("{args:?}"));
        assert!(message.contains(expected), "{args:?}: {message}");
    }
}

#[test]
fn clap_rejects_unknown_options_and_values_with_exit_code_2() {
    let desk = Desk::new();
    let id = desk.add(&[]);
    for args in [
        &["move", &id, "acknowledged", "--via", "fax"][..],
        &["list", "--colour"],
        &["calendar", "due", "--from", "2026-11-20T10:00"],
        &["frobnicate"],
    ] {
        let output = desk
            .cmd()
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .get_output()
            .clone();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.starts_with("klachtdesk: ") && stderr.trim_end().lines().count() == 1,
            "{args:?}: {stderr}"
        );
        assert!(
            stderr.contains("klachtdesk --help") && !stderr.contains("panicked"),
            "{stderr}"
        );
    }
    assert_eq!(desk.state(&id), "received");
}

// ───────────────────────────── configuration ─────────────────────────────

fn toml_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(fixture(dir, ""))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_valid_config_loads() {
    let desk = Desk::new();
    let files = toml_files("valid_configs");
    assert!(files.len() >= 10, "{files:?}");
    for file in files {
        let out = desk
            .cmd()
            .arg("--config")
            .arg(&file)
            .args(["calendar", "holidays", "2026"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}: {}", file.display(), stderr(&out));
        assert!(
            stdout(&out).contains("2026-12-25"),
            "{}: {}",
            file.display(),
            stdout(&out)
        );
        let out = desk
            .cmd()
            .arg("--config")
            .arg(&file)
            .args(["list", "--json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}: {}", file.display(), stderr(&out));
    }
}

/// Runs `calendar holidays 2026` with an invalid fixture: exit 1, and the
/// message names the file, the line and the key.
fn check_invalid(name: &str, line: usize, key: &str) {
    let desk = Desk::new();
    let file = fixture("invalid_configs", name);
    let out = desk
        .cmd()
        .arg("--config")
        .arg(&file)
        .args(["calendar", "holidays", "2026"])
        .output()
        .unwrap();
    let message = one_line_failure(&out, 1, name);
    let at = format!("klachtdesk: {}, line {line}: ", file.display());
    assert!(message.starts_with(&at), "expected {at:?} in {message:?}");
    assert!(
        message[at.len()..].contains(key),
        "expected the key {key:?} in {message:?}"
    );
}

macro_rules! invalid_configs {
    ($($(#[$meta:meta])* $test:ident: $file:literal, line $line:literal, key $key:literal;)*) => {
        $(
            #[test]
            $(#[$meta])*
            fn $test() {
                check_invalid($file, $line, $key);
            }
        )*

        #[test]
        fn every_invalid_config_has_a_test() {
            let tested: BTreeSet<&str> = [$($file),*].into_iter().collect();
            let present: Vec<String> = toml_files("invalid_configs")
                .iter()
                .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
                .collect();
            for file in &present {
                assert!(tested.contains(file.as_str()), "tests/invalid_configs/{file} has no test");
            }
            assert_eq!(present.len(), tested.len(), "a tested fixture is missing: {tested:?}");
        }
    };
}

invalid_configs! {
    invalid_unknown_key: "unknown_key.toml", line 1, key "colour";
    invalid_unknown_key_in_table: "unknown_key_in_table.toml", line 3, key "targets.final_days";
    invalid_unknown_language: "unknown_language.toml", line 3, key "language";
    invalid_unquoted_string: "unquoted_string.toml", line 1, key "operator";
    invalid_duplicate_key: "duplicate_key.toml", line 2, key "operator";
    invalid_services_not_a_list: "services_not_a_list.toml", line 1, key "services";
    invalid_outcome_days_as_text: "outcome_days_as_text.toml", line 2, key "targets.outcome_days";
    invalid_acknowledge_days_zero: "acknowledge_days_zero.toml", line 2, key "targets.acknowledge_days";
    invalid_recurrence_count_one: "recurrence_count_one.toml", line 2, key "patterns.recurrence_count";
    invalid_recurrence_days_zero: "recurrence_days_zero.toml", line 2, key "patterns.recurrence_days";
    invalid_outcome_days_too_many: "outcome_days_too_many.toml", line 3, key "targets.outcome_days";
    invalid_outcome_days_negative: "outcome_days_negative.toml", line 2, key "targets.outcome_days";
    invalid_end_of_day_not_a_time: "end_of_day_not_a_time.toml", line 2, key "targets.end_of_working_day";
    invalid_end_of_day_out_of_range: "end_of_day_out_of_range.toml", line 2, key "targets.end_of_working_day";
    invalid_end_of_day_as_number: "end_of_day_as_number.toml", line 2, key "targets.end_of_working_day";
    invalid_end_of_day_midnight: "end_of_day_midnight.toml", line 3, key "targets.end_of_working_day";
    invalid_closing_day_year_out_of_range: "closing_day_year_out_of_range.toml", line 2, key "calendar.closing_days";
    invalid_good_friday_not_a_bool: "good_friday_not_a_bool.toml", line 2, key "calendar.good_friday";
    invalid_liberation_day_unknown: "liberation_day_unknown.toml", line 2, key "calendar.liberation_day";
    invalid_closing_day_not_a_date: "closing_day_not_a_date.toml", line 2, key "calendar.closing_days";
    invalid_closing_day_with_time: "closing_day_with_time.toml", line 2, key "calendar.closing_days";
    invalid_closing_days_not_a_list: "closing_days_not_a_list.toml", line 2, key "calendar.closing_days";
    invalid_closing_days_multiline_bad_entry: "closing_days_multiline_bad_entry.toml", line 6, key "calendar.closing_days";
    invalid_table_as_number: "table_as_number.toml", line 1, key "targets";
    invalid_operator_without_name: "operator_without_name.toml", line 1, key "name";
    invalid_desk_unknown_key: "desk_unknown_key.toml", line 3, key "desk.port";
    invalid_operator_bad_ssh_key: "operator_bad_ssh_key.toml", line 1, key "ssh_keys";
    invalid_ssh_unknown_key: "ssh_unknown_key.toml", line 3, key "ssh.port";
    invalid_services_multiline_bad_entry: "services_multiline_bad_entry.toml", line 3, key "services";
    invalid_commented_header_bad_value: "commented_header_bad_value.toml", line 5, key "targets.outcome_days";
    invalid_backup_keep_days_zero: "backup_keep_days_zero.toml", line 2, key "backup.keep_days";
    invalid_backup_enabled_not_a_bool: "backup_enabled_not_a_bool.toml", line 2, key "backup.enabled";
    invalid_chase_after_days_zero: "chase_after_days_zero.toml", line 2, key "targets.chase_after_days";
    invalid_export_folder_relative: "export_folder_relative.toml", line 2, key "files.export_folder";
    invalid_export_folder_working_folder: "export_folder_working_folder.toml", line 2, key "files.export_folder";
}

#[test]
fn a_case_waiting_for_information_is_to_be_chased_after_the_configured_working_days() {
    let desk = Desk::new();
    let id = desk.add(&["--date", "2026-11-16T09:00"]);
    desk.step(
        &id,
        "acknowledged",
        &["--via", "email", "--at", "2026-11-16T10:00"],
    );
    desk.step(
        &id,
        "in-treatment",
        &["--handler", "Anna", "--at", "2026-11-16T11:00"],
    );
    // Asked on Wednesday 18 November: three working days before Monday the 23rd.
    desk.step(
        &id,
        "waiting",
        &["--request", "The scope, please.", "--at", "2026-11-18T10:00"],
    );
    let waiting = |config: Option<&Path>| {
        let mut cmd = desk.cmd();
        if let Some(config) = config {
            cmd.arg("--config").arg(config);
        }
        let out = cmd.args(["list", "--json"]).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let list: Value = serde_json::from_str(&stdout(&out)).unwrap();
        list[0]["deadlines"]["outcome"].clone()
    };
    let by_default = waiting(None);
    assert_eq!(by_default["status"], "paused");
    assert_eq!(by_default["working_days_waiting"], 3);
    assert_eq!(by_default["waiting_since"], "2026-11-18T09:00:00Z");
    assert_eq!(by_default["chase"], false, "the default is 5 working days");
    assert_eq!(
        waiting(Some(&valid_config("chase_after_days.toml")))["chase"],
        true
    );
    let listed = desk.ok(&["list"]);
    assert_eq!(lines_with(&listed, "waiting 3 wd").len(), 1, "{listed}");
}

#[test]
fn a_config_with_every_key_is_obeyed() {
    let desk = Desk::new();
    let config = valid_config("all_keys.toml");
    let run = |args: &[&str]| {
        let out = desk
            .cmd()
            .arg("--config")
            .arg(&config)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    let holidays = run(&["calendar", "holidays", "2026"]);
    for line in [
        "2026-04-03  Fri 3 Apr 2026  Good Friday",
        "2026-05-05  Tue 5 May 2026  Liberation Day",
        "2026-12-24  Thu 24 Dec 2026  Company closing day",
        "2026-12-31  Thu 31 Dec 2026  Company closing day",
    ] {
        assert!(
            holidays.lines().any(|l| l == line),
            "expected {line:?} in:\n{holidays}"
        );
    }
    // 24 (closing), 25, 26 (Christmas), 27 (Sunday) are off.
    assert_eq!(
        run(&["calendar", "due", "--from", "2026-12-23T10:00", "--days", "2"]),
        "2026-12-29\n"
    );

    // Only the configured services, matched ignoring case.
    let id = run(&add_args(&["--service", "red TEAMING"]));
    assert_eq!(id, "K-2026-0001\n");
    let case: Value = serde_json::from_str(&run(&["show", "K-2026-0001", "--json"])).unwrap();
    assert_eq!(case["service"], "Red teaming");
    assert_eq!(case["registered_by"], "Anna de Vries", "the configured operator");
    // Three working days to acknowledge, ending at 17:30.
    assert_eq!(case["deadlines"]["acknowledge"]["due"], "2026-11-26");
    assert_eq!(
        case["deadlines"]["acknowledge"]["deadline"],
        "2026-11-26T16:30:00Z"
    );

    let out = desk
        .cmd()
        .arg("--config")
        .arg(&config)
        .args(add_args(&[]))
        .output()
        .unwrap();
    let message = one_line_failure(&out, 2, "a service outside the configured catalogue");
    assert!(
        message.contains("\"Penetration testing\" is not a known service"),
        "{message}"
    );
    assert!(
        message.contains("Red teaming, Security monitoring (SOC), Other"),
        "{message}"
    );
}

#[test]
fn liberation_day_every_fifth_year() {
    let desk = Desk::new();
    let holidays = |year: &str| {
        let out = desk
            .cmd()
            .arg("--config")
            .arg(valid_config("liberation_every_fifth_year.toml"))
            .args(["calendar", "holidays", year])
            .output()
            .unwrap();
        stdout(&out)
    };
    assert!(
        holidays("2025").contains("2025-05-05  Mon 5 May 2025  Liberation Day"),
        "{}",
        holidays("2025")
    );
    assert!(
        !holidays("2026").contains("Liberation Day"),
        "{}",
        holidays("2026")
    );
}

#[test]
#[cfg(target_os = "linux")]
fn without_config_the_platform_config_file_is_read() {
    let desk = Desk::new();
    let dir = desk.path("home/.config/klachtdesk");
    fs::create_dir_all(&dir).unwrap();
    let file = dir.join("config.toml");
    fs::copy(valid_config("operator.toml"), &file).unwrap();
    let id = desk.add(&[]);
    assert_eq!(desk.show(&id)["registered_by"], "Piet Pietersen");

    fs::write(&file, "[targets]\noutcome_days = \"ten\"\n").unwrap();
    let message = one_line_failure(&desk.run(&["list"]), 1, "a malformed default configuration");
    assert!(
        message.contains(&format!("{}, line 2: ", file.display())),
        "{message}"
    );
    assert!(message.contains("targets.outcome_days"), "{message}");
}

// ───────────────────────────── several at once ─────────────────────────────

/// Commands hold the database for milliseconds; others started at the same
/// moment wait for it rather than fail with "in use" (6 in 712 did).
#[test]
fn commands_started_together_wait_for_each_other_and_all_succeed() {
    let desk = Desk::new();
    desk.add(&[]);
    std::thread::scope(|scope| {
        let runs: Vec<_> = (0..6)
            .map(|n| {
                let desk = &desk;
                scope.spawn(move || {
                    for round in 0..4 {
                        let text = format!("Call {n}.{round}.");
                        let args = ["log", "K-2026-0001", "--kind", "note", "--text", &text];
                        let out = desk.run(&args);
                        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
                        let out = desk.run(&["list", "--all"]);
                        assert!(out.status.success(), "list: {}", stderr(&out));
                    }
                })
            })
            .collect();
        for run in runs {
            run.join().unwrap();
        }
    });
    assert_eq!(
        desk.show("K-2026-0001")["contact_log"].as_array().unwrap().len(),
        24
    );
}

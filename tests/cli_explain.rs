//! "Why is this due then?" on the command line: `calendar explain` shows the
//! clock a case runs now day by day, `calendar due --explain` the count behind
//! a due date, each day off by its name in the operator's language.

#[path = "support/cli.rs"]
mod cli;

use assert_cmd::Command;
use cli::{Cli, NOW};
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

/// `args` run by assert_cmd in the desk's private home, the clock at `now`.
fn run_at(cli: &Cli, now: &str, args: &[&str]) -> assert_cmd::assert::Assert {
    let mut all = vec!["--now", now];
    all.extend(args);
    Command::from_std(cli.command(&all)).assert()
}

fn stdout_at(cli: &Cli, now: &str, lang: &str, args: &[&str]) -> String {
    let mut all = vec!["--now", now];
    all.extend(args);
    let mut cmd = Command::from_std(cli.command(&all));
    let out = cmd
        .env("LANG", lang)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn due_explain_prints_the_date_first_then_every_day_counted_or_skipped_by_name() {
    let cli = Cli::new();
    let args = ["calendar", "due", "--from", "2026-05-22T18:00", "--days", "2"];
    let plain = stdout_at(&cli, NOW, "C", &args);
    let mut explain = args.to_vec();
    explain.push("--explain");
    let en = stdout_at(&cli, NOW, "C", &explain);
    let first = en.lines().next().unwrap();
    assert_eq!(
        format!("{first}\n"),
        plain,
        "the first line is what `calendar due` prints"
    );
    assert_eq!(first, "2026-05-27");
    for line in [
        "  Fri 22 May 2026  start after 17:00, the end of the working day: does not count",
        "  Sat 23 May 2026  skipped: Saturday",
        "  Sun 24 May 2026  skipped: Whit Sunday",
        "  Mon 25 May 2026  skipped: Whit Monday",
        "  Tue 26 May 2026  working day 1",
        "  Wed 27 May 2026  working day 2",
        "A working day ends at 17:00.",
        "Due: Wed 27 May 2026 17:00",
    ] {
        assert!(en.lines().any(|l| l == line), "expected {line:?} in:\n{en}");
    }

    let nl = stdout_at(&cli, NOW, "nl_NL.UTF-8", &explain);
    assert_eq!(nl.lines().next(), Some("2026-05-27"));
    for line in [
        "  za 23 mei 2026   overgeslagen: zaterdag",
        "  ma 25 mei 2026   overgeslagen: Tweede Pinksterdag",
        "  di 26 mei 2026   werkdag 1",
        "Uiterlijk: wo 27 mei 2026 17:00",
    ] {
        assert!(nl.lines().any(|l| l == line), "expected {line:?} in:\n{nl}");
    }
}

#[test]
fn due_explain_names_a_configured_closing_day() {
    let cli = Cli::new();
    let config = cli.path("closing.toml");
    std::fs::write(&config, "[calendar]\nclosing_days = [2026-12-24]\n").unwrap();
    let out = Command::from_std(cli.command(&[
        "--config",
        config.to_str().unwrap(),
        "calendar",
        "due",
        "--from",
        "2026-12-23T09:00",
        "--days",
        "1",
        "--explain",
    ]))
    .assert()
    .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(text.lines().next(), Some("2026-12-28"));
    assert!(
        text.contains("Thu 24 Dec 2026  skipped: Company closing day"),
        "{text}"
    );
    assert!(text.contains("Fri 25 Dec 2026  skipped: Christmas Day"), "{text}");
}

#[test]
fn explain_shows_the_running_clock_from_the_step_that_started_it() {
    let cli = Cli::new();
    let id = cli.add_at("2026-11-23T10:00", "Jan Jansen", "jan@example.org");
    let text = stdout_at(&cli, "2026-11-23T11:00", "C", &["calendar", "explain", &id]);
    for line in [
        "Clock: acknowledgement of receipt, 2 working days",
        "Counted from: the complaint, Mon 23 Nov 2026 10:00",
        "  Mon 23 Nov 2026  start: does not count",
        "  Wed 25 Nov 2026  working day 2",
        "Due: Wed 25 Nov 2026 17:00",
        "No target has been met yet.",
    ] {
        assert!(text.lines().any(|l| l == line), "expected {line:?} in:\n{text}");
    }

    cli.ok_at(
        "2026-11-23T12:00",
        &["move", &id, "acknowledged", "--via", "email"],
    );
    cli.ok_at(
        "2026-11-24T12:00",
        &["move", &id, "in-treatment", "--handler", "anna"],
    );
    cli.ok_at(
        "2026-11-25T12:00",
        &["move", &id, "waiting", "--request", "The invoice."],
    );
    let waiting = stdout_at(&cli, "2026-11-26T12:00", "C", &["calendar", "explain", &id]);
    assert!(
        waiting.contains(
            "The outcome clock is paused: waiting for information since Wed 25 Nov 2026 12:00 (1 wd)."
        ),
        "{waiting}"
    );
    assert!(waiting.contains("Acknowledgement (2 wd)"), "{waiting}");

    cli.ok_at(
        "2026-11-27T12:00",
        &["move", &id, "in-treatment", "--note", "Received."],
    );
    let nl = stdout_at(
        &cli,
        "2026-11-27T13:00",
        "nl_NL.UTF-8",
        &["calendar", "explain", &id],
    );
    for line in [
        "Klok: uitkomst, 10 werkdagen",
        "Geteld vanaf: Informatie ontvangen, vr 27 nov 2026 12:00",
        "  za 28 nov 2026   overgeslagen: zaterdag",
        "  vr 11 dec 2026   werkdag 10",
        "Uiterlijk: vr 11 dec 2026 17:00",
    ] {
        assert!(nl.lines().any(|l| l == line), "expected {line:?} in:\n{nl}");
    }
}

#[test]
fn explain_of_a_closed_case_gives_its_recorded_verdicts() {
    let cli = Cli::new();
    let id = cli.add_at("2026-11-20T10:00", "Jan Jansen", "jan@example.org");
    cli.ok_at(
        "2026-11-20T11:00",
        &["move", &id, "acknowledged", "--via", "email"],
    );
    cli.ok_at(
        "2026-11-20T12:00",
        &["move", &id, "in-treatment", "--handler", "anna"],
    );
    let outcome = [
        "--root-cause",
        "Late.",
        "--solution",
        "Sent.",
        "--outcome",
        "Sent.",
    ];
    let mut args = vec!["move", &id, "outcome"];
    args.extend(outcome);
    cli.ok_at("2026-11-20T13:00", &args);
    cli.ok_at(
        "2026-11-20T14:00",
        &[
            "move",
            &id,
            "closed",
            "--learnings",
            "none",
            "--satisfaction",
            "satisfied",
        ],
    );
    run_at(&cli, NOW, &["calendar", "explain", &id])
        .success()
        .stdout(contains("No deadline clock runs for this case now."))
        .stdout(contains("Recorded verdicts:"))
        .stdout(contains(
            "Outcome (10 wd) from Fri 20 Nov 2026 12:00, due Fri 4 Dec 2026 17:00: met on time",
        ));
}

#[test]
fn explain_of_an_unknown_or_malformed_case_says_so_without_a_panic() {
    let cli = Cli::new();
    cli.add_at(NOW, "Jan Jansen", "jan@example.org");
    let unknown = run_at(&cli, NOW, &["calendar", "explain", "K-2026-0099"]);
    let shown = Command::from_std(cli.command(&["show", "K-2026-0099"])).assert();
    let code = shown.get_output().status.code();
    unknown
        .code(code.unwrap())
        .stderr(contains("there is no case K-2026-0099"))
        .stderr(contains("panicked").not());
    run_at(&cli, NOW, &["calendar", "explain", "nonsense"])
        .failure()
        .stderr(contains(
            "\"nonsense\" is not a case number; they look like K-2026-0042.",
        ));
}

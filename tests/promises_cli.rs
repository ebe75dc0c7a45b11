//! Promises to the complainant on the command line: `list --breached` and
//! `--due-today` include a case whose promise is broken or due, `list` shows
//! it in the deadline column, `show` lists the promises, `--json` carries
//! them and the promise's clock.

#[path = "support/cli.rs"]
mod cli;

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;
use cli::Cli;
use klachtdesk::domain::case::CaseId;
use klachtdesk::domain::workflow::{Command, Ctx, Rules};
use klachtdesk::store::Store;

fn ams(text: &str) -> DateTime<Utc> {
    let local = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap();
    Amsterdam
        .from_local_datetime(&local)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

/// Two complaints of Monday 23 November; the second promised a call back
/// by Tuesday 12:00 (made on the desk's database while no desk runs).
fn desk_with_a_promise() -> (Cli, String, String) {
    let cli = Cli::new();
    let plain = cli.add_at("2026-11-23T09:00", "Jan de Vries", "jan@example.nl");
    let promised = cli.add_at("2026-11-23T09:05", "Els Bakker", "els@example.nl");
    let store = Store::open(&cli.path("db")).unwrap();
    let rules = Rules::default();
    let ctx = Ctx {
        now: ams("2026-11-23T09:30"),
        actor: "tester",
        rules: &rules,
    };
    let command = Command::MakePromise {
        what: "call back".into(),
        due: ams("2026-11-24T12:00"),
    };
    store
        .execute(CaseId::parse(&promised).unwrap(), None, &command, &ctx)
        .unwrap();
    (cli, plain, promised)
}

#[test]
fn list_breached_includes_a_case_whose_promise_is_broken() {
    let (cli, plain, promised) = desk_with_a_promise();
    // Tuesday 13:00: no target has passed (acknowledgement is due Wednesday), the promise has.
    let breached = cli.ok_at("2026-11-24T13:00", &["list", "--breached"]);
    assert!(breached.contains(&promised), "{breached}");
    assert!(!breached.contains(&plain), "{breached}");
    assert!(breached.contains("! call back today 12:00"), "{breached}");

    let due = cli.ok_at("2026-11-24T09:00", &["list", "--due-today"]);
    assert!(due.contains(&promised) && !due.contains(&plain), "{due}");
    assert!(due.contains("call back today 12:00"), "{due}");
    let before = cli.ok_at("2026-11-24T09:00", &["list", "--breached"]);
    assert!(!before.contains(&promised), "{before}");

    // The queue order: the broken promise first, though registered later.
    let all = cli.ok_at("2026-11-24T13:00", &["list"]);
    let (at_promised, at_plain) = (all.find(&promised).unwrap(), all.find(&plain).unwrap());
    assert!(at_promised < at_plain, "{all}");
}

#[test]
fn show_lists_the_promises_and_json_carries_them_with_their_clock() {
    let (cli, _, promised) = desk_with_a_promise();
    let shown = cli.ok_at("2026-11-24T13:00", &["show", &promised]);
    assert!(
        shown.contains("Promises\n  ! call back: due Tue 24 Nov 2026 12:00"),
        "broken at 13:00, and marked so: {shown}"
    );
    let before = cli.ok_at("2026-11-24T11:00", &["show", &promised]);
    assert!(
        before.contains("Promises\n  call back: due Tue 24 Nov 2026 12:00"),
        "{before}"
    );

    let json: serde_json::Value =
        serde_json::from_slice(&cli.ok(&["--now", "2026-11-24T13:00", "list", "--breached", "--json"]))
            .unwrap();
    let case = &json[0];
    assert_eq!(case["id"], promised.as_str());
    assert_eq!(case["promises"][0]["what"], "call back");
    assert_eq!(case["deadlines"]["promise"]["status"], "breached");
    assert_eq!(case["deadlines"]["promise"]["deadline"], "2026-11-24T11:00:00Z");
}

//! The built-in services in the operator's language: one id stored, the name
//! shown in English or Dutch, and any of those names accepted where one is typed.

#[path = "support/cli.rs"]
mod cli_support;
mod support;

use cli_support::Cli;
use klachtdesk::app::Modal;
use klachtdesk::domain::case::CaseId;
use klachtdesk::domain::problem::Field;
use klachtdesk::domain::workflow::State;
use klachtdesk::i18n::Lang;
use serde_json::Value;
use support::*;

/// An open case of the demo queue about penetration testing.
fn pentest_case(d: &Desk) -> CaseId {
    let queue = d.app.cases.read();
    queue
        .iter()
        .find(|c| c.is_open() && c.service == "Penetration testing")
        .map(|c| c.id)
        .expect("the demo queue has an open pentest case")
}

fn shown(d: &Desk) -> String {
    screen(&d.app).join("\n")
}

#[test]
fn the_same_stored_case_shows_its_service_in_the_operators_language() {
    let mut d = Desk::demo();
    let id = pentest_case(&d);
    d.select(id);
    d.press("enter");
    assert!(d.app.pane.is_some(), "the case is open beside the board");
    let english = shown(&d);
    assert!(english.contains("Penetration testing"), "{english}");
    assert!(!english.contains("Penetratietesten"), "{english}");

    d.app.lang = Lang::Nl;
    let dutch = shown(&d);
    assert!(dutch.contains("Penetratietesten"), "{dutch}");
    assert!(!dutch.contains("Penetration testing"), "{dutch}");
    assert_eq!(
        d.stored(id).service,
        "Penetration testing",
        "the id is what is stored"
    );

    d.press("esc tab");
    let queue = shown(&d);
    assert!(queue.contains("Penetratietesten"), "the queue view too: {queue}");
}

#[test]
fn the_intake_lists_and_filters_the_services_in_the_operators_language() {
    let mut d = Desk::demo();
    d.app = app_over(&d.store, "anna", Lang::Nl);
    let count = d.store.len();
    d.press("n");
    d.type_text("Jan Jansen");
    d.press("tab");
    d.type_text("06-11112222");
    d.press("tab tab tab");
    assert_eq!(focused(&d.app), Field::Service);
    let list = form(&d.app).form.focused().unwrap();
    assert_eq!(list.suggestions().len(), 6);
    assert!(list.suggestions().contains(&"Overig"));
    d.type_text("bew");
    let list = form(&d.app).form.focused().unwrap();
    assert_eq!(list.suggestions(), ["Bewustwordingstraining"]);
    d.press("down enter");
    assert_eq!(text_of(&d.app, Field::Service), "Bewustwordingstraining");
    d.press("tab tab");
    d.type_text("De training was te kort.");
    d.press("ctrl-s");
    assert!(matches!(d.app.modal, Some(Modal::Registered(_))), "registered");
    assert_eq!(d.store.len(), count + 1);
    let stored = d.store.load().cases;
    let newest = stored.iter().max_by_key(|c| c.id).unwrap();
    assert_eq!(newest.service, "Awareness training");
}

#[test]
fn an_english_operator_filters_on_the_english_names() {
    let mut d = Desk::demo();
    d.press("n tab tab tab tab");
    d.type_text("bew");
    assert!(form(&d.app).form.focused().unwrap().suggestions().is_empty());
}

#[test]
fn editing_the_service_in_dutch_stores_the_id() {
    let mut d = Desk::demo();
    d.app.lang = Lang::Nl;
    let id = d.first_in(State::Received);
    d.select(id);
    d.press("enter");
    let row = klachtdesk::app::pane::PANE_FIELDS
        .iter()
        .position(|f| *f == Field::Service)
        .unwrap();
    for _ in 0..row {
        d.press("down");
    }
    d.press("enter");
    assert_eq!(focused(&d.app), Field::Service);
    let before = text_of(&d.app, Field::Service);
    let stored = d.stored(id).service;
    assert_eq!(
        before,
        klachtdesk::i18n::service_name(Lang::Nl, &stored),
        "the editor starts in Dutch"
    );
    for _ in before.chars() {
        d.press("backspace");
    }
    d.type_text("Advies");
    d.press("ctrl-s");
    assert_eq!(d.stored(id).service, "Consultancy");
    assert!(shown(&d).contains("Advies"));
}

// ───────────────────────────── the command line ─────────────────────────────

fn add(cli: &Cli, service: &str) -> String {
    let args = [
        "add",
        "--name",
        "Jan Jansen",
        "--phone",
        "06-12345678",
        "--service",
        service,
        "--description",
        "Het rapport kwam te laat.",
    ];
    String::from_utf8(cli.ok(&args)).unwrap().trim().to_string()
}

fn json(cli: &Cli, args: &[&str]) -> Value {
    serde_json::from_slice(&cli.ok(args)).unwrap()
}

fn in_dutch(cli: &Cli, args: &[&str]) -> std::process::Output {
    cli.command(args).env("LANG", "nl_NL.UTF-8").output().unwrap()
}

#[test]
fn the_command_line_takes_a_service_by_its_id_or_either_name() {
    let cli = Cli::new();
    let dutch = add(&cli, "penetratieTESTEN");
    let english = add(&cli, "Penetration testing");
    let other = add(&cli, "overig");
    for id in [&dutch, &english] {
        assert_eq!(
            json(&cli, &["show", id, "--json"])["service"],
            "Penetration testing"
        );
    }
    assert_eq!(json(&cli, &["show", &other, "--json"])["service"], "Other");

    for given in ["Penetratietesten", "penetration testing"] {
        let listed = json(&cli, &["list", "--service", given, "--json"]);
        let ids: Vec<&str> = listed
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids.len(), 2, "{given}: {listed}");
        assert!(ids.contains(&dutch.as_str()) && ids.contains(&english.as_str()));
    }

    let listed = String::from_utf8(in_dutch(&cli, &["list"]).stdout).unwrap();
    assert!(
        listed.contains("Penetratietesten") && listed.contains("Overig"),
        "{listed}"
    );
    let english_list = String::from_utf8(cli.ok(&["list"])).unwrap();
    assert!(english_list.contains("Penetration testing"), "{english_list}");
    let shown = String::from_utf8(in_dutch(&cli, &["show", &dutch]).stdout).unwrap();
    assert!(shown.contains("Penetratietesten"), "{shown}");
}

#[test]
fn an_unknown_service_is_refused_with_the_names_in_the_operators_language() {
    let cli = Cli::new();
    let out = in_dutch(
        &cli,
        &[
            "add",
            "--name",
            "Jan",
            "--phone",
            "0612345678",
            "--service",
            "Catering",
            "--description",
            "x",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let message = String::from_utf8(out.stderr).unwrap();
    assert!(
        message.contains("\"Catering\" is geen bekende dienst")
            && message.contains("Penetratietesten, SOC-monitoring, Incidentrespons"),
        "{message}"
    );
    let message = cli.fails(&["list", "--service", "Catering"], 2);
    assert!(
        message.contains("Penetration testing, Security monitoring (SOC)"),
        "{message}"
    );
}

#[test]
fn an_export_holding_english_names_imports_and_reads_in_dutch() {
    let cli = Cli::new();
    let id = add(&cli, "Incident response");
    let export = cli.path("cases.json");
    cli.ok(&["export", "--all", "--out", export.to_str().unwrap()]);
    let text = std::fs::read_to_string(&export).unwrap();
    assert!(
        text.contains("\"service\": \"Incident response\""),
        "exports carry the id"
    );

    let other = cli.path("other-db");
    let imported = cli
        .command_on(&other, &["import", export.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let shown = cli
        .command_on(&other, &["show", &id])
        .env("LANG", "nl_NL.UTF-8")
        .output()
        .unwrap();
    let shown = String::from_utf8(shown.stdout).unwrap();
    assert!(shown.contains("Incidentrespons"), "{shown}");
}

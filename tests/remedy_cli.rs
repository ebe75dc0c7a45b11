//! What the complainant wants, on the command line: `add --remedy`, `show`,
//! `move … outcome --granted`, the letter, the exports and the report.

#[path = "support/cli.rs"]
mod cli;

use cli::Cli;
use serde_json::Value;

/// A complaint registered with `remedy` (and its words); its number.
fn add_with(w: &Cli, remedy: &[&str]) -> String {
    let mut args = vec![
        "add",
        "--name",
        "Jan de Vries",
        "--email",
        "jan@example.nl",
        "--service",
        "Consultancy",
        "--description",
        "The report came late.",
    ];
    args.extend(remedy);
    String::from_utf8(w.ok(&args)).unwrap().trim().to_string()
}

/// The case moved on to where the outcome is communicated next.
fn in_treatment(w: &Cli, id: &str) {
    w.ok(&["move", id, "acknowledged", "--via", "email"]);
    w.ok(&["move", id, "in-treatment", "--handler", "Anna"]);
}

const OUTCOME: [&str; 6] = [
    "--root-cause",
    "Planning",
    "--solution",
    "Extra reviewer",
    "--outcome",
    "We refund the fee.",
];

fn shown(w: &Cli, id: &str) -> String {
    String::from_utf8(w.ok(&["show", id])).unwrap()
}

fn json(bytes: Vec<u8>) -> Value {
    serde_json::from_slice(&bytes).unwrap()
}

#[test]
fn add_records_the_remedy_sought_and_show_gives_it() {
    let w = Cli::new();
    let id = add_with(&w, &["--remedy", "refund", "--remedy-text", "the fee back"]);
    let text = shown(&w, &id);
    let line = text
        .lines()
        .find(|l| l.contains("Remedy sought"))
        .unwrap_or_default();
    assert!(line.contains("Refund — the fee back"), "{text}");
    let case = json(w.ok(&["show", &id, "--json"]));
    assert_eq!(case["remedy_sought"]["remedy"], "refund");
    assert_eq!(case["remedy_sought"]["text"], "the fee back");
    assert_eq!(case["remedy_granted"], Value::Null);
}

#[test]
fn without_a_remedy_show_says_nothing_of_it() {
    let w = Cli::new();
    let id = add_with(&w, &[]);
    assert!(!shown(&w, &id).contains("Remedy"));
    assert_eq!(json(w.ok(&["show", &id, "--json"]))["remedy_sought"], Value::Null);
}

#[test]
fn a_wrong_remedy_is_refused_naming_the_accepted_ones_in_the_operators_language() {
    let w = Cli::new();
    let args = [
        "add",
        "--name",
        "Jan",
        "--email",
        "jan@example.nl",
        "--service",
        "Consultancy",
        "--description",
        "Late.",
        "--remedy",
        "money",
    ];
    let message = w.fails(&args, 2);
    assert!(message.contains("\"money\" is not a remedy"), "{message}");
    for slug in ["apology", "correction", "refund", "call", "other"] {
        assert!(message.contains(slug), "{message}");
    }
    let out = w.command(&args).env("LANG", "nl_NL.UTF-8").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let dutch = String::from_utf8(out.stderr).unwrap();
    assert!(dutch.contains("\"money\" is geen oplossing"), "{dutch}");
    assert!(dutch.contains("refund (Terugbetaling)"), "{dutch}");
    assert!(!String::from_utf8(w.ok(&["list"])).unwrap().contains("Jan"));
}

#[test]
fn other_needs_the_complainants_words_and_words_need_a_remedy() {
    let w = Cli::new();
    let base = [
        "add",
        "--name",
        "Jan",
        "--email",
        "jan@example.nl",
        "--service",
        "Consultancy",
        "--description",
        "Late.",
    ];
    let other = [&base[..], &["--remedy", "other"]].concat();
    let message = w.fails(&other, 2);
    assert!(message.contains("In their words"), "{message}");
    let words = [&base[..], &["--remedy-text", "flowers"]].concat();
    let message = w.fails(&words, 2);
    assert!(message.contains("Remedy sought"), "{message}");
}

#[test]
fn the_outcome_asks_whether_the_remedy_was_granted_when_one_was_sought() {
    let w = Cli::new();
    let id = add_with(&w, &["--remedy", "refund"]);
    in_treatment(&w, &id);
    let message = w.fails(&[&["move", &id, "outcome"][..], &OUTCOME].concat(), 2);
    assert!(message.contains("Remedy granted"), "{message}");
    let message = w.fails(
        &[&["move", &id, "outcome", "--granted", "maybe"][..], &OUTCOME].concat(),
        2,
    );
    assert!(
        message.contains("granted (Granted), partly (Partly), not (Not granted)"),
        "{message}"
    );
    w.ok(&[&["move", &id, "outcome", "--granted", "partly"][..], &OUTCOME].concat());
    let text = shown(&w, &id);
    let line = text
        .lines()
        .find(|l| l.contains("Remedy granted"))
        .unwrap_or_default();
    assert!(line.contains("Partly"), "{text}");
    let case = json(w.ok(&["show", &id, "--json"]));
    assert_eq!(case["state"], "outcome");
    assert_eq!(case["remedy_granted"], "partly");
    // The audit trail shows it, saved with the step.
    assert!(text.contains("Remedy granted: \"\" → \"Partly\""), "{text}");
}

#[test]
fn without_a_remedy_sought_the_outcome_asks_nothing_more() {
    let w = Cli::new();
    let id = add_with(&w, &[]);
    in_treatment(&w, &id);
    w.ok(&[&["move", &id, "outcome"][..], &OUTCOME].concat());
    // --granted is an option of the outcome only.
    let message = w.fails(&["move", &id, "closed", "--granted", "not"], 2);
    assert!(message.contains("--granted"), "{message}");
}

#[test]
fn the_outcome_letter_says_what_was_asked_for() {
    let w = Cli::new();
    let id = add_with(&w, &["--remedy", "apology"]);
    in_treatment(&w, &id);
    w.ok(&[&["move", &id, "outcome", "--granted", "granted"][..], &OUTCOME].concat());
    let en = String::from_utf8(w.ok(&["letter", &id, "--kind", "outcome", "--lang", "en"])).unwrap();
    assert!(en.contains("You asked us for an apology. We hope"), "{en}");
    let nl = String::from_utf8(w.ok(&["letter", &id, "--kind", "outcome", "--lang", "nl"])).unwrap();
    assert!(nl.contains("U vroeg ons om excuses. Wij hopen"), "{nl}");
}

#[test]
fn exports_carry_the_remedy_and_an_import_reads_it_back() {
    let w = Cli::new();
    let id = add_with(&w, &["--remedy", "call", "--remedy-text", "before Friday"]);
    in_treatment(&w, &id);
    w.ok(&[&["move", &id, "outcome", "--granted", "not"][..], &OUTCOME].concat());
    let exported = w.ok(&["export", "--all"]);
    let cases = json(exported.clone());
    let case = &cases["cases"][0];
    assert_eq!(case["remedy_sought"]["remedy"], "call", "{cases}");
    assert_eq!(case["remedy_granted"], "not");

    std::fs::write(w.path("cases.json"), &exported).unwrap();
    let other = Cli::new();
    std::fs::copy(w.path("cases.json"), other.path("cases.json")).unwrap();
    other.ok(&["import", "cases.json"]);
    let read = json(other.ok(&["show", &id, "--json"]));
    assert_eq!(read["remedy_sought"]["text"], "before Friday");
    assert_eq!(read["remedy_granted"], "not");

    let csv = String::from_utf8(w.ok(&["export", "--all", "--format", "csv"])).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let row: Vec<&str> = lines.next().unwrap().split(',').collect();
    let at = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!(at("remedy"), "call");
    assert_eq!(at("remedy_text"), "before Friday");
    assert_eq!(at("remedy_granted"), "not");
}

#[test]
fn the_report_gives_the_share_of_outcomes_that_granted_the_remedy_sought() {
    let w = Cli::new();
    for (remedy, granted) in [("refund", "granted"), ("apology", "granted"), ("call", "not")] {
        let id = add_with(&w, &["--remedy", remedy]);
        in_treatment(&w, &id);
        w.ok(&[&["move", &id, "outcome", "--granted", granted][..], &OUTCOME].concat());
    }
    // An outcome to a complainant who asked for nothing is not counted.
    let id = add_with(&w, &[]);
    in_treatment(&w, &id);
    w.ok(&[&["move", &id, "outcome"][..], &OUTCOME].concat());

    let text = String::from_utf8(w.ok(&["report"])).unwrap();
    let section: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("Remedy granted"))
        .take(4)
        .collect();
    assert!(section[0].ends_with('3'), "{text}");
    assert!(
        section[1].contains("Granted") && section[1].contains("2 (67%)"),
        "{text}"
    );
    assert!(
        section[2].contains("Partly") && section[2].contains("0"),
        "{text}"
    );
    assert!(
        section[3].contains("Not granted") && section[3].contains("1 (33%)"),
        "{text}"
    );

    let report = json(w.ok(&["report", "--json"]));
    assert_eq!(report["remedy_granted"]["granted"], 2, "{report}");
    assert_eq!(report["remedy_granted"]["partly"], 0);
    assert_eq!(report["remedy_granted"]["not"], 1);

    let csv = String::from_utf8(w.ok(&["report", "--csv"])).unwrap();
    assert!(csv.contains("remedy_granted,granted,,,2"), "{csv}");
    assert!(csv.contains("remedy_granted,not,,,1"), "{csv}");
}

/// Every byte of the database's files.
fn database_files(dir: &std::path::Path) -> Vec<u8> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            all.extend(database_files(&path));
        } else {
            all.extend(std::fs::read(&path).unwrap());
        }
    }
    all
}

#[test]
fn erasing_a_person_removes_their_words_and_keeps_what_they_asked_for() {
    let w = Cli::new();
    let id = add_with(
        &w,
        &["--remedy", "other", "--remedy-text", "a visit from Mr Geheim"],
    );
    in_treatment(&w, &id);
    w.ok(&[&["move", &id, "outcome", "--granted", "not"][..], &OUTCOME].concat());
    w.ok(&[
        "move",
        &id,
        "closed",
        "--learnings",
        "None",
        "--satisfaction",
        "unknown",
    ]);
    w.ok(&["subject", "erase", "--email", "jan@example.nl"]);
    let case = json(w.ok(&["show", &id, "--json"]));
    assert_eq!(case["remedy_sought"]["remedy"], "other");
    assert_eq!(case["remedy_sought"]["text"], "[removed]");
    assert_eq!(case["remedy_granted"], "not", "the figures keep it");
    let files = database_files(&w.path("db"));
    let secret = b"Mr Geheim";
    assert!(
        !files.windows(secret.len()).any(|window| window == secret),
        "the complainant's words are gone from the database files"
    );
}

#[test]
fn an_export_without_the_remedy_fields_imports_with_none_sought() {
    let w = Cli::new();
    let id = add_with(&w, &[]);
    let mut cases = json(w.ok(&["export", "--all"]));
    let case = cases["cases"][0].as_object_mut().unwrap();
    assert!(case.remove("remedy_sought").is_some() && case.remove("remedy_granted").is_some());
    let other = Cli::new();
    std::fs::write(other.path("older.json"), cases.to_string()).unwrap();
    other.ok(&["import", "older.json"]);
    let read = json(other.ok(&["show", &id, "--json"]));
    assert_eq!(read["remedy_sought"], Value::Null);
    assert_eq!(read["remedy_granted"], Value::Null);
}

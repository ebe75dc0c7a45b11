//! What the command line writes never works on the terminal it is read on:
//! when standard output is a terminal, escape sequences (a window title, OSC
//! 52 writing the clipboard, the one-byte CSI), bidirectional overrides,
//! invisible characters and line separators are escaped, in every command:
//! JSON as `\uXXXX` (still the same JSON), text and CSV visibly (`\u{202e}`).
//! Into a pipe the data goes exactly as stored.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/older.rs"]
mod older;
#[path = "support/pty.rs"]
mod pty;

use cli::Cli;
use klachtdesk::domain::case::CaseId;
use klachtdesk::store::Store;

/// Sets the window title (OSC 0), ended by BEL.
const TITLE: &str = "\u{1b}]0;PWNED\u{7}";
/// Puts "Hello" on the clipboard (OSC 52).
const CLIPBOARD: &str = "\u{1b}]52;c;SGVsbG8=\u{7}";
/// The one-byte control sequence introducer: red.
const C1_RED: &str = "\u{9b}31m";
/// Right-to-left override, and right-to-left isolate.
const RLO: &str = "\u{202e}";
const RLI: &str = "\u{2067}";
/// Zero-width space.
const ZWSP: &str = "\u{200b}";

fn name() -> String {
    format!("Jan{TITLE}{CLIPBOARD}{C1_RED}{RLO}Jansen{RLI}x{ZWSP}")
}

fn description() -> String {
    format!("First line\u{2028}second{C1_RED} line\u{2029}\u{9d}0;title\u{9c} {RLO}reversed\u{feff}{ZWSP}end")
}

/// Characters a terminal must never receive raw from these commands.
const HOSTILE: [char; 13] = [
    '\u{1b}', '\u{7}', '\u{9b}', '\u{9c}', '\u{9d}', '\u{202e}', '\u{2067}', '\u{2069}', '\u{200b}',
    '\u{2028}', '\u{2029}', '\u{feff}', '\u{7f}',
];

/// A desk with two cases of the same complainant (so that the report names
/// them as a repeat complainant), full of hostile text. Names refuse control
/// characters now; an older version stored them, so the name is put in as it
/// would have left it.
fn desk() -> (Cli, String) {
    let cli = Cli::new();
    let (name, description) = (name(), description());
    let mut id = String::new();
    for _ in 0..2 {
        let out = cli.ok(&[
            "add",
            "--name",
            "Jan Jansen",
            "--phone",
            "06-12345678",
            "--service",
            "Consultancy",
            "--description",
            &description,
        ]);
        id = String::from_utf8(out).unwrap().trim().to_string();
    }
    let store = Store::open(&cli.path("db")).unwrap();
    for seq in [1, 2] {
        older::as_an_older_version_stored_it(&store, CaseId::new(2026, seq), |case| {
            case.contact.name = name.clone();
        });
    }
    drop(store);
    (cli, id)
}

/// How each command shows the complainant's name, escaped: as JSON does, or visibly.
const JSON_SHOWN: &str =
    r"Jan\u001b]0;PWNED\u0007\u001b]52;c;SGVsbG8=\u0007\u009b31m\u202eJansen\u2067x\u200b";
const TEXT_SHOWN: &str =
    r"Jan\u{1b}]0;PWNED\u{7}\u{1b}]52;c;SGVsbG8=\u{7}\u{9b}31m\u{202e}Jansen\u{2067}x\u{200b}";

const TEXT_CUT: &str = r"Jan\u{1b}]0;PWNED\u{7}\u{1b}]52";

/// The commands that print case data, and how much of the name each shows.
fn commands(id: &str) -> Vec<(Vec<&str>, &'static str)> {
    vec![
        (vec!["export", "--all"], JSON_SHOWN),
        (vec!["show", id, "--json"], JSON_SHOWN),
        (vec!["list", "--all", "--json"], JSON_SHOWN),
        (vec!["subject", "export", "--phone", "06-12345678"], JSON_SHOWN),
        (vec!["report", "--json"], JSON_SHOWN),
        (vec!["export", "--all", "--format", "csv"], TEXT_SHOWN),
        (vec!["report", "--csv"], TEXT_SHOWN),
        (vec!["show", id], TEXT_SHOWN),
        (vec!["letter", id, "--kind", "acknowledgement"], TEXT_SHOWN),
        // In columns, cut short.
        (vec!["report"], TEXT_CUT),
        (vec!["list", "--all"], TEXT_CUT),
    ]
}

#[test]
fn on_a_terminal_every_command_escapes_what_would_work_on_it() {
    let (cli, id) = desk();
    for (args, shown) in commands(&id) {
        let (code, bytes) = pty::run(&cli.command(&args));
        let text = String::from_utf8_lossy(&bytes);
        assert_eq!(code, 0, "{args:?}: {text}");
        if let Some(c) = text.chars().find(|c| HOSTILE.contains(c)) {
            panic!("{args:?} wrote {c:?} raw to the terminal:\n{text}");
        }
        assert!(text.contains(shown), "{args:?} does not show {shown}:\n{text}");
        if shown == JSON_SHOWN {
            // Still JSON, and the same: the terminal ends its lines CR LF.
            let json: serde_json::Value = serde_json::from_str(&text.replace("\r\n", "\n"))
                .unwrap_or_else(|e| panic!("{args:?}: {e}:\n{text}"));
            assert!(
                json.to_string()
                    .contains(&serde_json::to_string(&name()).unwrap()),
                "{args:?} lost the name"
            );
        }
    }
    let (_, shown) = pty::run(&cli.command(&["show", &id]));
    let shown = String::from_utf8_lossy(&shown);
    assert!(
        shown.contains(r"First line\u{2028}second\u{9b}31m line\u{2029}\u{9d}0;title\u{9c} \u{202e}reversed\u{feff}\u{200b}end"),
        "{shown}"
    );
}

#[test]
fn into_a_pipe_the_data_goes_exactly_as_stored() {
    let (cli, id) = desk();
    let (name, description) = (name(), description());
    // JSON as serde_json writes it: only what JSON must escape is escaped.
    let json_name = serde_json::to_string(&name).unwrap();
    let json_description = serde_json::to_string(&description).unwrap();
    assert!(json_name.contains(RLO) && json_description.contains('\u{2028}'));
    for args in [
        vec!["export", "--all"],
        vec!["show", &id, "--json"],
        vec!["list", "--all", "--json"],
        vec!["subject", "export", "--phone", "06-12345678"],
    ] {
        let out = String::from_utf8(cli.ok(&args)).unwrap();
        assert!(out.contains(&json_name), "{args:?}:\n{out}");
        assert!(out.contains(&json_description), "{args:?}:\n{out}");
    }
    let report = String::from_utf8(cli.ok(&["report", "--json"])).unwrap();
    assert!(report.contains(&json_name), "{report}");
    let csv = String::from_utf8(cli.ok(&["export", "--all", "--format", "csv"])).unwrap();
    assert!(csv.contains(&format!(",{name},")), "{csv}");
    assert!(csv.contains(&format!(",{description},")), "{csv}");
    let report = String::from_utf8(cli.ok(&["report", "--csv"])).unwrap();
    assert!(report.contains(&format!("\nrepeat,{name},")), "{report}");
}

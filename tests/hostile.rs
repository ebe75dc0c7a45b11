//! Hostile and odd input: escape sequences and control characters in every
//! text, a megabyte pasted at once, and emoji, wide and right-to-left script.
//!
//! Text is stored exactly as given (checked through `show --json` and the
//! store) and never reaches a terminal raw. One-line fields (name,
//! organisation, handler, involved staff) refuse control characters at input
//! (`tests/cli.rs`), so here they carry only bidirectional controls, or are
//! written into the store as a version before that refusal could have left
//! them. Nothing of it reaches a terminal raw: the command line's text output,
//! the rendered board, case pane, search and forms (ratatui's TestBackend),
//! and the real screen of the board in a pseudo-terminal (vt100) show control
//! characters visibly escaped, `\u{1b}`. Wide and right-to-left text keeps
//! every row of the screen at the terminal's width and every card inside its
//! column.

#[path = "support/older.rs"]
mod older;
mod support;
use older::as_an_older_version_stored_it;

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use klachtdesk::app::{Action, App, Modal, Msg};
use klachtdesk::domain::case::{AckVia, Case, CaseId, Channel, Direction, LogKind};
use klachtdesk::domain::contact::MAX_TEXT;
use klachtdesk::domain::intake::Intake;
use klachtdesk::domain::problem::Field;
use klachtdesk::domain::workflow::{Command as Step, Ctx, Rules, State};
use klachtdesk::i18n::Lang;
use klachtdesk::store::Store;
use klachtdesk::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use support::dispatch;
use tempfile::TempDir;
use unicode_width::UnicodeWidthStr;

// ---------------------------------------------------------------------------
// Hostile text
// ---------------------------------------------------------------------------

/// Clears the screen.
const CLEAR: &str = "\u{1b}[2J";
/// Sets the window title (OSC 0), ended by BEL.
const TITLE: &str = "\u{1b}]0;PWNED\u{7}";
/// The one-byte (C1) control sequence introducer: red.
const C1_RED: &str = "\u{9b}31m";
/// Right-to-left override: reverses what follows on screen.
const RLO: &str = "\u{202e}";

/// Texts full of control characters; none starts or ends with blank space, so
/// that "stored as given" means byte for byte. A name and an organisation like
/// these are refused at input now; [`as_an_older_version_stored_it`] puts them
/// in a store.
fn name() -> String {
    format!("Jan{CLEAR}Jansen{TITLE}{RLO}nesnaJ")
}

fn organisation() -> String {
    format!("Bakkerij\u{8}\u{8}\u{7f}{C1_RED}Jansen\u{b}\u{c}BV")
}

/// A name the desk accepts that still means harm on a screen: it reverses
/// and isolates what follows.
fn one_line_name() -> String {
    format!("Jan{RLO}nesnaJ\u{2066}x\u{2069}")
}

fn one_line_organisation() -> String {
    "Bakkerij\u{2067}Jansen\u{2069}BV".to_string()
}

fn description() -> String {
    format!(
        "Line one\u{1b}[31mred\nline two\r\u{1b}]52;c;SGVsbG8=\u{7}copied\n\u{2066}isolated\u{2069} end{CLEAR}"
    )
}

fn log_text() -> String {
    format!("Called\u{1b}[1;1H\u{1b}[Kback{TITLE}then{C1_RED}hung up")
}

fn operator() -> String {
    format!("anna{CLEAR}{RLO}")
}

/// Characters that must never reach a terminal: control characters (but line
/// breaks where lines are printed) and bidirectional overrides and isolates.
fn is_hostile(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Asserts `text` (output meant for a terminal) holds nothing hostile.
fn assert_harmless(what: &str, text: &str) {
    if let Some((at, c)) = text.char_indices().find(|(_, c)| is_hostile(*c)) {
        let from = text[..at].char_indices().rev().nth(30).map_or(0, |(i, _)| i);
        panic!("{what}: {:?} written raw, after …{:?}", c, &text[from..at]);
    }
}

// ---------------------------------------------------------------------------
// The command line
// ---------------------------------------------------------------------------

/// Monday 23 November 2026, 10:00 in Amsterdam.
const NOW: &str = "2026-11-23T10:00";

struct Desk {
    dir: TempDir,
}

impl Desk {
    fn new() -> Desk {
        let dir = tempfile::Builder::new()
            .prefix("klachtdesk-hostile-")
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

    fn run(&self, user: &str, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_klachtdesk"))
            .env_clear()
            .env("HOME", self.path("home"))
            .env("XDG_CONFIG_HOME", self.path("home/.config"))
            .env("XDG_DATA_HOME", self.path("home/.local/share"))
            .env("TMPDIR", self.path("tmp"))
            .env("LANG", "C")
            .env("USER", user)
            .env("KLACHTDESK_DB", self.db())
            .env("KLACHTDESK_NOW", NOW)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    fn ok(&self, user: &str, args: &[&str]) -> String {
        let out = self.run(user, args);
        assert!(
            out.status.success(),
            "klachtdesk {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_no_escape_byte(&format!("{args:?} (stderr)"), &out.stderr);
        String::from_utf8(out.stdout).unwrap()
    }
}

fn assert_no_escape_byte(what: &str, bytes: &[u8]) {
    assert!(
        !bytes.contains(&0x1b),
        "{what}: an ESC byte in the output:\n{}",
        String::from_utf8_lossy(bytes)
    );
}

#[test]
fn text_from_the_command_line_is_stored_as_given_and_printed_escaped() {
    let desk = Desk::new();
    let (name, org, description, log) = (
        one_line_name(),
        one_line_organisation(),
        description(),
        log_text(),
    );
    let operator = operator();
    let id = desk.ok(
        &operator,
        &[
            "add",
            "--name",
            &name,
            "--phone",
            "06-12345678",
            "--org",
            &org,
            "--service",
            "Consultancy",
            "--description",
            &description,
        ],
    );
    let id = id.trim();
    desk.ok(&operator, &["log", id, "--kind", "call", "--text", &log]);
    desk.ok(&operator, &["move", id, "acknowledged", "--via", "email"]);
    desk.ok(
        &operator,
        &["move", id, "in-treatment", "--handler", &format!("Bob{RLO}")],
    );

    // Stored as given: JSON escapes control characters its own way, and
    // gives them back exactly.
    let json = desk.ok(&operator, &["show", id, "--json"]);
    assert_no_escape_byte("show --json", json.as_bytes());
    let case: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(case["contact"]["name"], name.as_str());
    assert_eq!(case["contact"]["organisation"], org.as_str());
    assert_eq!(case["description"], description.as_str());
    assert_eq!(case["contact_log"][0]["text"], log.as_str());
    assert_eq!(case["contact_log"][0]["author"], operator.as_str());
    assert_eq!(case["registered_by"], operator.as_str());
    assert_eq!(case["handler"], format!("Bob{RLO}").as_str());
    let store = Store::open(&desk.db()).unwrap();
    let stored = store.get(CaseId::parse(id).unwrap()).unwrap();
    assert_eq!(stored.contact.name, name);
    assert_eq!(stored.description, description);
    drop(store);
    thread::sleep(Duration::from_millis(100));

    // Printed escaped, in `show` and `list`.
    let shown = desk.ok(&operator, &["show", id]);
    assert_no_escape_byte("show", shown.as_bytes());
    assert_harmless("show", &shown);
    for visible in [
        r"Jan\u{202e}nesnaJ\u{2066}x\u{2069}",
        r"Bakkerij\u{2067}Jansen\u{2069}BV",
        r"Line one\u{1b}[31mred",
        r"\u{2066}isolated\u{2069}",
        r"Called\u{1b}[1;1H\u{1b}[Kback",
        r"Bob\u{202e}",
        r"anna\u{1b}[2J\u{202e}",
    ] {
        assert!(shown.contains(visible), "show lacks {visible}:\n{shown}");
    }
    let listed = desk.ok(&operator, &["list", "--all"]);
    assert_no_escape_byte("list", listed.as_bytes());
    assert_harmless("list", &listed);
    assert!(listed.contains(r"Jan\u{202e}nesnaJ"), "{listed}");
    let listed = desk.ok(&operator, &["list", "--all", "--text", "nesnaj"]);
    assert!(listed.contains(id), "the search still finds it: {listed}");
}

/// A refusal repeats what was given ("… is not an e-mail address", "there is
/// no state …"); it must not repeat it raw.
#[test]
fn refusals_do_not_echo_escape_sequences() {
    let desk = Desk::new();
    let id = desk.ok(
        "tester",
        &[
            "add",
            "--name",
            "Jan",
            "--phone",
            "06-12345678",
            "--service",
            "Consultancy",
            "--description",
            "x",
        ],
    );
    let id = id.trim();
    let bad = format!("x{CLEAR}{TITLE}");
    let add = |option: &str| {
        let mut args = vec![
            "add",
            "--name",
            "Jan",
            "--phone",
            "06-12345678",
            "--service",
            "Consultancy",
            "--description",
            "x",
        ];
        if let Some(at) = args.iter().position(|a| *a == option) {
            args[at + 1] = bad.as_str();
        } else {
            args.extend([option, bad.as_str()]);
        }
        args.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let mut attempts: Vec<Vec<String>> = vec![
        add("--email"),
        add("--phone"),
        add("--service"),
        add("--date"),
        vec!["move".into(), id.into(), bad.clone()],
        vec!["show".into(), bad.clone()],
        vec!["--now".into(), bad.clone(), "list".into()],
        vec!["list".into(), "--state".into(), bad.clone()],
        vec!["list".into(), "--service".into(), bad.clone()],
        ["move", id, "acknowledged", "--via", "email", "--at", &bad]
            .map(String::from)
            .to_vec(),
        ["move", id, "acknowledged", "--via", &bad]
            .map(String::from)
            .to_vec(),
        vec![bad.clone()],
    ];
    attempts.push(
        ["log", id, "--kind", &bad, "--text", "y"]
            .map(String::from)
            .to_vec(),
    );
    let mut raw = Vec::new();
    for args in &attempts {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = desk.run("tester", &args);
        assert!(!out.status.success(), "{args:?} was accepted");
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        if out.stderr.contains(&0x1b) || err.trim_end().chars().any(is_hostile) {
            raw.push(format!("{:?} → {err:?}", &args[..args.len().min(3)]));
        }
    }
    assert!(
        raw.is_empty(),
        "refusals with raw control characters:\n{}",
        raw.join("\n")
    );
}

/// Text that comes in through `klachtdesk import` is stored as given and
/// shown escaped too, and a refused file's problems do not repeat it raw.
#[test]
fn imported_text_is_stored_as_given_and_its_refusals_are_escaped() {
    let from = Desk::new();
    let (name, description) = (one_line_name(), description());
    let id = from.ok(
        "tester",
        &[
            "add",
            "--name",
            &name,
            "--phone",
            "06-12345678",
            "--service",
            "Consultancy",
            "--description",
            &description,
        ],
    );
    let id = id.trim();
    from.ok("tester", &["log", id, "--kind", "note", "--text", &log_text()]);
    let file = from.path("export.json");
    from.ok("tester", &["export", "--out", file.to_str().unwrap()]);
    let exported = fs::read_to_string(&file).unwrap();
    assert_no_escape_byte("the export file", exported.as_bytes());

    let to = Desk::new();
    to.ok("tester", &["import", file.to_str().unwrap()]);
    let show = |desk: &Desk| -> serde_json::Value {
        serde_json::from_str(&desk.ok("tester", &["show", id, "--json"])).unwrap()
    };
    let imported = show(&to);
    assert_eq!(imported["contact"]["name"], name.as_str());
    assert_eq!(imported["description"], description.as_str());
    assert_eq!(imported["contact_log"][0]["text"], log_text().as_str());
    assert_eq!(imported, show(&from));
    let shown = to.ok("tester", &["show", id]);
    assert_harmless("show after import", &shown);
    assert!(shown.contains(r"Jan\u{202e}nesnaJ"), "{shown}");

    // Refused files: a state and a field name full of escapes.
    let mut json: serde_json::Value = serde_json::from_str(&exported).unwrap();
    json["cases"][0]["state"] = format!("x{CLEAR}{TITLE}").into();
    let bad_state = from.path("bad-state.json");
    fs::write(&bad_state, serde_json::to_string(&json).unwrap()).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&exported).unwrap();
    json["cases"][0][format!("note{TITLE}{RLO}")] = 1.into();
    let bad_field = from.path("bad-field.json");
    fs::write(&bad_field, serde_json::to_string(&json).unwrap()).unwrap();
    let invalid_utf8 = from.path("latin1.json");
    let mut bytes = exported.clone().into_bytes();
    let at = exported.find("Jan").unwrap();
    bytes.splice(at..at, [0xe9, 0x1b, b'[', b'2', b'J']);
    fs::write(&invalid_utf8, bytes).unwrap();
    for file in [bad_state, bad_field, invalid_utf8] {
        let empty = Desk::new();
        let out = empty.run("tester", &["import", file.to_str().unwrap()]);
        assert!(!out.status.success(), "{} was imported", file.display());
        assert_no_escape_byte(&format!("importing {}", file.display()), &out.stderr);
        assert_harmless("an import refusal", &String::from_utf8_lossy(&out.stderr));
        assert!(
            String::from_utf8_lossy(&empty.run("tester", &["list", "--all", "--json"]).stdout).trim() == "[]",
            "nothing was imported"
        );
    }
}

// ---------------------------------------------------------------------------
// The board, drawn on a TestBackend
// ---------------------------------------------------------------------------

/// A store with a few ordinary cases and the hostile one, and an App over it.
struct Scene {
    _dir: TempDir,
    store: Store,
    app: App,
    hostile: CaseId,
}

fn ctx<'a>(rules: &'a Rules, actor: &'a str) -> Ctx<'a> {
    Ctx {
        now: support::thursday_ten(),
        actor,
        rules,
    }
}

fn intake(name: &str, organisation: &str, description: &str) -> Intake {
    Intake {
        name: name.into(),
        phone: "06-12345678".into(),
        email: String::new(),
        organisation: organisation.into(),
        service: "Consultancy".into(),
        channel: Channel::Phone,
        complained_at: None,
        description: description.into(),
        ..Intake::default()
    }
}

impl Scene {
    /// The hostile case in treatment, with its call logged, among ordinary ones.
    fn hostile(width: u16, height: u16) -> Scene {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
        let rules = Rules::default();
        let op = operator();
        let c = ctx(&rules, &op);
        for who in ["Piet Pieters", "Klaas Klaassen"] {
            store.register(&intake(who, "", "Late."), &c).unwrap();
        }
        let id = store
            .register(&intake("Jan Jansen", "Bakkerij Jansen BV", &description()), &c)
            .unwrap()
            .id;
        for step in [
            Step::LogContact {
                kind: LogKind::Call,
                direction: Direction::Inbound,
                text: log_text(),
            },
            Step::Acknowledge {
                at: c.now,
                via: AckVia::Email,
            },
            Step::TakeIntoTreatment {
                at: None,
                handler: "Bob".into(),
            },
            Step::SetInvolved {
                staff: vec!["Eve".into(), format!("Mallory{RLO}")],
            },
        ] {
            store.execute(id, None, &step, &c).unwrap();
        }
        as_an_older_version_stored_it(&store, id, |case| {
            case.contact.name = format!("{}\u{0}nul", name());
            case.contact.organisation = Some(organisation());
            case.handler = Some(format!("Bob{TITLE}"));
            case.involved[0] = format!("Eve{C1_RED}");
        });
        let mut app = support::app_over(&store, &operator(), Lang::En);
        dispatch(&mut app, Msg::Resize { width, height }, &store);
        Scene {
            _dir: dir,
            store,
            app,
            hostile: id,
        }
    }

    fn send(&mut self, msg: Msg) {
        dispatch(&mut self.app, msg, &self.store);
    }

    fn press(&mut self, keys: &str) {
        support::press(&mut self.app, &self.store, keys);
    }

    /// Opens case `id` in the pane, as Enter on its card does.
    fn open(&mut self, id: CaseId) {
        assert!(self.app.board.select_case(id), "{id} is not on the board");
        self.send(Msg::Action(Action::Open));
        assert_eq!(self.app.pane.as_ref().map(|p| p.id), Some(id));
    }
}

fn draw(app: &App) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal
        .draw(|frame| ui::draw(app, &Theme::new(false), frame))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// The screen's text, one string per row, as a terminal would show it: a
/// wide character's second cell is not printed.
fn rows(buffer: &Buffer) -> Vec<String> {
    (0..buffer.area.height)
        .map(|y| {
            let mut row = String::new();
            let mut x = 0;
            while x < buffer.area.width {
                let symbol = buffer[(x, y)].symbol();
                row.push_str(symbol);
                x += (symbol.width() as u16).max(1);
            }
            row
        })
        .collect()
}

/// Every cell of the screen is harmless, and every row as wide as the screen:
/// nothing zero-width that would pull the rest of a row left, nothing wide
/// hanging over its right edge.
fn assert_screen_sound(what: &str, buffer: &Buffer) {
    let screen = rows(buffer).join("\n");
    for y in 0..buffer.area.height {
        let mut x = 0;
        let mut width = 0;
        while x < buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            if let Some(c) = symbol.chars().find(|c| is_hostile(*c)) {
                panic!("{what}: {c:?} in the cell at ({x}, {y}):\n{screen}");
            }
            let w = symbol.width();
            assert!(
                w > 0,
                "{what}: a zero-width cell {symbol:?} at ({x}, {y}):\n{screen}"
            );
            width += w;
            x += w as u16;
        }
        assert_eq!(
            width,
            usize::from(buffer.area.width),
            "{what}: row {y} is {width} columns wide:\n{screen}"
        );
    }
}

/// The text of `area` of the screen, its rows one after the other.
fn area_text(buffer: &Buffer, area: Rect) -> String {
    let mut text = String::new();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            text.push_str(buffer[(x, y)].symbol());
        }
    }
    text
}

/// `text` without blank space and borders, so that a value wrapped over
/// several rows reads as one.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && *c != '│').collect()
}

fn contains(buffer: &Buffer, text: &str) -> bool {
    rows(buffer).iter().any(|r| r.contains(text))
}

#[test]
fn the_board_pane_and_search_show_control_characters_escaped() {
    for (width, height) in [(80, 24), (160, 48)] {
        let mut scene = Scene::hostile(width, height);
        let at = format!("{width}x{height}");

        // The board: the card's contact line, the operator in the header.
        let board = draw(&scene.app);
        assert_screen_sound(&format!("board {at}"), &board);
        assert!(
            contains(&board, r"Jan\u{1b}[2JJansen"),
            "{}",
            rows(&board).join("\n")
        );
        assert!(contains(&board, r"anna\u{1b}[2J"), "the operator, escaped");

        // The case: its fields, then its timeline further down.
        let id = scene.hostile;
        scene.open(id);
        let pane = draw(&scene.app);
        assert_screen_sound(&format!("pane {at}"), &pane);
        let area = scene.app.geometry().unwrap().pane.unwrap();
        let text = squeeze(&area_text(&pane, area));
        for visible in [r"\u{1b}]0;PWNED\u{7}", r"\u{8}\u{8}\u{7f}\u{9b}31m", r"\u{0}nul"] {
            assert!(text.contains(visible), "pane {at} lacks {visible}:\n{text}");
        }
        let mut seen = text;
        for _ in 0..60 {
            scene.press("down");
            let pane = draw(&scene.app);
            assert_screen_sound(&format!("pane {at}, scrolled"), &pane);
            seen.push_str(&squeeze(&area_text(&pane, area)));
        }
        for visible in [
            r"Line one\u{1b}[31mred",
            r"Called\u{1b}[1;1H\u{1b}[Kback",
            r"Eve\u{9b}31m",
            r"Mallory\u{202e}",
        ] {
            let visible = squeeze(visible);
            assert!(
                seen.contains(&visible),
                "pane {at} never showed {visible}:\n{seen}"
            );
        }

        // Search by name, then by a word of the description.
        scene.press("esc /");
        support::type_text(&mut scene.app, &scene.store, "nesnaj");
        let search = draw(&scene.app);
        assert_screen_sound(&format!("search {at}"), &search);
        assert!(contains(&search, r"Jan\u{1b}[2J"), "{}", rows(&search).join("\n"));
        for _ in 0.."nesnaj".len() {
            scene.press("backspace");
        }
        support::type_text(&mut scene.app, &scene.store, "isolated");
        let search = draw(&scene.app);
        assert_screen_sound(&format!("search by description {at}"), &search);
        assert!(contains(&search, r"\u{7}copied"), "{}", rows(&search).join("\n"));
        // Pasted escapes do not make it into the query at all.
        scene.send(Msg::Paste(format!("{CLEAR}{RLO}")));
        assert_screen_sound(&format!("search with a pasted escape {at}"), &draw(&scene.app));
    }
}

/// Control characters typed or pasted into the intake form, and a stored
/// hostile name opened for correction: the editors draw their text as it is,
/// and ratatui leaves out what it cannot draw (control characters, and
/// zero-width ones such as the right-to-left override), so nothing reaches
/// the terminal raw, but the operator sees `Jan[2Jx` where `Jan\u{1b}[2J\u{202e}x`
/// is saved, and shown everywhere else.
#[test]
fn forms_show_typed_and_pasted_control_characters_escaped() {
    let mut scene = Scene::hostile(100, 30);
    scene.press("n");
    for c in "Jan\u{1b}[2J\u{202e}x".chars() {
        scene.send(Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
    }
    assert_eq!(support::text_of(&scene.app, Field::Name), "Jan\u{1b}[2J\u{202e}x");
    scene.press("tab tab tab tab tab tab tab");
    assert_eq!(support::focused(&scene.app), Field::Description);
    scene.send(Msg::Paste(description()));
    assert_eq!(
        support::text_of(&scene.app, Field::Description),
        description().replace('\r', "\n"),
        "pasted as given (a lone CR is a line break)"
    );
    let form = draw(&scene.app);
    assert_screen_sound("intake form", &form);
    assert!(
        contains(&form, r"Jan\u{1b}[2J\u{202e}x"),
        "{}",
        rows(&form).join("\n")
    );
    assert!(
        contains(&form, r"Line one\u{1b}[31mred"),
        "{}",
        rows(&form).join("\n")
    );

    // Correcting the stored name in place.
    scene.press("esc y");
    let id = scene.hostile;
    scene.open(id);
    scene.press("e");
    assert!(matches!(scene.app.modal, Some(Modal::Form(_))));
    let edit = draw(&scene.app);
    assert_screen_sound("editing the name", &edit);
    assert!(
        contains(&edit, r"Jan\u{1b}[2JJansen"),
        "{}",
        rows(&edit).join("\n")
    );
}

// ---------------------------------------------------------------------------
// The real screen
// ---------------------------------------------------------------------------

/// The hostile case on a database in `dir`: registered by the store, its name
/// and organisation then as an older version could have left them.
fn hostile_database(db: &Path) -> CaseId {
    let store = Store::open(db).unwrap();
    let rules = Rules::default();
    let op = operator();
    let c = ctx(&rules, &op);
    let id = store
        .register(&intake("Jan Jansen", "Bakkerij Jansen BV", &description()), &c)
        .unwrap()
        .id;
    as_an_older_version_stored_it(&store, id, |case| {
        case.contact.name = name();
        case.contact.organisation = Some(organisation());
    });
    let log = Step::LogContact {
        kind: LogKind::Call,
        direction: Direction::Inbound,
        text: log_text(),
    };
    store.execute(id, None, &log, &c).unwrap();
    id
}

#[test]
fn the_real_terminal_never_receives_hostile_text_raw() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("db");
    hostile_database(&db);
    thread::sleep(Duration::from_millis(100)); // sled lets go of its lock

    let (rows_, cols) = (30, 100);
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: rows_,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_klachtdesk"));
    cmd.args(["--db", db.to_str().unwrap(), "--now", "2026-11-26T10:00"]);
    cmd.env_clear();
    cmd.env("HOME", home.path());
    cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
    cmd.env("XDG_DATA_HOME", home.path().join("data"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "C");
    cmd.env("USER", operator());
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let raw = Arc::new(Mutex::new(Vec::new()));
    let parser = Arc::new(Mutex::new(vt100::Parser::new(
        std::num::NonZeroU16::new(rows_).unwrap(),
        std::num::NonZeroU16::new(cols).unwrap(),
        0,
    )));
    let mut reader = pty.master.try_clone_reader().unwrap();
    let (raw_feed, parser_feed) = (Arc::clone(&raw), Arc::clone(&parser));
    thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            raw_feed.lock().unwrap().extend_from_slice(&buf[..n]);
            parser_feed.lock().unwrap().process(&buf[..n]);
        }
    });
    let mut writer = pty.master.take_writer().unwrap();
    let screen = || parser.lock().unwrap().screen().contents();
    let wait_for = |text: &str| {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !screen().contains(text) {
            assert!(
                Instant::now() < deadline,
                "{text:?} never appeared:\n{}",
                screen()
            );
            thread::sleep(Duration::from_millis(20));
        }
    };

    wait_for(r"Jan\u{1b}[2JJansen");
    writer.write_all(b"\r").unwrap(); // open the only case
    writer.flush().unwrap();
    wait_for(r"Line one\u{1b}[31mred");
    wait_for(r"\u{9b}31mJansen");
    {
        let parser = parser.lock().unwrap();
        let s = parser.screen();
        assert!(s.alternate_screen(), "still on the board's screen");
        assert!(s.contents().contains("K-2026-0001"), "{}", s.contents());
    }
    writer.write_all(b"\x1b").unwrap(); // back to the board
    writer.flush().unwrap();
    wait_for("Received 1");
    writer.write_all(b"q").unwrap();
    writer.flush().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the board did not quit:\n{}", screen());
        }
        thread::sleep(Duration::from_millis(20));
    }

    // What went down the wire: the board's own sequences, none of the text's.
    let raw = raw.lock().unwrap();
    let find = |needle: &[u8]| raw.windows(needle.len()).any(|w| w == needle);
    for (needle, what) in [
        (&b"\x1b]0;PWNED"[..], "the title sequence"),
        ("\u{9b}".as_bytes(), "a C1 control"),
        ("\u{202e}".as_bytes(), "the right-to-left override"),
        ("\u{2066}".as_bytes(), "a bidi isolate"),
        (&b"\x07"[..], "BEL"),
        (&b"\x08"[..], "a backspace"),
        (&b"\x7f"[..], "DEL"),
        (&b"\x1b]52;"[..], "a clipboard sequence"),
        (&b"\x1b[1;1H\x1b[Kback"[..], "the log's cursor movement"),
    ] {
        assert!(!find(needle), "{what} reached the terminal raw");
    }
}

// ---------------------------------------------------------------------------
// A megabyte at once
// ---------------------------------------------------------------------------

/// A megabyte of text as a paste brings it: lines, some with escapes in them.
fn megabyte() -> String {
    let line = "The pentest report arrived late and nobody called back; \u{1b}[31m!\r\n";
    let mut text = String::with_capacity(1 << 20);
    while text.len() < 1 << 20 {
        text.push_str(line);
    }
    text
}

#[test]
fn a_megabyte_pasted_into_the_description_is_cut_with_a_message() {
    let mut scene = Scene::hostile(100, 30);
    scene.press("n");
    support::type_text(&mut scene.app, &scene.store, "Jan");
    scene.press("tab tab tab tab tab tab tab");
    assert_eq!(support::focused(&scene.app), Field::Description);

    let started = Instant::now();
    scene.send(Msg::Paste(megabyte()));
    let form_text = support::text_of(&scene.app, Field::Description);
    let screen = draw(&scene.app);
    let took = started.elapsed();
    eprintln!("a 1 MB paste: update and draw in {took:?}");

    assert_eq!(form_text.chars().count(), MAX_TEXT, "cut to what the field holds");
    assert!(megabyte().replace("\r\n", "\n").starts_with(&form_text));
    let error = support::error_of(&scene.app, Field::Description).expect("a message says so");
    assert!(error.contains(&MAX_TEXT.to_string()), "{error}");
    assert!(
        rows(&screen).join(" ").contains(&error[..20]),
        "the message is on the screen"
    );
    assert_screen_sound("a form after a 1 MB paste", &screen);
    assert_eq!(support::text_of(&scene.app, Field::Name), "Jan");

    // Typing on, and drawing again, goes on as usual.
    support::type_text(&mut scene.app, &scene.store, " more");
    draw(&scene.app);
    scene.press("ctrl-s");
    assert!(
        matches!(scene.app.modal, Some(Modal::Form(_))),
        "refused: no phone, no service"
    );
}

#[test]
fn a_megabyte_pasted_elsewhere_is_cut_or_ignored() {
    let big = megabyte();
    // Into a one-line field: cut, on one line.
    let mut scene = Scene::hostile(100, 30);
    scene.press("n");
    scene.send(Msg::Paste(big.clone()));
    let name = support::text_of(&scene.app, Field::Name);
    // A one-line field holds a line: the paste is cut to what a name may be.
    assert!(name.chars().count() <= klachtdesk::domain::contact::MAX_LINE && !name.contains('\n'));
    assert!(
        support::error_of(&scene.app, Field::Name).is_some(),
        "the cut is said"
    );
    assert_screen_sound("a name after a 1 MB paste", &draw(&scene.app));
    // A refused save (no phone, no service…) keeps it.
    scene.press("ctrl-s");
    assert_eq!(support::text_of(&scene.app, Field::Name), name);

    // With nothing open to take it: nothing happens.
    let mut scene = Scene::hostile(100, 30);
    let before = rows(&draw(&scene.app));
    scene.send(Msg::Paste(big));
    assert!(scene.app.modal.is_none());
    assert_eq!(rows(&draw(&scene.app)), before);
}

/// The search takes a paste whole: a megabyte makes the query a megabyte
/// long, and every frame from then on redraws it (about 0.25 s to update and
/// over 1 s to draw in a debug build, for every key).
#[test]
fn a_megabyte_pasted_into_the_search_is_cut() {
    let mut scene = Scene::hostile(100, 30);
    scene.press("/");
    let started = Instant::now();
    scene.send(Msg::Paste(megabyte()));
    let updated = started.elapsed();
    let screen = draw(&scene.app);
    eprintln!(
        "a 1 MB paste into the search: update {updated:?}, draw {:?}",
        started.elapsed() - updated
    );
    assert_screen_sound("the search after a 1 MB paste", &screen);
    let Some(Modal::Search(search)) = &scene.app.modal else {
        panic!("the search closed");
    };
    assert!(
        search.query().chars().count() <= MAX_TEXT,
        "the query holds {} characters",
        search.query().chars().count()
    );
}

// ---------------------------------------------------------------------------
// Emoji, wide characters, right-to-left script
// ---------------------------------------------------------------------------

/// Names and organisations from all over, and the column they are put in.
const WORLD: [(&str, &str, State); 8] = [
    ("👩‍👩‍👧‍👦 Familie de Vries 🇳🇱", "Bakkerij 🍞🥐", State::Received),
    (
        "山田太郎",
        "株式会社サンプル・テクノロジーズ東京本社",
        State::Received,
    ),
    (
        "محمد عبد الله الحسيني",
        "شركة المثال للتجارة",
        State::Acknowledged,
    ),
    ("שרה כהן-לוי", "חברת דוגמה בע״מ", State::Acknowledged),
    (
        "Zoë Ünal ❤\u{fe0f} e\u{301}\u{301}",
        "Ａｃｍｅ　Ｆｕｌｌｗｉｄｔｈ",
        State::Received,
    ),
    ("김민준 (金敏俊)", "주식회사 예시", State::Acknowledged),
    (
        "\u{200b}\u{200d}Zero\u{200b}Width\u{fe0f}",
        "ग्राहक सेवा केंद्र",
        State::Received,
    ),
    (
        "😀😃😄😁😆😅😂🤣🥲☺️😊😇🙂🙃😉😌😍🥰😘",
        "🏳️‍🌈🏴‍☠️",
        State::Acknowledged,
    ),
];

fn world_description(i: usize) -> String {
    format!(
        "{} — 日本語の説明文がここに入ります。 العربية نص طويل هنا. עברית כאן. 👍🏽 #{i}\n\
         Tweede regel met ｗｉｄｅ tekens en 🇳🇱🇧🇪 vlaggen.",
        WORLD[i].0
    )
}

struct WorldScene {
    _dir: TempDir,
    store: Store,
    ids: Vec<CaseId>,
}

fn world_scene() -> WorldScene {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    let rules = Rules::default();
    let c = ctx(&rules, "anna");
    let mut ids = Vec::new();
    for (i, (name, org, state)) in WORLD.iter().enumerate() {
        let id = store
            .register(&intake(name, org, &world_description(i)), &c)
            .unwrap()
            .id;
        store
            .execute(
                id,
                None,
                &Step::LogContact {
                    kind: LogKind::Note,
                    direction: Direction::Internal,
                    text: format!("{name} — {org}"),
                },
                &c,
            )
            .unwrap();
        if *state == State::Acknowledged {
            let ack = Step::Acknowledge {
                at: c.now,
                via: AckVia::Phone,
            };
            store.execute(id, None, &ack, &c).unwrap();
        }
        ids.push(id);
    }
    WorldScene {
        _dir: dir,
        store,
        ids,
    }
}

/// The app over the world's cases at a size, with `plain` (if any) put back
/// to ASCII in the app's own copy: the baseline its card is compared with.
fn world_app(scene: &WorldScene, width: u16, height: u16, plain: Option<CaseId>) -> App {
    let mut app = support::app_over(&scene.store, "anna", Lang::En);
    dispatch(&mut app, Msg::Resize { width, height }, &scene.store);
    if let Some(id) = plain {
        let mut case: Case = app.cases.case(id).unwrap().as_ref().clone();
        case.contact.name = "Plain Name".into();
        case.contact.organisation = Some("Plain Organisation".into());
        case.description = "Plain description.".into();
        app.cases.put(case);
        app.rebuild();
    }
    app
}

/// The area of the board column that holds `id`'s card, inside its margins.
fn card_column(app: &App, id: CaseId) -> Rect {
    let g = app.geometry().unwrap();
    let shown = g.visible_columns(app.board.columns.len());
    let c = app
        .board
        .columns
        .iter()
        .position(|c| c.cards.iter().any(|card| card.id == id))
        .unwrap();
    let slot = c - app.board.first_column;
    let area = g.columns(shown)[slot];
    Rect::new(area.x + 1, area.y, area.width.saturating_sub(2), area.height)
}

/// Asserts the two screens differ only inside `allowed`.
fn assert_same_outside(what: &str, a: &Buffer, b: &Buffer, allowed: &[Rect]) {
    for y in 0..a.area.height {
        for x in 0..a.area.width {
            if allowed.iter().any(|r| r.contains((x, y).into())) {
                continue;
            }
            assert_eq!(
                a[(x, y)],
                b[(x, y)],
                "{what}: the cell at ({x}, {y}) changed:\n{}\n\nagainst\n\n{}",
                rows(a).join("\n"),
                rows(b).join("\n")
            );
        }
    }
}

#[test]
fn wide_and_right_to_left_text_keeps_the_layout() {
    let scene = world_scene();
    for (width, height) in [(80, 24), (160, 48)] {
        let at = format!("{width}x{height}");
        for (i, &id) in scene.ids.iter().enumerate() {
            // The board, the case's column scrolled into view.
            let mut app = world_app(&scene, width, height, None);
            app.board.select_case(id);
            app.scroll_into_view();
            let mut plain = world_app(&scene, width, height, Some(id));
            plain.board.select_case(id);
            plain.scroll_into_view();
            let board = draw(&app);
            assert_screen_sound(&format!("board {at} with {}", WORLD[i].0), &board);
            let column = card_column(&app, id);
            assert_same_outside(
                &format!("board {at}: {}'s card", WORLD[i].0),
                &board,
                &draw(&plain),
                &[column],
            );

            // The case pane.
            for app in [&mut app, &mut plain] {
                dispatch(app, Msg::Action(Action::Open), &scene.store);
            }
            let pane = draw(&app);
            assert_screen_sound(&format!("pane {at} of {}", WORLD[i].0), &pane);
            let g = app.geometry().unwrap();
            let mut allowed = vec![g.pane.unwrap()];
            if g.board.width > 0 {
                allowed.push(card_column(&app, id));
            }
            assert_same_outside(
                &format!("pane {at} of {}", WORLD[i].0),
                &pane,
                &draw(&plain),
                &allowed,
            );
            for _ in 0..40 {
                support::press(&mut app, &scene.store, "down");
            }
            assert_screen_sound(&format!("pane {at} of {}, scrolled", WORLD[i].0), &draw(&app));
        }

        // The search, finding them all by their common words.
        let mut app = world_app(&scene, width, height, None);
        support::press(&mut app, &scene.store, "/");
        support::type_text(&mut app, &scene.store, "regel");
        let search = draw(&app);
        assert_screen_sound(&format!("search {at}"), &search);
        for id in &scene.ids {
            assert!(contains(&search, &id.to_string()), "{}", rows(&search).join("\n"));
        }
        for (query, what) in [("山田", "CJK"), ("محمد", "Arabic"), ("👩", "emoji")] {
            let mut app = world_app(&scene, width, height, None);
            support::press(&mut app, &scene.store, "/");
            dispatch(&mut app, Msg::Paste(query.into()), &scene.store);
            assert_screen_sound(&format!("search {at} for {what}"), &draw(&app));
        }

        // The intake form with all of it typed in.
        let mut app = world_app(&scene, width, height, None);
        support::press(&mut app, &scene.store, "n");
        dispatch(&mut app, Msg::Paste(WORLD[0].0.into()), &scene.store);
        support::press(&mut app, &scene.store, "tab tab tab");
        dispatch(&mut app, Msg::Paste(WORLD[2].1.into()), &scene.store);
        support::press(&mut app, &scene.store, "tab tab tab tab");
        dispatch(&mut app, Msg::Paste(world_description(1)), &scene.store);
        assert_screen_sound(&format!("intake {at}"), &draw(&app));
    }
}

/// Emoji written with a variation selector (❤️, ☺️, ✈️) take two columns,
/// though their first character alone takes one; Arabic lam-alef (لا) is two
/// characters in two cells, though measured as one.
const NARROW_LOOKING: [&str; 4] = ["❤\u{fe0f}", "☺\u{fe0f}", "✈\u{fe0f}", "لا"];

/// The columns `text` takes as a terminal (and ratatui) lays it out:
/// grapheme by grapheme.
fn shown_width(text: &str) -> usize {
    ratatui::text::Span::raw(text)
        .styled_graphemes(ratatui::style::Style::default())
        .map(|g| g.symbol.width())
        .sum()
}

#[test]
fn list_columns_stay_aligned_whatever_the_names() {
    let desk = Desk::new();
    let mut names: Vec<String> = NARROW_LOOKING
        .iter()
        .map(|wide| format!("{}{wide}{}", "x".repeat(30), "y".repeat(4)))
        .collect();
    names.push(format!("{}日本", "x".repeat(31)));
    names.push("❤\u{fe0f}".repeat(20));
    names.push("Jan Jansen".into());
    for name in &names {
        desk.ok(
            "tester",
            &[
                "add",
                "--name",
                name,
                "--phone",
                "06-12345678",
                "--service",
                "Consultancy",
                "--description",
                "x",
            ],
        );
    }
    let listed = desk.ok("tester", &["list"]);
    // The service column starts at the same display column on every row.
    let starts: Vec<usize> = listed
        .lines()
        .filter(|l| l.contains("Consultancy"))
        .map(|l| shown_width(&l[..l.find("Consultancy").unwrap()]))
        .collect();
    assert_eq!(starts.len(), names.len(), "{listed}");
    assert!(starts.iter().all(|s| *s == starts[0]), "{starts:?}\n{listed}");
}

#[test]
fn wrapped_and_cut_text_keeps_every_character_in_view() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    let rules = Rules::default();
    let c = ctx(&rules, "anna");
    let hearts = "❤\u{fe0f}".repeat(60);
    let name = format!("{}{}", "☺\u{fe0f}".repeat(20), "x");
    let description = format!("{hearts}\nlam-alef {}\nName:\tJan", "لا".repeat(40));
    let id = store.register(&intake(&name, "", &description), &c).unwrap().id;
    let mut app = support::app_over(&store, "anna", Lang::En);
    dispatch(
        &mut app,
        Msg::Resize {
            width: 80,
            height: 24,
        },
        &store,
    );

    // The card: cut, and its ellipsis in view.
    let board = draw(&app);
    let column = card_column(&app, id);
    let contact_row = column.y + 2 + 2;
    let text: String = (column.x..column.right())
        .map(|x| board[(x, contact_row)].symbol().to_string())
        .collect();
    assert!(text.trim_end().ends_with('…'), "the card's name line: {text:?}");

    // The pane: every heart and every lam-alef shown, the tab as a space.
    dispatch(&mut app, Msg::Action(Action::Open), &store);
    let pane = draw(&app);
    let area = app.geometry().unwrap().pane.unwrap();
    let shown = area_text(&pane, area);
    assert_eq!(shown.matches('❤').count(), 60, "{}", rows(&pane).join("\n"));
    assert_eq!(shown.matches('ل').count(), 40, "{}", rows(&pane).join("\n"));
    assert!(shown.contains("Name: Jan"), "{}", rows(&pane).join("\n"));
}

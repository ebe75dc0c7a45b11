//! A desk of several operators, each on their own board, served by one
//! desk in the test process (`DeskServer`), the boards attached over its
//! socket as `klachtdesk` attaches: what one does shows on the other's
//! screen without a key pressed; who is where shows on cards and panes; each
//! board has its own size and language; changes are the desk operator's.

#[path = "support/attach.rs"]
mod attach;

use attach::{CTRL_S, ENTER, ESC, TAB, Terminal, Watched};
use chrono::{TimeZone, Utc};
use klachtdesk::app::Settings;
use klachtdesk::config::Config;
use klachtdesk::desk::{Clock, Desk, Local};
use klachtdesk::domain::case::CaseId;
use klachtdesk::domain::workflow::Rules;
use klachtdesk::i18n::Lang;
use klachtdesk::keymap::Keymap;
use klachtdesk::remote::Client;
use klachtdesk::remote::attach::Detached;
use klachtdesk::server::DeskServer;
use klachtdesk::store::Store;
use tempfile::TempDir;

/// A desk on a fresh database, its clock pinned to Thursday 26 November 2026,
/// 10:00 in Amsterdam; its operator (every local user's, on a desk of one) is
/// `anna`.
struct World {
    dir: TempDir,
    desk: Option<DeskServer>,
}

impl World {
    /// Only the desk holds the database, as when it runs by itself.
    fn new() -> World {
        World::configured(Config::default())
    }

    /// As [`World::new`], the desk configured with `config`.
    fn configured(config: Config) -> World {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
        let desk = Local::new(store, Rules::default(), Clock::Pinned(now()), "anna".into());
        let settings = Settings {
            exports: dir.path().join("exports"),
            ..Settings::default()
        };
        let desk = DeskServer::start(desk, config, Keymap::default(), settings).unwrap();
        World {
            dir,
            desk: Some(desk),
        }
    }

    fn db(&self) -> std::path::PathBuf {
        self.dir.path().join("db")
    }

    /// The desk, asked as the command line asks it.
    fn client(&self) -> Client {
        Client::connect(&self.db(), Lang::En, Some(now())).unwrap()
    }

    fn attach(&self, cols: u16, rows: u16, lang: &str) -> Terminal {
        Terminal::attach(&self.dir.path().join("db"), cols, rows, lang)
    }

    fn sessions(&self) -> usize {
        self.desk.as_ref().unwrap().sessions()
    }
}

/// Thursday 26 November 2026, 10:00 in Amsterdam.
fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap()
}

/// The intake, as a caller rings, saved.
fn register(board: &Terminal, name: &str) {
    board.fill_intake(name);
    board.keys(CTRL_S);
}

#[test]
fn a_complaint_registered_on_one_board_shows_on_the_others_without_a_key() {
    let world = World::new();
    let a = world.attach(100, 30, "en_US.UTF-8");
    let b = world.attach(80, 24, "nl_NL.UTF-8");
    a.wait_for("open 0");
    b.wait_for("open 0");
    assert_eq!(world.sessions(), 2);

    register(&a, "Jan Jansen");
    a.wait_for("Registered");
    // B pressed nothing: the card is there, in Dutch, at 80 columns.
    b.wait_for("K-2026-0001");
    b.wait_for("open 1");
    assert!(b.contents().contains("Ontvangen 1"), "{}", b.contents());
    let client = world.client();
    let case = (&client as &dyn Desk).get(CaseId::new(2026, 1)).unwrap();
    assert_eq!(
        case.registered_by, "anna",
        "the desk's operator, as the desk says"
    );
    assert_eq!(a.operator, "anna");

    assert_eq!(
        b.quit(),
        Detached::Exit {
            code: 0,
            message: String::new()
        }
    );
    a.wait_for("K-2026-0001");
    assert!(matches!(a.quit(), Detached::Exit { code: 0, .. }));
}

#[test]
fn who_has_a_case_open_and_what_they_edit_shows_to_the_others() {
    let world = World::new();
    let a = world.attach(100, 30, "en");
    let b = world.attach(100, 30, "en");
    register(&a, "Jan Jansen");
    a.press_until(ESC, "open 1");
    b.wait_for("K-2026-0001");

    // A opens the case: B's card names A.
    a.press_until(ENTER, "K-2026-0001 · Received");
    b.wait_for("K-2026-0001 · anna");
    // B opens it too and sees A in the pane's title; A starts editing the name.
    b.press_until(ENTER, "anna has this case open");
    a.press_until(ENTER, "Ctrl+S");
    b.wait_for("anna is editing Name");
    // A leaves it: B's pane says nothing of A any more.
    a.keys(ESC);
    a.keys(ESC);
    b.wait_until("A gone from the pane", |s| {
        !s.contains("anna is editing") && !s.contains("anna has this case open")
    });
}

#[test]
fn each_board_has_its_own_size() {
    let world = World::new();
    let a = world.attach(80, 24, "en");
    a.wait_for("open 0");
    a.resize(160, 48);
    a.wait_until("the wider board", |s| {
        s.lines().any(|l| l.trim_end().chars().count() > 100)
    });
}

/// A job that needs the database to itself while operators work: the desk
/// lends the database, every board says who has it and for what, a save
/// meanwhile is refused with the form kept, and afterwards the boards show
/// what the job wrote and saving goes on.
#[test]
fn a_lent_database_pauses_saving_keeps_what_is_typed_and_shows_the_result() {
    let world = World::new();
    let a = world.attach(100, 30, "en");
    a.wait_for("open 0");
    // A fills in a registration as the caller talks.
    a.fill_intake("Jan Jansen");

    let client = world.client();
    let lent: &dyn Desk = &client;
    lent.hand_over(klachtdesk::desk::Job::Import).unwrap();
    a.wait_for("anna is importing cases");
    a.keys(CTRL_S);
    a.wait_until("the save refused, the form kept", |s| {
        s.matches("saving is paused").count() >= 2
    });
    assert!(
        a.contents().contains("The report is late."),
        "the form keeps what was typed"
    );

    // The job writes into the database it was lent.
    {
        let store = Store::open(&world.db()).expect("the database is free for the job");
        klachtdesk::demo::populate(&store, &Rules::default(), now(), "bram").unwrap();
    }
    lent.take_back().unwrap();
    a.wait_for("anna is done");
    // Saving goes on: the registration that waited is saved now.
    a.keys(CTRL_S);
    a.wait_for("Registered");
    a.keys(ESC);
    a.wait_until("the queue with the job's cases and the new one", |s| {
        s.contains("open 47")
    });
}

/// `klachtdesk import` while a desk holds the database: it is lent and
/// given back by itself, and the board shows the result.
#[test]
fn klachtdesk_import_works_with_the_desk_running() {
    let world = World::new();
    let a = world.attach(100, 30, "en");
    a.wait_for("open 0");
    let other = tempfile::tempdir().unwrap();
    let file = other.path().join("cases.json");
    {
        let store = Store::open(&other.path().join("db")).unwrap();
        klachtdesk::demo::populate(&store, &Rules::default(), now(), "bram").unwrap();
    }
    let run = |db: &std::path::Path, args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_klachtdesk"))
            .args(["--db", db.to_str().unwrap(), "--now", "2026-11-26T10:00"])
            .args(args)
            .env("USER", "anna")
            .output()
            .unwrap()
    };
    let exported = run(
        &other.path().join("db"),
        &["export", "--all", "--out", file.to_str().unwrap()],
    );
    assert!(
        exported.status.success(),
        "{}",
        String::from_utf8_lossy(&exported.stderr)
    );
    let imported = run(&world.db(), &["import", file.to_str().unwrap()]);
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    a.wait_until("the imported queue", |s| s.contains("open 46"));
    a.wait_for("is done");
    let listed = run(&world.db(), &["list"]);
    assert!(String::from_utf8_lossy(&listed.stdout).contains("46 cases"));
}

/// A letter written from a board is written at the operator's terminal, in
/// their own folder, readable by them only; the board asks where, offering
/// that folder, and says where it wrote.
#[test]
fn a_letter_is_written_in_the_operators_own_folder() {
    use std::os::unix::fs::PermissionsExt;
    let world = World::new();
    let mine = tempfile::tempdir().unwrap();
    let a = Terminal::attach_writing_to(&world.db(), 100, 30, "en", mine.path().to_path_buf());
    register(&a, "Jan Jansen");
    a.press_until(ESC, "open 1");
    a.press_until(ENTER, "K-2026-0001 · Received");
    a.press_until("w", "Acknowledgement");
    a.press_until("w", "Write to a file");
    let offered = mine.path().join("K-2026-0001-acknowledgement-en.txt");
    a.wait_for(&offered.display().to_string());
    a.press_until(ENTER, "Written to");
    let written: Vec<_> = std::fs::read_dir(mine.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    let letter = std::fs::read_to_string(&written[0]).unwrap();
    assert!(letter.contains("Jan Jansen"), "{letter}");
    let mode = std::fs::metadata(&written[0]).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert!(
        !world.dir.path().join("exports").exists(),
        "nothing written where the desk runs"
    );
}

#[test]
fn compact_cards_are_remembered_for_the_operators_next_board() {
    let world = World::new();
    let a = world.attach(100, 30, "en");
    a.wait_for("open 0");
    register(&a, "Jan Jansen");
    a.press_until(ESC, "open 1");
    // The number and the badge on one line, as a compact card has them.
    let one_line = |s: &str| s.lines().any(|l| l.contains("K-2026-0001 ack"));
    assert!(!one_line(&a.contents()), "cards of four lines at first");
    a.keys("v");
    a.wait_until("the card on one line", one_line);
    assert!(matches!(a.quit(), Detached::Exit { code: 0, .. }));

    let again = world.attach(100, 30, "en");
    again.wait_until("the card on one line again", one_line);
}

/// Ctrl+G, as a terminal sends it.
const CTRL_G: &str = "\x07";

#[test]
fn masking_is_remembered_for_the_operators_next_board() {
    let world = World::new();
    let a = world.attach(100, 30, "en");
    a.wait_for("open 0");
    register(&a, "Jan Jansen");
    a.press_until(ESC, "open 1");
    a.wait_for("Jan Jansen");
    a.keys(CTRL_G);
    a.wait_for("MASKED");
    a.wait_for("J. J.");
    assert!(!a.contents().contains("Jan Jansen"), "{}", a.contents());
    assert!(matches!(a.quit(), Detached::Exit { code: 0, .. }));

    let again = world.attach(100, 30, "en");
    again.wait_for("MASKED");
    again.wait_for("J. J.");
    again.keys(CTRL_G);
    again.wait_for("Jan Jansen");
    assert!(matches!(again.quit(), Detached::Exit { code: 0, .. }));
    let third = world.attach(100, 30, "en");
    third.wait_for("Jan Jansen");
    assert!(!third.contents().contains("MASKED"));
}

#[test]
fn a_desk_configured_to_start_masked_starts_every_board_masked() {
    let config: Config = toml::from_str("[privacy]\nstart_masked = true\n").unwrap();
    let world = World::configured(config);
    let a = world.attach(100, 30, "en");
    a.wait_for("MASKED");
    register(&a, "Jan Jansen");
    a.press_until(ESC, "open 1");
    a.wait_for("J. J.");
    // Shown for a moment, and left so: the next board starts masked all the same.
    a.keys(CTRL_G);
    a.wait_for("Jan Jansen");
    assert!(matches!(a.quit(), Detached::Exit { code: 0, .. }));
    let again = world.attach(100, 30, "nl");
    again.wait_for("AFGESCHERMD");
    again.wait_for("J. J.");
}

#[test]
fn u_takes_back_a_step_through_the_desk_and_the_trail_keeps_both() {
    let world = World::new();
    let a = world.attach(100, 30, "en_US.UTF-8");
    a.wait_for("open 0");
    register(&a, "Jan Jansen");
    a.wait_for("Registered");
    a.keys(ESC);
    a.press_until("m", "Acknowledge");
    a.keys("1");
    a.wait_for("Acknowledged at");
    a.keys(CTRL_S);
    a.wait_for("Acknowledged receipt of K-2026-0001.");
    a.keys("u");
    a.wait_for("Took back your last change of K-2026-0001.");
    let client = world.client();
    let desk = &client as &dyn Desk;
    let id = CaseId::new(2026, 1);
    assert_eq!(
        desk.get(id).unwrap().state,
        klachtdesk::domain::workflow::State::Received
    );
    let trail = desk.events(id).unwrap();
    assert_eq!(trail.len(), 3, "registration, acknowledgement, its reversal");
    assert_eq!(
        trail[2].kind,
        klachtdesk::domain::event::EventKind::Command(klachtdesk::domain::workflow::Command::Undo { seq: 2 })
    );
    assert_eq!(trail[2].actor, "anna", "the desk's operator, as the desk says");
}

#[test]
fn a_promise_made_on_one_board_shows_on_the_others_card_and_header() {
    let world = World::new();
    let a = world.attach(100, 30, "en_US.UTF-8");
    let b = world.attach(100, 30, "nl_NL.UTF-8");
    register(&a, "Jan Jansen");
    a.press_until(ESC, "open 1");
    b.wait_for("K-2026-0001");

    a.press_until(ENTER, "K-2026-0001 · Received");
    a.press_until("p", "What was promised");
    a.keys("call back");
    a.keys(TAB);
    a.keys("today 12:00");
    a.wait_for("Promise due: Thu 26 Nov 2026 12:00");
    a.keys(CTRL_S);
    a.wait_for("Promise recorded on K-2026-0001.");
    // B pressed nothing: the promise is the card's badge and in the header, in Dutch.
    // Its moment whole on the narrow card; its words cut first.
    b.wait_for("call ba… vandaag 12:00");
    b.wait_for("toezeggingen 1 vandaag");
    let client = world.client();
    let case = (&client as &dyn Desk).get(CaseId::new(2026, 1)).unwrap();
    assert_eq!(case.promises[0].made_by, "anna");
}

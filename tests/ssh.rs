//! The desk over SSH: operators sign in with the keys of their
//! `[[operator]]` entries and get their boards, live for each other; nothing
//! but a listed key gets in, and nothing but a board is offered; a lost
//! connection gets its form back; a window change resizes the board. The
//! desk listens on 127.0.0.1 at a port the system picks.

#[path = "support/ssh.rs"]
mod ssh;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};

use chrono::{TimeZone, Utc};
use klachtdesk::app::Settings;
use klachtdesk::config::Config;
use klachtdesk::desk::{Clock, Desk, Local};
use klachtdesk::domain::case::CaseId;
use klachtdesk::domain::workflow::Rules;
use klachtdesk::i18n::Lang;
use klachtdesk::keymap::Keymap;
use klachtdesk::remote::Client;
use klachtdesk::server::DeskServer;
use klachtdesk::ssh::{Event, Refusal};
use klachtdesk::store::Store;
use russh::keys::PrivateKey;
use ssh::{CTRL_S, ENTER, ESC, SshTerminal, Watched};
use tempfile::TempDir;

/// A desk with two operators, Anna (English; also the Unix user running the
/// test, for the command line) and Bram (Dutch), each with a key of their own.
struct World {
    dir: TempDir,
    desk: Option<DeskServer>,
    address: SocketAddr,
    anna: PrivateKey,
    bram: PrivateKey,
    log: Arc<Mutex<Vec<Event>>>,
}

/// Thursday 26 November 2026, 10:00 in Amsterdam.
fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap()
}

impl World {
    fn new() -> World {
        World::closing_idle_boards_after(None)
    }

    /// A desk whose boards over SSH close after `idle` without a key.
    fn closing_idle_boards_after(idle: Option<std::time::Duration>) -> World {
        let dir = tempfile::tempdir().unwrap();
        let (anna, anna_line) = ssh::new_key();
        let (bram, bram_line) = ssh::new_key();
        let me = klachtdesk::identity::user_name(rustix::process::getuid().as_raw());
        let config = Config::parse(
            &format!(
                "[[operator]]\nname = \"Anna de Vries\"\nunix_user = \"{me}\"\nssh_keys = [\"{anna_line}\"]\n\n\
                 [[operator]]\nname = \"Bram Jansen\"\nlanguage = \"nl\"\nssh_keys = [\"{bram_line}\"]\n"
            ),
            Path::new("config.toml"),
        )
        .unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
        let desk = Local::new(store, Rules::default(), Clock::Pinned(now()), me);
        let settings = Settings {
            exports: dir.path().join("exports"),
            ..Settings::default()
        };
        let mut desk = DeskServer::start(desk, config, Keymap::default(), settings).unwrap();
        let host_key = ssh::new_key().0;
        let log = Arc::new(Mutex::new(Vec::new()));
        let address = {
            let log = log.clone();
            let settings = klachtdesk::ssh::Settings {
                listen: "127.0.0.1:0".parse().unwrap(),
                idle,
                max_connections: 20,
                lang: Lang::En,
            };
            desk.serve_ssh(host_key, &settings, move |event| log.lock().unwrap().push(event))
                .unwrap()
        };
        World {
            dir,
            desk: Some(desk),
            address,
            anna,
            bram,
            log,
        }
    }

    fn open(&self, key: &PrivateKey, cols: u16, rows: u16, lang: &str) -> SshTerminal {
        SshTerminal::open(self.address, key, cols, rows, lang)
    }

    /// The desk, asked as Anna's command line asks it.
    fn client(&self) -> Client {
        Client::connect(&self.dir.path().join("db"), Lang::En, Some(now())).unwrap()
    }

    fn logged(&self) -> Vec<Event> {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for World {
    fn drop(&mut self) {
        self.desk = None;
    }
}

#[test]
fn a_complaint_registered_over_ssh_shows_on_the_other_board_and_the_trail_names_the_keys_operators() {
    let world = World::new();
    let anna = world.open(&world.anna, 100, 30, "en_US.UTF-8");
    let bram = world.open(&world.bram, 80, 24, "en_US.UTF-8");
    anna.wait_for("Anna de Vries");
    // Bram's entry says Dutch, whatever his terminal says.
    bram.wait_for("Ontvangen 0");

    anna.fill_intake("Jan Jansen");
    anna.keys(CTRL_S);
    anna.wait_for("Registered");
    // Bram pressed nothing: the card is there.
    bram.wait_for("K-2026-0001");
    bram.wait_for("Ontvangen 1");

    // Bram takes the case: he is its handler now.
    bram.keys(ESC);
    bram.press_until("T", "K-2026-0001 is nu van u");

    let client = world.client();
    let desk: &dyn Desk = &client;
    let id = CaseId::new(2026, 1);
    let case = desk.get(id).unwrap();
    assert_eq!(
        case.registered_by, "Anna de Vries",
        "the operator of the key that signed in"
    );
    let actors: Vec<String> = desk.events(id).unwrap().into_iter().map(|e| e.actor).collect();
    assert_eq!(actors, ["Anna de Vries", "Bram Jansen"]);
    let signed_in: Vec<String> = world
        .logged()
        .into_iter()
        .filter_map(|e| match e {
            Event::SignedIn { operator, key, .. } => {
                assert!(key.starts_with("SHA256:"), "the key's fingerprint is logged");
                Some(operator)
            }
            _ => None,
        })
        .collect();
    assert_eq!(signed_in, ["Anna de Vries", "Bram Jansen"]);
}

/// Over SSH the desk writes a letter into the operator's own folder at the
/// desk, by file name only: the board asks for the name, showing the folder,
/// and says where it wrote.
#[test]
fn a_letter_over_ssh_asks_for_a_name_and_lands_in_the_operators_folder_at_the_desk() {
    use std::os::unix::fs::PermissionsExt;
    let world = World::new();
    let anna = world.open(&world.anna, 100, 30, "en_US.UTF-8");
    anna.fill_intake("Jan Jansen");
    anna.keys(CTRL_S);
    anna.wait_for("Registered");
    anna.press_until(ESC, "K-2026-0001");
    anna.press_until(ENTER, "K-2026-0001 · Received");
    anna.press_until("w", "Acknowledgement");
    anna.press_until("w", "Write to a file");
    let folder = world.dir.path().join("exports").join("anna-de-vries");
    anna.wait_for("Into your folder at the desk,");
    anna.wait_for("K-2026-0001-acknowledgement-en.txt");
    anna.press_until(ENTER, "Written to");
    let written = folder.join("K-2026-0001-acknowledgement-en.txt");
    let letter = std::fs::read_to_string(&written).unwrap();
    assert!(letter.contains("Jan Jansen"), "{letter}");
    let mode = std::fs::metadata(&written).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn only_a_listed_key_signs_in_never_a_password_and_nothing_but_the_board_is_offered() {
    let world = World::new();
    let (stranger, _) = ssh::new_key();
    assert!(!ssh::signs_in_with_key(world.address, "anna", &stranger));
    assert!(!ssh::signs_in_with_password(world.address, "anna", "welkom01"));
    assert!(
        ssh::signs_in_with_key(world.address, "whoever", &world.anna),
        "the key decides, not the name"
    );
    assert!(!ssh::exec_accepted(world.address, &world.anna, "cat /etc/passwd"));

    // The refusals are logged, by address and what was tried.
    let waited = std::time::Instant::now();
    let refusals = loop {
        let refusals: Vec<Refusal> = world
            .logged()
            .into_iter()
            .filter_map(|e| match e {
                Event::Refused { why, from, .. } => {
                    assert_eq!(from.to_string(), "127.0.0.1");
                    Some(why)
                }
                _ => None,
            })
            .collect();
        if refusals.len() >= 2 || waited.elapsed() > ssh::PATIENCE {
            break refusals;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(
        refusals
            .iter()
            .any(|r| matches!(r, Refusal::UnknownKey(fp) if fp.starts_with("SHA256:"))),
        "{refusals:?}"
    );
    assert!(refusals.contains(&Refusal::Password), "{refusals:?}");
}

#[test]
fn a_connection_lost_mid_form_gets_the_form_back_when_the_operator_connects_again() {
    let world = World::new();
    let anna = world.open(&world.anna, 100, 30, "en");
    anna.wait_for("Anna de Vries");
    anna.fill_intake("Jan Jansen");
    anna.drop_connection();

    let again = world.open(&world.anna, 120, 35, "en");
    again.wait_for("Welcome back: your form is as you left it");
    again.wait_for("Jan Jansen");
    again.wait_for("The report is late.");
    // Bram gets a board of his own, not Anna's form.
    let bram = world.open(&world.bram, 100, 30, "nl");
    bram.wait_for("Ontvangen 0");
    assert!(!bram.contents().contains("Jan Jansen"));
    // The form saves as if nothing happened.
    again.keys(CTRL_S);
    again.wait_for("Registered");
    bram.wait_for("K-2026-0001");
}

#[test]
fn a_window_change_resizes_the_board() {
    let world = World::new();
    let anna = world.open(&world.anna, 80, 24, "en");
    anna.wait_for("Anna de Vries");
    assert!(
        !anna.contents().contains("Waiting for information"),
        "no room at 80 columns"
    );
    anna.resize(160, 48);
    anna.wait_for("Waiting for information");
    anna.wait_until("the wider board", |s| {
        s.lines().any(|l| l.trim_end().chars().count() > 100)
    });
}

#[test]
fn quitting_sends_the_exit_status_before_the_channel_closes() {
    let world = World::new();
    let anna = world.open(&world.anna, 100, 30, "en");
    anna.wait_for("Anna de Vries");
    anna.keys(ESC);
    anna.keys("q");
    assert_eq!(anna.wait_for_exit(), Some(0));
}

#[test]
fn without_a_terminal_the_desk_says_what_to_do_and_exits_with_1() {
    let world = World::new();
    let anna = SshTerminal::open_with(world.address, &world.anna, 80, 24, "en", false);
    anna.wait_for("needs a terminal: connect with `ssh -t`");
    assert_eq!(anna.wait_for_exit(), Some(1));
}

#[test]
fn an_idle_board_closes_with_a_notice_and_is_kept_for_its_operator() {
    let world = World::closing_idle_boards_after(Some(std::time::Duration::from_secs(2)));
    let anna = world.open(&world.anna, 100, 30, "en");
    anna.wait_for("Anna de Vries");
    anna.press_until("n", "New complaint");
    anna.type_text("Jan Jansen");
    anna.wait_for("press any key to stay");
    assert_eq!(anna.wait_for_exit(), Some(0));
    assert!(anna.contents().contains("without a key"), "{}", anna.contents());

    let again = world.open(&world.anna, 100, 30, "en");
    again.wait_for("Welcome back: your form is as you left it");
    again.wait_for("Jan Jansen");
}

#[test]
fn a_client_that_says_nothing_holds_up_nobody() {
    let world = World::new();
    // Connections that never speak SSH, or never sign in.
    let silent: Vec<std::net::TcpStream> = (0..5)
        .map(|_| std::net::TcpStream::connect(world.address).unwrap())
        .collect();
    let anna = world.open(&world.anna, 100, 30, "en");
    let bram = world.open(&world.bram, 100, 30, "en");
    anna.wait_for("Anna de Vries");
    anna.fill_intake("Jan Jansen");
    anna.keys(CTRL_S);
    bram.wait_for("K-2026-0001");
    drop(silent);
    // Connections that never asked to sign in are no failed sign-ins: a
    // health check does not get its address turned away.
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(
        !world
            .logged()
            .iter()
            .any(|e| matches!(e, Event::Refused { .. } | Event::Barred { .. })),
        "{:?}",
        world.logged()
    );
}

#[test]
fn the_host_keys_fingerprint_is_printed_for_operators_to_check() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let run = || {
        assert_cmd::cargo::cargo_bin_cmd!("klachtdesk")
            .env("HOME", dir.path())
            .env("LANG", "C")
            .env_remove("KLACHTDESK_CONFIG")
            .args(["--db", db.to_str().unwrap(), "serve", "--fingerprint"])
            .output()
            .unwrap()
    };
    let none = run();
    assert_eq!(none.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&none.stderr).contains("no SSH host key yet"),
        "{}",
        String::from_utf8_lossy(&none.stderr)
    );
    let path = klachtdesk::ssh::host_key::path_for(&db);
    let key = klachtdesk::ssh::host_key::load_or_make(&path).unwrap();
    let printed = run();
    assert!(printed.status.success());
    assert_eq!(
        String::from_utf8_lossy(&printed.stdout).trim(),
        klachtdesk::ssh::host_key::fingerprint(&key)
    );
}

/// OpenSSH's own client, in a real pseudo-terminal, where it is installed.
#[test]
fn openssh_puts_an_operator_on_their_board() {
    if std::process::Command::new("ssh").arg("-V").output().is_err() {
        eprintln!("skipped: OpenSSH's ssh is not installed here");
        return;
    }
    let world = World::new();
    let key_file = world.dir.path().join("anna_key");
    std::fs::write(
        &key_file,
        world
            .anna
            .to_openssh(russh::keys::ssh_key::LineEnding::LF)
            .unwrap()
            .as_bytes(),
    )
    .unwrap();
    std::fs::set_permissions(&key_file, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let mut cmd = portable_pty::CommandBuilder::new("ssh");
    for arg in [
        "-tt",
        "-F",
        "/dev/null",
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "BatchMode=yes",
        "-o",
        "LogLevel=ERROR",
        "-o",
        "IdentitiesOnly=yes",
        "-i",
    ] {
        cmd.arg(arg);
    }
    cmd.arg(&key_file);
    cmd.arg("-p");
    cmd.arg(world.address.port().to_string());
    cmd.arg("anna@127.0.0.1");
    cmd.env("LANG", "en_US.UTF-8");
    let mut board = pty::Board::spawn(cmd);
    board.wait_for("Anna de Vries");
    board.wait_for("Received 0");
    board.keys("q");
    assert_eq!(
        board.wait_for_exit_code(),
        0,
        "the board's exit status, passed on by ssh"
    );
}

#[path = "support/pty.rs"]
mod pty;

//! The command line working through a running board: the test process plays the
//! board (a store held open, with its server), the real binary plays the
//! operator at another terminal.
//!
//! Each test gets its own folder with the database and a home directory, and the
//! binary runs in a cleared environment (`LANG=C`, `USER=tester`, the clock
//! pinned to Monday 23 November 2026, 10:00 Amsterdam), as in `tests/cli.rs`.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use chrono::{TimeZone, Utc};
use klachtdesk::config::Config;
use klachtdesk::domain::case::CaseId;
use klachtdesk::domain::workflow::Rules;
use klachtdesk::i18n::Lang;
use klachtdesk::remote::{self, Client, MAX_LINE, Server, StartError};
use klachtdesk::store::Store;
use serde_json::Value;
use tempfile::TempDir;

/// Monday 23 November 2026, 10:00 in Amsterdam (09:00 UTC).
const NOW: &str = "2026-11-23T10:00";

const JAN: [&str; 11] = [
    "add",
    "--name",
    "Jan Jansen",
    "--phone",
    "06-12345678",
    "--service",
    "Penetration testing",
    "--description",
    "The pentest report arrived two weeks late.",
    "--org",
    "Voorbeeld BV",
];

/// One test's private world.
struct World {
    dir: TempDir,
}

impl World {
    fn new() -> World {
        let dir = tempfile::Builder::new().prefix("kd-remote-").tempdir().unwrap();
        for sub in ["home/.config", "home/.local/share", "tmp"] {
            fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        World { dir }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("db")
    }

    fn socket(&self) -> PathBuf {
        remote::socket_path(&self.db())
    }

    /// The binary on this world's database, as an operator at another terminal.
    fn cmd(&self) -> Command {
        let home = self.dir.path().join("home");
        let mut cmd = cargo_bin_cmd!("klachtdesk");
        cmd.env_clear()
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("TMPDIR", self.dir.path().join("tmp"))
            .env("LANG", "C")
            .env("USER", "tester")
            .env("KLACHTDESK_DB", self.db())
            .env("KLACHTDESK_NOW", NOW)
            .timeout(Duration::from_secs(30));
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "klachtdesk {args:?} failed ({:?}): {}",
            out.status.code(),
            text(&out.stderr)
        );
        text(&out.stdout)
    }

    /// The one-line message of a command that must fail with `code`.
    fn fails(&self, args: &[&str], code: i32, lang: &str) -> String {
        let out = self.cmd().env("LANG", lang).args(args).output().unwrap();
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "klachtdesk {args:?}: {err}");
        assert_eq!(text(&out.stdout), "");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(!err.contains("panicked"), "{err}");
        err
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The rules a board with no configuration file runs under.
fn board_rules() -> Rules {
    Config::default().rules()
}

/// A board: the store held open, and the server beside it.
fn board(world: &World) -> (Store, Server) {
    let store = Store::open(&world.db()).unwrap();
    let server = Server::start(store.clone(), board_rules()).unwrap();
    (store, server)
}

/// Sends `line` on a fresh connection (adding the newline) and reads the answer.
fn exchange(socket: &Path, line: &[u8]) -> Value {
    let mut stream = UnixStream::connect(socket).unwrap();
    stream.write_all(line).unwrap();
    stream.write_all(b"\n").unwrap();
    let mut answer = String::new();
    BufReader::new(stream).read_line(&mut answer).unwrap();
    serde_json::from_str(&answer).unwrap()
}

#[test]
fn the_command_line_works_through_a_running_board_and_the_board_sees_it() {
    let world = World::new();
    let (store, server) = board(&world);
    // What the board's watcher thread would see.
    let watch = store.subscribe();
    let (seen, changes) = mpsc::channel();
    thread::spawn(move || {
        for numbered in watch {
            let klachtdesk::store::Change::Put(case) = numbered.change else {
                continue;
            };
            if seen.send(*case).is_err() {
                break;
            }
        }
    });
    let next_change = || changes.recv_timeout(Duration::from_secs(10)).unwrap();

    assert_eq!(world.ok(&JAN), "K-2026-0001\n");
    let registered = next_change();
    assert_eq!(registered.id.to_string(), "K-2026-0001");
    assert_eq!(registered.registered_by, "tester", "the caller's operator");
    assert_eq!(
        registered.registered_at,
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap(),
        "the caller's --now"
    );

    let moved = world.ok(&["move", "K-2026-0001", "acknowledged", "--via", "email"]);
    assert_eq!(moved, "Saved: K-2026-0001 is now \"Acknowledged\".\n");
    assert_eq!(next_change().version, 2);

    let shown: Value = serde_json::from_str(&world.ok(&["show", "K-2026-0001", "--json"])).unwrap();
    assert_eq!(shown["state"], "acknowledged");
    let listed: Value = serde_json::from_str(&world.ok(&["list", "--json"])).unwrap();
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["K-2026-0001"]);
    let logged = world.ok(&["log", "K-2026-0001", "--kind", "call", "--text", "Called back."]);
    assert!(logged.contains("K-2026-0001"), "{logged}");
    assert_eq!(next_change().version, 3);

    // Refused through the board, in the caller's language, as it is locally.
    let refused = ["move", "K-2026-0001", "closed"];
    let through_board = [
        world.fails(&refused, 2, "C"),
        world.fails(&refused, 2, "nl_NL.UTF-8"),
    ];
    assert_ne!(through_board[0], through_board[1], "English and Dutch differ");
    let missing = ["show", "K-2026-0009"];
    let missing_through_board = world.fails(&missing, 2, "C");
    assert_eq!(
        store.get(CaseId::new(2026, 1)).unwrap().version,
        3,
        "nothing moved"
    );
    drop(server);
    drop(store);
    let locally = [
        world.fails(&refused, 2, "C"),
        world.fails(&refused, 2, "nl_NL.UTF-8"),
    ];
    assert_eq!(through_board, locally);
    assert_eq!(missing_through_board, world.fails(&missing, 2, "C"));
    assert!(!world.socket().exists(), "the socket goes with the board");
}

#[test]
fn what_comes_through_the_board_is_what_the_store_holds() {
    let world = World::new();
    let (store, _server) = board(&world);
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    klachtdesk::demo::populate(&store, &board_rules(), now, "tester").unwrap();
    let client = Client::connect(&world.db(), Lang::En).unwrap();
    let local = store.load();
    let remote = client.load().unwrap();
    assert_eq!(remote.cases, local.cases);
    assert!(remote.unreadable.is_empty());
    for case in &local.cases {
        assert_eq!(client.get(case.id).unwrap(), *case);
        assert_eq!(client.events(case.id).unwrap(), store.events(case.id).unwrap());
    }
}

#[test]
fn with_no_board_answering_the_database_is_in_use_as_before() {
    let world = World::new();
    let store = Store::open(&world.db()).unwrap();
    let message = world.fails(&["list"], 1, "C");
    assert!(message.contains("in use by another klachtdesk"), "{message}");
    // A socket left behind by a crashed board changes nothing.
    drop(UnixListener::bind(world.socket()).unwrap());
    let message = world.fails(&["show", "K-2026-0001"], 1, "C");
    assert!(message.contains("in use by another klachtdesk"), "{message}");
    drop(store);
}

#[test]
fn a_socket_left_by_a_crashed_board_is_replaced() {
    let world = World::new();
    let store = Store::open(&world.db()).unwrap();
    drop(UnixListener::bind(world.socket()).unwrap());
    assert!(world.socket().exists(), "the leftover is there");
    let server = Server::start(store.clone(), board_rules()).unwrap();
    let mode = fs::metadata(server.path()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the socket is its owner's only");
    assert_eq!(world.ok(&JAN), "K-2026-0001\n");

    // A board that answers is not displaced …
    let second = Server::start(store.clone(), board_rules());
    assert!(matches!(second, Err(StartError::Taken(_))), "{second:?}");
    assert!(world.ok(&["list"]).contains("K-2026-0001"), "and still answers");
    // … and only the running board's socket goes when it closes.
    drop(server);
    assert!(!world.socket().exists());

    // A file that is not a socket is left alone.
    fs::write(world.socket(), "not mine").unwrap();
    let blocked = Server::start(store, board_rules());
    assert!(matches!(blocked, Err(StartError::InTheWay(_))), "{blocked:?}");
    assert_eq!(fs::read_to_string(world.socket()).unwrap(), "not mine");
}

#[test]
fn garbage_gets_an_error_and_the_board_keeps_answering() {
    let world = World::new();
    let (store, server) = board(&world);
    let socket = server.path().to_path_buf();

    let answer = exchange(&socket, b"this is not json");
    assert!(answer["bad-request"].is_string(), "{answer}");
    let answer = exchange(&socket, br#"{"get":{"id":"nonsense"}}"#);
    assert!(answer["bad-request"].is_string(), "{answer}");
    let answer = exchange(&socket, br#"{"register":{"intake":{}}}"#);
    assert!(answer["bad-request"].is_string(), "{answer}");

    // Several requests on one connection, the bad one answered in its turn.
    let mut stream = UnixStream::connect(&socket).unwrap();
    stream.write_all(b"\"load\"\n{]\n\"load\"\n").unwrap();
    let mut lines = BufReader::new(stream.try_clone().unwrap()).lines();
    for expected in ["loaded", "bad-request", "loaded"] {
        let line: Value = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
        assert!(line.get(expected).is_some(), "{expected}: {line}");
    }
    drop(lines);
    drop(stream);

    // A line longer than the limit is refused and its connection closed.
    let mut stream = UnixStream::connect(&socket).unwrap();
    stream.write_all(&vec![b'x'; MAX_LINE + 1]).unwrap();
    let mut reader = BufReader::new(stream);
    let mut answer = String::new();
    reader.read_line(&mut answer).unwrap();
    let answer: Value = serde_json::from_str(&answer).unwrap();
    assert!(answer["bad-request"].is_string(), "{answer}");
    answer_is_closed(&mut reader);

    // A client that goes away half-way through a request.
    let mut stream = UnixStream::connect(&socket).unwrap();
    stream.write_all(br#"{"register":{"caller":"#).unwrap();
    drop(stream);

    assert_eq!(world.ok(&JAN), "K-2026-0001\n", "the next client is served");
    assert_eq!(store.len(), 1);
}

fn answer_is_closed(reader: &mut impl BufRead) {
    let mut rest = String::new();
    assert_eq!(reader.read_line(&mut rest).unwrap(), 0, "closed, not {rest:?}");
}

#[test]
fn a_board_that_hangs_up_gets_a_clear_message() {
    let world = World::new();
    let _store = Store::open(&world.db()).unwrap();
    // Something that takes the connection and closes it without a word.
    let listener = UnixListener::bind(world.socket()).unwrap();
    thread::spawn(move || {
        for stream in listener.incoming() {
            drop(stream);
        }
    });
    let message = world.fails(&["list"], 1, "C");
    assert!(message.contains("cannot open the database at"), "{message}");
    assert!(message.contains("broke off"), "{message}");
    let message = world.fails(&["list"], 1, "nl_NL.UTF-8");
    assert!(message.contains("werd verbroken"), "{message}");
}

//! The command line working through a running board: the test process plays the
//! board (a store held open, with its server, as the operator `anna`), the
//! real binary plays the operator at another terminal.
//!
//! Each test gets its own folder with the database and a home directory, and the
//! binary runs in a cleared environment (`LANG=C`, `USER=tester`, the clock
//! pinned to Monday 23 November 2026, 10:00 Amsterdam), as in `tests/cli.rs`;
//! the board's clock is pinned to the same moment.

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
use klachtdesk::app::Settings;
use klachtdesk::config::Config;
use klachtdesk::desk::{Clock, Desk, Local};
use klachtdesk::domain::case::CaseId;
use klachtdesk::domain::workflow::Rules;
use klachtdesk::i18n::Lang;
use klachtdesk::keymap::Keymap;
use klachtdesk::remote::{self, Client, MAX_CONNECTIONS, MAX_LINE, StartError, VERSION};
use klachtdesk::server::DeskServer;
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

    /// `klachtdesk serve` on this world's database, answering once it runs.
    fn desk_process(&self) -> std::process::Child {
        let home = self.dir.path().join("home");
        let desk = std::process::Command::new(env!("CARGO_BIN_EXE_klachtdesk"))
            .arg("serve")
            .env_clear()
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("LANG", "C")
            .env("USER", "tester")
            .env("KLACHTDESK_DB", self.db())
            .env("KLACHTDESK_NOW", NOW)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while UnixStream::connect(self.socket()).is_err() {
            assert!(std::time::Instant::now() < deadline, "the desk did not start");
            thread::sleep(Duration::from_millis(20));
        }
        desk
    }

    /// Registers Jan, giving up on an answer after 3 seconds.
    fn impatient_add(&self) -> Output {
        self.cmd()
            .env("KLACHTDESK_PATIENCE", "3")
            .args(JAN)
            .output()
            .unwrap()
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

/// The board's clock: pinned to the moment the command line is pinned to.
fn board_clock() -> Clock {
    Clock::Pinned(Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap())
}

/// The desk of the board, whose operator is `anna`.
fn board_desk(store: &Store) -> Local {
    Local::new(store.clone(), board_rules(), board_clock(), "anna".into())
}

/// The desk: the store held open, served at its socket.
fn board(world: &World) -> (Store, DeskServer) {
    let store = Store::open(&world.db()).unwrap();
    let server = desk_server(&store).unwrap();
    (store, server)
}

fn desk_server(store: &Store) -> Result<DeskServer, StartError> {
    DeskServer::start(
        board_desk(store),
        Config::default(),
        Keymap::default(),
        Settings::default(),
    )
}

/// A connection that has said hello as the command line does.
fn greeted(socket: &Path) -> (UnixStream, BufReader<UnixStream>) {
    let mut stream = UnixStream::connect(socket).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    writeln!(stream, r#"{{"version":{VERSION}}}"#).unwrap();
    let welcome = read_json(&mut reader);
    assert_eq!(welcome["welcome"]["operator"], "anna", "{welcome}");
    (stream, reader)
}

fn read_json(reader: &mut impl BufRead) -> Value {
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line:?}"))
}

/// Sends `request` (JSON) in an envelope that gives up `deadline_ms` from
/// now, on a greeted connection, and reads the reply.
fn ask(socket: &Path, request: &str, deadline_ms: i64) -> Value {
    let (mut stream, mut reader) = greeted(socket);
    let deadline = now_ms() as i64 + deadline_ms;
    writeln!(
        stream,
        r#"{{"id":7,"deadline_ms":{deadline},"request":{request}}}"#
    )
    .unwrap();
    let reply = read_json(&mut reader);
    assert_eq!(reply["id"], 7, "{reply}");
    reply["response"].clone()
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
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
    assert_eq!(
        registered.registered_by, "anna",
        "the board's operator, not the caller's say"
    );
    assert_eq!(
        registered.registered_at,
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap(),
        "the board's clock"
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
    let client = Client::connect(&world.db(), Lang::En, None).unwrap();
    let client: &dyn Desk = &client;
    let local = store.load();
    let remote = client.load().unwrap();
    assert_eq!(remote.cases, local.cases);
    assert!(remote.unreadable.is_empty());
    for case in &local.cases {
        assert_eq!(client.get(case.id).unwrap(), *case);
        assert_eq!(client.events(case.id).unwrap(), store.events(case.id).unwrap());
    }
    let ids: Vec<CaseId> = local.cases.iter().map(|c| c.id).collect();
    let trails = client.trails(&ids).unwrap();
    assert_eq!(trails.len(), ids.len());
}

#[test]
fn a_large_queue_comes_through_the_desk_whole_and_lists_as_without_it() {
    let world = World::new();
    let rules = board_rules();
    let store = Store::open(&world.db()).unwrap();
    let generated: Vec<_> = klachtdesk::bench::generate::plan(2_500, &rules.policy)
        .iter()
        .map(|planned| klachtdesk::bench::generate::make(planned, &rules).unwrap())
        .collect();
    store.write_bulk(&generated).unwrap();
    drop(store);
    let without = world.ok(&["list", "--all", "--json"]);
    let open_without = world.ok(&["list"]);

    let (store, _server) = board(&world);
    let client = Client::connect(&world.db(), Lang::En, None).unwrap();
    let client: &dyn Desk = &client;
    assert_eq!(
        client.load().unwrap().cases,
        store.load().cases,
        "more cases than fit one part"
    );
    assert_eq!(world.ok(&["list", "--all", "--json"]), without);
    assert_eq!(world.ok(&["list"]), open_without);
    let listed: Value = serde_json::from_str(&without).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 2_500);
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
    let server = desk_server(&store).unwrap();
    let mode = fs::metadata(server.socket()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the socket is its owner's only");
    assert_eq!(world.ok(&JAN), "K-2026-0001\n");

    // A board that answers is not displaced …
    let second = desk_server(&store);
    assert!(matches!(second, Err(StartError::Taken(_))), "{second:?}");
    assert!(world.ok(&["list"]).contains("K-2026-0001"), "and still answers");
    // … and only the running board's socket goes when it closes.
    drop(server);
    assert!(!world.socket().exists());

    // A file that is not a socket is left alone.
    fs::write(world.socket(), "not mine").unwrap();
    let blocked = desk_server(&store);
    assert!(matches!(blocked, Err(StartError::InTheWay(_))), "{blocked:?}");
    assert_eq!(fs::read_to_string(world.socket()).unwrap(), "not mine");
}

#[test]
fn garbage_gets_an_error_and_the_board_keeps_answering() {
    let world = World::new();
    let (store, server) = board(&world);
    let socket = server.socket().to_path_buf();

    // No hello: refused, and closed.
    let mut stream = UnixStream::connect(&socket).unwrap();
    stream.write_all(b"this is not json\n").unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let refused = read_json(&mut reader);
    assert_eq!(refused["refused"], "no-hello", "{refused}");
    answer_is_closed(&mut reader);

    // Another version: refused in words.
    let mut stream = UnixStream::connect(&socket).unwrap();
    stream.write_all(b"{\"version\":1}\n").unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let refused = read_json(&mut reader);
    assert_eq!(refused["refused"]["version"]["desk"], VERSION, "{refused}");

    let far = 60_000;
    let answer = ask(&socket, r#"{"get":{"id":"nonsense"}}"#, far);
    assert!(answer.to_string().contains("unreadable"), "{answer}");
    let answer = ask(&socket, r#"{"register":{"intake":{}}}"#, far);
    assert!(answer.to_string().contains("unreadable"), "{answer}");

    // Several requests on one connection, the bad one answered in its turn.
    let (mut stream, mut reader) = greeted(&socket);
    let deadline = now_ms() + 60_000;
    write!(
        stream,
        "{{\"id\":1,\"deadline_ms\":{deadline},\"request\":\"load\"}}\n{{]\n{{\"id\":3,\"deadline_ms\":{deadline},\"request\":\"load\"}}\n"
    )
    .unwrap();
    for expected in ["loaded", "bad-request", "loaded"] {
        let reply = read_json(&mut reader);
        assert!(reply["response"].get(expected).is_some(), "{expected}: {reply}");
    }
    drop(stream);

    // A line longer than the limit is refused and its connection closed.
    let (mut stream, mut reader) = greeted(&socket);
    stream.write_all(&vec![b'x'; MAX_LINE + 1]).unwrap();
    let answer = read_json(&mut reader);
    assert_eq!(
        answer["response"]["bad-request"]["too-long"]["max"], MAX_LINE,
        "{answer}"
    );
    answer_is_closed(&mut reader);

    // A client that goes away half-way through a request.
    let (mut stream, _reader) = greeted(&socket);
    stream.write_all(br#"{"id":1,"request":{"register":"#).unwrap();
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

// ───────────── who and when: the board decides, never the caller ─────────────

#[test]
fn the_board_decides_who_made_a_change_and_when() {
    let world = World::new();
    let (store, _server) = board(&world);
    // The caller's own configuration names another operator: not passed on.
    let config = world.dir.path().join("mallory.toml");
    fs::write(&config, "operator = \"Mallory\"\n").unwrap();
    let out = world
        .cmd()
        .env("KLACHTDESK_CONFIG", &config)
        .args(JAN)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let case = store.get(CaseId::new(2026, 1)).unwrap();
    assert_eq!(case.registered_by, "anna");
    assert_eq!(
        store.events(case.id).unwrap()[0].actor,
        "anna",
        "the audit trail too"
    );

    // Another clock than the board's: refused in words, nothing done.
    let out = world
        .cmd()
        .env("KLACHTDESK_NOW", "2026-11-20T09:00")
        .args(["log", "K-2026-0001", "--kind", "note", "--text", "Backdated."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let message = text(&out.stderr);
    assert!(
        message.contains("--now") && message.contains("its clock decides"),
        "{message}"
    );
    assert_eq!(store.get(case.id).unwrap().version, 1, "nothing was logged");
}

// ───────────── a request its caller gave up on is never carried out ─────────────

#[test]
fn a_request_whose_caller_gave_up_is_not_carried_out() {
    let world = World::new();
    let (store, server) = board(&world);
    let intake = r#"{"register":{"intake":{"name":"Jan Jansen","phone":"06-12345678","email":"","organisation":"","service":"Penetration testing","channel":"phone","complained_at":null,"description":"Late."}}}"#;
    let answer = ask(&server.socket(), intake, -1_000);
    assert_eq!(answer["bad-request"], "expired", "{answer}");
    // Too little of its patience left to be sure the answer arrives in time.
    let answer = ask(&server.socket(), intake, 500);
    assert_eq!(answer["bad-request"], "expired", "{answer}");
    assert_eq!(store.len(), 0, "nothing registered");
    let answer = ask(&server.socket(), intake, 30_000);
    assert!(answer["case"].is_object(), "{answer}");
    assert_eq!(store.len(), 1);
}

/// The attack's case: the desk that holds the database is stopped (SIGSTOP)
/// while the command line waits. The command line gives up, saying nothing
/// was done; when the desk runs again, nothing is done.
#[test]
fn a_stopped_desk_does_nothing_the_command_line_gave_up_on() {
    let world = World::new();
    let mut desk = world.desk_process();
    let signal = |sig: &str| {
        let status = std::process::Command::new("kill")
            .args([sig, &desk.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    };
    signal("-STOP");
    let out = world.impatient_add();
    signal("-CONT");
    let message = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{message}");
    assert!(
        message.contains("no answer within 3 seconds") && message.contains("nothing was done"),
        "{message}"
    );
    thread::sleep(Duration::from_millis(500));
    assert_eq!(
        world.ok(&["list", "--json"]).trim(),
        "[]",
        "nothing was registered"
    );
    signal("-TERM");
    assert!(desk.wait().unwrap().success(), "the desk closes on SIGTERM");
}

/// A board that took the request and then went silent (stopped, or stuck
/// behind a long backup): the command line cannot know whether it was done,
/// says so, and names the request id that makes a retry safe. The request,
/// carried out after its caller gave up, is dropped; the retry registers the
/// complaint once, however often it is repeated.
#[test]
fn an_unanswered_request_is_never_carried_out_late_and_a_retry_registers_once() {
    let world = World::new();
    let store = Store::open(&world.db()).unwrap();
    let silent = UnixListener::bind(world.socket()).unwrap();
    let (taken, request) = mpsc::channel();
    thread::spawn(move || {
        let (stream, _) = silent.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut hello = String::new();
        reader.read_line(&mut hello).unwrap();
        writeln!(
            &stream,
            r#"{{"welcome":{{"version":{VERSION},"operator":"anna"}}}}"#
        )
        .unwrap();
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        taken.send(line).unwrap();
        // Silent until the caller has gone.
        let mut rest = String::new();
        let _ = reader.read_line(&mut rest);
    });
    let out = world.impatient_add();
    let message = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{message}");
    assert!(message.contains("may or may not have been done"), "{message}");
    assert!(message.contains("list --text \"Jan Jansen\""), "{message}");
    let request_id = message
        .split("--request-id ")
        .nth(1)
        .and_then(|rest| rest.split('`').next())
        .expect("the message names the request id")
        .to_string();
    let envelope = request.recv_timeout(Duration::from_secs(5)).unwrap();
    assert!(
        envelope.contains(&request_id),
        "the request carried its id: {envelope}"
    );

    // The board gets to it only now: too late, so it is not carried out.
    fs::remove_file(world.socket()).unwrap();
    let server = desk_server(&store).unwrap();
    let (mut stream, mut reader) = greeted(&server.socket());
    stream.write_all(envelope.as_bytes()).unwrap();
    let reply = read_json(&mut reader);
    assert_eq!(reply["response"]["bad-request"], "expired", "{reply}");
    assert_eq!(store.len(), 0, "nothing registered");

    let retry: Vec<&str> = JAN.iter().copied().chain(["--request-id", &request_id]).collect();
    assert_eq!(world.ok(&retry), "K-2026-0001\n");
    assert_eq!(
        world.ok(&retry),
        "K-2026-0001\n",
        "a second retry registers nothing new"
    );
    assert_eq!(store.len(), 1);
}

#[test]
fn without_a_board_a_request_id_also_registers_once() {
    let world = World::new();
    let retry: Vec<&str> = JAN
        .iter()
        .copied()
        .chain(["--request-id", "call-0815-jan"])
        .collect();
    assert_eq!(world.ok(&retry), "K-2026-0001\n");
    assert_eq!(world.ok(&retry), "K-2026-0001\n");
    assert_eq!(world.ok(&JAN), "K-2026-0002\n", "without the id, a new case");
    let bad: Vec<&str> = JAN
        .iter()
        .copied()
        .chain(["--request-id", "no spaces, please"])
        .collect();
    let message = world.fails(&bad, 2, "C");
    assert!(message.contains("request id"), "{message}");
}

// ───────────── limits: no client takes what the others need ─────────────

#[test]
fn connections_past_the_cap_are_refused_and_idle_ones_closed() {
    let world = World::new();
    let (_store, server) = board(&world);
    // Connections that never say hello hold a place only for a few seconds.
    let idle: Vec<UnixStream> = (0..MAX_CONNECTIONS)
        .map(|_| UnixStream::connect(server.socket()).unwrap())
        .collect();
    thread::sleep(Duration::from_millis(300));
    let one_more = UnixStream::connect(server.socket()).unwrap();
    one_more.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let refused = read_json(&mut BufReader::new(one_more));
    assert_eq!(
        refused["refused"]["too-many-connections"]["max"], MAX_CONNECTIONS,
        "{refused}"
    );
    let message = world.fails(&["list"], 1, "C");
    assert!(message.contains("already serves 32 connections"), "{message}");
    // The silent ones are closed after the hello's patience; then all is well.
    thread::sleep(Duration::from_secs(6));
    assert!(world.ok(&["list"]).contains("No cases"));
    drop(idle);
}

#[test]
fn a_request_for_many_cases_is_refused_and_repeats_count_once() {
    let world = World::new();
    let (store, server) = board(&world);
    world.ok(&JAN);
    let id = "\"K-2026-0001\"";
    // 100,000 copies of one number: within the size of a request, but far
    // more cases than one request may ask for (larger ones are too long).
    let many = format!(r#"{{"trails":{{"ids":[{}]}}}}"#, vec![id; 100_000].join(","));
    let answer = ask(&server.socket(), &many, 60_000);
    assert_eq!(answer["bad-request"]["too-many-cases"]["max"], 1_000, "{answer}");
    let repeated = format!(r#"{{"trails":{{"ids":[{}]}}}}"#, vec![id; 1_000].join(","));
    let answer = ask(&server.socket(), &repeated, 60_000);
    assert_eq!(
        answer["trails"].as_array().unwrap().len(),
        1,
        "one trail, not a thousand"
    );
    assert_eq!(store.len(), 1);
}

// ───────────── the board checks every request as the command line does ─────────────

#[test]
fn removing_personal_data_is_refused_through_the_board() {
    let world = World::new();
    let (store, server) = board(&world);
    world.ok(&JAN);
    world.ok(&["move", "K-2026-0001", "closed", "--withdrawn", "Settled"]);
    let anonymise = r#"{"execute":{"id":"K-2026-0001","expected_version":null,"commands":[{"anonymise":{"reason":"request","pseudonym":"x"}}]}}"#;
    let answer = ask(&server.socket(), anonymise, 60_000);
    assert_eq!(answer["bad-request"], "needs-database-to-itself", "{answer}");
    let case = store.get(CaseId::new(2026, 1)).unwrap();
    assert_eq!(case.contact.name, "Jan Jansen", "nothing was removed");
}

#[test]
fn a_text_listing_through_the_desk_finds_words_of_the_description() {
    let world = World::new();
    let (_store, _server) = board(&world);
    world.ok(&JAN);
    let listed = world.ok(&["list", "--text", "pentest weeks"]);
    assert!(listed.contains("K-2026-0001"), "{listed}");
    let listed = world.ok(&["list", "--text", "jansen pentest"]);
    assert!(listed.contains("K-2026-0001"), "{listed}");
    let listed = world.ok(&["list", "--text", "ransomware"]);
    assert!(!listed.contains("K-2026-0001"), "{listed}");
}

#[test]
fn one_odd_record_never_fails_a_whole_listing_through_the_board() {
    let world = World::new();
    {
        let store = Store::open(&world.db()).unwrap();
        klachtdesk::demo::populate(&store, &board_rules(), board_clock().now(), "anna").unwrap();
    }
    // A snapshot that does not decode, written as a damaged disk would leave it.
    {
        let db = sled::open(world.db()).unwrap();
        let cases = db.open_tree("cases").unwrap();
        cases
            .insert(
                CaseId::new(2026, 3).as_u64().to_be_bytes(),
                &[1u8, 0xde, 0xad][..],
            )
            .unwrap();
        db.flush().unwrap();
    }
    thread::sleep(Duration::from_millis(200));
    let (store, _server) = board(&world);
    let out = world.run(&["list", "--all", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let listed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        listed.as_array().unwrap().len(),
        store.len() - 1,
        "all but the damaged one"
    );
    assert!(
        text(&out.stderr).contains("K-2026-0003"),
        "the damaged one is named"
    );
}

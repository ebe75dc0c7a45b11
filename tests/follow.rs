//! Following the desk: every change as it happens over the socket, what was
//! missed while the connection was lost, word to read anew when the desk
//! started again, and `klachtdesk follow` printing it for a script.

#[path = "support/cli.rs"]
mod cli;

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::process::Stdio;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use cli::Cli;
use klachtdesk::app::Settings;
use klachtdesk::config::Config;
use klachtdesk::desk::{Clock, Followed, Local};
use klachtdesk::i18n::Lang;
use klachtdesk::keymap::Keymap;
use klachtdesk::remote::{self, Client, FOLLOW_HEARTBEAT, Following, VERSION};
use klachtdesk::server::DeskServer;
use klachtdesk::store::{Change, Store};
use serde_json::Value;

/// The desk on the world's database, its clock pinned where the command line's is.
fn desk(cli: &Cli) -> DeskServer {
    let store = Store::open(&cli.path("db")).unwrap();
    let clock = Clock::Pinned(Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap());
    let desk = Local::new(store, Config::default().rules(), clock, "anna".into());
    DeskServer::start(desk, Config::default(), Keymap::default(), Settings::default()).unwrap()
}

fn follow(cli: &Cli, since: Option<klachtdesk::desk::Mark>) -> Following {
    Client::connect(&cli.path("db"), Lang::En, None)
        .unwrap()
        .follow(since)
        .unwrap()
}

fn add(cli: &Cli, name: &str) -> String {
    let args = [
        "add",
        "--name",
        name,
        "--email",
        "klant@example.nl",
        "--service",
        "Consultancy",
        "--description",
        "The report came late.",
    ];
    String::from_utf8(cli.ok(&args)).unwrap().trim().to_string()
}

/// The next change told: the case's number and version.
fn next_put(following: &mut Following) -> (String, u32) {
    match following.next() {
        Some(Ok(Followed::Changed(stamped))) => match stamped.change {
            Change::Put(case) => (case.id.to_string(), case.version),
            other => panic!("a case put, not {other:?}"),
        },
        other => panic!("a change, not {other:?}"),
    }
}

#[test]
fn a_follower_hears_each_change_and_after_a_lost_connection_gets_what_it_missed() {
    let cli = Cli::new();
    let _desk = desk(&cli);
    let mut following = follow(&cli, None);
    let first = add(&cli, "Jan Jansen");
    assert_eq!(next_put(&mut following), (first.clone(), 1));
    let at = following.at();
    drop(following);

    // While nobody follows: a new case, and the first moved on.
    let second = add(&cli, "Els de Vries");
    cli.ok(&["move", &first, "acknowledged", "--via", "email"]);

    let mut again = follow(&cli, Some(at));
    assert_eq!(next_put(&mut again), (second, 1), "what it missed, in order");
    assert_eq!(next_put(&mut again), (first, 2));
    assert_eq!(again.at().number, at.number + 2);
}

#[test]
fn a_follower_of_a_desk_that_started_again_is_told_to_read_anew() {
    let cli = Cli::new();
    let first_run = desk(&cli);
    let mut following = follow(&cli, None);
    add(&cli, "Jan Jansen");
    next_put(&mut following);
    let at = following.at();
    drop(first_run);
    assert!(following.next().unwrap().is_err(), "the desk went away");

    let _second_run = desk(&cli);
    let mut again = follow(&cli, Some(at));
    assert!(
        matches!(again.next(), Some(Ok(Followed::ReadAnew(_)))),
        "its numbers count anew: what was missed cannot be told"
    );
    let added = add(&cli, "Els de Vries");
    assert_eq!(next_put(&mut again), (added, 1), "and it goes on following");
}

#[test]
fn a_quiet_desk_keeps_its_follower_with_heartbeats() {
    let cli = Cli::new();
    let _desk = desk(&cli);
    let mut stream = UnixStream::connect(remote::socket_path(&cli.path("db"))).unwrap();
    stream.set_read_timeout(Some(FOLLOW_HEARTBEAT * 2)).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut read = || {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        serde_json::from_str::<Value>(&line).unwrap_or_else(|e| panic!("{e}: {line:?}"))
    };
    writeln!(stream, r#"{{"version":{VERSION}}}"#).unwrap();
    assert_eq!(read()["welcome"]["operator"], "anna");
    writeln!(
        stream,
        r#"{{"id":3,"deadline_ms":0,"request":{{"follow":{{"since":null}}}}}}"#
    )
    .unwrap();
    let following = read();
    assert_eq!(following["id"], 3);
    assert_eq!(
        following["response"]["following"]["mark"]["number"], 0,
        "{following}"
    );
    let started = Instant::now();
    let heartbeat = read();
    assert_eq!(heartbeat["response"], "heartbeat", "{heartbeat}");
    assert!(started.elapsed() >= FOLLOW_HEARTBEAT / 2, "only when quiet");
}

#[test]
fn klachtdesk_follow_prints_each_change_as_it_happens() {
    let cli = Cli::new();
    let desk = desk(&cli);
    let spawn = |args: &[&str]| {
        let child = cli
            .command(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Following once the desk has a connection open.
        let deadline = Instant::now() + Duration::from_secs(10);
        while desk.idle() {
            assert!(Instant::now() < deadline, "klachtdesk follow did not connect");
            std::thread::sleep(Duration::from_millis(20));
        }
        child
    };
    let script = spawn(&["follow", "--json", "--count", "2"]);
    let first = add(&cli, "Jan Jansen");
    cli.ok(&["move", &first, "acknowledged", "--via", "email"]);
    let out = script.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0]["case"]["id"], first.as_str());
    assert_eq!(lines[0]["case"]["state"], "received");
    assert_eq!(lines[1]["case"]["state"], "acknowledged");
    assert_eq!(
        lines[1]["change"].as_u64(),
        lines[0]["change"].as_u64().map(|n| n + 1)
    );

    while !desk.idle() {
        std::thread::sleep(Duration::from_millis(20));
    }
    let wall = spawn(&["follow", "--count", "1"]);
    let second = add(&cli, "Els de Vries");
    let out = wall.wait_with_output().unwrap();
    let line = String::from_utf8(out.stdout).unwrap();
    assert!(line.contains(&second) && line.contains("Els de Vries"), "{line}");
    assert_eq!(line.lines().count(), 1, "{line}");
}

#[test]
fn follow_without_a_desk_says_how_to_start_one() {
    let cli = Cli::new();
    add(&cli, "Jan Jansen");
    let said = cli.fails(&["follow"], 2);
    assert!(said.contains("klachtdesk serve"), "{said}");
    assert_eq!(said.lines().count(), 1, "{said}");
    let dutch = String::from_utf8(
        cli.command(&["follow"])
            .env("LANG", "nl_NL.UTF-8")
            .output()
            .unwrap()
            .stderr,
    )
    .unwrap();
    assert!(dutch.contains("er draait geen desk"), "{dutch}");
}

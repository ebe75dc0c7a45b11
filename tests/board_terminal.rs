//! The board and the terminal it runs in, from outside: ended by a signal it
//! leaves the terminal as the shell had it (main screen, cursor shown, no
//! mouse or paste reporting) and saves nothing half; without a terminal, or
//! with its output redirected, it refuses in words before opening anything.

#[path = "support/pty.rs"]
mod pty;

use std::process::Command;

use portable_pty::CommandBuilder;
use pty::Board;

/// Sends `signal` (a name `kill` knows) to the board's process.
fn send(board: &Board, signal: &str) {
    let pid = board.child.process_id().expect("the board's process id");
    let status = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status()
        .expect("kill runs");
    assert!(status.success(), "kill -{signal} {pid}");
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// Ends the board showing its queue with `signal`: after it, the output leaves
/// the alternate screen, switches mouse reporting off and shows the cursor,
/// and the exit code is 128 + `number`.
fn ended_by(signal: &str, number: u32) {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("db");
    let mut board = Board::start(home.path(), &db);
    board.wait_for("open 0");
    board.wait_for_board_terminal();
    let before = board.written();
    send(&board, signal);
    assert_eq!(board.wait_for_exit_code(), 128 + number, "SIG{signal}");
    board.wait_for_output_to_settle();
    let after = board.output_since(before);
    for (sequence, what) in [
        ("\x1b[?1049l", "leaves the alternate screen"),
        ("\x1b[?1000l", "switches mouse reporting off"),
        ("\x1b[?2004l", "switches bracketed paste off"),
        ("\x1b[?25h", "shows the cursor"),
    ] {
        assert!(
            contains(&after, sequence),
            "after SIG{signal} the board {what} ({sequence:?}); it wrote {:?}",
            String::from_utf8_lossy(&after)
        );
    }
    assert!(
        board.terminal_restored(),
        "SIG{signal}: the terminal was not restored"
    );
}

#[test]
fn sigterm_restores_the_terminal() {
    ended_by("TERM", 15);
}

#[test]
fn sighup_restores_the_terminal() {
    ended_by("HUP", 1);
}

#[test]
fn a_form_in_progress_when_sigterm_comes_is_not_saved() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("db");
    let mut board = Board::start(home.path(), &db);
    board.wait_for("open 0");
    board.press_until("n", "New complaint");
    board.type_text("Jan Jansen");
    board.wait_for("Jan Jansen");
    send(&board, "TERM");
    assert_eq!(board.wait_for_exit_code(), 128 + 15);
    board.wait_for_restored_terminal();
    drop(board);
    let store = pty::open_once_free(&db);
    assert!(store.is_empty(), "a form not saved leaves no case");
}

#[test]
fn the_board_with_its_output_redirected_refuses_and_draws_nothing() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("db");
    let out = home.path().join("out.txt");
    let script = format!(
        "exec '{}' --db '{}' > '{}'",
        env!("CARGO_BIN_EXE_klachtdesk"),
        db.display(),
        out.display()
    );
    let mut cmd = CommandBuilder::new("sh");
    cmd.args(["-c", &script]);
    pty::in_home(&mut cmd, home.path());
    let mut board = Board::spawn(cmd);
    assert_eq!(board.wait_for_exit_code(), 2);
    board.wait_for_output_to_settle();
    let message = board.contents();
    assert!(message.contains("the board needs a terminal"), "{message}");
    assert!(message.contains("list, show"), "{message}");
    assert_eq!(
        std::fs::read(&out).unwrap(),
        b"",
        "nothing is drawn into the file"
    );
    assert!(!db.exists(), "the database is not opened (nor made)");
}

/// The board with no terminal at all (standard input from /dev/null, output
/// to a pipe), in the language `lang`; its output.
fn without_a_terminal(home: &std::path::Path, lang: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_klachtdesk"))
        .args(["--db", home.join("db").to_str().unwrap()])
        .env_clear()
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("LANG", lang)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn the_board_without_a_terminal_refuses_in_words() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("db");
    let out = without_a_terminal(home.path(), "C");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(out.stdout, b"");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("klachtdesk: the board needs a terminal"), "{err}");
    assert!(err.contains("list, show"), "{err}");
    assert!(!db.exists(), "the database is not opened (nor made)");
    // The same in Dutch.
    let out = without_a_terminal(home.path(), "nl_NL.UTF-8");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("het bord heeft een terminal nodig"), "{err}");
}

/// A second `klachtdesk` on the same database attaches to the desk the first
/// one started instead of being refused; quitting the first leaves the
/// second working.
#[test]
fn a_second_board_attaches_to_the_first_ones_desk() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("db");
    let mut first = Board::start(home.path(), &db);
    first.wait_for("open 0");
    let mut second = Board::start(home.path(), &db);
    second.wait_for("open 0");
    assert!(!second.contents().contains("in use"), "{}", second.contents());
    first.keys("q");
    assert!(first.wait_for_exit(), "the first board quits");
    // The second still answers keys, drawn by the same desk.
    second.press_until("n", "New complaint");
    // Esc and q one after the other, not as one Alt+q.
    second.wait_until("the form gone", |_| true);
    second.keys("\x1b");
    second.wait_until("the board again", |s| !s.contents().contains("New complaint"));
    second.keys("q");
    assert!(second.wait_for_exit(), "the second board quits");
}

/// The desk a board was attached to is killed (SIGKILL): the board attaches
/// again (to a desk it starts), with the queue as it was saved.
#[test]
fn a_board_whose_desk_is_killed_attaches_again() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("db");
    let mut desk = Command::new(env!("CARGO_BIN_EXE_klachtdesk"))
        .args(["--db", db.to_str().unwrap(), "--now", "2026-11-26T10:00", "serve"])
        .env_clear()
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("USER", "tester")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let socket = klachtdesk::remote::socket_path(&db);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::os::unix::net::UnixStream::connect(&socket).is_err() {
        assert!(std::time::Instant::now() < deadline, "the desk did not start");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let mut board = Board::start(home.path(), &db);
    board.wait_for("open 0");
    let added = Command::new(env!("CARGO_BIN_EXE_klachtdesk"))
        .args(["--db", db.to_str().unwrap(), "--now", "2026-11-26T10:00"])
        .args(["add", "--name", "Jan Jansen", "--phone", "06-12345678"])
        .args(["--service", "Consultancy", "--description", "Late."])
        .env("HOME", home.path())
        .env("USER", "tester")
        .output()
        .unwrap();
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    board.wait_for("K-2026-0001");

    let before = board.written();
    let killed = Command::new("kill")
        .args(["-KILL", &desk.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    desk.wait().unwrap();
    // The board is drawn again by a new desk, the case there as saved.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while board.written() == before {
        assert!(
            std::time::Instant::now() < deadline,
            "the board was not drawn again"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    board.wait_until("the board drawn again", |screen| {
        screen.contents().contains("K-2026-0001") && screen.contents().contains("open 1")
    });
    // The screen above may still be the old desk's: keys count once the
    // desk the board started answers (on a loaded machine, seconds later).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while std::os::unix::net::UnixStream::connect(&socket).is_err() {
        assert!(std::time::Instant::now() < deadline, "no desk came back");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    board.press_until("n", "New complaint");
    board.keys("\x1b");
    board.wait_until("the board again", |s| !s.contents().contains("New complaint"));
    board.keys("q");
    assert!(board.wait_for_exit(), "the board quits");
}

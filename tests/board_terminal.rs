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

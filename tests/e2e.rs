//! The real binary in a pseudo-terminal, driven like an operator at a 100x30
//! terminal: a phone intake, logging the call, acknowledgement, admissibility
//! (taken into treatment), the outcome and closing — checking the screen at each
//! step, and the database after quitting.
//!
//! The terminal's output is fed to a vt100 emulator; each step sends its keys
//! and then waits (polling, with a deadline) until the screen shows what an
//! operator would wait for.

#[path = "support/pty.rs"]
mod pty;

use klachtdesk::domain::case::{CaseId, Satisfaction};
use klachtdesk::domain::workflow::State;
use pty::{Board, CTRL_S, DOWN, ENTER, ESC, TAB};

#[test]
fn a_phone_complaint_from_intake_to_closing() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("db");
    let mut board = Board::start(home.path(), &db);

    // An empty queue, at the pinned Thursday morning, on the whole terminal.
    board.wait_for("open 0");
    {
        let parser = board.screen.lock().unwrap();
        assert!(parser.screen().alternate_screen());
        assert_ne!(
            parser.screen().mouse_protocol_mode(),
            vt100::MouseProtocolMode::None
        );
    }
    let screen = board.contents();
    assert!(screen.contains("Thu 26 Nov 10:00"), "{screen}");
    assert!(screen.contains("tester"), "the operator is named: {screen}");

    // The phone rings: the intake, in the order the call goes.
    board.press_until("n", "New complaint");
    board.type_text("Jan Jansen");
    board.keys(TAB);
    board.type_text("06-12345678");
    board.keys(TAB);
    board.keys(TAB);
    board.type_text("Bakkerij Jansen");
    board.keys(TAB);
    board.type_text("pen");
    board.wait_for("Penetration testing");
    board.keys(DOWN);
    board.keys(TAB); // the channel: phone, as it is
    board.keys(TAB); // the complaint date: now
    board.keys(TAB);
    board.type_text("The pentest report is two weeks late.");
    board.wait_for("two weeks late.");
    board.press_until(CTRL_S, "K-2026-0001");
    let screen = board.contents();
    assert!(screen.contains("Registered"), "{screen}");
    assert!(screen.contains("Acknowledge receipt by"), "{screen}");

    // Open it and log the call that is going on.
    board.press_until(ENTER, "K-2026-0001 · Received");
    board.press_until("L", "K-2026-0001 · Log a call, e-mail or note");
    board.keys(TAB);
    board.keys(TAB);
    board.type_text("Caller is upset; promised an answer within two days.");
    board.wait_for("within two days.");
    board.press_until(CTRL_S, "Logged a call on K-2026-0001.");

    // Acknowledge receipt, now, by phone.
    board.press_until("m", "what now?");
    board.press_until("1", "K-2026-0001 · Acknowledge receipt");
    board.keys(TAB);
    board.type_text("p");
    board.press_until(CTRL_S, "Acknowledged receipt of K-2026-0001.");
    board.wait_for("K-2026-0001 · Acknowledged");

    // Admissible: taken into treatment by the operator.
    board.press_until("m", "Admissible: take into treatment");
    board.press_until("1", "K-2026-0001 · Admissible: take into treatment");
    board.press_until(CTRL_S, "K-2026-0001 is admissible and in treatment.");

    // The outcome: root cause, solution, outcome.
    board.press_until("m", "Communicate the outcome");
    let menu = board.contents();
    let line = menu
        .lines()
        .find(|l| l.contains("Communicate the outcome"))
        .unwrap();
    let digit = line
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .chars()
        .next()
        .unwrap();
    board.press_until(&digit.to_string(), "K-2026-0001 · Communicate the outcome");
    board.type_text("The report review was not planned.");
    board.keys(TAB);
    board.type_text("Review planned into every engagement.");
    board.keys(TAB);
    board.type_text("Apologised and credited the hours.");
    board.wait_for("credited the hours.");
    board.press_until(CTRL_S, "Outcome of K-2026-0001 communicated.");

    // Satisfied: close with the learnings.
    board.press_until("m", "what now?");
    board.press_until("1", "K-2026-0001 · Close");
    board.type_text("Plan the report review with the engagement.");
    board.keys(TAB);
    board.type_text("s");
    board.wait_for("Plan the report review");
    board.press_until(CTRL_S, "K-2026-0001 closed.");

    // Back to the board, where the case has left the open columns; then quit.
    board.press_until(ESC, "Outcome communicated 0");
    assert!(board.contents().contains("open 0"));
    board.keys("q");
    assert!(board.wait_for_exit(), "klachtdesk quits cleanly");
    board.wait_for_restored_terminal();
    drop(board);

    let store = pty::open_once_free(&db);
    let id = CaseId::new(2026, 1);
    let case = store.get(id).unwrap();
    assert_eq!(case.state, State::Closed);
    assert_eq!(case.contact.name, "Jan Jansen");
    assert_eq!(case.contact.phone.as_deref(), Some("06-12345678"));
    assert_eq!(case.service, "Penetration testing");
    assert_eq!(case.handler.as_deref(), Some("tester"));
    assert_eq!(case.root_cause, "The report review was not planned.");
    assert_eq!(case.outcome, "Apologised and credited the hours.");
    assert_eq!(case.learnings, "Plan the report review with the engagement.");
    assert_eq!(case.satisfaction, Some(Satisfaction::Satisfied));
    assert_eq!(
        case.acknowledgement.as_ref().map(|a| a.via),
        Some(klachtdesk::domain::case::AckVia::Phone)
    );
    assert_eq!(case.contact_log.len(), 1);
    let events = store.events(id).unwrap();
    assert!(events.len() >= 6, "{} audit events", events.len());
    assert!(events.iter().all(|e| e.actor == "tester"));
    assert_eq!(events.last().unwrap().to, State::Closed);
}

//! Promises to the complainant on the board, as an operator makes, keeps and
//! moves them: from the case pane (`p`, `P`, Ctrl+P) and from the call-log
//! form, whose save of the call keeps the promise it answers; the card's
//! badge, the header and the queue order; the take-back of a call that kept one.

mod support;

use chrono::{DateTime, Utc};
use klachtdesk::app::Msg;
use klachtdesk::domain::case::CaseId;
use klachtdesk::domain::clock::ClockStatus;
use klachtdesk::domain::event::EventKind;
use klachtdesk::domain::problem::Field;
use klachtdesk::domain::workflow::{Command, State};
use klachtdesk::i18n::Lang;
use support::*;

/// Amsterdam local time on a day of November/December 2026 (UTC+1).
fn local(day: u32, month: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    use chrono::TimeZone;
    Utc.with_ymd_and_hms(2026, month, day, hour - 1, minute, 0)
        .unwrap()
}

/// The case pane of a case in treatment whose outcome is not due yet, open.
fn pane_open(d: &mut Desk) -> CaseId {
    let id = column(&d.app, State::InTreatment)
        .cards
        .iter()
        .find(|c| matches!(c.status, ClockStatus::OnTrack { .. }))
        .expect("a case on track")
        .id;
    d.select(id);
    d.press("enter");
    id
}

/// In the case pane: `p`, what, by when, Ctrl+S.
fn promise(d: &mut Desk, what: &str, by_when: &str) {
    d.press("p");
    assert_eq!(focused(&d.app), Field::PromiseWhat);
    d.type_text(what);
    d.press("tab");
    d.type_text(by_when);
    d.press("ctrl-s");
}

#[test]
fn p_in_the_case_pane_promises_by_the_end_of_the_next_working_day_unless_told() {
    let mut d = Desk::demo();
    let id = pane_open(&mut d);
    d.press("p");
    d.type_text("Call back about the report");
    // The form says what an empty "by when" means before it is saved.
    let shown = screen(&d.app).join("\n");
    assert!(shown.contains("Promise due: Fri 27 Nov 2026 17:00"), "{shown}");
    d.press("ctrl-s");
    assert!(d.app.modal.is_none(), "saved");
    assert_eq!(flash(&d.app).0, format!("Promise recorded on {id}."));
    let made = &d.stored(id).promises[0];
    assert_eq!(made.what, "Call back about the report");
    assert_eq!(made.due, local(27, 11, 17, 0));
    assert_eq!(made.made_by, "anna");

    promise(&mut d, "Send the corrected report", "mon 12:00");
    assert_eq!(d.stored(id).promises[1].due, local(30, 11, 12, 0));
}

#[test]
fn a_moment_passed_or_not_understood_is_refused_next_to_by_when() {
    let mut d = Desk::demo();
    let id = pane_open(&mut d);
    promise(&mut d, "Call back", "today 9:00");
    let error = error_of(&d.app, Field::PromiseDue).expect("refused");
    assert!(error.contains("By when has passed already"), "{error}");
    d.press("esc y");
    promise(&mut d, "Call back", "thursday noon");
    let error = error_of(&d.app, Field::PromiseDue).expect("refused");
    assert!(error.contains("thursday noon"), "{error}");
    d.press("esc y");
    assert!(d.stored(id).promises.is_empty());
}

#[test]
fn a_promise_due_today_is_the_cards_badge_counted_in_the_header_and_first_in_the_queue() {
    let mut d = Desk::demo();
    let id = pane_open(&mut d);
    let rank = |d: &Desk| d.app.board.by_urgency().iter().position(|c| c.id == id).unwrap();
    let breached = d.app.board.totals.breached;
    assert!(rank(&d) > breached);
    promise(&mut d, "call back", "today 12:00");
    d.press("esc");
    d.send(Msg::Resize {
        width: 140,
        height: 30,
    });
    let card = |d: &Desk| d.app.board.card(id).cloned().unwrap();
    assert!(card(&d).promise.is_some());
    let shown = screen(&d.app).join("\n");
    assert!(shown.contains("call back today 12:00"), "{shown}");
    assert!(shown.contains("promises 1 due · 0 late"), "{shown}");
    // Right after the breached targets: its noon comes before today's 17:00.
    assert_eq!(rank(&d), breached, "most urgent first");

    d.send(Msg::Tick(thursday_at(12, 30)));
    let shown = screen(&d.app).join("\n");
    assert!(shown.contains("! call back today 12:00"), "{shown}");
    assert!(shown.contains("promises 0 due · 1 late"), "{shown}");
    assert_eq!(d.app.board.totals.promises_breached, 1);
    // The case pane marks it late too, not by its colour alone.
    d.press("enter");
    assert_eq!(d.app.pane.as_ref().map(|p| p.id), Some(id));
    let pane = screen(&d.app).join("\n");
    assert!(pane.contains("! call back: due"), "{pane}");
}

#[test]
fn logging_the_call_back_keeps_the_promise_in_the_same_save() {
    let mut d = Desk::demo();
    let id = pane_open(&mut d);
    promise(&mut d, "call back", "today 12:00");
    let version = d.stored(id).version;
    d.press("L");
    // The promise due first is chosen: the call keeps it unless told otherwise.
    assert_eq!(form(&d.app).form.choice(Field::Promises), Some(1));
    while focused(&d.app) != Field::LogText {
        d.press("tab");
    }
    d.type_text("Called back: the report is corrected.");
    d.press("ctrl-s");
    assert!(d.app.modal.is_none(), "saved");
    let case = d.stored(id);
    assert_eq!(case.promises[0].kept_at, Some(thursday_ten()));
    assert_eq!(case.version, version + 2, "the call and the promise kept");
    assert_eq!(
        case.contact_log.last().unwrap().text,
        "Called back: the report is corrected."
    );

    // `u` takes the whole save back: the call and the promise kept.
    d.press("u");
    let case = d.stored(id);
    assert_eq!(case.promises[0].kept_at, None);
    assert_ne!(
        case.contact_log.last().map(|l| l.text.as_str()),
        Some("Called back: the report is corrected.")
    );
}

#[test]
fn ctrl_p_in_the_call_log_form_makes_a_new_promise_with_the_call() {
    let mut d = Desk::demo();
    let id = pane_open(&mut d);
    d.press("L");
    assert!(
        form(&d.app).form.get(Field::Promises).is_none(),
        "nothing to keep"
    );
    while focused(&d.app) != Field::LogText {
        d.press("tab");
    }
    d.type_text("Rang: the engineer comes tomorrow.");
    let footer = screen(&d.app).last().cloned().unwrap();
    assert!(footer.contains("Ctrl+P promise"), "{footer}");
    d.press("ctrl-p");
    assert_eq!(focused(&d.app), Field::PromiseWhat);
    d.type_text("call back after the visit");
    d.press("tab");
    d.type_text("tomorrow 16:00");
    d.press("ctrl-s");
    assert!(d.app.modal.is_none(), "saved");
    let case = d.stored(id);
    assert_eq!(
        case.contact_log.last().unwrap().text,
        "Rang: the engineer comes tomorrow."
    );
    assert_eq!(case.promises[0].what, "call back after the visit");
    assert_eq!(case.promises[0].due, local(27, 11, 16, 0));
}

#[test]
fn a_promise_is_marked_kept_or_moved_with_a_reason_from_the_case_pane() {
    let mut d = Desk::demo();
    let id = pane_open(&mut d);
    d.press("P");
    let (said, error) = flash(&d.app);
    assert!(
        error && said.contains("no promise outstanding") && said.contains("with p"),
        "{said}"
    );

    promise(&mut d, "call back", "today 12:00");
    d.press("ctrl-p");
    d.press("tab");
    d.type_text("fri 12:00");
    d.press("ctrl-s");
    let error = error_of(&d.app, Field::PromiseReason).expect("a move needs a reason");
    assert!(error.contains("Why it moves"), "{error}");
    while focused(&d.app) != Field::PromiseReason {
        d.press("tab");
    }
    d.type_text("The engineer is out today.");
    d.press("ctrl-s");
    assert!(d.app.modal.is_none(), "saved");
    let case = d.stored(id);
    assert_eq!(case.promises[0].due, local(27, 11, 12, 0));
    assert_eq!(case.promises[0].moves[0].reason, "The engineer is out today.");
    let events = d.store.events(id).unwrap();
    assert!(matches!(
        &events.last().unwrap().kind,
        EventKind::Command(Command::MovePromise { reason, .. }) if reason == "The engineer is out today."
    ));
    // The pane shows the promise and its move; the timeline the reason.
    d.send(Msg::Resize {
        width: 160,
        height: 60,
    });
    let shown = screen(&d.app).join("\n");
    assert!(shown.contains("Promises"), "{shown}");
    assert!(shown.contains("call back: due Fri 27 Nov 2026 12:00"), "{shown}");
    assert!(
        shown.contains("moved from Thu 26 Nov 2026 12:00 to Fri 27 Nov 2026 12:00 by anna:"),
        "{shown}"
    );
    assert!(shown.contains("The engineer is out today."), "{shown}");

    d.press("P");
    d.press("ctrl-s");
    assert_eq!(d.stored(id).promises[0].kept_at, Some(thursday_ten()));
    let shown = screen(&d.app).join("\n");
    assert!(
        shown.contains("call back: kept Thu 26 Nov 2026 10:00, on time"),
        "{shown}"
    );
}

#[test]
fn the_promise_keys_are_in_the_help_in_both_languages() {
    for (lang, words) in [
        (
            Lang::En,
            ["Record a promise to the complainant", "Move a promise"],
        ),
        (
            Lang::Nl,
            [
                "Een toezegging aan de klager vastleggen",
                "Een toezegging aan de klager verzetten",
            ],
        ),
    ] {
        let mut d = Desk::demo();
        d.app.lang = lang;
        d.send(Msg::Resize {
            width: 160,
            height: 200,
        });
        d.press("?");
        let shown = screen(&d.app).join("\n");
        for word in words {
            assert!(shown.contains(word), "{lang:?} {word}: {shown}");
        }
    }
}

#[test]
fn the_promise_form_and_the_card_badge_at_80x24() {
    for (lang, code, today, words) in [
        (
            Lang::En,
            "en",
            "today 12:00",
            [
                "What was promised",
                "By when",
                "Promise due: Thu 26 Nov 2026 12:00",
            ],
        ),
        (
            Lang::Nl,
            "nl",
            "vandaag 12:00",
            [
                "Wat is toegezegd",
                "Uiterlijk",
                "Toezegging uiterlijk: do 26 nov 2026 12:00",
            ],
        ),
    ] {
        let mut d = Desk::demo();
        d.app = app_over(&d.store, "anna", lang);
        d.send(Msg::Resize {
            width: 80,
            height: 24,
        });
        let id = pane_open(&mut d);
        d.press("p");
        d.type_text("call back");
        d.press("tab");
        d.type_text(today);
        let shown = screen(&d.app).join("\n");
        for word in words {
            assert!(shown.contains(word), "{lang:?} {word}: {shown}");
        }
        insta::assert_snapshot!(format!("promise_form_{code}_80x24"), drawn(&d.app).backend());

        d.press("ctrl-s esc");
        assert_eq!(d.app.board.selected_id(), Some(id));
        let shown = screen(&d.app).join("\n");
        let (badge, header) = match lang {
            Lang::En => ("call back today 12:00", "promised 1 !0"),
            Lang::Nl => ("call back vandaag 12:00", "toegezegd 1 !0"),
        };
        // The moment whole on the narrow card; the words cut first.
        let when = badge.split_once(' ').unwrap().1.split_once(' ').unwrap().1;
        assert!(shown.contains(when), "{lang:?}: {shown}");
        assert!(shown.contains(header), "{lang:?}: {shown}");
        insta::assert_snapshot!(format!("promise_card_{code}_80x24"), drawn(&d.app).backend());
    }
}

#[test]
fn a_promise_kept_by_another_operator_meanwhile_is_not_moved_and_the_form_keeps_what_was_typed() {
    let mut d = Desk::demo();
    let id = pane_open(&mut d);
    promise(&mut d, "call back", "today 12:00");
    d.press("ctrl-p");
    // Bram keeps it on his own board while Anna's form is open.
    let mut bram = d.second_app("bram");
    bram.board.select_case(id);
    press(&mut bram, &d.store, "enter P ctrl-s");
    assert!(d.stored(id).promises[0].kept_at.is_some());
    d.press("tab");
    d.type_text("fri 12:00");
    while focused(&d.app) != Field::PromiseReason {
        d.press("tab");
    }
    d.type_text("The engineer is out today.");
    d.press("ctrl-s");
    let error = error_of(&d.app, Field::Promises).expect("refused");
    assert!(error.contains("open the case again"), "{error}");
    assert_eq!(
        text_of(&d.app, Field::PromiseReason),
        "The engineer is out today."
    );
    let stored = d.stored(id);
    assert!(stored.promises[0].moves.is_empty(), "not moved");
    assert_eq!(
        stored.promises[0].kept_at,
        Some(thursday_ten()),
        "kept as Bram kept it"
    );
}

//! The board as an operator drives it: moving around, filters, the case pane,
//! help, quitting, the mouse, and the board following the clock and changes
//! made elsewhere — all by keys and messages through `update` and its effects.
//! The forms (intake, moves, edits) are in `app_forms.rs`.

mod support;

use klachtdesk::app::geometry::Geometry;
use klachtdesk::app::{Modal, Msg};
use klachtdesk::domain::case::{AckVia, Channel};
use klachtdesk::domain::intake::Intake;
use klachtdesk::domain::workflow::{Command, Ctx, Rules, State};
use klachtdesk::keymap::Context;
use support::*;

// ---------------------------------------------------------------- the board

#[test]
fn the_board_opens_on_the_open_states_in_the_procedures_order() {
    let d = Desk::demo();
    let states: Vec<State> = d.app.board.columns.iter().map(|c| c.state).collect();
    assert_eq!(states, State::OPEN);
    assert_eq!(d.app.board.column, 0);
    // The first card of Received is selected, and it is the most urgent one.
    let received = column(&d.app, State::Received);
    assert_eq!(d.app.board.selected_id(), Some(received.cards[0].id));
    assert!(received.cards[0].status.is_breached());
    assert_eq!(d.app.board.totals.open, 46);
}

#[test]
fn a_board_starts_at_the_most_urgent_case_and_one_key_goes_on_to_the_next() {
    let d = Desk::demo();
    let app = app_over(&d.store, "bram", klachtdesk::i18n::Lang::En);
    let ranked: Vec<_> = app.board.by_urgency().iter().map(|c| c.id).collect();
    let most = ranked[0];
    assert_eq!(
        app.board.selected_id(),
        Some(most),
        "not the first card of the first column"
    );
    assert_eq!(
        app.board.current_column().unwrap().state,
        State::InTreatment,
        "the demo's latest case is in treatment"
    );
    let mut d = d;
    d.app = app;
    d.press("!");
    assert_eq!(d.app.board.selected_id(), Some(ranked[1]));
    d.press("!");
    assert_eq!(d.app.board.selected_id(), Some(ranked[2]));
    // Moved away by hand, the key starts again from the most urgent.
    d.press("down");
    d.press("!");
    assert_eq!(d.app.board.selected_id(), Some(most));
    // Most urgent: breached first, the latest first.
    let statuses: Vec<bool> = d.app.board.by_urgency().iter().map(|c| c.is_breached()).collect();
    assert!(statuses.windows(2).all(|w| w[0] >= w[1]), "{statuses:?}");
}

#[test]
fn the_queue_lists_every_open_case_most_urgent_first_and_enter_opens_one() {
    let mut d = Desk::demo();
    d.press("tab");
    assert!(d.app.board.queue);
    let ranked: Vec<_> = d.app.board.by_urgency().iter().map(|c| c.id).collect();
    assert_eq!(ranked.len(), 46, "every open case, in one list");
    let screen = screen(&d.app);
    assert!(
        screen
            .iter()
            .any(|l| l.contains("Queue: 46 open cases, most urgent first")),
        "{screen:#?}"
    );
    let first = screen
        .iter()
        .position(|l| l.contains(&ranked[0].to_string()))
        .unwrap();
    let second = screen
        .iter()
        .position(|l| l.contains(&ranked[1].to_string()))
        .unwrap();
    assert!(first < second, "{screen:#?}");
    // The selected card stays selected in the queue; home goes to the top.
    d.press("home down enter");
    assert_eq!(d.app.pane.as_ref().map(|p| p.id), Some(ranked[1]));
    // Filters apply: breached only.
    d.press("esc b");
    assert!(d.app.board.by_urgency().iter().all(|c| c.is_breached()));
    assert_eq!(d.app.board.by_urgency().len(), d.app.board.totals.breached);
    // Back to the board, on the same case.
    let selected = d.app.board.selected_id();
    d.press("tab");
    assert!(!d.app.board.queue);
    assert_eq!(d.app.board.selected_id(), selected);
}

#[test]
fn breached_and_due_today_together_show_either_and_emptied_columns_make_room() {
    let mut d = Desk::demo();
    d.send(Msg::Tick(thursday_at(9, 30)));
    let (breached, today) = (d.app.board.totals.breached, d.app.board.totals.due_today);
    assert!(breached > 0 && today > 0, "the demo has both");
    d.press("b");
    let shown = |d: &Desk| d.app.board.columns.iter().map(|c| c.cards.len()).sum::<usize>();
    assert_eq!(shown(&d), breached);
    d.press("t");
    assert_eq!(shown(&d), breached + today, "either, not both");
    assert!(
        d.app.board.columns.iter().all(|c| !c.cards.is_empty()),
        "a column the filters empty is not shown"
    );
    d.press("x");
    assert_eq!(d.app.board.columns.len(), 5);
}

#[test]
fn compact_cards_show_many_more_cases_in_a_column() {
    let mut d = Desk::demo();
    d.send(Msg::Resize {
        width: 80,
        height: 24,
    });
    let normal = d.app.geometry().unwrap().visible_cards();
    d.press("v");
    let compact = d.app.geometry().unwrap().visible_cards();
    assert!(compact >= 3 * normal, "{compact} against {normal}");
    let screen = screen(&d.app).join("\n");
    let received = ids_in(&d.app, State::Received);
    let listed = received
        .iter()
        .filter(|id| screen.contains(&id.to_string()))
        .count();
    assert!(listed >= 10, "{screen}");
}

#[test]
fn arrow_keys_and_vim_keys_move_the_same_way() {
    let mut d = Desk::demo();
    let received = ids_in(&d.app, State::Received);
    let acknowledged = ids_in(&d.app, State::Acknowledged);

    d.press("right");
    assert_eq!(d.app.board.selected_id(), Some(acknowledged[0]));
    d.press("down");
    assert_eq!(d.app.board.selected_id(), Some(acknowledged[1]));
    d.press("left");
    assert_eq!(d.app.board.selected_id(), Some(received[0]));

    d.press("l j");
    assert_eq!(d.app.board.selected_id(), Some(acknowledged[2]));
    d.press("k");
    assert_eq!(d.app.board.selected_id(), Some(acknowledged[1]));
    d.press("h");
    assert_eq!(d.app.board.column, 0);
    d.press("up up up");
    assert_eq!(
        d.app.board.selected_id(),
        Some(received[0]),
        "up stops at the top"
    );
    d.press("h");
    assert_eq!(d.app.board.column, 0, "left stops at the first column");
}

#[test]
fn each_column_remembers_its_own_selection() {
    let mut d = Desk::demo();
    let received = ids_in(&d.app, State::Received);
    d.press("j j l j h");
    assert_eq!(d.app.board.selected_id(), Some(received[2]));
}

#[test]
fn home_end_and_page_keys_jump_through_a_long_column() {
    let mut d = Desk::demo();
    d.press("l l");
    let treatment = ids_in(&d.app, State::InTreatment);
    assert!(treatment.len() > 10, "the demo has a long In treatment column");
    let page = Geometry::of(100, 30, false).unwrap().visible_cards();

    d.press("end");
    assert_eq!(d.app.board.selected_id(), treatment.last().copied());
    d.press("home");
    assert_eq!(d.app.board.selected_id(), Some(treatment[0]));
    d.press("G");
    assert_eq!(d.app.board.selected_id(), treatment.last().copied());
    d.press("g");
    assert_eq!(d.app.board.selected_id(), Some(treatment[0]));

    d.press("pagedown");
    assert_eq!(d.app.board.selected_id(), Some(treatment[page]));
    d.press("pagedown pagedown pagedown");
    assert_eq!(d.app.board.selected_id(), treatment.last().copied());
    d.press("pageup");
    assert_eq!(
        d.app.board.selected_id(),
        Some(treatment[treatment.len() - 1 - page])
    );
}

#[test]
fn scrolling_down_a_column_keeps_the_selected_card_in_view() {
    let mut d = Desk::demo();
    d.press("l l end");
    let c = d.app.board.column;
    let visible = Geometry::of(100, 30, false).unwrap().visible_cards();
    let selected = d.app.board.selected_index(c);
    let offset = d.app.board.offset(c);
    assert!(offset <= selected && selected < offset + visible);
    d.press("home");
    assert_eq!(d.app.board.offset(c), 0);
}

#[test]
fn columns_that_do_not_fit_scroll_sideways_with_the_selection() {
    let mut d = Desk::demo();
    // 100 columns wide shows four of the five states.
    d.press("l l l l");
    assert_eq!(
        d.app.board.current_column().unwrap().state,
        State::OutcomeCommunicated
    );
    assert_eq!(d.app.board.first_column, 1);
    d.press("h h h h");
    assert_eq!(d.app.board.first_column, 0);
    // On a wide screen everything fits.
    d.send(Msg::Resize {
        width: 200,
        height: 60,
    });
    d.press("l l l l");
    assert_eq!(d.app.board.first_column, 0);
}

#[test]
fn the_selection_stays_on_the_same_case_when_the_board_is_rebuilt() {
    let mut d = Desk::demo();
    let received = ids_in(&d.app, State::Received);
    d.select(received[3]);
    // Another operator acknowledges the most urgent case, above the selection.
    let rules = Rules::default();
    let ctx = Ctx {
        now: thursday_ten(),
        actor: "bram",
        rules: &rules,
    };
    let ack = Command::Acknowledge {
        at: thursday_ten(),
        via: AckVia::Email,
    };
    let changed = d.store.execute(received[0], None, &ack, &ctx).unwrap();
    d.send(Msg::Changed(changed));
    assert!(!ids_in(&d.app, State::Received).contains(&received[0]));
    assert_eq!(d.app.board.selected_id(), Some(received[3]));
    // And through filters switched on and off.
    d.press("b b t t");
    assert_eq!(d.app.board.selected_id(), Some(received[3]));
}

#[test]
fn c_shows_and_hides_the_closed_columns() {
    let mut d = Desk::demo();
    d.press("c");
    let states: Vec<State> = d.app.board.columns.iter().map(|c| c.state).collect();
    assert_eq!(states, State::ALL);
    assert!(!ids_in(&d.app, State::Closed).is_empty());
    assert!(!ids_in(&d.app, State::NotAdmissible).is_empty());
    // The header's totals still count open cases only.
    assert_eq!(d.app.board.totals.open, 46);
    d.press("end end end end end end");
    d.press("c");
    assert_eq!(d.app.board.columns.len(), 5);
    assert!(
        d.app.board.column < 5,
        "the selection came back onto a shown column"
    );
    assert!(d.app.board.selected_id().is_some());
}

// ---------------------------------------------------------------- filters

#[test]
fn b_shows_only_breached_cases_and_the_header_says_so() {
    let mut d = Desk::demo();
    let totals = d.app.board.totals;
    d.press("b");
    assert!(d.app.filters.breached);
    assert!(d.app.filters.describe(d.app.lang).contains("breached"));
    let shown: usize = d.app.board.columns.iter().map(|c| c.cards.len()).sum();
    assert_eq!(shown, totals.breached);
    for column in &d.app.board.columns {
        assert!(column.cards.iter().all(|card| card.is_breached()));
    }
    assert_eq!(d.app.board.totals, totals, "the totals are the whole queue's");
    d.press("b");
    assert!(!d.app.filters.breached);
}

#[test]
fn t_shows_only_what_is_due_today() {
    let mut d = Desk::demo();
    let due_today = d.app.board.totals.due_today;
    assert!(due_today > 0);
    d.press("t");
    let shown: usize = d.app.board.columns.iter().map(|c| c.cards.len()).sum();
    assert_eq!(shown, due_today);
}

#[test]
fn capital_m_shows_only_the_operators_own_cases() {
    let mut d = Desk::demo_for("Anna de Vries");
    d.press("M");
    assert!(d.app.filters.mine);
    let shown: Vec<_> = d.app.board.columns.iter().flat_map(|c| c.cards.iter()).collect();
    assert!(!shown.is_empty());
    for card in shown {
        let case = d.app.cases.case(card.id).unwrap();
        assert_eq!(case.handler.as_deref(), Some("Anna de Vries"));
    }
}

#[test]
fn filters_combine_and_x_clears_them_all() {
    let mut d = Desk::demo();
    d.press("b t");
    let both: usize = d.app.board.columns.iter().map(|c| c.cards.len()).sum();
    d.press("x");
    assert!(d.app.filters.is_empty());
    let all: usize = d.app.board.columns.iter().map(|c| c.cards.len()).sum();
    assert_eq!(all, 46);
    assert!(both < all);
}

#[test]
fn f_opens_the_filter_menu_where_a_service_can_be_chosen() {
    let mut d = Desk::demo();
    d.press("f");
    assert!(matches!(d.app.modal, Some(Modal::Filter(_))));
    assert_eq!(d.app.context(), Context::Menu);
    // Mine, Breached, Due today, Service…
    d.press("down down down enter");
    // Any, then the catalogue in order: the first service.
    d.press("down enter");
    let service = d.app.filters.service.clone().expect("a service filter");
    d.press("esc");
    assert!(d.app.modal.is_none());
    for column in &d.app.board.columns {
        for card in &column.cards {
            assert_eq!(d.app.cases.case(card.id).unwrap().service, service);
        }
    }
}

// ---------------------------------------------------------------- the case pane, help, quit

#[test]
fn enter_opens_the_selected_case_and_esc_closes_it() {
    let mut d = Desk::demo();
    d.press("l j");
    let id = d.app.board.selected_id().unwrap();
    d.press("enter");
    let pane = d.app.pane.as_ref().expect("the case pane");
    assert_eq!(pane.id, id);
    assert_eq!(d.app.context(), Context::Case);
    assert!(
        !pane.events.is_empty(),
        "the audit trail was loaded for the timeline"
    );
    d.press("esc");
    assert!(d.app.pane.is_none());
    assert_eq!(d.app.board.selected_id(), Some(id));
    d.press("enter backspace");
    assert!(d.app.pane.is_none(), "backspace goes back too");
}

#[test]
fn in_the_pane_up_and_down_choose_a_row_and_page_keys_move_ten() {
    let mut d = Desk::demo();
    d.press("enter");
    d.press("down down j");
    assert_eq!(d.app.pane.as_ref().unwrap().row, 3);
    d.press("k up up up");
    assert_eq!(d.app.pane.as_ref().unwrap().row, 0);
    // Past the fields, the rows are the timeline's entries; the last is the end.
    d.press("pagedown pagedown");
    assert_eq!(d.app.pane.as_ref().unwrap().row, 20.min(d.app.pane_rows() - 1));
    d.press("pagedown pagedown pagedown pagedown pagedown pagedown");
    assert_eq!(d.app.pane.as_ref().unwrap().row, d.app.pane_rows() - 1);
    d.press("pageup");
    assert_eq!(d.app.pane.as_ref().unwrap().row, d.app.pane_rows() - 11);
    // The board keys do not move the board behind the pane.
    let column = d.app.board.column;
    d.press("l l");
    assert_eq!(d.app.board.column, column);
}

#[test]
fn question_mark_opens_help_and_closes_it_again() {
    let mut d = Desk::demo();
    d.press("?");
    assert!(matches!(d.app.modal, Some(Modal::Help { .. })));
    d.press("j j");
    assert!(matches!(d.app.modal, Some(Modal::Help { scroll: 2 })));
    d.press("?");
    assert!(d.app.modal.is_none());
    d.press("f1 esc");
    assert!(d.app.modal.is_none());
    d.press("enter ? q");
    assert!(d.app.modal.is_none(), "q closes the help, it does not quit");
    assert!(!d.app.quit);
    assert!(d.app.pane.is_some(), "help over a case goes back to the case");
}

#[test]
fn q_quits_from_the_board_and_from_a_case() {
    let mut d = Desk::demo();
    d.press("q");
    assert!(d.app.quit);
    let mut d = Desk::demo();
    d.press("enter q");
    assert!(d.app.quit);
}

#[test]
fn slash_searches_and_enter_opens_the_case_found() {
    let mut d = Desk::demo();
    d.press("/");
    assert!(matches!(d.app.modal, Some(Modal::Search(_))));
    d.type_text("Ramdin");
    d.press("enter");
    let id = d.app.pane.as_ref().expect("the found case is open").id;
    assert_eq!(d.app.cases.case(id).unwrap().contact.name, "Priya Ramdin");
    d.press("esc / esc");
    assert!(d.app.modal.is_none() && d.app.pane.is_none());
}

#[test]
fn l_opens_the_log_form_for_the_selected_case() {
    let mut d = Desk::demo();
    let id = d.app.board.selected_id().unwrap();
    d.press("L");
    let log = form(&d.app);
    assert!(matches!(
        log.purpose,
        klachtdesk::app::forms::Purpose::Step {
            id: i,
            step: klachtdesk::domain::workflow::Step::LogContact,
            ..
        } if i == id
    ));
}

#[test]
fn keys_on_an_empty_board_do_nothing_harmful() {
    let dir = tempfile::tempdir().unwrap();
    let store = klachtdesk::store::Store::open(dir.path()).unwrap();
    let mut app = app_over(&store, "anna", klachtdesk::i18n::Lang::En);
    press(
        &mut app,
        &store,
        "j k l h G g pagedown pageup enter m L e c b t M x",
    );
    assert!(app.pane.is_none());
    assert!(app.modal.is_none());
    assert!(!app.quit);
}

// ---------------------------------------------------------------- the mouse

#[test]
fn a_click_on_a_card_selects_it() {
    let mut d = Desk::demo();
    let g = d.app.geometry().unwrap();
    let columns = g.columns(g.visible_columns(d.app.board.columns.len()));
    let card = g.card(columns[1], 2);
    d.send(Msg::Click {
        column: card.x + card.width / 2,
        row: card.y + 1,
    });
    assert_eq!(d.app.board.column, 1);
    assert_eq!(
        d.app.board.selected_id(),
        Some(ids_in(&d.app, State::Acknowledged)[2])
    );
}

#[test]
fn a_click_on_a_scrolled_column_selects_the_card_drawn_there() {
    let mut d = Desk::demo();
    d.press("l l end");
    let treatment = ids_in(&d.app, State::InTreatment);
    let offset = d.app.board.offset(2);
    assert!(offset > 0);
    let g = d.app.geometry().unwrap();
    let columns = g.columns(g.visible_columns(d.app.board.columns.len()));
    let card = g.card(columns[2], 0);
    d.send(Msg::Click {
        column: card.x + 3,
        row: card.y,
    });
    assert_eq!(d.app.board.selected_id(), Some(treatment[offset]));
}

#[test]
fn a_click_outside_the_cards_changes_nothing_and_the_wheel_scrolls() {
    let mut d = Desk::demo();
    let before = d.app.board.selected_id();
    d.send(Msg::Click { column: 50, row: 0 });
    d.send(Msg::Click { column: 50, row: 29 });
    assert_eq!(d.app.board.selected_id(), before);
    d.send(Msg::Scroll {
        column: 10,
        row: 10,
        down: true,
    });
    assert_eq!(
        d.app.board.selected_id(),
        Some(ids_in(&d.app, State::Received)[1])
    );
}

// ---------------------------------------------------------------- live updates

#[test]
fn a_case_registered_elsewhere_appears_without_a_key_press() {
    let mut d = Desk::demo();
    let rules = Rules::default();
    let ctx = Ctx {
        now: thursday_ten(),
        actor: "cli",
        rules: &rules,
    };
    let intake = Intake {
        name: "Wim Hof".into(),
        phone: "06-99887766".into(),
        service: "Consultancy".into(),
        channel: Channel::Email,
        description: "Nobody answers our mails.".into(),
        ..Intake::default()
    };
    let case = d.store.register(&intake, &ctx).unwrap();
    d.send(Msg::Changed(case.clone()));
    assert!(ids_in(&d.app, State::Received).contains(&case.id));
    assert_eq!(d.app.board.totals.open, 47);
}

#[test]
fn a_change_elsewhere_updates_the_open_case_and_an_old_snapshot_is_ignored() {
    let mut d = Desk::demo();
    let id = d.first_in(State::Received);
    let before = d.stored(id);
    d.press("enter");
    let events_before = d.app.pane.as_ref().unwrap().events.len();
    let rules = Rules::default();
    let ctx = Ctx {
        now: thursday_ten(),
        actor: "bram",
        rules: &rules,
    };
    let ack = Command::Acknowledge {
        at: thursday_ten(),
        via: AckVia::Phone,
    };
    let after = d.store.execute(id, None, &ack, &ctx).unwrap();
    d.send(Msg::Changed(after));
    assert_eq!(d.app.cases.case(id).unwrap().state, State::Acknowledged);
    assert_eq!(d.app.pane.as_ref().unwrap().events.len(), events_before + 1);
    assert!(ids_in(&d.app, State::Acknowledged).contains(&id));
    // A late, older snapshot does not roll the board back.
    d.send(Msg::Changed(before));
    assert_eq!(d.app.cases.case(id).unwrap().state, State::Acknowledged);
}

#[test]
fn at_five_past_five_what_was_due_today_is_breached() {
    let mut d = Desk::demo();
    let before = d.app.board.totals;
    assert!(before.due_today > 0);
    let due_today: Vec<_> = d
        .app
        .board
        .columns
        .iter()
        .flat_map(|c| c.cards.iter())
        .filter(|c| c.is_due_today())
        .map(|c| c.id)
        .collect();
    assert!(!due_today.is_empty());

    d.send(Msg::Tick(thursday_at(16, 59)));
    assert_eq!(d.app.board.totals.breached, before.breached);

    d.send(Msg::Tick(thursday_at(17, 5)));
    let after = d.app.board.totals;
    assert_eq!(after.breached, before.breached + due_today.len());
    assert_eq!(after.due_today, 0);
    for id in due_today {
        let card = d
            .app
            .board
            .columns
            .iter()
            .flat_map(|c| c.cards.iter())
            .find(|c| c.id == id)
            .unwrap();
        assert!(card.is_breached(), "{id} is breached at 17:05");
    }
}

#[test]
fn the_clock_ticks_and_a_message_goes_away_after_a_while() {
    let mut d = Desk::demo();
    d.press("m 1 ctrl-s");
    assert!(d.app.flash.is_some());
    d.send(Msg::Tick(thursday_ten() + chrono::Duration::seconds(3)));
    assert_eq!(d.app.now, thursday_ten() + chrono::Duration::seconds(3));
    assert!(d.app.flash.is_some(), "still there after 3 s");
    d.send(Msg::Tick(thursday_ten() + chrono::Duration::seconds(11)));
    assert!(d.app.flash.is_none(), "gone after 11 s");
}

#[test]
fn a_paste_on_the_board_is_ignored() {
    let mut d = Desk::demo();
    let before = d.app.board.selected_id();
    d.send(Msg::Paste("q\nn".into()));
    assert!(d.app.modal.is_none());
    assert!(!d.app.quit);
    assert_eq!(d.app.board.selected_id(), before);
}

// ---------------------------------------------------------------- the timeline

/// The open case's pane on a tall screen, its first timeline entry (the
/// newest) selected; the screen's lines.
fn timeline_of(d: &mut Desk, id: klachtdesk::domain::case::CaseId) -> String {
    d.send(Msg::Resize {
        width: 160,
        height: 60,
    });
    d.select(id);
    d.press("enter");
    for _ in 0..klachtdesk::app::pane::PANE_FIELDS.len() {
        d.press("down");
    }
    screen(&d.app).join("\n")
}

#[test]
fn a_logged_call_shows_in_the_timeline_once_with_its_text() {
    let mut d = Desk::demo();
    let id = d.first_in(State::Received);
    d.select(id);
    d.press("L");
    while focused(&d.app) != klachtdesk::domain::problem::Field::LogText {
        d.press("tab");
    }
    d.type_text("Rang about the invoice");
    d.press("ctrl-s");
    assert_eq!(
        d.stored(id).contact_log.last().unwrap().text,
        "Rang about the invoice"
    );
    let shown = timeline_of(&mut d, id);
    assert_eq!(shown.matches("Rang about the invoice").count(), 1, "{shown}");
    assert!(shown.contains("Call in"), "{shown}");
    assert!(!shown.contains("Log a call, e-mail or note"), "{shown}");
    let case = d.stored(id);
    let pane = d.app.pane.as_ref().unwrap();
    assert_eq!(
        d.app.pane_rows(),
        klachtdesk::app::pane::PANE_FIELDS.len()
            + case.contact_log.len()
            + klachtdesk::app::timeline::events(&case, &pane.events).count(),
        "every row of the pane is one the timeline shows"
    );
    assert!(pane.events.len() > klachtdesk::app::timeline::events(&case, &pane.events).count());
}

#[test]
fn a_step_recorded_later_shows_when_it_happened() {
    let mut d = Desk::demo();
    let id = d.first_in(State::Received);
    let rules = Rules::default();
    let ctx = Ctx {
        now: thursday_ten(),
        actor: "anna",
        rules: &rules,
    };
    let acknowledged = Command::Acknowledge {
        at: thursday_at(9, 0),
        via: AckVia::Email,
    };
    let case = d.store.execute(id, None, &acknowledged, &ctx).unwrap();
    d.send(Msg::Changed(case));
    let shown = timeline_of(&mut d, id);
    let entry: Vec<&str> = shown
        .lines()
        .skip_while(|l| !l.contains("Thu 26 Nov 2026 10:00  anna  Acknowledge receipt"))
        .take(2)
        .collect();
    assert!(
        entry[1].contains("│     (happened Thu 26 Nov 2026 09:00)"),
        "{shown}"
    );
    d.app.lang = klachtdesk::i18n::Lang::Nl;
    let shown = screen(&d.app).join("\n");
    assert!(shown.contains("(gebeurd op do 26 nov 2026 09:00)"), "{shown}");
}

//! The forms as an operator fills them in: registering a complaint while the
//! phone rings (with the caller's existing cases), the moves menu and the step
//! forms, and editing a field of a case in place — including refusals that keep
//! what was typed, unsaved-change prompts, and two operators on one case.

mod support;

use std::time::{Duration, Instant};

use klachtdesk::app::form::Input;
use klachtdesk::app::forms::Purpose;
use klachtdesk::app::pane::PANE_FIELDS;
use klachtdesk::app::{Modal, Msg};
use klachtdesk::domain::case::CaseId;
use klachtdesk::domain::contact::MAX_TEXT;
use klachtdesk::domain::event::EventKind;
use klachtdesk::domain::problem::Field;
use klachtdesk::domain::workflow::{Command, Ctx, Rules, State, Step};
use klachtdesk::i18n::Lang;
use klachtdesk::keymap::Context;
use support::*;

/// Fills in the intake as a caller gives the details (the form is open).
fn fill_intake(d: &mut Desk, name: &str, phone: &str, email: &str, service: &str, description: &str) {
    d.type_text(name);
    d.press("tab");
    d.type_text(phone);
    d.press("tab");
    d.type_text(email);
    d.press("tab tab");
    d.type_text(service);
    d.press("tab tab tab");
    d.type_text(description);
}

// ---------------------------------------------------------------- intake

#[test]
fn n_opens_the_intake_with_the_cursor_on_the_name() {
    let mut d = Desk::demo();
    d.press("n");
    let intake = form(&d.app);
    assert_eq!(intake.purpose, Purpose::Intake);
    assert_eq!(focused(&d.app), Field::Name);
    let order: Vec<Field> = intake.form.fields.iter().map(|f| f.field).collect();
    assert_eq!(
        order,
        [
            Field::Name,
            Field::Phone,
            Field::Email,
            Field::Organisation,
            Field::Service,
            Field::Channel,
            Field::ComplainedAt,
            Field::Description,
            Field::Remedy,
            Field::RemedyText
        ]
    );
    // The channel defaults to phone.
    assert_eq!(intake.form.choice(Field::Channel), Some(0));
    // Letters are typed, not taken as commands.
    d.type_text("qmnj?");
    assert_eq!(text_of(&d.app, Field::Name), "qmnj?");
    assert!(!d.app.quit);
}

#[test]
fn n_opens_the_intake_from_an_open_case_too() {
    let mut d = Desk::demo();
    d.press("enter n");
    assert_eq!(form(&d.app).purpose, Purpose::Intake);
}

#[test]
fn tab_and_shift_tab_walk_the_fields() {
    let mut d = Desk::demo();
    d.press("n tab tab");
    assert_eq!(focused(&d.app), Field::Email);
    d.press("shift-tab");
    assert_eq!(focused(&d.app), Field::Phone);
    d.press("shift-tab shift-tab");
    assert_eq!(focused(&d.app), Field::RemedyText, "it wraps around");
}

#[test]
fn a_registration_without_a_way_to_reach_the_caller_keeps_everything_typed() {
    let mut d = Desk::demo();
    let count = d.store.len();
    d.press("n");
    fill_intake(
        &mut d,
        "Jan Jansen",
        "",
        "",
        "Consultancy",
        "The invoice is wrong.",
    );
    d.press("ctrl-s");
    assert!(
        error_of(&d.app, Field::Phone)
            .expect("the problem next to Phone")
            .contains("phone number or an e-mail address")
    );
    assert_eq!(focused(&d.app), Field::Phone, "the cursor goes to the problem");
    assert_eq!(text_of(&d.app, Field::Name), "Jan Jansen");
    assert_eq!(text_of(&d.app, Field::Service), "Consultancy");
    assert_eq!(text_of(&d.app, Field::Description), "The invoice is wrong.");
    assert_eq!(d.store.len(), count, "nothing was registered");
    // Fixing it there and saving again registers.
    d.type_text("06-11112222");
    d.press("ctrl-s");
    assert!(matches!(d.app.modal, Some(Modal::Registered(_))));
    assert_eq!(d.store.len(), count + 1);
}

#[test]
fn an_unknown_service_is_refused_naming_the_services_there_are() {
    let mut d = Desk::demo();
    d.press("n");
    fill_intake(
        &mut d,
        "Jan Jansen",
        "06-11112222",
        "",
        "Knitting",
        "Scarf too short.",
    );
    d.press("ctrl-s");
    let error = error_of(&d.app, Field::Service).expect("the problem next to Service");
    assert!(error.contains("Knitting"), "{error}");
    assert!(error.contains("Penetration testing"), "{error}");
    assert!(error.contains("Consultancy"), "{error}");
    assert_eq!(focused(&d.app), Field::Service);
    assert_eq!(text_of(&d.app, Field::Description), "Scarf too short.");
}

#[test]
fn every_missing_field_is_named_at_once() {
    let mut d = Desk::demo();
    d.press("n");
    d.type_text("J");
    d.press("ctrl-s");
    assert!(error_of(&d.app, Field::Service).is_some());
    assert!(error_of(&d.app, Field::Description).is_some());
    assert!(error_of(&d.app, Field::Phone).is_some());
    assert_eq!(text_of(&d.app, Field::Name), "J");
}

#[test]
fn a_complaint_date_that_is_no_date_is_refused_next_to_the_field() {
    let mut d = Desk::demo();
    d.press("n");
    fill_intake(&mut d, "Jan Jansen", "06-11112222", "", "Consultancy", "Late.");
    d.press("shift-tab");
    d.type_text("last tuesdayish");
    d.press("ctrl-s");
    let error = error_of(&d.app, Field::ComplainedAt).expect("a date problem");
    assert!(error.contains("last tuesdayish"), "{error}");
    assert!(matches!(d.app.modal, Some(Modal::Form(_))));
}

#[test]
fn ctrl_s_registers_and_shows_the_new_number_then_enter_opens_it() {
    let mut d = Desk::demo();
    d.press("n");
    d.type_text("Wim de Wit");
    d.press("tab");
    d.type_text("+31 6 2222 3333");
    d.press("tab");
    d.type_text("wim@dewit.nl");
    d.press("tab");
    d.type_text("De Wit Schilders");
    d.press("tab");
    // Type to filter the catalogue, ↓ to take the suggestion.
    d.type_text("pen");
    d.press("down tab right tab");
    d.type_text("today 9:30");
    d.press("tab");
    d.type_text("The retest was cancelled\ntwice without notice.");
    d.press("ctrl-s");

    let Some(Modal::Registered(id)) = d.app.modal else {
        panic!("expected the registered screen, got {:?}", d.app.modal);
    };
    let case = d.stored(id);
    assert_eq!(case.state, State::Received);
    assert_eq!(case.contact.name, "Wim de Wit");
    assert_eq!(case.contact.phone.as_deref(), Some("+31 6 2222 3333"));
    assert_eq!(case.contact.email.as_deref(), Some("wim@dewit.nl"));
    assert_eq!(case.contact.organisation.as_deref(), Some("De Wit Schilders"));
    assert_eq!(case.service, "Penetration testing");
    assert_eq!(case.channel, klachtdesk::domain::case::Channel::Email);
    assert_eq!(case.complained_at, thursday_at(9, 30));
    assert_eq!(
        case.description,
        "The retest was cancelled\ntwice without notice."
    );
    assert_eq!(case.registered_by, "anna");
    assert!(
        ids_in(&d.app, State::Received).contains(&id),
        "on the board at once"
    );

    d.press("enter");
    assert!(d.app.modal.is_none());
    assert_eq!(d.app.pane.as_ref().map(|p| p.id), Some(id));
}

#[test]
fn esc_on_the_registered_screen_goes_back_to_the_board() {
    let mut d = Desk::demo();
    d.press("n");
    fill_intake(&mut d, "Wim de Wit", "0622223333", "", "Other", "Rude.");
    d.press("ctrl-s");
    assert!(matches!(d.app.modal, Some(Modal::Registered(_))));
    d.press("j k");
    assert!(
        matches!(d.app.modal, Some(Modal::Registered(_))),
        "other keys wait"
    );
    d.press("esc");
    assert!(d.app.modal.is_none() && d.app.pane.is_none());
}

// ---------------------------------------------------------------- the caller's open cases

/// The open cases in the store whose phone is Priya Ramdin's 06-31415926.
fn priyas_open_cases(d: &Desk) -> Vec<CaseId> {
    let mut ids: Vec<CaseId> = d
        .store
        .load()
        .cases
        .into_iter()
        .filter(|c| c.is_open() && c.contact.phone.as_deref() == Some("06-31415926"))
        .map(|c| c.id)
        .collect();
    ids.sort();
    ids
}

#[test]
fn a_phone_number_written_differently_finds_the_callers_open_cases() {
    let mut d = Desk::demo();
    let expected = priyas_open_cases(&d);
    assert!(!expected.is_empty());
    d.press("n tab");
    d.type_text("+31 6 3141 5926");
    let mut found = form(&d.app).duplicates.clone();
    found.sort();
    assert_eq!(found, expected);
    // Deleting the number forgets them.
    for _ in 0.."+31 6 3141 5926".len() {
        d.press("backspace");
    }
    assert!(form(&d.app).duplicates.is_empty());
}

#[test]
fn an_e_mail_address_in_other_capitals_finds_the_callers_open_cases() {
    let mut d = Desk::demo();
    let expected = priyas_open_cases(&d);
    d.press("n tab tab");
    d.type_text("Priya@RamdinWebshop.nl");
    let mut found = form(&d.app).duplicates.clone();
    found.sort();
    assert_eq!(found, expected);
}

#[test]
fn arrows_pick_the_case_the_caller_rings_about_and_ctrl_o_logs_it_there() {
    let mut d = Desk::demo();
    let expected = priyas_open_cases(&d);
    assert!(expected.len() >= 2, "the demo's Priya has several open cases");
    d.press("n tab");
    d.type_text("+31 6 3141 5926");
    let listed = form(&d.app).duplicates.clone();
    assert_eq!(listed.len(), expected.len(), "every open case of the caller");
    // Every one on the screen, each with its state whole.
    d.send(klachtdesk::app::Msg::Resize {
        width: 160,
        height: 48,
    });
    let shown = screen(&d.app).join("\n");
    for id in &listed {
        let case = d.stored(*id);
        let lang = klachtdesk::i18n::Lang::En;
        let state = lang.t(klachtdesk::i18n::state_short_key(case.state));
        assert!(
            shown.contains(&format!("{id} {state}")),
            "{id} {state} in:\n{shown}"
        );
    }
    d.press("down");
    assert_eq!(form(&d.app).picked, 1);
    assert_eq!(
        focused(&d.app),
        Field::Phone,
        "the arrows did not leave the field"
    );
    d.press("up up");
    assert_eq!(form(&d.app).picked, 0, "stops at the first");
    d.press("down");
    let target = listed[1];
    d.press("ctrl-o");
    assert_eq!(
        d.app.pane.as_ref().map(|p| p.id),
        Some(target),
        "the picked case, not the first"
    );
}

#[test]
fn ctrl_o_logs_the_call_on_the_existing_case_with_what_was_typed() {
    let mut d = Desk::demo();
    d.press("n tab");
    d.type_text("+31 6 3141 5926");
    d.press("tab tab tab tab tab tab");
    assert_eq!(focused(&d.app), Field::Description);
    d.type_text("Calls again: still no corrected report.");
    let target = form(&d.app).duplicates[0];
    let log_before = d.stored(target).contact_log.len();

    d.press("ctrl-o");
    assert_eq!(d.app.pane.as_ref().map(|p| p.id), Some(target));
    let log = form(&d.app);
    assert!(matches!(
        log.purpose,
        Purpose::Step { id, step: Step::LogContact, .. } if id == target
    ));
    assert_eq!(
        text_of(&d.app, Field::LogText),
        "Calls again: still no corrected report."
    );
    assert!(log.form.is_dirty(), "leaving would ask first");

    d.press("ctrl-s");
    assert!(d.app.modal.is_none());
    let case = d.stored(target);
    assert_eq!(case.contact_log.len(), log_before + 1);
    let entry = case.contact_log.last().unwrap();
    assert_eq!(entry.text, "Calls again: still no corrected report.");
    assert_eq!(entry.kind, klachtdesk::domain::case::LogKind::Call);
    assert_eq!(entry.author, "anna");
}

#[test]
fn ctrl_o_without_a_matching_case_does_nothing() {
    let mut d = Desk::demo();
    d.press("n");
    d.type_text("Nobody Known Here");
    assert!(form(&d.app).duplicates.is_empty());
    d.press("ctrl-o");
    assert_eq!(form(&d.app).purpose, Purpose::Intake);
    assert!(d.app.pane.is_none());
}

// ---------------------------------------------------------------- leaving a form

#[test]
fn esc_on_a_clean_form_closes_it_at_once() {
    let mut d = Desk::demo();
    d.press("n esc");
    assert!(d.app.modal.is_none());
}

#[test]
fn esc_on_a_dirty_form_asks_and_n_keeps_it() {
    let mut d = Desk::demo();
    d.press("n");
    d.type_text("Half a name");
    d.press("esc");
    assert!(form(&d.app).form.confirm_discard);
    assert_eq!(d.app.context(), Context::Confirm);
    d.press("n");
    assert!(!form(&d.app).form.confirm_discard);
    assert_eq!(text_of(&d.app, Field::Name), "Half a name");
    // Esc at the question also keeps the form.
    d.press("esc esc");
    assert!(!form(&d.app).form.confirm_discard);
    assert_eq!(text_of(&d.app, Field::Name), "Half a name");
    // Other keys while asking type nothing.
    d.press("esc x");
    assert_eq!(text_of(&d.app, Field::Name), "Half a name");
    assert!(form(&d.app).form.confirm_discard);
}

#[test]
fn y_discards_a_dirty_form() {
    let mut d = Desk::demo();
    d.press("n");
    d.type_text("Half a name");
    d.press("esc y");
    assert!(d.app.modal.is_none());
    d.press("n");
    d.type_text("Weer een half");
    d.press("esc y");
    assert!(d.app.modal.is_none());
    assert_eq!(d.store.len(), 60, "nothing was registered");
}

#[test]
fn typing_then_deleting_it_again_leaves_a_clean_form() {
    let mut d = Desk::demo();
    d.press("n");
    d.type_text("ab");
    d.press("backspace backspace esc");
    assert!(d.app.modal.is_none());
}

// ---------------------------------------------------------------- paste

#[test]
fn a_paste_goes_into_the_focused_field_on_one_line_for_a_name() {
    let mut d = Desk::demo();
    d.press("n");
    d.send(klachtdesk::app::Msg::Paste("Jan\r\nde Vries".into()));
    assert_eq!(text_of(&d.app, Field::Name), "Jan de Vries");
}

#[test]
fn a_control_character_pasted_into_a_one_line_field_is_refused_next_to_it() {
    let mut d = Desk::demo();
    let before = d.store.len();
    d.press("n");
    d.send(klachtdesk::app::Msg::Paste("Jan\u{1b}]0;owned\u{7}Jansen".into()));
    d.press("tab");
    d.type_text("06-11112222");
    d.press("tab tab tab");
    d.type_text("Consultancy");
    d.press("tab tab tab");
    d.type_text("Late.");
    d.press("ctrl-s");
    let error = error_of(&d.app, Field::Name).expect("a problem with the name");
    assert!(error.contains("Name must be one line"), "{error}");
    assert!(matches!(d.app.modal, Some(Modal::Form(_))), "the form stays open");
    assert_eq!(
        text_of(&d.app, Field::Name),
        "Jan\u{1b}]0;owned\u{7}Jansen",
        "what was typed is kept"
    );
    assert_eq!(d.store.len(), before, "nothing was registered");
}

#[test]
fn a_megabyte_pasted_into_the_description_is_cut_with_a_message() {
    let mut d = Desk::demo();
    d.press("n shift-tab shift-tab shift-tab");
    assert_eq!(focused(&d.app), Field::Description);
    let line = "All our alerts went to the wrong mailbox for a week. ".repeat(20);
    let huge = format!("{line}\n").repeat(1_000_000 / line.len() + 1);
    assert!(huge.len() >= 1_000_000);
    let start = Instant::now();
    d.send(klachtdesk::app::Msg::Paste(huge));
    let took = start.elapsed();
    assert!(took < Duration::from_secs(3), "a 1 MB paste took {took:?}");
    assert_eq!(text_of(&d.app, Field::Description).chars().count(), MAX_TEXT);
    let error = error_of(&d.app, Field::Description).expect("a message about the cut");
    assert!(error.contains("cut"), "{error}");
    // The form still answers at once.
    d.press("tab");
    assert_eq!(focused(&d.app), Field::Remedy);
}

// ---------------------------------------------------------------- the moves menu

#[test]
fn m_lists_the_moves_of_the_cases_state_then_assign_involve_and_log() {
    let mut d = Desk::demo();
    let id = d.first_in(State::Received);
    d.select(id);
    d.press("m");
    assert_eq!(
        menu(&d).steps,
        [
            Step::Acknowledge,
            Step::Withdraw,
            Step::AssignHandler,
            Step::SetInvolved,
            Step::LogContact
        ]
    );
    d.press("esc");
    assert!(d.app.modal.is_none());

    for state in State::OPEN {
        let id = d.first_in(state);
        d.select(id);
        d.press("m");
        let steps = &menu(&d).steps;
        let moves = state.moves();
        assert_eq!(&steps[..moves.len()], moves.as_slice(), "{state:?}");
        assert_eq!(
            &steps[moves.len()..],
            [Step::AssignHandler, Step::SetInvolved, Step::LogContact],
            "{state:?}"
        );
        d.press("q");
        assert!(d.app.modal.is_none(), "q closes the menu");
        assert!(!d.app.quit);
    }
}

#[test]
fn a_finished_case_offers_only_logging_and_an_answered_one_closing_or_reopening() {
    let mut d = Desk::demo();
    d.press("c");
    d.select(d.first_in(State::Closed));
    d.press("m");
    assert_eq!(menu(&d).steps, [Step::LogContact]);
    d.press("esc");
    d.select(d.first_in(State::OutcomeCommunicated));
    d.press("m");
    let steps = &menu(&d).steps;
    assert!(steps.starts_with(&[Step::Close, Step::Reopen]), "{steps:?}");
}

#[test]
fn a_digit_picks_a_move_and_arrows_with_enter_do_too() {
    let mut d = Desk::demo();
    d.select(d.first_in(State::Received));
    d.press("m 9");
    assert!(matches!(d.app.modal, Some(Modal::Menu(_))), "no ninth move");
    d.press("0");
    assert!(matches!(d.app.modal, Some(Modal::Menu(_))));
    d.press("2");
    assert!(matches!(
        form(&d.app).purpose,
        Purpose::Step {
            step: Step::Withdraw,
            ..
        }
    ));
    d.press("esc m down down down enter");
    assert!(matches!(
        form(&d.app).purpose,
        Purpose::Step {
            step: Step::SetInvolved,
            ..
        }
    ));
}

#[test]
fn acknowledging_through_the_menu_saves_and_says_so() {
    let mut d = Desk::demo();
    let id = d.first_in(State::Received);
    d.select(id);
    let version = d.stored(id).version;
    d.press("m 1");
    assert_eq!(focused(&d.app), Field::AckAt);
    d.press("ctrl-s");
    assert!(d.app.modal.is_none());
    let case = d.stored(id);
    assert_eq!(case.state, State::Acknowledged);
    assert_eq!(case.version, version + 1);
    assert_eq!(case.acknowledgement.as_ref().unwrap().at, thursday_ten());
    let (text, error) = flash(&d.app);
    assert!(!error);
    assert_eq!(
        text,
        format!("Acknowledged receipt of {id}."),
        "the step, not a state"
    );
    assert!(ids_in(&d.app, State::Acknowledged).contains(&id));
    // The selection followed the case into its new column.
    assert_eq!(d.app.board.current_column().unwrap().state, State::Acknowledged);
    assert_eq!(d.app.board.selected_id(), Some(id));
    assert!(!ids_in(&d.app, State::Received).contains(&id));
}

#[test]
fn take_into_treatment_without_a_handler_is_refused_and_writes_nothing() {
    let mut d = Desk::demo();
    let id = d.first_in(State::Acknowledged);
    d.select(id);
    let before = d.stored(id);
    d.press("m 1");
    assert!(matches!(
        form(&d.app).purpose,
        Purpose::Step {
            step: Step::TakeIntoTreatment,
            ..
        }
    ));
    assert_eq!(text_of(&d.app, Field::Handler), "anna", "the operator by default");
    d.press("backspace backspace backspace backspace ctrl-s");
    let error = error_of(&d.app, Field::Handler).expect("the problem next to Handler");
    assert!(error.contains("Handler"), "{error}");
    assert_eq!(d.stored(id), before, "nothing written");
    // Choosing a colleague from the list then works.
    d.type_text("bram");
    d.press("down tab ctrl-s");
    assert!(d.app.modal.is_none(), "{:?}", d.app.modal);
    let case = d.stored(id);
    assert_eq!(case.state, State::InTreatment);
    assert_eq!(case.handler.as_deref(), Some("Bram Jansen"));
}

#[test]
fn a_refused_step_keeps_the_text_typed() {
    let mut d = Desk::demo();
    let id = d.first_in(State::InTreatment);
    d.select(id);
    // Communicate the outcome: with the outcome itself emptied.
    let position = menu_position(&mut d, Step::CommunicateOutcome);
    d.press(&format!("m {position}"));
    d.press("tab tab");
    assert_eq!(focused(&d.app), Field::Outcome);
    for _ in 0..text_of(&d.app, Field::Outcome).chars().count() {
        d.press("backspace");
    }
    d.press("shift-tab");
    d.type_text(" Also checked the backups.");
    d.press("ctrl-s");
    assert!(error_of(&d.app, Field::Outcome).is_some());
    assert!(text_of(&d.app, Field::Solution).ends_with(" Also checked the backups."));
    assert_eq!(d.stored(id).state, State::InTreatment);
}

/// Opens the form of `step` on the first demo case in `state`.
fn step_form(d: &mut Desk, state: State, step: Step) -> CaseId {
    let id = d.first_in(state);
    d.select(id);
    let position = menu_position(d, step);
    d.press(&format!("m {position}"));
    id
}

#[test]
fn every_step_that_starts_or_stops_a_clock_has_an_at_field_left_empty_for_now() {
    for (state, step) in [
        (State::Acknowledged, Step::TakeIntoTreatment),
        (State::Acknowledged, Step::DeclareNotAdmissible),
        (State::InTreatment, Step::RequestInformation),
        (State::Waiting, Step::InformationReceived),
        (State::InTreatment, Step::CommunicateOutcome),
        (State::OutcomeCommunicated, Step::Close),
        (State::OutcomeCommunicated, Step::Reopen),
        (State::Waiting, Step::Withdraw),
    ] {
        let mut d = Desk::demo();
        step_form(&mut d, state, step);
        let fields: Vec<Field> = form(&d.app).form.fields.iter().map(|f| f.field).collect();
        assert_eq!(fields.last(), Some(&Field::StepAt), "{step:?}: {fields:?}");
        assert_eq!(text_of(&d.app, Field::StepAt), "", "{step:?}");
    }
    let mut d = Desk::demo();
    step_form(&mut d, State::InTreatment, Step::AssignHandler);
    assert!(form(&d.app).form.fields.iter().all(|f| f.field != Field::StepAt));
}

#[test]
fn information_received_this_morning_starts_the_outcome_clock_this_morning() {
    let mut d = Desk::demo();
    let id = step_form(&mut d, State::Waiting, Step::InformationReceived);
    d.type_text("Host list by mail");
    d.press("tab");
    assert_eq!(focused(&d.app), Field::StepAt);
    d.type_text("today 9:00");
    d.press("ctrl-s");
    assert!(d.app.modal.is_none(), "{:?}", d.app.modal);
    let case = d.stored(id);
    assert_eq!(case.state, State::InTreatment);
    assert_eq!(
        case.info_requests.last().unwrap().received_at,
        Some(thursday_at(9, 0))
    );
    assert_eq!(case.outcome_clock_since, Some(thursday_at(9, 0)));
}

#[test]
fn a_step_left_without_a_moment_happened_now() {
    let mut d = Desk::demo();
    let id = step_form(&mut d, State::Waiting, Step::InformationReceived);
    d.press("ctrl-s");
    assert!(d.app.modal.is_none(), "{:?}", d.app.modal);
    assert_eq!(d.stored(id).outcome_clock_since, Some(thursday_ten()));
}

#[test]
fn a_moment_that_is_no_date_or_in_the_future_is_refused_next_to_at_keeping_what_was_typed() {
    let mut d = Desk::demo();
    let id = step_form(&mut d, State::Waiting, Step::InformationReceived);
    let before = d.stored(id);
    d.type_text("Host list by mail");
    d.press("tab");
    d.type_text("soon");
    d.press("ctrl-s");
    let error = error_of(&d.app, Field::StepAt).expect("the problem next to At");
    assert!(error.contains("\"soon\" is not a date or time"), "{error}");
    assert_eq!(text_of(&d.app, Field::LogText), "Host list by mail");
    assert_eq!(text_of(&d.app, Field::StepAt), "soon");
    assert_eq!(d.stored(id), before, "nothing written");

    for _ in 0.."soon".len() {
        d.press("backspace");
    }
    d.type_text("today 11:00");
    d.press("ctrl-s");
    let error = error_of(&d.app, Field::StepAt).expect("the problem next to At");
    assert!(error.contains("At cannot be in the future"), "{error}");
    assert_eq!(text_of(&d.app, Field::StepAt), "today 11:00");
    assert_eq!(d.stored(id), before, "nothing written");
}

/// The 1-based place of `step` in the moves menu of the selected case.
// ---------------------------------------------------------------- editing in place

#[test]
fn enter_on_a_field_opens_its_editor_with_the_current_value() {
    let mut d = Desk::demo();
    let id = d.first_in(State::Received);
    d.select(id);
    let email = d.stored(id).contact.email.unwrap();
    d.press("enter down down");
    d.press("enter");
    let editor = form(&d.app);
    assert!(matches!(
        editor.purpose,
        Purpose::Edit { id: i, field: Field::Email, .. } if i == id
    ));
    assert_eq!(text_of(&d.app, Field::Email), email);
    d.press("esc");
    assert!(d.app.modal.is_none(), "unchanged: closes at once");
    assert!(d.app.pane.is_some(), "back in the case");
    d.press("e");
    assert_eq!(text_of(&d.app, Field::Email), email, "e edits too");
}

#[test]
fn a_bad_e_mail_address_is_refused_with_the_edit_kept_and_a_good_one_saves() {
    let mut d = Desk::demo();
    let id = d.first_in(State::Received);
    d.select(id);
    let before = d.stored(id);
    d.press("enter down down enter");
    for _ in 0..before.contact.email.as_ref().unwrap().len() {
        d.press("backspace");
    }
    d.type_text("priya at ramdin");
    d.press("ctrl-s");
    let error = error_of(&d.app, Field::Email).expect("the problem next to E-mail");
    assert!(error.contains("priya at ramdin"), "{error}");
    assert_eq!(text_of(&d.app, Field::Email), "priya at ramdin");
    assert_eq!(d.stored(id), before);

    for _ in 0.." at ramdin".len() {
        d.press("backspace");
    }
    d.type_text("@ramdin.example");
    d.press("ctrl-s");
    assert!(d.app.modal.is_none());
    assert_eq!(
        d.stored(id).contact.email.as_deref(),
        Some("priya@ramdin.example")
    );
    assert_eq!(
        d.app.cases.case(id).unwrap().contact.email.as_deref(),
        Some("priya@ramdin.example")
    );
    let (_, error) = flash(&d.app);
    assert!(!error);
}

#[test]
fn the_description_editor_takes_several_lines() {
    let mut d = Desk::demo();
    let id = d.first_in(State::Received);
    d.select(id);
    d.press("enter");
    for _ in 0..7 {
        d.press("down");
    }
    d.press("enter");
    assert!(matches!(
        form(&d.app).purpose,
        Purpose::Edit {
            field: Field::Description,
            ..
        }
    ));
    d.type_text("\nCalled back on Thursday.");
    d.press("ctrl-s");
    assert!(d.app.modal.is_none(), "{:?}", d.app.modal);
    assert!(d.stored(id).description.ends_with("\nCalled back on Thursday."));
}

#[test]
fn a_save_racing_another_operators_move_lands_beside_it() {
    let mut d = Desk::demo();
    let id = d.first_in(State::Received);
    d.select(id);
    // Anna opens the name to correct it.
    d.press("enter enter");
    d.type_text(" (Ms)");
    let typed = text_of(&d.app, Field::Name);

    // Meanwhile Bram, on his own screen, acknowledges the same case.
    let mut bram = d.second_app("bram");
    assert_eq!(bram.board.selected_id(), Some(id));
    press(&mut bram, &d.store, "m 1 ctrl-s");
    assert_eq!(d.stored(id).state, State::Acknowledged);
    // Anna's screen hears of it, as the store watcher would tell it.
    d.send(klachtdesk::app::Msg::Changed(d.stored(id)));
    assert_eq!(
        text_of(&d.app, Field::Name),
        typed,
        "the change does not clobber the edit"
    );

    // Her save touches another field than his: both land.
    d.press("ctrl-s");
    assert!(d.app.modal.is_none(), "{:?}", d.app.modal);
    assert_eq!(d.stored(id).contact.name, typed);
    assert_eq!(d.stored(id).state, State::Acknowledged);
}

#[test]
fn a_save_racing_another_operators_edit_of_the_field_keeps_the_edit_and_shows_theirs() {
    let mut d = Desk::demo();
    let id = d.first_in(State::Received);
    d.select(id);
    d.press("enter enter");
    d.type_text(" (Ms)");
    let typed = text_of(&d.app, Field::Name);

    // Meanwhile Bram corrects the same name on his own screen.
    let mut bram = d.second_app("bram");
    press(&mut bram, &d.store, "enter enter");
    type_text(&mut bram, &d.store, " (Mr)");
    press(&mut bram, &d.store, "ctrl-s");
    let theirs = d.stored(id).contact.name;
    assert!(theirs.ends_with(" (Mr)"), "{theirs}");
    d.send(klachtdesk::app::Msg::Changed(d.stored(id)));

    d.press("ctrl-s");
    let problem = error_of(&d.app, Field::Name).expect("a problem next to the name");
    assert!(problem.contains("bram changed Name"), "{problem}");
    assert!(problem.contains(&theirs), "{problem}");
    assert_eq!(text_of(&d.app, Field::Name), typed);
    assert_eq!(d.stored(id).contact.name, theirs);
}

#[test]
fn saving_an_unchanged_field_writes_nothing() {
    let mut d = Desk::demo();
    let id = d.first_in(State::Received);
    d.select(id);
    let before = d.stored(id);
    let events = d.store.events(id).unwrap().len();
    // Involved staff (empty), then the complaint date, each saved as it was.
    d.press("enter j j j j j j j j j enter ctrl-s");
    assert!(d.app.modal.is_none(), "{:?}", d.app.modal);
    d.press("k k k enter ctrl-s");
    assert!(d.app.modal.is_none(), "{:?}", d.app.modal);
    assert_eq!(
        d.store.events(id).unwrap().len(),
        events,
        "no audit event for nothing"
    );
    assert_eq!(d.stored(id), before);
}

#[test]
fn n_on_the_registered_screen_starts_the_next_intake() {
    let mut d = Desk::demo();
    d.press("n");
    fill_intake(&mut d, "Wim de Wit", "0622223333", "", "Other", "Rude.");
    d.press("ctrl-s");
    assert!(matches!(d.app.modal, Some(Modal::Registered(_))));
    d.press("n");
    assert_eq!(form(&d.app).purpose, Purpose::Intake);
}

/// Anna edits a case's name (" (Ms)" typed); meanwhile Bram, on his own
/// board, saves the same name (" (Mr)").
fn bram_saves_the_name_anna_is_editing() -> (Desk, CaseId) {
    let mut d = Desk::demo();
    let id = d.first_in(State::Received);
    d.select(id);
    d.press("enter enter");
    d.type_text(" (Ms)");
    let mut bram = d.second_app("bram");
    press(&mut bram, &d.store, "enter enter");
    type_text(&mut bram, &d.store, " (Mr)");
    press(&mut bram, &d.store, "ctrl-s");
    (d, id)
}

/// After the refusal, Ctrl+S saves the typed value over theirs: the form now
/// builds on their version, and the audit trail keeps both.
#[test]
fn saving_again_after_a_conflict_saves_mine_over_theirs() {
    let (mut d, id) = bram_saves_the_name_anna_is_editing();
    d.press("ctrl-s");
    assert!(error_of(&d.app, Field::Name).is_some(), "refused first");
    let footer = support::screen(&d.app).join("\n");
    assert!(
        footer.contains("ctrl-t take theirs") || footer.contains("Ctrl+T take theirs"),
        "{footer}"
    );

    d.press("ctrl-s");
    assert!(d.app.modal.is_none(), "saved: {:?}", d.app.modal);
    let stored = d.stored(id);
    assert!(stored.contact.name.ends_with(" (Ms)"), "{}", stored.contact.name);
    let events = d.store.events(id).unwrap();
    let actors: Vec<&str> = events.iter().rev().take(2).map(|e| e.actor.as_str()).collect();
    assert_eq!(actors, ["anna", "bram"], "both changes are in the audit trail");
}

/// Ctrl+T puts the other operator's value in the field instead of mine.
#[test]
fn ctrl_t_takes_the_other_operators_value() {
    let (mut d, id) = bram_saves_the_name_anna_is_editing();
    let theirs = d.stored(id).contact.name;
    d.press("ctrl-s");
    d.press("ctrl-t");
    assert_eq!(text_of(&d.app, Field::Name), theirs);
    assert!(error_of(&d.app, Field::Name).is_none());
    let (flash, _) = support::flash(&d.app);
    assert!(flash.contains("bram"), "{flash}");
    d.press("ctrl-s");
    assert!(d.app.modal.is_none());
    assert_eq!(d.stored(id).contact.name, theirs, "nothing of mine was saved");
}

/// Two operators editing different fields of one case: both edits land.
#[test]
fn edits_of_different_fields_by_two_operators_both_land() {
    let mut d = Desk::demo();
    let id = d.first_in(State::Received);
    d.select(id);
    // Anna opens the organisation; Bram changes the name and saves first.
    d.press("enter j j j enter");
    assert_eq!(support::focused(&d.app), Field::Organisation);
    d.type_text(" BV");
    let mut bram = d.second_app("bram");
    press(&mut bram, &d.store, "enter enter");
    type_text(&mut bram, &d.store, " (Mr)");
    press(&mut bram, &d.store, "ctrl-s");
    d.press("ctrl-s");
    assert!(d.app.modal.is_none(), "saved: {:?}", d.app.modal);
    let stored = d.stored(id);
    assert!(stored.contact.name.ends_with(" (Mr)"));
    assert!(
        stored
            .contact
            .organisation
            .as_deref()
            .unwrap_or("")
            .ends_with(" BV")
    );
}

/// `T` makes the operator the case's handler; again, it says so.
#[test]
fn take_makes_me_the_handler() {
    let mut d = Desk::demo();
    let id = d.first_in(State::Received);
    d.select(id);
    d.press("T");
    assert_eq!(d.stored(id).handler.as_deref(), Some("anna"));
    let (flash, error) = support::flash(&d.app);
    assert!(!error && flash.contains("is yours now"), "{flash}");
    d.press("T");
    let (flash, error) = support::flash(&d.app);
    assert!(!error && flash.contains("yours already"), "{flash}");
}

// ---------------------------------------------------------------- undo

#[test]
fn u_takes_back_my_last_step_and_the_trail_keeps_both() {
    let mut d = Desk::demo();
    let id = d.first_in(State::Received);
    d.select(id);
    let before = d.stored(id);
    d.press("m 1 ctrl-s");
    assert_eq!(d.stored(id).state, State::Acknowledged);
    d.send(Msg::Tick(thursday_at(10, 5)));
    d.press("u");
    let after = d.stored(id);
    assert_eq!(after.state, State::Received);
    assert_eq!(after.acknowledgement, None);
    assert_eq!(after.version, before.version + 2, "the step and its reversal");
    let (text, error) = flash(&d.app);
    assert!(
        !error && text == format!("Took back your last change of {id}."),
        "{text}"
    );
    assert!(
        ids_in(&d.app, State::Received).contains(&id),
        "the card went back"
    );
    let kinds: Vec<EventKind> = d.store.events(id).unwrap().into_iter().map(|e| e.kind).collect();
    assert!(matches!(
        kinds[kinds.len() - 2],
        EventKind::Command(Command::Acknowledge { .. })
    ));
    assert_eq!(
        kinds.last(),
        Some(&EventKind::Command(Command::Undo {
            seq: before.version + 1
        }))
    );
    // Taken back once; the next u says there is nothing left.
    d.press("u");
    assert_eq!(d.stored(id).version, after.version);
    assert_eq!(flash(&d.app).0, "u: nothing to undo");
}

#[test]
fn u_with_nothing_done_says_so_and_an_unbound_key_names_the_help() {
    let mut d = Desk::demo();
    d.press("u");
    assert_eq!(flash(&d.app), ("u: nothing to undo".to_string(), false));
    d.press("z");
    assert_eq!(flash(&d.app).0, "z does nothing here · ? for keys");
}

#[test]
fn u_is_refused_with_the_reason_when_someone_else_changed_the_case_since() {
    let mut d = Desk::demo();
    let id = d.first_in(State::Received);
    d.select(id);
    d.press("m 1 ctrl-s");
    let rules = Rules::default();
    let bram = Ctx {
        now: thursday_ten(),
        actor: "Bram",
        rules: &rules,
    };
    let note = Command::AssignHandler {
        handler: "Bram".into(),
    };
    d.store.execute(id, None, &note, &bram).unwrap();
    let version = d.stored(id).version;
    d.press("u");
    assert_eq!(d.stored(id).version, version, "nothing taken back");
    assert_eq!(d.stored(id).state, State::Acknowledged);
    let (text, error) = flash(&d.app);
    assert!(
        error && text.starts_with("Bram changed this case since (10:00)"),
        "{text}"
    );
}

#[test]
fn u_more_than_ten_minutes_later_is_refused_saying_why() {
    let mut d = Desk::demo();
    let id = d.first_in(State::Received);
    d.select(id);
    d.press("m 1 ctrl-s");
    d.send(Msg::Tick(thursday_at(10, 11)));
    d.press("u");
    assert_eq!(d.stored(id).state, State::Acknowledged);
    let (text, error) = flash(&d.app);
    assert!(error && text.contains("more than 10 minutes ago"), "{text}");
}

// ------------------------------------------------------- the discard question

#[test]
fn enter_discards_and_j_does_not_in_english() {
    let mut d = Desk::demo();
    d.press("n");
    d.type_text("Half a name");
    d.press("esc j");
    assert!(
        form(&d.app).form.confirm_discard,
        "j is down for vim users, not yes"
    );
    assert_eq!(text_of(&d.app, Field::Name), "Half a name");
    assert!(flash(&d.app).0.contains("y or Enter: yes"));
    d.press("enter");
    assert!(d.app.modal.is_none());
}

#[test]
fn j_discards_in_dutch_and_the_question_names_it() {
    let mut d = Desk::demo();
    d.app.lang = Lang::Nl;
    d.press("n");
    d.type_text("Half a name");
    d.press("esc");
    let shown = screen(&d.app).join("\n");
    assert!(shown.contains("j ja · n nee"), "{shown}");
    d.press("j");
    assert!(d.app.modal.is_none());
}

// ------------------------------------------------- forms that show their state

#[test]
fn down_in_the_service_list_never_moves_an_invisible_selection() {
    let mut d = Desk::demo();
    d.press("n tab tab tab tab");
    assert_eq!(focused(&d.app), Field::Service);
    let shown = screen(&d.app).join("\n");
    assert!(
        shown.contains("↑ 0 · ↓ 2 more"),
        "six services, four rows: {shown}"
    );
    for presses in 1..=6 {
        d.press("down");
        let field = form(&d.app).form.focused().unwrap();
        let Input::Pick { index: Some(i), .. } = &field.input else {
            panic!("a pick with a highlighted service")
        };
        let highlighted = field.suggestions()[*i].to_string();
        let shown = screen(&d.app).join("\n");
        assert!(
            shown.contains(&highlighted),
            "after {presses} ↓ {highlighted} is on screen: {shown}"
        );
    }
    let shown = screen(&d.app).join("\n");
    assert!(
        shown.contains("Other") && shown.contains("↑ 2 · ↓ 0 more"),
        "{shown}"
    );
}

#[test]
fn a_choice_too_wide_for_its_row_keeps_the_chosen_option_in_view() {
    let mut d = Desk::demo();
    d.app.size = (60, 24);
    d.press("n tab tab tab tab tab");
    assert_eq!(focused(&d.app), Field::Channel);
    for _ in 0..6 {
        d.press("right");
        let field = form(&d.app).form.focused().unwrap();
        let Input::Choice {
            options,
            index: Some(i),
        } = &field.input
        else {
            panic!("the channel choice")
        };
        let shown = screen(&d.app).join("\n");
        assert!(
            shown.contains(&options[*i]),
            "{} is on screen: {shown}",
            options[*i]
        );
    }
}

#[test]
fn hints_read_as_hints_and_every_required_field_is_marked() {
    let mut d = Desk::demo();
    let id = d.first_in(State::Received);
    d.select(id);
    d.press("m 1");
    let shown = screen(&d.app).join("\n");
    assert!(
        shown.contains("[now · or today 9:30"),
        "the date hint in brackets: {shown}"
    );
    assert!(shown.contains("Acknowledged via *"), "{shown}");
    d.press("tab");
    let shown = screen(&d.app).join("\n");
    assert!(shown.contains("· ← → to choose"), "{shown}");
    // Editing the handler of a case in treatment: its state needs one.
    d.press("esc");
    let id = d.first_in(State::InTreatment);
    d.select(id);
    d.press("enter");
    let handler = PANE_FIELDS.iter().position(|f| *f == Field::Handler).unwrap();
    for _ in 0..handler {
        d.press("down");
    }
    d.press("enter");
    assert!(form(&d.app).form.get(Field::Handler).unwrap().required);
    let shown = screen(&d.app).join("\n");
    assert!(shown.contains("Handler *"), "{shown}");
}

#[test]
fn read_only_rows_do_not_offer_enter_edit_and_say_why() {
    let mut d = Desk::demo();
    let id = d.first_in(State::Received);
    d.select(id);
    d.press("enter");
    assert!(screen(&d.app).last().unwrap().contains("Enter edit"));
    d.press("end");
    for _ in 0..PANE_FIELDS.len() {
        d.press("pagedown");
    }
    let footer = screen(&d.app).last().unwrap().clone();
    assert!(!footer.contains("edit"), "a timeline row: {footer}");
    d.press("enter");
    assert!(d.app.modal.is_none());
    assert!(flash(&d.app).0.starts_with("The timeline is history"));
}

// ------------------------------------------------------------------ findable

#[test]
fn the_footer_names_letters_reports_and_learnings_where_they_work() {
    let mut d = Desk::demo();
    let footer = screen(&d.app).last().unwrap().clone();
    assert!(
        footer.contains("r reports") && footer.contains("R learnings"),
        "{footer}"
    );
    assert!(
        !footer.contains("w letter"),
        "no letter without a case open: {footer}"
    );
    d.press("enter");
    let footer = screen(&d.app).last().unwrap().clone();
    assert!(footer.contains("w letter"), "{footer}");
}

#[test]
fn the_moves_menu_offers_the_letter_too() {
    let mut d = Desk::demo();
    let id = d.first_in(State::Received);
    d.select(id);
    d.press("m");
    let shown = screen(&d.app).join("\n");
    assert!(
        shown.contains("Letter or e-mail to the complainant (w)"),
        "{shown}"
    );
    let row = menu(&d).steps.len() + 1;
    d.press(&row.to_string());
    assert!(matches!(&d.app.modal, Some(Modal::Letter(view)) if view.id == id));
}

#[test]
fn the_information_received_form_shows_the_outcome_due_date_it_will_set() {
    let mut d = Desk::demo();
    let id = step_form(&mut d, State::Waiting, Step::InformationReceived);
    // Left for now (Thursday 26 November 10:00): 10 working days on.
    assert!(has_row(&screen(&d.app), "Outcome due: Thu 10 Dec 17:00"));
    d.press("tab");
    d.type_text("2026-11-24 09:00");
    assert!(has_row(&screen(&d.app), "Outcome due: Tue 8 Dec 17:00"));
    d.press("ctrl-s");
    assert!(d.app.modal.is_none(), "{:?}", d.app.modal);
    let case = d.stored(id);
    let policy = &d.app.rules.policy;
    let due = policy.due(case.outcome_clock_since.unwrap(), policy.outcome_days);
    assert_eq!(
        due.day.to_string(),
        "2026-12-08",
        "the saved clock says what the form said"
    );
}

#[test]
fn the_request_information_form_says_the_outcome_clock_pauses_in_the_operators_language() {
    let mut d = Desk::demo();
    d.app.lang = Lang::Nl;
    step_form(&mut d, State::InTreatment, Step::RequestInformation);
    assert!(has_row(&screen(&d.app), "Uitkomstklok staat stil"));
    let mut d = Desk::demo();
    step_form(&mut d, State::InTreatment, Step::AssignHandler);
    let shown = screen(&d.app);
    assert!(
        !has_row(&shown, "due:") && !has_row(&shown, "clock pauses"),
        "{shown:#?}"
    );
}

fn has_row(rows: &[String], text: &str) -> bool {
    rows.iter().any(|r| r.contains(text))
}

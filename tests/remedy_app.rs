//! What the complainant wants, on the board: the intake's remedy fields, the
//! case pane's rows and their editors, the outcome step asking whether the
//! remedy was granted; and how those screens look.

mod support;

use klachtdesk::app::pane::PANE_FIELDS;
use klachtdesk::app::{Modal, Msg};
use klachtdesk::domain::case::CaseId;
use klachtdesk::domain::problem::Field;
use klachtdesk::domain::remedy::{Granted, Remedy, RemedySought};
use klachtdesk::domain::workflow::{State, Step};
use klachtdesk::i18n::Lang;
use support::*;

/// The intake filled in up to the description, the focus then on it.
fn intake_up_to_the_description(d: &mut Desk) {
    d.press("n");
    d.type_text("Jan Remedie");
    d.press("tab");
    d.type_text("06-55554444");
    d.press("tab tab tab");
    d.type_text("Consultancy");
    d.press("tab tab tab");
    d.type_text("The report came late.");
}

/// The case pane of `id`, with the row of `field` selected.
fn pane_row(d: &mut Desk, id: CaseId, field: Field) {
    d.select(id);
    d.press("enter");
    let row = PANE_FIELDS.iter().position(|f| *f == field).unwrap();
    for _ in 0..row {
        d.press("down");
    }
}

/// The remedy of case `id` set through its row in the case pane.
fn set_remedy(d: &mut Desk, id: CaseId, name: &str, words: &str) {
    pane_row(d, id, Field::Remedy);
    d.press("enter");
    d.type_text(name);
    d.press("tab");
    d.type_text(words);
    d.press("ctrl-s");
    assert!(d.app.modal.is_none(), "saved: {:?}", d.app.modal);
    d.press("esc");
}

#[test]
fn the_intake_records_the_remedy_picked_by_its_name_and_the_words_with_it() {
    let mut d = Desk::demo();
    intake_up_to_the_description(&mut d);
    // Tab leaves the description (a multi-line editor) for the remedy.
    d.press("tab");
    assert_eq!(focused(&d.app), Field::Remedy);
    // A closed pick: what is typed is completed to the remedy it starts.
    d.type_text("Refu");
    d.press("tab");
    assert_eq!(text_of(&d.app, Field::Remedy), "Refund");
    d.type_text("the fee back");
    d.press("ctrl-s");
    let Some(Modal::Registered(id)) = d.app.modal else {
        panic!("registered: {:?}", d.app.modal);
    };
    assert_eq!(
        d.stored(id).remedy_sought,
        Some(RemedySought {
            remedy: Remedy::Refund,
            text: "the fee back".into()
        })
    );
}

#[test]
fn the_intake_without_a_remedy_registers_none() {
    let mut d = Desk::demo();
    intake_up_to_the_description(&mut d);
    d.press("ctrl-s");
    let Some(Modal::Registered(id)) = d.app.modal else {
        panic!("registered: {:?}", d.app.modal);
    };
    assert_eq!(d.stored(id).remedy_sought, None);
}

#[test]
fn other_without_words_is_refused_next_to_the_words_and_everything_is_kept() {
    let mut d = Desk::demo();
    let count = d.store.len();
    intake_up_to_the_description(&mut d);
    d.press("tab");
    d.type_text("Other");
    d.press("ctrl-s");
    let error = error_of(&d.app, Field::RemedyText).expect("a problem with the words");
    assert!(error.contains("In their words"), "{error}");
    assert_eq!(text_of(&d.app, Field::Remedy), "Other");
    assert_eq!(d.store.len(), count, "nothing was registered");
}

#[test]
fn a_remedy_the_desk_does_not_know_is_refused_in_dutch_too() {
    let mut d = Desk::demo();
    d.app.lang = Lang::Nl;
    intake_up_to_the_description(&mut d);
    d.press("tab");
    d.type_text("xyz");
    d.press("ctrl-s");
    let error = error_of(&d.app, Field::Remedy).expect("a problem with the remedy");
    assert!(error.contains("\"xyz\" is geen oplossing"), "{error}");
    assert!(error.contains("apology (Excuses)"), "{error}");
}

#[test]
fn the_case_pane_shows_the_remedy_and_edits_it_with_its_words() {
    let mut d = Desk::demo();
    let id = d.first_in(State::InTreatment);
    set_remedy(&mut d, id, "Apology", "in writing");
    let case = d.stored(id);
    assert_eq!(
        case.remedy_sought,
        Some(RemedySought {
            remedy: Remedy::Apology,
            text: "in writing".into()
        })
    );
    pane_row(&mut d, id, Field::Remedy);
    let shown = screen(&d.app).join("\n");
    assert!(
        shown.contains("Remedy sought           Apology — in writing"),
        "{shown}"
    );
    // The editor opens on what the case holds, and emptying it takes the remedy away.
    d.press("enter");
    assert_eq!(text_of(&d.app, Field::Remedy), "Apology");
    assert_eq!(text_of(&d.app, Field::RemedyText), "in writing");
    d.press("tab");
    for _ in 0.."in writing".len() {
        d.press("backspace");
    }
    d.press("shift-tab");
    for _ in 0.."Apology".len() {
        d.press("backspace");
    }
    d.press("ctrl-s");
    assert!(d.app.modal.is_none(), "saved: {:?}", d.app.modal);
    assert_eq!(d.stored(id).remedy_sought, None);
}

#[test]
fn the_outcome_asks_whether_the_remedy_sought_was_granted() {
    let mut d = Desk::demo();
    let id = d.first_in(State::InTreatment);
    set_remedy(&mut d, id, "Refund", "");
    d.open_step(id, Step::CommunicateOutcome);
    let granted = form(&d.app).form.get(Field::RemedyGranted).expect("asked");
    assert!(granted.required);
    for (field, text) in [
        (Field::RootCause, "Planning"),
        (Field::Solution, "Extra reviewer"),
        (Field::Outcome, "We refund the fee."),
    ] {
        let modal = match &mut d.app.modal {
            Some(Modal::Form(m)) => m,
            other => panic!("a form: {other:?}"),
        };
        modal.form.focus_field(field);
        d.send(Msg::Paste(text.into()));
    }
    // Not answered: refused, next to the question.
    d.press("ctrl-s");
    let error = error_of(&d.app, Field::RemedyGranted).expect("asked for");
    assert!(error.contains("Remedy granted"), "{error}");
    assert_eq!(d.stored(id).state, State::InTreatment);
    // Answered: one save records both.
    let modal = match &mut d.app.modal {
        Some(Modal::Form(m)) => m,
        other => panic!("a form: {other:?}"),
    };
    modal.form.focus_field(Field::RemedyGranted);
    d.press("right right");
    let version = d.stored(id).version;
    d.press("ctrl-s");
    assert!(d.app.modal.is_none(), "saved: {:?}", d.app.modal);
    let case = d.stored(id);
    assert_eq!(case.state, State::OutcomeCommunicated);
    assert_eq!(case.remedy_granted, Some(Granted::Partly));
    assert_eq!(case.version, version + 2, "an edit and the step");
    assert!(
        flash(&d.app).0.starts_with("Outcome of"),
        "named for the step: {:?}",
        flash(&d.app)
    );
    pane_row(&mut d, id, Field::RemedyGranted);
    let shown = screen(&d.app).join("\n");
    assert!(shown.contains("Remedy granted          Partly"), "{shown}");
}

#[test]
fn without_a_remedy_sought_the_outcome_does_not_ask() {
    let mut d = Desk::demo();
    let id = d.first_in(State::InTreatment);
    d.open_step(id, Step::CommunicateOutcome);
    assert!(form(&d.app).form.get(Field::RemedyGranted).is_none());
}

//! Patterns caught while they are small: the recurrence alert after the k-th
//! case with one root cause on one service, the earlier causes offered as
//! completions, and the marker on the card of a complainant with another
//! open case.

mod support;

use klachtdesk::app::recurrence::RecurrenceAlert;
use klachtdesk::app::{Modal, Msg};
use klachtdesk::desk::Desk as DeskCalls;
use klachtdesk::domain::case::{CaseId, Satisfaction};
use klachtdesk::domain::problem::Field;
use klachtdesk::domain::workflow::{Command, Edit, State, Step};
use klachtdesk::i18n::Lang;
use support::*;

const SOC: &str = "Security monitoring (SOC)";
const CAUSE: &str = "Alert not escalated to the duty officer";

/// Sets case `id`'s service and root cause at the desk (as another
/// operator would), and the board hears of it as the desk's feed tells it.
fn set_cause(d: &mut Desk, id: CaseId, service: &str, cause: &str) {
    let desk = desk_of(&d.store, &d.app);
    let case = (&desk as &dyn DeskCalls)
        .execute(
            id,
            None,
            vec![Command::Edit {
                edits: vec![Edit::Service(service.into()), Edit::RootCause(cause.into())],
            }],
        )
        .expect("edited");
    d.send(Msg::Changed(case));
}

/// Closes case `id` at the desk, out of this board's sight but for the feed.
fn close_elsewhere(d: &mut Desk, id: CaseId) {
    let desk = desk_of(&d.store, &d.app);
    let case = (&desk as &dyn DeskCalls)
        .execute(
            id,
            None,
            vec![Command::Close {
                at: None,
                learnings: "Escalate at once.".into(),
                satisfaction: Some(Satisfaction::Satisfied),
            }],
        )
        .expect("closed");
    d.send(Msg::Changed(case));
}

/// Closes case `id` on this board: the close step's form, saved.
fn close_here(d: &mut Desk, id: CaseId) {
    d.open_step(id, Step::Close);
    d.type_text("Escalate at once.");
    d.press("tab space ctrl-s");
    assert_eq!(d.stored(id).state, State::Closed, "{:?}", d.app.modal);
}

fn alert(d: &Desk) -> Option<&RecurrenceAlert> {
    match &d.app.modal {
        Some(Modal::Recurrence(alert)) => Some(alert),
        _ => None,
    }
}

/// Three cases whose outcome was communicated; the first two on the SOC
/// service with the same cause written two ways.
fn two_with_one_cause(d: &mut Desk) -> [CaseId; 3] {
    let ids = ids_in(&d.app, State::OutcomeCommunicated);
    assert!(ids.len() >= 3, "the demo has enough outcomes: {ids:?}");
    let ids = [ids[0], ids[1], ids[2]];
    set_cause(d, ids[0], SOC, CAUSE);
    set_cause(d, ids[1], SOC, "alert not escalated to the duty officer.");
    ids
}

#[test]
fn closing_the_third_case_with_one_cause_tells_once_and_the_second_not() {
    let mut d = Desk::demo();
    let [first, second, third] = two_with_one_cause(&mut d);
    close_elsewhere(&mut d, first);
    assert!(
        alert(&d).is_none(),
        "another operator's close tells this board nothing"
    );

    close_here(&mut d, second);
    assert!(
        alert(&d).is_none(),
        "the 2nd is not a pattern yet: {:?}",
        d.app.modal
    );

    set_cause(&mut d, third, SOC, "ALERT  not escalated to the duty officer");
    close_here(&mut d, third);
    let shown = alert(&d).expect("the 3rd in 30 days is told");
    assert_eq!(shown.id, third);
    assert_eq!(
        shown.text(d.app.lang),
        "3rd complaint about Security monitoring (SOC): ALERT  not escalated to the duty officer, in 30 days"
    );
    assert!(
        screen(&d.app)
            .iter()
            .any(|l| l.contains("3rd complaint about Security"))
    );

    d.press("esc");
    assert!(d.app.modal.is_none(), "dismissed: {:?}", d.app.modal);
    // Other work goes on without the alert coming back.
    d.press("right left");
    d.send(Msg::Tick(thursday_at(10, 5)));
    assert!(alert(&d).is_none());
}

#[test]
fn recording_the_cause_tells_and_closing_the_same_case_then_does_not_tell_again() {
    let mut d = Desk::demo();
    let [first, second, _] = two_with_one_cause(&mut d);
    close_elsewhere(&mut d, first);
    close_elsewhere(&mut d, second);
    // A case in treatment gets the same cause at its outcome step.
    let id = d.first_in(State::InTreatment);
    set_cause(&mut d, id, SOC, "");
    d.open_step(id, Step::CommunicateOutcome);
    assert_eq!(focused(&d.app), Field::RootCause);
    d.type_text("Alert not escalated to the duty officer");
    d.press("tab");
    d.type_text("Escalated by hand.");
    d.press("tab");
    d.type_text("We apologised.");
    d.press("ctrl-s");
    assert_eq!(
        d.stored(id).state,
        State::OutcomeCommunicated,
        "{:?}",
        d.app.modal
    );
    assert_eq!(alert(&d).map(|a| (a.id, a.nth)), Some((id, 3)));
    d.press("enter");
    assert!(d.app.modal.is_none());

    close_here(&mut d, id);
    assert!(alert(&d).is_none(), "told once: {:?}", d.app.modal);
}

#[test]
fn a_cause_spread_over_more_days_than_configured_is_not_told() {
    let mut d = Desk::demo();
    d.app.settings.patterns.days = 0;
    let [first, second, third] = two_with_one_cause(&mut d);
    close_elsewhere(&mut d, first);
    close_elsewhere(&mut d, second);
    set_cause(&mut d, third, SOC, CAUSE);
    // All three closed this morning, yet not within zero days of each other.
    d.send(Msg::Tick(thursday_at(10, 30)));
    close_here(&mut d, third);
    assert!(alert(&d).is_none(), "{:?}", d.app.modal);
}

/// The suggestions the focused pick offers now.
fn suggestions(d: &Desk) -> Vec<String> {
    let field = form(&d.app).form.focused().expect("a focused field");
    field.suggestions().into_iter().map(String::from).collect()
}

#[test]
fn the_root_cause_offers_the_services_earlier_causes_most_used_first() {
    let mut d = Desk::demo();
    let [_, _, third] = two_with_one_cause(&mut d);
    set_cause(&mut d, third, SOC, "Report sent to the wrong address");
    let id = d.first_in(State::InTreatment);
    set_cause(&mut d, id, SOC, "");
    d.open_step(id, Step::CommunicateOutcome);
    assert_eq!(focused(&d.app), Field::RootCause);
    let offered = suggestions(&d);
    let at = |cause: &str| offered.iter().position(|c| c == cause);
    assert!(
        at(CAUSE) < at("Report sent to the wrong address"),
        "twice before once: {offered:?}"
    );
    assert_eq!(
        offered
            .iter()
            .filter(|c| c.to_lowercase().starts_with("alert not escalated to the duty"))
            .count(),
        1,
        "one cause, one spelling: {offered:?}"
    );
    assert!(at("Report sent to the wrong address").is_some(), "{offered:?}");

    // Typing narrows them; ↓ and Tab take one as written before.
    d.type_text("wrong addr");
    assert_eq!(suggestions(&d), ["Report sent to the wrong address"]);
    d.press("down tab");
    assert_eq!(
        text_of(&d.app, Field::RootCause),
        "Report sent to the wrong address"
    );
}

#[test]
fn editing_the_root_cause_in_place_offers_the_same_completions_and_tells_the_third() {
    let mut d = Desk::demo();
    let [first, second, _] = two_with_one_cause(&mut d);
    close_elsewhere(&mut d, first);
    close_elsewhere(&mut d, second);
    let id = d.first_in(State::InTreatment);
    set_cause(&mut d, id, SOC, "");
    d.select(id);
    d.press("enter");
    let row = klachtdesk::app::pane::PANE_FIELDS
        .iter()
        .position(|f| *f == Field::RootCause)
        .expect("in the pane");
    for _ in 0..row {
        d.press("down");
    }
    d.press("enter");
    assert_eq!(focused(&d.app), Field::RootCause);
    d.type_text("alert not");
    assert_eq!(suggestions(&d), [CAUSE]);
    d.press("down ctrl-s");
    assert_eq!(d.stored(id).root_cause, CAUSE);
    assert_eq!(alert(&d).map(|a| (a.id, a.nth)), Some((id, 3)));
}

// ---------------------------------------------------------------- repeat complainants

fn card(d: &Desk, id: CaseId) -> &klachtdesk::app::board::Card {
    d.app
        .board
        .card(id)
        .unwrap_or_else(|| panic!("{id} is not on the board"))
}

/// Two open cases of different complainants, neither with another open case.
fn two_single_complainants(d: &Desk) -> (CaseId, CaseId) {
    let single: Vec<CaseId> = ids_in(&d.app, State::InTreatment)
        .into_iter()
        .filter(|id| card(d, *id).repeat == 0 && d.stored(*id).contact.phone.is_some())
        .collect();
    assert!(single.len() >= 2, "{single:?}");
    (single[0], single[1])
}

/// Gives case `id` the phone number of case `of`, at the desk.
fn same_phone(d: &mut Desk, id: CaseId, of: CaseId) {
    let phone = d.stored(of).contact.phone.expect("a phone number");
    let desk = desk_of(&d.store, &d.app);
    let case = (&desk as &dyn DeskCalls)
        .execute(
            id,
            None,
            vec![Command::Edit {
                edits: vec![Edit::Phone(phone.replace('-', " "))],
            }],
        )
        .expect("edited");
    d.send(Msg::Changed(case));
}

#[test]
fn a_complainant_with_another_open_case_is_flagged_on_both_cards_until_one_is_done() {
    let mut d = Desk::demo();
    d.send(Msg::Resize {
        width: 160,
        height: 48,
    });
    let (a, b) = two_single_complainants(&d);
    // Selected, so that the card is in view, wherever it is.
    let marked = |d: &mut Desk, id: CaseId| {
        if d.app.board.queue {
            d.app.board.select_case(id);
            d.app.scroll_into_view();
        } else {
            d.select(id);
        }
        screen(&d.app).iter().any(|l| l.contains(&format!("{id} 2×")))
    };
    assert!(!marked(&mut d, a) && !marked(&mut d, b));

    same_phone(&mut d, b, a);
    assert_eq!((card(&d, a).repeat, card(&d, b).repeat), (2, 2));
    assert!(marked(&mut d, a) && marked(&mut d, b), "{:#?}", screen(&d.app));
    d.press("tab");
    assert!(d.app.board.queue);
    assert!(
        marked(&mut d, a) && marked(&mut d, b),
        "in the queue view too: {:#?}",
        screen(&d.app)
    );
    d.press("tab");

    let desk = desk_of(&d.store, &d.app);
    let withdrawn = (&desk as &dyn DeskCalls)
        .execute(
            a,
            None,
            vec![Command::Withdraw {
                at: None,
                reason: "Solved by phone.".into(),
            }],
        )
        .expect("withdrawn");
    d.send(Msg::Changed(withdrawn));
    assert_eq!(card(&d, b).repeat, 0, "only open cases count");
    assert!(!marked(&mut d, b));
}

#[test]
fn the_help_explains_the_marker() {
    let mut d = Desk::demo();
    d.send(Msg::Resize {
        width: 160,
        height: 48,
    });
    d.press("?");
    for _ in 0..20 {
        d.press("pagedown");
    }
    let shown = screen(&d.app);
    assert!(
        shown.iter().any(|l| l.contains("Marks on the cards")),
        "{shown:#?}"
    );
    assert!(
        shown
            .iter()
            .any(|l| l.contains("2×") && l.contains("The complainant has this many open cases")),
        "{shown:#?}"
    );
}

// ---------------------------------------------------------------- how they look

#[test]
fn the_alert_and_a_marked_card_at_80x24_in_english_and_dutch() {
    for (lang, code) in [(Lang::En, "en"), (Lang::Nl, "nl")] {
        let mut d = Desk::demo();
        d.app = app_over(&d.store, "anna", lang);
        d.send(Msg::Resize {
            width: 80,
            height: 24,
        });
        let [first, second, third] = two_with_one_cause(&mut d);
        close_elsewhere(&mut d, first);
        close_elsewhere(&mut d, second);
        set_cause(&mut d, third, SOC, CAUSE);
        close_here(&mut d, third);
        let words = screen(&d.app)
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let told = match lang {
            Lang::En => "3rd complaint about Security monitoring (SOC): Alert not escalated",
            Lang::Nl => "3e klacht over SOC-monitoring: Alert not escalated",
        };
        assert!(words.contains(told), "{words}");
        insta::assert_snapshot!(format!("alert_{code}_80x24"), drawn(&d.app).backend());

        d.press("esc");
        let (a, b) = two_single_complainants(&d);
        same_phone(&mut d, b, a);
        d.select(b);
        assert!(screen(&d.app).iter().any(|l| l.contains(&format!("▌{b} 2×"))));
        insta::assert_snapshot!(format!("repeat_card_{code}_80x24"), drawn(&d.app).backend());
    }
}

//! Personal data off the screen: one key masks the complainants' names,
//! phone numbers and e-mail addresses on every screen of this operator's
//! board (cards, queue, case pane, search, the intake's duplicates, letters,
//! reports), the header says so, and nothing of the real data is changed.

mod support;

use klachtdesk::app::{Action, App, Modal, Msg};
use klachtdesk::domain::case::{Case, CaseId};
use klachtdesk::domain::workflow::State;
use klachtdesk::i18n::Lang;
use klachtdesk::keymap::{Context, Keymap};
use support::*;

/// Every complainant of the demo queue: their full name, phone and e-mail.
fn demo_contacts(d: &Desk) -> Vec<Case> {
    d.store.history().into_iter().map(|(case, _)| case).collect()
}

/// What of `case`'s real details is on `screen`: the phone number, the
/// e-mail address as stored, and the full name (of two words or more) unless
/// the screen shows free text, where a name may be written.
fn leaks(case: &Case, screen: &str, free_text: bool) -> Vec<String> {
    let c = &case.contact;
    let mut details: Vec<&str> = Vec::new();
    if !free_text && c.name.split_whitespace().count() > 1 {
        details.push(&c.name);
    }
    details.extend(c.phone.as_deref());
    details.extend(c.email.as_deref());
    details
        .into_iter()
        .filter(|d| screen.contains(d))
        .map(str::to_string)
        .collect()
}

/// Every main screen of the board, one after the other, as the operator
/// would walk through them; `visit` sees each screen's text.
/// `free_text` says whether the screen shows what was written about the case
/// (descriptions, the contact log, a letter), which is shown as written.
fn walk_every_screen(d: &mut Desk, visit: &mut dyn FnMut(&str, &str, bool)) {
    let mut see = |d: &Desk, what: &str, free_text: bool| visit(what, &screen(&d.app).join("\n"), free_text);
    see(d, "board", false);
    d.press("v");
    see(d, "compact cards", false);
    d.press("v tab");
    see(d, "queue", false);
    d.press("pagedown");
    see(d, "queue, further down", false);
    d.press("tab c");
    see(d, "closed cases shown", false);
    d.press("c");
    for (query, what) in [
        ("ramdin", "search by name"),
        ("3141", "search by phone"),
        ("zorgnetwest", "search by e-mail"),
        ("K-2026", "search by number"),
    ] {
        d.press("/");
        d.type_text(query);
        see(d, what, false);
        d.press("esc");
    }
    d.press("n");
    d.type_text("ramdin");
    assert!(
        matches!(&d.app.modal, Some(Modal::Form(f)) if !f.duplicates.is_empty()),
        "the intake finds the caller's open cases"
    );
    see(d, "intake with duplicates", false);
    d.press("esc y");
    d.press("r");
    see(d, "reports", false);
    d.press("esc R");
    see(d, "learnings", false);
    d.press("esc");
    let ids: Vec<CaseId> = d.store.history().into_iter().map(|(c, _)| c.id).collect();
    for id in ids {
        d.press("esc");
        d.app.open_case(id);
        d.send(Msg::Events(id, d.store.events(id).unwrap()));
        see(d, &format!("case {id}"), true);
        for page in 1..=4 {
            d.press("pagedown");
            see(d, &format!("case {id}, page {page}"), true);
        }
        d.press("w");
        if matches!(d.app.modal, Some(Modal::Letter(_))) {
            see(d, &format!("letter for {id}"), true);
            d.press("esc");
        }
    }
}

fn masked_desk(lang: Lang) -> Desk {
    let mut d = Desk::demo();
    d.app.lang = lang;
    d.send(Msg::Resize {
        width: 120,
        height: 35,
    });
    d.press("ctrl-g");
    assert!(d.app.masked);
    d
}

#[test]
fn no_phone_number_email_address_or_full_name_shows_on_any_masked_screen() {
    for lang in [Lang::En, Lang::Nl] {
        let mut d = masked_desk(lang);
        let cases = demo_contacts(&d);
        let mut screens = 0;
        walk_every_screen(&mut d, &mut |what, text, free_text| {
            screens += 1;
            for case in &cases {
                let leaked = leaks(case, text, free_text);
                assert!(
                    leaked.is_empty(),
                    "{what} shows {leaked:?} of {}:\n{text}",
                    case.id
                );
            }
        });
        assert!(screens > 100, "{screens} screens looked at");
    }
}

#[test]
fn unmasked_the_same_screens_show_the_real_details() {
    // The test above would pass on screens that never show contacts at all.
    let mut d = Desk::demo();
    d.send(Msg::Resize {
        width: 120,
        height: 35,
    });
    let cases = demo_contacts(&d);
    let mut shown = std::collections::BTreeSet::new();
    walk_every_screen(&mut d, &mut |_, text, free_text| {
        for case in &cases {
            shown.extend(leaks(case, text, free_text));
        }
    });
    let phones = cases.iter().filter(|c| c.contact.phone.is_some()).count();
    let emails = cases.iter().filter(|c| c.contact.email.is_some()).count();
    assert!(
        shown.iter().filter(|s| s.contains('@')).count() >= emails.min(10),
        "{shown:?}"
    );
    assert!(shown.len() >= phones.min(10) + emails.min(10), "{shown:?}");
}

#[test]
fn the_key_masks_and_shows_again_and_the_header_says_so() {
    let mut d = Desk::demo();
    d.send(Msg::Resize {
        width: 100,
        height: 30,
    });
    let text = |d: &Desk| screen(&d.app).join("\n");
    assert!(!text(&d).contains("MASKED"));
    assert!(text(&d).contains("Emma Visser"));
    d.press("ctrl-g");
    let masked = text(&d);
    assert!(screen(&d.app)[0].contains("MASKED"), "{masked}");
    assert!(masked.contains("E. V. · Stichting Zor"), "{masked}");
    assert!(!masked.contains("Emma Visser"));
    assert!(masked.contains("Personal data masked on this board (Ctrl+G shows it again)."));
    d.press("ctrl-g");
    let shown = text(&d);
    assert!(!shown.contains("MASKED"));
    assert!(shown.contains("Emma Visser · Sticht"), "{shown}");
    assert!(shown.contains("Personal data shown again (Ctrl+G masks it)."));

    d.app.lang = Lang::Nl;
    d.press("ctrl-g");
    assert!(screen(&d.app)[0].contains("AFGESCHERMD"));
}

#[test]
fn the_key_works_in_forms_search_and_letters_without_being_typed() {
    let mut d = Desk::demo();
    d.press("n");
    d.type_text("Jan");
    d.press("ctrl-g");
    assert!(d.app.masked, "in a form");
    let Some(Modal::Form(form)) = &d.app.modal else {
        panic!("the form stays open: {:?}", d.app.modal)
    };
    assert_eq!(
        form.form.text(klachtdesk::domain::problem::Field::Name),
        "Jan",
        "nothing typed"
    );
    d.press("esc y /");
    d.type_text("visser");
    d.press("ctrl-g");
    assert!(!d.app.masked, "in the search");
    let Some(Modal::Search(search)) = &d.app.modal else {
        panic!("the search stays open")
    };
    assert_eq!(search.input.lines().join(""), "visser");
    d.press("esc enter w");
    assert!(matches!(d.app.modal, Some(Modal::Letter(_))));
    d.press("ctrl-g");
    assert!(d.app.masked, "in a letter");
    assert!(matches!(d.app.modal, Some(Modal::Letter(_))));
}

#[test]
fn the_key_is_in_the_help_and_in_the_footer_where_there_is_room() {
    let keymap = Keymap::default();
    for context in [
        Context::Board,
        Context::Case,
        Context::Form,
        Context::Search,
        Context::Menu,
        Context::Report,
        Context::Letter,
        Context::Help,
    ] {
        assert_eq!(
            keymap
                .key_of(context, Action::ToggleMasking)
                .map(|k| k.to_string()),
            Some("Ctrl+G".to_string()),
            "{context:?}"
        );
    }
    let mut d = Desk::demo();
    d.send(Msg::Resize {
        width: 160,
        height: 48,
    });
    let footer = |app: &App| screen(app).last().cloned().unwrap();
    // Unmasked, the key comes after those used more, where room allows.
    d.press("n");
    assert!(footer(&d.app).contains("Ctrl+G mask"), "{}", footer(&d.app));
    d.press("esc");
    // Masked, it comes first, to find the way back at a glance.
    d.press("ctrl-g");
    assert!(footer(&d.app).starts_with(" Ctrl+G unmask"), "{}", footer(&d.app));
    d.send(Msg::Resize {
        width: 80,
        height: 24,
    });
    assert!(footer(&d.app).starts_with(" Ctrl+G unmask"), "{}", footer(&d.app));
    d.press("?");
    let help = screen(&d.app).join("\n");
    assert!(help.contains("Ctrl+G"), "{help}");
    assert!(
        help.contains("Mask names, phones and e-mails on screen, or show them"),
        "{help}"
    );
}

#[test]
fn search_finds_on_the_real_data_and_marks_the_masked_field() {
    let mut d = masked_desk(Lang::En);
    d.press("/");
    d.type_text("31415926");
    let Some(Modal::Search(search)) = &d.app.modal else {
        panic!("the search")
    };
    assert!(!search.hits.is_empty(), "found by the real phone number");
    let text = screen(&d.app).join("\n");
    assert!(text.contains("P. R. · Ramdin Webshop"), "{text}");
    assert!(text.contains("06-••••5926"), "{text}");
    assert!(!text.contains("06-31415926"), "{text}");
}

#[test]
fn a_letter_is_previewed_masked_but_copied_with_the_real_details() {
    let mut d = masked_desk(Lang::En);
    let emma = d
        .store
        .history()
        .into_iter()
        .map(|(c, _)| c)
        .find(|c| c.contact.name == "Emma Visser" && c.state == State::Received)
        .unwrap();
    d.app.open_case(emma.id);
    d.press("w");
    let text = screen(&d.app).join("\n");
    assert!(!text.contains("Emma Visser"), "{text}");
    assert!(text.contains("E. V."), "{text}");
    assert!(matches!(d.app.modal, Some(Modal::Letter(_))), "{:?}", d.app.modal);
    let effects = klachtdesk::app::update(&mut d.app, Msg::Key(key("c")));
    let copied = effects
        .iter()
        .find_map(|e| match e {
            klachtdesk::app::Effect::Copy(text) => Some(text.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("the letter copied: {effects:?} {:?}", d.app.modal));
    assert!(copied.contains("Emma Visser"), "{copied}");
}

#[test]
fn editing_a_masked_contact_field_shows_the_real_value_and_says_so() {
    let mut d = masked_desk(Lang::En);
    let emma = d
        .store
        .history()
        .into_iter()
        .map(|(c, _)| c)
        .find(|c| c.contact.name == "Emma Visser" && c.state.is_open())
        .unwrap();
    d.app.open_case(emma.id);
    let pane = screen(&d.app).join("\n");
    assert!(pane.contains("E. V.") && pane.contains("02-••••4321"), "{pane}");
    d.press("j enter");
    let form = screen(&d.app).join("\n");
    assert!(form.contains("020-7654321"), "the real value edited: {form}");
    assert!(
        form.contains("Masking is on: this form shows the real value you edit."),
        "{form}"
    );
}

//! The whole screen as an operator sees it, drawn on ratatui's TestBackend and
//! compared with reviewed snapshots (tests/snapshots/): the board, a case, the
//! intake with the caller's open cases, the help, the moves menu, the queue
//! and compact cards — at 80x24, 120x35 and 160x48, in English and Dutch, on the demo queue of Thursday 26 November
//! 2026 at 10:00. Also: no size makes drawing panic, and below the minimum the
//! screen asks for a larger terminal.
//!
//! After a deliberate change of the screens: `INSTA_UPDATE=always cargo test
//! --test ui_snapshots`, then read every changed `.snap` before committing it.

mod support;

use klachtdesk::app::pane::PANE_FIELDS;
use klachtdesk::app::{App, Modal, Msg};
use klachtdesk::domain::problem::Field;
use klachtdesk::i18n::Lang;
use klachtdesk::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use support::*;

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 35), (160, 48)];
const LANGS: [(Lang, &str); 2] = [(Lang::En, "en"), (Lang::Nl, "nl")];

/// The demo desk in `lang`, on a screen of `width` × `height`.
fn desk(lang: Lang, width: u16, height: u16) -> Desk {
    let mut d = Desk::demo();
    d.app = app_over(&d.store, "anna", lang);
    d.send(Msg::Resize { width, height });
    d
}

/// The screen as drawn for `app` now.
fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal
        .draw(|frame| ui::draw(app, &Theme::new(false), frame))
        .unwrap();
    terminal
}

/// The screen's text, one string per row.
fn rows(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

/// The screen's text as one line of words, for sentences that wrap.
fn words(terminal: &Terminal<TestBackend>) -> String {
    rows(terminal)
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Snapshots a scene in both languages at both sizes; `setup` brings the desk
/// to the scene with keys, `check` asserts what must be there whatever the
/// snapshot says.
fn scene(name: &str, setup: impl Fn(&mut Desk), check: impl Fn(Lang, &[String])) {
    scene_at(&SIZES, name, setup, check);
}

/// As [`scene`], at the `sizes` given only.
fn scene_at(sizes: &[(u16, u16)], name: &str, setup: impl Fn(&mut Desk), check: impl Fn(Lang, &[String])) {
    for (lang, code) in LANGS {
        for &(width, height) in sizes {
            let mut d = desk(lang, width, height);
            setup(&mut d);
            let terminal = draw(&d.app);
            check(lang, &rows(&terminal));
            insta::assert_snapshot!(format!("{name}_{code}_{width}x{height}"), terminal.backend());
        }
    }
}

fn has(rows: &[String], text: &str) -> bool {
    rows.iter().any(|r| r.contains(text))
}

#[test]
fn the_board() {
    scene(
        "board",
        |_| {},
        |lang, rows| {
            assert!(rows[0].contains("26"), "the date in the header: {}", rows[0]);
            assert!(rows[0].contains("10:00:00"), "the clock: {}", rows[0]);
            let received = match lang {
                Lang::En => "Received 10 !3",
                Lang::Nl => "Ontvangen 10 !3",
            };
            assert!(has(rows, received));
            assert!(has(rows, "K-2026-0041"), "the most urgent card first");
            assert!(has(rows, "▌K-2026-0006"), "the most urgent case is selected");
        },
    );
}

#[test]
fn the_queue() {
    scene(
        "queue",
        |d| d.press("tab"),
        |lang, rows| {
            let title = match lang {
                Lang::En => "Queue: 46 open cases, most urgent first",
                Lang::Nl => "Wachtrij: 46 open klachten, meest urgente eerst",
            };
            assert!(has(rows, title), "{rows:#?}");
            let first = rows.iter().position(|r| r.contains("K-2026-0006")).unwrap();
            let second = rows.iter().position(|r| r.contains("K-2026-0041")).unwrap();
            assert!(first < second, "most late first");
        },
    );
}

#[test]
fn compact_cards() {
    scene(
        "compact",
        |d| d.press("v"),
        |_, rows| {
            let cards: usize = rows.iter().map(|r| r.matches("K-2026-").count()).sum();
            assert!(cards >= 30, "{cards} cards: {rows:#?}");
        },
    );
}

#[test]
fn a_case_in_the_pane() {
    scene(
        "case",
        |d| d.press("enter"),
        |_, rows| {
            // The most urgent case, selected on start.
            assert!(has(rows, "K-2026-0006"));
            assert!(has(rows, "Emma Visser"));
        },
    );
}

/// Personal data masked (Ctrl+G): the header says so, the cards show
/// initials and organisations.
#[test]
fn the_board_masked() {
    scene_at(
        &[(80, 24)],
        "board_masked",
        |d| d.press("ctrl-g"),
        |lang, rows| {
            let said = match lang {
                Lang::En => "MASKED",
                Lang::Nl => "AFGESCHERMD",
            };
            assert!(rows[0].contains(said), "{}", rows[0]);
            assert!(has(rows, "E. V. · Sticht"), "{rows:#?}");
            assert!(!has(rows, "Emma Visser"));
        },
    );
}

/// The case pane masked: the contact's name, phone and e-mail in part, the
/// organisation and the description as they are.
#[test]
fn a_case_in_the_pane_masked() {
    scene_at(
        &[(80, 24)],
        "case_masked",
        |d| d.press("ctrl-g enter"),
        |_, rows| {
            assert!(has(rows, "K-2026-0006"));
            assert!(has(rows, "E. V."), "{rows:#?}");
            assert!(has(rows, "02-••••4321"), "{rows:#?}");
            assert!(has(rows, "e•••@zorgnetwest.nl"), "{rows:#?}");
            assert!(has(rows, "Stichting Zorgnet West"), "{rows:#?}");
            assert!(!has(rows, "Emma Visser") && !has(rows, "020-7654321"));
        },
    );
}

#[test]
fn the_intake_with_the_callers_open_cases() {
    scene(
        "intake_duplicates",
        |d| {
            d.press("n");
            d.type_text("Priya R");
            d.press("tab");
            d.type_text("+31 6 3141 5926");
            assert!(!form(&d.app).duplicates.is_empty());
        },
        |_, rows| {
            assert!(has(rows, "+31 6 3141 5926"));
            assert!(has(rows, "Ctrl+O"));
            assert!(has(rows, "K-2026-0041"), "the caller's case is named");
        },
    );
}

#[test]
fn the_help_overlay() {
    scene(
        "help",
        |d| d.press("?"),
        |lang, rows| {
            let new = match lang {
                Lang::En => "Register a new complaint",
                Lang::Nl => "Nieuwe klacht registreren",
            };
            assert!(has(rows, new), "the keys are explained in words");
        },
    );
}

#[test]
fn the_moves_menu() {
    scene(
        "moves_menu",
        |d| d.press("m"),
        |lang, rows| {
            let ack = match lang {
                Lang::En => "Acknowledge",
                Lang::Nl => "ontvangst",
            };
            assert!(has(rows, " 1 "), "numbered");
            assert!(
                rows.iter()
                    .any(|r| r.to_lowercase().contains(&ack.to_lowercase()))
            );
        },
    );
}

#[test]
fn the_service_list_scrolled_to_its_end() {
    scene(
        "service_list",
        |d| d.press("n tab tab tab tab down down down down down down"),
        |lang, rows| {
            let other = match lang {
                Lang::En => "Other",
                Lang::Nl => "Overig",
            };
            assert!(has(rows, other), "the highlighted service is shown");
            assert!(has(rows, "↑ 2 · ↓ 0"), "with what is left out above");
        },
    );
}

#[test]
fn a_step_form_with_its_hints_and_required_fields() {
    scene(
        "ack_form",
        // The Received column's most urgent case.
        |d| d.press("h h m 1 tab"),
        |lang, rows| {
            let (hint, via) = match lang {
                Lang::En => ("[now · or today 9:30", "Acknowledged via *"),
                Lang::Nl => ("[nu · of vandaag 9:30", "Bevestigd via *"),
            };
            assert!(has(rows, hint) && has(rows, via));
        },
    );
}

#[test]
fn the_discard_question() {
    scene(
        "discard_question",
        |d| {
            d.press("n");
            d.type_text("Half a name");
            d.press("esc");
        },
        |lang, rows| {
            let keys = match lang {
                Lang::En => "y yes · n no",
                Lang::Nl => "j ja · n nee",
            };
            assert!(has(rows, keys));
        },
    );
}

#[test]
fn marking_a_letter_sent_asks_first() {
    scene(
        "letter_confirm",
        |d| d.press("h h enter w x"),
        |lang, rows| {
            let question = match lang {
                Lang::En => "Acknowledge K-2026-0041 now, via e-mail?",
                Lang::Nl => "Ontvangst van K-2026-0041 nu bevestigen, via e-mail?",
            };
            assert!(has(rows, question));
        },
    );
}

/// The reports screen: every key figure on screen has its label and its
/// value whole, at every size, in both languages.
#[test]
fn the_reports_screen() {
    use klachtdesk::app::reports::rows::Kind;
    for (lang, code) in LANGS {
        for (width, height) in SIZES {
            let mut d = desk(lang, width, height);
            d.press("r");
            let terminal = draw(&d.app);
            let shown = rows(&terminal);
            let Some(Modal::Report(view)) = &d.app.modal else {
                panic!("the reports screen: {:?}", d.app.modal);
            };
            // Inside the box, only a line about one case (or a note under
            // the figures) may be cut.
            let notes: Vec<String> = view
                .rows
                .iter()
                .filter(|r| r.kind == Kind::Note)
                .map(|r| r.label.chars().take(12).collect())
                .collect();
            for line in &shown {
                let inside: String = match (line.find('│'), line.rfind('│')) {
                    (Some(from), Some(to)) if to > from => line[from..to].to_string(),
                    _ => continue,
                };
                assert!(
                    !inside.contains('…')
                        || inside.contains("K-20")
                        || notes.iter().any(|n| inside.contains(n)),
                    "{code} {width}x{height}: a key figure is cut: {inside}\n{}",
                    shown.join("\n")
                );
            }
            let figures = view
                .rows
                .iter()
                .filter(|r| r.kind == Kind::Item && r.case.is_none() && !r.value.is_empty())
                .filter(|r| shown.iter().any(|l| l.contains(&format!("{} ", r.label))));
            assert!(
                figures.count() >= 5,
                "{code} {width}x{height}:\n{}",
                shown.join("\n")
            );
            insta::assert_snapshot!(
                format!("reports_screen_{code}_{width}x{height}"),
                terminal.backend()
            );
        }
    }
}

// ---------------------------------------------------------------- any size

/// Keys that bring a fresh desk to one screen.
type Setup = fn(&mut Desk);

/// Every kind of screen an operator can be looking at.
fn every_modal() -> [(&'static str, Setup); 12] {
    [
        ("board", |_: &mut Desk| {}),
        ("closed columns", |d: &mut Desk| d.press("c G")),
        ("case", |d: &mut Desk| d.press("enter j j j j j j j j")),
        ("help", |d: &mut Desk| d.press("? pagedown")),
        ("search", |d: &mut Desk| {
            d.press("/");
            d.type_text("ramdin");
        }),
        ("filter", |d: &mut Desk| d.press("f down down down enter")),
        ("menu", |d: &mut Desk| d.press("m")),
        ("intake", |d: &mut Desk| {
            d.press("n tab");
            d.type_text("06-31415926");
            d.press("ctrl-s");
        }),
        ("discard?", |d: &mut Desk| {
            d.press("n");
            d.type_text("x");
            d.press("esc");
        }),
        ("step", |d: &mut Desk| d.press("m 1")),
        ("edit", |d: &mut Desk| d.press("enter j j j j j j j enter")),
        ("registered", |d: &mut Desk| {
            d.press("n");
            d.type_text("Wim de Wit");
            d.press("tab");
            d.type_text("0622223333");
            d.press("tab tab tab");
            d.type_text("Other");
            d.press("tab tab tab");
            d.type_text("Rude on the phone.");
            d.press("ctrl-s");
            assert!(matches!(d.app.modal, Some(Modal::Registered(_))));
        }),
    ]
}

#[test]
fn no_size_makes_any_screen_panic() {
    let sizes = [(1, 1), (20, 5), (59, 15), (60, 16), (80, 24), (200, 60)];
    for (what, setup) in every_modal() {
        let mut d = desk(Lang::En, 100, 30);
        setup(&mut d);
        for (width, height) in sizes {
            d.send(Msg::Resize { width, height });
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| draw(&d.app)));
            assert!(result.is_ok(), "{what} at {width}x{height} panicked");
        }
        // And the keys still work after all that resizing.
        d.press("esc esc esc");
    }
}

#[test]
fn below_the_minimum_the_screen_asks_for_a_larger_terminal() {
    for (width, height) in [(59, 16), (60, 15), (59, 15), (20, 5)] {
        let d = desk(Lang::En, width, height);
        let text = words(&draw(&d.app));
        assert!(
            text.contains("Enlarge the terminal to at least 60x16"),
            "{width}x{height}: {text}"
        );
    }
    let d = desk(Lang::Nl, 40, 10);
    assert!(words(&draw(&d.app)).contains("Maak de terminal minstens 60x16"));
    // From the minimum on, the board itself.
    let d = desk(Lang::En, 60, 16);
    let text = words(&draw(&d.app));
    assert!(!text.contains("Enlarge"), "{text}");
    assert!(text.contains("In treatment"), "{text}");
    assert!(
        text.contains("◂1 !3"),
        "the column off-screen and its breaches: {text}"
    );
}

#[test]
fn a_form_open_when_the_terminal_shrinks_comes_back_unharmed() {
    let mut d = desk(Lang::En, 100, 30);
    d.press("n");
    d.type_text("Jan");
    d.send(Msg::Resize { width: 30, height: 8 });
    assert!(words(&draw(&d.app)).contains("Enlarge"));
    d.send(Msg::Resize {
        width: 100,
        height: 30,
    });
    assert_eq!(text_of(&d.app, klachtdesk::domain::problem::Field::Name), "Jan");
    assert!(rows(&draw(&d.app)).iter().any(|r| r.contains("Jan")));
}

// ---------------------------------------------------------------- found wanting

#[test]
fn the_header_keeps_the_totals_at_80_columns() {
    let d = desk(Lang::Nl, 80, 24);
    let header = rows(&draw(&d.app))[0].clone();
    assert!(header.contains("open 46"), "{header}");
    assert!(header.contains("6 overschreden"), "{header}");
    let mut d = desk(Lang::En, 80, 24);
    d.press("b t");
    let header = rows(&draw(&d.app))[0].clone();
    assert!(header.contains("breached · due today"), "the filter: {header}");
    assert!(header.contains("open 46"), "the totals: {header}");
}

#[test]
fn the_help_shows_each_description_whole() {
    let mut d = desk(Lang::Nl, 160, 48);
    d.press("?");
    // Every page of the help, scrolled a line at a time.
    let mut screen = rows(&draw(&d.app));
    for _ in 0..d.app.help_max_scroll() {
        d.press("down");
        screen.extend(rows(&draw(&d.app)));
    }
    for whole in [
        "Afgesloten en niet-ontvankelijke klachten tonen of verbergen",
        "In plaats daarvan de bestaande klacht van de beller openen",
        "Mij behandelaar van de klacht maken",
    ] {
        assert!(has(&screen, whole), "{whole:?} cut:\n{}", screen.join("\n"));
    }
}

#[test]
fn the_ctrl_o_hint_names_the_whole_case_number_on_a_wide_screen() {
    let mut d = desk(Lang::En, 160, 48);
    d.press("n tab");
    d.type_text("+31 6 3141 5926");
    let target = form(&d.app).duplicates[0].to_string();
    let screen = rows(&draw(&d.app));
    let hint = screen
        .iter()
        .find(|r| r.contains("Ctrl+O:"))
        .expect("the Ctrl+O hint");
    assert!(hint.contains(&target), "{hint}");
}

#[test]
fn after_paging_the_help_past_its_end_up_scrolls_back_at_once() {
    let mut d = desk(Lang::En, 80, 24);
    d.press("?");
    for _ in 0..10 {
        d.press("pagedown");
    }
    let bottom = rows(&draw(&d.app));
    d.press("k");
    assert_ne!(rows(&draw(&d.app)), bottom, "k scrolls the help up");
}

#[test]
fn the_case_pane_does_not_scroll_into_emptiness() {
    let mut d = desk(Lang::En, 80, 24);
    d.press("enter");
    for _ in 0..12 {
        d.press("pagedown");
    }
    let screen = rows(&draw(&d.app));
    // The pane's inner rows (between its borders), filled with text.
    let filled = screen[2..21]
        .iter()
        .filter(|r| !r.trim_matches(|c| c == '│' || c == ' ').is_empty())
        .count();
    assert!(filled >= 10, "{} of 19 rows used:\n{}", filled, screen.join("\n"));
    d.press("pageup");
    assert_ne!(rows(&draw(&d.app)), screen, "PgUp scrolls back at once");
}

#[test]
fn moving_the_field_selection_brings_it_back_into_view() {
    let mut d = desk(Lang::En, 80, 24);
    d.press("enter pagedown pagedown pagedown");
    // Paged down into the timeline, then back up to the second field.
    d.press("pageup pageup pageup down");
    let screen = rows(&draw(&d.app));
    assert!(has(&screen, "▌Phone"), "{}", screen.join("\n"));
}

/// `d` on a case in treatment: its outcome clock explained day by day.
fn deadline_overlay(lang: Lang) -> Desk {
    let mut d = desk(lang, 80, 24);
    let id = d.first_in(klachtdesk::domain::workflow::State::InTreatment);
    d.select(id);
    d.press("d");
    assert!(
        matches!(d.app.modal, Some(Modal::Deadline(_))),
        "d opens the deadline"
    );
    d
}

#[test]
fn the_deadline_explained_over_the_board() {
    for (lang, code) in LANGS {
        let mut d = deadline_overlay(lang);
        let terminal = draw(&d.app);
        let shown = rows(&terminal);
        let (clock, skipped) = match lang {
            Lang::En => ("Clock: outcome, 10 working days", "skipped: Saturday"),
            Lang::Nl => ("Klok: uitkomst, 10 werkdagen", "overgeslagen: zaterdag"),
        };
        assert!(has(&shown, clock), "{shown:#?}");
        assert!(has(&shown, skipped), "{shown:#?}");
        insta::assert_snapshot!(format!("deadline_{code}_80x24"), terminal.backend());

        // Too long for 24 rows: paging down brings the result into view.
        let due = match lang {
            Lang::En => "Due: ",
            Lang::Nl => "Uiterlijk: ",
        };
        d.press("pagedown");
        let shown = rows(&draw(&d.app));
        assert!(shown.iter().any(|r| r.contains(&format!("│{due}"))), "{shown:#?}");
        d.press("esc");
        assert!(d.app.modal.is_none(), "Esc closes it");
    }
}

#[test]
fn the_deadline_key_is_in_the_help_and_in_the_case_pane() {
    let mut d = desk(Lang::En, 160, 48);
    d.press("?");
    assert!(has(&rows(&draw(&d.app)), "Why is this due then?"));
    d.press("esc enter d");
    assert!(
        matches!(d.app.modal, Some(Modal::Deadline(_))),
        "d works in the case pane too"
    );
}

/// The intake scrolled to what the complainant wants, the words being typed.
#[test]
fn the_intake_with_the_remedy_sought() {
    scene_at(
        &[(80, 24)],
        "intake_remedy",
        |d| {
            d.press("n");
            d.type_text("Jan de Vries");
            d.press("tab");
            d.type_text("06-12345678");
            d.press("tab tab tab");
            d.type_text("Consultancy");
            d.press("tab tab tab");
            d.type_text("Nobody called back.");
            d.press("tab");
            // Typed in the operator's language, completed on leaving the field.
            d.type_text(if d.app.lang == Lang::Nl { "telef" } else { "a ca" });
            d.press("tab");
            d.type_text("before Friday noon");
        },
        |lang, rows| {
            let (remedy, words, call) = match lang {
                Lang::En => ("Remedy sought", "In their words", "A call"),
                Lang::Nl => ("Gewenste oplossing", "In eigen woorden", "Telefoontje"),
            };
            assert!(
                has(rows, remedy) && has(rows, words) && has(rows, call),
                "{rows:#?}"
            );
            assert!(has(rows, "before Friday noon"), "the focused field in view");
        },
    );
}

/// A case whose complainant said what they want, its row selected.
#[test]
fn a_case_with_the_remedy_sought_in_the_pane() {
    scene_at(
        &[(80, 24)],
        "case_remedy",
        |d| {
            d.press("enter");
            let row = PANE_FIELDS.iter().position(|f| *f == Field::Remedy).unwrap();
            for _ in 0..row {
                d.press("down");
            }
            d.press("enter");
            d.type_text("refund");
            d.press("tab");
            d.type_text("the fee for October");
            d.press("ctrl-s");
        },
        |lang, rows| {
            let shown = match lang {
                Lang::En => "Refund — the fee for October",
                Lang::Nl => "Terugbetaling — the fee for October",
            };
            assert!(has(rows, shown), "{rows:#?}");
        },
    );
}

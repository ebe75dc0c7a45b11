//! Finding a case and filtering the board, driven like an operator drives them:
//! keys into `update`, then what the app holds and what the screen shows.

use chrono::{DateTime, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use klachtdesk::app::cases::Cases;
use klachtdesk::app::filter_menu::Level;
use klachtdesk::app::search::{Rank, find};
use klachtdesk::app::{App, Effect, Modal, Msg, update};
use klachtdesk::domain::case::{AckVia, Case, CaseId, Channel, Satisfaction};
use klachtdesk::domain::deadlines::CaseClocks;
use klachtdesk::domain::intake::Intake;
use klachtdesk::domain::workflow::{Command, Ctx, Rules, apply, register};
use klachtdesk::i18n::Lang;
use klachtdesk::keymap::Keymap;
use klachtdesk::ui::{self, Theme};

// ---------------------------------------------------------------------------
// A small queue: open and closed, breached and fresh, with a phone number, a
// case number mentioned in another case's description, and a handler.

#[path = "support/ams.rs"]
mod ams;
use ams::ams;

/// Thursday 26 November 2026, 10:00: the moment every test looks at the queue.
fn now() -> DateTime<Utc> {
    ams("2026-11-26 10:00")
}

fn ctx<'a>(rules: &'a Rules, at: &str) -> Ctx<'a> {
    Ctx {
        now: ams(at),
        actor: "anna",
        rules,
    }
}

struct Who {
    name: &'static str,
    phone: &'static str,
    email: &'static str,
    organisation: &'static str,
}

fn registered(seq: u32, who: Who, service: &str, channel: Channel, description: &str, at: &str) -> Case {
    let intake = Intake {
        name: who.name.into(),
        phone: who.phone.into(),
        email: who.email.into(),
        organisation: who.organisation.into(),
        service: service.into(),
        channel,
        description: description.into(),
        ..Intake::default()
    };
    let rules = Rules::default();
    register(CaseId::new(2026, seq), &intake, &ctx(&rules, at))
        .expect("registers")
        .0
}

fn walk(mut case: Case, steps: Vec<(Command, &str)>) -> Case {
    let rules = Rules::default();
    for (command, at) in steps {
        case = apply(&case, &command, &ctx(&rules, at)).expect("allowed").0;
    }
    case
}

fn ack(at: &str) -> (Command, &str) {
    (
        Command::Acknowledge {
            at: ams(at),
            via: AckVia::Email,
        },
        at,
    )
}

fn treat<'a>(handler: &str, at: &'a str) -> (Command, &'a str) {
    (
        Command::TakeIntoTreatment {
            at: None,
            handler: handler.into(),
        },
        at,
    )
}

fn queue() -> Vec<Case> {
    let jan = registered(
        1,
        Who {
            name: "Jan de Vries",
            phone: "06-12345678",
            email: "jan@example.nl",
            organisation: "Bakkerij De Vries",
        },
        "Security monitoring (SOC)",
        Channel::Phone,
        "The SOC missed an alert for two days.",
        "2026-10-01 09:00",
    );
    let closed = walk(
        jan,
        vec![
            ack("2026-10-01 10:00"),
            treat("Piet Pieters", "2026-10-02 10:00"),
            (
                Command::CommunicateOutcome {
                    at: None,
                    root_cause: "A rule was off.".into(),
                    solution: "Rule back on.".into(),
                    outcome: "Apologised.".into(),
                },
                "2026-10-05 10:00",
            ),
            (
                Command::Close {
                    at: None,
                    learnings: "Check the rules.".into(),
                    satisfaction: Some(Satisfaction::Satisfied),
                },
                "2026-10-06 10:00",
            ),
        ],
    );
    let marieke = registered(
        2,
        Who {
            name: "Marieke Jansen",
            phone: "020-7654321",
            email: "m.jansen@zaandam.nl",
            organisation: "Gemeente Zaandam",
        },
        "Incident response",
        Channel::Email,
        "Nobody came when the printer server was hacked.",
        "2026-11-02 09:00",
    );
    let bakker = registered(
        3,
        Who {
            name: "Jan Bakker",
            phone: "0612999999",
            email: "",
            organisation: "",
        },
        "Consultancy",
        Channel::Phone,
        "Follow-up of K-2026-0042: the advice was late.",
        "2026-11-26 09:00",
    );
    let sanne = registered(
        4,
        Who {
            name: "Sanne de Jong",
            phone: "",
            email: "sanne@dejong.nl",
            organisation: "Jong & Co",
        },
        "Other",
        Channel::ContactPerson,
        "The invoice was wrong.",
        "2026-11-24 09:00",
    );
    let sanne = walk(
        sanne,
        vec![ack("2026-11-24 10:00"), treat("Piet Pieters", "2026-11-24 11:00")],
    );
    let kees = registered(
        42,
        Who {
            name: "Kees van Dijk",
            phone: "+31 6 5555 0000",
            email: "kees@vandijk.nl",
            organisation: "Van Dijk Transport",
        },
        "Incident response",
        Channel::Phone,
        "Ransomware on a Sunday, nobody answered.",
        "2026-11-25 09:00",
    );
    vec![closed, marieke, bakker, sanne, kees]
}

fn app() -> App {
    App::new(
        Lang::En,
        "anna".into(),
        Rules::default(),
        Keymap::default(),
        now(),
        klachtdesk::app::Queue::new(Cases::new(queue())),
        (100, 30),
    )
}

fn id(seq: u32) -> CaseId {
    CaseId::new(2026, seq)
}

// ---------------------------------------------------------------------------
// Driving the app.

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::from(code)))
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// Opens the search and types `query`.
fn search(app: &mut App, query: &str) {
    key(app, KeyCode::Char('/'));
    type_text(app, query);
}

/// The case numbers the open search lists, best first.
fn results(app: &App) -> Vec<CaseId> {
    match &app.modal {
        Some(Modal::Search(s)) => s.hits.iter().map(|h| h.id).collect(),
        other => panic!("the search is not open: {other:?}"),
    }
}

fn board_ids(app: &App) -> Vec<CaseId> {
    app.board
        .columns
        .iter()
        .flat_map(|c| c.cards.iter().map(|card| card.id))
        .collect()
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| ui::draw(app, &Theme::new(false), f)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

// ---------------------------------------------------------------------------
// Search.

#[test]
fn slash_opens_an_empty_search_that_lists_nothing() {
    let mut app = app();
    key(&mut app, KeyCode::Char('/'));
    assert!(results(&app).is_empty());
    let text = screen(&app, 100, 30);
    assert!(text.contains("Type a name, phone number"), "{text}");
}

#[test]
fn a_name_finds_name_prefixes_first_open_before_closed() {
    let mut app = app();
    search(&mut app, "jan");
    // Jan Bakker (open) and Jan de Vries (closed) start with it; Marieke Jansen contains it.
    assert_eq!(results(&app), [id(3), id(1), id(2)]);
}

#[test]
fn every_word_must_match_whatever_its_case() {
    let mut app = app();
    search(&mut app, "JAN printer");
    assert_eq!(results(&app), [id(2)]);
    let mut app = self::app();
    search(&mut app, "jan de VRIES");
    assert_eq!(results(&app), [id(1)]);
}

#[test]
fn a_phone_number_is_found_however_it_is_written() {
    for query in ["+31 6 1234", "06-1234", "0612345", "+31612345678"] {
        let mut app = app();
        search(&mut app, query);
        assert_eq!(results(&app), [id(1)], "{query}");
    }
}

#[test]
fn the_case_number_finds_that_case_first() {
    for query in ["K-2026-0042", "k-2026-42", "2026-42", "0042", "42"] {
        let mut app = app();
        search(&mut app, query);
        let found = results(&app);
        assert_eq!(found.first(), Some(&id(42)), "{query}: {found:?}");
    }
    // The case that mentions the number in its description comes after it.
    let mut app = app();
    search(&mut app, "K-2026-0042");
    assert_eq!(results(&app), [id(42), id(3)]);
}

#[test]
fn organisation_email_and_description_rank_in_that_order() {
    let cases = Cases::new(queue());
    let rank_of = |query: &str, seq: u32| {
        find(&cases, query)
            .0
            .iter()
            .find(|h| h.id == id(seq))
            .map(|h| h.rank)
    };
    assert_eq!(rank_of("zaandam", 2), Some(Rank::Organisation));
    assert_eq!(rank_of("dejong.nl", 4), Some(Rank::Email));
    assert_eq!(rank_of("ransomware", 42), Some(Rank::Description));
    assert_eq!(rank_of("+31 6 5555", 42), Some(Rank::Phone));
}

#[test]
fn each_word_ranks_by_the_best_field_it_is_in() {
    let case = registered(
        61,
        Who {
            name: "Jan Zestig",
            phone: "06-12610000",
            email: "jan61@x.nl",
            organisation: "Bakkerij Zestig",
        },
        "Other",
        Channel::Email,
        "Sixty-one reasons.",
        "2026-11-25 09:00",
    );
    let cases = Cases::new(vec![case]);
    let rank_of = |query: &str| find(&cases, query).0.first().map(|h| h.rank);
    assert_eq!(rank_of("jan"), Some(Rank::NamePrefix));
    assert_eq!(rank_of("ZESTIG"), Some(Rank::Name));
    assert_eq!(rank_of("61"), Some(Rank::Number));
    assert_eq!(rank_of("k-2026-006"), Some(Rank::NumberPart));
    assert_eq!(rank_of("bakkerij"), Some(Rank::Organisation));
    assert_eq!(rank_of("x.nl"), Some(Rank::Email));
    assert_eq!(rank_of("1261"), Some(Rank::Phone));
    assert_eq!(rank_of("sixty"), Some(Rank::Description));
    assert_eq!(rank_of("sixty bakkerij"), Some(Rank::Organisation));
    assert_eq!(rank_of("sixty nobody"), None);
    // Every number holds a `k`: it counts only where else it is.
    assert_eq!(rank_of("k"), Some(Rank::Organisation));
    assert_eq!(rank_of("-"), Some(Rank::Phone));
}

#[test]
fn at_most_two_hundred_results_the_best_first() {
    let [closed, open, ..] = <[Case; 5]>::try_from(queue()).unwrap();
    let mut cases = Vec::new();
    for seq in 1001..=1300 {
        // 150 names that start with "piet", then 150 that contain it, every other one closed.
        let mut case = if seq > 1150 && seq % 2 == 1 {
            closed.clone()
        } else {
            open.clone()
        };
        case.id = id(seq);
        case.contact.name = if seq <= 1150 {
            format!("Piet {seq}")
        } else {
            format!("Jan Piet {seq}")
        };
        cases.push(case);
    }
    let (hits, total) = find(&Cases::new(cases), "piet");
    assert_eq!((hits.len(), total), (200, 300));
    let prefix: Vec<CaseId> = (1001..=1150).rev().map(id).collect();
    let open_rest: Vec<CaseId> = (1151..=1300)
        .rev()
        .filter(|s| s % 2 == 0)
        .take(50)
        .map(id)
        .collect();
    let ids: Vec<CaseId> = hits.iter().map(|h| h.id).collect();
    assert_eq!(ids[..150], prefix[..]);
    assert_eq!(ids[150..], open_rest[..]);
    assert!(hits[150..].iter().all(|h| h.rank == Rank::Name));
}

#[test]
fn closed_cases_are_found_too() {
    let mut app = app();
    search(&mut app, "vries");
    assert_eq!(results(&app), [id(1)]);
}

#[test]
fn enter_opens_the_selected_case_and_closes_the_search() {
    let mut app = app();
    search(&mut app, "jan");
    key(&mut app, KeyCode::Down);
    let effects = key(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none());
    assert_eq!(app.pane.as_ref().map(|p| p.id), Some(id(1)));
    assert_eq!(effects, [Effect::LoadEvents(id(1))]);
}

#[test]
fn backspace_and_paste_edit_the_query() {
    let mut app = app();
    search(&mut app, "jann");
    assert!(results(&app).is_empty());
    key(&mut app, KeyCode::Backspace);
    assert_eq!(results(&app).len(), 3);
    // A pasted number with a line break in it is still one number.
    let mut app = self::app();
    key(&mut app, KeyCode::Char('/'));
    update(&mut app, Msg::Paste("06\n1234".into()));
    assert_eq!(results(&app), [id(1)]);
}

#[test]
fn esc_closes_the_search_and_leaves_the_board_as_it_was() {
    let mut app = app();
    search(&mut app, "jan");
    key(&mut app, KeyCode::Esc);
    assert!(app.modal.is_none());
    assert!(app.pane.is_none());
}

#[test]
fn the_search_works_from_an_open_case_too() {
    let mut app = app();
    app.open_case(id(2));
    search(&mut app, "kees");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.pane.as_ref().map(|p| p.id), Some(id(42)));
}

#[test]
fn the_overlay_shows_the_query_results_and_count() {
    for (w, h) in [(80, 24), (100, 30), (120, 40), (200, 60)] {
        let mut app = app();
        update(&mut app, Msg::Resize { width: w, height: h });
        search(&mut app, "jan");
        let text = screen(&app, w, h);
        assert!(text.contains("/ jan"), "{w}x{h}\n{text}");
        assert!(text.contains("K-2026-0003"), "{w}x{h}\n{text}");
        assert!(text.contains("Jan Bakker"), "{w}x{h}\n{text}");
        assert!(text.contains("3 results"), "{w}x{h}\n{text}");
    }
    let mut app = app();
    search(&mut app, "nobody-at-all");
    assert!(screen(&app, 100, 30).contains("No case matches."));
}

#[test]
fn the_overlays_speak_dutch() {
    let mut app = app();
    app.lang = Lang::Nl;
    search(&mut app, "jan");
    let text = screen(&app, 100, 30);
    assert!(text.contains("Alle klachten doorzoeken"), "{text}");
    assert!(text.contains("3 resultaten"), "{text}");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('f'));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    let text = screen(&app, 100, 30);
    assert!(text.contains("[x] Alleen overschreden klachten"), "{text}");
    assert!(text.contains("Dienst: elke dienst"), "{text}");
}

#[test]
fn the_overlay_never_panics_at_any_size() {
    for query in ["", "jan", "+31 6 1234"] {
        for (w, h) in [(1, 1), (20, 5), (60, 16), (80, 24), (200, 60)] {
            // The app believes it has room (so the overlay is drawn), and the
            // app that knows the real size (so the board asks for more).
            for size in [(100, 30), (w, h)] {
                let mut app = app();
                update(
                    &mut app,
                    Msg::Resize {
                        width: size.0,
                        height: size.1,
                    },
                );
                search(&mut app, query);
                screen(&app, w, h);
                key(&mut app, KeyCode::Esc);
                key(&mut app, KeyCode::Char('f'));
                screen(&app, w, h);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Filters.

fn menu_level(app: &App) -> Level {
    match &app.modal {
        Some(Modal::Filter(menu)) => menu.level,
        other => panic!("the filter menu is not open: {other:?}"),
    }
}

#[test]
fn only_breached_leaves_the_breached_cards_and_stays_in_the_menu() {
    let mut app = app();
    key(&mut app, KeyCode::Char('f'));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert!(app.filters.breached);
    assert_eq!(menu_level(&app), Level::Main);
    let ids = board_ids(&app);
    assert!(!ids.is_empty());
    for id in ids {
        let case = app.cases.case(id).unwrap();
        assert!(
            CaseClocks::of(&*case, &app.rules.policy, app.now).is_breached(),
            "{id}"
        );
    }
    assert!(screen(&app, 100, 30).contains("[x] Only breached cases"));
}

/// Opens the submenu on line `line` of the filter menu and picks `value`.
fn pick(app: &mut App, line: usize, value: &str) {
    for _ in 0..line {
        key(app, KeyCode::Char('j'));
    }
    key(app, KeyCode::Enter);
    let text = screen(app, 100, 30);
    // The submenu's lines, as drawn over the board: `( ) value` up to the border.
    let position = text
        .lines()
        .filter_map(|l| l.split_once("( ) ").or_else(|| l.split_once("(•) ")))
        .map(|(_, rest)| rest.split('│').next().unwrap_or("").trim())
        .position(|choice| choice == value);
    let position = position.unwrap_or_else(|| panic!("{value} is not in the submenu:\n{text}"));
    for _ in 0..position {
        key(app, KeyCode::Char('j'));
    }
    key(app, KeyCode::Enter);
}

#[test]
fn a_service_is_picked_in_its_submenu_which_returns_to_the_menu() {
    let mut app = app();
    key(&mut app, KeyCode::Char('f'));
    pick(&mut app, 3, "Incident response");
    assert_eq!(app.filters.service.as_deref(), Some("Incident response"));
    assert_eq!(menu_level(&app), Level::Main);
    let mut ids = board_ids(&app);
    ids.sort();
    assert_eq!(ids, [id(2), id(42)]);
    assert!(app.filters.describe(Lang::En).contains("Incident response"));
}

#[test]
fn filters_combine() {
    let mut app = app();
    key(&mut app, KeyCode::Char('f'));
    pick(&mut app, 3, "Incident response");
    // Back on the service line; up twice to "only breached".
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Enter);
    assert!(app.filters.breached);
    assert_eq!(board_ids(&app), [id(2)]);
}

#[test]
fn handler_and_channel_submenus_and_clearing_everything() {
    let mut app = app();
    key(&mut app, KeyCode::Char('f'));
    pick(&mut app, 4, "Piet Pieters");
    assert_eq!(app.filters.handler.as_deref(), Some("Piet Pieters"));
    assert_eq!(board_ids(&app), [id(4)]);
    // The menu is back on the handler line: one down is the channel.
    pick(&mut app, 1, "Fixed contact person");
    assert_eq!(app.filters.channel, Some(Channel::ContactPerson));
    assert_eq!(board_ids(&app), [id(4)]);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert!(app.filters.is_empty());
    assert_eq!(board_ids(&app).len(), 4);
}

#[test]
fn esc_leaves_a_submenu_then_the_menu() {
    let mut app = app();
    key(&mut app, KeyCode::Char('f'));
    for _ in 0..5 {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(menu_level(&app), Level::Channel);
    key(&mut app, KeyCode::Esc);
    assert_eq!(menu_level(&app), Level::Main);
    key(&mut app, KeyCode::Char('q'));
    assert!(app.modal.is_none());
    assert!(app.filters.is_empty());
}

#[test]
fn only_mine_and_a_handler_exclude_each_other() {
    let mut app = app();
    key(&mut app, KeyCode::Char('f'));
    pick(&mut app, 4, "Piet Pieters");
    for _ in 0..4 {
        key(&mut app, KeyCode::Up);
    }
    key(&mut app, KeyCode::Enter);
    assert!(app.filters.mine);
    assert_eq!(app.filters.handler, None);
}

// ---------------------------------------------------------------------------
// Speed: run with `cargo test --release --test search -- --ignored --nocapture`.

#[test]
#[ignore = "a measurement, not a check: prints how long searching 100,000 cases takes"]
fn searching_a_hundred_thousand_cases() {
    let template = queue();
    let names = [
        "Jan", "Marieke", "Kees", "Sanne", "Pieter", "Fatima", "Emma", "Daan",
    ];
    let cases: Vec<Case> = (1..=100_000u32)
        .map(|seq| {
            let mut case = template[seq as usize % template.len()].clone();
            case.id = CaseId::new(2020 + (seq % 7) as u16, seq);
            case.contact.name = format!("{} {}", names[seq as usize % names.len()], seq);
            case.contact.phone = Some(format!("06-{:08}", seq * 37));
            case
        })
        .collect();
    let cases = Cases::new(cases);
    for query in [
        "j",
        "jan",
        "jan 4",
        "+31 6 1234",
        "0612345",
        "K-2024-4242",
        "ransomware",
        "nothing-like-this",
    ] {
        // The least and the median of 20 runs: the least is the one the
        // least disturbed by whatever else the machine was doing.
        let time = |search: &dyn Fn() -> usize| {
            let mut runs: Vec<std::time::Duration> = (0..20)
                .map(|_| {
                    let start = std::time::Instant::now();
                    std::hint::black_box(search());
                    start.elapsed()
                })
                .collect();
            runs.sort();
            (runs[0], runs[runs.len() / 2])
        };
        let total = find(&cases, query).1;
        let (least, median) = time(&|| find(&cases, query).0.len());
        // For comparison: the least any search can do, one scan of every entry.
        let lower = query.to_lowercase();
        let (scan, _) = time(&|| cases.search_entries().filter(|e| e.text.contains(&lower)).count());
        println!(
            "{query:>20}: {total:>6} matches, {least:>10.1?} (median {median:>10.1?}); a bare scan {scan:>8.1?}"
        );
    }
}

//! Properties, with proptest:
//!
//! - random sequences of key presses, pastes, clicks, resizes and ticks fed
//!   through `effects::dispatch` (as the terminal loop feeds them) never panic,
//!   and leave every case in the store consistent: a state reached only
//!   through its guards, the audit trail matching the snapshot, the deadline
//!   fields matching the audit trail, and the app's cases the store's; drawing
//!   at any size never panics;
//! - random and damaged records in the database never make reading panic;
//! - every case number the store can hold is written and read back as itself
//!   (as text, so `show` accepts whatever `list` shows, and in JSON and the
//!   store's binary encoding);
//! - deadlines (`Policy::due`) fall on a working day at the end of the working
//!   day, after their start, and later starts never give earlier deadlines.
//!   (Working-day arithmetic on dates is covered by the proptests in
//!   `src/domain/calendar.rs`; these add times of day, the time zone and its
//!   daylight saving changes.)
//!
//! Case counts are modest so that the file runs in seconds in a debug build;
//! `PROPTEST_CASES=1000 cargo test --test props` runs more.

mod support;

use std::fs;
use std::path::Path;
use std::sync::OnceLock;
use std::thread;
use std::time::{Duration, Instant};

use chrono::{DateTime, Duration as Span, NaiveDate, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Europe::Amsterdam;
use klachtdesk::app::{App, Msg};
use klachtdesk::domain::calendar::{CalendarSettings, LiberationDay, WorkCalendar};
use klachtdesk::domain::case::{AckVia, Case, CaseId, Channel, Target};
use klachtdesk::domain::clock::Policy;
use klachtdesk::domain::event::{Event, EventKind};
use klachtdesk::domain::intake::Intake;
use klachtdesk::domain::summary::Summary;
use klachtdesk::domain::workflow::{self, Command, Ctx, Rules, State};
use klachtdesk::i18n::Describe;
use klachtdesk::i18n::Lang;
use klachtdesk::store::Store;
use klachtdesk::ui::{self, Theme};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::dispatch;
use tempfile::TempDir;

// ---------------------------------------------------------------------------
// What must hold of every case in the store
// ---------------------------------------------------------------------------

/// Checks one case against its audit trail; the first thing wrong, if any.
fn inconsistency(case: &Case, events: &[Event]) -> Option<String> {
    let id = case.id;
    let missing = workflow::missing_for_state(case);
    if !missing.is_empty() {
        return Some(format!("{id} in {:?} misses {missing:?}", case.state));
    }
    let seqs: Vec<u32> = events.iter().map(|e| e.seq).collect();
    if seqs != (1..=case.version).collect::<Vec<_>>() {
        return Some(format!("{id} v{} has events {seqs:?}", case.version));
    }
    let mut state = None;
    for event in events {
        let legal = match (&event.kind, state) {
            (EventKind::Registered, None) => event.to == State::Received,
            // A take-back returns the case to the state before the change it took back.
            (EventKind::Command(Command::Undo { seq }), Some(_)) => {
                (*seq as usize)
                    .checked_sub(1)
                    .and_then(|i| events.get(i))
                    .and_then(|e| e.from)
                    == Some(event.to)
            }
            (EventKind::Command(command), Some(from)) => {
                let step = command.step();
                step.allowed_from(from) && event.to == step.target().unwrap_or(from)
            }
            _ => false,
        };
        if !legal || event.from != state || event.case != id {
            return Some(format!(
                "{id} #{}: {:?} from {state:?} to {:?}",
                event.seq, event.kind, event.to
            ));
        }
        state = Some(event.to);
    }
    if state != Some(case.state) {
        return Some(format!("{id} is {:?}, its trail ends in {state:?}", case.state));
    }

    // The deadline fields agree with the trail, without what was taken back.
    let standing = klachtdesk::domain::undo::standing(events);
    let commands = || {
        standing.iter().filter_map(|e| match &e.kind {
            EventKind::Command(c) => Some((e, c)),
            EventKind::Registered => None,
        })
    };
    if case.closed_at.is_some() == case.is_open() {
        return Some(format!(
            "{id} is {:?} with closed_at {:?}",
            case.state, case.closed_at
        ));
    }
    let entered_treatment = standing
        .iter()
        .rfind(|e| e.to == State::InTreatment && e.from != Some(State::InTreatment))
        .map(|e| e.happened_at());
    let clock = (case.state == State::InTreatment)
        .then_some(entered_treatment)
        .flatten();
    if case.outcome_clock_since != clock {
        return Some(format!(
            "{id} in {:?}: outcome clock since {:?}, trail says {clock:?}",
            case.state, case.outcome_clock_since
        ));
    }
    let acknowledged = commands().any(|(_, c)| matches!(c, Command::Acknowledge { .. }));
    if case.acknowledgement.is_some() != acknowledged {
        return Some(format!(
            "{id}: acknowledgement {:?}, trail {acknowledged}",
            case.acknowledgement
        ));
    }
    let ack_verdicts: Vec<_> = case
        .verdicts
        .iter()
        .filter(|v| v.target == Target::Acknowledge)
        .collect();
    match (&case.acknowledgement, ack_verdicts.as_slice()) {
        (None, []) => {}
        (Some(ack), [v]) if v.verdict.met_at == ack.at && v.verdict.started_at == case.complained_at => {}
        other => return Some(format!("{id}: acknowledgement and its verdicts {other:?}")),
    }
    let outcomes: Vec<DateTime<Utc>> = commands()
        .filter(|(_, c)| matches!(c, Command::CommunicateOutcome { .. }))
        .map(|(e, _)| e.happened_at())
        .collect();
    let met: Vec<DateTime<Utc>> = case
        .verdicts
        .iter()
        .filter(|v| v.target == Target::Outcome)
        .map(|v| v.verdict.met_at)
        .collect();
    if met != outcomes || case.outcome_communicated_at != outcomes.last().copied() {
        return Some(format!(
            "{id}: outcomes communicated {outcomes:?}, verdicts {met:?}, at {:?}",
            case.outcome_communicated_at
        ));
    }
    None
}

/// Every case in the store, checked; and the app holds exactly those.
fn check_store(store: &Store, app: &App) -> Result<(), TestCaseError> {
    let loaded = store.load();
    prop_assert!(loaded.unreadable.is_empty(), "{:?}", loaded.unreadable);
    for case in &loaded.cases {
        let events = store
            .events(case.id)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        if let Some(problem) = inconsistency(case, &events) {
            return Err(TestCaseError::fail(problem));
        }
    }
    let queue = app.cases.read();
    let mut held: Vec<&Summary> = queue.iter().collect();
    held.sort_by_key(|c| c.id);
    let stored: Vec<Summary> = loaded.cases.iter().map(Summary::of).collect();
    prop_assert_eq!(
        held,
        stored.iter().collect::<Vec<_>>(),
        "the app's queue is not the store's"
    );
    for case in &loaded.cases {
        let opened = app.cases.case(case.id);
        prop_assert_eq!(opened.as_deref(), Some(case), "an opened case is not the store's");
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Random operators
// ---------------------------------------------------------------------------

/// Thursday 26 November 2026, 10:00 in Amsterdam.
fn thursday() -> DateTime<Utc> {
    support::thursday_ten()
}

/// A store with cases in several states, and an App over it.
fn desk() -> (TempDir, Store, App) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    let rules = Rules::default();
    let earlier = thursday() - Span::days(3);
    let ctx = Ctx {
        now: earlier,
        actor: "anna",
        rules: &rules,
    };
    let intake = |name: &str| Intake {
        name: name.into(),
        phone: "06-12345678".into(),
        email: "jan@example.nl".into(),
        organisation: "Voorbeeld BV".into(),
        service: "Consultancy".into(),
        channel: Channel::Phone,
        complained_at: None,
        description: "The report was late.".into(),
        ..Intake::default()
    };
    let path = [
        Command::Acknowledge {
            at: earlier,
            via: AckVia::Email,
        },
        Command::TakeIntoTreatment {
            at: None,
            handler: "Anna".into(),
        },
        Command::RequestInformation {
            at: None,
            request: "The scope, please.".into(),
        },
        Command::InformationReceived {
            at: None,
            note: String::new(),
        },
        Command::CommunicateOutcome {
            at: None,
            root_cause: "Planning".into(),
            solution: "Planned".into(),
            outcome: "Sorry".into(),
        },
    ];
    // Received, Acknowledged, In treatment, Waiting, Outcome communicated.
    for (n, name) in ["Jan", "Piet", "Klaas", "Marie", "Fatima", "Wei"]
        .iter()
        .enumerate()
    {
        let id = store.register(&intake(name), &ctx).unwrap().id;
        for command in path.iter().take(n) {
            store.execute(id, None, command, &ctx).unwrap();
        }
    }
    let app = support::app_over(&store, "anna", Lang::En);
    (dir, store, app)
}

#[derive(Debug, Clone)]
enum Input {
    Key(KeyEvent),
    Paste(String),
    Resize(u16, u16),
    /// The clock moves on this many minutes.
    Tick(i64),
    Click(u16, u16),
    Scroll(bool),
    /// Draw on a screen of this size, whatever size the app last heard of.
    Draw(u16, u16),
    /// Several at once, as an operator filling in a form goes: checked after
    /// the last.
    Many(Vec<Input>),
}

/// The keys the app knows, weighted towards those that get things done.
const KEYS: [(u32, &str); 44] = [
    (4, "up"),
    (4, "down"),
    (3, "left"),
    (3, "right"),
    (1, "h"),
    (1, "j"),
    (1, "k"),
    (1, "l"),
    (5, "enter"),
    (4, "esc"),
    (6, "tab"),
    (2, "shift-tab"),
    (6, "ctrl-s"),
    (1, "ctrl-o"),
    (3, "n"),
    (5, "m"),
    (2, "/"),
    (1, "f"),
    (1, "c"),
    (1, "r"),
    (1, "R"),
    (1, "w"),
    (1, "?"),
    (1, "q"),
    (2, "L"),
    (2, "e"),
    (1, "M"),
    (1, "b"),
    (1, "t"),
    (1, "x"),
    (2, "y"),
    (1, "g"),
    (1, "G"),
    (1, "home"),
    (1, "end"),
    (1, "pageup"),
    (1, "pagedown"),
    (2, "backspace"),
    (2, "space"),
    (1, "f1"),
    (1, "s"),
    (1, "p"),
    (1, "u"),
    (1, "1"),
];

/// What an operator might paste: values that pass the forms' checks, and
/// values that do not.
const PASTES: [&str; 16] = [
    "Jan de Vries",
    "06-12345678",
    "jan@example.nl",
    "Consultancy",
    "soc",
    "today 9:30",
    "now",
    "yesterday",
    "2026-11-30 10:00",
    "Anna",
    "The report was late.\nNobody called back.",
    "none",
    "",
    "   ",
    "\u{1b}[2J\u{202e}",
    "👩‍👩‍👧‍👦 山田 محمد",
];

fn key_input() -> impl Strategy<Value = Input> {
    let named: Vec<(u32, BoxedStrategy<Input>)> = KEYS
        .iter()
        .map(|(w, spec)| (*w, Just(Input::Key(support::key(spec))).boxed()))
        .collect();
    proptest::strategy::Union::new_weighted(named)
}

fn keys(spec: &str) -> Vec<Input> {
    spec.split_whitespace()
        .map(|k| Input::Key(support::key(k)))
        .collect()
}

/// One field of a form filled in: a value pasted, or a choice made by its
/// first letter or an arrow; then on to the next field.
fn field_input() -> impl Strategy<Value = Vec<Input>> {
    prop_oneof![
        3 => prop::sample::select(PASTES.to_vec()).prop_map(|s| vec![Input::Paste(s.to_string())]),
        2 => prop::sample::select(vec!["p", "e", "l", "s", "u", "f", "right", "left", "down", "up"])
            .prop_map(keys),
        1 => Just(Vec::new()),
    ]
    .prop_map(|mut v| {
        v.extend(keys("tab"));
        v
    })
}

/// An operator filling in a form and saving it: a step from the moves menu,
/// a contact logged, a field edited in place, or a new registration.
fn form_input() -> impl Strategy<Value = Input> {
    let opening = prop_oneof![
        Just("m 1"),
        Just("m 2"),
        Just("m 3"),
        Just("enter m 1"),
        Just("enter m 2"),
        Just("L"),
        Just("enter e"),
        Just("enter down down down e"),
        Just("enter down down down down down down down e"),
        Just("n"),
        Just("n"),
    ];
    let moves = prop::sample::select(vec![
        "",
        "right",
        "right right",
        "right right right",
        "left",
        "down",
    ]);
    (
        moves,
        opening,
        prop::collection::vec(field_input(), 0..8),
        any::<bool>(),
    )
        .prop_map(|(moves, opening, fields, back)| {
            let mut all = keys(moves);
            all.extend(keys(opening));
            all.extend(fields.into_iter().flatten());
            all.extend(keys("ctrl-s"));
            if back {
                all.extend(keys("esc esc"));
            }
            Input::Many(all)
        })
}

/// A registration that goes through, mostly: the intake filled in in order.
fn intake_input() -> impl Strategy<Value = Input> {
    (
        prop::sample::select(vec!["Jan de Vries", "Fatima", "👩‍👩‍👧‍👦 山田", "x"]),
        prop::sample::select(vec!["06-12345678", "+31 6 1234 5678", "12"]),
        prop::sample::select(vec!["soc", "Consultancy", "pen", "nothing"]),
        prop::sample::select(vec!["The report was late.", "", "\u{1b}[2J"]),
    )
        .prop_map(|(name, phone, service, description)| {
            let mut all = keys("n");
            for (text, then) in [
                (name, "tab"),
                (phone, "tab tab tab"),
                (service, "tab tab tab"),
                (description, "ctrl-s esc"),
            ] {
                all.push(Input::Paste(text.into()));
                all.extend(keys(then));
            }
            Input::Many(all)
        })
}

fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        3 => intake_input(),
        12 => form_input(),
        50 => key_input(),
        10 => proptest::char::range('0', '9').prop_map(|c| Input::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))),
        10 => any::<char>().prop_map(|c| {
            let modifiers = if c.is_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
            Input::Key(KeyEvent::new(KeyCode::Char(c), modifiers))
        }),
        6 => prop::sample::select(PASTES.to_vec()).prop_map(|s| Input::Paste(s.to_string())),
        2 => ".{0,300}".prop_map(Input::Paste),
        2 => (0u16..=250, 0u16..=80).prop_map(|(w, h)| Input::Resize(w, h)),
        2 => (0i64..=3 * 24 * 60).prop_map(Input::Tick),
        2 => (0u16..=200, 0u16..=60).prop_map(|(x, y)| Input::Click(x, y)),
        1 => any::<bool>().prop_map(Input::Scroll),
        2 => (1u16..=220, 1u16..=70).prop_map(|(w, h)| Input::Draw(w, h)),
    ]
}

fn draw(app: &App, width: u16, height: u16) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| ui::draw(app, &Theme::new(false), frame))
        .unwrap();
}

/// Feeds `inputs` to a fresh desk, checking the store after each; the desk.
fn operate(inputs: &[Input]) -> Result<(TempDir, Store, App), TestCaseError> {
    let (dir, store, mut app) = desk();
    dispatch(
        &mut app,
        Msg::Resize {
            width: 100,
            height: 30,
        },
        &store,
    );
    for input in inputs {
        feed(&store, &mut app, input);
        check_store(&store, &app)?;
    }
    Ok((dir, store, app))
}

/// Gives the app one input as the terminal loop would, and draws after it
/// (after the last of several given at once).
fn feed(store: &Store, app: &mut App, input: &Input) {
    let msg = match input {
        Input::Key(key) => Msg::Key(*key),
        Input::Paste(text) => Msg::Paste(text.clone()),
        Input::Resize(width, height) => Msg::Resize {
            width: *width,
            height: *height,
        },
        Input::Tick(minutes) => Msg::Tick(app.now + Span::minutes(*minutes)),
        Input::Click(column, row) => Msg::Click {
            column: *column,
            row: *row,
        },
        Input::Scroll(down) => Msg::Scroll {
            column: 10,
            row: 10,
            down: *down,
        },
        Input::Draw(width, height) => {
            let (width, height) = (*width, *height);
            dispatch(app, Msg::Resize { width, height }, store);
            draw(app, width, height);
            return;
        }
        Input::Many(inputs) => {
            for input in inputs {
                if let Input::Many(_) = input {
                    feed(store, app, input);
                } else if let Some(msg) = message(input) {
                    dispatch(app, msg, store);
                }
            }
            draw(app, app.size.0.max(1), app.size.1.max(1));
            return;
        }
    };
    dispatch(app, msg, store);
    // The terminal loop draws after every batch of input, at the size the
    // app knows of.
    draw(app, app.size.0.max(1), app.size.1.max(1));
}

/// The message for a key or a paste.
fn message(input: &Input) -> Option<Msg> {
    match input {
        Input::Key(key) => Some(Msg::Key(*key)),
        Input::Paste(text) => Some(Msg::Paste(text.clone())),
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 40,
        max_shrink_iters: 2_000,
        ..ProptestConfig::default()
    })]

    /// Random operators never break a case, nor the app.
    #[test]
    fn random_keys_keep_every_case_consistent(inputs in prop::collection::vec(input(), 1..80)) {
        operate(&inputs)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 24,
        ..ProptestConfig::default()
    })]

    /// The terminal loop draws at the terminal's size as it is when it draws,
    /// which may already differ from the size the app last heard of (a
    /// resize not yet handled): drawing must not panic then either.
    #[test]
    fn drawing_at_a_size_the_app_has_not_heard_of_never_panics(
        inputs in prop::collection::vec(input(), 1..30),
        width in 1u16..=220,
        height in 1u16..=70,
    ) {
        let (_dir, store, mut app) = desk();
        for input in &inputs {
            let msg = match input {
                Input::Key(key) => Msg::Key(*key),
                Input::Paste(text) => Msg::Paste(text.clone()),
                Input::Resize(w, h) => Msg::Resize { width: *w, height: *h },
                _ => continue,
            };
            dispatch(&mut app, msg, &store);
        }
        draw(&app, width, height);
    }
}

/// The random operator's harness gets cases moving with the keys it is made
/// of, or the property above would prove little.
#[test]
fn the_random_operator_can_move_cases() {
    // Acknowledge the received case by phone; register a new one.
    let mut inputs = keys("m 1 tab p ctrl-s n");
    for (text, then) in [
        ("Jan de Vries", "tab"),
        ("06-12345678", "tab tab tab"),
        ("soc", "tab tab tab"),
        ("The report was late.", "ctrl-s esc"),
    ] {
        inputs.push(Input::Paste(text.into()));
        inputs.extend(keys(then));
    }
    let (_dir, store, _app) = operate(&inputs).unwrap();
    let cases = store.load().cases;
    assert_eq!(cases.len(), 7, "registered");
    assert_eq!(cases[0].state, State::Acknowledged, "acknowledged");
}

// ---------------------------------------------------------------------------
// Damaged records
// ---------------------------------------------------------------------------

/// A case's record and one of its events as the store writes them.
fn valid_records() -> &'static (Vec<u8>, Vec<u8>) {
    static RECORDS: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
    RECORDS.get_or_init(|| {
        let (dir, store, app) = desk();
        let id = store.load().cases.last().unwrap().id;
        // The board reads full cases from the store: it holds it open too.
        drop(app);
        drop(store);
        let db = raw_sled(&dir.path().join("db"));
        let key = id.as_u64().to_be_bytes();
        let case = db.open_tree("cases").unwrap().get(key).unwrap().unwrap().to_vec();
        let event = db
            .open_tree("events")
            .unwrap()
            .scan_prefix(key)
            .last()
            .unwrap()
            .unwrap()
            .1
            .to_vec();
        (case, event)
    })
}

fn raw_sled(path: &Path) -> sled::Db {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        match sled::open(path) {
            Ok(db) => return db,
            Err(e) if Instant::now() >= deadline => panic!("sled::open {}: {e}", path.display()),
            Err(_) => thread::sleep(Duration::from_millis(2)),
        }
    }
}

/// Waits until sled has let go of the folder's lock.
fn wait_unlocked(path: &Path) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while !fs::File::open(path.join("db")).is_ok_and(|f| f.try_lock().is_ok()) {
        assert!(Instant::now() < deadline, "the database stayed locked");
        thread::sleep(Duration::from_millis(1));
    }
}

/// A damaged record: random bytes, random bytes behind the format byte, or a
/// real record with bytes changed, cut short, added to, or cut and followed by
/// a huge length (a corrupt length must not make it allocate gigabytes).
fn damaged(valid: &[u8]) -> BoxedStrategy<Vec<u8>> {
    let len = valid.len();
    let (flipped, cut, extended, huge) = (valid.to_vec(), valid.to_vec(), valid.to_vec(), valid.to_vec());
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..64),
        prop::collection::vec(any::<u8>(), 0..256).prop_map(|mut v| {
            v.insert(0, klachtdesk::store::FORMAT);
            v
        }),
        prop::collection::vec((0..len, any::<u8>()), 1..6).prop_map(move |flips| {
            let mut v = flipped.clone();
            for (at, byte) in flips {
                v[at] = byte;
            }
            v
        }),
        (1..len).prop_map(move |at| cut[..at].to_vec()),
        prop::collection::vec(any::<u8>(), 1..16).prop_map(move |extra| {
            let mut v = extended.clone();
            v.extend(extra);
            v
        }),
        (1..len).prop_map(move |at| {
            let mut v = huge[..at].to_vec();
            v.push(0xfd);
            v.extend_from_slice(&[0xff; 8]);
            v
        }),
    ]
    .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 24,
        max_shrink_iters: 200,
        ..ProptestConfig::default()
    })]

    /// Whatever the bytes of the records, reading the database reports what
    /// it cannot read and never panics.
    #[test]
    fn damaged_records_never_make_reading_panic(
        cases in prop::collection::vec(damaged(&valid_records().0), 1..12),
        events in prop::collection::vec(damaged(&valid_records().1), 1..12),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        drop(Store::open(&path).unwrap());
        wait_unlocked(&path);
        {
            let db = raw_sled(&path);
            let (case_tree, event_tree) = (db.open_tree("cases").unwrap(), db.open_tree("events").unwrap());
            for (i, bytes) in cases.iter().enumerate() {
                case_tree.insert(CaseId::new(2026, i as u32 + 1).as_u64().to_be_bytes(), bytes.as_slice()).unwrap();
            }
            for (i, bytes) in events.iter().enumerate() {
                let mut key = CaseId::new(2026, 1).as_u64().to_be_bytes().to_vec();
                key.extend_from_slice(&(i as u32 + 1).to_be_bytes());
                event_tree.insert(key, bytes.as_slice()).unwrap();
            }
            db.flush().unwrap();
        }
        wait_unlocked(&path);
        let store = Store::open(&path).unwrap();
        let loaded = store.load();
        prop_assert_eq!(loaded.cases.len() + loaded.unreadable.len(), cases.len());
        for n in 1..=cases.len() as u32 {
            let _ = store.get(CaseId::new(2026, n));
        }
        let _ = store.events(CaseId::new(2026, 1));
        let _ = store.history();
        // A record that does not decode is named by its case.
        for problem in &loaded.unreadable {
            prop_assert!(problem.describe(Lang::En).contains("K-2026-"), "{}", problem.describe(Lang::En));
        }
    }
}

// ---------------------------------------------------------------------------
// Case numbers
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2000,
        ..ProptestConfig::default()
    })]

    /// The store keys and encodes a case number as any year (u16) and any
    /// sequence (u32): whichever it holds, its text parses back to it (so
    /// `show` finds what `list` shows), as do its JSON and binary forms.
    #[test]
    fn every_case_number_the_store_can_hold_reads_back_as_itself(year in any::<u16>(), seq in any::<u32>()) {
        let id = CaseId::new(year, seq);
        let text = id.to_string();
        prop_assert_eq!(text.parse::<CaseId>(), Ok(id), "{}", text);
        prop_assert_eq!(CaseId::parse(&text.to_lowercase()), Ok(id));
        prop_assert_eq!(CaseId::from_u64(id.as_u64()), Some(id));
        let json = serde_json::to_string(&id).unwrap();
        prop_assert_eq!(serde_json::from_str::<CaseId>(&json).unwrap(), id, "{}", json);
        let config = bincode::config::standard();
        let bytes = bincode::serde::encode_to_vec(id, config).unwrap();
        let (back, _): (CaseId, usize) = bincode::serde::decode_from_slice(&bytes, config).unwrap();
        prop_assert_eq!(back, id);
    }
}

// ---------------------------------------------------------------------------
// Deadlines
// ---------------------------------------------------------------------------

fn any_moment() -> impl Strategy<Value = DateTime<Utc>> {
    // 2000 to 2099, to the second: every daylight saving change in between.
    (946_684_800i64..4_102_444_800).prop_map(|s| Utc.timestamp_opt(s, 0).unwrap())
}

fn any_policy() -> impl Strategy<Value = Policy> {
    let liberation = prop_oneof![
        Just(LiberationDay::Never),
        Just(LiberationDay::EveryFifthYear),
        Just(LiberationDay::EveryYear),
    ];
    let closing = prop::collection::vec(
        (0u64..36_500).prop_map(|n| NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Days::new(n)),
        0..30,
    );
    (any::<bool>(), liberation, closing, 0u32..24 * 60).prop_map(
        |(good_friday_off, liberation_day, closing_days, minute)| Policy {
            calendar: WorkCalendar::new(CalendarSettings {
                good_friday_off,
                liberation_day,
                closing_days,
            }),
            end_of_day: NaiveTime::from_hms_opt(minute / 60, minute % 60, 0).unwrap(),
            ..Policy::default()
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    })]

    /// A deadline is the end of the working day on a working day, after its
    /// start: whatever the time of day of the start, and across daylight
    /// saving changes.
    #[test]
    fn a_deadline_ends_a_working_day_after_its_start(policy in any_policy(), start in any_moment(), days in 1u32..=30) {
        let due = policy.due(start, days);
        prop_assert!(policy.calendar.is_working_day(due.day), "{} is no working day", due.day);
        prop_assert!(due.deadline > start, "due {} before the start {start}", due.deadline);
        prop_assert!(due.day > policy.local_date(start), "the start day never counts");
        let local = due.deadline.with_timezone(&Amsterdam);
        prop_assert_eq!(local.date_naive(), due.day);
        prop_assert_eq!(
            (local.hour(), local.minute()),
            (policy.end_of_day.hour(), policy.end_of_day.minute())
        );
        prop_assert_eq!(
            policy.calendar.working_days_between(policy.local_date(start), due.day),
            days
        );
    }

    /// A later start never gives an earlier deadline; a longer target never
    /// an earlier one either.
    #[test]
    fn deadlines_are_monotonic_in_the_start_and_the_length(
        policy in any_policy(),
        a in any_moment(),
        gap in 0i64..(40 * 86_400),
        days in 1u32..=30,
        more in 0u32..=5,
    ) {
        let b = a + Span::seconds(gap);
        let (early, late) = (policy.due(a, days), policy.due(b, days));
        prop_assert!(early.deadline <= late.deadline, "{a} → {early:?}, {b} → {late:?}");
        prop_assert!(early.day <= late.day);
        prop_assert!(early.deadline <= policy.due(a, days + more).deadline);
    }

    /// A target met before its deadline is on time, at or after it late.
    #[test]
    fn a_verdict_agrees_with_the_deadline(policy in any_policy(), start in any_moment(), days in 1u32..=15, after in 0i64..(30 * 86_400)) {
        let met = start + Span::seconds(after);
        let verdict = policy.verdict(start, days, met);
        let due = policy.due(start, days);
        prop_assert_eq!(verdict.due, due);
        prop_assert_eq!(verdict.on_time, met < due.deadline);
        prop_assert!(!verdict.on_time || verdict.working_days_late == 0);
    }
}

//! Measuring one generated queue in this process, as an operator meets it: the
//! board opening, keys on the board, typing in the search, saving steps.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::generate::{OPERATOR, mix, now};
use super::report::Row;
use crate::app::cases::Cases;
use crate::app::effects::dispatch;
use crate::app::{App, Msg, Queue};
use crate::desk::{Clock, Local};
use crate::domain::case::{AckVia, Case, CaseId, Direction, LogKind, Satisfaction};
use crate::domain::workflow::{Command, Ctx, Rules, State};
use crate::i18n::Lang;
use crate::keymap::Keymap;
use crate::store::Store;
use crate::ui::{self, Theme};

/// The terminal the board is measured on.
pub const WIDTH: u16 = 160;
pub const HEIGHT: u16 = 48;

/// How much of each kind to measure.
#[derive(Debug, Clone, Copy)]
pub struct Amounts {
    pub presses: usize,
    pub saves: usize,
    /// How often the set of search queries is typed.
    pub search_rounds: usize,
}

/// Measures the queue in the database folder `dir`.
pub fn measure(dir: &Path, amounts: Amounts) -> Result<Row, String> {
    let rules = Rules::default();
    let theme = Theme::new(true);
    let now = now(&rules.policy);
    let keymap = Keymap::default();
    let mut row = Row::default();

    // (a) Open and first frame, as `klachtdesk` with no subcommand does it.
    let started = Instant::now();
    let store = Store::open(dir).map_err(|e| e.to_string())?;
    let opened = Instant::now();
    let loaded = store.summaries();
    if !loaded.unreadable.is_empty() {
        return Err(format!("{} unreadable records", loaded.unreadable.len()));
    }
    let read = Instant::now();
    let desk = Local::new(
        store.clone(),
        rules.clone(),
        Clock::Pinned(now),
        OPERATOR.to_string(),
    );
    // As the desk holds the queue: the full cases read through its slot.
    let cases = Cases::of_summaries(loaded.summaries, Arc::new(desk.slot().clone()));
    let indexed = Instant::now();
    let mut app = App::new(
        Lang::En,
        OPERATOR.to_string(),
        rules.clone(),
        keymap,
        now,
        Queue::new(cases),
        (WIDTH, HEIGHT),
    );
    let built = Instant::now();
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).map_err(|e| e.to_string())?;
    let draw = |terminal: &mut Terminal<TestBackend>, app: &App| {
        terminal
            .draw(|frame| ui::draw(app, &theme, frame))
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    draw(&mut terminal, &app)?;
    let drawn = Instant::now();
    row.set("cases", app.cases.read().len() as f64);
    row.set(
        "open",
        f64::from(u32::try_from(app.board.totals.open).unwrap_or(u32::MAX)),
    );
    row.set_time("first_frame", drawn - started);
    row.set_time("store_open", opened - started);
    row.set_time("load", read - opened);
    row.set_time("cases_new", indexed - read);
    row.set_time("app_new", built - indexed);
    row.set_time("first_draw", drawn - built);
    if let Some(kib) = peak_kib() {
        row.set("open_peak_mb", kib as f64 / 1024.0);
    }
    if !app.cases.read().is_empty() && !screen(&terminal).contains("K-") {
        return Err("the board shows no cards".into());
    }

    // (b) A key press on the board: update and draw.
    let mut presses = Vec::with_capacity(amounts.presses);
    for i in 0..amounts.presses {
        let code = if i % 40 == 39 {
            KeyCode::Right
        } else {
            KeyCode::Down
        };
        let started = Instant::now();
        dispatch(&mut app, Msg::Key(key(code)), &desk);
        draw(&mut terminal, &app)?;
        presses.push(started.elapsed());
    }
    row.set_percentiles("key", &mut presses);

    // (c) A keystroke in the search: update and draw, for every character of
    // queries an operator types, and for taking two back.
    let mut keystrokes = Vec::new();
    let queries = queries(&app);
    // The desk's first search reads every description, once.
    let started = Instant::now();
    dispatch(&mut app, Msg::Key(key(KeyCode::Char('/'))), &desk);
    draw(&mut terminal, &app)?;
    row.set_time("describe", started.elapsed());
    dispatch(&mut app, Msg::Key(key(KeyCode::Esc)), &desk);
    for _ in 0..amounts.search_rounds {
        for query in &queries {
            dispatch(&mut app, Msg::Key(key(KeyCode::Char('/'))), &desk);
            draw(&mut terminal, &app)?;
            let typed = query.chars().map(KeyCode::Char);
            let back = std::iter::repeat_n(KeyCode::Backspace, 2);
            for code in typed.chain(back) {
                let started = Instant::now();
                dispatch(&mut app, Msg::Key(key(code)), &desk);
                draw(&mut terminal, &app)?;
                keystrokes.push(started.elapsed());
            }
            dispatch(&mut app, Msg::Key(key(KeyCode::Esc)), &desk);
            if app.modal.is_some() {
                return Err("the search did not close".into());
            }
        }
    }
    row.set_percentiles("search", &mut keystrokes);

    // (d) Saving a step with its flush, then the board following it.
    let mut saves = Vec::with_capacity(amounts.saves);
    let mut shown = Vec::with_capacity(amounts.saves);
    let ids: Vec<CaseId> = {
        let mut ids: Vec<CaseId> = app.cases.read().iter().map(|c| c.id).collect();
        ids.sort_unstable();
        ids
    };
    let ctx = Ctx {
        now,
        actor: OPERATOR,
        rules: &rules,
    };
    for i in 0..amounts.saves {
        let id = ids[(mix(i as u64, 90) % ids.len().max(1) as u64) as usize];
        let case = app.cases.case(id).ok_or("a case went missing")?;
        let command = if i % 2 == 0 {
            log_entry(i)
        } else {
            step(&case).unwrap_or_else(|| log_entry(i))
        };
        let started = Instant::now();
        let result = store.execute(id, None, &command, &ctx);
        saves.push(started.elapsed());
        if let Err(e) = &result {
            return Err(format!("saving {id}: {e:?}"));
        }
        let started = Instant::now();
        dispatch(&mut app, Msg::Saved(result), &desk);
        draw(&mut terminal, &app)?;
        shown.push(started.elapsed());
    }
    row.set_percentiles("save", &mut saves);
    row.set_percentiles("saved_shown", &mut shown);

    // (e) The most memory this process held at once.
    if let Some(kib) = peak_kib() {
        row.set("peak_mb", kib as f64 / 1024.0);
    }

    // (f) The first save of the next day, which starts the day's automatic
    // backup and waits while the cases are read (after the peak memory: the
    // board's own figure); then the whole backup, made beside the work.
    let beside = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let backups = tempfile::Builder::new()
        .prefix(".klachtdesk-bench-backups-")
        .tempdir_in(beside)
        .map_err(|e| e.to_string())?;
    store.keep_daily_backups(backups.path().to_path_buf(), 14);
    let tomorrow = Ctx {
        now: now + chrono::Days::new(1),
        ..ctx
    };
    let id = ids.first().copied().ok_or("no cases")?;
    let started = Instant::now();
    store
        .execute(id, None, &log_entry(0), &tomorrow)
        .map_err(|e| format!("saving {id}: {e:?}"))?;
    row.set_time("first_save", started.elapsed());
    store.wait_for_backup();
    row.set_time("daily_backup", started.elapsed());
    if let Some(e) = store.backup_failure() {
        return Err(format!("the automatic backup failed: {e}"));
    }
    drop(app);
    drop(store);
    Ok(row)
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn screen(terminal: &Terminal<TestBackend>) -> String {
    terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|cell| cell.symbol())
        .collect()
}

/// What operators type to find a case: a first name, a full name, a phone
/// number and a case number of cases in the queue, an organisation, a word
/// from the descriptions.
fn queries(app: &App) -> Vec<String> {
    let mut ids: Vec<CaseId> = app.cases.read().iter().map(|c| c.id).collect();
    ids.sort_unstable();
    let some = |salt: u64| -> Option<Case> {
        let id = ids.get((mix(salt, 91) % ids.len().max(1) as u64) as usize)?;
        app.cases.case(*id).map(|case| case.as_ref().clone())
    };
    let mut queries = vec!["jan".to_string()];
    if let Some(case) = some(1) {
        queries.push(case.contact.name.to_lowercase());
    }
    if let Some(phone) = (2..100).find_map(|salt| some(salt).and_then(|c| c.contact.phone.clone())) {
        queries.push(phone);
    }
    if let Some(case) = some(3) {
        queries.push(case.id.to_string());
    }
    queries.push("korenschoof".into());
    queries.push("ransomware".into());
    queries
}

pub(crate) fn log_entry(i: usize) -> Command {
    Command::LogContact {
        kind: [LogKind::Call, LogKind::Email, LogKind::Note][i % 3],
        direction: Direction::Outbound,
        text: "Called back to say we expect to report by the end of next week.".into(),
    }
}

/// The next step of the procedure for a case, if it has a simple one.
pub(crate) fn step(case: &Case) -> Option<Command> {
    Some(match case.state {
        State::Received => Command::Acknowledge {
            at: case.complained_at.max(case.registered_at),
            via: AckVia::Email,
        },
        State::Acknowledged => Command::TakeIntoTreatment {
            at: None,
            handler: OPERATOR.into(),
        },
        State::InTreatment => Command::RequestInformation {
            at: None,
            request: "Please send the log files of the day it happened.".into(),
        },
        State::Waiting => Command::InformationReceived {
            at: None,
            note: "The log files arrived.".into(),
        },
        State::OutcomeCommunicated => Command::Close {
            at: None,
            learnings: "Ask for log files at the first call.".into(),
            satisfaction: Some(Satisfaction::Satisfied),
        },
        State::Closed | State::NotAdmissible => return None,
    })
}

/// Opens the queue in `dir` and reads its case records without decoding
/// them: the part of the first frame that is sled's own.
pub fn sled_alone(dir: &Path) -> Result<Row, String> {
    let started = Instant::now();
    let store = Store::open(dir).map_err(|e| e.to_string())?;
    let opened = Instant::now();
    let (records, bytes) = store.read_raw();
    let read = Instant::now();
    let mut row = Row::default();
    row.set_time("sled_open", opened - started);
    row.set_time("sled_read", read - opened);
    row.set("sled_records", records as f64);
    row.set("sled_mb", bytes as f64 / 1e6);
    Ok(row)
}

/// The peak resident memory of this process in KiB: Linux's `VmHWM`, the same
/// figure `getrusage` reports as `ru_maxrss`.
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The `p`th percentile (0–100) of some durations, by the nearest rank.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

//! A desk for the app tests: a demo queue in a temporary store, an App over it
//! at a pinned moment, and keys pressed the way an operator presses them. Every
//! key goes through `dispatch`, which runs `update` and its effects against the
//! store exactly as the terminal loop does.

#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use klachtdesk::app::Effect;
use klachtdesk::app::board::Column;
use klachtdesk::app::forms::FormModal;
use klachtdesk::app::moves_menu::MoveMenu;
use klachtdesk::app::{App, Modal, Msg, Queue};
use klachtdesk::desk::{Clock, Local};
use klachtdesk::domain::case::{Case, CaseId};
use klachtdesk::domain::problem::Field;
use klachtdesk::domain::workflow::{Rules, State, Step};
use klachtdesk::i18n::Lang;
use klachtdesk::keymap::Keymap;
use klachtdesk::store::Store;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

/// Thursday 26 November 2026, 10:00 in Amsterdam (09:00 UTC).
pub fn thursday_ten() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap()
}

/// A local Amsterdam time on 26 November 2026 (UTC+1 then).
pub fn thursday_at(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, hour - 1, minute, 0).unwrap()
}

pub struct Desk {
    _dir: TempDir,
    pub store: Store,
    pub app: App,
}

impl Desk {
    /// The demo queue as it stands on Thursday at 10:00, on a 100x30 screen.
    pub fn demo() -> Desk {
        Desk::demo_for("anna")
    }

    pub fn demo_for(operator: &str) -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
        klachtdesk::demo::populate(&store, &Rules::default(), thursday_ten(), "anna").unwrap();
        let mut app = app_over(&store, operator, Lang::En);
        // The tests walk the board from its first column; that a board
        // starts at the most urgent case is tested on its own.
        app.board.move_column(-10);
        app.scroll_into_view();
        Desk {
            _dir: dir,
            store,
            app,
        }
    }

    /// Another operator's screen over the same store and the same queue, as
    /// the desk draws one for each operator.
    pub fn second_app(&self, operator: &str) -> App {
        let mut app = app_over(&self.store, operator, Lang::En);
        app.cases = self.app.cases.clone();
        app.board.move_column(-10);
        app.scroll_into_view();
        app
    }

    pub fn press(&mut self, keys: &str) {
        press(&mut self.app, &self.store, keys);
    }

    pub fn type_text(&mut self, text: &str) {
        type_text(&mut self.app, &self.store, text);
    }

    pub fn send(&mut self, msg: Msg) {
        dispatch(&mut self.app, msg, &self.store);
    }

    /// The case as the database holds it now.
    pub fn stored(&self, id: CaseId) -> Case {
        self.store.get(id).unwrap()
    }

    /// Moves the board's selection to case `id` with the arrow keys, as an
    /// operator would; panics if the case is not on the board.
    pub fn select(&mut self, id: CaseId) {
        let column = self
            .app
            .board
            .columns
            .iter()
            .position(|c| c.cards.iter().any(|card| card.id == id))
            .unwrap_or_else(|| panic!("{id} is not on the board"));
        while self.app.board.column > column {
            self.press("left");
        }
        while self.app.board.column < column {
            self.press("right");
        }
        self.press("home");
        let count = self.app.board.columns[column].cards.len();
        for _ in 0..count {
            if self.app.board.selected_id() == Some(id) {
                return;
            }
            self.press("down");
        }
        assert_eq!(self.app.board.selected_id(), Some(id));
    }

    /// Opens the form of `step` on case `id` through the moves menu, as an
    /// operator would.
    pub fn open_step(&mut self, id: CaseId, step: Step) {
        self.select(id);
        let position = menu_position(self, step);
        self.press(&format!("m {position}"));
    }

    /// The first case on the board in `state`.
    pub fn first_in(&self, state: State) -> CaseId {
        column(&self.app, state).cards[0].id
    }
}

pub fn app_over(store: &Store, operator: &str, lang: Lang) -> App {
    App::new(
        lang,
        operator.to_string(),
        Rules::default(),
        Keymap::default(),
        thursday_ten(),
        // As the desk holds it: summaries, the full cases read when opened.
        Queue::new(klachtdesk::app::read_queue(store, &klachtdesk::desk::Slot::new(store.clone())).0),
        (100, 30),
    )
}

/// A key as the terminal reports it: `n`, `G`, `enter`, `ctrl-s`, `shift-tab`.
pub fn key(spec: &str) -> KeyEvent {
    let (modifiers, name) = if let Some(rest) = spec.strip_prefix("ctrl-") {
        (KeyModifiers::CONTROL, rest)
    } else if let Some(rest) = spec.strip_prefix("shift-") {
        (KeyModifiers::SHIFT, rest)
    } else {
        (KeyModifiers::NONE, spec)
    };
    let code = match name {
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" if modifiers == KeyModifiers::SHIFT => KeyCode::BackTab,
        "tab" => KeyCode::Tab,
        "backspace" => KeyCode::Backspace,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" => KeyCode::PageUp,
        "pagedown" => KeyCode::PageDown,
        "space" => KeyCode::Char(' '),
        "f1" => KeyCode::F(1),
        one => {
            let mut chars = one.chars();
            let c = chars.next().expect("a key");
            assert!(chars.next().is_none(), "unknown key {spec:?}");
            KeyCode::Char(c)
        }
    };
    let modifiers = match code {
        KeyCode::Char(c) if c.is_uppercase() => modifiers | KeyModifiers::SHIFT,
        _ => modifiers,
    };
    KeyEvent::new(code, modifiers)
}

/// The desk a session over `store` answers from: the app's operator, on
/// the app's clock (so a test that moves the app's clock moves the desk's).
pub fn desk_of(store: &Store, app: &App) -> Local {
    Local::new(
        store.clone(),
        app.rules.clone(),
        Clock::Pinned(app.now),
        app.operator.clone(),
    )
}

/// Feeds `msg` to the app and carries out its effects on the app's desk
/// over `store`, as the session loop does; the effects left for the terminal.
pub fn dispatch(app: &mut App, msg: Msg, store: &Store) -> Vec<Effect> {
    let desk = desk_of(store, app);
    klachtdesk::app::effects::dispatch(app, msg, &desk)
}

/// Presses the keys named in `keys`, separated by spaces.
pub fn press(app: &mut App, store: &Store, keys: &str) {
    for spec in keys.split_whitespace() {
        dispatch(app, Msg::Key(key(spec)), store);
    }
}

/// Types `text` one character at a time.
pub fn type_text(app: &mut App, store: &Store, text: &str) {
    for c in text.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        let modifiers = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        dispatch(app, Msg::Key(KeyEvent::new(code, modifiers)), store);
    }
}

/// The moves menu, or a panic saying what is open instead.
pub fn menu(d: &Desk) -> &MoveMenu {
    match &d.app.modal {
        Some(Modal::Menu(menu)) => menu,
        other => panic!("expected the moves menu, found {other:?}"),
    }
}

/// Where `step` is in the moves menu of the selected case, counted from 1.
pub fn menu_position(d: &mut Desk, step: Step) -> usize {
    d.press("m");
    let position = menu(d).steps.iter().position(|s| *s == step).expect("offered") + 1;
    d.press("esc");
    position
}

/// The open form, or a panic saying what is open instead.
pub fn form(app: &App) -> &FormModal {
    match &app.modal {
        Some(Modal::Form(form)) => form,
        other => panic!("expected a form, found {other:?}"),
    }
}

pub fn text_of(app: &App, field: Field) -> String {
    form(app).form.text(field)
}

pub fn error_of(app: &App, field: Field) -> Option<String> {
    form(app).form.get(field).and_then(|f| f.error.clone())
}

pub fn focused(app: &App) -> Field {
    form(app).form.focused().expect("a focused field").field
}

pub fn column(app: &App, state: State) -> &Column {
    app.board
        .columns
        .iter()
        .find(|c| c.state == state)
        .unwrap_or_else(|| panic!("no {state:?} column"))
}

pub fn ids_in(app: &App, state: State) -> Vec<CaseId> {
    column(app, state).cards.iter().map(|c| c.id).collect()
}

pub fn flash(app: &App) -> (String, bool) {
    let f = app.flash.as_ref().expect("a message at the bottom");
    (f.text.clone(), f.error)
}

/// The terminal `app` draws on, at its size, without colour: what a
/// snapshot takes.
pub fn drawn(app: &App) -> ratatui::Terminal<ratatui::backend::TestBackend> {
    let (width, height) = app.size;
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    let theme = klachtdesk::ui::Theme::new(false);
    terminal
        .draw(|frame| klachtdesk::ui::draw(app, &theme, frame))
        .unwrap();
    terminal
}

/// The screen `app` draws, line by line, at its size.
pub fn screen(app: &App) -> Vec<String> {
    let (width, height) = app.size;
    let terminal = drawn(app);
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect()
}

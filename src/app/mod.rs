//! The app: the state of one operator's screen, and `update`, the one place it
//! changes. It knows nothing of the terminal it is drawn on, so several Apps
//! can run over one shared store in one process (a future multi-operator server).

pub mod action;
pub mod board;
pub mod cases;
pub mod deadline;
pub mod effects;
pub mod filter_menu;
pub mod filters;
pub mod form;
pub mod forms;
pub mod geometry;
pub mod hints;
pub mod learnings;
pub mod letters;
pub mod masking;
pub mod modal;
pub mod moves_menu;
pub mod pane;
pub mod presence;
pub mod queue;
pub mod recurrence;
pub mod replace;
pub mod reports;
pub mod save_as;
pub mod search;
mod search_entry;
pub mod settings;
mod source;
pub use source::read_queue;
pub mod timeline;
pub mod undo;
mod update;

use std::borrow::Cow;

use chrono::{DateTime, Utc};

use crate::domain::case::{CaseId, Contact};
use crate::domain::event::Event;
use crate::domain::mask;
use crate::domain::workflow::Rules;
use crate::i18n::Lang;
use crate::keymap::{Context, Keymap};

pub use action::{Action, Effect, Msg, Notice};
use board::Board;
use filters::Filters;
pub use modal::Modal;
pub use presence::{Presence, Seat};
pub use queue::Queue;
pub use settings::Settings;
pub use update::update;

/// The lines of the help's legend of the marks on the cards (its heading,
/// one line per mark, a blank line).
pub const HELP_LEGEND_LINES: usize = 3;
/// How an operator likes their board, kept by the desk for their next one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Preferences {
    /// Cards of one line.
    pub compact: bool,
    /// Personal data masked.
    pub masked: bool,
}

/// A message at the bottom of the screen: what just happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flash {
    pub text: String,
    pub error: bool,
    pub at: DateTime<Utc>,
}

/// A case opened beside (or over) the board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CasePane {
    pub id: CaseId,
    /// The selected row: a field (an index into [`pane::PANE_FIELDS`]) or,
    /// after the fields, an entry of the timeline (newest first). The pane
    /// scrolls to keep it in view.
    pub row: usize,
    /// The case's audit trail, as last loaded.
    pub events: Vec<Event>,
}

/// Everything one operator's screen shows.
#[derive(Debug, Clone)]
pub struct App {
    pub lang: Lang,
    pub operator: String,
    pub rules: Rules,
    pub keymap: Keymap,
    pub now: DateTime<Utc>,
    /// The terminal's size, for scrolling and the mouse.
    pub size: (u16, u16),
    /// The desk's queue, shared with every other session in this process.
    pub cases: Queue,
    pub board: Board,
    pub filters: Filters,
    pub pane: Option<CasePane>,
    pub modal: Option<Modal>,
    pub flash: Option<Flash>,
    /// What this session carries of its own (templates, exports, colour).
    pub settings: Settings,
    /// Where every session of the desk is, this one's under `seat`.
    pub presence: Presence,
    pub seat: u64,
    /// This operator's last change, which `u` takes back.
    pub last_change: Option<undo::OwnChange>,
    /// The change last asked of the desk, until it answers.
    pub asked: Option<undo::Asked>,
    /// Records the store could not read, reported once at start.
    pub unreadable: Vec<String>,
    /// The recurrence alerts this operator has seen, each shown once.
    pub told: recurrence::Told,
    /// Personal data masked on this board (screen sharing): every screen
    /// shows contacts through [`App::contact`].
    pub masked: bool,
    pub quit: bool,
}

impl App {
    pub fn new(
        lang: Lang,
        operator: String,
        rules: Rules,
        keymap: Keymap,
        now: DateTime<Utc>,
        cases: Queue,
        size: (u16, u16),
    ) -> App {
        let mut app = App {
            lang,
            operator,
            rules,
            keymap,
            now,
            size,
            cases,
            board: Board::default(),
            filters: Filters::default(),
            pane: None,
            modal: None,
            flash: None,
            settings: Settings::default(),
            presence: Presence::default(),
            seat: 0,
            last_change: None,
            asked: None,
            unreadable: Vec::new(),
            told: Default::default(),
            masked: false,
            quit: false,
        };
        app.rebuild();
        // An operator starting a shift starts at the most urgent case.
        app.board.jump_to_urgent();
        app.scroll_into_view();
        app
    }

    /// Re-derives the board from the cases, filters and clock.
    pub fn rebuild(&mut self) {
        self.board.rebuild(
            &self.cases.read(),
            &self.filters,
            &self.operator,
            &self.rules.policy,
            self.now,
        );
        self.scroll_into_view();
    }

    pub fn geometry(&self) -> Option<geometry::Geometry> {
        geometry::Geometry::of(self.size.0, self.size.1, self.pane.is_some())
            .map(|g| g.compact(self.board.compact))
    }

    pub fn scroll_into_view(&mut self) {
        if let Some(g) = self.geometry() {
            let columns = g.visible_columns(self.board.columns.len());
            self.board.scroll_into_view(g.visible_cards(), columns);
            self.board.scroll_queue(g.queue_rows());
        }
    }

    /// Where the keys go now.
    pub fn context(&self) -> Context {
        match &self.modal {
            Some(modal) => modal.context(),
            None if self.pane.is_some() => Context::Case,
            None => Context::Board,
        }
    }

    /// Opens a case in the pane, selecting it on the board if it is shown there.
    pub fn open_case(&mut self, id: CaseId) -> Vec<Effect> {
        self.board.select_case(id);
        self.pane = Some(CasePane {
            id,
            row: 0,
            events: Vec::new(),
        });
        self.scroll_into_view();
        vec![Effect::LoadEvents(id)]
    }

    /// How many rows the open case's pane has: its fields, then its timeline.
    pub fn pane_rows(&self) -> usize {
        let Some(pane) = &self.pane else { return 0 };
        let timeline = self.cases.case(pane.id).map_or(0, |c| {
            c.contact_log.len() + timeline::events(&c, &pane.events).count()
        });
        pane::PANE_FIELDS.len() + timeline
    }

    /// Whether the open case's selected row can be edited: a field (the
    /// timeline is history) of a case still open.
    pub fn pane_row_editable(&self) -> bool {
        let Some(pane) = &self.pane else { return false };
        pane.row < pane::PANE_FIELDS.len() && self.cases.case(pane.id).is_some_and(|c| c.state.is_open())
    }

    /// How far the help can scroll: its lines less what the screen shows.
    pub fn help_max_scroll(&self) -> u16 {
        let lines: usize = Context::HELP_ORDER
            .iter()
            .map(|c| self.keymap.own_bindings(*c).len() + 2)
            .sum::<usize>()
            + HELP_LEGEND_LINES
            + 1;
        let shown = usize::from(self.size.1.saturating_sub(4));
        u16::try_from(lines.saturating_sub(shown)).unwrap_or(u16::MAX)
    }

    /// The case keys act on: the one open in the pane, else the card selected.
    pub fn current_case(&self) -> Option<CaseId> {
        self.pane
            .as_ref()
            .map(|p| p.id)
            .or_else(|| self.board.selected_id())
    }

    /// Where this operator is: the case open in the pane or a form, and the
    /// field an edit form is for.
    pub fn seat_now(&self) -> Seat {
        let form = match &self.modal {
            Some(Modal::Form(form)) => Some(form),
            _ => None,
        };
        let case = form
            .and_then(|f| f.purpose.case())
            .or_else(|| self.pane.as_ref().map(|p| p.id));
        let field = form.and_then(|f| match f.purpose {
            forms::Purpose::Edit { field, .. } => Some(field),
            _ => None,
        });
        Seat {
            operator: self.operator.clone(),
            case,
            field,
        }
    }

    /// The other operators on case `id`, and the field each is editing.
    pub fn others_on(&self, id: CaseId) -> Vec<(String, Option<crate::domain::problem::Field>)> {
        self.presence.others_on(self.seat, id)
    }

    /// How this operator has their board now.
    pub fn preferences(&self) -> Preferences {
        Preferences {
            compact: self.board.compact,
            masked: self.masked,
        }
    }

    /// Shows the board as the operator had it.
    pub fn prefer(&mut self, preferences: Preferences) {
        self.board.compact = preferences.compact;
        self.masked = preferences.masked;
        self.scroll_into_view();
    }

    /// A contact as this board shows it: masked while masking is on.
    pub fn contact<'c>(&self, contact: &'c Contact) -> Cow<'c, Contact> {
        if self.masked {
            Cow::Owned(mask::contact(contact))
        } else {
            Cow::Borrowed(contact)
        }
    }

    /// A field's value as this board shows it: a personal detail masked
    /// while masking is on.
    pub fn shown(&self, field: crate::domain::problem::Field, value: &str) -> String {
        if self.masked {
            mask::field(field, value)
        } else {
            value.to_string()
        }
    }

    pub fn flash(&mut self, text: impl Into<String>, error: bool) {
        self.flash = Some(Flash {
            text: text.into(),
            error,
            at: self.now,
        });
    }
}

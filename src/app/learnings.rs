//! The learnings register: every learning of the closed cases, grouped by
//! service and root cause, with the cases behind each. It opens typing into
//! its search (as the case search does); Esc ends the typing, after which `e`
//! writes what is shown as Markdown and Backspace (or a key with no binding
//! here) types again. Enter opens the selected entry's first case.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::Rect;

use super::modal::{Outcome, Typed};
use super::reports::screen;
use super::{Action, App, Effect, Modal};
use crate::domain::case::CaseId;
use crate::domain::learnings::{Entry, register, words};
use crate::domain::recurrence::Recurring;
use crate::i18n::{Lang, T, date};
use crate::sanitize::one_line;

#[derive(Debug, Clone, Default)]
pub struct LearningsView {
    /// The whole register, as it stood when the screen was opened.
    pub entries: Vec<Entry>,
    pub query: String,
    /// Keys go to the query (until Esc or Enter).
    pub typing: bool,
    /// The entries that match the query, by index into `entries`.
    pub shown: Vec<usize>,
    /// The selected entry, by index into `shown`.
    pub selected: usize,
    /// The first entry on screen, by index into `shown`.
    pub offset: usize,
    /// The causes that recurred, by service name, and the pattern's days.
    pub recurring: Recurring,
    pub days: u32,
}

impl LearningsView {
    pub fn open(app: &App) -> Self {
        let name = |id: &str| crate::i18n::service_name(app.lang, id).to_string();
        let pattern = app.settings.patterns;
        let mut view = LearningsView {
            entries: register(app.cases.read().iter(), name),
            recurring: Recurring::find(app.cases.read().iter(), pattern).by_name(name),
            days: pattern.days,
            typing: true,
            ..Default::default()
        };
        view.refilter();
        view
    }

    /// Whether keys are being typed into the search.
    pub fn typing(&self) -> bool {
        self.typing
    }

    pub fn selected_entry(&self) -> Option<&Entry> {
        self.shown.get(self.selected).map(|&i| &self.entries[i])
    }

    /// The entries shown, in order.
    pub fn shown_entries(&self) -> impl Iterator<Item = &Entry> {
        self.shown.iter().map(|&i| &self.entries[i])
    }

    fn refilter(&mut self) {
        let words = words(&self.query);
        self.shown = (0..self.entries.len())
            .filter(|&i| self.entries[i].matches(&words))
            .collect();
        self.selected = 0;
        self.offset = 0;
    }

    /// How many lines entry `i` (of `shown`) takes when `first` is the first
    /// on screen: its service's name when that changes, its own line, a line
    /// per learning.
    pub fn lines_of(&self, i: usize, first: usize) -> usize {
        let entry = &self.entries[self.shown[i]];
        let new_service = i == first || self.entries[self.shown[i - 1]].service != entry.service;
        usize::from(new_service) + 1 + entry.lessons.len()
    }

    fn select(&mut self, delta: isize, size: (u16, u16)) {
        let last = self.shown.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize)
            .saturating_add(delta)
            .clamp(0, last.max(0)) as usize;
        self.scroll_into_view(size);
    }

    /// Moves the first entry on screen so that the selected one is shown whole.
    pub fn scroll_into_view(&mut self, size: (u16, u16)) {
        let height = usize::from(layout(screen(size)).list.height);
        if self.selected < self.offset {
            self.offset = self.selected;
        }
        while self.offset < self.selected
            && (self.offset..=self.selected)
                .map(|i| self.lines_of(i, self.offset))
                .sum::<usize>()
                > height
        {
            self.offset += 1;
        }
    }

    fn type_char(&mut self, c: char) {
        if c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
            return;
        }
        self.query.push(c);
        self.typing = true;
        self.refilter();
    }
}

/// Where the parts of the register go on a screen `area`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub outer: Rect,
    /// The search, or how to search.
    pub search: Rect,
    pub list: Rect,
    /// The selected entry in full, from 16 lines inside the box.
    pub detail: Option<Rect>,
    pub hints: Rect,
}

pub fn layout(area: Rect) -> Layout {
    let r = super::reports::layout(area, false);
    let inner_height = r.outer.height.saturating_sub(2);
    let detail_height = if inner_height >= 16 { inner_height / 3 } else { 0 };
    let list_height = r.body.height.saturating_sub(detail_height);
    let detail = (detail_height > 0).then_some(Rect {
        y: r.body.y + list_height,
        height: detail_height,
        ..r.body
    });
    Layout {
        outer: r.outer,
        search: r.title,
        list: Rect {
            height: list_height,
            ..r.body
        },
        detail,
        hints: r.hints,
    }
}

pub fn handle(app: &mut App, view: &mut LearningsView, typed: Typed) -> (Outcome, Vec<Effect>) {
    let page = (usize::from(layout(screen(app.size)).list.height) / 3).max(1) as isize;
    match typed {
        Typed::Action(Action::Back) => {
            if view.typing {
                view.typing = false;
            } else if !view.query.is_empty() {
                view.query.clear();
                view.refilter();
            } else {
                return (Outcome::Close, Vec::new());
            }
        }
        Typed::Action(Action::Open) => {
            if let Some(&id) = view.selected_entry().and_then(|e| e.cases.first()) {
                return (Outcome::Close, app.open_case(id));
            }
            view.typing = false;
        }
        Typed::Action(Action::Up) => view.select(-1, app.size),
        Typed::Action(Action::Down) => view.select(1, app.size),
        Typed::Action(Action::PageUp) => view.select(-page, app.size),
        Typed::Action(Action::PageDown) => view.select(page, app.size),
        Typed::Action(Action::Export) => return export(app, view),
        Typed::Action(Action::Reports) => {
            let view = super::reports::ReportView::open(app);
            let load = view.load(app);
            app.modal = Some(Modal::Report(Box::new(view)));
            return (Outcome::Close, vec![load]);
        }
        Typed::Action(Action::Help) => {
            app.modal = Some(Modal::Help { scroll: 0 });
            return (Outcome::Close, Vec::new());
        }
        Typed::Key(key)
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            match key.code {
                KeyCode::Char(c) => view.type_char(c),
                KeyCode::Backspace => {
                    view.query.pop();
                    view.typing = true;
                    view.refilter();
                }
                KeyCode::PageUp => view.select(-page, app.size),
                KeyCode::PageDown => view.select(page, app.size),
                _ => {}
            }
        }
        Typed::Paste(text) => {
            for c in one_line(&text).chars() {
                view.type_char(c);
            }
        }
        _ => {}
    }
    (Outcome::Stay, Vec::new())
}

/// `e`: asks where to write the register as Markdown.
fn export(app: &mut App, view: &LearningsView) -> (Outcome, Vec<Effect>) {
    let today = app.rules.policy.local_date(app.now);
    let name = std::path::PathBuf::from(format!("klachtdesk-learnings-{today}.md"));
    let contents = markdown(app.lang, view, today);
    super::save_as::ask_over(app, Modal::Learnings(Box::new(view.clone())), &name, contents)
}

/// The register as shown (the search applied), as Markdown a manager can read
/// and act on: a section per service, a point per root cause with its cases,
/// and what was learnt beneath it.
pub fn markdown(lang: Lang, view: &LearningsView, today: chrono::NaiveDate) -> String {
    let mut out = format!("# {}\n\n", lang.t(T::LearningsTitle));
    out.push_str(&lang.fill(T::LearningsExported, &[("date", &date(lang, today))]));
    if !view.query.trim().is_empty() {
        out.push(' ');
        out.push_str(&lang.fill(T::LearningsSearched, &[("query", &one_line(view.query.trim()))]));
    }
    out.push('\n');
    let mut service: Option<&str> = None;
    for entry in view.shown_entries() {
        if service != Some(entry.service.as_str()) {
            service = Some(entry.service.as_str());
            out.push_str(&format!("\n## {}\n\n", one_line(&entry.service)));
        }
        let mark = recurring_mark(lang, view, entry)
            .map(|m| format!(" · {m}"))
            .unwrap_or_default();
        out.push_str(&format!(
            "- **{}**{mark} ({})\n",
            root_cause(lang, entry),
            cases(lang, &entry.cases)
        ));
        for lesson in &entry.lessons {
            out.push_str(&format!("  - {}", one_line(&lesson.text)));
            if entry.lessons.len() > 1 {
                out.push_str(&format!(" ({})", ids(&lesson.cases)));
            }
            out.push('\n');
        }
    }
    if view.shown.is_empty() {
        out.push_str(&format!("\n{}\n", lang.t(T::LearningsNone)));
    }
    out
}

/// `recurring: 3 in 30 days`, for an entry whose cause recurred.
pub fn recurring_mark(lang: Lang, view: &LearningsView, entry: &Entry) -> Option<String> {
    if entry.root_cause.trim().is_empty() {
        return None;
    }
    let count = view.recurring.of(&entry.service, &entry.root_cause)?;
    Some(lang.fill(T::RecurringMark, &[("count", &count), ("days", &view.days)]))
}

/// The root cause as written, or a note that none was recorded.
pub fn root_cause(lang: Lang, entry: &Entry) -> String {
    if entry.root_cause.trim().is_empty() {
        lang.t(T::LearningsNoRootCause).to_string()
    } else {
        one_line(&entry.root_cause)
    }
}

/// `3 cases: K-2026-0003, K-2026-0017, K-2026-0031`.
pub fn cases(lang: Lang, cases: &[CaseId]) -> String {
    let key = if cases.len() == 1 {
        T::LearningsOneCase
    } else {
        T::LearningsCases
    };
    lang.fill(key, &[("count", &cases.len()), ("ids", &ids(cases))])
}

fn ids(cases: &[CaseId]) -> String {
    cases
        .iter()
        .map(|id| id.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

//! The reports screen: the figures for a period, from the cases and audit
//! trails it needs. Opening it asks for the history from the period's start
//! ([`Effect::LoadHistory`]); the answer comes to [`history`]. Stepping to a
//! later period recomputes from the history already held; stepping to an
//! earlier one asks for the history from its start. The lines can be scrolled; Enter on a line about a case
//! (a breach, a repeat complainant, a root cause) opens that case.

pub mod rows;

use std::sync::Arc;

use chrono::{DateTime, Utc};

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::Rect;

use super::modal::{Outcome, Typed};
use super::{Action, App, Effect, Modal};
use crate::domain::case::Case;
use crate::domain::event::Event;
use crate::domain::recurrence::Recurring;
use crate::domain::report::{Period, Report};
use crate::exchange::report_csv as csv;
use crate::i18n::T;
use rows::Row;

/// Cases with their audit trails, as [`Effect::LoadHistory`] reads them.
pub type History = Arc<Vec<(Case, Vec<Event>)>>;

#[derive(Clone)]
pub struct ReportView {
    pub period: Period,
    /// The history held, and the start of the first period it serves.
    pub history: Option<(DateTime<Utc>, History)>,
    /// The figures for `period`; `None` while the history is being read.
    pub report: Option<Report>,
    /// The report's lines in the operator's language.
    pub rows: Vec<Row>,
    /// The selected line.
    pub row: usize,
    /// The first line shown.
    pub offset: usize,
}

impl std::fmt::Debug for ReportView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReportView")
            .field("period", &self.period)
            .field("cases", &self.history.as_ref().map(|(_, h)| h.len()))
            .field("row", &self.row)
            .finish_non_exhaustive()
    }
}

impl ReportView {
    /// This month's report, waiting for the history.
    pub fn open(app: &App) -> Self {
        let today = app.rules.policy.local_date(app.now);
        Self::for_period(Period::this_month(today))
    }

    pub fn for_period(period: Period) -> Self {
        ReportView {
            period,
            history: None,
            report: None,
            rows: Vec::new(),
            row: 0,
            offset: 0,
        }
    }

    /// Asks for the history the period needs.
    pub fn load(&self, app: &App) -> Effect {
        Effect::LoadHistory {
            since: self.period.starts_at(&app.rules.policy),
        }
    }

    /// Whether the history held serves the period.
    fn serves(&self, app: &App) -> bool {
        self.history
            .as_ref()
            .is_some_and(|(since, _)| *since <= self.period.starts_at(&app.rules.policy))
    }

    /// Computes the figures for the period from the history held, if it
    /// serves the period.
    pub fn recompute(&mut self, app: &App) {
        let Some((_, history)) = self.history.as_ref().filter(|_| self.serves(app)) else {
            return;
        };
        let report = Report::compute(history, self.period, &app.rules, app.now);
        let pattern = app.settings.patterns;
        let recurring = Recurring::find(app.cases.read().iter(), pattern);
        let shown = super::masking::report(app, &report);
        self.rows = rows::marked_rows(app.lang, &shown, &recurring, pattern.days);
        self.report = Some(report);
        self.row = self.row.min(self.rows.len().saturating_sub(1));
        self.scroll_into_view(app.size);
    }

    /// Shows `period`: at once from the history held when it serves the
    /// period, or (the figures cleared meanwhile) once the history from the
    /// period's start has been read.
    fn show_period(&mut self, app: &App, period: Period) -> Vec<Effect> {
        self.period = period;
        self.row = 0;
        self.offset = 0;
        if self.serves(app) {
            self.recompute(app);
            return Vec::new();
        }
        self.report = None;
        self.rows.clear();
        vec![self.load(app)]
    }

    fn select(&mut self, delta: isize, size: (u16, u16)) {
        let last = self.rows.len().saturating_sub(1) as isize;
        self.row = (self.row as isize).saturating_add(delta).clamp(0, last.max(0)) as usize;
        // The blank line between sections is passed over.
        if self
            .rows
            .get(self.row)
            .is_some_and(|r| r.kind == rows::Kind::Blank)
        {
            let step = if delta < 0 { -1 } else { 1 };
            self.row = (self.row as isize + step).clamp(0, last.max(0)) as usize;
        }
        self.scroll_into_view(size);
    }

    /// Keeps the selected line among those shown on a screen of `size`.
    pub fn scroll_into_view(&mut self, size: (u16, u16)) {
        let body = layout(screen(size), self.report.is_some()).body;
        let shown = capacity(body, rows::widest_figure(&self.rows));
        if self.row < self.offset {
            self.offset = self.row;
        } else if self.row >= self.offset + shown {
            self.offset = self.row + 1 - shown;
        }
        self.offset = self.offset.min(self.rows.len().saturating_sub(shown));
    }

    /// The file an export goes to: in the current folder, named by the period.
    pub fn export_path(&self) -> std::path::PathBuf {
        format!("klachtdesk-report-{}-{}.csv", self.period.from, self.period.to).into()
    }
}

/// Where the parts of the reports screen go on a screen `area`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// The box, border included.
    pub outer: Rect,
    /// The period and the moment the figures stand at.
    pub title: Rect,
    /// Complaints per week, when there is room.
    pub chart: Option<Rect>,
    /// The scrolled lines.
    pub body: Rect,
    /// The keys.
    pub hints: Rect,
}

/// From this width on, the lines flow on in a second column, as in a newspaper.
pub const TWO_COLUMNS_FROM: u16 = 110;

/// The columns the lines are shown in: two on a wide screen where the key
/// figures, `widest` columns at most, fit whole in each; else one.
pub fn columns(body: Rect, widest: usize) -> Vec<Rect> {
    let gap = 3;
    let left = body.width.saturating_sub(gap) / 2;
    if body.width < TWO_COLUMNS_FROM || usize::from(left) < widest {
        return vec![body];
    }
    vec![
        Rect { width: left, ..body },
        Rect {
            x: body.x + left + gap,
            width: body.width - left - gap,
            ..body
        },
    ]
}

/// How many lines the body shows at once (at least one).
pub fn capacity(body: Rect, widest: usize) -> usize {
    (usize::from(body.height) * columns(body, widest).len()).max(1)
}

/// A centred area of at most `width` × `height` inside `area`.
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

pub(super) fn screen(size: (u16, u16)) -> Rect {
    Rect::new(0, 0, size.0, size.1)
}

/// The layout of the screen: nearly all of it, the chart only from 20 lines
/// inside the box and with the figures loaded.
pub fn layout(area: Rect, loaded: bool) -> Layout {
    let width = if area.width > 40 {
        (area.width - 4).min(150)
    } else {
        area.width
    };
    // The header stays above, the status line (with "Written to …") and the
    // footer below.
    let outer = if area.height > 16 {
        let below = Rect {
            y: area.y + 1,
            height: area.height - 3,
            ..area
        };
        centred(below, width, below.height)
    } else {
        centred(area, width, area.height)
    };
    let inner = Rect {
        x: outer.x.saturating_add(1),
        y: outer.y.saturating_add(1),
        width: outer.width.saturating_sub(2),
        height: outer.height.saturating_sub(2),
    };
    let line = |y: u16| Rect {
        y,
        height: u16::from(inner.height > 0),
        ..inner
    };
    let title = line(inner.y);
    let hints = if inner.height >= 3 {
        line(inner.bottom() - 1)
    } else {
        Rect { height: 0, ..title }
    };
    let chart_height = if loaded && inner.height >= 20 {
        (inner.height / 4).min(9)
    } else {
        0
    };
    let top = inner.y + title.height;
    let chart = (chart_height > 0).then_some(Rect {
        y: top,
        height: chart_height,
        ..inner
    });
    let body_y = top + chart_height;
    let bottom = if hints.height > 0 { hints.y } else { inner.bottom() };
    let body = Rect {
        y: body_y,
        height: bottom.saturating_sub(body_y),
        ..inner
    };
    Layout {
        outer,
        title,
        chart,
        body,
        hints,
    }
}

pub fn handle(app: &mut App, view: &mut ReportView, typed: Typed) -> (Outcome, Vec<Effect>) {
    let body = layout(screen(app.size), view.report.is_some()).body;
    let page = capacity(body, rows::widest_figure(&view.rows)) as isize;
    match typed {
        Typed::Action(Action::Back) => return (Outcome::Close, Vec::new()),
        Typed::Action(Action::Up) => view.select(-1, app.size),
        Typed::Action(Action::Down) => view.select(1, app.size),
        Typed::Action(Action::PageUp) => view.select(-page, app.size),
        Typed::Action(Action::PageDown) => view.select(page, app.size),
        Typed::Action(Action::First) => view.select(isize::MIN / 2, app.size),
        Typed::Action(Action::Last) => view.select(isize::MAX / 2, app.size),
        Typed::Action(Action::PrevPeriod) => {
            return (Outcome::Stay, view.show_period(app, view.period.prev()));
        }
        Typed::Action(Action::NextPeriod) => {
            return (Outcome::Stay, view.show_period(app, view.period.next()));
        }
        Typed::Action(Action::Export) => return export(app, view),
        Typed::Action(Action::Open) => {
            if let Some(id) = view.rows.get(view.row).and_then(|r| r.case) {
                return (Outcome::Close, app.open_case(id));
            }
        }
        // `r` again reads the cases anew.
        Typed::Action(Action::Reports) => return (Outcome::Stay, vec![view.load(app)]),
        Typed::Action(Action::Learnings) => {
            app.modal = Some(Modal::Learnings(Box::new(super::learnings::LearningsView::open(
                app,
            ))));
            return (Outcome::Close, Vec::new());
        }
        Typed::Action(Action::Help) => {
            app.modal = Some(Modal::Help { scroll: 0 });
            return (Outcome::Close, Vec::new());
        }
        Typed::Key(key) if key.modifiers.difference(KeyModifiers::SHIFT).is_empty() => match key.code {
            // Unbound keys: `p` cycles month, quarter, year; `t` goes back to today's.
            KeyCode::Char('p') => return (Outcome::Stay, view.show_period(app, view.period.cycle_kind())),
            KeyCode::Char('t') => {
                let today = app.rules.policy.local_date(app.now);
                let period = view.period.of_kind(view.period.kind, today);
                return (Outcome::Stay, view.show_period(app, period));
            }
            KeyCode::Home => view.select(isize::MIN / 2, app.size),
            KeyCode::End => view.select(isize::MAX / 2, app.size),
            _ => {}
        },
        _ => {}
    }
    (Outcome::Stay, Vec::new())
}

/// `e`: asks where to write the report as CSV.
fn export(app: &mut App, view: &ReportView) -> (Outcome, Vec<Effect>) {
    match &view.report {
        Some(report) => {
            let contents = csv::csv(report);
            let under = Modal::Report(Box::new(view.clone()));
            super::save_as::ask_over(app, under, &view.export_path(), contents)
        }
        None => {
            app.flash(app.lang.t(T::ReportStillLoading), false);
            (Outcome::Stay, Vec::new())
        }
    }
}

/// The cases and their audit trails from `since` arrived: for the open
/// report screen.
pub fn history(app: &mut App, since: DateTime<Utc>, history: History) {
    if !matches!(app.modal, Some(Modal::Report(_))) {
        return;
    }
    if let Some(Modal::Report(mut view)) = app.modal.take() {
        view.history = Some((since, history));
        view.recompute(app);
        app.modal = Some(Modal::Report(view));
    }
}

//! The queue view: every open case on the board (filters apply) in one
//! table, most urgent first — breached first, the latest first, then by
//! working time left. What an operator starting a shift looks at.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::Theme;
use super::text::{fit, pad};
use crate::app::App;
use crate::i18n::{self, T};

/// Widths of the case, state, handler and deadline columns; contact and
/// service share what is left. Below 100 columns the handler and the
/// deadline make room.
/// The case number and the repeat-complainant marker (`K-2026-0042 2×`).
const CASE: usize = 11 + MARKER;
const MARKER: usize = 3;
const STATE: usize = 14;

fn handler_and_deadline(width: usize) -> (usize, usize) {
    if width < 100 { (9, 19) } else { (16, 25) }
}

pub fn draw(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(g) = app.geometry() else { return };
    if area.width < 4 || area.height < 3 {
        return;
    }
    let lang = app.lang;
    let inner = Rect::new(area.x + 1, area.y, area.width - 2, area.height);
    let width = usize::from(inner.width);
    let ranked = app.board.by_urgency();
    let (handler, deadline) = handler_and_deadline(width);
    let rest = width.saturating_sub(CASE + STATE + handler + deadline + 6);
    // The room the repeat marker takes comes off the contact: the service
    // keeps its width.
    let shared = rest + MARKER;
    let service = shared - shared * 3 / 5;
    let contact = rest.saturating_sub(service);
    let widths = [CASE, STATE, contact, service, handler, deadline];
    let row = |cells: [String; 6]| -> Vec<String> {
        cells
            .iter()
            .zip(widths)
            .map(|(text, w)| pad(&fit(text, w), w))
            .collect()
    };
    let title = lang.fill(T::QueueTitle, &[("count", &ranked.len())]);
    let heading = row([
        lang.t(T::QueueCase).into(),
        lang.t(T::QueueState).into(),
        lang.t(T::QueueContact).into(),
        lang.t(T::QueueService).into(),
        lang.t(T::QueueHandler).into(),
        lang.t(T::QueueDeadline).into(),
    ]);
    let mut lines = vec![
        Line::from(Span::styled(pad(&fit(&title, width), width), theme.title())),
        Line::from(Span::styled(format!(" {}", heading.join(" ")), theme.label())),
    ];
    if ranked.is_empty() {
        lines.push(Line::from(Span::styled(lang.t(T::ColumnEmpty), theme.muted())));
    }
    let selected = app.board.queue_index();
    let queue = app.cases.read();
    let rows = g.queue_rows();
    for (at, card) in ranked.iter().enumerate().skip(app.board.queue_offset).take(rows) {
        let Some(case) = queue.get(card.id) else {
            continue;
        };
        let (badge, urgency) = super::badge::of(app, case, card, usize::MAX);
        let person = app.contact(&case.contact);
        let contact_text = match person.organisation.as_deref() {
            Some(org) => format!("{} · {org}", person.name),
            None => person.name.clone(),
        };
        let cells = row([
            super::repeat::label(lang, card),
            lang.t(i18n::state_short_key(case.state)).into(),
            contact_text,
            i18n::service_name(lang, &case.service).to_string(),
            case.handler.clone().unwrap_or_default(),
            badge,
        ]);
        let is_selected = at == selected && app.pane.is_none();
        let base = if is_selected {
            theme.selected()
        } else {
            Style::new()
        };
        let marker = Span::styled(if is_selected { "▌" } else { " " }, theme.focus_border());
        let mut spans = vec![marker];
        for (i, cell) in cells.into_iter().enumerate() {
            let style = match i {
                0 => theme.title(),
                5 => theme.urgency(urgency),
                3 => theme.muted(),
                _ => Style::new(),
            };
            spans.push(Span::styled(cell, style));
            if i < 5 {
                spans.push(Span::raw(" "));
            }
        }
        lines.push(Line::from(spans).style(base));
    }
    let below = ranked.len().saturating_sub(app.board.queue_offset + rows);
    if below > 0 && lines.len() > 2 {
        let more = lang.fill(T::MoreBelow, &[("count", &below)]);
        let title = format!("{} {more}", fit(&title, width.saturating_sub(more.width() + 1)));
        lines[0] = Line::from(Span::styled(pad(&title, width), theme.title()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

//! The board: a column per state, headed by its name, count and breaches; a card
//! per case with what an operator decides on at a glance.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::Theme;
use super::text::{fit, pad};
use super::theme::Urgency;
use crate::app::App;
use crate::app::board::{Card, Column};
use crate::app::geometry::Geometry;
use crate::i18n::{self, T, state_key};

pub fn draw(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(g) = app.geometry() else { return };
    if area.width == 0 {
        return;
    }
    let board = &app.board;
    let shown = g.visible_columns(board.columns.len());
    for (slot, col_area) in g.columns(shown).into_iter().enumerate() {
        let c = board.first_column + slot;
        let Some(column) = board.columns.get(c) else {
            continue;
        };
        let focused = c == board.column && app.pane.is_none() && app.modal.is_none();
        draw_column(app, theme, frame, col_area, c, column, focused, &g);
    }
}

#[allow(clippy::too_many_arguments)]
fn draw_column(
    app: &App,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    c: usize,
    column: &Column,
    focused: bool,
    g: &Geometry,
) {
    let lang = app.lang;
    let inner = Rect::new(area.x + 1, area.y, area.width.saturating_sub(2), area.height);
    let width = usize::from(inner.width);
    let name = lang.t(state_key(column.state));
    let count = format!(" {}", column.cards.len());
    let late = if column.breached > 0 {
        format!(" !{}", column.breached)
    } else {
        String::new()
    };
    let name = fit(name, width.saturating_sub(count.width() + late.width()));
    let title_style = if focused {
        theme.title().patch(theme.focus_border())
    } else {
        theme.title()
    };
    let title = Line::from(vec![
        Span::styled(name, title_style),
        Span::raw(count),
        Span::styled(late, theme.urgency(Urgency::Breached)),
    ]);
    let rule_style = if focused {
        theme.focus_border()
    } else {
        theme.muted()
    };
    let offset = app.board.offset(c);
    let visible = g.visible_cards();
    let below = column.cards.len().saturating_sub(offset + visible);
    let more = if below > 0 {
        format!(" {}", lang.fill(T::MoreBelow, &[("count", &below)]))
    } else {
        String::new()
    };
    let rule = Line::from(vec![
        Span::styled("─".repeat(width.saturating_sub(more.width())), rule_style),
        Span::styled(more, theme.muted()),
    ]);
    frame.render_widget(
        Paragraph::new(vec![title, rule]),
        Rect {
            height: 2.min(inner.height),
            ..inner
        },
    );

    if column.cards.is_empty() {
        let empty = Line::from(Span::styled(lang.t(T::ColumnEmpty), theme.muted()));
        let at = Geometry::card(inner, 0);
        frame.render_widget(
            Paragraph::new(empty),
            Rect {
                height: 1.min(at.height),
                ..at
            },
        );
        return;
    }
    let selected = app.board.selected_index(c);
    for (slot, card) in column.cards.iter().skip(offset).take(visible).enumerate() {
        let at = Geometry::card(inner, slot);
        if at.height == 0 {
            break;
        }
        let is_selected = offset + slot == selected && c == app.board.column;
        draw_card(app, theme, frame, at, card, is_selected);
    }
}

/// A card: the case number, the running deadline's badge, the contact and the
/// service, each on its own line so that nothing wraps.
fn draw_card(app: &App, theme: &Theme, frame: &mut Frame, area: Rect, card: &Card, selected: bool) {
    let queue = app.cases.read();
    let Some(case) = queue.get(card.id) else {
        return;
    };
    let lang = app.lang;
    let width = usize::from(area.width).saturating_sub(1);
    let badge = if case.is_open() {
        i18n::badge(lang, card.target, &card.status)
    } else {
        i18n::state_label(lang, case)
    };
    let urgency = if case.is_open() {
        Urgency::of(&card.status)
    } else {
        Urgency::Quiet
    };
    let base = if selected { theme.selected() } else { Style::new() };
    let marker = Span::styled(if selected { "▌" } else { " " }, theme.focus_border());
    let contact = match case.contact.organisation.as_deref() {
        Some(org) => format!("{} · {org}", case.contact.name),
        None => case.contact.name.clone(),
    };
    let line = |text: String, style: Style| {
        Line::from(vec![
            marker.clone(),
            Span::styled(pad(&fit(&text, width), width), style),
        ])
    };
    // Who else has it open: first names, after the number.
    let others = app.others_on(case.id);
    let first = if others.is_empty() {
        line(case.id.to_string(), theme.title())
    } else {
        let names: Vec<String> = others
            .iter()
            .map(|(name, field)| format!("{name}{}", if field.is_some() { " ✎" } else { "" }))
            .collect();
        let id = case.id.to_string();
        let rest = width.saturating_sub(id.len() + 3);
        Line::from(vec![
            marker.clone(),
            Span::styled(id, theme.title()),
            Span::styled(
                pad(&fit(&format!(" · {}", names.join(", ")), rest + 3), rest + 3),
                theme.muted(),
            ),
        ])
    };
    let lines = vec![
        first,
        line(badge, theme.urgency(urgency)),
        line(contact, Style::new()),
        line(case.service.clone(), theme.muted()),
    ];
    frame.render_widget(Paragraph::new(lines).style(base), area);
}

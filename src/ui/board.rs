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
    let areas = g.columns(shown);
    // Columns off-screen on either side: how many, and their breaches.
    let hidden = |range: std::ops::Range<usize>| {
        let columns = board.columns.get(range).unwrap_or_default();
        (columns.len(), columns.iter().map(|c| c.breached).sum::<usize>())
    };
    let left = hidden(0..board.first_column);
    let right = hidden((board.first_column + shown).min(board.columns.len())..board.columns.len());
    let last = areas.len().saturating_sub(1);
    for (slot, col_area) in areas.into_iter().enumerate() {
        let c = board.first_column + slot;
        let Some(column) = board.columns.get(c) else {
            continue;
        };
        let focused = c == board.column && app.pane.is_none() && app.modal.is_none();
        let edges = Edges {
            left: if slot == 0 { left } else { (0, 0) },
            right: if slot == last { right } else { (0, 0) },
        };
        draw_column(app, theme, frame, col_area, c, column, focused, &g, edges);
    }
}

/// Columns hidden beyond a column's sides: how many, and their breaches.
#[derive(Debug, Clone, Copy)]
struct Edges {
    left: (usize, usize),
    right: (usize, usize),
}

/// `◂2 !3`: columns off-screen on that side, with their breaches.
fn hidden_marker(lang: crate::i18n::Lang, key: T, (count, breached): (usize, usize)) -> (String, String) {
    if count == 0 {
        return (String::new(), String::new());
    }
    let marker = lang.fill(key, &[("count", &count)]);
    let late = if breached > 0 {
        format!("!{breached}")
    } else {
        String::new()
    };
    (marker, late)
}

/// The column's heading: its name (the short one when the full one does not
/// fit: never cut mid-word), count and breaches, and the markers of the
/// columns off-screen beside it.
fn heading<'a>(
    app: &App,
    theme: &Theme,
    column: &Column,
    width: usize,
    edges: Edges,
    style: Style,
) -> Line<'a> {
    let lang = app.lang;
    let count = format!(" {}", column.cards.len());
    let late = if column.breached > 0 {
        format!(" !{}", column.breached)
    } else {
        String::new()
    };
    let (left, left_late) = hidden_marker(lang, T::ColumnsLeft, edges.left);
    let (right, right_late) = hidden_marker(lang, T::ColumnsRight, edges.right);
    let left_text = if left.is_empty() {
        String::new()
    } else {
        format!("{left}{} ", prefixed(&left_late))
    };
    let right_text = if right.is_empty() {
        String::new()
    } else {
        format!(" {}{right}", suffixed(&right_late))
    };
    let room = width.saturating_sub(count.width() + late.width() + left_text.width() + right_text.width());
    let full = lang.t(state_key(column.state));
    let name = if full.width() <= room {
        full.to_string()
    } else {
        fit(lang.t(i18n::state_short_key(column.state)), room)
    };
    let used = left_text.width() + name.width() + count.width() + late.width() + right_text.width();
    let gap = " ".repeat(width.saturating_sub(used));
    let mut spans = Vec::new();
    if !left.is_empty() {
        spans.push(Span::styled(left, theme.muted()));
        if !left_late.is_empty() {
            spans.push(Span::styled(
                format!(" {left_late}"),
                theme.urgency(Urgency::Breached),
            ));
        }
        spans.push(Span::raw(" "));
    }
    spans.push(Span::styled(name, style));
    spans.push(Span::raw(count));
    spans.push(Span::styled(late, theme.urgency(Urgency::Breached)));
    if !right.is_empty() {
        spans.push(Span::raw(gap));
        spans.push(Span::raw(" "));
        if !right_late.is_empty() {
            spans.push(Span::styled(
                format!("{right_late} "),
                theme.urgency(Urgency::Breached),
            ));
        }
        spans.push(Span::styled(right, theme.muted()));
    }
    Line::from(spans)
}

fn prefixed(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!(" {text}")
    }
}

fn suffixed(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!("{text} ")
    }
}

/// `↑ 2 more !1`: cards scrolled out of view, with their breaches — a breached
/// card hidden above is the worst thing the board can hide.
fn more(lang: crate::i18n::Lang, key: T, cards: &[Card]) -> (String, String) {
    if cards.is_empty() {
        return (String::new(), String::new());
    }
    let text = lang.fill(key, &[("count", &cards.len())]);
    let breached = cards.iter().filter(|c| c.is_breached()).count();
    let late = if breached > 0 {
        format!(" !{breached}")
    } else {
        String::new()
    };
    (text, late)
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
    edges: Edges,
) {
    let lang = app.lang;
    let inner = Rect::new(area.x + 1, area.y, area.width.saturating_sub(2), area.height);
    let width = usize::from(inner.width);
    let title_style = if focused {
        theme.title().patch(theme.focus_border())
    } else {
        theme.title()
    };
    let title = heading(app, theme, column, width, edges, title_style);
    let rule_style = if focused {
        theme.focus_border()
    } else {
        theme.muted()
    };
    let offset = app.board.offset(c);
    let visible = g.visible_cards();
    let end = (offset + visible).min(column.cards.len());
    let (above, above_late) = more(lang, T::MoreAbove, &column.cards[..offset.min(end)]);
    let (below, below_late) = more(lang, T::MoreBelow, &column.cards[end..]);
    let with_space = |t: &str| {
        if t.is_empty() {
            String::new()
        } else {
            format!(" {t}")
        }
    };
    let above_width = if above.is_empty() {
        0
    } else {
        above.width() + above_late.width() + 1
    };
    let below_width = if below.is_empty() {
        0
    } else {
        below.width() + below_late.width() + 1
    };
    let mut rule = Vec::new();
    if !above.is_empty() {
        rule.push(Span::styled(above, theme.muted()));
        rule.push(Span::styled(above_late, theme.urgency(Urgency::Breached)));
        rule.push(Span::styled(" ", rule_style));
    }
    rule.push(Span::styled(
        "─".repeat(width.saturating_sub(above_width + below_width)),
        rule_style,
    ));
    if !below.is_empty() {
        rule.push(Span::styled(with_space(&below), theme.muted()));
        rule.push(Span::styled(below_late, theme.urgency(Urgency::Breached)));
    }
    let rule = Line::from(rule);
    frame.render_widget(
        Paragraph::new(vec![title, rule]),
        Rect {
            height: 2.min(inner.height),
            ..inner
        },
    );

    if column.cards.is_empty() {
        let empty = Line::from(Span::styled(lang.t(T::ColumnEmpty), theme.muted()));
        let at = g.card(inner, 0);
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
        let at = g.card(inner, slot);
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
    let (badge, urgency) = if case.is_open() {
        super::badge::of(app, case, card, width)
    } else {
        (i18n::state_label(lang, case), Urgency::Quiet)
    };
    let base = if selected { theme.selected() } else { Style::new() };
    let marker = Span::styled(if selected { "▌" } else { " " }, theme.focus_border());
    let person = app.contact(&case.contact);
    if app.board.compact {
        // One line: the number, the badge, the name, as far as they fit.
        let id = format!("{} ", super::repeat::label(lang, card));
        let badge_text = format!("{badge} ");
        let rest = width.saturating_sub(id.width() + badge_text.width());
        let line = Line::from(vec![
            marker,
            Span::styled(fit(&id, width), theme.title()),
            Span::styled(
                fit(&badge_text, width.saturating_sub(id.width())),
                theme.urgency(urgency),
            ),
            Span::raw(pad(&fit(&person.name, rest), rest)),
        ]);
        frame.render_widget(Paragraph::new(line).style(base), area);
        return;
    }
    let contact = match person.organisation.as_deref() {
        Some(org) => format!("{} · {org}", person.name),
        None => person.name.clone(),
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
        line(super::repeat::label(lang, card), theme.title())
    } else {
        let names: Vec<String> = others
            .iter()
            .map(|(name, field)| format!("{name}{}", if field.is_some() { " ✎" } else { "" }))
            .collect();
        let id = super::repeat::label(lang, card);
        let rest = width.saturating_sub(id.width() + 3);
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
        line(i18n::service_name(lang, &case.service).to_string(), theme.muted()),
    ];
    frame.render_widget(Paragraph::new(lines).style(base), area);
}

//! The learnings register: the search at the top, then per service its root
//! causes with the cases behind each and what was learnt, the selected entry in
//! full below when there is room, and the keys at the bottom.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::Theme;
use super::text::{fit, pad, wrap};
use crate::app::learnings::{LearningsView, cases, layout, recurring_mark, root_cause};
use crate::app::{Action, App};
use crate::i18n::T;
use crate::keymap::Context;

pub fn draw(app: &App, view: &LearningsView, theme: &Theme, frame: &mut Frame, area: Rect) {
    let l = layout(area);
    frame.render_widget(Clear, l.outer);
    let lang = app.lang;
    let total: usize = view.entries.iter().map(|e| e.cases.len()).sum();
    let title = format!(
        " {} · {} ",
        lang.t(T::LearningsTitle),
        lang.fill(
            T::LearningsSummary,
            &[("entries", &view.entries.len()), ("cases", &total)]
        )
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(
            fit(&title, usize::from(l.outer.width.saturating_sub(2))),
            theme.title(),
        ));
    frame.render_widget(block, l.outer);
    search(app, view, theme, frame, l.search);
    hints(app, view, theme, frame, l.hints);
    list(app, view, theme, frame, l.list);
    if let Some(area) = l.detail {
        detail(app, view, theme, frame, area);
    }
}

fn one(frame: &mut Frame, area: Rect, line: Line) {
    if area.height > 0 && area.width > 0 {
        frame.render_widget(Paragraph::new(line), Rect { height: 1, ..area });
    }
}

fn search(app: &App, view: &LearningsView, theme: &Theme, frame: &mut Frame, area: Rect) {
    let w = usize::from(area.width);
    let line = if view.query.is_empty() && !view.typing {
        Line::from(Span::styled(
            fit(app.lang.t(T::LearningsSearchHint), w),
            theme.muted(),
        ))
    } else {
        let cursor = if view.typing { "▏" } else { "" };
        let count = app.lang.fill(
            T::LearningsMatching,
            &[("shown", &view.shown.len()), ("total", &view.entries.len())],
        );
        let query = fit(
            &format!("{}{cursor}", view.query),
            w.saturating_sub(2 + count.width() + 2),
        );
        Line::from(vec![
            Span::styled("/ ", theme.key()),
            Span::styled(query, theme.title()),
            Span::raw("  "),
            Span::styled(count, theme.muted()),
        ])
    };
    one(frame, area, line);
}

fn list(app: &App, view: &LearningsView, theme: &Theme, frame: &mut Frame, area: Rect) {
    let w = usize::from(area.width);
    if w == 0 || area.height == 0 {
        return;
    }
    let lang = app.lang;
    if view.shown.is_empty() {
        let key = if view.entries.is_empty() {
            T::LearningsNone
        } else {
            T::LearningsNoMatch
        };
        one(
            frame,
            area,
            Line::from(Span::styled(fit(lang.t(key), w), theme.muted())),
        );
        return;
    }
    let mut lines: Vec<Line> = Vec::new();
    for i in view.offset..view.shown.len() {
        if lines.len() >= usize::from(area.height) {
            break;
        }
        let entry = &view.entries[view.shown[i]];
        if i == view.offset || view.entries[view.shown[i - 1]].service != entry.service {
            lines.push(Line::from(Span::styled(
                fit(&entry.service, w),
                theme.title().patch(theme.label()),
            )));
        }
        let mark = recurring_mark(lang, view, entry)
            .map(|m| format!("{m} · "))
            .unwrap_or_default();
        let head = format!(
            "  {mark}{} ({})",
            root_cause(lang, entry),
            cases(lang, &entry.cases)
        );
        let style = if i == view.selected {
            theme.selected()
        } else {
            Style::new()
        };
        let head = fit(&head, w);
        let bar = if i == view.selected { pad(&head, w) } else { head };
        lines.push(Line::from(Span::raw(bar)).style(style));
        for lesson in &entry.lessons {
            lines.push(Line::from(Span::styled(
                fit(&format!("    → {}", lesson.text), w),
                theme.muted(),
            )));
        }
    }
    lines.truncate(usize::from(area.height));
    frame.render_widget(Paragraph::new(lines), area);
}

/// The selected entry in full, wrapped.
fn detail(app: &App, view: &LearningsView, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(entry) = view.selected_entry() else {
        return;
    };
    let lang = app.lang;
    let w = usize::from(area.width).max(1);
    let mut lines = vec![Line::from(Span::styled("─".repeat(w), theme.muted()))];
    let labelled = |label: &str, text: &str| -> Vec<Line<'static>> {
        let mut out = Vec::new();
        for (n, part) in wrap(&format!("{label}: {text}"), w).into_iter().enumerate() {
            let style = if n == 0 { theme.label() } else { Style::new() };
            out.push(Line::from(Span::styled(part, style)));
        }
        out
    };
    lines.extend(labelled(lang.t(T::FieldService), &entry.service));
    lines.extend(labelled(lang.t(T::FieldRootCause), &root_cause(lang, entry)));
    for lesson in &entry.lessons {
        let text = if entry.lessons.len() > 1 {
            format!("{} ({})", lesson.text, cases(lang, &lesson.cases))
        } else {
            lesson.text.clone()
        };
        lines.extend(labelled(lang.t(T::FieldLearnings), &text));
    }
    for part in wrap(&cases(lang, &entry.cases), w) {
        lines.push(Line::from(Span::styled(part, theme.muted())));
    }
    lines.truncate(usize::from(area.height));
    frame.render_widget(Paragraph::new(lines), area);
}

fn hints(app: &App, view: &LearningsView, theme: &Theme, frame: &mut Frame, area: Rect) {
    let key = |action| {
        app.keymap
            .key_of(Context::Report, action)
            .map(|c| c.to_string())
            .unwrap_or_else(|| "-".into())
    };
    let text = app.lang.fill(
        if view.typing {
            T::LearningsHintsTyping
        } else {
            T::LearningsHints
        },
        &[
            ("open", &key(Action::Open)),
            ("export", &key(Action::Export)),
            ("back", &key(Action::Back)),
        ],
    );
    one(
        frame,
        area,
        Line::from(Span::styled(fit(&text, usize::from(area.width)), theme.muted())),
    );
}

//! The letter view: the three choices, the filled-in letter, what marking it
//! sent will do (or why it cannot), and the keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::Theme;
use super::text::fit;
use crate::app::letters::{LetterView, Row, layout};
use crate::app::{Action, App};
use crate::domain::template::{Language, LetterKind, SentVia};
use crate::domain::workflow::{Command, Step};
use crate::i18n::{Lang, T, action_keys};
use crate::keymap::Context;
use crate::sanitize::wrap;
use crate::templates::{kind_key, language_key, via_key};

pub fn draw(app: &App, view: &LetterView, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let l = layout(area.width, area.height);
    frame.render_widget(Clear, l.body);
    let Some(case) = view.case(app) else {
        frame.render_widget(Block::bordered(), l.outer);
        frame.render_widget(Paragraph::new(lang.t(T::CaseNotLoaded)), l.preview);
        return;
    };
    let title = lang.fill(
        T::LetterTitle,
        &[("id", &case.id), ("name", &app.contact(&case.contact).name)],
    );
    let block = Block::bordered()
        .border_style(theme.focus_border())
        .title(Span::styled(
            format!(" {} ", fit(&title, usize::from(l.outer.width.saturating_sub(4)))),
            theme.title(),
        ));
    frame.render_widget(block, l.outer);
    frame.render_widget(Paragraph::new(choices(lang, view, theme)), l.choices);

    let letter = view.preview(app);
    let width = usize::from(l.preview.width);
    let rows = match &letter {
        Some(Ok(text)) => wrap(text, width),
        _ => Vec::new(),
    };
    let height = usize::from(l.preview.height);
    let first = view.scroll.min(rows.len().saturating_sub(height));
    rule(lang, theme, frame, l.rule, first, height, rows.len());
    match &letter {
        Some(Ok(_)) => {
            let lines: Vec<Line> = rows
                .iter()
                .enumerate()
                .skip(first)
                .take(height)
                .map(|(i, row)| {
                    // The subject line stands out, as it will in the e-mail.
                    let style = if i == 0 { theme.title() } else { Style::new() };
                    Line::from(Span::styled(row.clone(), style))
                })
                .collect();
            frame.render_widget(Paragraph::new(lines), l.preview);
        }
        Some(Err(e)) => frame.render_widget(
            Paragraph::new(Span::styled(e.describe(lang), theme.error())).wrap(Wrap { trim: true }),
            l.preview,
        ),
        None => {}
    }
    frame.render_widget(
        Paragraph::new(notice(app, view, theme)).wrap(Wrap { trim: true }),
        l.notice,
    );
    frame.render_widget(Paragraph::new(hints(app, theme)), l.hints);
}

/// The three choices, each option in a row, the chosen one highlighted and
/// the row that ←/→ changes marked.
fn choices<'a>(lang: Lang, view: &LetterView, theme: &Theme) -> Vec<Line<'a>> {
    let row = |which: Row, label: T, options: Vec<(String, bool)>| {
        let focused = view.row == which;
        let marker = if focused { "▸ " } else { "  " };
        let label_style = if focused { theme.key() } else { theme.label() };
        let mut spans = vec![Span::styled(
            format!("{marker}{:<14}", lang.t(label)),
            label_style,
        )];
        for (text, chosen) in options {
            let style = if chosen { theme.selected() } else { theme.muted() };
            spans.push(Span::styled(format!(" {text} "), style));
            spans.push(Span::raw(" "));
        }
        Line::from(spans)
    };
    let kinds = LetterKind::ALL
        .iter()
        .map(|k| (capitalised(lang.t(kind_key(*k))), *k == view.kind))
        .collect();
    let languages = Language::ALL
        .iter()
        .map(|l| (lang.t(language_key(*l)).to_string(), *l == view.language))
        .collect();
    let vias = SentVia::ALL
        .iter()
        .map(|v| (lang.t(via_key(*v)).to_string(), *v == view.via))
        .collect();
    vec![
        row(Row::Kind, T::LetterRowKind, kinds),
        row(Row::Language, T::LetterRowLanguage, languages),
        row(Row::Via, T::LetterRowVia, vias),
    ]
}

/// A rule between the choices and the letter, saying which rows are shown
/// when the letter is longer than the room.
fn rule(lang: Lang, theme: &Theme, frame: &mut Frame, area: Rect, first: usize, height: usize, total: usize) {
    let mut block = Block::default().borders(Borders::TOP).border_style(theme.muted());
    if total > height {
        let shown = lang.fill(
            T::LetterLines,
            &[
                ("from", &(first + 1)),
                ("to", &(first + height).min(total)),
                ("total", &total),
            ],
        );
        block = block.title(Line::from(Span::styled(format!(" {shown} "), theme.muted())).right_aligned());
    }
    frame.render_widget(block, area);
}

/// Why the last key was not done; else what marking the letter sent will do.
fn notice<'a>(app: &App, view: &LetterView, theme: &Theme) -> Line<'a> {
    let lang = app.lang;
    if view.confirming {
        return Line::from(Span::styled(
            super::letter_confirm::question(app, view),
            theme.urgency(super::theme::Urgency::Soon),
        ));
    }
    if let Some(n) = &view.notice {
        let style = if n.error { theme.error() } else { theme.ok() };
        return Line::from(Span::styled(n.text.clone(), style));
    }
    let Some(Ok(commands)) = view.sending(app) else {
        return Line::default();
    };
    if !matches!(view.letter(app), Some(Ok(_))) {
        return Line::default();
    }
    let key = match commands.first().map(Command::step) {
        Some(Step::Acknowledge) => T::LetterWillAcknowledge,
        Some(Step::DeclareNotAdmissible) => T::LetterWillDeclare,
        Some(Step::CommunicateOutcome) => T::LetterWillCommunicate,
        _ => T::LetterWillLog,
    };
    let via = lang.t(via_key(view.via));
    Line::from(Span::styled(lang.fill(key, &[("via", &via)]), theme.muted()))
}

/// The view's keys, from the keymap so that they cannot drift from it.
fn hints<'a>(app: &App, theme: &Theme) -> Line<'a> {
    let lang = app.lang;
    let key = |action: Action| {
        app.keymap
            .key_of(Context::Letter, action)
            .map(|k| k.to_string())
            .unwrap_or_default()
    };
    let items = [
        (key(Action::Copy), lang.t(action_keys(Action::Copy).0).to_string()),
        (
            key(Action::WriteFile),
            lang.t(action_keys(Action::WriteFile).0).to_string(),
        ),
        (
            key(Action::MarkSent),
            lang.t(action_keys(Action::MarkSent).0).to_string(),
        ),
        (
            [Action::Up, Action::Down, Action::Left, Action::Right]
                .map(key)
                .concat(),
            lang.t(T::LetterHintChoose).to_string(),
        ),
        (
            format!("{}/{}", key(Action::PageUp), key(Action::PageDown)),
            lang.t(T::LetterHintScroll).to_string(),
        ),
        (key(Action::Back), lang.t(action_keys(Action::Back).0).to_string()),
    ];
    let mut spans = Vec::new();
    for (keys, label) in items {
        if keys.is_empty() || keys == "/" {
            continue;
        }
        spans.push(Span::styled(keys, theme.key()));
        spans.push(Span::raw(format!(" {label}  ")));
    }
    Line::from(spans)
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

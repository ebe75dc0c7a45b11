//! The recurrence alert: a box over the board, in amber, until dismissed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::theme::Urgency;
use super::{Theme, centred};
use crate::app::recurrence::RecurrenceAlert;
use crate::app::{Action, App};
use crate::i18n::T;
use crate::keymap::Context;

pub fn draw(app: &App, alert: &RecurrenceAlert, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let warn = theme.urgency(Urgency::Soon);
    let back = app
        .keymap
        .key_of(Context::Menu, Action::Back)
        .map(|k| k.to_string())
        .unwrap_or_default();
    let lines = vec![
        Line::from(Span::styled(alert.text(lang), warn.patch(theme.title()))),
        Line::default(),
        Line::from(lang.t(T::RecurrenceAdvice)),
        Line::default(),
        Line::from(Span::styled(
            lang.fill(T::RecurrenceHint, &[("back", &back)]),
            theme.muted(),
        )),
    ];
    let outer = centred(area, area.width.saturating_sub(4).min(72), 10);
    frame.render_widget(Clear, outer);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(warn)
        .title(Span::styled(
            format!(" {} · {} ", lang.t(T::RecurrenceTitle), alert.id),
            theme.title(),
        ));
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
        outer,
    );
}

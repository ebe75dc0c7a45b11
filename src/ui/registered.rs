//! After registering: the new case number large enough to read aloud on the
//! phone, and when receipt must be acknowledged.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use tui_big_text::{BigText, PixelSize};

use super::{Theme, centred};
use crate::app::{Action, App};
use crate::domain::case::CaseId;
use crate::i18n::{T, datetime};
use crate::keymap::Context;

pub fn draw(app: &App, id: CaseId, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let text = id.to_string();
    // 8 columns a character at full width, 4 in quadrants; pick what fits.
    let (size, rows) = if area.width >= text.len() as u16 * 8 + 6 {
        (PixelSize::HalfHeight, 4)
    } else {
        (PixelSize::Quadrant, 4)
    };
    let outer = centred(area, area.width.saturating_sub(4).min(96), rows + 8);
    frame.render_widget(Clear, outer);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.ok())
        .title(Span::styled(
            format!(" {} ", lang.t(T::RegisteredTitle)),
            theme.title(),
        ));
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    let big = BigText::builder()
        .pixel_size(size)
        .style(theme.title())
        .lines(vec![Line::from(text.clone())])
        .centered()
        .build();
    frame.render_widget(
        big,
        Rect {
            height: rows.min(inner.height),
            ..inner
        },
    );
    let mut lines = vec![
        Line::from(Span::styled(text, theme.title())).centered(),
        Line::default(),
    ];
    if let Some(case) = app.cases.read().get(id) {
        let policy = &app.rules.policy;
        let due = policy.due(case.complained_at, policy.acknowledge_days);
        let ack = lang.fill(T::RegisteredAckDue, &[("date", &datetime(lang, due.deadline))]);
        lines.push(Line::from(Span::styled(ack, theme.urgency(super::theme::Urgency::Soon))).centered());
    }
    let key = |a| {
        app.keymap
            .key_of(Context::Menu, a)
            .map(|k| k.to_string())
            .unwrap_or_default()
    };
    let hint = lang.fill(
        T::RegisteredHint,
        &[("open", &key(Action::Open)), ("back", &key(Action::Back))],
    );
    lines.push(Line::from(Span::styled(hint, theme.muted())).centered());
    let below = Rect::new(
        inner.x,
        inner.y + rows.min(inner.height),
        inner.width,
        inner.height.saturating_sub(rows),
    );
    frame.render_widget(Paragraph::new(lines), below);
}

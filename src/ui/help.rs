//! The help overlay, generated from the keymap so it cannot drift from the keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{Theme, centred};
use crate::app::App;
use crate::i18n::{T, action_keys, context_key};
use crate::keymap::Context;

pub fn draw(app: &App, scroll: u16, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let mut lines = Vec::new();
    for context in Context::HELP_ORDER {
        lines.push(Line::from(Span::styled(
            lang.t(context_key(context)),
            theme.title().patch(theme.label()),
        )));
        for (action, chords) in app.keymap.own_bindings(context) {
            let keys: Vec<String> = chords.iter().map(|c| c.to_string()).collect();
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<18}", keys.join(" ")), theme.key()),
                Span::raw(lang.t(action_keys(action).1)),
            ]));
        }
        lines.push(Line::default());
    }
    // What the marks on the cards mean.
    lines.push(Line::from(Span::styled(
        lang.t(T::LegendTitle),
        theme.title().patch(theme.label()),
    )));
    lines.push(Line::from(vec![
        Span::styled(format!("  {:<18}", super::repeat::marker(lang, 2)), theme.title()),
        Span::raw(lang.t(T::LegendRepeat)),
    ]));
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(lang.t(T::HelpFooter), theme.muted())));
    let area = centred(
        area,
        area.width.saturating_sub(4).min(104),
        area.height.saturating_sub(2),
    );
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(format!(" {} ", lang.t(T::HelpTitle)), theme.title()));
    let max = (lines.len() as u16).saturating_sub(area.height.saturating_sub(2));
    frame.render_widget(
        Paragraph::new(lines).block(block).scroll((scroll.min(max), 0)),
        area,
    );
}

//! The menu of what can be done with a case now.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::text::fit;
use super::{Theme, centred};
use crate::app::moves_menu::MoveMenu;
use crate::app::{Action, App};
use crate::i18n::{T, step_key};
use crate::keymap::Context;

pub fn draw(app: &App, menu: &MoveMenu, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let height = menu.len() as u16 + 2;
    let outer = centred(area, 56, height);
    frame.render_widget(Clear, outer);
    let title = lang.fill(T::MenuTitle, &[("id", &menu.id)]);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(format!(" {title} "), theme.title()));
    let width = usize::from(outer.width.saturating_sub(6));
    let letter = menu.letter.then(|| {
        let key = app.keymap.key_of(Context::Case, Action::Letter);
        let key = key.map(|k| k.to_string()).unwrap_or_default();
        lang.fill(T::MenuLetter, &[("key", &key)])
    });
    let labels = menu
        .steps
        .iter()
        .map(|step| lang.t(step_key(*step)).to_string())
        .chain(letter);
    let lines: Vec<Line> = labels
        .enumerate()
        .map(|(i, label)| {
            let style = if i == menu.selected {
                theme.selected()
            } else {
                Default::default()
            };
            Line::from(vec![
                Span::styled(format!(" {} ", i + 1), theme.key()),
                Span::styled(format!("{:<width$}", fit(&label, width)), style),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), outer);
}

//! The question where to write a letter or an export, over the screen it
//! was asked on: the path, editable, and the keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::text::wrap;
use super::{Theme, centred};
use crate::app::App;
use crate::app::save_as::SaveAs;
use crate::i18n::T;

/// The widest the question gets.
const MAX_WIDTH: u16 = 100;

pub fn draw(app: &App, save: &SaveAs, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let width = area.width.saturating_sub(4).min(MAX_WIDTH);
    let text_width = usize::from(width.saturating_sub(4)).max(1);
    let label = match app.settings.by_name_only {
        true => lang.fill(T::SaveAsInto, &[("folder", &app.settings.exports.display())]),
        false => lang.t(T::SaveAsPath).to_string(),
    };
    let above: Vec<Line> = wrap(&label, text_width)
        .into_iter()
        .map(|l| Line::from(Span::styled(format!(" {l}"), theme.muted())))
        .collect();
    let mut below: Vec<Line> = save
        .problem
        .iter()
        .flat_map(|p| wrap(p, text_width))
        .map(|l| Line::from(Span::styled(format!(" {l}"), theme.error())))
        .collect();
    below.push(Line::from(Span::styled(
        format!(" {}", lang.t(T::SaveAsKeys)),
        theme.muted(),
    )));
    let height = (above.len() + 1 + below.len()) as u16 + 2;
    let outer = centred(area, width, height);
    frame.render_widget(Clear, outer);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", lang.t(T::SaveAsTitle)))
        .border_style(theme.focus_border());
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    let rows = above.len() as u16;
    frame.render_widget(
        Paragraph::new(above),
        Rect {
            height: rows,
            ..inner
        },
    );
    let input = Rect {
        x: inner.x + 1,
        y: inner.y + rows,
        width: inner.width.saturating_sub(2),
        height: 1,
    };
    frame.render_widget(&save.input, input);
    let rest = Rect {
        y: input.y + 1,
        height: inner.height.saturating_sub(rows + 1),
        ..inner
    };
    frame.render_widget(Paragraph::new(below), rest);
}
